import { excelSerialToDate } from '../excel';
import { halfWidth } from './text';

/*
 * One reading of a date as clerks write it, for the import and for every
 * form: 2023年5月31日, 2023/5/31, 2023.5.31, 20230531, 2023年12月底, 5月31日前,
 * full-width digits, Excel day counts. Known non-dates (长期坚持, 持续推进…)
 * are kept as text; anything else that is not a real day is refused with a
 * Chinese reason. Relative words (下月底, 本月底, 年底前, 下季度末) need a
 * `today` to mean a day: the forms pass one and store the resolved day; the
 * import, reading sheets written months or years ago, passes none and gets
 * a refusal, since 下月底 in an old sheet says nothing about which month.
 */

export type DateReading =
  | { kind: 'empty' }
  /** `text` is the value as written when it is not a plain day (月底, 前, no year), '' for a plain day or a relative word. */
  | { kind: 'date'; date: string; text: string; relative: boolean }
  /** A known non-date such as 长期坚持: kept as text, never overdue. */
  | { kind: 'text'; text: string }
  | { kind: 'invalid'; text: string; message: string };

export interface DateContext {
  /** The year for dates written without one (5月31日前): the sheet's year in the import, this year in a form. */
  year: number;
  /** 'YYYY-MM-DD'. When given, relative words (下月底, 年底前) are read against it; without it they are refused. */
  today?: string;
}

const pad = (n: number) => String(n).padStart(2, '0');
export const isoDay = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;

/** A day that exists in the calendar, in the years a ledger can hold. */
export function isRealDay(y: number, m: number, d: number): boolean {
  const date = new Date(Date.UTC(y, m - 1, d));
  return y >= 1990 && y <= 2100 && date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}
export const lastDayOfMonth = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

