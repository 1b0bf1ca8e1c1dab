import { StringDecoder } from 'node:string_decoder';
import { columnLetter, excelSerialToDate } from '../../../shared/excel';
import { EXCEL_MAX_COLUMNS, MAX_ELEMENT_BYTES, MAX_ROWS, MAX_SHEET_XML_BYTES, MAX_TEXT_CHARS, OverLimit, ROW_SLOT_COST, tooManyCells, type ReadBudget } from './limits';
import { NeedsFallback } from './fallback';
import { badFile } from './sniff';
import { parseRange, type CellValue, type Merge } from './raw';
import { endsName, intAt, isWs, richText, tags, type Tags } from './xlsxScan';
import { cellText, startTags, utf8Transcoder, xmlEncoding } from './xml';
import type { ZipArchive, ZipEntry } from './zip';

/*
 * One sheet's cell values and merged ranges, read from the inflated XML as
 * bytes. Nearly every cell Excel and WPS write is `<c r="E5" s="3" t="s"><v>12</v></c>`:
 * a shared-string index or a number, all ASCII. Those are read straight from
 * the bytes, with plain loops instead of a string search per tag, and no
 * decoding of the 16 MB of XML of a province ledger into strings: about four
 * times as fast as scanning the decoded text. Any other cell (a formula,
 * inline or formula text, a boolean, an error, an ISO date, escapes, CDATA)
 * is decoded on its own and read by `textCellValue`.
 *
 * Where the XML is not what Excel writes and the reader cannot be sure where
 * a value belongs (a row or column number out of range, a shared string that
 * does not exist, a number that is not one, a cell or row that never ends),
 * it throws NeedsFallback and the file is read by SheetJS instead: never a
 * value in the wrong place, never a silently empty cell. A row written twice
 * (the OpenXML SDK does) has the cells of both.
 */

export interface SheetContext {
  name: string;
  shared: string[];
  dates: boolean[];
  date1904: boolean;
  budget: ReadBudget;
}

/** Excel's last row. */
const EXCEL_MAX_ROWS = 1_048_576;

const LT = 60;
const GT = 62;
const SLASH = 47;
const EQUALS = 61;
const bytes = (s: string) => Array.from(Buffer.from(s, 'latin1'));

/** After a tag name: whitespace, '>' or '/' (so <c does not match <col); false past the end. */
const endsNameByte = (c: number | undefined) => c !== undefined && endsName(c);

/** Where the r, s and t attribute values of the start tag being read are, as byte offsets (-1 when absent). Reused. */
const B = { r: -1, rEnd: -1, s: -1, sEnd: -1, t: -1, tEnd: -1 };

/**
 * The attributes of a start tag from b[from] (just after its name) to its
 * '>', outside quotes: r, s and t go into B. Returns the index of the '>',
 * -1 when the tag does not end before `to`. An empty value (r="") counts as absent.
 */
function startTag(b: Buffer, from: number, to: number): number {
  B.r = B.s = B.t = -1;
  let i = from;
  while (i < to) {
    const c = b[i]!;
    if (c === GT) return i;
    if (c !== EQUALS) {
      i++;
      continue;
    }
    let e = i;
    while (e > from && isWs(b[e - 1]!)) e--;
    let n = e;
    while (n > from && !isWs(b[n - 1]!)) n--;
    let q = i + 1;
    while (q < to && isWs(b[q]!)) q++;
    const quote = b[q];
    if (quote !== 34 && quote !== 39) {
      i = q;
      continue;
    }
    let end = q + 1;
    while (end < to && b[end] !== quote) end++;
    if (end >= to) return -1;
    if (e - n === 1 && end > q + 1) {
      const name = b[n];
      if (name === 114) {
        B.r = q + 1;
        B.rEnd = end;
      } else if (name === 115) {
        B.s = q + 1;
        B.sEnd = end;
      } else if (name === 116) {
        B.t = q + 1;
        B.tEnd = end;
      }
    }
    i = end + 1;
  }
  return -1;
}

/** The whole number that is all of b[from, to) (spaces around allowed); NaN otherwise. */
function intAtBytes(b: Buffer, from: number, to: number): number {
  let i = from;
  while (i < to && isWs(b[i]!)) i++;
  const start = i;
  let n = 0;
  for (; i < to; i++) {
    const d = b[i]! - 48;
    if (d < 0 || d > 9) break;
    n = n * 10 + d;
  }
  const digitsEnd = i;
  while (i < to && isWs(b[i]!)) i++;
  return digitsEnd === start || i !== to ? NaN : n;
}

