import ExcelJS from 'exceljs';
import path from 'node:path';
import { Readable, Transform } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { MAX_COLUMNS, MAX_ROWS, MAX_SHEET_XML_BYTES } from './limits';
import { parseRange, type CellValue, type Merge, type RawSheet, type RawWorkbook } from './raw';
import { badFile } from './sniff';
import { readZipDirectory, readZipText, scanZipEntry, type ZipEntry } from './_oldZip';

/*
 * .xlsx through exceljs's streaming reader (the normal reader builds a model
 * of every cell with its style and needs several times the memory and time
 * on a 50,000-row ledger). The streaming reader skips <mergeCell>, and merges
 * matter (topic cells merged over their sub-topics), so they are read here
 * from the sheet XML in a separate, cheap streaming pass.
 */

const decodeXml = (s: string) =>
  s.replace(/&(lt|gt|amp|quot|apos|#\d+|#x[0-9a-f]+);/gi, (_, e: string) =>
    e === 'lt' ? '<' : e === 'gt' ? '>' : e === 'amp' ? '&' : e === 'quot' ? '"' : e === 'apos' ? "'" : String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10)),
  );

const attr = (tag: string, name: string) => {
  const m = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  return m ? decodeXml(m[1]!) : undefined;
};

interface BookInfo {
  sheets: { name: string; rId: string; sheetId: number; state: string | undefined; entry: ZipEntry | undefined }[];
  rels: { Id: string; Target: string; Type: string }[];
  date1904: boolean;
}

