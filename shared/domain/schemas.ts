import { z } from 'zod';
import { AWARDS, CLOSURE_OUTCOMES, EVIDENCE_OWNER_TYPES, SUBTOPIC_STATUSES, UNIT_KINDS } from './enums';
import { DateStr, Id, RecordMeta, Timestamp, amount, enumOf, longText, optionalId, requiredText, text } from './primitives';
import { CHECKLIST, INDICATOR, PERSON, PROGRESS, SUBTOPIC, TOPIC, shapeOf } from '../fields';

/*
 * One place per entity: the editable fields (with their Chinese labels, which
 * validation messages, forms and spreadsheet columns reuse) and the stored row.
 * `XFields` is what a create call takes; an update takes `id` plus any subset.
 * The entities that sheets and printed tables carry take their fields from
 * their descriptions (shared/fields), where each field is said once.
 */

// ── 组织 ────────────────────────────────────────────────────────────────
export const UnitFields = z.object({
  name: requiredText('组织名称', 100),
  kind: enumOf(UNIT_KINDS, '组织类型'),
  parentId: optionalId('上级组织').default(null),
  note: text('备注', 500).default(''),
});
export const Unit = z.object({ ...RecordMeta, ...UnitFields.shape, parentName: z.string().nullable() });
export type Unit = z.infer<typeof Unit>;

// ── 人员 ────────────────────────────────────────────────────────────────
export const PersonFields = z.object(shapeOf(PERSON.fields));
export const Person = z.object({ ...RecordMeta, ...PersonFields.shape, unitName: z.string().nullable() });
export type Person = z.infer<typeof Person>;

// ── 活动 ────────────────────────────────────────────────────────────────
export const CampaignFields = z.object({
  name: requiredText('活动名称', 200),
  year: z.number({ message: '年度应为数字' }).int({ message: '年度应为整数' }).min(2000, { message: '年度应在 2000 至 2100 之间' }).max(2100, { message: '年度应在 2000 至 2100 之间' }).describe('年度'),
  committeeId: optionalId('出题党委').default(null),
  startDate: DateStr.nullable().default(null).describe('开始日期'),
  endDate: DateStr.nullable().default(null).describe('结束日期'),
  note: text('备注', 2000).default(''),
});
export const Campaign = z.object({ ...RecordMeta, ...CampaignFields.shape, committeeName: z.string().nullable() });
export type Campaign = z.infer<typeof Campaign>;

// ── 课题 ────────────────────────────────────────────────────────────────
export const TopicFields = z.object(shapeOf(TOPIC.fields));
export const Topic = z.object({
  ...RecordMeta,
  ...TopicFields.shape,
  branchName: z.string().nullable(),
  leadDepartmentName: z.string().nullable(),
  leaderName: z.string().nullable(),
  committeeName: z.string().nullable(),
  /** The office whose exchange package last wrote the topic, and when; null for a topic typed in this ledger. */
  sourceUnit: z.string().nullable().describe('来源单位'),
  exchangedAt: z.string().nullable().describe('最近交换'),
});
export type Topic = z.infer<typeof Topic>;

/** A topic as the topic list shows it: names resolved and progress counted. */
export const TopicListRow = Topic.extend({
  subtopics: z.number().int(),
  closedSubtopics: z.number().int(),
  overdue: z.number().int(),
});
export type TopicListRow = z.infer<typeof TopicListRow>;

// ── 小课题 ──────────────────────────────────────────────────────────────
export const SubtopicFields = z.object(shapeOf(SUBTOPIC.fields));
export const SubtopicOwner = z.object({ id: Id, name: z.string(), unitName: z.string().nullable() });
export const Subtopic = z.object({
  ...RecordMeta,
  ...SubtopicFields.shape,
  seq: z.number().int(),
  status: z.enum(SUBTOPIC_STATUSES),
  owners: z.array(SubtopicOwner),
  originalDeadline: DateStr.nullable(),
  originalDeadlineText: z.string(),
  extensionReason: z.string(),
  returnReason: z.string(),
  supervised: z.boolean(),
  supervisionNote: z.string(),
  closedDate: DateStr.nullable(),
  closeOpinion: z.string(),
  closedBy: z.string(),
  evidenceCount: z.number().int(),
  /** Past its deadline and not ticked off (computed against today). */
  overdue: z.boolean(),
  /** Ticked off with neither evidence nor an opinion: "会议销号", which reviewers look for. */
  closedByMeetingOnly: z.boolean(),
});
export type Subtopic = z.infer<typeof Subtopic>;

// ── 台账记录 ────────────────────────────────────────────────────────────
export const ProgressFields = z.object(shapeOf(PROGRESS.fields));
export const ProgressEntry = z.object({ ...RecordMeta, ...ProgressFields.shape, subtopicTitle: z.string().nullable(), evidenceCount: z.number().int() });
export type ProgressEntry = z.infer<typeof ProgressEntry>;

// ── 成效指标 ────────────────────────────────────────────────────────────
export const IndicatorFields = z.object(shapeOf(INDICATOR.fields));
export const Indicator = z.object({ ...RecordMeta, ...IndicatorFields.shape, seq: z.number().int(), met: z.boolean().nullable() });
export type Indicator = z.infer<typeof Indicator>;

// ── 销号清单 ────────────────────────────────────────────────────────────
export const ChecklistFields = z.object(shapeOf(CHECKLIST.fields));
export const ChecklistItem = z.object({ ...RecordMeta, ...ChecklistFields.shape, seq: z.number().int(), evidenceCount: z.number().int() });
export type ChecklistItem = z.infer<typeof ChecklistItem>;