/** The column of a cell reference at b[from, to): "AB12" → 28; 0 when it does not start with letters. */
function columnAtBytes(b: Buffer, from: number, to: number): number {
  let n = 0;
  let i = from;
  for (; i < to && i - from < 4; i++) {
    const c = b[i]! | 0x20;
    if (c < 97 || c > 122) break;
    n = n * 26 + (c - 96);
  }
  return n;
}

/** True when b at i holds exactly the bytes of `seq`. */
function bytesAt(b: Buffer, i: number, seq: readonly number[]): boolean {
  if (i + seq.length > b.length) return false;
  for (let k = 0; k < seq.length; k++) if (b[i + k] !== seq[k]) return false;
  return true;
}

/** The element names of a document whose namespace prefix is `p` ('' or e.g. 'x:'), as bytes. */
function byteTags(p: string) {
  return {
    /** '<p:row' and '<p:c', to be followed by the end of the name. */
    row: bytes(`<${p}row`),
    c: bytes(`<${p}c`),
    /** '<p:v>' without attributes: the form of every plain value. */
    v: bytes(`<${p}v>`),
    vEnd: bytes(`</${p}v>`),
    cEnd: bytes(`</${p}c>`),
    rowEnd: bytes(`</${p}row>`),
    rowEndBuffer: Buffer.from(`</${p}row>`, 'latin1'),
    sheetDataEnd: Buffer.from(`</${p}sheetData>`, 'latin1'),
  };
}
type ByteTags = ReturnType<typeof byteTags>;

/** Text after the rows kept while looking for the merged ranges (100,000 merges is far beyond any ledger). */
const MAX_MERGE_TEXT = 5_000_000;

/**
 * One sheet → rows[r - 1][c - 1] (plain values, '' as null, rows without a
 * value left out) and its merged ranges.
 */
/**
 * A copy of s that holds no reference to the string it was sliced from. V8
 * keeps a slice's parent alive: 2 million inline texts of 48 characters kept
 * each cell's whole XML (618 MB, tests/import/hostile.test.ts).
 */
const detached = (s: string): string => (s.length < 13 || LONE_SURROGATE.test(s) ? s : Buffer.from(s, 'utf8').toString('utf8'));
/** In u mode a pair is one code point: this finds only a lone surrogate (from _xD800_), which UTF-8 could not carry. */
const LONE_SURROGATE = /\p{Cs}/u;

