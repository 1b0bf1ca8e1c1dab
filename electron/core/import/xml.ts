import iconv from 'iconv-lite';

/*
 * The few XML primitives the .xlsx reader needs, each linear in its input:
 * a hostile part of 17 KB of unclosed `<sheet <sheet …` once made a regex
 * like /<sheet\b[^>]*>/g rescan to the end from every '<' (minutes of work).
 * Here a start tag's end is searched once; when there is none, nothing after
 * it can be a complete tag either, so the scan stops.
 */

/** One start tag: its attributes by name as written (`r:id` keeps its prefix), values decoded. */
export interface StartTag {
  /** Index of its '<' in the text. */
  at: number;
  /** Index just after its '>'. */
  end: number;
  selfClosing: boolean;
  /** The namespace prefix with its colon ('x:'), or ''. */
  prefix: string;
  attrs: Map<string, string>;
}

const isWsCode = (c: number) => c === 32 || c === 9 || c === 10 || c === 13;
/** After a tag name: whitespace, '>', '/' or a stray '<' (which keeps `<a<a<a…` linear). */
const isNameEnd = (c: number) => Number.isNaN(c) || isWsCode(c) || c === 62 || c === 47 || c === 60;

/** Index of the '>' closing the tag that starts at `from`, quotes respected; -1 when there is none. */
export function tagEnd(x: string, from: number): number {
  let quote = 0;
  for (let i = from; i < x.length; i++) {
    const c = x.charCodeAt(i);
    if (quote) {
      if (c === quote) quote = 0;
    } else if (c === 34 || c === 39) quote = c;
    else if (c === 62) return i;
  }
  return -1;
}

/** The attributes of the start tag text between its name and its '>'. */
export function parseAttributes(x: string, from: number, to: number): Map<string, string> {
  const attrs = new Map<string, string>();
  let i = from;
  while (i < to) {
    while (i < to && (isWsCode(x.charCodeAt(i)) || x.charCodeAt(i) === 47)) i++;
    const nameStart = i;
    while (i < to && !isWsCode(x.charCodeAt(i)) && x.charCodeAt(i) !== 61 && x.charCodeAt(i) !== 47) i++;
    const name = x.slice(nameStart, i);
    while (i < to && isWsCode(x.charCodeAt(i))) i++;
    if (x.charCodeAt(i) !== 61) {
      if (i === nameStart) i++;
      continue;
    }
    i++;
    while (i < to && isWsCode(x.charCodeAt(i))) i++;
    const quote = x.charCodeAt(i);
    if (quote !== 34 && quote !== 39) continue;
    const close = x.indexOf(String.fromCharCode(quote), i + 1);
    const valueEnd = close < 0 || close > to ? to : close;
    if (name && !attrs.has(name)) attrs.set(name, decodeEntities(x.slice(i + 1, valueEnd)));
    i = valueEnd + 1;
  }
  return attrs;
}

/** A local name's start tags (any namespace prefix), in document order. */
export function* startTags(x: string, localName: string, from = 0, to = x.length): Generator<StartTag> {
  let i = from;
  while (i < to) {
    const lt = x.indexOf('<', i);
    if (lt < 0 || lt >= to) return;
    // The tag's name runs to whitespace, '>' or '/'; its local part is after the last ':'.
    let n = lt + 1;
    while (n < x.length && !isNameEnd(x.charCodeAt(n))) n++;
    const qname = x.slice(lt + 1, n);
    const colon = qname.lastIndexOf(':');
    if ((colon < 0 ? qname : qname.slice(colon + 1)) !== localName) {
      i = lt + 1;
      continue;
    }
    const gt = tagEnd(x, n);
    if (gt < 0 || gt >= to) return;
    yield { at: lt, end: gt + 1, selfClosing: x.charCodeAt(gt - 1) === 47, prefix: colon < 0 ? '' : qname.slice(0, colon + 1), attrs: parseAttributes(x, n, gt) };
    i = gt + 1;
  }
}

