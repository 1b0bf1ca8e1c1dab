import { StringDecoder } from 'node:string_decoder';
import { MAX_COLUMNS, MAX_ROWS, MAX_SHEET_XML_BYTES } from './limits';
import { parseRange, type CellValue, type Merge } from './raw';
import { streamZipEntry, type ZipEntry } from './zip';

/*
 * A small, fast reader for the parts of SpreadsheetML an import needs: shared
 * strings, which cell styles are dates, and each sheet's cell values and
 * merged ranges. The XML is inflated as a stream and scanned with indexOf
 * (no SAX events, no cell objects), which is several times faster than
 * exceljs's streaming reader and keeps memory at one chunk plus the values.
 *
 * What it reads: <row r>, <c r t s> with <v> (numbers, t="s" shared strings,
 * t="str" formula text, t="b", t="e" as empty, t="d" ISO dates),
 * t="inlineStr" <is> with rich-text runs, phonetic runs (<rPh>) left out,
 * XML entities and Excel's _xHHHH_ escapes, any namespace prefix (x:row),
 * and <mergeCell ref> after <sheetData>. A number in a cell whose style has
 * a date format is a date, as Excel shows it.
 */

const ENTITY = /&(lt|gt|amp|quot|apos|#\d+|#x[0-9a-f]+);/gi;
const entity = (_: string, e: string): string => {
  switch (e) {
    case 'lt':
      return '<';
    case 'gt':
      return '>';
    case 'amp':
      return '&';
    case 'quot':
      return '"';
    case 'apos':
      return "'";
    default: {
      const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return code >= 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '';
    }
  }
};

export const decodeXml = (s: string): string => (s.indexOf('&') < 0 ? s : s.replace(ENTITY, entity));

/** Cell text: XML entities, then Excel's escapes of control characters (_x000D_). */
function decodeText(s: string): string {
  const out = decodeXml(s);
  return out.indexOf('_x') < 0 ? out : out.replace(/_x([0-9A-Fa-f]{4})_/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
}

/** Built-in number formats that show a date or time (including the Chinese/Japanese/Korean ones). */
const BUILTIN_DATES = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58]);

/** A custom format shows a date when it has y/m/d/h/s outside quotes, brackets and escapes (as Excel and exceljs decide). */
export function isDateFormat(fmt: string): boolean {
  const f = fmt
    .replace(/\[[^\]]*]/g, '')
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/[_*]./g, '');
  return /[ymdhsb]/i.test(f);
}

