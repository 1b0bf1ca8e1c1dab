import type * as XLSX from '@e965/xlsx';
import { loadSheetJS } from '../lazyLibs';
import { excelSerialToDate } from '../../../shared/excel';
import fs from 'node:fs';
import path from 'node:path';
import { MAX_ROWS, newReadBudget, OverLimit, ROW_SLOT_COST, tooManyCells } from './limits';
import type { CellValue, RawSheet, RawWorkbook } from './raw';
import { badFile } from './sniff';

/*
 * Workbooks read whole by SheetJS (the maintained @e965/xlsx build): old
 * binary .xls (BIFF8, still what many offices save), and any .xlsx the fast
 * reader is unsure of (readXlsx.ts falls back here). The row limit is passed
 * to the parser so a huge sheet is not materialised.
 */

/*
 * Excel's built-in formats that no numFmt element spells out and that show
 * dates: the East Asian ones (27–36, 50–58: 年月日 in a Chinese Excel) and
 * 71–81. SheetJS knows them (its SSFImplicit table) but loads one only while
 * formatting a cell's text, after the cell's format has been looked up, so
 * the first such cell of a run would read as a number; they are loaded up front.
 */
const IMPLICIT_DATE_FORMATS: [number[], string][] = [
  [[27, 28, 29, 30, 31, 36, 50, 51, 52, 53, 54, 55, 56, 57, 58, 71, 72], 'm/d/yy'],
  [[32, 33, 34, 35, 77], 'h:mm:ss'],
  [[73], 'd-mmm-yy'],
  [[74], 'd-mmm'],
  [[75], 'mmm-yy'],
  [[76], 'h:mm'],
  [[78], 'm/d/yy h:mm'],
  [[79], 'mm:ss'],
  [[80], '[h]:mm:ss'],
  [[81], 'mmss.0'],
];

/** SheetJS with Excel's implicit date formats in its table (see above). */
export async function sheetJSWithImplicitDates(): Promise<typeof XLSX> {
  const sheetJS = await loadSheetJS();
  const table = sheetJS.SSF.get_table() as Record<number, string | undefined>;
  for (const [ids, fmt] of IMPLICIT_DATE_FORMATS) for (const id of ids) if (table[id] === undefined) sheetJS.SSF.load(fmt, id);
  return sheetJS;
}

/** An OLE compound file holding Excel's encrypted package (a password-protected .xlsx), not an .xls. */
function isEncryptedPackage(sheetJS: typeof XLSX, data: Buffer): boolean {
  try {
    const cfb = sheetJS.CFB.read(data, { type: 'buffer' });
    return Boolean(sheetJS.CFB.find(cfb, 'EncryptedPackage') || sheetJS.CFB.find(cfb, 'EncryptionInfo'));
  } catch {
    return false;
  }
}

export async function readWithSheetJS(file: string, format: 'xls' | 'xlsx'): Promise<RawWorkbook> {
  const sheetJS = await sheetJSWithImplicitDates();
  const name = path.basename(file);
  const data = fs.readFileSync(file);
  if (format === 'xls' && isEncryptedPackage(sheetJS, data)) throw badFile(`文件「${name}」已加密（设置了打开密码），请在 Excel 中取消密码后另存再导入。`);
  let wb: XLSX.WorkBook;
  try {
    wb = sheetJS.read(data, { type: 'buffer', dense: true, cellDates: false, cellNF: true, cellFormula: false, cellHTML: false, sheetRows: MAX_ROWS + 1 });
  } catch (err) {
    const msg = (err as Error).message ?? '';
    // "password" only: SheetJS says "Unsupported ZIP encryption" of any OLE file it cannot place, encrypted or not.
    if (/password/i.test(msg)) throw badFile(`文件「${name}」已加密（设置了打开密码），请在 Excel 中取消密码后另存再导入。`);
    // SheetJS's own message is English and about its internals; the clerk gets the what and the remedy.
    throw badFile(`文件「${name}」不是可读取的 Excel 工作簿或已损坏。请在 Excel 中打开并另存为 .xlsx 后再导入。`);
  }
  if (!wb.SheetNames.length) throw badFile(`工作簿「${name}」中没有工作表。`);
  const date1904 = Boolean(wb.Workbook?.WBProps?.date1904);
  const budget = newReadBudget();
  const notes: string[] = [];
  const sheets: RawSheet[] = [];
  for (const sheetName of wb.SheetNames) {
    const ws = wb.Sheets[sheetName];
    // SheetJS lists a sheet whose part it could not parse but leaves no sheet object.
    if (!ws) throw badFile(`文件「${name}」的工作表「${sheetName}」已损坏，无法读取。请在 Excel 中打开并另存为 .xlsx 后再导入。`);
    const full = ws['!fullref'] ?? ws['!ref'];
    if (full && sheetJS.utils.decode_range(full).e.r + 1 > MAX_ROWS) {
      notes.push(`工作表「${sheetName}」超过 ${MAX_ROWS.toLocaleString('en')} 行，超出导入上限，已跳过。`);
      continue;
    }
    const data = (ws['!data'] ?? []) as (XLSX.CellObject[] | undefined)[];
    const rows: (CellValue[] | undefined)[] = [];
    data.forEach((cells, r) => {
      if (!cells) return;
      const out: CellValue[] = [];
      let any = false;
      cells.forEach((cell, c) => {
        if (!cell || cell.v === undefined || cell.v === null || cell.v === '' || cell.t === 'e' || cell.t === 'z') return;
        let v: CellValue;
        if (cell.v instanceof Date) v = cell.v;
        else if (cell.t === 'n' && typeof cell.v === 'number' && cell.z && sheetJS.SSF.is_date(String(cell.z))) v = excelSerialToDate(cell.v, date1904);
        else v = cell.v as CellValue;
        out[c] = v;
        any = true;
      });
      if (!any) return;
      budget.slots -= out.length + ROW_SLOT_COST;
      if (budget.slots < 0) throw new OverLimit(tooManyCells(sheetName));
      rows[r] = Array.from(out, (v) => v ?? null);
    });
    const merges = (ws['!merges'] ?? []).map((m) => ({ top: m.s.r + 1, left: m.s.c + 1, bottom: m.e.r + 1, right: m.e.c + 1 }));
    sheets.push({ name: sheetName, rows, merges });
  }
  return { format, encoding: '', sheets, notes };
}