/** Sheet name → its XML entry, from workbook.xml and its relationships. */
function sheetEntries(file: string, entries: ZipEntry[]): BookInfo {
  const byName = new Map(entries.map((e) => [e.name, e]));
  const wbEntry = byName.get('xl/workbook.xml');
  const relsEntry = byName.get('xl/_rels/workbook.xml.rels');
  if (!wbEntry) throw badFile(`文件「${path.basename(file)}」不是 Excel 工作簿（压缩包中没有工作簿内容，可能是 Word 文档或其他压缩文件）。`);
  const workbook = readZipText(file, wbEntry);
  const rels = relsEntry ? readZipText(file, relsEntry) : '';
  const targets = new Map<string, string>();
  const relList: BookInfo['rels'] = [];
  for (const tag of rels.match(/<Relationship\b[^>]*>/g) ?? []) {
    const id = attr(tag, 'Id');
    const target = attr(tag, 'Target');
    if (id && target) targets.set(id, target.startsWith('/') ? target.slice(1) : `xl/${target}`);
    if (id && target) relList.push({ Id: id, Target: target.replace(/^\/?xl\//, ''), Type: attr(tag, 'Type') ?? '' });
  }
  const sheets = (workbook.match(/<sheet\b[^>]*>/g) ?? []).map((tag, i) => {
    const rId = attr(tag, 'r:id') ?? '';
    const target = rId ? targets.get(rId) : undefined;
    return { name: attr(tag, 'name') ?? '', rId, sheetId: Number(attr(tag, 'sheetId') ?? i + 1), state: attr(tag, 'state'), entry: target ? byName.get(target.replace(/\/\.\//g, '/')) : undefined };
  });
  const pr = /<workbookPr\b[^>]*>/.exec(workbook)?.[0] ?? '';
  return { sheets, rels: relList, date1904: /date1904="(1|true)"/.test(pr) };
}

/*
 * exceljs's streaming reader parses workbook.xml and its rels from the zip
 * stream; when they come last (as exceljs itself and many tools write them)
 * the last entries can be lost in a race inside its stream iteration and the
 * reader fails at random ("reading 'sheets'"). They are tiny and already read
 * above, so the reader is given them instead of parsing them.
 */
class BookReader extends ExcelJS.stream.xlsx.WorkbookReader {
  constructor(file: string, private readonly book: BookInfo) {
    super(file, { sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', worksheets: 'emit' });
    const self = this as unknown as Record<string, unknown>;
    self.workbookRels = book.rels;
    self.model = { sheets: book.sheets.map((s) => ({ id: s.sheetId, name: s.name, rId: s.rId, state: s.state })) };
    self.properties = { model: { date1904: book.date1904 } };
  }
}
const proto = BookReader.prototype as unknown as Record<string, unknown>;
proto._parseWorkbook = async function (entry: { autodrain: () => void }) {
  entry.autodrain();
};
proto._parseRels = async function (entry: { autodrain: () => void }) {
  entry.autodrain();
};

/*
 * exceljs's streaming reader decodes every zip chunk to text on its own, so a
 * Chinese character whose three UTF-8 bytes straddle two chunks comes out as
 * "��" (seen on large ledgers). Its sheet and shared-string parsers are given
 * text decoded across chunk boundaries instead.
 */
async function* decodeUtf8(chunks: AsyncIterable<Buffer | string>): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  for await (const chunk of chunks) yield typeof chunk === 'string' ? chunk : decoder.write(chunk);
  const rest = decoder.end();
  if (rest) yield rest;
}
const parent = ExcelJS.stream.xlsx.WorkbookReader.prototype as unknown as Record<string, (...args: unknown[]) => unknown>;
proto._parseWorksheet = function (this: unknown, iterator: AsyncIterable<Buffer>, sheetNo: string) {
  return parent._parseWorksheet!.call(this, decodeUtf8(iterator), sheetNo);
};
proto._parseSharedStrings = function (this: unknown, entry: Readable) {
  const decoder = new StringDecoder('utf8');
  const text = entry.pipe(
    new Transform({
      readableObjectMode: true,
      transform(chunk: Buffer, _enc, done) {
        done(null, decoder.write(chunk));
      },
      flush(done) {
        done(null, decoder.end());
      },
    }),
  );
  return parent._parseSharedStrings!.call(this, text);
};

/** The merged ranges of one sheet: <mergeCells> comes after <sheetData>, so only its text is kept. */
async function readMerges(file: string, entry: ZipEntry): Promise<Merge[]> {
  let carry = '';
  let mergeText = '';
  let inMerges = false;
  await scanZipEntry(file, entry, (chunk) => {
    if (!inMerges) {
      const text = carry + chunk;
      const at = text.indexOf('<mergeCells');
      if (at < 0) {
        carry = text.slice(-16);
        return;
      }
      inMerges = true;
      mergeText = text.slice(at);
    } else {
      mergeText += chunk;
    }
    if (mergeText.includes('</mergeCells>')) return false;
    // 100,000 merges is far beyond any ledger; stop rather than hold a hostile list.
    if (mergeText.length > 5_000_000) return false;
  });
  const merges: Merge[] = [];
  for (const m of mergeText.matchAll(/<mergeCell\b[^>]*\sref="([^"]+)"/g)) {
    const r = parseRange(m[1]!);
    if (r && (r.bottom > r.top || r.right > r.left)) merges.push(r);
  }
  return merges;
}

type ExcelValue = ExcelJS.CellValue | undefined;

/** exceljs's value kinds down to plain values: rich text joined, formula results, hyperlink text. */
export function plainValue(v: ExcelValue): CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return v;
  if (typeof v === 'object') {
    if ('richText' in v && Array.isArray(v.richText)) return v.richText.map((r) => r.text).join('');
    if ('formula' in v || 'sharedFormula' in v) return plainValue((v as { result?: ExcelValue }).result as ExcelValue);
    if ('error' in v) return null;
    if ('text' in v) return plainValue((v as { text: ExcelValue }).text);
    if ('result' in v) return plainValue((v as { result: ExcelValue }).result);
  }
  return null;
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
  const merges = new Map<string, Merge[]>();
  let book: BookInfo;
  try {
    book = sheetEntries(file, entries);
    for (const s of book.sheets) {
      if (!s.entry) continue;
      if (s.entry.size > MAX_SHEET_XML_BYTES) throw tooManyRows(s.name);
      merges.set(s.name, await readMerges(file, s.entry));
    }
  } catch (err) {
    throw corrupt(err);
  }
  const listed = book.sheets;
  if (!listed.length) throw badFile(`工作簿「${name}」中没有工作表。`);

  const sheets: RawSheet[] = [];
  try {
    const reader = new BookReader(file, book);
    for await (const ws of reader) {
      const sheetName = (ws as unknown as { name: string }).name;
      const rows: (CellValue[] | undefined)[] = [];
      for await (const row of ws) {
        if (row.number > MAX_ROWS) throw tooManyRows(sheetName);
        const values = row.values as ExcelValue[];
        if (values.length - 1 > MAX_COLUMNS) {
          for (let c = values.length - 1; c > MAX_COLUMNS; c--) if (plainValue(values[c]) !== null) throw tooManyColumns(sheetName, c);
        }
        const out: CellValue[] = new Array<CellValue>(Math.min(values.length - 1, MAX_COLUMNS)).fill(null);
        let any = false;
        for (let c = 1; c <= out.length; c++) {
          const v = plainValue(values[c]);
          if (v !== null && v !== '') {
            out[c - 1] = v;
            any = true;
          }
        }
        if (any) rows[row.number - 1] = out;
      }
      sheets.push({ name: sheetName, rows, merges: merges.get(sheetName) ?? [] });
    }
  } catch (err) {
    throw corrupt(err);
  }
  // The streaming reader yields sheets in file order; keep the workbook's tab order.
  const order = new Map(listed.map((s, i) => [s.name, i]));
  sheets.sort((a, b) => (order.get(a.name) ?? 0) - (order.get(b.name) ?? 0));
  return { format: 'xlsx', encoding: '', sheets };
}
