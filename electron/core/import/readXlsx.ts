import path from 'node:path';
import { LedgerError } from '../errors';
import { MAX_SMALL_PART_BYTES, newReadBudget, OverLimit } from './limits';
import { NeedsFallback } from './fallback';
import type { RawSheet, RawWorkbook } from './raw';
import { readWithSheetJS } from './readSheetJS';
import { badFile } from './sniff';
import { bookParts } from './xlsxBook';
import { dateStyles, readSharedStrings } from './xlsxScan';
import { readSheet } from './xlsxSheet';
import { partText } from './xml';
import { ZipArchive } from './zip';

/*
 * .xlsx through our own streaming reader (xlsxBook, xlsxScan, xlsxSheet):
 * exceljs's streaming reader was the slowest part of an import, lost merged
 * cells and split UTF-8 across chunks; SheetJS reads the whole file into
 * memory at about six times the time. Correctness is the gate: the corpus
 * tests (tests/import/corpus-{1,2,3}.test.ts) read 1,450 real workbooks with this
 * reader, SheetJS and exceljs side by side. Where the fast reader is not
 * sure (NeedsFallback), the file is read by SheetJS and the analysis says so.
 *
 * Bounds hold for the whole workbook (limits.ts): a sheet beyond them is
 * skipped with a note when another sheet holds something; the workbook is
 * refused only when nothing readable is left. Two sheets that name one part
 * read it once.
 */

/**
 * The SheetJS fallback holds the whole file, its XML and a cell object per
 * cell in memory: only for files whose parts, as declared, stay small enough
 * to keep it under 600 MB (a province's ledger is ~16 MB of XML; 23 MB of the
 * densest cells peaks at about 440 MB, measured in tests/import/hostile.test.ts).
 */
const MAX_FALLBACK_DECLARED_BYTES = 24 * 1024 * 1024;

/** The fast reader alone: throws NeedsFallback where it is unsure (readXlsx then asks SheetJS). */
async function readFast(zip: ZipArchive, name: string): Promise<RawWorkbook> {
  const budget = newReadBudget();
  const book = bookParts(zip, name, budget);
  let shared: string[] = [];
  try {
    if (book.sharedStrings) shared = await readSharedStrings(zip, book.sharedStrings, budget);
  } catch (err) {
    // Every sheet's text is in there: past the limits, nothing is readable.
    if (err instanceof OverLimit) throw badFile(`文件「${name}」无法导入：${err.what}，超出导入上限；请拆分后再导入。`);
    throw err;
  }
  const dates = book.styles ? dateStyles(partText(zip.read(book.styles, MAX_SMALL_PART_BYTES, budget))) : [];
  const sheets: RawSheet[] = [];
  const notes: string[] = [];
  const skipped: OverLimit[] = [];
  const readParts = new Map<string, string>();
  for (const s of book.sheets) {
    if (!s.entry) continue;
    const first = readParts.get(s.entry.name);
    if (first !== undefined) {
      notes.push(`工作表「${s.name}」与「${first}」指向同一份内容，只读取了一次。`);
      continue;
    }
    readParts.set(s.entry.name, s.name);
    try {
      const { rows, merges } = await readSheet(zip, s.entry, { name: s.name, shared, dates, date1904: book.date1904, budget });
      sheets.push({ name: s.name, rows, merges });
    } catch (err) {
      if (!(err instanceof OverLimit)) throw err;
      skipped.push(err);
      notes.push(`工作表「${s.name}」未读取：${err.what}，超出导入上限。`);
    }
  }
  if (skipped.length && !sheets.some((s) => s.rows.some(Boolean))) {
    throw badFile(`文件「${name}」无法导入：${skipped[0]!.what}，超出导入上限；请确认没有误填到表格末尾的内容，或拆分后再导入。`);
  }
  return { format: 'xlsx', encoding: '', sheets, notes };
}

export async function readXlsx(file: string): Promise<RawWorkbook> {
  const name = path.basename(file);
  const zip = ZipArchive.open(file, name);
  try {
    return await readFast(zip, name);
  } catch (err) {
    if (err instanceof LedgerError) throw err;
    // Anything else the fast reader did not expect is a reason to be unsure, too.
    const reason = err instanceof NeedsFallback ? err.reason : '文件的结构与常见工作簿不同';
    const declared = zip.entries.reduce((n, e) => n + e.size, 0);
    if (declared > MAX_FALLBACK_DECLARED_BYTES) {
      throw badFile(`文件「${name}」无法可靠读取（${reason}），且文件过大，无法用备用方式读取；请在 Excel 中打开并另存为 .xlsx 后再导入。`);
    }
    // Where SheetJS cannot read it or finds nothing, what the fast reader saw says where the damage is (a cut-off sheet, say).
    const damaged = () => badFile(`文件「${name}」已损坏，无法读取（${reason}）。请在 Excel 中打开并另存为 .xlsx 后再导入。`);
    let wb: RawWorkbook;
    try {
      wb = await readWithSheetJS(file, 'xlsx');
    } catch (fallbackErr) {
      if (fallbackErr instanceof LedgerError && !(fallbackErr instanceof OverLimit)) throw damaged();
      throw fallbackErr;
    }
    if (!wb.sheets.some((s) => s.rows.some(Boolean))) {
      if (wb.notes?.length) throw badFile(`文件「${name}」无法导入：${wb.notes.join('')}`);
      throw damaged();
    }
    return { ...wb, notes: [`本文件用备用方式读取（${reason}），请核对导入结果。`, ...(wb.notes ?? [])] };
  }
}