const attrOf = (tag: string, name: string): string | undefined => {
  const m = new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`).exec(tag);
  return m ? decodeXml(m[1] ?? m[2] ?? '') : undefined;
};

/** styles.xml → for each cell style index (the c@s attribute), whether it formats numbers as dates. */
export function dateStyles(xml: string): boolean[] {
  const custom = new Map<number, string>();
  for (const m of xml.matchAll(/<(?:[\w.-]+:)?numFmt\b[^>]*>/g)) {
    const id = Number(attrOf(m[0], 'numFmtId'));
    const code = attrOf(m[0], 'formatCode');
    if (Number.isInteger(id) && code !== undefined) custom.set(id, code);
  }
  const open = /<((?:[\w.-]+:)?)cellXfs\b[^>]*?(\/?)>/.exec(xml);
  if (!open || open[2]) return [];
  const close = xml.indexOf(`</${open[1]}cellXfs>`, open.index);
  const section = xml.slice(open.index, close < 0 ? xml.length : close);
  const out: boolean[] = [];
  for (const m of section.matchAll(/<(?:[\w.-]+:)?xf\b[^>]*>/g)) {
    const id = Number(attrOf(m[0], 'numFmtId') ?? 0);
    const code = custom.get(id);
    out.push(code !== undefined ? isDateFormat(code) : BUILTIN_DATES.has(id));
  }
  return out;
}

const isWs = (c: number) => c === 32 || c === 9 || c === 10 || c === 13;
/** After a tag name: whitespace, '>' or '/' (so <c does not match <col). */
const endsName = (c: number) => isWs(c) || c === 62 || c === 47;

/**
 * Where the r, s and t attribute values of the start tag x[from, to) are, as
 * [start, end) offsets into x (-1 when absent). Offsets, not slices: this
 * runs once per cell, and most values are read as a number straight from x.
 * The object is reused.
 */
const A = { r: -1, rEnd: -1, s: -1, sEnd: -1, t: -1, tEnd: -1 };
function tagAttrs(x: string, from: number, to: number): void {
  A.r = A.s = A.t = -1;
  let i = from;
  while (i < to) {
    const eq = x.indexOf('=', i);
    if (eq < 0 || eq >= to) return;
    let e = eq;
    while (e > i && isWs(x.charCodeAt(e - 1))) e--;
    let n = e;
    while (n > i && !isWs(x.charCodeAt(n - 1))) n--;
    let q = eq + 1;
    while (q < to && isWs(x.charCodeAt(q))) q++;
    const quote = x[q];
    if (quote !== '"' && quote !== "'") return;
    const end = x.indexOf(quote, q + 1);
    if (end < 0 || end > to) return;
    // An empty value (r="") counts as absent.
    if (e - n === 1 && end > q + 1) {
      const c = x.charCodeAt(n);
      if (c === 114) {
        A.r = q + 1;
        A.rEnd = end;
      } else if (c === 115) {
        A.s = q + 1;
        A.sEnd = end;
      } else if (c === 116) {
        A.t = q + 1;
        A.tEnd = end;
      }
    }
    i = end + 1;
  }
}

/** The whole number at the start of x[from, to) (leading spaces skipped, as parseInt does); NaN when there is none. */
function intAt(x: string, from: number, to: number): number {
  let i = from;
  while (i < to && isWs(x.charCodeAt(i))) i++;
  let n = 0;
  const start = i;
  for (; i < to; i++) {
    const d = x.charCodeAt(i) - 48;
    if (d < 0 || d > 9) break;
    n = n * 10 + d;
  }
  return i === start ? NaN : n;
}

/** The column of a cell reference in x[from, to): "AB12" → 28. */
function columnAt(x: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = x.charCodeAt(i) | 0x20;
    if (c < 97 || c > 122) break;
    n = n * 26 + (c - 96);
  }
  return n;
}

/** Element names with the document's namespace prefix ('' or e.g. 'x:'). */
function tags(p: string) {
  return {
    row: `<${p}row`,
    rowEnd: `</${p}row>`,
    c: `<${p}c`,
    cEnd: `</${p}c>`,
    v: `<${p}v`,
    vEnd: `</${p}v>`,
    t: `<${p}t`,
    tEnd: `</${p}t>`,
    rPh: `<${p}rPh`,
    rPhEnd: `</${p}rPh>`,
    si: `<${p}si`,
    siEnd: `</${p}si>`,
    sheetDataEnd: `</${p}sheetData>`,
    mergeCells: `<${p}mergeCells`,
    mergeCellsEnd: `</${p}mergeCells>`,
    mergeCell: new RegExp(`<${p}mergeCell\\b[^>]*\\sref\\s*=\\s*["']([^"']+)["']`, 'g'),
  };
}
type Tags = ReturnType<typeof tags>;

/** The text of the <t> runs in x[from, to), phonetic guides (<rPh>) left out. */
function runsText(whole: string, from: number, to: number, T: Tags): string {
  // Searched within its own slice: an indexOf on the whole chunk would run to its end for every string.
  const x = whole.slice(from, to);
  let out = '';
  let k = 0;
  let ph = x.indexOf(T.rPh);
  for (;;) {
    const a = x.indexOf(T.t, k);
    if (a < 0) break;
    if (ph >= 0 && ph < a) {
      const pe = x.indexOf(T.rPhEnd, ph);
      k = pe < 0 ? x.length : pe + T.rPhEnd.length;
      ph = x.indexOf(T.rPh, k);
      continue;
    }
    if (!endsName(x.charCodeAt(a + T.t.length))) {
      k = a + T.t.length;
      continue;
    }
    const gt = x.indexOf('>', a);
    if (gt < 0) break;
    if (x.charCodeAt(gt - 1) === 47) {
      k = gt + 1;
      continue;
    }
    const e = x.indexOf(T.tEnd, gt);
    if (e < 0) throw new Error('unterminated <t>');
    out += x.slice(gt + 1, e);
    k = e + T.tEnd.length;
  }
  return decodeText(out);
}

const prefixOf = (text: string, root: string): string | null => {
  const m = new RegExp(`<([A-Za-z_][\\w.-]*:)?${root}[\\s>/]`).exec(text);
  return m ? (m[1] ?? '') : null;
};

/**
 * Feed an entry's text to `scan` in pieces that end on a complete element:
 * `scan(text, final)` returns how much of the text it consumed; the rest is
 * carried over to the next piece.
 */
async function scanEntry(file: string, entry: ZipEntry, scan: (text: string, final: boolean) => number | false, maxCarry: number): Promise<void> {
  const decoder = new StringDecoder('utf8');
  let carry = '';
  let stopped = false;
  await streamZipEntry(file, entry, MAX_SHEET_XML_BYTES, (chunk) => {
    const text = carry + decoder.write(chunk);
    const used = scan(text, false);
    if (used === false) {
      stopped = true;
      return false;
    }
    carry = text.slice(used);
    if (carry.length > maxCarry) throw new Error('XML element too large');
  });
  if (!stopped) scan(carry + decoder.end(), true);
}

/** sharedStrings.xml → the strings by index (rich text joined). */
export async function readSharedStrings(file: string, entry: ZipEntry): Promise<string[]> {
  const out: string[] = [];
  let T: Tags | null = null;
  await scanEntry(
    file,
    entry,
    (x, final) => {
      if (!T) {
        const p = prefixOf(x, 'sst');
        if (p === null) {
          if (final) throw new Error('sharedStrings.xml has no <sst>');
          return 0;
        }
        T = tags(p);
      }
      const limit = final ? x.length : x.lastIndexOf(T.siEnd) + T.siEnd.length;
      let i = 0;
      for (;;) {
        const a = x.indexOf(T.si, i);
        if (a < 0) break;
        if (!endsName(x.charCodeAt(a + T.si.length))) {
          i = a + T.si.length;
          continue;
        }
        const gt = x.indexOf('>', a);
        if (gt < 0) break;
        if (x.charCodeAt(gt - 1) === 47) {
          if (gt >= limit) break;
          out.push('');
          i = gt + 1;
          continue;
        }
        const e = x.indexOf(T.siEnd, gt);
        if (e < 0 || e + T.siEnd.length > limit) break;
        out.push(runsText(x, gt + 1, e, T));
        i = e + T.siEnd.length;
      }
      if (final && x.indexOf(T.si, i) >= 0) throw new Error('sharedStrings.xml ends inside <si>');
      return i;
    },
    64 * 1024 * 1024,
  );
  return out;
}

export interface SheetContext {
  name: string;
  shared: string[];
  dates: boolean[];
  date1904: boolean;
  tooManyRows: (sheet: string) => Error;
  tooManyColumns: (sheet: string, col: number) => Error;
}

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
  let phase: 'head' | 'data' | 'tail' | 'merges' = 'head';
  let lastRow = 0;
  let mergeText = '';
  const cols: number[] = [];
  const vals: CellValue[] = [];

  /** The value of the cell whose content is x[from, to); its type and style are where A says. */
  const value = (x: string, from: number, to: number): CellValue => {
    const Tg = T!;
    // Most cells are shared strings (t="s"): the type is read without slicing it out.
    const t = A.t < 0 ? '' : A.tEnd - A.t === 1 && x.charCodeAt(A.t) === 115 ? 's' : x.slice(A.t, A.tEnd);
    const style = A.s < 0 ? -1 : intAt(x, A.s, A.sEnd);
    if (t === 'inlineStr') return runsText(x, from, to, Tg);
    // <v> comes first (or after <f>); a cell without one must not send indexOf through the rest of the chunk.
    let a = x.startsWith(Tg.v, from) ? from : -1;
    if (a < 0) {
      const at = x.slice(from, to).indexOf(Tg.v);
      a = at < 0 ? -1 : from + at;
    }
    while (a >= 0 && a < to && !endsName(x.charCodeAt(a + Tg.v.length))) a = x.indexOf(Tg.v, a + 1);
    if (a < 0 || a >= to) return null;
    const gt = x.indexOf('>', a);
    if (x.charCodeAt(gt - 1) === 47) return null;
    const e = x.indexOf(Tg.vEnd, gt);
    if (e < 0 || e > to) throw new Error('unterminated <v>');
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
      default: {
        const n = parseFloat(raw);
        if (Number.isNaN(n)) return null;
        if (style >= 0 && dates[style]) return new Date(Math.round((n - epoch) * 86_400_000));
        return n;
      }
    }
  };

  /**
   * The next <tag …> element (not <tagOther…>) in x[from, to): its attributes
   * go into A; returns the index of its '>' (-1 when there is none).
   */
  const openTag = (x: string, tag: string, from: number, to: number, name: string): number => {
    let i = from;
    for (;;) {
      i = x.indexOf(tag, i);
      if (i < 0 || i >= to) return -1;
      if (endsName(x.charCodeAt(i + tag.length))) break;
      i += tag.length;
    }
    const gt = x.indexOf('>', i);
    if (gt < 0 || gt >= to) throw new Error(`unterminated <${name}>`);
    tagAttrs(x, i + tag.length, x.charCodeAt(gt - 1) === 47 ? gt - 1 : gt);
    return gt;
  };

  const cells = (x: string, from: number, to: number): void => {
    const Tg = T!;
    let col = 0;
    let width = 0;
    let n = 0;
    let i = from;
    for (;;) {
      const gt = openTag(x, Tg.c, i, to, 'c');
      if (gt < 0) break;
      const self = x.charCodeAt(gt - 1) === 47;
      col = A.r >= 0 ? columnAt(x, A.r, A.rEnd) : col + 1;
      if (self) {
        i = gt + 1;
        continue;
      }
      const end = x.indexOf(Tg.cEnd, gt);
      if (end < 0 || end > to) throw new Error('unterminated <c>');
      const v = value(x, gt + 1, end);
      i = end + Tg.cEnd.length;
      if (v === null) continue;
      if (col > MAX_COLUMNS) throw ctx.tooManyColumns(ctx.name, col);
      if (col > width) width = col;
      if (v === '') continue;
      cols[n] = col;
      vals[n++] = v;
    }
    if (!n) return;
    const row = new Array<CellValue>(width).fill(null);
    for (let k = 0; k < n; k++) row[cols[k]! - 1] = vals[k]!;
    rows[lastRow - 1] = row;
  };

  /** The rows in x[0, to). */
  const rowsIn = (x: string, to: number): void => {
    const Tg = T!;
    let i = 0;
    for (;;) {
      const gt = openTag(x, Tg.row, i, to, 'row');
      if (gt < 0) return;
      const self = x.charCodeAt(gt - 1) === 47;
      const r = A.r >= 0 ? intAt(x, A.r, A.rEnd) : lastRow + 1;
      if (!(r >= 1)) throw new Error(`bad row number ${x.slice(A.r, A.rEnd)}`);
      if (r > MAX_ROWS) throw ctx.tooManyRows(ctx.name);
      lastRow = r;
      if (self) {
        i = gt + 1;
        continue;
      }
      const end = x.indexOf(Tg.rowEnd, gt);
      if (end < 0 || end >= to) throw new Error('unterminated <row>');
      cells(x, gt + 1, end);
      i = end + Tg.rowEnd.length;
    }
  };

  await scanEntry(
    file,
    entry,
    (text, final) => {
      let x = text;
      let base = 0;
      if (phase === 'head') {
        const m = /<([A-Za-z_][\w.-]*:)?sheetData\b[^>]*?(\/?)>/.exec(x);
        if (!m) {
          if (final) return x.length; // a sheet without <sheetData>: no rows
          return Math.max(0, x.length - 256);
        }
        T = tags(m[1] ?? '');
        phase = m[2] ? 'tail' : 'data';
        base = m.index + m[0].length;
        x = x.slice(base);
        base = 0;
      }
      const Tg = T!;
      if (phase === 'data') {
        const end = x.indexOf(Tg.sheetDataEnd);
        if (end < 0) {
          if (final) throw new Error('sheet XML ends inside <sheetData>');
          const last = x.lastIndexOf(Tg.rowEnd);
          const cut = last < 0 ? 0 : last + Tg.rowEnd.length;
          rowsIn(x, cut);
          return text.length - (x.length - cut);
        }
        rowsIn(x, end);
        phase = 'tail';
        x = x.slice(end + Tg.sheetDataEnd.length);
      }
      if (phase === 'tail') {
        const at = x.indexOf(Tg.mergeCells);
        if (at < 0) return final ? text.length : text.length - Math.min(x.length, 32);
        phase = 'merges';
        x = x.slice(at);
        mergeText = '';
      }
      // phase 'merges': keep the <mergeCells> text until it closes (bounded: 100,000 merges is far beyond any ledger).
      mergeText += x;
      if (mergeText.includes(Tg.mergeCellsEnd) || mergeText.length > 5_000_000 || final) {
        for (const m of mergeText.matchAll(Tg.mergeCell)) {
          const r = parseRange(m[1]!);
          if (r && (r.bottom > r.top || r.right > r.left)) merges.push(r);
        }
        mergeText = '';
        return false;
      }
      return text.length;
    },
    64 * 1024 * 1024,
  );
  return { rows, merges };
}
