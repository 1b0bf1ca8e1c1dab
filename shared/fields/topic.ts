import { TOPIC_SOURCES, TOPIC_STATUSES, ASSIGNMENTS } from '../domain/enums';
import { Id } from '../domain/primitives';
import { LONG_TEXT, dateField, enumField, otherField, refField, textField, type EntityDesc } from './describe';

const NOT_IN_LEDGER_SHEET = '台账表只列课题的序号、名称、来源、部门、支部、负责人和状态';

/** 课题: the topic's columns of the 课题台账 sheet, merged over its sub-topic rows. */
export const TOPIC_FIELDS = [
  otherField({ key: 'campaignId', label: '所属活动', kind: 'id', zod: Id.describe('所属活动'), offSheet: '导入时选择活动' }),
  textField({
    key: 'code',
    label: '序号',
    max: 50,
    plain: false,
    reimport: 'neverCleared',
    excel: { header: '序号', width: 6, cell: 'center', group: '课题信息' },
    synonyms: ['序号', '编号', '课题编号', '序'],
    pdf: { width: 24 },
  }),
  textField({
    key: 'title',
    label: '课题名称',
    max: 300,
    required: true,
    plain: false,
    column: 'topic',
    reimport: 'key',
    identifies: true,
    excel: { header: '课题名称', width: 24, cell: 'wrap', group: '课题信息' },
    synonyms: ['课题名称', '课题', '题目', '课题题目', '大课题', '领题课题', '课题名'],
    pdf: { width: '*' },
  }),
  enumField({
    key: 'source',
    label: '课题来源',
    values: TOPIC_SOURCES,
    zod: (e) => e.default('自定课题'),
    reimport: 'neverCleared',
    excel: { header: '课题来源', width: 10, cell: 'center', list: TOPIC_SOURCES, group: '课题信息' },
    synonyms: ['课题来源', '课题类型', '来源'],
  }),
  refField({ key: 'parentTopicId', label: '所属规定课题', offSheet: NOT_IN_LEDGER_SHEET }),
  refField({ key: 'committeeId', label: '出题党委', offSheet: '填报单位一行写活动的出题党委' }),
  refField({
    key: 'leadDepartmentId',
    label: '牵头部门',
    max: 100,
    column: 'leadDepartment',
    excel: { header: '牵头部门', width: 14, cell: 'wrap', group: '课题信息' },
    synonyms: ['牵头部门', '牵头单位', '责任部门', '牵头科室'],
    pdf: { width: 50 },
  }),
  refField({
    key: 'branchId',
    label: '领题支部',
    max: 100,
    column: 'branch',
    excel: { header: '领题支部', width: 16, cell: 'wrap', group: '课题信息' },
    synonyms: ['领题支部', '责任支部', '党支部', '支部', '领题党支部'],
    pdf: { width: 50 },
  }),
  refField({
    key: 'leaderId',
    label: '课题负责人',
    max: 50,
    column: 'leader',
    excel: { header: '课题负责人', width: 10, cell: 'center', group: '课题信息' },
    synonyms: ['课题负责人', '负责人', '牵头领导', '课题牵头人'],
    pdf: { header: '负责人', width: 34 },
  }),
  enumField({ key: 'assignment', label: '领题方式', values: ASSIGNMENTS, zod: (e) => e.nullable().default(null), offSheet: NOT_IN_LEDGER_SHEET }),
  textField({ key: 'goal', label: '课题目标', max: LONG_TEXT, synonyms: ['课题目标', '目标', '工作目标'], offSheet: '旧台账常有此列，导入时读取；标准台账表不列' }),
  enumField({
    key: 'status',
    label: '课题状态',
    values: TOPIC_STATUSES,
    zod: (e) => e.default('已出题'),
    column: 'topicStatus',
    reimport: 'neverCleared',
    excel: { header: '课题状态', width: 9, cell: 'center', list: TOPIC_STATUSES, group: '课题信息' },
    synonyms: ['课题状态', '课题进度'],
  }),
  dateField({ key: 'issuedDate', label: '出题日期', plain: false, offSheet: NOT_IN_LEDGER_SHEET }),
  dateField({ key: 'claimedDate', label: '领题日期', plain: false, offSheet: NOT_IN_LEDGER_SHEET }),
  dateField({ key: 'startDate', label: '开始日期', plain: false, offSheet: NOT_IN_LEDGER_SHEET }),
  dateField({ key: 'endDate', label: '计划完成日期', plain: false, offSheet: NOT_IN_LEDGER_SHEET }),
  dateField({ key: 'closedDate', label: '结题日期', plain: false, offSheet: NOT_IN_LEDGER_SHEET }),
  textField({ key: 'note', label: '备注', max: 2000, plain: false, offSheet: '台账表的备注一列属于小课题' }),
] as const;

export const TOPIC: EntityDesc<typeof TOPIC_FIELDS> = { name: 'topic', label: '课题', fields: TOPIC_FIELDS };
