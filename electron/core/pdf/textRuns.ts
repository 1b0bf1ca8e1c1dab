import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces';

/*
 * The text of a pdfmake document: read out of it (to choose fonts that can
 * draw every character), and split into runs by font. pdfmake 0.3 draws each
 * run of text in one font and has no per-glyph fallback, so a character the
 * run's font lacks comes out as a box; people's names with rare characters
 * (生僻字, CJK Extension B and beyond) are common enough that a report must
 * print them. So each such character is put in a run of its own, set in a
 * font that has it.
 */

/** The keys of a pdfmake node that hold text or other nodes. */
const CONTAINERS = ['stack', 'columns', 'ul', 'ol'] as const;

/** Joiners and variation selectors: they shape the character before them and are not drawn themselves. */
const isJoiner = (cp: number) => cp === 0x200c || cp === 0x200d || (cp >= 0xfe00 && cp <= 0xfe0f) || (cp >= 0xe0100 && cp <= 0xe01ef);

/** Characters no font needs a glyph for: controls, spaces, joiners and variation selectors. */
export function isUndrawn(cp: number): boolean {
  return cp < 0x21 || (cp >= 0x7f && cp <= 0xa0) || cp === 0x3000 || (cp >= 0x200b && cp <= 0x200f) || isJoiner(cp);
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const decode = (s: string) =>
  s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) =>
    e[0] === '#' ? String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10)) : (ENTITIES[e] ?? m),
  );

export interface DocumentText {
  /** Text pdfmake lays out itself (strings in the content tree, the title). */
  text: string;
  /** The text elements of embedded SVG (the chart), drawn in the SVG node's one font. */
  svg: string;
}

/** Every piece of text a document draws. */
export function documentText(doc: TDocumentDefinitions, extra: string[] = []): DocumentText {
  const text: string[] = [...extra];
  const svg: string[] = [];
  const seen = new Set<unknown>();
  const walk = (node: unknown): void => {
    if (typeof node === 'string' || typeof node === 'number') {
      text.push(String(node));
      return;
    }
    if (!node || typeof node !== 'object' || seen.has(node)) return;
    seen.add(node);
    if (Array.isArray(node)) {
      for (const n of node) walk(n);
      return;
    }
    const o = node as Record<string, unknown>;
    if (typeof o.svg === 'string') {
      for (const m of o.svg.matchAll(/<(?:text|tspan)\b[^>]*>([^<]*)</g)) svg.push(decode(m[1]!));
      return;
    }
    for (const key of ['text', ...CONTAINERS]) if (key in o) walk(o[key]);
    if (o.table && typeof o.table === 'object') walk((o.table as { body?: unknown }).body);
  };
  walk(doc.content);
  if (doc.info?.title) text.push(doc.info.title);
  return { text: text.join('\n'), svg: svg.join('\n') };
}

/** The pdfmake family that draws a character instead of its run's font, if any. */
export type FallbackFamily = (ch: string) => string | undefined;

type Inline = string | { text: string; font: string };

/**
 * A string as pdfmake inline runs: the string itself when its font draws every
 * character, else the stretches of its font and the characters set in a
 * fallback family, in order. Joiners and variation selectors stay with the
 * character before them, so a sequence is never cut between two fonts.
 */
export function textRuns(text: string, fallback: FallbackFamily): string | Inline[] {
  const runs: { font: string | undefined; text: string }[] = [];
  for (const ch of text) {
    const last = runs[runs.length - 1];
    const font = last && isJoiner(ch.codePointAt(0)!) ? last.font : fallback(ch);
    if (last && last.font === font) last.text += ch;
    else runs.push({ font, text: ch });
  }
  if (runs.length <= 1 && runs[0]?.font === undefined) return text;
  return runs.map((r) => (r.font === undefined ? r.text : { text: r.text, font: r.font }));
}

/** The value of a node's `text`: a string, a number, or inline pieces (strings and nodes). */
function inlineRuns(value: unknown, fallback: FallbackFamily): unknown {
  if (typeof value === 'string') return textRuns(value, fallback);
  if (!Array.isArray(value)) return value;
  return value.flatMap((piece: unknown): unknown[] => {
    if (typeof piece !== 'string') return [withFallbackRuns(piece as Content, fallback)];
    const runs = textRuns(piece, fallback);
    return typeof runs === 'string' ? [runs] : runs;
  });
}

/**
 * A copy of a content tree in which every string is split by textRuns. The
 * SVG of a chart is left as it is: it is drawn in its node's one font.
 */
export function withFallbackRuns(node: Content, fallback: FallbackFamily): Content {
  if (typeof node === 'string') {
    const runs = textRuns(node, fallback);
    return typeof runs === 'string' ? runs : { text: runs };
  }
  if (Array.isArray(node)) return node.map((n) => withFallbackRuns(n as Content, fallback)) as Content;
  if (!node || typeof node !== 'object') return node;
  const o: Record<string, unknown> = { ...node };
  if ('text' in o) o.text = inlineRuns(o.text, fallback);
  for (const key of CONTAINERS) if (Array.isArray(o[key])) o[key] = (o[key] as Content[]).map((n) => withFallbackRuns(n, fallback));
  if (o.table && typeof o.table === 'object') {
    const table = o.table as { body: Content[][] };
    o.table = { ...table, body: table.body.map((row) => row.map((cell) => withFallbackRuns(cell, fallback))) };
  }
  return o as unknown as Content;
}
