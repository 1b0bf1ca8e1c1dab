import { excelSerialToDate } from '../../../shared/excel';
import type { CellValue } from './raw';

/*
 * Cell values as clerks type them, to the ledger's types. Each parser returns
 * what it understood and, when it could not, a Chinese reason for the issue
 * list; none throws.
 */

/** Full-width digits, letters and punctuation (typed with a Chinese IME) to ASCII; ideographic space to a space. */
export function halfWidth(s: string): string {
  if (!/[\uff01-\uff5e\u3000]/.test(s)) return s;
  return s.replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');
}

const pad = (n: number) => String(n).padStart(2, '0');
const ymd = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;

function isRealDate(y: number, m: number, d: number): boolean {
  const date = new Date(Date.UTC(y, m - 1, d));
  return y >= 1990 && y <= 2100 && date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

/** A cell that reads as nothing: empty, or only spaces (any number, date or boolean reads as something). */
export function isEmptyCell(v: CellValue): boolean {
  return v === null || (typeof v === 'string' && v.trim() === '');
}

/** A cell as display text: dates as 年-月-日, numbers without float noise, whitespace trimmed. */
export function cellText(v: CellValue): string {
  if (v === null) return '';
  if (v instanceof Date) return dateOf(v);
  if (typeof v === 'number') return String(Number.isInteger(v) ? v : Number(v.toPrecision(12)));
  if (typeof v === 'boolean') return v ? '是' : '否';
  // Most cells have no carriage return: skip the regex for them (this runs several times per cell).
  return (v.includes('\r') ? v.replace(/\r\n?/g, '\n') : v).trim();
}

/** Excel dates are stored as a day count; exceljs and our .xls reader give them as UTC midnight. */
const dateOf = (d: Date) => {
  // A time part (e.g. 23:59:59.999 from a float) is rounded to the nearest day first.
  const t = new Date(Math.round(d.getTime() / 86_400_000) * 86_400_000);
  return ymd(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
};

export interface ParsedDate {
  date: string | null;
  /** The text as written when it is not a plain day (月底, 前, no year, 长期坚持); '' otherwise. */
  text: string;
  /** Why it is not a date ('' when it is one or the cell is empty). */
  problem: string;
}

/**
 * Dates in every form the ledgers use: Excel dates, 2023年5月31日, 2023/5/31,
 * 2023.5.31, 2023-05-31, 20230531, 2023年12月底 (last day of the month),
 * 5月31日前 (year from the sheet), full-width digits. Text such as 长期坚持
 * is kept as text with no date.
 */
export function parseDate(v: CellValue, contextYear: number): ParsedDate {
  if (v === null) return { date: null, text: '', problem: '' };
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? { date: null, text: '', problem: '不是有效的日期' } : { date: dateOf(v), text: '', problem: '' };
  if (typeof v === 'number') {
    if (Number.isInteger(v) && v >= 19900101 && v <= 21001231 && isRealDate(Math.floor(v / 10000), Math.floor(v / 100) % 100, v % 100)) {
      return { date: ymd(Math.floor(v / 10000), Math.floor(v / 100) % 100, v % 100), text: '', problem: '' };
    }
    // A day count without a date format (CSV written by a script, a column formatted as 常规).
    if (v > 32874 && v < 73051) return { date: dateOf(excelSerialToDate(v)), text: '', problem: '' };
    return { date: null, text: String(v), problem: '不是有效的日期' };
  }
  const original = cellText(v);
  if (!original) return { date: null, text: '', problem: '' };
  const s = halfWidth(original).replace(/\s+/g, '').replace(/[号]/g, '日');
  // Every form below has digits: 长期坚持, 持续推进… skip the patterns.
  if (!/\d/.test(s)) return { date: null, text: original, problem: '不是日期，已按原文保存' };
  let m = /^(\d{4})[年/.\-](\d{1,2})[月/.\-](\d{1,2})日?(前|之前|以前|止)?(?:T?\d{1,2}:\d{2}(?::\d{2})?(?:\.\d+)?Z?)?$/.exec(s);
  if (m) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (!isRealDate(y, mo, d)) return { date: null, text: original, problem: '不是有效的日期' };
    return { date: ymd(y, mo, d), text: m[4] ? original : '', problem: '' };
  }
  m = /^(\d{4})[年/.\-](\d{1,2})月?(底|末|份|前|之前|以前)?$/.exec(s);
  if (m) {
    const [y, mo] = [Number(m[1]), Number(m[2])];
    if (!isRealDate(y, mo, 1)) return { date: null, text: original, problem: '不是有效的日期' };
    return { date: ymd(y, mo, lastDay(y, mo)), text: original, problem: '' };
  }
  m = /^(\d{1,2})月(\d{1,2})日?(前|之前|以前|止)?$/.exec(s) ?? /^(\d{1,2})[/.\-](\d{1,2})(前|之前|以前)?$/.exec(s);
  if (m) {
    const [mo, d] = [Number(m[1]), Number(m[2])];
    if (!isRealDate(contextYear, mo, d)) return { date: null, text: original, problem: '不是有效的日期' };
    return { date: ymd(contextYear, mo, d), text: original, problem: '' };
  }
  m = /^(\d{1,2})月(底|末|份|前|之前|以前)?$/.exec(s);
  if (m) {
    const mo = Number(m[1]);
    if (mo < 1 || mo > 12) return { date: null, text: original, problem: '不是有效的日期' };
    return { date: ymd(contextYear, mo, lastDay(contextYear, mo)), text: original, problem: '' };
  }
  m = /^(\d{4})年(底|末)?$/.exec(s);
  if (m && m[2]) return { date: ymd(Number(m[1]), 12, 31), text: original, problem: '' };
  return { date: null, text: original, problem: '不是日期，已按原文保存' };
}

/** A year named in a line of text: 2023年, 2023-06-05, 2023.6… (the sheet's context for dates without a year). */
export function yearIn(text: string): number | null {
  const m = /(?:^|[^\d])((?:19|20)\d{2})(?:年|[-/.]\d|$|[^\d])/.exec(halfWidth(text));
  return m ? Number(m[1]) : null;
}

/**
 * A 责任人 cell to names, in order: 、 , ， ; ； / and spaces separate;
 * a note in brackets (张三（组长）) is dropped. Names are compared whole,
 * so 方芳 never matches 方芳波.
 */
export function splitPeople(v: CellValue): string[] {
  const text = cellText(v);
  if (!text) return [];
  let plain = halfWidth(text);
  if (/[(（]/.test(plain)) plain = plain.replace(/[(（][^)）]*[)）]/g, ' ');
  const names = plain.split(/[、,，;；/\\\s]+/).filter(Boolean);
  // A name given twice is listed once.
  return names.length > 1 ? [...new Set(names)] : names;
}

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

export interface Quantity {
  value: number | null;
  unit: string;
  problem: string;
}

/** 1000万元 → 1000 万元; 17.11万件 → 17.11 万件; 65% → 65 %; 6万余人次 → 6 万人次 (余/多 dropped). */
export function parseQuantity(v: CellValue): Quantity {
  if (v === null) return { value: null, unit: '', problem: '' };
  if (typeof v === 'number') return { value: v, unit: '', problem: '' };
  if (typeof v === 'boolean' || v instanceof Date) return { value: null, unit: '', problem: '不是数字' };
  const s = halfWidth(v).replace(/[\s,]/g, '');
  if (!s) return { value: null, unit: '', problem: '' };
  const m = /^(?:约|近|超|超过)?([-+]?\d+(?:\.\d+)?)(万|亿|千)?(?:余|多)?(.*)$/.exec(s);
  if (!m || !Number.isFinite(Number(m[1]))) return { value: null, unit: '', problem: '不是数字' };
  const unit = `${m[2] ?? ''}${m[3] ?? ''}`;
  if (unit.length > 20) return { value: null, unit: '', problem: '不是数字' };
  return { value: Number(m[1]), unit, problem: '' };
}

/** Normalise a header cell for matching: no spaces, no brackets' content markers, no *, ASCII digits. */
export function headerKey(v: CellValue): string {
  return halfWidth(cellText(v))
    .replace(/[\s*＊:：]/g, '')
    .replace(/[(（][^)）]*[)）]/g, '')
    .toLowerCase();
}
