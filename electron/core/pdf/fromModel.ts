import type { Content, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces';
import type { PdfProfile } from '../../../shared/contract/output';
import type { Block, Cell, ReportModel, TableBlock } from '../report/model';
import { balancedTitleLines, titleLineUnits } from '../report/titleLines';
import { indicatorChartSvg } from './chart';
import { FAMILY } from './fonts';
import { A4, FORM_LAYOUT, baseDocument, mm, paragraphs } from './layout';

/*
 * A report's blocks (report/model.ts) as pdfmake content in the profile's
 * GB/T 9704 layout: tables with their header rows repeated and rows kept
 * whole, headings kept with what follows (layout.ts), the chart as SVG.
 */

function pdfCell(c: Cell): TableCell {
  const cell: Record<string, unknown> = { text: c.text, alignment: c.align ?? 'left' };
  if (c.header) Object.assign(cell, { style: 'th', fillColor: '#eeeeee' });
  if (c.colSpan) cell.colSpan = c.colSpan;
  if (c.rowSpan) cell.rowSpan = c.rowSpan;
  if (c.alert) cell.color = '#c0392b';
  return cell as TableCell;
}

/** A row in pdfmake's shape: a spanned cell is followed by empty placeholders for the columns it covers. */
function pdfRow(row: readonly Cell[]): TableCell[] {
  return row.flatMap((c) => [pdfCell(c), ...Array.from({ length: (c.colSpan ?? 1) - 1 }, () => ({}) as TableCell)]);
}

function pdfTable(t: TableBlock): Content {
  const table = { widths: t.widths, body: t.rows.map(pdfRow), dontBreakRows: true, ...(t.headerRows ? { headerRows: t.headerRows, keepWithHeaderRows: 1 } : {}) };
  return { style: 'table', layout: FORM_LAYOUT, table } as Content;
}

function signatures(b: Extract<Block, { kind: 'signatures' }>, p: PdfProfile): Content {
  const line = (label: string): TableCell[] => [
    { text: `${label}（签字）：`, margin: [0, 14, 0, 0] },
    { text: '________________', margin: [0, 14, 0, 0] },
    { text: '日期：      年    月    日', margin: [0, 14, 0, 0] },
  ];
  return {
    unbreakable: true,
    margin: [0, p.bodySize, 0, 0],
    stack: [
      { font: FAMILY[p.bodyFont], fontSize: p.bodySize - 2, layout: 'noBorders', table: { widths: ['auto', '*', 'auto'], body: b.signers.map(line) } },
      {
        margin: [0, 14, 0, 0],
        font: FAMILY[p.bodyFont],
        fontSize: p.bodySize - 2,
        layout: FORM_LAYOUT,
        table: { widths: ['*'], heights: [mm(30)], body: [[{ stack: [{ text: b.approval }, { text: b.stamp, alignment: 'right', margin: [0, mm(16), 0, 0] }] }]] },
      },
    ],
  };
}

async function blockContent(b: Block, p: PdfProfile, previous: Block | undefined): Promise<Content[]> {
  switch (b.kind) {
    case 'title':
      return [{ text: balancedTitleLines(b.text, titleLineUnits(p)).join('\n'), style: 'title' }];
    case 'subtitle':
      return [{ text: b.text, style: 'subtitle' }];
    case 'heading':
      return [{ text: b.text, style: b.level === 1 ? 'h1' : 'h2', headlineLevel: b.level, ...(b.center ? { alignment: 'center' } : {}) }];
    case 'paragraphs':
      return paragraphs(b.text, p);
    case 'table':
      // A form straight after body text stands a little apart from it.
      return [previous?.kind === 'paragraphs' ? ({ ...(pdfTable(b) as object), margin: [0, 4, 0, 0] } as Content) : pdfTable(b)];
    case 'chart': {
      const width = A4.width - mm(p.marginLeftMm) - mm(p.marginRightMm);
      const svg = await indicatorChartSvg(b.indicators, { width: Math.round(width), height: 230 });
      return svg ? [{ text: b.caption, style: 'h2', alignment: 'center', headlineLevel: 2 }, { svg, width, font: FAMILY[p.tableFont] } as Content] : [];
    }
    case 'signatures':
      return [signatures(b, p)];
  }
}

export async function pdfDocument(model: ReportModel, p: PdfProfile): Promise<TDocumentDefinitions> {
  const content: Content[] = [];
  for (let i = 0; i < model.blocks.length; i++) content.push(...(await blockContent(model.blocks[i]!, p, model.blocks[i - 1])));
  return baseDocument(p, model.title, content);
}
