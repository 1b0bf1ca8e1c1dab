import { PERSON_CATEGORIES, POLITICAL_STATUSES, SUBTOPIC_STATUSES, TOPIC_SOURCES, TOPIC_STATUSES } from '../../../shared/domain/enums';

/*
 * The columns of the standard ledger workbook, in one place: the export, the
 * blank template and the tests read them from here. The header words are the
 * ones the import recognises (序号, 课题名称, 牵头部门, 领题支部, 小课题,
 * 推进措施, 责任人, 完成时限, 进展情况, 是否销号 …), so an exported workbook
 * comes back in unchanged.
 */

/** How a column's cells are written and styled. */
export type CellKind = 'text' | 'wrap' | 'center' | 'date' | 'number';

export interface ColumnSpec {
  key: string;
  header: string;
  /** Excel character widths. */
  width: number;
  kind: CellKind;
  /** A drop-down list (data validation) of these values. */
  list?: readonly string[];
}

export interface GroupSpec {
  label: string;
  keys: readonly string[];
}

export interface SheetSpec {
  name: string;
  title: string;
  columns: readonly ColumnSpec[];
  /** A grouped two-row header: the group label over its columns. */
  groups?: readonly GroupSpec[];
}

export const YES_NO = ['是', '否'] as const;
export const yesNo = (b: boolean | null | undefined) => (b === null || b === undefined ? '' : b ? '是' : '否');

/** The Excel number format for days: 2024年5月31日. */
export const DATE_NUMFMT = 'yyyy"年"m"月"d"日"';

export const LEDGER_COLUMNS = [
  { key: 'code', header: '序号', width: 6, kind: 'center' },
  { key: 'title', header: '课题名称', width: 24, kind: 'wrap' },
  { key: 'source', header: '课题来源', width: 10, kind: 'center', list: TOPIC_SOURCES },
  { key: 'leadDepartment', header: '牵头部门', width: 14, kind: 'wrap' },
  { key: 'branch', header: '领题支部', width: 16, kind: 'wrap' },
  { key: 'leader', header: '课题负责人', width: 10, kind: 'center' },
  { key: 'topicStatus', header: '课题状态', width: 9, kind: 'center', list: TOPIC_STATUSES },
  { key: 'subtopic', header: '小课题', width: 24, kind: 'wrap' },
  { key: 'measures', header: '推进措施', width: 36, kind: 'wrap' },
  { key: 'owners', header: '责任人', width: 14, kind: 'wrap' },
  { key: 'deadline', header: '完成时限', width: 15, kind: 'date' },
  { key: 'progress', header: '进展情况', width: 30, kind: 'wrap' },
  { key: 'status', header: '小课题状态', width: 11, kind: 'center', list: SUBTOPIC_STATUSES },
  { key: 'closed', header: '是否销号', width: 9, kind: 'center', list: YES_NO },
  { key: 'closedDate', header: '销号日期', width: 15, kind: 'date' },
  { key: 'note', header: '备注', width: 16, kind: 'wrap' },
] as const satisfies readonly ColumnSpec[];
export type LedgerKey = (typeof LEDGER_COLUMNS)[number]['key'];

/** The topic's own columns: written once and merged vertically over its sub-topic rows. */
export const TOPIC_KEYS: readonly LedgerKey[] = ['code', 'title', 'source', 'leadDepartment', 'branch', 'leader', 'topicStatus'];

export const LEDGER_SHEET: SheetSpec = {
  name: '课题台账',
  title: '党支部“领题破题”活动台账',
  columns: LEDGER_COLUMNS,
  groups: [
    { label: '课题信息', keys: TOPIC_KEYS },
    { label: '破题分解', keys: ['subtopic', 'measures', 'owners', 'deadline'] },
    { label: '推进落实', keys: ['progress', 'status', 'closed', 'closedDate', 'note'] },
  ],
};

export const ROSTER_SHEET: SheetSpec = {
  name: '责任人名册',
  title: '责任人名册',
  columns: [
    { key: 'no', header: '序号', width: 6, kind: 'center' },
    { key: 'name', header: '姓名', width: 10, kind: 'center' },
    { key: 'unit', header: '所在单位', width: 24, kind: 'wrap' },
    { key: 'politicalStatus', header: '政治面貌', width: 13, kind: 'center', list: POLITICAL_STATUSES },
    { key: 'category', header: '人员类别', width: 10, kind: 'center', list: PERSON_CATEGORIES },
    { key: 'position', header: '职务', width: 14, kind: 'wrap' },
    { key: 'phone', header: '联系电话', width: 15, kind: 'text' },
  ],
};

export const INDICATOR_SHEET: SheetSpec = {
  name: '成效指标',
  title: '课题成效指标',
  columns: [
    { key: 'topic', header: '课题名称', width: 24, kind: 'wrap' },
    { key: 'name', header: '指标名称', width: 22, kind: 'wrap' },
    { key: 'unit', header: '单位', width: 8, kind: 'center' },
    { key: 'baseline', header: '基期值', width: 11, kind: 'number' },
    { key: 'target', header: '目标值', width: 11, kind: 'number' },
    { key: 'actual', header: '完成值', width: 11, kind: 'number' },
    { key: 'asOf', header: '统计截止', width: 15, kind: 'date' },
    { key: 'met', header: '是否达标', width: 9, kind: 'center', list: YES_NO },
  ],
};

export const CHECKLIST_SHEET: SheetSpec = {
  name: '销号清单',
  title: '销号清单',
  columns: [
    { key: 'topic', header: '课题名称', width: 24, kind: 'wrap' },
    { key: 'no', header: '序号', width: 6, kind: 'center' },
    { key: 'item', header: '事项', width: 28, kind: 'wrap' },
    { key: 'area', header: '所属区域', width: 14, kind: 'wrap' },
    { key: 'owner', header: '责任人', width: 10, kind: 'center' },
    { key: 'plannedDate', header: '计划日期', width: 15, kind: 'date' },
    { key: 'doneDate', header: '完成日期', width: 15, kind: 'date' },
    { key: 'closed', header: '是否销号', width: 9, kind: 'center', list: YES_NO },
  ],
};

/** 2024年5月31日 */
export function chineseDate(day: string | null | undefined): string {
  if (!day) return '';
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return `${y}年${m}月${d}日`;
}
