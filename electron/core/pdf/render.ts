import fs from 'node:fs';
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces';
import type { ReportResult } from '../../../shared/contract/output';
import { writeAtomically } from '../atomicFile';
import { loadPdfmake } from '../lazyLibs';
import { FAMILY, fontsForText, resolveFallbacks, resolveFonts, type FallbackFont, type FontSet } from './fonts';
import { documentText, withFallbackRuns } from './textRuns';
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

/** The sample the page numbers draw (the footer is a function, so its text is not in the tree). */
export const PAGE_NUMBER_SAMPLE = '— 0123456789 —';

export interface RenderOptions {
  /** Where the Windows fonts are looked for (tests point this at a folder of their own). */
  windowsFontsDir?: string | null;
  /**
   * Asked after each layout with the pages each node with an `id` was laid on;
   * returns the document to lay out again (it depends on where the pages
   * broke, e.g. a topic's cells repeated where its rows continue), or null
   * when this layout is final. At most MAX_LAYOUTS layouts.
   */
  relayout?: (pagesOf: ReadonlyMap<string, readonly number[]>) => TDocumentDefinitions | null;
}

const MAX_LAYOUTS = 4;

/**
 * The document with a probe that notes the pages of every node that has an
 * id: pdfmake offers every laid-out node to pageBreakBefore once, after the
 * layout (a layout redone for a heading's page break probes only the nodes
 * not yet offered, so documents that rely on this have no headings).
 */
function probed(doc: TDocumentDefinitions, pagesOf: Map<string, number[]>): TDocumentDefinitions {
  const decide = doc.pageBreakBefore;
  return {
    ...doc,
    pageBreakBefore: (node, nodes) => {
      if (typeof node.id === 'string') pagesOf.set(node.id, node.pageNumbers);
      return decide ? decide(node, nodes) : false;
    },
  };
}

function fontDictionary(fonts: FontSet, fallbacks: Iterable<FallbackFont>) {
  const dict: Record<string, { normal: string; bold: string; italics: string; bolditalics: string }> = {};
  for (const face of FONT_FACES) {
    const f = fonts[face];
    allowedFiles.add(f.normal);
    allowedFiles.add(f.bold);
    dict[FAMILY[face]] = { normal: f.normal, bold: f.bold, italics: f.normal, bolditalics: f.bold };
  }
  // One weight each: a rare character in bold text is drawn in the regular weight, not as a box.
  for (const f of fallbacks) {
    allowedFiles.add(f.file);
    dict[f.family] = { normal: f.file, bold: f.file, italics: f.file, bolditalics: f.file };
  }
  return dict;
}

/** Lay out and write the PDF; count its pages; say which fonts drew it and which characters none could. */
export async function renderPdf(doc: TDocumentDefinitions, out: string, opts: RenderOptions = {}): Promise<ReportResult> {
  let laid = await layOut(doc, opts);
  for (let n = 1; n < MAX_LAYOUTS && opts.relayout; n++) {
    const next = opts.relayout(laid.pagesOf);
    if (!next) break;
    laid = await layOut(next, opts);
  }
  const file = await writeAtomically(out, async (tmp) => fs.promises.writeFile(tmp, laid.buffer));
  return { ...file, ...laid.result };
}

async function layOut(doc: TDocumentDefinitions, opts: RenderOptions) {
  const pdfmake = await pdfWriter();
  const text = documentText(doc, [PAGE_NUMBER_SAMPLE]);
  const chosen = fontsForText(resolveFonts(opts.windowsFontsDir), `${text.text}\n${text.svg}`, resolveFallbacks(opts.windowsFontsDir));
  const fallbackFamily = (ch: string) => chosen.fallback.get(ch)?.family;
  // Nearly every report has no such character: its content goes to pdfmake as it is.
  const runs = (c: Content) => (chosen.fallback.size ? withFallbackRuns(c, fallbackFamily) : c);
  // The chart's SVG is drawn in one font: a character its face lacks stays a box there.
  const svgMissing = [...new Set(text.svg)].filter((ch) => chosen.fallback.has(ch));
  let pages = 0;
  const footer = doc.footer;
  const pagesOf = new Map<string, number[]>();
  const counted: TDocumentDefinitions = {
    ...probed(doc, pagesOf),
    content: runs(doc.content),
    footer: (currentPage, pageCount, pageSize) => {
      pages = pageCount;
      const drawn = typeof footer === 'function' ? footer(currentPage, pageCount, pageSize) : ((footer ?? null) as Content | null);
      return drawn ? runs(drawn) : null;
    },
  };
  const used = new Set(chosen.fallback.values());
  // A fresh font dictionary per document: pdfmake resolves it asynchronously, so documents must not share one.
  pdfmake.setFonts(fontDictionary(chosen.fonts, used));
  const buffer: Buffer = await pdfmake.createPdf(counted).getBuffer();
  const fonts: Record<string, string> = {};
  for (const face of FONT_FACES) fonts[face] = chosen.fonts[face].normal;
  for (const f of used) fonts[f.family] = f.file;
  return { buffer, pagesOf, result: { pages, missingGlyphs: [...chosen.missing, ...svgMissing], fonts } };
}
