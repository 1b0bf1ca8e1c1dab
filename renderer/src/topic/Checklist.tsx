import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Checkbox, Col, Form, Input, Popconfirm, Progress, Row, Space, Table, Typography } from 'antd';
import type { TopicDetail } from '../../../shared/contract/topics';
import { ChecklistFields, type ChecklistItem } from '../../../shared/domain/schemas';
import { call } from '../api';
import { DateTextInput, typedDateRule, typedDay } from '../components/DeadlineInput';
import { PersonSelect } from '../components/PersonSelect';
import { str, todayStr, zodRule } from '../forms';
import { ChecklistPaste } from './ChecklistPaste';

const F = ChecklistFields.shape;

/** 销号清单: the topic's concrete items (per site, per 网点), ticked off one by one; plus the sub-topics' own count. */
export function ChecklistTab({ detail }: { detail: TopicDetail }) {
  const { topic, locked, checklist, subtopics } = detail;
  const [form] = Form.useForm<{ item: string; area?: string; ownerId?: string | null; plannedDate?: string }>();
  const subDone = subtopics.filter((s) => s.status === '已销号').length;
  const done = checklist.filter((c) => c.closed).length;
  const pct = (a: number, b: number) => (b ? Math.round((a / b) * 100) : 0);

  return (
    <div data-testid="checklist">
      <Row gutter={16} style={{ marginBottom: 12 }}>
        <Col xs={24} md={12}>
          <Card size="small" title="小课题销号">
            <Progress percent={pct(subDone, subtopics.length)} format={() => `${subDone} / ${subtopics.length}`} data-testid="subtopic-progress" />
          </Card>
        </Col>
        <Col xs={24} md={12}>
          <Card size="small" title="销号清单事项">
            <Progress percent={pct(done, checklist.length)} format={() => `${done} / ${checklist.length}`} data-testid="checklist-progress" />
          </Card>
        </Col>
      </Row>
      {!locked && (
        <Form
          form={form}
          layout="inline"
          style={{ marginBottom: 12 }}
          onFinish={async (v) => {
            const ok = await call(
              'checklist.create',
              { topicId: topic.id, item: v.item, area: str(v.area), ownerId: v.ownerId ?? null, plannedDate: typedDay(v.plannedDate) },
              { success: '已添加' },
            );
            if (ok) form.resetFields();
          }}
        >
          <Form.Item name="item" rules={[zodRule(F.item)]}>
            <Input placeholder="事项，例如：更换破损信报箱" style={{ width: 280 }} />
          </Form.Item>
          <Form.Item name="area">
            <Input placeholder="所属区域 / 网点" style={{ width: 150 }} />
          </Form.Item>
          <Form.Item name="ownerId">
            <PersonSelect placeholder="责任人" style={{ width: 140 }} defaultUnitId={topic.branchId} />
          </Form.Item>
          <Form.Item name="plannedDate" rules={[typedDateRule('计划日期')]} style={{ width: 170 }}>
            <DateTextInput label="计划日期" hint="understood" />
          </Form.Item>
          <Button htmlType="submit" icon={<PlusOutlined />}>
            添加事项
          </Button>
          <ChecklistPaste topicId={topic.id} />
        </Form>
      )}
      <Table<ChecklistItem>
        size="small"
        rowKey="id"
        dataSource={checklist}
        pagination={checklist.length > 50 ? { pageSize: 50 } : false}
        locale={{ emptyText: '还没有销号清单事项' }}
        columns={[
          {
            title: '销号',
            dataIndex: 'closed',
            width: 60,
            render: (closed: boolean, c) => (
              <Checkbox
                checked={closed}
                disabled={locked}
                aria-label={`销号：${c.item}`}
                onChange={(e) => void call('checklist.update', { id: c.id, closed: e.target.checked, doneDate: e.target.checked ? (c.doneDate ?? todayStr()) : null })}
              />
            ),
          },
          { title: '事项', dataIndex: 'item', render: (t: string, c) => <Typography.Text delete={c.closed}>{t}</Typography.Text> },
          { title: '区域', dataIndex: 'area', width: 140 },
          { title: '责任人', dataIndex: 'ownerName', width: 100 },
          { title: '计划日期', dataIndex: 'plannedDate', width: 104 },
          { title: '完成日期', dataIndex: 'doneDate', width: 104 },
          {
            title: '',
            key: 'ops',
            width: 50,
            render: (_, c) =>
              locked ? null : (
                <Popconfirm title="删除这个事项？" okText="删除" cancelText="取消" onConfirm={() => void call('checklist.delete', { id: c.id }, { success: '已删除' })}>
                  <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label="删除" />
                </Popconfirm>
              ),
          },
        ]}
      />
      <Space />
    </div>
  );
}
