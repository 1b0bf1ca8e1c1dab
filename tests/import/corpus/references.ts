import ExcelJS from 'exceljs';
import type * as XLSX from '@e965/xlsx';
import fs from 'node:fs';
import { sheetJSWithImplicitDates } from '../../../electron/core/import/readSheetJS';
import { excelSerialToDate } from '../../../shared/excel';
import type { JsonCell, SheetCells } from '../../../electron/core/import/cells';

/*
 * The two reference readers of the corpus test, brought to the same JSON
 * shape as `ledger cells` (electron/core/import/cells.ts): SheetJS (the
 * library the app itself falls back to) and exceljs's full reader.
 */

const iso = (d: Date): JsonCell => (Number.isNaN(d.getTime()) ? null : d.toISOString());

function setCell(rows: JsonCell[][], r: number, c: number, v: JsonCell): void {
  if (v === null || v === '') return;
  const row = (rows[r] ??= []);
  while (row.length < c) row.push(null);
  row[c] = v;
}

const fill = (rows: JsonCell[][]): JsonCell[][] => Array.from(rows, (r) => r ?? []);

export async function sheetjsCells(file: string): Promise<SheetCells[]> {
  const sheetJS = await sheetJSWithImplicitDates();
  const wb = sheetJS.read(fs.readFileSync(file), { type: 'buffer', dense: true, cellDates: false, cellNF: true, cellFormula: false, cellHTML: false });
  const date1904 = Boolean(wb.Workbook?.WBProps?.date1904);
  return wb.SheetNames.map((name) => {
    const ws = wb.Sheets[name]!;
    const rows: JsonCell[][] = [];
    ((ws['!data'] ?? []) as (XLSX.CellObject[] | undefined)[]).forEach((cells, r) => {
      cells?.forEach((cell, c) => {
        if (!cell || cell.v === undefined || cell.t === 'e' || cell.t === 'z') return;
        let v: JsonCell;
        if (cell.v instanceof Date) v = iso(cell.v);
        else if (cell.t === 'n' && typeof cell.v === 'number' && cell.z && sheetJS.SSF.is_date(String(cell.z))) v = iso(excelSerialToDate(cell.v, date1904));
        else v = cell.v as JsonCell;
        setCell(rows, r, c, v);
      });
    });
    const merges = (ws['!merges'] ?? []).filter((m) => m.e.r > m.s.r || m.e.c > m.s.c).map((m) => sheetJS.utils.encode_range(m));
    return { name, rows: fill(rows), merges };
  });
}

function exceljsValue(v: ExcelJS.CellValue): JsonCell {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return iso(v);
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if ('richText' in v) return v.richText.map((t) => t.text).join('');
  if ('error' in v) return null;
  if ('result' in v) return v.result === undefined ? null : exceljsValue(v.result as ExcelJS.CellValue);
  if ('formula' in v || 'sharedFormula' in v) return null;
  if ('text' in v) return exceljsValue((v as { text: ExcelJS.CellValue }).text);
  return null;
}

export async function exceljsCells(file: string): Promise<SheetCells[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb.worksheets.map((ws) => {
    const rows: JsonCell[][] = [];
    ws.eachRow({ includeEmpty: false }, (row, r) => {
      row.eachCell({ includeEmpty: false }, (cell, c) => {
        if (cell.isMerged && cell.master !== cell) return;
        setCell(rows, r - 1, c - 1, exceljsValue(cell.value));
      });
    });
    const merges = Object.values((ws as unknown as { _merges: Record<string, { range: string }> })._merges ?? {}).map((m) => m.range).filter((r) => r.includes(':'));
    return { name: ws.name, rows: fill(rows), merges };
  });
}
