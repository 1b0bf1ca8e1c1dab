import type { Content, CustomTableLayout, DynamicContent, Node, NodeQueries, Style, Table, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces';
import type { PdfProfile } from '../../../shared/contract/output';
import { paragraphTexts } from '../report/model';
import { FAMILY } from './fonts';

/*
 * Chinese official-document layout (GB/T 9704-2012) from the profile: page
 * margins, the heading faces (一、 黑体, （一） 楷体, body 仿宋), tables a
 * size smaller, page numbers as “— 1 —”, odd pages right, even pages left.
 */

export const mm = (v: number) => (v * 72) / 25.4;

/** A4 in points. */
export const A4 = { width: 595.28, height: 841.89 };

export function pageMargins(p: PdfProfile, landscape = false): [number, number, number, number] {
  // Landscape tables keep the binding margin on the left and use narrower top/bottom margins.
  if (landscape) return [mm(p.marginLeftMm), mm(20), mm(p.marginRightMm), mm(20)];
  return [mm(p.marginLeftMm), mm(p.marginTopMm), mm(p.marginRightMm), mm(p.marginBottomMm)];
}

export function styles(p: PdfProfile): Record<string, Style> {
  return {
    title: { font: FAMILY[p.titleFont], fontSize: p.titleSize, alignment: 'center', lineHeight: 1.2, margin: [0, 0, 0, p.bodySize] },
    subtitle: { font: FAMILY['楷体'], fontSize: p.bodySize, alignment: 'center', margin: [0, 0, 0, p.bodySize] },
    h1: { font: FAMILY[p.heading1Font], fontSize: p.headingSize, margin: [0, p.bodySize * 0.6, 0, p.bodySize * 0.3] },
    h2: { font: FAMILY[p.heading2Font], fontSize: p.headingSize, margin: [0, p.bodySize * 0.3, 0, p.bodySize * 0.2] },
    body: { font: FAMILY[p.bodyFont], fontSize: p.bodySize, lineHeight: p.lineHeight, alignment: 'justify' },
    table: { font: FAMILY[p.tableFont], fontSize: p.tableSize, lineHeight: 1.1 },
    th: { font: FAMILY['黑体'], fontSize: p.tableSize, alignment: 'center' },
    note: { font: FAMILY[p.bodyFont], fontSize: p.tableSize, color: '#333333' },
  };
}

/** 2024.6.20: a day in a narrow table column. */
export function shortDate(day: string | null | undefined): string {
  if (!day) return '';
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return `${y}.${m}.${d}`;
}

/** Paragraphs of body text, first line indented two characters. */
export function paragraphs(text: string, p: PdfProfile): Content[] {
  return paragraphTexts(text).map((s) => ({ text: s, style: 'body', leadingIndent: p.bodySize * 2 }));
}

export const th = (text: string, extra: Partial<{ rowSpan: number; colSpan: number }> = {}): TableCell => ({ text, style: 'th', fillColor: '#eeeeee', ...extra });

/** Thin black rules, a little padding: the look of a printed form. */
export const FORM_LAYOUT: CustomTableLayout = {
  hLineWidth: () => 0.6,
  vLineWidth: () => 0.6,
  hLineColor: () => '#000000',
  vLineColor: () => '#000000',
  paddingLeft: () => 4,
  paddingRight: () => 4,
  paddingTop: () => 3,
  paddingBottom: () => 3,
};

/** Names the page numbers, so that the heading rule below can tell them from the text. */
const PAGE_NUMBER_STYLE = 'pageNumber';

/** “— 7 —”, 四号, one character in from the right edge of the text block on odd pages, from the left on even ones; 7 mm under the text block. */
export function officialPageNumbers(p: PdfProfile, landscape = false): DynamicContent {
  const [left, , right] = pageMargins(p, landscape);
  return (currentPage) => ({
    text: `— ${currentPage} —`,
    style: PAGE_NUMBER_STYLE,
    font: FAMILY['仿宋'],
    fontSize: p.pageNumberSize,
    alignment: currentPage % 2 === 1 ? 'right' : 'left',
    margin: [left + p.pageNumberSize, mm(7), right + p.pageNumberSize, 0],
  });
}

/** Text, a picture or a chart: something a reader sees, as opposed to the table, stack or columns that hold it. */
const isLeaf = (n: Node) => !n.stack && n.columns === undefined && (n.text !== undefined || n.svg !== undefined || n.image !== undefined || n.canvas !== undefined);

/** Cell padding and rule of FORM_LAYOUT, per row: what a row adds to the height of its tallest cell. */
const ROW_EXTRA = 3 + 3 + 0.6;

/**
 * The height of a table's header rows and the first body row (what pdfmake
 * keeps together), from the heights pdfmake measured for the cells when it
 * laid the table out. Null when it has not measured them.
 */
function tableHeadHeight(table: Table): number | null {
  const rows = (table.headerRows ?? 0) + Math.max(1, table.keepWithHeaderRows ?? 0);
  let total = 0;
  for (const row of table.body.slice(0, rows)) {
    let tallest = 0;
    for (const cell of row) {
      const h = (cell as { __height?: unknown } | null)?.__height;
      if (typeof h === 'number') tallest = Math.max(tallest, h);
    }
    if (tallest === 0) return null;
    total += tallest + ROW_EXTRA;
  }
  return total;
}

/**
 * A heading (any node with a headlineLevel) never stays alone at the foot of
 * a page: it moves to the next page when what follows it does not start on
 * its page. Text, pictures and charts say where they went. A table does not:
 * pdfmake lays each row out as an unbreakable block and records positions
 * inside the block as if it were on the page where the table began, so for a
 * table the heading moves when the header rows and the first body row do not
 * fit in what is left of the page below the table's top.
 */
export function keepHeadingWithNext(node: Node, nodes: NodeQueries): boolean {
  if (!node.headlineLevel) return false;
  for (const n of nodes.getFollowingNodesOnPage()) {
    if (n.style === PAGE_NUMBER_STYLE) continue; // the footer is laid out with the page's nodes
    if (n.headlineLevel) return false; // a heading straight under a heading: that one decides
    if (n.table) {
      const need = tableHeadHeight(n.table);
      if (need === null) return false;
      const at = n.startPosition;
      const pageBottom = at.top - at.verticalRatio * at.pageInnerHeight + at.pageInnerHeight;
      return at.top + need > pageBottom + 0.5;
    }
    if (isLeaf(n)) return false;
  }
  return nodes.getNodesOnNextPage().length > 0;
}

export function baseDocument(p: PdfProfile, title: string, content: Content[], landscape = false): TDocumentDefinitions {
  return {
    pageSize: 'A4',
    pageOrientation: landscape ? 'landscape' : 'portrait',
    pageMargins: pageMargins(p, landscape),
    info: { title, creator: '领题破题台账', producer: '领题破题台账' },
    defaultStyle: { font: FAMILY[p.bodyFont], fontSize: p.bodySize },
    styles: styles(p),
    footer: officialPageNumbers(p, landscape),
    content,
    pageBreakBefore: keepHeadingWithNext,
  };
}
