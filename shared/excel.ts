/*
 * Excel's own numbering, in one place for the import (reading cells and
 * naming them in the issue list), the export (writing days and merging
 * ranges) and the value parsers: column letters and day serials.
 */

const DAY_MS = 86_400_000;
/** Excel's day number of 1970-01-01: 25569 in the 1900 date system, 24107 in the 1904 one. */
const EPOCH_1900 = 25569;
const EPOCH_1904 = 24107;

/** 'A', 'B', … 'Z', 'AA' for a 1-based column number; '' for 0. */
export function columnLetter(index: number): string {
  let s = '';
  for (let n = index; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** The 1-based column number of 'A', 'b', 'AA'… */
export function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

/** Excel's day count (1900 system, with its 1900-02-29) to a UTC instant, rounded to the second as Excel shows it. */
export function excelSerialToDate(serial: number, date1904 = false): Date {
  const days = Math.round(serial * 86400) / 86400;
  return new Date(Math.round((days - (date1904 ? EPOCH_1904 : EPOCH_1900)) * DAY_MS));
}

/**
 * A day 'YYYY-MM-DD' as Excel's day number: what exceljs writes for that day's
 * UTC midnight Date (the same `<v>` in the file, so a date-formatted cell
 * reads back as a Date), without a Date object per cell.
 */
export function excelDay(day: string | null | undefined): number | null {
  if (!day) return null;
  const y = Number(day.slice(0, 4));
  const m = Number(day.slice(5, 7));
  const d = Number(day.slice(8, 10));
  return Date.UTC(y, m - 1, d) / DAY_MS + EPOCH_1900;
}
