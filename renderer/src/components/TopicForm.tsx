import { Button, Col, DatePicker, Drawer, Form, Input, Row, Select, Space } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { ASSIGNMENTS, TOPIC_SOURCES, TOPIC_STATUSES } from '../../../shared/domain/enums';
import { TopicFields, type Topic } from '../../../shared/domain/schemas';
import { call } from '../api';
import { fromDateStr, orderRule, str, todayStr, toDateStr, validValues, zodRule } from '../forms';
import { PersonSelect } from './PersonSelect';
import { UnitSelect } from './UnitSelect';

const F = TopicFields.shape;
const DATE_KEYS = ['issuedDate', 'claimedDate', 'startDate', 'endDate'] as const;
type DateKey = (typeof DATE_KEYS)[number];
/** The date each end field may not precede (the core's rule, shown beside the field). */
const ORDER: Partial<Record<DateKey, [DateKey, string]>> = { claimedDate: ['issuedDate', '出题日期'], endDate: ['startDate', '开始日期'] };

type Values = {
  code?: string;
  title: string;
  source: (typeof TOPIC_SOURCES)[number];
  assignment?: (typeof ASSIGNMENTS)[number] | null;
  branchId?: string | null;
  leadDepartmentId?: string | null;
  leaderId?: string | null;
  status: (typeof TOPIC_STATUSES)[number];
  goal?: string;
  note?: string;
} & { [K in DateKey]?: Dayjs | null };

/** 出题 / 点题 / 认领: a topic pairs a branch (党支部) with a lead department (部门). */
export function TopicForm({ open, campaignId, topic, onDone }: { open: boolean; campaignId: string; topic?: Topic; onDone: (t?: Topic) => void }) {
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const branchId = Form.useWatch('branchId', form);
  const initial: Partial<Values> = topic
    ? ({ ...topic, ...Object.fromEntries(DATE_KEYS.map((k) => [k, fromDateStr(topic[k])])) } as Partial<Values>)
    : { source: '自定课题', status: '已出题', issuedDate: fromDateStr(todayStr()) };

  /** A new topic that is assigned (点题) or claimed (认领) by a chosen branch has been taken: 已领题, dated today unless given. */
  const followAssignment = (_changed: Partial<Values>, all: Values) => {
    if (topic || !all.assignment || !all.branchId || all.status !== '已出题') return;
    form.setFieldsValue({ status: '已领题', ...(all.claimedDate ? {} : { claimedDate: fromDateStr(todayStr()) }) } as Partial<Values>);
  };

  const submit = async () => {
    const v = await validValues(form);
    if (!v) return;
    const args = {
      code: str(v.code),
      title: v.title,
      source: v.source,
      assignment: v.assignment ?? null,
      branchId: v.branchId ?? null,
      leadDepartmentId: v.leadDepartmentId ?? null,
      leaderId: v.leaderId ?? null,
      goal: str(v.goal),
      note: str(v.note),
      ...Object.fromEntries(DATE_KEYS.map((k) => [k, toDateStr(v[k])])),
    };
    setSaving(true);
    const saved = topic
      ? await call('topic.update', { id: topic.id, ...args, ...(v.status !== topic.status ? { status: v.status } : {}) }, { success: '课题已保存', form })
      : await call('topic.create', { campaignId, ...args, status: v.status }, { success: '课题已创建', form });
    setSaving(false);
    if (saved) onDone(saved);
  };

  return (
    <Drawer
      open={open}
      size={640}
      title={topic ? '修改课题' : '新建课题（出题 / 点题 / 认领）'}
      destroyOnHidden
      onClose={() => onDone()}
      extra={
        <Space>
          <Button onClick={() => onDone()}>取消</Button>
          <Button type="primary" loading={saving} onClick={() => void submit()} data-testid="topic-save">
            保存
          </Button>
        </Space>
      }
    >
      <Form form={form} layout="vertical" initialValues={initial} preserve={false} onFinish={() => void submit()} onValuesChange={followAssignment}>
        <Row gutter={12}>
          <Col span={6}>
            <Form.Item name="code" label="序号" rules={[zodRule(F.code)]}>
              <Input placeholder="如 1、2-3" />
            </Form.Item>
          </Col>
          <Col span={18}>
            <Form.Item name="title" label="课题名称" rules={[zodRule(F.title)]}>
              <Input autoFocus placeholder="例如：提升农村寄递物流服务水平" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="source" label="课题来源" rules={[zodRule(F.source)]}>
              <Select options={TOPIC_SOURCES.map((s) => ({ value: s, label: s }))} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="assignment" label="领题方式">
              <Select allowClear placeholder="点题或认领" options={ASSIGNMENTS.map((s) => ({ value: s, label: s }))} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="status" label="课题状态">
              <Select options={TOPIC_STATUSES.filter((s) => s === topic?.status || ['已出题', '已领题', '破题中'].includes(s)).map((s) => ({ value: s, label: s }))} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="branchId" label="领题支部">
              <UnitSelect kinds={['党支部', '党小组']} placeholder="选择党支部" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="leadDepartmentId" label="牵头部门">
              <UnitSelect kinds={['部门']} placeholder="选择部门" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="leaderId" label="课题负责人">
              <PersonSelect defaultUnitId={branchId} />
            </Form.Item>
          </Col>
          <Col span={12} />
          {DATE_KEYS.map((k) => (
            <Col span={6} key={k}>
              <Form.Item
                name={k}
                label={F[k].description}
                dependencies={ORDER[k] ? [ORDER[k][0]] : []}
                rules={ORDER[k] ? [orderRule(...ORDER[k], F[k].description ?? '')] : []}
              >
                <DatePicker style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          ))}
          <Col span={24}>
            <Form.Item name="goal" label="课题目标" rules={[zodRule(F.goal)]}>
              <Input.TextArea rows={3} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="note" label="备注" rules={[zodRule(F.note)]}>
              <Input.TextArea rows={2} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Drawer>
  );
}
