import type * as XLSX from '@e965/xlsx';
import { loadSheetJS } from '../lazyLibs';
import fs from 'node:fs';
import path from 'node:path';
import { MAX_COLUMNS, MAX_ROWS } from './limits';
import type { CellValue, RawSheet, RawWorkbook } from './raw';
import { badFile } from './sniff';
import { tooManyColumns, tooManyRows } from './readXlsx';

/*
 * Old binary .xls (BIFF8, still what many offices save) through SheetJS, the
 * maintained @e965/xlsx build; exceljs reads only .xlsx. The row limit is
 * passed to the parser so a huge sheet is not materialised.
 */

/** Excel's day count (1900 system, with its 1900-02-29) to a UTC midnight. */
export function excelSerialToDate(serial: number, date1904 = false): Date {
  const days = Math.round(serial * 86400) / 86400;
  return new Date(Math.round((days - (date1904 ? 24107 : 25569)) * 86_400_000));
}

export async function readXls(file: string): Promise<RawWorkbook> {
  const sheetJS = await loadSheetJS();
  const name = path.basename(file);
  let wb: XLSX.WorkBook;
  try {
    wb = sheetJS.read(fs.readFileSync(file), { type: 'buffer', dense: true, cellDates: false, cellFormula: false, cellHTML: false, sheetRows: MAX_ROWS + 1 });
  } catch (err) {
    const msg = (err as Error).message ?? '';
    if (/password|encrypt/i.test(msg)) throw badFile(`文件「${name}」已加密（设置了打开密码），请在 Excel 中取消密码后另存再导入。`);
    throw badFile(`文件「${name}」不是可读取的 Excel 工作簿或已损坏（${msg}）。请在 Excel 中打开并另存为 .xlsx 后再导入。`);
  }
  if (!wb.SheetNames.length) throw badFile(`工作簿「${name}」中没有工作表。`);
  const date1904 = Boolean(wb.Workbook?.WBProps?.date1904);
  const sheets: RawSheet[] = wb.SheetNames.map((sheetName) => {
    const ws = wb.Sheets[sheetName]!;
    const full = ws['!fullref'] ?? ws['!ref'];
    if (full) {
      const range = sheetJS.utils.decode_range(full);
      if (range.e.r + 1 > MAX_ROWS) throw tooManyRows(sheetName);
    }
    const data = (ws['!data'] ?? []) as (XLSX.CellObject[] | undefined)[];
    const rows: (CellValue[] | undefined)[] = [];
    data.forEach((cells, r) => {
      if (!cells) return;
      const out: CellValue[] = [];
      let any = false;
      cells.forEach((cell, c) => {
        if (!cell || cell.v === undefined || cell.v === null || cell.v === '') return;
        if (c + 1 > MAX_COLUMNS) throw tooManyColumns(sheetName, c + 1);
        let v: CellValue;
        if (cell.t === 'n' && typeof cell.v === 'number' && cell.z && sheetJS.SSF.is_date(String(cell.z))) v = excelSerialToDate(cell.v, date1904);
        else if (cell.t === 'e') return;
        else v = cell.v as CellValue;
        out[c] = v;
        any = true;
      });
      if (any) rows[r] = Array.from(out, (v) => v ?? null);
    });
    const merges = (ws['!merges'] ?? []).map((m) => ({ top: m.s.r + 1, left: m.s.c + 1, bottom: m.e.r + 1, right: m.e.c + 1 }));
    return { name: sheetName, rows, merges };
  });
  return { format: 'xls', encoding: '', sheets };
}