export async function readSheet(zip: ZipArchive, entry: ZipEntry, ctx: SheetContext): Promise<{ rows: (CellValue[] | undefined)[]; merges: Merge[] }> {
  const rows: (CellValue[] | undefined)[] = [];
  const merges: Merge[] = [];
  const { shared, dates, date1904, budget } = ctx;
  let T: Tags | null = null;
  let BT: ByteTags | null = null;
  let phase: 'head' | 'data' | 'tail' | 'merges' | 'done' = 'head';
  let lastRow = 0;
  let valueRows = 0;
  let mergeText = '';
  let tailText = '';
  const tailDecoder = new StringDecoder('utf8');
  const cols: number[] = [];
  const vals: CellValue[] = [];
  const where = (col: number) => `工作表「${ctx.name}」${columnLetter(col)}${lastRow} 单元格`;

  const numberValue = (n: number, style: number, col: number): CellValue => {
    if (!Number.isFinite(n)) throw new NeedsFallback(`${where(col)}的数值无法识别`);
    // A style the styles part does not define may be a date format we cannot see: unsure, not a number.
    if (style > 0 && style >= dates.length) throw new NeedsFallback(`${where(col)}的样式（第 ${style} 号）在样式表中不存在`);
    return style >= 0 && dates[style] ? excelSerialToDate(n, date1904) : n;
  };

  const sharedString = (index: number, col: number): string => {
    const s = shared[index];
    // A dangling index is damage, not a form we do not know: SheetJS would read the cell blank, so the file is refused.
    if (s === undefined) throw badFile(`文件「${zip.displayName}」已损坏：${where(col)}引用了不存在的共享文本（第 ${index + 1} 项，文件中只有 ${shared.length} 项）。请在 Excel 中打开并另存为 .xlsx 后再导入。`);
    return s;
  };

  /** A cell's value from its decoded content x (between <c …> and </c>), given its type and style: every form SpreadsheetML has. */
  const textCellValue = (x: string, t: string, style: number, col: number): CellValue => {
    const v = textCellValueUncounted(x, t, style, col);
    if (typeof v !== 'string' || t === 's') return v;
    // Text written in the sheet itself counts against the workbook's text budget, as shared strings do.
    budget.chars -= v.length;
    if (budget.chars < 0) throw new OverLimit(`读到工作表「${ctx.name}」时，整个工作簿的文字已超过 ${MAX_TEXT_CHARS / 1_000_000} 百万字`);
    return detached(v);
  };

  const textCellValueUncounted = (x: string, t: string, style: number, col: number): CellValue => {
    const Tg = T!;
    if (t === 'inlineStr') {
      const is = x.indexOf(`<${Tg.t.slice(1, -1)}is`);
      return is < 0 && x.indexOf(Tg.t) < 0 ? null : richText(x, 0, x.length, Tg);
    }
    // <v> comes first, or after <f>.
    let a = x.indexOf(Tg.v);
    while (a >= 0 && !endsName(x.charCodeAt(a + Tg.v.length))) a = x.indexOf(Tg.v, a + 1);
    if (a < 0) return null;
    const gt = x.indexOf('>', a);
    if (gt < 0) throw new NeedsFallback(`${where(col)}的内容不完整`);
    if (x.charCodeAt(gt - 1) === 47) return null;
    const e = x.indexOf(Tg.vEnd, gt);
    if (e < 0) throw new NeedsFallback(`${where(col)}的内容不完整`);
    const raw = cellText(x.slice(gt + 1, e));
    switch (t) {
      case 's': {
        const index = intAt(raw, 0, raw.length);
        if (Number.isNaN(index)) throw new NeedsFallback(`${where(col)}的共享文本编号无法识别`);
        return sharedString(index, col);
      }
      case 'str':
        return raw;
      case 'b': {
        const b = raw.trim().toLowerCase();
        if (b === '1' || b === 'true') return true;
        if (b === '0' || b === 'false') return false;
        throw new NeedsFallback(`${where(col)}的逻辑值无法识别`);
      }
      case 'e':
        return null;
      case 'd': {
        const iso = raw.trim();
        if (iso === '') return null;
        const d = new Date(/^\d{4}-\d{2}-\d{2}$/.test(iso) ? `${iso}T00:00:00Z` : /[zZ]|[+-]\d{2}:?\d{2}$/.test(iso) ? iso : `${iso}Z`);
        if (Number.isNaN(d.getTime())) throw new NeedsFallback(`${where(col)}的日期无法识别`);
        return d;
      }
      case '':
      case 'n':
        return raw.trim() === '' ? null : numberValue(Number(raw), style, col);
      default:
        throw new NeedsFallback(`${where(col)}的类型「${t}」无法识别`);
    }
  };

  /** A cell in a rare form, read as text: its content b[from, to) decoded, its type and style where startTag put them in B. */
  const slowCellValue = (b: Buffer, from: number, to: number, col: number): CellValue =>
    textCellValue(b.toString('utf8', from, to), B.t < 0 ? '' : b.toString('latin1', B.t, B.tEnd), B.s < 0 ? -1 : intAtBytes(b, B.s, B.sEnd), col);

  /**
   * The plain form `<v>digits</v></c>` right after the start tag ending at
   * `gt`: the value, and in `fastEnd` where the cell ends. undefined when the
   * cell has another form.
   */
  let fastEnd = 0;
  const fastCellValue = (b: Buffer, gt: number, to: number, col: number): CellValue | undefined => {
    const Bt = BT!;
    let type = 0; // 0: number, 115: shared string
    if (B.t >= 0) {
      if (B.tEnd - B.t !== 1) return undefined;
      type = b[B.t]!;
      if (type === 110) type = 0;
      else if (type !== 115) return undefined;
    }
    const vs = gt + 1 + Bt.v.length;
    if (!bytesAt(b, gt + 1, Bt.v)) return undefined;
    let ve = vs;
    while (ve < to && b[ve] !== LT) ve++;
    if (ve === vs || !bytesAt(b, ve, Bt.vEnd) || !bytesAt(b, ve + Bt.vEnd.length, Bt.cEnd)) return undefined;
    // Entities or escapes in a number are read as text.
    for (let k = vs; k < ve; k++) if (b[k] === 38 || b[k] === 95) return undefined;
    fastEnd = ve + Bt.vEnd.length + Bt.cEnd.length;
    if (type === 115) {
      const index = intAtBytes(b, vs, ve);
      if (Number.isNaN(index)) return undefined;
      return sharedString(index, col);
    }
    return numberValue(Number(b.toString('latin1', vs, ve)), B.s < 0 ? -1 : intAtBytes(b, B.s, B.sEnd), col);
  };

  /** The cells of the row whose start tag ends at b[from - 1]; returns the index after its </row>. */
  const cells = (b: Buffer, from: number, to: number): number => {
    const Bt = BT!;
    let col = 0;
    let width = 0;
    let n = 0;
    let i = from;
    for (;;) {
      while (i < to && b[i] !== LT) i++;
      if (i >= to) throw new NeedsFallback(`工作表「${ctx.name}」第 ${lastRow} 行没有结束标记`);
      if (bytesAt(b, i, Bt.rowEnd)) {
        i += Bt.rowEnd.length;
        break;
      }
      if (!bytesAt(b, i, Bt.c) || !endsNameByte(b[i + Bt.c.length])) {
        i++;
        continue;
      }
      const gt = startTag(b, i + Bt.c.length, to);
      if (gt < 0) throw new NeedsFallback(`工作表「${ctx.name}」第 ${lastRow} 行有单元格的标记不完整`);
      if (B.r >= 0) {
        // The reference's own row must be the row's: otherwise where the value belongs is not certain.
        col = columnAtBytes(b, B.r, B.rEnd);
        const row = refRow(b, B.r, B.rEnd);
        if (col < 1 || (!Number.isNaN(row) && row !== lastRow)) {
          throw new NeedsFallback(`工作表「${ctx.name}」第 ${lastRow} 行的单元格位置「${b.toString('latin1', B.r, B.rEnd)}」与行号不符`);
        }
      } else col++;
      if (col > EXCEL_MAX_COLUMNS) throw new NeedsFallback(`工作表「${ctx.name}」第 ${lastRow} 行的列号超出 Excel 的范围`);
      if (b[gt - 1] === SLASH) {
        i = gt + 1;
        continue;
      }
      let v = fastCellValue(b, gt, to, col);
      if (v === undefined) {
        // Find </c>; a </row> first means the cell never ends.
        let e = gt + 1;
        for (;;) {
          while (e < to && b[e] !== LT) e++;
          if (e >= to || bytesAt(b, e, Bt.rowEnd)) throw new NeedsFallback(`${where(col)}没有结束标记`);
          if (bytesAt(b, e, Bt.cEnd)) break;
          e++;
        }
        i = e + Bt.cEnd.length;
        v = slowCellValue(b, gt + 1, e, col);
      } else {
        i = fastEnd;
      }
      if (v === null || v === '') continue;
      if (col > width) width = col;
      cols[n] = col;
      vals[n++] = v;
    }
    if (n) keepRow(width, n);
    return i;
  };

  /** The values just read for row lastRow into rows; a row written twice gets the cells of both. */
  const keepRow = (width: number, n: number): void => {
    let row = rows[lastRow - 1];
    if (!row) {
      if (++valueRows > MAX_ROWS) throw new OverLimit(`工作表「${ctx.name}」有内容的行超过 ${MAX_ROWS.toLocaleString('en')} 行`);
      budget.slots -= ROW_SLOT_COST;
      row = rows[lastRow - 1] = [];
    }
    if (width > row.length || budget.slots < 0) {
      budget.slots -= width - row.length;
      if (budget.slots < 0) throw new OverLimit(tooManyCells(ctx.name));
      for (let k = row.length; k < width; k++) row.push(null);
    }
    for (let k = 0; k < n; k++) row[cols[k]! - 1] = vals[k]!;
  };

  /** The rows in b[from, to), which ends after a </row>. */
  const rowsIn = (b: Buffer, from: number, to: number): void => {
    const Bt = BT!;
    let i = from;
    while (i < to) {
      if (b[i] !== LT || !bytesAt(b, i, Bt.row) || !endsNameByte(b[i + Bt.row.length])) {
        i++;
        continue;
      }
      const gt = startTag(b, i + Bt.row.length, to);
      if (gt < 0) throw new NeedsFallback(`工作表「${ctx.name}」第 ${lastRow + 1} 行的标记不完整`);
      const r = B.r >= 0 ? intAtBytes(b, B.r, B.rEnd) : lastRow + 1;
      if (!(r >= 1 && r <= EXCEL_MAX_ROWS)) throw new NeedsFallback(`工作表「${ctx.name}」的行号「${B.r >= 0 ? b.toString('latin1', B.r, B.rEnd) : r}」超出 Excel 的范围`);
      lastRow = r;
      i = b[gt - 1] === SLASH ? gt + 1 : cells(b, gt + 1, to);
    }
  };

  /** The row number of a cell reference at b[from, to) ("AB12" → 12); NaN when there is none. */
  function refRow(b: Buffer, from: number, to: number): number {
    let i = from;
    while (i < to && ((b[i]! | 0x20) >= 97 && (b[i]! | 0x20) <= 122)) i++;
    return intAtBytes(b, i, to);
  }

  /** Consumes b (carry and new bytes); returns how many bytes it used. */
  const scan = (b: Buffer, final: boolean): number => {
    let base = 0;
    if (phase === 'done') return b.length;
    if (phase === 'head') {
      // Latin-1 keeps byte offsets; the tag names are ASCII.
      const found = startTags(b.toString('latin1'), 'sheetData').next();
      if (found.done) {
        if (final) return b.length; // a sheet without <sheetData>: no rows
        // Keep the end of a long head: <sheetData may be split between two pieces.
        return b.length > 4096 ? b.length - 1024 : 0;
      }
      const open = found.value;
      T = tags(open.prefix);
      BT = byteTags(open.prefix);
      phase = open.selfClosing ? 'tail' : 'data';
      base = open.end;
    }
    const Bt = BT!;
    if (phase === 'data') {
      const end = b.indexOf(Bt.sheetDataEnd, base);
      if (end < 0) {
        if (final) throw new NeedsFallback(`工作表「${ctx.name}」的内容不完整（没有 </sheetData>）`);
        const last = b.lastIndexOf(Bt.rowEndBuffer);
        const cut = last < base ? base : last + Bt.rowEndBuffer.length;
        rowsIn(b, base, cut);
        return cut;
      }
      rowsIn(b, base, end);
      phase = 'tail';
      base = end + Bt.sheetDataEnd.length;
    }
    // After the rows: only <mergeCells> is read, as text.
    const Tg = T!;
    let x = tailText + tailDecoder.write(b.subarray(base)) + (final ? tailDecoder.end() : '');
    tailText = '';
    if (phase === 'tail') {
      const at = x.indexOf(Tg.mergeCells);
      if (at < 0) {
        tailText = x.slice(-32); // a <mergeCells split between two pieces
        return b.length;
      }
      phase = 'merges';
      x = x.slice(at);
    }
    mergeText += x;
    const close = mergeText.indexOf(Tg.mergeCellsEnd);
    if (close >= 0 || mergeText.length > MAX_MERGE_TEXT || final) {
      for (const tag of startTags(mergeText, 'mergeCell', 0, close < 0 ? mergeText.length : close)) {
        const r = parseRange(tag.attrs.get('ref') ?? '');
        if (r && (r.bottom > r.top || r.right > r.left)) merges.push(r);
      }
      mergeText = '';
      phase = 'done';
    }
    return b.length;
  };

  let carry: Buffer | null = null;
  let transcode: ReturnType<typeof utf8Transcoder> | null | undefined;
  await zip.stream(entry, MAX_SHEET_XML_BYTES, budget, (chunk) => {
    if (transcode === undefined) {
      const enc = xmlEncoding(chunk);
      transcode = enc ? utf8Transcoder(enc) : null;
    }
    const data = transcode ? transcode.write(chunk) : chunk;
    const b = carry ? Buffer.concat([carry, data]) : data;
    const used = scan(b, false);
    carry = used < b.length ? b.subarray(used) : null;
    // One row (or the text before <sheetData>) larger than this is not a ledger.
    if (carry && carry.length > MAX_ELEMENT_BYTES) throw new OverLimit(`工作表「${ctx.name}」中的一行超过 ${MAX_ELEMENT_BYTES / 1024 / 1024} MB`);
    return phase !== 'done';
  });
  const rest = transcode ? transcode.end() : Buffer.alloc(0);
  scan(carry ? Buffer.concat([carry, rest]) : rest, true);
  return { rows, merges };
}
