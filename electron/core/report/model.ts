import type { Indicator } from '../../../shared/domain/schemas';

/*
 * What a report says, apart from how it is drawn: the closure report and the
 * campaign summary are assembled once as these blocks, then laid out as a
 * PDF (pdf/fromModel.ts, pdfmake) or as a Word file (word/docx.ts), both
 * in the GB/T 9704 layout of the ledger's profile.
 */

export type Align = 'left' | 'center' | 'right';

export interface Cell {
  text: string;
  align?: Align;
  /** A header cell: 黑体 on grey. */
  header?: boolean;
  colSpan?: number;
  rowSpan?: number;
  /** Overdue figures: printed in red. */
  alert?: boolean;
}

/** A column width in points, or '*' for a share of what the fixed columns leave. */
export type ColumnWidth = number | '*';

export interface TableBlock {
  kind: 'table';
  widths: ColumnWidth[];
  /** Rows repeated at the top of every page the table continues on. */
  headerRows: number;
  rows: Cell[][];
}

export type Block =
  | { kind: 'title'; text: string }
  | { kind: 'subtitle'; text: string }
  /** 一、 headings (黑体) and the chart's caption (楷体, centred). */
  | { kind: 'heading'; level: 1 | 2; text: string; center?: boolean }
  /** Body text, one paragraph a line, first line indented two characters; （无） when empty. */
  | { kind: 'paragraphs'; text: string }
  | TableBlock
  /** The target/actual chart of the indicators (drawn where the format can draw it). */
  | { kind: 'chart'; caption: string; indicators: readonly Indicator[] }
  /** Signature lines and the committee's approval box at the end of a closure report. */
  | { kind: 'signatures'; signers: string[]; approval: string; stamp: string };

export interface ReportModel {
  /** The document's title (file properties). */
  title: string;
  blocks: Block[];
}

export const th = (text: string, extra: Pick<Cell, 'colSpan' | 'rowSpan'> = {}): Cell => ({ text, header: true, align: 'center', ...extra });
export const td = (text: string | number | null | undefined, align: Align = 'left'): Cell => ({ text: text === null || text === undefined ? '' : String(text), align });
/** One cell across a table's columns, for an empty table's （无）. */
export const emptyRow = (text: string, columns: number): Cell[] => [{ text, align: 'center', colSpan: columns }];

/** Body text as paragraphs, one a line, blank lines dropped; （无） when there is nothing. */
export function paragraphTexts(text: string): string[] {
  const parts = text
    .split(/\r?\n/)
    .map((s) => s.trim())
    .filter(Boolean);
  return parts.length ? parts : ['（无）'];
}

const NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二', '十三', '十四', '十五'];

/** 一、 二、 …: numbers a report's first-level headings in the order they are made. */
export function headingNumberer(): (text: string) => Block {
  let n = 0;
  return (text) => ({ kind: 'heading', level: 1, text: `${NUMERALS[n++]}、${text}` });
}
