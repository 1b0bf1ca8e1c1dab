import { StringDecoder } from 'node:string_decoder';
import { MAX_SHEET_XML_BYTES } from './limits';
import { streamZipEntry, type ZipEntry } from './zip';

/*
 * A small, fast reader for the parts of SpreadsheetML an import needs: shared
 * strings, which cell styles are dates, and the text helpers the sheet reader
 * (xlsxSheet.ts) uses for cells in their rarer forms. The XML is inflated as a
 * stream and scanned with indexOf (no SAX events, no cell objects), which is
 * several times faster than exceljs's streaming reader and keeps memory at
 * one chunk plus the values.
 *
 * What the two read: <row r>, <c r t s> with <v> (numbers, t="s" shared
 * strings, t="str" formula text, t="b", t="e" as empty, t="d" ISO dates),
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
export function decodeText(s: string): string {
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

export const isWs = (c: number) => c === 32 || c === 9 || c === 10 || c === 13;
/** After a tag name: whitespace, '>' or '/' (so <c does not match <col). */
export const endsName = (c: number) => isWs(c) || c === 62 || c === 47;

/** The whole number at the start of x[from, to) (leading spaces skipped, as parseInt does); NaN when there is none. */
export function intAt(x: string, from: number, to: number): number {
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

/** Element names with the document's namespace prefix ('' or e.g. 'x:'). */
export function tags(p: string) {
  return {
    v: `<${p}v`,
    vEnd: `</${p}v>`,
    t: `<${p}t`,
    tEnd: `</${p}t>`,
    rPh: `<${p}rPh`,
    rPhEnd: `</${p}rPh>`,
    si: `<${p}si`,
    siEnd: `</${p}si>`,
    mergeCells: `<${p}mergeCells`,
    mergeCellsEnd: `</${p}mergeCells>`,
    mergeCell: new RegExp(`<${p}mergeCell\\b[^>]*\\sref\\s*=\\s*["']([^"']+)["']`, 'g'),
  };
}
export type Tags = ReturnType<typeof tags>;

/** The text of the <t> runs in x[from, to), phonetic guides (<rPh>) left out. */
export function runsText(whole: string, from: number, to: number, T: Tags): string {
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
