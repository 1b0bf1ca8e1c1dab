import { StringDecoder } from 'node:string_decoder';
import { MAX_COLUMNS, MAX_ROWS, MAX_SHEET_XML_BYTES } from './limits';
import { parseRange, type CellValue, type Merge } from './raw';
import { decodeText, endsName, intAt, isWs, runsText, tags, type Tags } from './xlsxScan';
import { streamZipEntry, type ZipEntry } from './zip';

/*
 * One sheet's cell values and merged ranges, read from the inflated XML as
 * bytes. Nearly every cell Excel and WPS write is `<c r="E5" s="3" t="s"><v>12</v></c>`:
 * a shared-string index or a number, all ASCII. Those are read straight from
 * the bytes, with plain loops instead of a string search per tag, and no
 * decoding of the 16 MB of XML of a province ledger into strings: about four
 * times as fast as scanning the decoded text. Any other cell (a formula,
 * inline or formula text, a boolean, an error, an ISO date, escapes) is
 * decoded on its own and read by `textCellValue`, which handles every form.
 */

export interface SheetContext {
  name: string;
  shared: string[];
  dates: boolean[];
  date1904: boolean;
  tooManyRows: (sheet: string) => Error;
  tooManyColumns: (sheet: string, col: number) => Error;
}

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

/** The whole number at b[from, to) (leading spaces skipped, as parseInt does); NaN when there is none. */
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
  return i === start ? NaN : n;
}

