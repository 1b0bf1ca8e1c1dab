import { columnIndex } from '../../../shared/excel';

/**
 * What every reader (xlsx, xls, csv) hands to the analysis: plain values in a
 * grid, plus the merged ranges. Rich text, formulas and shared strings are
 * already resolved, so the analysis does not care where the file came from.
 */
export type CellValue = string | number | boolean | Date | null;

/** A merged range, 1-based and inclusive, as Excel shows it. */
export interface Merge {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export interface RawSheet {
  name: string;
  /** rows[r - 1][c - 1] is the cell at Excel row r, column c; missing rows/cells are empty. */
  rows: (CellValue[] | undefined)[];
  merges: Merge[];
}

export interface RawWorkbook {
  format: 'xlsx' | 'xls' | 'csv';
  /** 'utf-8', 'gb18030'… for CSV; '' for workbooks. */
  encoding: string;
  sheets: RawSheet[];
  /** What the reader left out or how it read the file, in the clerk's words (a sheet over the limits skipped, the fallback reader used). */
  notes?: string[];
}

/** "B2:C5" → a Merge; undefined for anything else. */
export function parseRange(ref: string): Merge | undefined {
  const m = /^\$?([A-Z]{1,3})\$?(\d+)(?::\$?([A-Z]{1,3})\$?(\d+))?$/i.exec(ref.trim());
  if (!m) return undefined;
  const top = Number(m[2]);
  const left = columnIndex(m[1]!);
  return { top, left, bottom: m[4] ? Number(m[4]) : top, right: m[3] ? columnIndex(m[3]) : left };
}
