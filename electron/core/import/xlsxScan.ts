import { StringDecoder } from 'node:string_decoder';
import { MAX_ELEMENT_BYTES, MAX_SHEET_XML_BYTES, MAX_TEXT_CHARS, OverLimit, type ReadBudget } from './limits';
import { NeedsFallback } from './fallback';
import { cellText, firstTag, startTags, utf8Transcoder, xmlEncoding } from './xml';
import type { ZipArchive, ZipEntry } from './zip';

/*
 * The parts of SpreadsheetML an import needs besides the sheets: shared
 * strings, which cell styles are dates, and the rich-text reading the sheet
 * reader (xlsxSheet.ts) shares for inline strings. Shared strings are
 * inflated as a stream and scanned with indexOf (no SAX events), one piece
 * at a time: a piece is read up to where its last `<si` starts and the rest
 * waits for the next piece, so no string is ever read from half of its XML
 * (a piece that ended right after `<si` once skipped a string and moved
 * every later one up by one).
 */

/** Built-in number formats that show a date or time: Excel's own, and the East Asian ones (27–36, 50–58) and others Excel maps to dates. */
const BUILTIN_DATES = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58, 71, 72, 73, 74, 75, 76, 77, 78, 79, 80, 81]);

/** A custom format shows a date when it has y/m/d/h/s outside quotes, brackets and escapes (as Excel and exceljs decide). */
export function isDateFormat(fmt: string): boolean {
  const f = fmt
    .replace(/\[[^\]]*]/g, '')
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/[_*]./g, '');
  return /[ymdhsb]/i.test(f);
}

