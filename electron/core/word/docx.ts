import fs from 'node:fs';
import type { ReportResult, PdfProfile, FontFace } from '../../../shared/contract/output';
import { FONT_FACES } from '../../../shared/contract/output';
import { writeAtomically } from '../atomicFile';
import { loadDocx, loadDocxCharts } from '../lazyLibs';
import { indicatorChartData } from '../pdf/chart';
import { paragraphTexts, type Block, type Cell, type ReportModel, type TableBlock } from '../report/model';
import { balancedTitleLines, titleLineUnits } from '../report/titleLines';

/*
 * A report's blocks (report/model.ts) as a Word file, in the same GB/T 9704
 * layout as the PDF, from the same profile: A4, the profile's margins, title
 * 二号 黑体 in balanced lines, headings 黑体, body 三号 仿宋 indented two
 * characters, tables 五号 with their header rows repeated on every page and
 * rows never split, page numbers “— 1 —” in 四号 on the outside (odd pages
 * right, even pages left, one character in). Real Word tables, paragraphs
 * and a native chart, so the secretary can edit the text and the committee
 * add its opinion. The fonts are named, not embedded: Word and WPS on the
 * office PC draw them with Windows' 仿宋, 黑体, 楷体.
 */

type Docx = Awaited<ReturnType<typeof loadDocx>>;
type Paragraph = InstanceType<Docx['Paragraph']>;
type Table = InstanceType<Docx['Table']>;

/** Twentieths of a point, Word's unit of length. */
const twip = (pt: number) => Math.round(pt * 20);
const mmTwip = (mm: number) => Math.round((mm * 1440) / 25.4);
/** Word's font sizes are in half points. */
const half = (pt: number) => Math.round(pt * 2);

const A4_TWIPS = { width: 11906, height: 16838 };
/** pdfmake sets a line at lineHeight × the bundled font's height (ascender − descender ≈ 1.45 em): Word gets the same exact line pitch. */
const FONT_LINE_EM = 1.45;
/** Cell padding and rule of the PDF's form tables. */
const CELL_MARGIN = { left: twip(4), right: twip(4), top: twip(3), bottom: twip(3) };
const RULE = { style: 'single' as const, size: 5, color: '000000' }; // eighths of a point: 0.6 pt
const ALERT = 'C0392B';

/** One face for Chinese and Latin alike, as in the PDF. */
const font = (face: FontFace) => ({ ascii: face, eastAsia: face, hAnsi: face, cs: face });

/** The width of the text block in points. */
function textWidthPt(p: PdfProfile): number {
  return (A4_TWIPS.width - mmTwip(p.marginLeftMm) - mmTwip(p.marginRightMm)) / 20;
}

/** The model's widths in twips: '*' columns share what the fixed ones leave. */
function columnTwips(widths: TableBlock['widths'], textPt: number): number[] {
  const fixed = widths.reduce<number>((s, w) => s + (w === '*' ? 0 : w), 0);
  const stars = widths.filter((w) => w === '*').length;
  const star = stars ? Math.max(20, (textPt - fixed) / stars) : 0;
  return widths.map((w) => twip(w === '*' ? star : w));
}

