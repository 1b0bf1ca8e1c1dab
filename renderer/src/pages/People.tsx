import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Col, Form, Input, Popconfirm, Row, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { PERSON_CATEGORIES, POLITICAL_STATUSES } from '../../../shared/domain/enums';
import { PersonFields, type Person } from '../../../shared/domain/schemas';
import { call, useCall } from '../api';
import { FormModal } from '../components/FormModal';
import { UnitSelect } from '../components/UnitSelect';
import { str, zodRule } from '../forms';
import { useDebounced } from '../useDebounced';

const F = PersonFields.shape;

/** 人员名册: who can be a 负责人 or 责任人; 政治面貌 and 人员类别 feed the statistics sentence. */
export function People() {
  const [typed, setTyped] = useState('');
  // Filters while typing, once the typing pauses.
  const q = useDebounced(typed.trim());
  const [unitId, setUnitId] = useState<string | null>(null);
  const { data, loading } = useCall('person.list', { ...(q ? { q } : {}), ...(unitId ? { unitId } : {}) });
  const [editing, setEditing] = useState<Person | 'new' | null>(null);
  const rows = data ?? [];
  return (
    <Card
      title={`人员名册（${rows.length} 人）`}
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
          新增人员
        </Button>
      }
    >
      <Space style={{ marginBottom: 12 }} wrap>
        <Input.Search allowClear placeholder="搜索姓名" value={typed} onChange={(e) => setTyped(e.target.value)} onSearch={setTyped} style={{ width: 220 }} data-testid="people-search" />
        <UnitSelect placeholder="所在单位" value={unitId} onChange={setUnitId} style={{ width: 220 }} />
      </Space>
      <Table<Person>
        size="small"
        rowKey="id"
        loading={loading && !data}
        dataSource={rows}
        pagination={{ pageSize: 50, showSizeChanger: false, hideOnSinglePage: true }}
        columns={[
          { title: '姓名', dataIndex: 'name', width: 100, sorter: (a, b) => a.name.localeCompare(b.name, 'zh-CN') },
          { title: '所在单位', dataIndex: 'unitName', sorter: (a, b) => (a.unitName ?? '').localeCompare(b.unitName ?? '', 'zh-CN') },
          { title: '职务', dataIndex: 'position' },
          { title: '政治面貌', dataIndex: 'politicalStatus', width: 110 },
          { title: '人员类别', dataIndex: 'category', width: 100, render: (c: string | null) => c && <Tag color={c === '党员' ? 'red' : c === '业务骨干' ? 'blue' : 'default'}>{c}</Tag> },
          { title: '联系电话', dataIndex: 'phone', width: 130 },
          {
            title: '操作',
            key: 'ops',
            width: 90,
            render: (_, p) => (
              <Space size={2}>
                <Button size="small" type="text" icon={<EditOutlined />} onClick={() => setEditing(p)} aria-label="修改" />
                <Popconfirm title={`删除「${p.name}」？`} okText="删除" cancelText="取消" okButtonProps={{ danger: true }} onConfirm={() => void call('person.delete', { id: p.id }, { success: '已删除' })}>
                  <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label="删除" />
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
      {editing && <PersonModal person={editing === 'new' ? undefined : editing} onClose={() => setEditing(null)} />}
    </Card>
  );
}

function PersonModal({ person, onClose }: { person?: Person; onClose: () => void }) {
  const [form] = Form.useForm();
  return (
    <FormModal
      form={form}
      title={person ? '修改人员' : '新增人员'}
      onCancel={onClose}
      onSaved={onClose}
      save={(v) => {
        const args = {
          name: v.name as string,
          unitId: (v.unitId as string | null) ?? null,
          politicalStatus: v.politicalStatus ?? null,
          category: v.category ?? null,
          position: str(v.position),
          phone: str(v.phone),
          note: str(v.note),
        };
        return person ? call('person.update', { id: person.id, ...args }, { success: '已保存', form }) : call('person.create', args, { success: '已新增', form });
      }}
    >
      <Form form={form} layout="vertical" initialValues={person ?? {}}>
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item name="name" label="姓名" rules={[zodRule(F.name)]}>
              <Input autoFocus />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="unitId" label="所在单位">
              <UnitSelect />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="politicalStatus" label="政治面貌">
              <Select allowClear options={POLITICAL_STATUSES.map((s) => ({ value: s, label: s }))} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="category" label="人员类别">
              <Select allowClear options={PERSON_CATEGORIES.map((s) => ({ value: s, label: s }))} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="position" label="职务" rules={[zodRule(F.position)]}>
              <Input />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="phone" label="联系电话" rules={[zodRule(F.phone)]}>
              <Input />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="note" label="备注" rules={[zodRule(F.note)]}>
              <Input.TextArea rows={2} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </FormModal>
  );
}
