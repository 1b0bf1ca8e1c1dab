import { dayOfDate, halfWidth, headerWords, readDate, splitPeople as sharedSplitPeople } from '../../../shared/values';
import type { CellValue } from './raw';

export { halfWidth, quantityIn, yearIn } from '../../../shared/values';

/*
 * Cell values as clerks type them, to the ledger's types. Each parser returns
 * what it understood and, when it could not, a Chinese reason for the issue
 * list; none throws.
 */

/** A cell that reads as nothing: empty, or only spaces (any number, date or boolean reads as something). */
export function isEmptyCell(v: CellValue): boolean {
  return v === null || (typeof v === 'string' && v.trim() === '');
}

/** A cell as display text: dates as 年-月-日, numbers without float noise, whitespace trimmed. */
export function cellText(v: CellValue): string {
  if (v === null) return '';
  if (v instanceof Date) return dayOfDate(v);
  if (typeof v === 'number') return String(Number.isInteger(v) ? v : Number(v.toPrecision(12)));
  if (typeof v === 'boolean') return v ? '是' : '否';
  // Most cells have no carriage return: skip the regex for them (this runs several times per cell).
  return (v.includes('\r') ? v.replace(/\r\n?/g, '\n') : v).trim();
}

export interface ParsedDate {
  date: string | null;
  /** The text as written when it is not a plain day (月底, 前, no year, 长期坚持); '' otherwise. */
  text: string;
  /** Why it is not a date ('' when it is one or the cell is empty). */
  problem: string;
}

/**
 * A date cell, read by the shared parser (shared/values/dates) with the
 * sheet's year. A sheet is kept as the clerk wrote it: what is not a date
 * is kept as text with a warning in the dry run, so nothing is lost silently.
 */
export function parseDate(v: CellValue, contextYear: number): ParsedDate {
  const r = readDate(v, { year: contextYear });
  switch (r.kind) {
    case 'empty':
      return { date: null, text: '', problem: '' };
    case 'date':
      return { date: r.date, text: r.text, problem: '' };
    case 'text':
      // Said in the dry run all the same: a field without a text form (统计截止日期) keeps nothing of it.
      return { date: null, text: r.text, problem: '不是日期，已按原文保存' };
    case 'invalid':
      return { date: null, text: r.text, problem: `${r.message}，已按原文保存` };
  }
}

/** A 责任人 cell to names, in order (shared/values/people); a note in brackets (张三（组长）) is dropped. */
export const splitPeople = (v: CellValue): string[] => sharedSplitPeople(cellText(v), { dropNotes: true });

const YES = new Set(['是', '已销号', '销号', '√', '✓', '✔', '☑', '已完成', '完成', 'y', 'yes', 'true', '1', '已', '已办结', '办结']);
const NO = new Set(['否', '未销号', '×', '✗', '✘', 'x', '未完成', 'n', 'no', 'false', '0', '未', '推进中', '进行中', '正在推进', '未办结']);

/** A 销号 cell: true, false, or null when it says something else (treated as not ticked off, with a warning). */
export function parseTick(v: CellValue): boolean | null {
  if (v === null) return false;
  if (typeof v === 'boolean') return v;
  // Most cells are a plain 是/否 as listed: no normalising needed.
  if (YES.has(v as string)) return true;
  if (NO.has(v as string)) return false;
  const s = halfWidth(cellText(v)).replace(/\s+/g, '').toLowerCase();
  if (s === '') return false;
  if (YES.has(s)) return true;
  if (NO.has(s)) return false;
  return null;
}

/** Normalise a header cell for matching: no spaces, no brackets' content markers, no *, ASCII digits. */
export const headerKey = (v: CellValue): string => headerWords(cellText(v));
