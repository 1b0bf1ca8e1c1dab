/*
 * Bounds on what an import reads, so a hostile or broken file cannot take the
 * app's memory or time: a real branch ledger is a few hundred rows and a
 * dozen columns; the largest we expect (a whole province) is ~50,000 rows.
 */
export const MAX_FILE_BYTES = 100 * 1024 * 1024;
/** Per sheet. Beyond it the file is refused rather than half-imported. */
export const MAX_ROWS = 200_000;
/** A ledger has ~10–30 columns; .xls allows 256. A value beyond this column means a broken sheet. */
export const MAX_COLUMNS = 256;
/** Uncompressed size of one sheet's XML (a zip bomb or a million styled rows shows here first). */
export const MAX_SHEET_XML_BYTES = 400 * 1024 * 1024;
/** Rows scanned from the top to find the header. */
export const HEADER_SCAN_ROWS = 15;
/** Records per sheet shown in the analysis preview. */
export const PREVIEW_ROWS = 20;
/** Issues returned in full; beyond that a summary line says how many more. */
export const MAX_ISSUES = 2000;
