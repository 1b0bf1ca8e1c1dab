import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Form, Input, Popconfirm, Segmented, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { UNIT_KINDS, type UnitKind } from '../../../shared/domain/enums';
import { UnitFields, type Unit } from '../../../shared/domain/schemas';
import { call, useCall } from '../api';
import { FormModal } from '../components/FormModal';
import { UnitSelect } from '../components/UnitSelect';
import { str, zodRule } from '../forms';

const F = UnitFields.shape;
const KIND_COLORS: Record<UnitKind, string> = { 党委: 'red', 党支部: 'volcano', 党小组: 'orange', 部门: 'blue' };

/** 组织: 党委, 党支部 (who take topics), 党小组, and 部门 (who lead them). */
export function Units() {
  const [kind, setKind] = useState<UnitKind | '全部'>('全部');
  const { data, loading } = useCall('unit.list', kind === '全部' ? {} : { kind });
  const [editing, setEditing] = useState<Unit | 'new' | null>(null);
  const rows = data ?? [];
  return (
    <Card
      title={`组织（${rows.length}）`}
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
          新增组织
        </Button>
      }
    >
      <Segmented style={{ marginBottom: 12 }} value={kind} onChange={(v) => setKind(v as UnitKind | '全部')} options={['全部', ...UNIT_KINDS]} />
      <Table<Unit>
        size="small"
        rowKey="id"
        loading={loading && !data}
        dataSource={rows}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        columns={[
          { title: '名称', dataIndex: 'name', sorter: (a, b) => a.name.localeCompare(b.name, 'zh-CN') },
          { title: '类型', dataIndex: 'kind', width: 90, render: (k: UnitKind) => <Tag color={KIND_COLORS[k]}>{k}</Tag> },
          { title: '上级组织', dataIndex: 'parentName' },
          { title: '备注', dataIndex: 'note' },
          {
            title: '操作',
            key: 'ops',
            width: 90,
            render: (_, u) => (
              <Space size={2}>
                <Button size="small" type="text" icon={<EditOutlined />} onClick={() => setEditing(u)} aria-label="修改" />
                <Popconfirm title={`删除「${u.name}」？`} okText="删除" cancelText="取消" okButtonProps={{ danger: true }} onConfirm={() => void call('unit.delete', { id: u.id }, { success: '已删除' })}>
                  <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label="删除" />
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
      {editing && <UnitModal unit={editing === 'new' ? undefined : editing} onClose={() => setEditing(null)} />}
    </Card>
  );
}

function UnitModal({ unit, onClose }: { unit?: Unit; onClose: () => void }) {
  const [form] = Form.useForm();
  return (
    <FormModal
      form={form}
      title={unit ? '修改组织' : '新增组织'}
      onCancel={onClose}
      onSaved={onClose}
      save={(v) => {
        const args = { name: v.name as string, kind: v.kind as UnitKind, parentId: (v.parentId as string | null) ?? null, note: str(v.note) };
        return unit ? call('unit.update', { id: unit.id, ...args }, { success: '已保存', form }) : call('unit.create', args, { success: '已新增', form });
      }}
    >
      <Form form={form} layout="vertical" initialValues={unit ?? { kind: '党支部' }}>
        <Form.Item name="name" label="组织名称" rules={[zodRule(F.name)]}>
          <Input autoFocus />
        </Form.Item>
        <Form.Item name="kind" label="组织类型" rules={[zodRule(F.kind)]}>
          <Select options={UNIT_KINDS.map((k) => ({ value: k, label: k }))} />
        </Form.Item>
        <Form.Item name="parentId" label="上级组织">
          <UnitSelect />
        </Form.Item>
        <Form.Item name="note" label="备注" rules={[zodRule(F.note)]}>
          <Input.TextArea rows={2} />
        </Form.Item>
      </Form>
    </FormModal>
  );
}