// ── 结题 / 评审 / 表彰 ──────────────────────────────────────────────────
export const ClosureFields = z.object({
  topicId: Id.describe('所属课题'),
  workDone: longText('工作开展情况').default(''),
  results: longText('取得成效').default(''),
  institutional: longText('制度成果').default(''),
  experience: longText('经验做法').default(''),
  problems: longText('存在问题').default(''),
  nextPlans: longText('下步打算').default(''),
});
export const Closure = z.object({
  ...RecordMeta,
  ...ClosureFields.shape,
  submittedDate: DateStr.nullable(),
  outcome: z.enum(CLOSURE_OUTCOMES).nullable(),
  extendedUntil: DateStr.nullable(),
  outcomeNote: z.string(),
});
export type Closure = z.infer<typeof Closure>;

export const ReviewFields = z.object({
  topicId: Id.describe('所属课题'),
  reviewers: z.array(requiredText('评审人', 50)).min(1, { message: '至少填写一名评审人' }).max(30).describe('评审人'),
  /** Points per rubric criterion, keyed by the criterion's name. */
  scores: z.record(z.string(), amount('得分').min(0, { message: '得分不能为负数' })).describe('评分'),
  opinion: longText('评审意见').default(''),
  reviewDate: DateStr.describe('评审日期'),
});
export const Review = z.object({ ...RecordMeta, ...ReviewFields.shape, total: z.number(), grade: z.string() });
export type Review = z.infer<typeof Review>;

export const CommendationFields = z.object({
  campaignId: Id.describe('所属活动'),
  topicId: optionalId('课题').default(null),
  unitId: optionalId('单位').default(null),
  award: enumOf(AWARDS, '表彰类别'),
  awardedDate: DateStr.nullable().default(null).describe('表彰日期'),
  note: text('备注', 2000).default(''),
});
export const Commendation = z.object({ ...RecordMeta, ...CommendationFields.shape, topicTitle: z.string().nullable(), unitName: z.string().nullable() });
export type Commendation = z.infer<typeof Commendation>;

// ── 佐证材料 ────────────────────────────────────────────────────────────
export const MAX_EVIDENCE_BYTES = 50 * 1024 * 1024;
export const EvidenceFields = z.object({
  ownerType: enumOf(EVIDENCE_OWNER_TYPES, '材料归属'),
  ownerId: Id.describe('归属记录'),
  fileName: requiredText('文件名', 255),
  mime: text('文件类型', 100).default('application/octet-stream'),
  note: text('说明', 500).default(''),
});
export const Evidence = z.object({ ...RecordMeta, ...EvidenceFields.shape, size: z.number().int(), sha256: z.string() });
export type Evidence = z.infer<typeof Evidence>;

// ── 操作日志 / 导入批次 ─────────────────────────────────────────────────
export const AuditEntry = z.object({
  id: Id,
  at: Timestamp,
  operator: z.string(),
  action: z.string(),
  entity: z.string(),
  entityId: z.string(),
  before: z.unknown().nullable(),
  after: z.unknown().nullable(),
  reason: z.string(),
  importBatchId: Id.nullable(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

export const ImportBatch = z.object({
  id: Id,
  fileName: z.string(),
  fileSha256: z.string(),
  campaignId: Id.nullable(),
  importedAt: Timestamp,
  operator: z.string(),
  summary: z.unknown(),
  undoneAt: Timestamp.nullable(),
});
export type ImportBatch = z.infer<typeof ImportBatch>;

// ── 统计 ────────────────────────────────────────────────────────────────
export const Stats = z.object({
  topics: z.number().int(),
  subtopics: z.number().int(),
  people: z.number().int(),
  party: z.number().int(),
  backbone: z.number().int(),
  closedSubtopics: z.number().int(),
  overdueSubtopics: z.number().int(),
  indicators: z.number().int(),
  indicatorsMet: z.number().int(),
  checklist: z.number().int(),
  checklistDone: z.number().int(),
  summary: z.string(),
});
export type Stats = z.infer<typeof Stats>;

export const Deadline = z.object({
  subtopicId: Id,
  subtopicTitle: z.string(),
  topicId: Id,
  topicTitle: z.string(),
  branchName: z.string().nullable(),
  deadline: DateStr,
  daysLeft: z.number().int(),
  owners: z.string(),
  status: z.enum(SUBTOPIC_STATUSES),
  supervised: z.boolean(),
});
export type Deadline = z.infer<typeof Deadline>;

/** Ticked-off sub-topics over all sub-topics, for one branch or lead department. */
export const ProgressGroup = z.object({ name: z.string(), topics: z.number().int(), done: z.number().int(), total: z.number().int(), pct: z.number().int() });
export type ProgressGroup = z.infer<typeof ProgressGroup>;

/** The first rows of a long list, and how many there are in all. */
export const DeadlinePage = z.object({ total: z.number().int(), rows: z.array(Deadline) });

/**
 * Everything the dashboard shows, summarised in the core: at province scale
 * the topic list (1.5 MB) and the overdue list (30,000 rows, 8.3 MB) were
 * sent whole to draw two charts and the first rows of two tables.
 */
export const Dashboard = z.object({
  stats: Stats,
  byBranch: z.array(ProgressGroup),
  byDepartment: z.array(ProgressGroup),
  overdue: DeadlinePage,
  upcoming: DeadlinePage,
});
export type Dashboard = z.infer<typeof Dashboard>;