/** The first start tag of a local name, or undefined. */
export function firstTag(x: string, localName: string, from = 0): StartTag | undefined {
  for (const tag of startTags(x, localName, from)) return tag;
  return undefined;
}

/** The value of a prefixed attribute by its local name (r:id, or any other prefix bound to the relationships namespace). */
export function prefixedAttr(tag: StartTag, localName: string): string | undefined {
  for (const [name, value] of tag.attrs) {
    const colon = name.indexOf(':');
    if (colon > 0 && name.slice(colon + 1) === localName) return value;
  }
  return undefined;
}

const ENTITY = /&(lt|gt|amp|quot|apos|#\d+|#x[0-9a-f]+);/gi;
function entity(_: string, e: string): string {
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
}

export const decodeEntities = (s: string): string => (s.indexOf('&') < 0 ? s : s.replace(ENTITY, entity));

/**
 * Character data as an XML parser hands it over: line ends normalised (a
 * literal CR LF or CR is one LF; `&#13;` stays a CR), entities decoded, and
 * CDATA sections taken literally.
 */
export function xmlText(raw: string): string {
  if (raw.indexOf('<![CDATA[') < 0) return decodeEntities(normaliseLineEnds(raw));
  let out = '';
  let i = 0;
  for (;;) {
    const a = raw.indexOf('<![CDATA[', i);
    if (a < 0) break;
    out += decodeEntities(normaliseLineEnds(raw.slice(i, a)));
    const e = raw.indexOf(']]>', a + 9);
    const end = e < 0 ? raw.length : e;
    out += normaliseLineEnds(raw.slice(a + 9, end));
    i = e < 0 ? raw.length : e + 3;
  }
  return out + decodeEntities(normaliseLineEnds(raw.slice(i)));
}

const normaliseLineEnds = (s: string): string => (s.indexOf('\r') < 0 ? s : s.replace(/\r\n?/g, '\n'));

/** Excel's escapes of characters XML cannot hold (`_x000D_`); `_x005F_` escapes the underscore itself. */
export const unescapeExcel = (s: string): string =>
  s.indexOf('_x') < 0 ? s : s.replace(/_x([0-9A-Fa-f]{4})_/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));

/** A cell's or shared string's text: XML character data, then Excel's escapes. */
export const cellText = (raw: string): string => unescapeExcel(xmlText(raw));

/**
 * The encoding of an XML part from its first bytes: a byte-order mark, or the
 * declaration's encoding. Returns null for UTF-8 (nearly every part), else
 * the name iconv-lite knows it by.
 */
export function xmlEncoding(head: Buffer): string | null {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return null;
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  // UTF-16 without a mark: '<' followed or preceded by a zero byte.
  if (head[0] === 0x3c && head[1] === 0) return 'utf-16le';
  if (head[0] === 0 && head[1] === 0x3c) return 'utf-16be';
  const decl = /^<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(head.toString('latin1', 0, Math.min(head.length, 200)));
  if (!decl) return null;
  const name = decl[1]!.toLowerCase();
  if (name === 'utf-8' || name === 'utf8') return null;
  return iconv.encodingExists(name) ? name : null;
}

/** A whole (small) part as text, in whatever encoding it declares; a UTF-8 mark is dropped. */
export function partText(bytes: Buffer): string {
  const enc = xmlEncoding(bytes);
  const text = enc ? iconv.decode(bytes, enc) : bytes.toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** For a streamed part in another encoding: a decoder turning its chunks into UTF-8 bytes. */
export function utf8Transcoder(encoding: string): { write: (chunk: Buffer) => Buffer; end: () => Buffer } {
  const decoder = iconv.getDecoder(encoding);
  return {
    write: (chunk) => Buffer.from(decoder.write(chunk), 'utf8'),
    end: () => Buffer.from(decoder.end() ?? '', 'utf8'),
  };
}