/** styles.xml → for each cell style index (the c@s attribute), whether it formats numbers as dates. */
export function dateStyles(xml: string): boolean[] {
  const custom = new Map<number, string>();
  for (const tag of startTags(xml, 'numFmt')) {
    const id = Number(tag.attrs.get('numFmtId'));
    const code = tag.attrs.get('formatCode');
    if (Number.isInteger(id) && code !== undefined) custom.set(id, code);
  }
  const open = firstTag(xml, 'cellXfs');
  if (!open || open.selfClosing) return [];
  const close = xml.indexOf(`</${open.prefix}cellXfs>`, open.end);
  const out: boolean[] = [];
  for (const tag of startTags(xml, 'xf', open.end, close < 0 ? xml.length : close)) {
    const id = Number(tag.attrs.get('numFmtId') ?? 0);
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
  while (i < to && isWs(x.charCodeAt(i))) i++;
  return i === start || i !== to ? NaN : n;
}

/** Element names with the document's namespace prefix ('' or e.g. 'x:'). */
export function tags(p: string) {
  return {
    v: `<${p}v`,
    vEnd: `</${p}v>`,
    t: `<${p}t`,
    tEnd: `</${p}t>`,
    r: `<${p}r`,
    rPh: `<${p}rPh`,
    rPhEnd: `</${p}rPh>`,
    si: `<${p}si`,
    siEnd: `</${p}si>`,
    mergeCells: `<${p}mergeCells`,
    mergeCellsEnd: `</${p}mergeCells>`,
  };
}
export type Tags = ReturnType<typeof tags>;

/** Index of the next `<name` (as a whole name) in x from `from`, before `to`; -1 when none. */
function nextTag(x: string, name: string, from: number, to: number): number {
  for (let a = x.indexOf(name, from); a >= 0 && a < to; a = x.indexOf(name, a + 1)) {
    const c = x.charCodeAt(a + name.length);
    if (Number.isNaN(c) || endsName(c)) return a;
  }
  return -1;
}

/** Index of the last `<name` (as a whole name) in x; 0 when none. */
function lastTag(x: string, name: string): number {
  for (let a = x.lastIndexOf(name); a >= 0; a = a > 0 ? x.lastIndexOf(name, a - 1) : -1) {
    const c = x.charCodeAt(a + name.length);
    if (Number.isNaN(c) || endsName(c)) return a;
  }
  return 0;
}

/**
 * The text of a rich-text element's content x[from, to) (a shared string's
 * `<si>` or an inline string's `<is>`): a leading plain `<t>` alone when there
 * is one (as Excel, SheetJS and exceljs read it), else the `<t>` of every run;
 * phonetic guides (`<rPh>`) are left out.
 */
export function richText(whole: string, from: number, to: number, T: Tags): string {
  // Searched within its own slice: an indexOf on the whole piece would run to its end for every string.
  const x = whole.slice(from, to);
  if (x.indexOf('<![CDATA[') >= 0 && /<!\[CDATA\[[^\]]*</.test(x)) throw new NeedsFallback('文本中的 CDATA 段含有标记');
  let out = '';
  let k = 0;
  let first = true;
  // The next phonetic guide, looked up again only once passed (a search per run would be quadratic).
  let ph = nextTag(x, T.rPh, 0, x.length);
  for (;;) {
    const a = nextTag(x, T.t, k, x.length);
    if (a < 0) break;
    if (ph >= 0 && ph < a) {
      const pe = x.indexOf(T.rPhEnd, ph);
      k = pe < 0 ? x.length : pe + T.rPhEnd.length;
      ph = nextTag(x, T.rPh, k, x.length);
      continue;
    }
    // A plain <t> before any run is the whole string.
    const plain = first && nextTag(x, T.r, k, a) < 0;
    first = false;
    const gt = x.indexOf('>', a);
    if (gt < 0) break;
    if (x.charCodeAt(gt - 1) === 47) {
      k = gt + 1;
      if (plain) break;
      continue;
    }
    const e = x.indexOf(T.tEnd, gt);
    if (e < 0) throw new NeedsFallback('文本没有结束标记 </t>');
    out += x.slice(gt + 1, e);
    k = e + T.tEnd.length;
    if (plain) break;
  }
  return cellText(out);
}

/** The namespace prefix ('' or 'x:') of the first element of a local name in x; null when it is not there. */
export function prefixOf(x: string, localName: string): string | null {
  return firstTag(x, localName)?.prefix ?? null;
}

/**
 * Feed a part's text to `scan` in pieces: `scan(text, final)` returns how
 * much of the text it consumed; the rest is carried over to the next piece.
 * Parts in another encoding (UTF-16, declared GBK) are turned into UTF-8 first.
 */
async function scanPart(zip: ZipArchive, entry: ZipEntry, budget: ReadBudget, scan: (text: string, final: boolean) => number): Promise<void> {
  const decoder = new StringDecoder('utf8');
  let transcode: ReturnType<typeof utf8Transcoder> | null | undefined;
  let carry = '';
  await zip.stream(entry, MAX_SHEET_XML_BYTES, budget, (chunk) => {
    if (transcode === undefined) {
      const enc = xmlEncoding(chunk);
      transcode = enc ? utf8Transcoder(enc) : null;
    }
    const text = carry + decoder.write(transcode ? transcode.write(chunk) : chunk);
    carry = text.slice(scan(text, false));
    if (carry.length > MAX_ELEMENT_BYTES) throw new OverLimit(`「${entry.name}」中的一项内容超过 ${MAX_ELEMENT_BYTES / 1024 / 1024} MB`);
  });
  scan(carry + decoder.write(transcode ? transcode.end() : Buffer.alloc(0)) + decoder.end(), true);
}

/** sharedStrings.xml → the strings by index. */
export async function readSharedStrings(zip: ZipArchive, entry: ZipEntry, budget: ReadBudget): Promise<string[]> {
  const out: string[] = [];
  let T: Tags | null = null;
  const keep = (s: string) => {
    budget.chars -= s.length + 1;
    if (budget.chars < 0) throw new OverLimit(`共享文本「${entry.name}」超过 ${MAX_TEXT_CHARS / 1_000_000} 百万字`);
    out.push(s);
  };
  await scanPart(zip, entry, budget, (x, final) => {
    if (!T) {
      const p = prefixOf(x, 'sst');
      if (p === null) {
        if (final) throw new NeedsFallback('共享文本中没有 <sst>');
        return 0;
      }
      T = tags(p);
    }
    // Only whole strings: everything before the last <si> starts is complete (everything, at the end).
    const limit = final ? x.length : lastTag(x, T.si);
    let i = 0;
    for (;;) {
      const a = nextTag(x, T.si, i, limit);
      if (a < 0) break;
      const gt = x.indexOf('>', a);
      if (gt < 0 || gt >= limit) throw new NeedsFallback('共享文本的标记不完整');
      if (x.charCodeAt(gt - 1) === 47) {
        keep('');
        i = gt + 1;
        continue;
      }
      const e = x.indexOf(T.siEnd, gt);
      if (e < 0 || e + T.siEnd.length > limit) throw new NeedsFallback('共享文本没有结束标记 </si>');
      keep(richText(x, gt + 1, e, T));
      i = e + T.siEnd.length;
    }
    return limit;
  });
  return out;
}