function builders(D: Docx, p: PdfProfile) {
  const align = { left: D.AlignmentType.LEFT, center: D.AlignmentType.CENTER, right: D.AlignmentType.RIGHT };
  const bodyLine = { line: twip(p.bodySize * p.lineHeight * FONT_LINE_EM), lineRule: D.LineRuleType.EXACT };
  const run = (text: string, face: FontFace, size: number, extra: { color?: string } = {}) =>
    // A line break inside a cell or paragraph is a break in the run, as Word writes it.
    text.split('\n').map((line, i) => new D.TextRun({ text: line, font: font(face), size: half(size), break: i ? 1 : 0, ...extra }));

  const paragraph = (text: string, face: FontFace, size: number, opts: Partial<ConstructorParameters<Docx['Paragraph']>[0] & object> = {}) =>
    new D.Paragraph({ children: run(text, face, size), ...opts });

  const body = (text: string) =>
    paragraphTexts(text).map((s) =>
      paragraph(s, p.bodyFont, p.bodySize, { alignment: D.AlignmentType.JUSTIFIED, indent: { firstLine: twip(p.bodySize * 2) }, spacing: bodyLine }),
    );

  const cell = (c: Cell, width: number): InstanceType<Docx['TableCell']> =>
    new D.TableCell({
      width: { size: width, type: D.WidthType.DXA },
      columnSpan: c.colSpan,
      rowSpan: c.rowSpan,
      verticalAlign: D.VerticalAlignTable.CENTER,
      shading: c.header ? { type: D.ShadingType.CLEAR, color: 'auto', fill: 'EEEEEE' } : undefined,
      children: [
        new D.Paragraph({
          alignment: align[c.align ?? 'left'],
          spacing: { line: 264, lineRule: D.LineRuleType.AUTO }, // 1.1 lines, as the PDF's tables
          children: run(c.text, c.header ? '黑体' : p.tableFont, p.tableSize, c.alert ? { color: ALERT } : {}),
        }),
      ],
    });

  const borders = { top: RULE, bottom: RULE, left: RULE, right: RULE, insideHorizontal: RULE, insideVertical: RULE };

  const table = (t: TableBlock): Table => {
    const cols = columnTwips(t.widths, textWidthPt(p));
    return new D.Table({
      layout: D.TableLayoutType.FIXED,
      width: { size: cols.reduce((a, b) => a + b, 0), type: D.WidthType.DXA },
      columnWidths: cols,
      margins: CELL_MARGIN,
      borders,
      rows: t.rows.map((row, r) => {
        let at = 0;
        const cells = row.map((c) => {
          const span = c.colSpan ?? 1;
          const w = cols.slice(at, at + span).reduce((a, b) => a + b, 0);
          at += span;
          return cell(c, w);
        });
        return new D.TableRow({ ...(r < t.headerRows ? { tableHeader: true } : {}), cantSplit: true, children: cells });
      }),
    });
  };

  const signatures = (b: Extract<Block, { kind: 'signatures' }>): (Paragraph | Table)[] => {
    const size = p.bodySize - 2;
    const none = { style: 'nil' as const, size: 0, color: 'auto' };
    const noBorders = { top: none, bottom: none, left: none, right: none, insideHorizontal: none, insideVertical: none };
    const text = textWidthPt(p);
    const lines = new D.Table({
      layout: D.TableLayoutType.FIXED,
      width: { size: twip(text), type: D.WidthType.DXA },
      columnWidths: [twip(text * 0.42), twip(text * 0.25), twip(text * 0.33)],
      borders: noBorders,
      rows: b.signers.map(
        (s) =>
          new D.TableRow({
            cantSplit: true,
            children: [`${s}（签字）：`, '____________', '日期：      年    月    日'].map(
              // keepNext throughout: the signatures and the approval box stay on one page, as in the PDF.
              (t) => new D.TableCell({ borders: noBorders, children: [paragraph(t, p.bodyFont, size, { keepNext: true, spacing: { before: twip(14) } })] }),
            ),
          }),
      ),
    });
    const approval = new D.Table({
      layout: D.TableLayoutType.FIXED,
      width: { size: twip(text), type: D.WidthType.DXA },
      columnWidths: [twip(text)],
      margins: CELL_MARGIN,
      borders,
      rows: [
        new D.TableRow({
          cantSplit: true,
          height: { value: mmTwip(30), rule: D.HeightRule.ATLEAST },
          children: [
            new D.TableCell({
              children: [paragraph(b.approval, p.bodyFont, size, { keepNext: true }), paragraph(b.stamp, p.bodyFont, size, { alignment: D.AlignmentType.RIGHT, spacing: { before: mmTwip(16) } })],
            }),
          ],
        }),
      ],
    });
    return [new D.Paragraph({ children: [], keepNext: true, spacing: { before: twip(p.bodySize) } }), lines, new D.Paragraph({ children: [], keepNext: true, spacing: { after: twip(7) } }), approval];
  };

  return { run, paragraph, body, table, signatures };
}

/** A chart Word draws and the clerk can edit: completion of each indicator in % of its target. */
async function chart(D: Docx, b: Extract<Block, { kind: 'chart' }>, p: PdfProfile): Promise<Paragraph[]> {
  const { rows, pct } = indicatorChartData(b.indicators);
  if (!rows.length) return [];
  const { ChartRun } = await loadDocxCharts();
  const widthPx = Math.round((textWidthPt(p) * 96) / 72);
  return [
    new D.Paragraph({
      alignment: D.AlignmentType.CENTER,
      keepNext: true,
      spacing: { before: twip(p.bodySize * 0.3), after: twip(p.bodySize * 0.2) },
      children: [new D.TextRun({ text: b.caption, font: font(p.heading2Font), size: half(p.headingSize) })],
    }),
    new D.Paragraph({
      alignment: D.AlignmentType.CENTER,
      children: [
        new ChartRun({
          type: 'column',
          categories: rows.map((i) => i.name),
          series: [
            { name: '目标', values: rows.map(() => 100), color: '9DB3D6' },
            { name: '完成', values: pct, color: 'C0392B' },
          ],
          legend: { position: 'top' },
          font: { name: p.tableFont },
          dataLabels: { value: true },
          transformation: { width: widthPx, height: Math.round((230 * 96) / 72) },
        }),
      ],
    }),
  ];
}

