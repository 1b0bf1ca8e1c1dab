import type { ExcelColumn, EntityDesc, FieldDesc } from './describe';
import { CHECKLIST } from './checklist';
import { INDICATOR } from './indicator';
import { PERSON } from './person';
import { SUBTOPIC } from './subtopic';
import { TOPIC } from './topic';

/*
 * The sheets of the standard workbook, and the kinds of sheet the import
 * recognises: each is the entities whose fields make its columns, in order.
 * The workbook's columns, the import's header words and the PDF tables all
 * come from the fields themselves (describe.ts).
 */

export type SheetKey = 'ledger' | 'roster' | 'indicators' | 'checklist';

export interface SheetDesc {
  key: SheetKey;
  name: string;
  title: string;
  entities: readonly EntityDesc[];
}

export const SHEETS: readonly SheetDesc[] = [
  { key: 'ledger', name: '课题台账', title: '党支部“领题破题”活动台账', entities: [TOPIC, SUBTOPIC] },
  { key: 'roster', name: '责任人名册', title: '责任人名册', entities: [PERSON] },
  { key: 'indicators', name: '成效指标', title: '课题成效指标', entities: [INDICATOR] },
  { key: 'checklist', name: '销号清单', title: '销号清单', entities: [CHECKLIST] },
];

export const sheetOf = (key: SheetKey): SheetDesc => SHEETS.find((s) => s.key === key)!;

/** A field with its entity, as a sheet has it. */
export interface SheetField {
  entity: EntityDesc;
  field: FieldDesc;
}

/** Every field of the sheet's entities that has a column key the import can match (synonyms) or the workbook writes. */
export function sheetFields(sheet: SheetDesc): SheetField[] {
  return sheet.entities.flatMap((entity) => entity.fields.map((field) => ({ entity, field })));
}

/** The workbook's columns of a sheet, in order: the fields that have one. */
export function excelColumns(sheet: SheetDesc): (SheetField & { excel: ExcelColumn })[] {
  return sheetFields(sheet).flatMap((f) => (f.field.excel ? [{ ...f, excel: f.field.excel }] : []));
}

/** The columns the import matches by header: one per column key (the first field that names it), with its synonyms. */
export function importColumns(sheet: SheetDesc): { key: string; synonyms: readonly string[]; required: boolean }[] {
  const seen = new Set<string>();
  const out: { key: string; synonyms: readonly string[]; required: boolean }[] = [];
  for (const { field } of sheetFields(sheet)) {
    if (!field.synonyms.length || seen.has(field.column)) continue;
    seen.add(field.column);
    out.push({ key: field.column, synonyms: field.synonyms, required: field.identifies });
  }
  return out;
}
