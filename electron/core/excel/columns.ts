import { SUBTOPIC, TOPIC, YES_NO, excelColumns, sheetOf, type CellKind, type EntityDesc, type FieldDesc, type SheetDesc } from '../../../shared/fields';

/*
 * The columns of the standard ledger workbook, as the field descriptions give
 * them (shared/fields): the export, the blank template and the tests read them
 * from here. The header words are the first the import recognises for each
 * field, so an exported workbook comes back in unchanged.
 */

export type { CellKind };
export { YES_NO };

export interface ColumnSpec {
  /** The sheet column's key: the import's field key for it. */
  key: string;
  header: string;
  /** Excel character widths. */
  width: number;
  kind: CellKind;
  /** A drop-down list (data validation) of these values. */
  list?: readonly string[];
  entity: EntityDesc;
  field: FieldDesc;
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

export const yesNo = (b: boolean | null | undefined) => (b === null || b === undefined ? '' : b ? '是' : '否');

/** The Excel number format for days: 2024年5月31日. */
export const DATE_NUMFMT = 'yyyy"年"m"月"d"日"';

function sheetSpec(sheet: SheetDesc): SheetSpec {
  const columns = excelColumns(sheet).map(({ entity, field, excel }) => ({ key: field.column, header: excel.header, width: excel.width, kind: excel.cell, list: excel.list, entity, field }));
  // Neighbouring columns of one group share its label.
  const groups: GroupSpec[] = [];
  for (const { field, key } of columns) {
    const label = field.excel?.group;
    if (!label) continue;
    const last = groups.at(-1);
    if (last?.label === label) (last.keys as string[]).push(key);
    else groups.push({ label, keys: [key] });
  }
  return { name: sheet.name, title: sheet.title, columns, ...(groups.length ? { groups } : {}) };
}

export const LEDGER_SHEET = sheetSpec(sheetOf('ledger'));
export const LEDGER_COLUMNS = LEDGER_SHEET.columns;
/** The topic's own columns: written once and merged vertically over its sub-topic rows. */
export const TOPIC_KEYS: readonly string[] = LEDGER_COLUMNS.filter((c) => c.entity === TOPIC).map((c) => c.key);
/** The sub-topic's columns of the ledger sheet. */
export const SUBTOPIC_KEYS: readonly string[] = LEDGER_COLUMNS.filter((c) => c.entity === SUBTOPIC).map((c) => c.key);
export const ROSTER_SHEET = sheetSpec(sheetOf('roster'));
export const INDICATOR_SHEET = sheetSpec(sheetOf('indicators'));
export const CHECKLIST_SHEET = sheetSpec(sheetOf('checklist'));

export { excelDay } from '../../../shared/excel';

/** 2024年5月31日 */
export function chineseDate(day: string | null | undefined): string {
  if (!day) return '';
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return `${y}年${m}月${d}日`;
}
