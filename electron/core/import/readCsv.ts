import fs from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import { MAX_COLUMNS, MAX_ROWS } from './limits';
import type { CellValue, RawWorkbook } from './raw';
import { badFile } from './sniff';

const tooManyRows = (sheet: string) =>
  badFile(`工作表「${sheet}」超过 ${MAX_ROWS.toLocaleString('en')} 行，超出导入上限；请确认没有误填到表格末尾的内容，或拆分后再导入。`);
const tooManyColumns = (sheet: string, col: number) =>
  badFile(`工作表「${sheet}」第 ${col} 列仍有内容，超过 ${MAX_COLUMNS} 列的上限，不像是台账表格；请删除多余的列后再导入。`);

/*
 * CSV as Excel and WPS save it on Chinese Windows: GBK (read as GB18030, its
 * superset) without a BOM; "CSV UTF-8" with a BOM; sometimes UTF-8 without.
 * A strict UTF-8 decode decides: GBK text is almost never valid UTF-8.
 */
export function decodeText(buf: Buffer): { text: string; encoding: string } {
  if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) return { text: buf.subarray(3).toString('utf8'), encoding: 'utf-8' };
  if (buf[0] === 0xff && buf[1] === 0xfe) return { text: buf.subarray(2).toString('utf16le'), encoding: 'utf-16le' };
  if (buf[0] === 0xfe && buf[1] === 0xff) return { text: iconv.decode(buf.subarray(2), 'utf16-be'), encoding: 'utf-16be' };
  // GB18030's own BOM (rare, but WPS writes it on request).
  if (buf[0] === 0x84 && buf[1] === 0x31 && buf[2] === 0x95 && buf[3] === 0x33) return { text: iconv.decode(buf.subarray(4), 'gb18030'), encoding: 'gb18030' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(buf), encoding: 'utf-8' };
  } catch {
    return { text: iconv.decode(buf, 'gb18030'), encoding: 'gb18030' };
  }
}

/** RFC 4180 fields (quotes, doubled quotes, line breaks inside quotes), with the delimiter Excel chose. */
export function parseCsv(text: string, sheet: string): string[][] {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const delimiter = [',', '\t', ';'].reduce((best, d) => (firstLine.split(d).length > firstLine.split(best).length ? d : best), ',');
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const endRow = () => {
    row.push(field);
    field = '';
    if (row.length > MAX_COLUMNS && row.slice(MAX_COLUMNS).some((v) => v.trim())) throw tooManyColumns(sheet, row.length);
    rows.push(row);
    row = [];
    if (rows.length > MAX_ROWS) throw tooManyRows(sheet);
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === delimiter) {
      row.push(field);
      field = '';
    } else if (ch === '\n') endRow();
    else if (ch === '\r') {
      if (text[i + 1] !== '\n') endRow();
    } else field += ch;
  }
  if (field !== '' || row.length) endRow();
  return rows;
}

export function readCsv(file: string): RawWorkbook {
  const { text, encoding } = decodeText(fs.readFileSync(file));
  const name = path.basename(file, path.extname(file));
  const rows = parseCsv(text, name).map((r): CellValue[] | undefined => {
    const cells = r.map((v) => (v.trim() === '' ? null : v));
    return cells.some((v) => v !== null) ? cells.slice(0, MAX_COLUMNS) : undefined;
  });
  return { format: 'csv', encoding, sheets: [{ name, rows, merges: [] }] };
}