/** The column of a cell reference at b[from, to): "AB12" → 28. */
function columnAtBytes(b: Buffer, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
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

/**
 * One sheet → rows[r - 1][c - 1] (plain values, '' as null, rows without a
 * value left out) and its merged ranges.
 */
export async function readSheet(file: string, entry: ZipEntry, ctx: SheetContext): Promise<{ rows: (CellValue[] | undefined)[]; merges: Merge[] }> {
  const rows: (CellValue[] | undefined)[] = [];
  const merges: Merge[] = [];
  const { shared, dates, date1904 } = ctx;
  const epoch = 25569 - (date1904 ? 1462 : 0);
  let T: Tags | null = null;
  let BT: ByteTags | null = null;
  let phase: 'head' | 'data' | 'tail' | 'merges' = 'head';
  let lastRow = 0;
  let mergeText = '';
  let tailText = '';
  const tailDecoder = new StringDecoder('utf8');
  const cols: number[] = [];
  const vals: CellValue[] = [];

  const numberValue = (n: number, style: number): CellValue => {
    if (Number.isNaN(n)) return null;
    if (style >= 0 && dates[style]) return new Date(Math.round((n - epoch) * 86_400_000));
    return n;
  };

  /** A cell's value from its decoded content x (between <c …> and </c>), given its type and style: every form SpreadsheetML has. */
  const textCellValue = (x: string, t: string, style: number): CellValue => {
    const Tg = T!;
    if (t === 'inlineStr') return runsText(x, 0, x.length, Tg);
    // <v> comes first, or after <f>.
    let a = x.indexOf(Tg.v);
    while (a >= 0 && !endsName(x.charCodeAt(a + Tg.v.length))) a = x.indexOf(Tg.v, a + 1);
    if (a < 0) return null;
    const gt = x.indexOf('>', a);
    if (x.charCodeAt(gt - 1) === 47) return null;
    const e = x.indexOf(Tg.vEnd, gt);
    if (e < 0) throw new Error('unterminated <v>');
    if (t === 's') return shared[intAt(x, gt + 1, e)] ?? null;
    const raw = x.slice(gt + 1, e);
    switch (t) {
      case 'str':
        return decodeText(raw);
      case 'b': {
        const b = raw.trim().toLowerCase();
        return b === '1' || b === 'true';
      }
      case 'e':
        return null;
      case 'd': {
        const iso = raw.trim();
        const d = new Date(/^\d{4}-\d{2}-\d{2}$/.test(iso) ? `${iso}T00:00:00Z` : /[zZ]|[+-]\d{2}:?\d{2}$/.test(iso) ? iso : `${iso}Z`);
        return Number.isNaN(d.getTime()) ? decodeText(raw) : d;
      }
      default:
        return numberValue(parseFloat(raw), style);
    }
  };

  /** A cell in a rare form, read as text: its content b[from, to) decoded, its type and style where startTag put them in B. */
  const slowCellValue = (b: Buffer, from: number, to: number): CellValue =>
    textCellValue(b.toString('utf8', from, to), B.t < 0 ? '' : b.toString('latin1', B.t, B.tEnd), B.s < 0 ? -1 : intAtBytes(b, B.s, B.sEnd));

  /**
   * The plain form `<v>digits</v></c>` right after the start tag ending at
   * `gt`: the value, and in `fastEnd` where the cell ends. undefined when the
   * cell has another form.
   */
  let fastEnd = 0;
  const fastCellValue = (b: Buffer, gt: number, to: number): CellValue | undefined => {
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
    if (!bytesAt(b, ve, Bt.vEnd) || !bytesAt(b, ve + Bt.vEnd.length, Bt.cEnd)) return undefined;
    fastEnd = ve + Bt.vEnd.length + Bt.cEnd.length;
    if (type === 115) return shared[intAtBytes(b, vs, ve)] ?? null;
    return numberValue(parseFloat(b.toString('latin1', vs, ve)), B.s < 0 ? -1 : intAtBytes(b, B.s, B.sEnd));
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
      if (i >= to) throw new Error('unterminated <row>');
      if (bytesAt(b, i, Bt.rowEnd)) {
        i += Bt.rowEnd.length;
        break;
      }
      if (!bytesAt(b, i, Bt.c) || !endsNameByte(b[i + Bt.c.length])) {
        i++;
        continue;
      }
      const gt = startTag(b, i + Bt.c.length, to);
      if (gt < 0) throw new Error('unterminated <c>');
      col = B.r >= 0 ? columnAtBytes(b, B.r, B.rEnd) : col + 1;
      if (b[gt - 1] === SLASH) {
        i = gt + 1;
        continue;
      }
      let v = fastCellValue(b, gt, to);
      if (v === undefined) {
        // Find </c>; a </row> first means the cell never ends.
        let e = gt + 1;
        for (;;) {
          while (e < to && b[e] !== LT) e++;
          if (e >= to || bytesAt(b, e, Bt.rowEnd)) throw new Error('unterminated <c>');
          if (bytesAt(b, e, Bt.cEnd)) break;
          e++;
        }
        i = e + Bt.cEnd.length;
        v = slowCellValue(b, gt + 1, e);
      } else {
        i = fastEnd;
      }
      if (v === null) continue;
      if (col > MAX_COLUMNS) throw ctx.tooManyColumns(ctx.name, col);
      if (col > width) width = col;
      if (v === '') continue;
      cols[n] = col;
      vals[n++] = v;
    }
    if (n) {
      const row = new Array<CellValue>(width).fill(null);
      for (let k = 0; k < n; k++) row[cols[k]! - 1] = vals[k]!;
      rows[lastRow - 1] = row;
    }
    return i;
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
      if (gt < 0) throw new Error('unterminated <row>');
      const r = B.r >= 0 ? intAtBytes(b, B.r, B.rEnd) : lastRow + 1;
      if (!(r >= 1)) throw new Error(`bad row number ${b.toString('latin1', B.r, B.rEnd)}`);
      if (r > MAX_ROWS) throw ctx.tooManyRows(ctx.name);
      lastRow = r;
      i = b[gt - 1] === SLASH ? gt + 1 : cells(b, gt + 1, to);
    }
  };

  /** Consumes b (carry and new bytes); returns how many bytes it used, or false once the merges are read. */
  const scan = (b: Buffer, final: boolean): number | false => {
    let base = 0;
    if (phase === 'head') {
      const m = /<([A-Za-z_][\w.-]*:)?sheetData\b[^>]*?(\/?)>/.exec(b.toString('latin1'));
      if (!m) return final ? b.length : Math.max(0, b.length - 256); // a sheet without <sheetData>: no rows
      T = tags(m[1] ?? '');
      BT = byteTags(m[1] ?? '');
      phase = m[2] ? 'tail' : 'data';
      base = m.index + m[0].length;
    }
    const Bt = BT!;
    if (phase === 'data') {
      const end = b.indexOf(Bt.sheetDataEnd, base);
      if (end < 0) {
        if (final) throw new Error('sheet XML ends inside <sheetData>');
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
    // Keep the <mergeCells> text until it closes (bounded: 100,000 merges is far beyond any ledger).
    mergeText += x;
    if (mergeText.includes(Tg.mergeCellsEnd) || mergeText.length > 5_000_000 || final) {
      for (const m of mergeText.matchAll(Tg.mergeCell)) {
        const r = parseRange(m[1]!);
        if (r && (r.bottom > r.top || r.right > r.left)) merges.push(r);
      }
      return false;
    }
    return b.length;
  };

  let carry: Buffer | null = null;
  let stopped = false;
  await streamZipEntry(file, entry, MAX_SHEET_XML_BYTES, (chunk) => {
    const b = carry ? Buffer.concat([carry, chunk]) : chunk;
    const used = scan(b, false);
    if (used === false) {
      stopped = true;
      return false;
    }
    carry = used < b.length ? b.subarray(used) : null;
    // One row (or the text before <sheetData>) larger than this is not a ledger.
    if (carry && carry.length > 64 * 1024 * 1024) throw new Error('XML element too large');
  });
  if (!stopped) scan(carry ?? Buffer.alloc(0), true);
  return { rows, merges };
}