/** “— 1 —” on the outside of the page: right on odd pages, left on even ones, one character in. */
function pageNumberFooter(D: Docx, p: PdfProfile, side: 'right' | 'left') {
  const indent = twip(p.pageNumberSize);
  return new D.Footer({
    children: [
      new D.Paragraph({
        alignment: side === 'right' ? D.AlignmentType.RIGHT : D.AlignmentType.LEFT,
        indent: side === 'right' ? { right: indent } : { left: indent },
        children: [new D.TextRun({ children: ['— ', D.PageNumber.CURRENT, ' —'], font: font('仿宋'), size: half(p.pageNumberSize) })],
      }),
    ],
  });
}

export async function wordDocument(model: ReportModel, p: PdfProfile): Promise<Buffer> {
  const D = await loadDocx();
  const b = builders(D, p);
  const children: (Paragraph | Table)[] = [];
  for (const block of model.blocks) {
    switch (block.kind) {
      case 'title': {
        const lines = balancedTitleLines(block.text, titleLineUnits(p));
        children.push(
          new D.Paragraph({
            alignment: D.AlignmentType.CENTER,
            spacing: { after: twip(p.bodySize), line: twip(p.titleSize * 1.2 * FONT_LINE_EM), lineRule: D.LineRuleType.EXACT },
            // The balanced lines (report/titleLines.ts) as line breaks inside one centred paragraph.
            children: b.run(lines.join('\n'), p.titleFont, p.titleSize),
          }),
        );
        break;
      }
      case 'subtitle':
        children.push(b.paragraph(block.text, '楷体', p.bodySize, { alignment: D.AlignmentType.CENTER, spacing: { after: twip(p.bodySize) } }));
        break;
      case 'heading':
        children.push(
          b.paragraph(block.text, block.level === 1 ? p.heading1Font : p.heading2Font, p.headingSize, {
            keepNext: true,
            alignment: block.center ? D.AlignmentType.CENTER : D.AlignmentType.LEFT,
            spacing: block.level === 1 ? { before: twip(p.bodySize * 0.6), after: twip(p.bodySize * 0.3) } : { before: twip(p.bodySize * 0.3), after: twip(p.bodySize * 0.2) },
          }),
        );
        break;
      case 'paragraphs':
        children.push(...b.body(block.text));
        break;
      case 'table':
        children.push(b.table(block));
        break;
      case 'chart':
        children.push(...(await chart(D, block, p)));
        break;
      case 'signatures':
        children.push(...b.signatures(block));
        break;
    }
  }
  const footerDistance = Math.max(0, mmTwip(p.marginBottomMm - 7) - twip(p.pageNumberSize * 1.3));
  const doc = new D.Document({
    creator: '领题破题台账',
    title: model.title,
    evenAndOddHeaderAndFooters: true,
    styles: { default: { document: { run: { font: font(p.bodyFont), size: half(p.bodySize) } } } },
    sections: [
      {
        properties: {
          page: {
            size: { width: A4_TWIPS.width, height: A4_TWIPS.height, orientation: D.PageOrientation.PORTRAIT },
            margin: { top: mmTwip(p.marginTopMm), bottom: mmTwip(p.marginBottomMm), left: mmTwip(p.marginLeftMm), right: mmTwip(p.marginRightMm), footer: footerDistance, header: mmTwip(15) },
          },
        },
        footers: { default: pageNumberFooter(D, p, 'right'), even: pageNumberFooter(D, p, 'left') },
        children,
      },
    ],
  });
  return D.Packer.toBuffer(doc);
}

/** Lay out and write the .docx. Word draws it with the office PC's fonts, so no glyph check here: the PDF's fonts are Windows' too. */
export async function renderDocx(model: ReportModel, p: PdfProfile, out: string): Promise<ReportResult> {
  const buffer = await wordDocument(model, p);
  const file = await writeAtomically(out, async (tmp) => fs.promises.writeFile(tmp, buffer));
  const fonts: Record<string, string> = {};
  for (const face of FONT_FACES) fonts[face] = face;
  return { ...file, missingGlyphs: [], fonts };
}
