import { DeleteOutlined, EditOutlined, FilePdfOutlined, FileWordOutlined, SaveOutlined, SendOutlined } from '@ant-design/icons';
import { Alert, App as AntApp, Button, Card, Col, DatePicker, Descriptions, Form, Input, Popconfirm, Radio, Row, Select, Space, Statistic, Table, Tag, Tooltip, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import type { TopicDetail } from '../../../shared/contract/topics';
import { AWARDS, CLOSURE_OUTCOMES, CLOSURE_SECTIONS, type ClosureSectionKey } from '../../../shared/domain/enums';
import type { Commendation } from '../../../shared/domain/schemas';
import { readScore } from '../../../shared/values';
import { call, hasMethod, useCall } from '../api';
import { FormModal } from '../components/FormModal';
import { DoneBar, saveAndRun } from '../pages/Export';
import { fromDateStr, str, todayStr, toDateStr, validValues } from '../forms';
import { indicatorProgress } from './Indicators';

type Sections = Record<ClosureSectionKey, string>;

const fmt = (n: number | null) => (n === null ? '—' : String(n));

/** A first draft of the six sections from what the ledger already holds; the clerk edits it. */
export function draftFromLedger(d: TopicDetail): Sections {
  const progress = [...d.progress].sort((a, b) => a.entryDate.localeCompare(b.entryDate));
  const done = d.subtopics.filter((s) => s.status === '已销号').length;
  const workDone = [
    d.subtopics.length ? `课题分解为 ${d.subtopics.length} 项小课题，已销号 ${done} 项：` : '',
    ...d.subtopics.map((s, i) => `${i + 1}. ${s.title}${s.measures ? `：${s.measures}` : ''}${s.status === '已销号' ? `（${s.closedDate ?? ''} 销号）` : ''}`),
    progress.length ? `推进过程中共形成台账记录 ${progress.length} 条：` : '',
    ...progress.map((p) => `${p.entryDate} ${p.kind}：${p.content}`),
  ]
    .filter(Boolean)
    .join('\n');
  const results = d.indicators
    .map((i) => {
      const p = indicatorProgress(i);
      return `${i.name}：基期 ${fmt(i.baseline)}${i.unit}，目标 ${fmt(i.target)}${i.unit}，完成 ${fmt(i.actual)}${i.unit}${i.met === null ? '' : i.met ? '，已达标' : '，未达标'}${p !== null ? `（完成进度 ${p}%）` : ''}。`;
    })
    .join('\n');
  const problems = progress.map((p) => p.problems).filter(Boolean).slice(-3).join('\n');
  const nextPlans = progress.map((p) => p.nextSteps).filter(Boolean).slice(-3).join('\n');
  return { workDone, results, institutional: '', experience: '', problems, nextPlans };
}

export function ClosureTab({ detail }: { detail: TopicDetail }) {
  const { topic, closure, locked } = detail;
  const [form] = Form.useForm<Sections>();
  const { modal } = AntApp.useApp();
  const [saving, setSaving] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const [submitDate, setSubmitDate] = useState<Dayjs | null>(fromDateStr(todayStr()));
  const prefill = useMemo(() => draftFromLedger(detail), [detail]);
  const initial = useMemo(() => {
    const out = {} as Sections;
    for (const s of CLOSURE_SECTIONS) out[s.key] = closure?.[s.key] || prefill[s.key];
    return out;
  }, [closure, prefill]);
  const open = detail.subtopics.filter((s) => s.status !== '已销号').length;
  const readOnly = locked || Boolean(closure?.submittedDate);

  const save = async () => {
    const v = await validValues(form);
    if (!v) return undefined;
    setSaving(true);
    const ok = await call('closure.save', { topicId: topic.id, ...v }, { success: '结题报告已保存' });
    setSaving(false);
    return ok;
  };

  return (
    <div data-testid="closure">
      <Card
        size="small"
        title="结题报告"
        style={{ marginBottom: 12 }}
        extra={
          <Space>
            {closure?.submittedDate && <Tag color="gold">已于 {closure.submittedDate} 提交</Tag>}
            {closure?.outcome && <Tag color={closure.outcome === '通过' ? 'green' : closure.outcome === '终止' ? 'red' : 'orange'}>结论：{closure.outcome}</Tag>}
            <ReportButtons topicId={topic.id} title={topic.title} />
          </Space>
        }
      >
        {!closure && !readOnly && <Alert type="info" showIcon style={{ marginBottom: 12 }} title="下面的内容已从台账（小课题、推进记录、成效指标）自动带入，请修改完善后保存。" />}
        <Form form={form} layout="vertical" initialValues={initial} key={closure?.updatedAt ?? 'new'} disabled={readOnly}>
          <Row gutter={16}>
            {CLOSURE_SECTIONS.map((s) => (
              <Col xs={24} xl={12} key={s.key}>
                <Form.Item
                  name={s.key}
                  label={
                    <Space>
                      <span>{s.label}</span>
                      {!readOnly && prefill[s.key] && (
                        <a onClick={() => form.setFieldValue(s.key, prefill[s.key])} style={{ fontSize: 12 }}>
                          从台账重新带入
                        </a>
                      )}
                    </Space>
                  }
                  rules={[{ max: 20000, message: `${s.label}不能超过 20000 个字` }, ...(s.key === 'workDone' || s.key === 'results' ? [{ required: false }] : [])]}
                >
                  <Input.TextArea rows={6} aria-label={s.label} />
                </Form.Item>
              </Col>
            ))}
          </Row>
        </Form>
        {!readOnly && (
          <Space wrap>
            <Button type="primary" icon={<SaveOutlined />} loading={saving} onClick={() => void save()} data-testid="closure-save">
              保存结题报告
            </Button>
            <span>提交日期</span>
            <DatePicker value={submitDate} onChange={setSubmitDate} allowClear={false} />
            <Tooltip title={open ? `还有 ${open} 项小课题未销号，全部销号后才能提交结题` : ''}>
              <Button
                icon={<SendOutlined />}
                disabled={open > 0}
                loading={submitting}
                data-testid="closure-submit"
                onClick={() =>
                  modal.confirm({
                    title: '提交结题？',
                    content: '提交后课题变为“已结题”，内容锁定，只能评审；如需修改须重新打开并说明原因。',
                    okText: '提交',
                    cancelText: '取消',
                    onOk: async () => {
                      setSubmitting(true);
                      try {
                        if (!(await save())) return;
                        await call('closure.submit', { topicId: topic.id, submittedDate: toDateStr(submitDate) ?? todayStr() }, { success: '已提交结题' });
                      } finally {
                        setSubmitting(false);
                      }
                    },
                  })
                }
              >
                提交结题
              </Button>
            </Tooltip>
          </Space>
        )}
      </Card>
      {closure?.submittedDate || detail.review ? <ReviewCard detail={detail} /> : null}
      {closure?.outcome && (
        <Card size="small" title="结题结论" style={{ marginBottom: 12 }}>
          <Descriptions size="small">
            <Descriptions.Item label="结论">{closure.outcome}</Descriptions.Item>
            {closure.extendedUntil && <Descriptions.Item label="延期至">{closure.extendedUntil}</Descriptions.Item>}
            {closure.outcomeNote && <Descriptions.Item label="说明">{closure.outcomeNote}</Descriptions.Item>}
          </Descriptions>
        </Card>
      )}
      <CommendationCard detail={detail} />
    </div>
  );
}

/** The closure report in either format: a PDF to preview and print, or a Word document to edit and send on. */
const REPORT_FORMATS = [
  { kind: 'pdf', icon: <FilePdfOutlined />, label: '预览 / 打印 PDF', what: 'PDF', tip: '生成结题报告 PDF，可预览和打印' },
  { kind: 'docx', icon: <FileWordOutlined />, label: '导出 Word', what: 'Word 文档', tip: '生成结题报告 Word 文档（内容和版式与 PDF 相同），可修改后报送' },
] as const;

function ReportButtons({ topicId, title }: { topicId: string; title: string }) {
  const available = hasMethod('report.closure') && hasMethod('shell.saveFileAs');
  const [done, setDone] = useState<Awaited<ReturnType<typeof saveAndRun>>>();
  return (
    <>
      {REPORT_FORMATS.map((f) => (
        <Tooltip key={f.kind} title={available ? f.tip : '此功能尚未接入'}>
          <Button
            icon={f.icon}
            disabled={!available}
            data-testid={`closure-${f.kind}`}
            onClick={async () => setDone((await saveAndRun(f.kind, `${title}结题报告.${f.kind}`, `生成结题报告 ${f.what}`, (out) => call('report.closure', { topicId, out }))) ?? done)}
          >
            {f.label}
          </Button>
        </Tooltip>
      ))}
      {done && (
        <div style={{ position: 'absolute', right: 12, top: 48, zIndex: 5, maxWidth: 520 }}>
          <DoneBar done={done} />
        </div>
      )}
    </>
  );
}

/**
 * Where one reviewer's name ends as the clerk types: 、,，;； and line breaks,
 * never a space, which belongs inside a name such as “党委组织部 孙伟”.
 */
const PEOPLE_SEPARATORS = ['、', ',', '，', ';', '；', '\n'];

interface ReviewValues {
  /** As typed: checked against each criterion's maximum by the shared parser, never clamped. */
  scores: Record<string, string | undefined>;
  reviewers: string[];
  opinion?: string;
  reviewDate: Dayjs;
}

/** 评审: per-criterion scores against the committee's rubric, the grade follows from the bands in settings. */
function ReviewCard({ detail }: { detail: TopicDetail }) {
  const { topic, review, closure } = detail;
  const settings = useCall('settings.get', {});
  const [form] = Form.useForm<ReviewValues>();
  const scores = Form.useWatch('scores', form) as ReviewValues['scores'] | undefined;
  const [saving, setSaving] = useState(false);
  const [deciding, setDeciding] = useState(false);
  if (!settings.data) return null;
  const { rubric, gradeBands } = settings.data;
  const scoreOf = (name: string, max: number) => {
    const r = readScore(scores?.[name], max, name);
    return r.kind === 'score' ? r.value : null;
  };
  const values = rubric.map((c) => scoreOf(c.name, c.max));
  // A total and grade only once every criterion is scored: an empty form is 未评审, not "0 不合格".
  const scored = values.every((v) => v !== null);
  const total = values.reduce<number>((sum, v) => sum + (v ?? 0), 0);
  const bands = [...gradeBands].sort((a, b) => b.min - a.min);
  const grade = scored ? (bands.find((b) => total >= b.min)?.grade ?? '') : '';
  const max = rubric.reduce((s, c) => s + c.max, 0);
  const canReview = topic.status === '已结题' && !closure?.outcome;

  return (
    <Card size="small" title="评审" style={{ marginBottom: 12 }} data-testid="review">
      <Form
        form={form}
        layout="vertical"
        disabled={!canReview}
        key={review?.updatedAt ?? 'new'}
        initialValues={{
          scores: Object.fromEntries(Object.entries(review?.scores ?? {}).map(([k, n]) => [k, String(n)])),
          reviewers: review?.reviewers ?? [],
          opinion: review?.opinion ?? '',
          reviewDate: fromDateStr(review?.reviewDate ?? todayStr()),
        }}
        onFinish={async (v) => {
          setSaving(true);
          const s: Record<string, number> = {};
          for (const c of rubric) {
            const r = readScore(v.scores[c.name], c.max, c.name);
            if (r.kind === 'score') s[c.name] = r.value;
          }
          await call('review.save', { topicId: topic.id, scores: s, reviewers: v.reviewers.map((r) => r.trim()).filter(Boolean), opinion: str(v.opinion), reviewDate: toDateStr(v.reviewDate)! }, { success: '评审已保存' });
          setSaving(false);
        }}
      >
        <Row gutter={16}>
          {rubric.map((c) => (
            <Col key={c.name} xs={12} md={6}>
              <Form.Item name={['scores', c.name]} label={`${c.name}（满分 ${c.max}）`} rules={[scoreRule(c.name, c.max)]}>
                <Input inputMode="decimal" suffix="分" style={{ width: '100%' }} aria-label={c.name} />
              </Form.Item>
            </Col>
          ))}
          <Col xs={12} md={6}>
            <Statistic title={`总分（满分 ${max}）`} value={scored ? total : '未评审'} suffix={grade && <Tag color="blue">{grade}</Tag>} data-testid="review-total" />
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="reviewers" label="评审人（输入姓名后回车，可多人）" rules={[{ required: true, type: 'array', min: 1, message: '至少填写一名评审人' }]}>
              <Select mode="tags" open={false} tokenSeparators={PEOPLE_SEPARATORS} aria-label="评审人" suffixIcon={null} />
            </Form.Item>
          </Col>
          <Col xs={24} md={6}>
            <Form.Item name="reviewDate" label="评审日期" rules={[{ required: true, message: '请选择评审日期' }]}>
              <DatePicker />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="opinion" label="评审意见">
              <Input.TextArea rows={3} />
            </Form.Item>
          </Col>
        </Row>
        {canReview && (
          <Button type="primary" htmlType="submit" loading={saving} data-testid="review-save">
            保存评审
          </Button>
        )}
      </Form>
      {review && (
        <Typography.Paragraph style={{ marginTop: 12 }} data-testid="review-result">
          已评审：总分 <b>{review.total}</b>，等次 <Tag color="blue">{review.grade}</Tag>（{review.reviewDate}，评审人：{review.reviewers.join('、')}）
        </Typography.Paragraph>
      )}
      {canReview && (
        <>
          <Button onClick={() => setDeciding(true)} data-testid="decide">
            作出结题结论…
          </Button>
          {deciding && <DecideModal topicId={topic.id} submitted={closure?.submittedDate ?? todayStr()} hasReview={Boolean(review)} onClose={() => setDeciding(false)} />}
        </>
      )}
    </Card>
  );
}

function DecideModal({ topicId, submitted, hasReview, onClose }: { topicId: string; submitted: string; hasReview: boolean; onClose: () => void }) {
  const [form] = Form.useForm<{ outcome: (typeof CLOSURE_OUTCOMES)[number]; extendedUntil?: Dayjs | null; note?: string }>();
  const outcome = Form.useWatch('outcome', form);
  const latest = fromDateStr(submitted)!.add(3, 'month');
  return (
    <FormModal
      form={form}
      title="结题结论"
      okText="确定"
      onCancel={onClose}
      onSaved={onClose}
      save={(v) => call('closure.decide', { topicId, outcome: v.outcome, extendedUntil: v.outcome === '延期结题' ? toDateStr(v.extendedUntil) : null, note: str(v.note) }, { success: `结论：${v.outcome}` })}
    >
      <Form form={form} layout="vertical" initialValues={{ outcome: hasReview ? '通过' : '延期结题' }}>
        <Form.Item name="outcome" label="结论">
          <Radio.Group options={CLOSURE_OUTCOMES.map((o) => ({ value: o, label: o, disabled: o === '通过' && !hasReview }))} />
        </Form.Item>
        {!hasReview && <Alert type="warning" showIcon title="尚未评审，不能作出“通过”的结论。" style={{ marginBottom: 12 }} />}
        {outcome === '延期结题' && (
          <Form.Item name="extendedUntil" label="延期至（最多 3 个月）" rules={[{ required: true, message: '请选择延期至的日期' }]}>
            <DatePicker disabledDate={(d) => !d.isAfter(fromDateStr(submitted), 'day') || d.isAfter(latest, 'day')} />
          </Form.Item>
        )}
        <Form.Item name="note" label="说明">
          <Input.TextArea rows={2} />
        </Form.Item>
      </Form>
    </FormModal>
  );
}

interface CommendationValues {
  award: (typeof AWARDS)[number];
  awardedDate?: Dayjs | null;
  note?: string;
}
const toCommendation = (v: CommendationValues) => ({ award: v.award, awardedDate: toDateStr(v.awardedDate), note: str(v.note) });
const AWARD_OPTIONS = AWARDS.map((a) => ({ value: a, label: a }));

function EditCommendationModal({ commendation, onClose }: { commendation: Commendation; onClose: () => void }) {
  const [form] = Form.useForm<CommendationValues>();
  return (
    <FormModal form={form} title="修改表彰" onCancel={onClose} onSaved={onClose} save={(v) => call('commendation.update', { id: commendation.id, ...toCommendation(v) }, { success: '表彰已修改' })}>
      <Form form={form} name="commendation-edit" layout="vertical" initialValues={{ ...commendation, awardedDate: fromDateStr(commendation.awardedDate) }}>
        <Form.Item name="award" label="表彰类别" rules={[{ required: true, message: '请选择表彰类别' }]}>
          <Select options={AWARD_OPTIONS} />
        </Form.Item>
        <Form.Item name="awardedDate" label="表彰日期">
          <DatePicker />
        </Form.Item>
        <Form.Item name="note" label="备注">
          <Input.TextArea rows={2} />
        </Form.Item>
      </Form>
    </FormModal>
  );
}

/** 表彰: recorded after closure too (commendation follows it); each one can be corrected or removed. */
function CommendationCard({ detail }: { detail: TopicDetail }) {
  const { topic, commendations } = detail;
  const [form] = Form.useForm<CommendationValues>();
  const [editing, setEditing] = useState<Commendation | null>(null);
  return (
    <Card size="small" title="表彰" data-testid="commendations">
      <Table<Commendation>
        size="small"
        rowKey="id"
        dataSource={commendations}
        pagination={false}
        locale={{ emptyText: '暂无表彰' }}
        style={{ marginBottom: 12 }}
        columns={[
          { title: '表彰类别', dataIndex: 'award', render: (a: string) => <Tag color="red">{a}</Tag> },
          { title: '表彰日期', dataIndex: 'awardedDate' },
          { title: '备注', dataIndex: 'note' },
          {
            title: '操作',
            key: 'actions',
            width: 150,
            render: (_, c) => (
              <Space size={0}>
                <Button size="small" type="link" icon={<EditOutlined />} onClick={() => setEditing(c)}>
                  修改
                </Button>
                <Popconfirm title={`删除表彰「${c.award}」？`} okText="删除" cancelText="取消" onConfirm={() => void call('commendation.delete', { id: c.id }, { success: '已删除表彰' })}>
                  <Button size="small" type="link" danger icon={<DeleteOutlined />}>
                    删除
                  </Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
      <Form
        form={form}
        name="commendation-new"
        layout="inline"
        onFinish={async (v) => {
          const ok = await call('commendation.create', { campaignId: topic.campaignId, topicId: topic.id, ...toCommendation(v) }, { success: '已记录表彰' });
          if (ok) form.resetFields();
        }}
      >
        <Form.Item name="award" rules={[{ required: true, message: '请选择表彰类别' }]}>
          <Select placeholder="表彰类别" aria-label="表彰类别" style={{ width: 140 }} options={AWARD_OPTIONS} />
        </Form.Item>
        <Form.Item name="awardedDate">
          <DatePicker placeholder="表彰日期" />
        </Form.Item>
        <Form.Item name="note">
          <Input placeholder="备注" aria-label="备注" />
        </Form.Item>
        <Button htmlType="submit" data-testid="commend">
          记录表彰
        </Button>
      </Form>
      {editing && <EditCommendationModal commendation={editing} onClose={() => setEditing(null)} />}
    </Card>
  );
}

/** A score above the criterion's maximum is refused with the shared sentence, never clamped to it. */
function scoreRule(name: string, max: number) {
  return {
    validator: async (_rule: unknown, value: string | undefined) => {
      const r = readScore(value, max, name);
      if (r.kind === 'empty') throw new Error(`请填写「${name}」得分（满分 ${max} 分）`);
      if (r.kind === 'invalid') throw new Error(r.message);
    },
  };
}
