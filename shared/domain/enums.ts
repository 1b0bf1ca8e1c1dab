/**
 * The fixed vocabularies of the campaign. The values are the Chinese words the
 * users see and type in their spreadsheets, so they are stored as they are:
 * an Excel ledger says "已销号", the database says "已销号", nothing to translate.
 */

export const UNIT_KINDS = ['党委', '党支部', '党小组', '部门'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

export const POLITICAL_STATUSES = ['中共党员', '中共预备党员', '共青团员', '民主党派', '无党派人士', '群众'] as const;
export type PoliticalStatus = (typeof POLITICAL_STATUSES)[number];

/** 人员类别: the statistics count 党员 and 业务骨干 separately ("其中党员46人、业务骨干49人"). */
export const PERSON_CATEGORIES = ['党员', '业务骨干', '员工'] as const;
export type PersonCategory = (typeof PERSON_CATEGORIES)[number];

export const TOPIC_SOURCES = ['规定课题', '细化课题', '自定课题'] as const;
export type TopicSource = (typeof TOPIC_SOURCES)[number];

/** 点题: the committee assigns the topic to a branch; 认领: the branch claims it. */
export const ASSIGNMENTS = ['点题', '认领'] as const;
export type Assignment = (typeof ASSIGNMENTS)[number];

/** In campaign order; a topic only moves forward except through an explicit re-open. */
export const TOPIC_STATUSES = ['已出题', '已领题', '破题中', '已结题', '已验收'] as const;
export type TopicStatus = (typeof TOPIC_STATUSES)[number];
/** A topic in one of these states is read-only until it is re-opened with a reason. */
export const LOCKED_TOPIC_STATUSES: readonly TopicStatus[] = ['已结题', '已验收'];

/**
 * 小课题 states. 已销号 is reached only through the tick-off (with date, opinion,
 * signer); 退回整改 only by sending back with a reason. 延期 and 督办 are not
 * states but marks on a sub-topic (a kept original deadline, a supervision flag).
 */
export const SUBTOPIC_STATUSES = ['未开始', '推进中', '待验收', '已销号', '退回整改'] as const;
export type SubtopicStatus = (typeof SUBTOPIC_STATUSES)[number];
/** The states a plain edit may set; the others have their own action. */
export const EDITABLE_SUBTOPIC_STATUSES = ['未开始', '推进中', '待验收'] as const;

export const PROGRESS_KINDS = ['每周汇报', '推进会', '公开承诺', '现场指导', '其他'] as const;
export type ProgressKind = (typeof PROGRESS_KINDS)[number];

export const EVIDENCE_OWNER_TYPES = ['subtopic', 'progress', 'checklist', 'closure'] as const;
export type EvidenceOwnerType = (typeof EVIDENCE_OWNER_TYPES)[number];
export const EVIDENCE_OWNER_LABELS: Record<EvidenceOwnerType, string> = {
  subtopic: '小课题',
  progress: '台账记录',
  checklist: '销号清单事项',
  closure: '结题材料',
};

export const CLOSURE_OUTCOMES = ['通过', '延期结题', '终止'] as const;
export type ClosureOutcome = (typeof CLOSURE_OUTCOMES)[number];
/** 延期结题 may push the closure back by at most this many months. */
export const MAX_CLOSURE_EXTENSION_MONTHS = 3;

export const AWARDS = ['优秀课题', '最佳实践', '一等奖', '二等奖', '三等奖', '优秀组织奖'] as const;
export type Award = (typeof AWARDS)[number];

export const CLOSURE_SECTIONS = [
  { key: 'workDone', label: '工作开展情况' },
  { key: 'results', label: '取得成效' },
  { key: 'institutional', label: '制度成果' },
  { key: 'experience', label: '经验做法' },
  { key: 'problems', label: '存在问题' },
  { key: 'nextPlans', label: '下步打算' },
] as const;
export type ClosureSectionKey = (typeof CLOSURE_SECTIONS)[number]['key'];

export const INDICATOR_UNITS = ['万元', '元', '件', '万件', '户', '人', '人次', '个', '项', '次', '%'] as const;

export interface RubricCriterion {
  name: string;
  max: number;
}
export const DEFAULT_RUBRIC: RubricCriterion[] = [
  { name: '实效性', max: 50 },
  { name: '创新性', max: 25 },
  { name: '可操作性', max: 25 },
];

export interface GradeBand {
  grade: string;
  min: number;
}
/** Checked from the top: the first band whose minimum the total reaches. */
export const DEFAULT_GRADE_BANDS: GradeBand[] = [
  { grade: '优秀', min: 90 },
  { grade: '良好', min: 80 },
  { grade: '合格', min: 60 },
  { grade: '不合格', min: 0 },
];

export const ENTITY_LABELS = {
  unit: '组织',
  person: '人员',
  campaign: '活动',
  topic: '课题',
  subtopic: '小课题',
  progress: '台账记录',
  indicator: '成效指标',
  checklist: '销号清单事项',
  closure: '结题报告',
  review: '评审',
  commendation: '表彰',
  evidence: '佐证材料',
  setting: '设置',
  importBatch: '导入批次',
  exchange: '数据交换',
} as const;
export type EntityName = keyof typeof ENTITY_LABELS;

/** What an audit line records, in the words of the change log (操作日志). */
export const AUDIT_ACTION_LABELS = {
  create: '新增',
  update: '修改',
  delete: '删除',
  close: '销号',
  reopen: '重新打开',
  sendBack: '退回整改',
  extend: '延期',
  supervise: '督办',
  submit: '提交结题',
  decide: '结题结论',
  import: '导入',
  undo: '撤销导入',
} as const;
export type AuditAction = keyof typeof AUDIT_ACTION_LABELS;