/** A JS Date (Excel cells come as UTC midnight) to its day; a time part is rounded to the nearest day. */
export function dayOfDate(d: Date): string {
  const t = new Date(Math.round(d.getTime() / 86_400_000) * 86_400_000);
  return isoDay(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}

/** 'YYYY-MM-DD' as the clerk reads it: 2026年9月30日. */
export function formatDay(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

/**
 * Words that say "no fixed day": kept as text. Only these; any other text
 * without a day is refused in a form, so a typo never passes for a deadline.
 */
export const NON_DATE_WORDS = ['长期坚持', '持续推进', '长期', '持续', '常态化', '常态化推进', '长效', '长效推进', '长期推进', '持续开展', '长期开展', '常态化开展', '每月', '每周', '每季度', '每年', '按月', '按季度', '定期', '随时', '动态推进', '动态调整'] as const;
const NON_DATE = new RegExp(`^(?:${NON_DATE_WORDS.join('|')})`);

const invalid = (text: string, message: string): DateReading => ({ kind: 'invalid', text, message });
const NOT_REAL = '不是有效的日期（该月没有这一天）';
const UNKNOWN = '不是日期：请写成 2026-09-30、2026年9月底 这样的日期，或“长期坚持”“持续推进”';

/** A relative word (下月底, 本月底, 年底前, 下季度末) against today, or null when the text is not one. */
function relative(s: string, today: string | undefined, original: string): DateReading | null {
  const m = /^(本月|这个月|当月|下月|下个月|今年|本年|年|明年|本季度|本季|下季度|下季)(底|末|前|底前|末前)?$/.exec(s);
  const dayInMonth = /^(本月|下月|下个月)(\d{1,2})日(前|之前|以前)?$/.exec(s);
  if (!m && !dayInMonth) return null;
  if (!today) return invalid(original, `是相对日期（${original}），无法确定是哪一天，请写明年月日`);
  const [ty, tm] = today.split('-').map(Number) as [number, number];
  const next = (y: number, mo: number) => (mo === 12 ? [y + 1, 1] : [y, mo + 1]) as [number, number];
  if (dayInMonth) {
    const [y, mo] = dayInMonth[1] === '本月' ? [ty, tm] : next(ty, tm);
    const d = Number(dayInMonth[2]);
    if (!isRealDay(y, mo, d)) return invalid(original, NOT_REAL);
    return { kind: 'date', date: isoDay(y, mo, d), text: '', relative: true };
  }
  const word = m![1]!;
  // Only 本月 / 年 read without 底 or 末 would be unclear (本月 = which day?); ask for the end.
  if (!m![2]) return invalid(original, `「${original}」没有说明哪一天，请写成「${original}底」或具体日期`);
  let y = ty;
  let mo = tm;
  if (word.startsWith('下月') || word.startsWith('下个月')) [y, mo] = next(ty, tm);
  else if (word === '今年' || word === '本年' || word === '年') mo = 12;
  else if (word === '明年') [y, mo] = [ty + 1, 12];
  else if (word.startsWith('本季')) mo = Math.ceil(tm / 3) * 3;
  else if (word.startsWith('下季')) [y, mo] = tm > 9 ? [ty + 1, 3] : [ty, Math.ceil(tm / 3) * 3 + 3];
  return { kind: 'date', date: isoDay(y, mo, lastDayOfMonth(y, mo)), text: '', relative: true };
}

/** A date cell or a typed date, read once for the import and the forms alike. */
export function readDate(v: string | number | boolean | Date | null | undefined, ctx: DateContext): DateReading {
  if (v === null || v === undefined) return { kind: 'empty' };
  if (typeof v === 'boolean') return invalid(v ? '是' : '否', '不是日期');
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? invalid('', '不是有效的日期') : { kind: 'date', date: dayOfDate(v), text: '', relative: false };
  if (typeof v === 'number') {
    const [y, m, d] = [Math.floor(v / 10000), Math.floor(v / 100) % 100, v % 100];
    if (Number.isInteger(v) && v >= 19900101 && v <= 21001231 && isRealDay(y, m, d)) return { kind: 'date', date: isoDay(y, m, d), text: '', relative: false };
    // A day count without a date format (CSV written by a script, a column formatted as 常规).
    if (v > 32874 && v < 73051) return { kind: 'date', date: dayOfDate(excelSerialToDate(v)), text: '', relative: false };
    return invalid(String(v), '不是有效的日期');
  }
  const original = v.includes('\r') ? v.replace(/\r\n?/g, '\n').trim() : v.trim();
  if (!original) return { kind: 'empty' };
  const s = halfWidth(original).replace(/\s+/g, '').replace(/号/g, '日');
  if (NON_DATE.test(s)) return { kind: 'text', text: original };
  const rel = relative(s, ctx.today, original);
  if (rel) return rel;
  const asWritten = (y: number, mo: number, d: number, keepText: boolean): DateReading =>
    isRealDay(y, mo, d) ? { kind: 'date', date: isoDay(y, mo, d), text: keepText ? original : '', relative: false } : invalid(original, NOT_REAL);
  let m = /^(\d{4})[年/.-](\d{1,2})[月/.-](\d{1,2})日?(前|之前|以前|止)?(?:T?\d{1,2}:\d{2}(?::\d{2})?(?:\.\d+)?Z?)?$/.exec(s);
  if (m) return asWritten(Number(m[1]), Number(m[2]), Number(m[3]), Boolean(m[4]));
  m = /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (m) return asWritten(Number(m[1]), Number(m[2]), Number(m[3]), false);
  m = /^(\d{4})[年/.-](\d{1,2})月?(底|末|份|前|之前|以前)?$/.exec(s);
  if (m) {
    const [y, mo] = [Number(m[1]), Number(m[2])];
    return isRealDay(y, mo, 1) ? { kind: 'date', date: isoDay(y, mo, lastDayOfMonth(y, mo)), text: original, relative: false } : invalid(original, NOT_REAL);
  }
  m = /^(\d{1,2})月(\d{1,2})日?(前|之前|以前|止)?$/.exec(s) ?? /^(\d{1,2})[/.-](\d{1,2})(前|之前|以前)?$/.exec(s);
  if (m) return asWritten(ctx.year, Number(m[1]), Number(m[2]), true);
  m = /^(\d{1,2})月(底|末|份|前|之前|以前)?$/.exec(s);
  if (m) {
    const mo = Number(m[1]);
    if (mo < 1 || mo > 12) return invalid(original, NOT_REAL);
    return { kind: 'date', date: isoDay(ctx.year, mo, lastDayOfMonth(ctx.year, mo)), text: original, relative: false };
  }
  m = /^(\d{4})年(底|末|底前|末前)$/.exec(s);
  if (m && isRealDay(Number(m[1]), 12, 31)) return { kind: 'date', date: isoDay(Number(m[1]), 12, 31), text: original, relative: false };
  return invalid(original, UNKNOWN);
}

/** What a field that needs a day says to a known non-date (长期坚持 for 统计截止日期). */
export const DAY_NEEDED = '这里需要具体日期，例如 2026-09-30 或 2026年9月底';

/** A date where only a day will do (统计截止日期, 台账记录的日期): a known non-date is refused, not kept as text. */
export function readDay(v: string | number | boolean | Date | null | undefined, ctx: DateContext): DateReading {
  const r = readDate(v, ctx);
  return r.kind === 'text' ? { kind: 'invalid', text: r.text, message: DAY_NEEDED } : r;
}

/** A year named in a line of text: 2023年, 2023-06-05, 2023.6… (the sheet's context for dates without a year). */
export function yearIn(text: string): number | null {
  const m = /(?:^|[^\d])((?:19|20)\d{2})(?:年|[-/.]\d|$|[^\d])/.exec(halfWidth(text));
  return m ? Number(m[1]) : null;
}

/** What a form shows beside the field: `= 2026年9月30日`, `= 按原文保存：长期坚持`, or the reason it is refused. */
export function describeDate(r: DateReading): { ok: boolean; text: string } {
  switch (r.kind) {
    case 'empty':
      return { ok: true, text: '' };
    case 'date':
      return { ok: true, text: `= ${formatDay(r.date)}` };
    case 'text':
      return { ok: true, text: `= 文字“${r.text}”（不是具体日期，不计超期）` };
    case 'invalid':
      return { ok: false, text: r.message };
  }
}

/** The stored pair (deadline, deadlineText) of a reading a form may save, or the reason it may not. */
export function deadlineFields(r: DateReading): { deadline: string | null; deadlineText: string } | { message: string } {
  if (r.kind === 'invalid') return { message: r.message };
  if (r.kind === 'empty') return { deadline: null, deadlineText: '' };
  if (r.kind === 'text') return { deadline: null, deadlineText: r.text };
  return { deadline: r.date, deadlineText: r.text };
}
