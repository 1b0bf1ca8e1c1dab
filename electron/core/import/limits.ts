import { LedgerError } from '../errors';

/*
 * Bounds on what an import reads, so a hostile or broken file cannot take the
 * app's memory or time: a real branch ledger is a few hundred rows and a
 * dozen columns; the largest we expect (a whole province) is ~50,000 rows,
 * 16 MB of sheet XML and 320,000 cells. The bounds hold per sheet and for
 * the whole workbook (40 sheets pointing at one 390 MB part once grew to
 * 3.7 GB with limits per sheet only).
 */
export const MAX_FILE_BYTES = 100 * 1024 * 1024;
/** Rows that hold a value, per sheet (empty row records do not count: several programs write them to row 1,048,576). */
export const MAX_ROWS = 200_000;
/** Columns the layout analysis looks at: a ledger has ~10–30; .xls allows 256. The reader itself reads Excel's 16,384. */
export const MAX_COLUMNS = 256;
/** Excel's last column (XFD). */
export const EXCEL_MAX_COLUMNS = 16_384;
/** Uncompressed size of one sheet's XML. */
export const MAX_SHEET_XML_BYTES = 400 * 1024 * 1024;
/** Uncompressed bytes of all the parts read from one workbook together. */
export const MAX_WORKBOOK_XML_BYTES = 600 * 1024 * 1024;
/** A small part read whole (workbook, relationships, styles). */
export const MAX_SMALL_PART_BYTES = 64 * 1024 * 1024;
/**
 * Cell slots the reader may allocate for the whole workbook: a row is as wide
 * as its last value, and each row costs ROW_SLOT_COST more (an array of its
 * own). A province's ledger (50,000 rows × 12 columns) takes about 1 M; 40
 * sheets of 150,000 rows each once took 1.26 GB under a limit of 8 M cells
 * that did not count rows; now the reader stays under 600 MB on any input.
 */
export const MAX_CELL_SLOTS = 4_000_000;
export const ROW_SLOT_COST = 6;
export const tooManyCells = (sheet: string) => `读到工作表「${sheet}」时，整个工作簿的单元格已超过 ${(MAX_CELL_SLOTS / 10_000).toLocaleString('en')} 万个`;
/** Characters of text (shared strings and text written in the sheets) kept for the whole workbook: a province's ledger holds ~15 M. */
export const MAX_TEXT_CHARS = 100_000_000;
/** One XML element (a row, a shared string) larger than this is not a ledger's. */
export const MAX_ELEMENT_BYTES = 8 * 1024 * 1024;
/** Rows scanned from the top to find the header. */
export const HEADER_SCAN_ROWS = 15;
/** Records per sheet shown in the analysis preview. */
export const PREVIEW_ROWS = 20;
/** Issues returned in full; beyond that a summary line says how many more. */
export const MAX_ISSUES = 2000;

/** What one workbook may still cost the reader; shared by every part it reads. */
export interface ReadBudget {
  bytes: number;
  slots: number;
  chars: number;
}

export const newReadBudget = (): ReadBudget => ({ bytes: MAX_WORKBOOK_XML_BYTES, slots: MAX_CELL_SLOTS, chars: MAX_TEXT_CHARS });

/**
 * A part or sheet beyond one of the bounds. Its message finishes the
 * sentence "…，超出导入上限": the reader skips such a sheet with a note when
 * another sheet holds the ledger, and refuses the workbook only when nothing
 * readable is left.
 */
export class OverLimit extends LedgerError {
  constructor(readonly what: string) {
    super('BAD_FILE', `${what}，超出导入上限`);
    this.name = 'OverLimit';
  }
}
