import path from 'node:path';
import { MAX_COLUMNS, MAX_ROWS, MAX_SHEET_XML_BYTES } from './limits';
import type { RawSheet, RawWorkbook } from './raw';
import { badFile } from './sniff';
import { dateStyles, decodeXml, readSharedStrings } from './xlsxScan';
import { readSheet } from './xlsxSheet';
import { readZipDirectory, readZipText, type ZipEntry } from './zip';

/*
 * .xlsx through our own streaming scanner (xlsxScan.ts): exceljs's streaming
 * reader was the slowest part of an import (SAX events and a cell object per
 * cell), lost merged cells and split UTF-8 across chunks. The zip directory
 * is checked first (zip.ts), so a truncated or corrupt file gets a clear
 * sentence before any XML is read.
 */

const attr = (tag: string, name: string) => {
  const m = new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`).exec(tag);
  return m ? decodeXml(m[1] ?? m[2] ?? '') : undefined;
};

interface BookInfo {
  sheets: { name: string; entry: ZipEntry | undefined }[];
  sharedStrings: ZipEntry | undefined;
  styles: ZipEntry | undefined;
  date1904: boolean;
}

/** Sheet name → its XML entry, plus the shared strings and styles, from workbook.xml and its relationships. */
function bookInfo(file: string, entries: ZipEntry[]): BookInfo {
  const byName = new Map(entries.map((e) => [e.name, e]));
  const wbEntry = byName.get('xl/workbook.xml');
  const relsEntry = byName.get('xl/_rels/workbook.xml.rels');
  if (!wbEntry) throw badFile(`文件「${path.basename(file)}」不是 Excel 工作簿（压缩包中没有工作簿内容，可能是 Word 文档或其他压缩文件）。`);
  const workbook = readZipText(file, wbEntry);
  const rels = relsEntry ? readZipText(file, relsEntry) : '';
  const targets = new Map<string, string>();
  let sharedStrings = byName.get('xl/sharedStrings.xml');
  let styles = byName.get('xl/styles.xml');
  for (const tag of rels.match(/<(?:[\w.-]+:)?Relationship\b[^>]*>/g) ?? []) {
    const id = attr(tag, 'Id');
    const target = attr(tag, 'Target');
    if (!id || !target) continue;
    const full = path.posix.normalize(target.startsWith('/') ? target.slice(1) : `xl/${target}`);
    targets.set(id, full);
    const type = attr(tag, 'Type') ?? '';
    if (/\/sharedStrings$/.test(type)) sharedStrings = byName.get(full) ?? sharedStrings;
    if (/\/styles$/.test(type)) styles = byName.get(full) ?? styles;
  }
  const sheets = (workbook.match(/<(?:[\w.-]+:)?sheet\b[^>]*>/g) ?? []).map((tag) => {
    const rId = attr(tag, 'r:id') ?? /\s[\w.-]+:id\s*=\s*"([^"]*)"/.exec(tag)?.[1] ?? '';
    const target = rId ? targets.get(rId) : undefined;
    return { name: attr(tag, 'name') ?? '', entry: target ? byName.get(target) : undefined };
  });
  const pr = /<(?:[\w.-]+:)?workbookPr\b[^>]*>/.exec(workbook)?.[0] ?? '';
  return { sheets, sharedStrings, styles, date1904: /date1904\s*=\s*["'](1|true)["']/.test(pr) };
}

export const tooManyRows = (sheet: string) =>
  badFile(`工作表「${sheet}」超过 ${MAX_ROWS.toLocaleString('en')} 行，超出导入上限；请确认没有误填到表格末尾的内容，或拆分后再导入。`);
export const tooManyColumns = (sheet: string, col: number) =>
  badFile(`工作表「${sheet}」第 ${col} 列仍有内容，超过 ${MAX_COLUMNS} 列的上限，不像是台账表格；请删除多余的列后再导入。`);

export async function readXlsx(file: string): Promise<RawWorkbook> {
  const name = path.basename(file);
  const corrupt = (err: unknown) =>
    (err as { code?: string }).code === 'BAD_FILE' ? err : badFile(`文件「${name}」已损坏，无法读取（${(err as Error).message}）。请在 Excel 中打开并另存为 .xlsx 后再导入。`);
  const entries = readZipDirectory(file, name);
  const sheets: RawSheet[] = [];
  try {
    const book = bookInfo(file, entries);
    if (!book.sheets.length) throw badFile(`工作簿「${name}」中没有工作表。`);
    for (const s of book.sheets) if (s.entry && s.entry.size > MAX_SHEET_XML_BYTES) throw tooManyRows(s.name);
    const shared = book.sharedStrings ? await readSharedStrings(file, book.sharedStrings) : [];
    const dates = book.styles ? dateStyles(readZipText(file, book.styles)) : [];
    for (const s of book.sheets) {
      if (!s.entry) continue;
      const { rows, merges } = await readSheet(file, s.entry, { name: s.name, shared, dates, date1904: book.date1904, tooManyRows, tooManyColumns });
      sheets.push({ name: s.name, rows, merges });
    }
  } catch (err) {
    throw corrupt(err);
  }
  return { format: 'xlsx', encoding: '', sheets };
}
