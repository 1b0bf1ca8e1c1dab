import type { CellValue, Merge, RawWorkbook } from './raw';
import { columnLetter } from '../../../shared/excel';

/*
 * What the importer read from a workbook before it interprets anything, in a
 * plain JSON shape: `npm run ledger -- cells FILE --json` prints it for an IT
 * helper whose clerk says "my sheet came in wrong", and the corpus test
 * compares it with SheetJS and exceljs. rows[0][0] is A1; a date cell is an
 * ISO 8601 date-time ending in Z; an empty cell (or an error cell) is null.
 */

export type JsonCell = string | number | boolean | null;

export interface SheetCells {
  name: string;
  rows: JsonCell[][];
  merges: string[];
}

export const jsonCell = (v: CellValue): JsonCell => (v instanceof Date ? (Number.isNaN(v.getTime()) ? null : v.toISOString()) : v === '' ? null : v);

export const mergeRef = (m: Merge): string => `${columnLetter(m.left)}${m.top}:${columnLetter(m.right)}${m.bottom}`;

export function workbookCells(wb: RawWorkbook): SheetCells[] {
  return wb.sheets.map((s) => ({
    name: s.name,
    rows: Array.from(s.rows, (row) => (row ? row.map(jsonCell) : [])),
    merges: s.merges.map(mergeRef),
  }));
}
