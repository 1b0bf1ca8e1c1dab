import { DeleteOutlined, EditOutlined, SnippetsOutlined } from '@ant-design/icons';
import { Button, Card, Col, DatePicker, Empty, Form, Input, Popconfirm, Row, Select, Space, Tag, Timeline, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import type { TopicDetail } from '../../../shared/contract/topics';
import { PROGRESS_KINDS, type ProgressKind } from '../../../shared/domain/enums';
import { ProgressFields, type ProgressEntry } from '../../../shared/domain/schemas';
import { call } from '../api';
import { FormModal } from '../components/FormModal';
import { PersonSelect } from '../components/PersonSelect';
import { fromDateStr, str, todayStr, toDateStr, zodRule } from '../forms';
import { tabPaste } from './PasteDialog';
import { ProgressPaste } from './ProgressPaste';

const F = ProgressFields.shape;
const KIND_COLORS: Record<string, string> = { 每周汇报: 'blue', 推进会: 'green', 公开承诺: 'purple', 现场指导: 'orange', 其他: 'gray' };

interface Values {
  entryDate: Dayjs;
  kind: ProgressKind;
  subtopicId?: string | null;
  content: string;
  problems?: string;
  nextSteps?: string;
  reporterId?: string | null;
}

/** The form's values as the contract's fields. A reporter picked from the roster replaces a legacy sheet's text name. */
function toFields(v: Values) {
  return {
    subtopicId: v.subtopicId ?? null,
    entryDate: toDateStr(v.entryDate)!,
    kind: v.kind,
    content: v.content,
    problems: str(v.problems),
    nextSteps: str(v.nextSteps),
    reporterId: v.reporterId ?? null,
    ...(v.reporterId ? { reporterName: '' } : {}),
  };
}

/** The fields of an entry, shared by 记一笔台账 and the edit dialog. */
function EntryFields({ topic, subtopics }: Pick<TopicDetail, 'topic' | 'subtopics'>) {
  return (
    <>
      <Space wrap>
        <Form.Item name="entryDate" label="日期" rules={[{ required: true, message: '请选择日期' }]}>
          <DatePicker />
        </Form.Item>
        <Form.Item name="kind" label="记录类型">
          <Select style={{ width: 120 }} options={PROGRESS_KINDS.map((k) => ({ value: k, label: k }))} />
        </Form.Item>
        <Form.Item name="reporterId" label="汇报人">
          <PersonSelect style={{ width: 150 }} defaultUnitId={topic.branchId} />
        </Form.Item>
      </Space>
      <Form.Item name="subtopicId" label="对应小课题（可不选，记在课题上）">
        <Select allowClear placeholder="整个课题" options={subtopics.map((s) => ({ value: s.id, label: `${s.code ? `${s.code}. ` : ''}${s.title}` }))} />
      </Form.Item>
      <Form.Item name="content" label="工作内容" rules={[zodRule(F.content)]}>
        <Input.TextArea rows={4} placeholder="本周做了什么、开了什么会、作出什么承诺" />
      </Form.Item>
      <Form.Item name="problems" label="存在问题" rules={[zodRule(F.problems)]}>
        <Input.TextArea rows={2} />
      </Form.Item>
      <Form.Item name="nextSteps" label="下步计划" rules={[zodRule(F.nextSteps)]}>
        <Input.TextArea rows={2} />
      </Form.Item>
    </>
  );
}

function EditEntryModal({ entry, detail, onClose }: { entry: ProgressEntry; detail: TopicDetail; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  return (
    <FormModal form={form} title="修改台账记录" width={640} onCancel={onClose} onSaved={onClose} save={(v) => call('progress.update', { id: entry.id, ...toFields(v) }, { success: '台账记录已修改' })}>
      <Form form={form} name="progress-edit" layout="vertical" initialValues={{ ...entry, entryDate: fromDateStr(entry.entryDate) }}>
        {!entry.reporterId && entry.reporterName && <Typography.Paragraph type="secondary">原表中的汇报人：{entry.reporterName}（从名册中选择后以名册为准）</Typography.Paragraph>}
        <EntryFields topic={detail.topic} subtopics={detail.subtopics} />
      </Form>
    </FormModal>
  );
}

/** 台账: weekly reports, meetings, public commitments and site visits, on a timeline. */
export function ProgressTab({ detail }: { detail: TopicDetail }) {
  const { topic, locked, progress, subtopics } = detail;
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [editing, setEditing] = useState<ProgressEntry | null>(null);
  const [filter, setFilter] = useState<string | undefined>();
  // Entries pasted from Excel (a weekly sheet kept by hand): the text while its preview is open.
  const [pasted, setPasted] = useState<string | null>(null);
  const entries = [...progress].filter((p) => !filter || p.subtopicId === filter).sort((a, b) => b.entryDate.localeCompare(a.entryDate) || b.createdAt.localeCompare(a.createdAt));

  const submit = async (v: Values) => {
    setSaving(true);
    const ok = await call('progress.create', { topicId: topic.id, ...toFields(v) }, { success: '已记入台账' });
    setSaving(false);
    // The next entry starts on the whole topic: a sub-topic carried over would file it under the wrong item.
    if (ok) form.resetFields(['subtopicId', 'content', 'problems', 'nextSteps']);
  };

  return (
    <div data-testid="progress" {...tabPaste(!locked && pasted === null && !editing, setPasted)}>
      <Row gutter={16}>
        {!locked && (
          <Col xs={24} xl={10}>
            <Card
              size="small"
              title="记一笔台账"
              extra={
                <Button size="small" icon={<SnippetsOutlined />} onClick={() => setPasted('')} data-testid="progress-paste">
                  批量添加
                </Button>
              }
            >
              <Form form={form} name="progress-new" layout="vertical" data-testid="progress-form" initialValues={{ entryDate: fromDateStr(todayStr()), kind: '每周汇报' }} onFinish={(v) => void submit(v)}>
                <EntryFields topic={topic} subtopics={subtopics} />
                <Button type="primary" htmlType="submit" loading={saving} data-testid="progress-save">
                  记入台账
                </Button>
              </Form>
            </Card>
          </Col>
        )}
        <Col xs={24} xl={locked ? 24 : 14}>
          <Card
            size="small"
            title="推进时间线"
            extra={<Select allowClear placeholder="全部小课题" style={{ width: 220 }} value={filter} onChange={setFilter} options={subtopics.map((s) => ({ value: s.id, label: s.title }))} />}
          >
            {entries.length === 0 ? (
              <Empty description="还没有台账记录" />
            ) : (
              <Timeline
                data-testid="progress-timeline"
                items={entries.map((p) => ({
                  color: KIND_COLORS[p.kind],
                  title: (
                    <Space>
                      <Typography.Text strong>{p.entryDate}</Typography.Text>
                      <Tag color={KIND_COLORS[p.kind]}>{p.kind}</Tag>
                    </Space>
                  ),
                  content: (
                    <div data-testid="progress-entry">
                      {p.subtopicTitle && <Typography.Text type="secondary">小课题：{p.subtopicTitle}　</Typography.Text>}
                      {p.reporterName && <Typography.Text type="secondary">汇报人：{p.reporterName}</Typography.Text>}
                      <div className="cell-text">{p.content}</div>
                      {p.problems && <div className="cell-text">存在问题：{p.problems}</div>}
                      {p.nextSteps && <div className="cell-text">下步计划：{p.nextSteps}</div>}
                      {!locked && (
                        <Button size="small" type="link" icon={<EditOutlined />} onClick={() => setEditing(p)}>
                          修改
                        </Button>
                      )}
                      {!locked && (
                        <Popconfirm title="删除这条台账记录？" okText="删除" cancelText="取消" onConfirm={() => void call('progress.delete', { id: p.id }, { success: '已删除' })}>
                          <Button size="small" type="link" danger icon={<DeleteOutlined />}>
                            删除
                          </Button>
                        </Popconfirm>
                      )}
                    </div>
                  ),
                }))}
              />
            )}
          </Card>
        </Col>
        {editing && <EditEntryModal entry={editing} detail={detail} onClose={() => setEditing(null)} />}
      </Row>
      {pasted !== null && <ProgressPaste topic={topic} subtopics={subtopics} text={pasted} onText={setPasted} onClose={() => setPasted(null)} />}
    </div>
  );
}
