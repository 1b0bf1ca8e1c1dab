import { halfWidth } from './text';

/*
 * A review score within its criterion's maximum. Above the maximum or below
 * zero is refused with a sentence, never clamped; an empty field stays
 * unscored (null), never 0.
 */
export type ScoreReading = { kind: 'empty' } | { kind: 'score'; value: number } | { kind: 'invalid'; message: string };

export function readScore(v: string | number | null | undefined, max: number, label = '得分'): ScoreReading {
  if (v === null || v === undefined) return { kind: 'empty' };
  const s = typeof v === 'number' ? String(v) : halfWidth(v).replace(/\s+/g, '').replace(/分$/, '');
  if (!s) return { kind: 'empty' };
  if (!/^[-+]?(?:\d+(?:\.\d+)?|\.\d+)$/.test(s)) return { kind: 'invalid', message: `「${label}」应填写数字（满分 ${max} 分）` };
  const n = Number(s);
  if (n < 0) return { kind: 'invalid', message: `「${label}」得分不能为负数` };
  if (n > max) return { kind: 'invalid', message: `「${label}」得分 ${n} 超过满分 ${max} 分` };
  return { kind: 'score', value: n };
}
