import fs from 'node:fs';
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces';
import type { ReportResult } from '../../../shared/contract/output';
import { writeAtomically } from '../atomicFile';
import { loadPdfmake } from '../lazyLibs';
import { FAMILY, fontsForText, resolveFonts, type FontSet } from './fonts';
import { FONT_FACES } from '../../../shared/contract/output';

/** Font files the PDF writer may read; nothing else on disk, nothing from the network. */
const allowedFiles = new Set<string>();

/** The shared pdfmake instance, loaded on the first print and told what it may read. */
async function pdfWriter() {
  const pdfmake = await loadPdfmake();
  pdfmake.setUrlAccessPolicy(() => false);
  pdfmake.setLocalAccessPolicy((p) => allowedFiles.has(p));
  return pdfmake;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const decode = (s: string) =>
  s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) =>
    e[0] === '#' ? String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10)) : (ENTITIES[e] ?? m),
  );

/** Every piece of text a document draws: strings in the content tree and the text elements of embedded SVG. */
export function documentText(doc: TDocumentDefinitions, extra: string[] = []): string {
  const out: string[] = [...extra];
  const seen = new Set<unknown>();
  const walk = (node: unknown): void => {
    if (typeof node === 'string' || typeof node === 'number') {
      out.push(String(node));
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
      for (const m of o.svg.matchAll(/<(?:text|tspan)\b[^>]*>([^<]*)</g)) out.push(decode(m[1]!));
      return;
    }
    for (const key of ['text', 'stack', 'columns', 'ul', 'ol', 'table', 'body']) if (key in o) walk(o[key]);
  };
  walk(doc.content);
  if (doc.info?.title) out.push(doc.info.title);
  return out.join('\n');
}

/** The sample the page numbers draw (the footer is a function, so its text is not in the tree). */
export const PAGE_NUMBER_SAMPLE = '— 0123456789 —';

export interface RenderOptions {
  /** Where the Windows fonts are looked for (tests point this at a folder of their own). */
  windowsFontsDir?: string | null;
}

function fontDictionary(fonts: FontSet) {
  const dict: Record<string, { normal: string; bold: string; italics: string; bolditalics: string }> = {};
  for (const face of FONT_FACES) {
    const f = fonts[face];
    allowedFiles.add(f.normal);
    allowedFiles.add(f.bold);
    dict[FAMILY[face]] = { normal: f.normal, bold: f.bold, italics: f.normal, bolditalics: f.bold };
  }
  return dict;
}

/** Lay out and write the PDF; count its pages; say which fonts drew it and which characters none could. */
export async function renderPdf(doc: TDocumentDefinitions, out: string, opts: RenderOptions = {}): Promise<ReportResult> {
  const pdfmake = await pdfWriter();
  const chosen = fontsForText(resolveFonts(opts.windowsFontsDir === undefined ? undefined : opts.windowsFontsDir), documentText(doc, [PAGE_NUMBER_SAMPLE]));
  let pages = 0;
  const footer = doc.footer;
  const counted: TDocumentDefinitions = {
    ...doc,
    footer: (currentPage, pageCount, pageSize) => {
      pages = pageCount;
      return typeof footer === 'function' ? footer(currentPage, pageCount, pageSize) : ((footer ?? null) as Content | null);
    },
  };
  // A fresh font dictionary per document: pdfmake resolves it asynchronously, so documents must not share one.
  pdfmake.setFonts(fontDictionary(chosen.fonts));
  const buffer = await pdfmake.createPdf(counted).getBuffer();
  const file = await writeAtomically(out, async (tmp) => fs.promises.writeFile(tmp, buffer));
  const fonts: Record<string, string> = {};
  for (const face of FONT_FACES) fonts[face] = chosen.fonts[face].normal;
  return { ...file, pages, missingGlyphs: chosen.missing, fonts };
}
