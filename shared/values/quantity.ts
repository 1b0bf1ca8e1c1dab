import { formatNumber, halfWidth } from './text';

/*
 * Numbers with units as clerks write them (1000万元, 17.11万件, 65%, 6万余人次,
 * 1.2亿), for the import and the indicator form alike. The indicator's unit
 * decides what a magnitude means: 1.2万 is 12,000 for 件 and 1.2 for 万元.
 */

export interface Quantity {
  /** The number as written, before any magnitude (1000万元 → 1000). */
  value: number | null;
  /** The unit as written, magnitude included (万元); '' for a bare number. */
  unit: string;
  problem: string;
}

const MAGNITUDES: Record<string, number> = { 千: 1e3, 万: 1e4, 十万: 1e5, 百万: 1e6, 千万: 1e7, 亿: 1e8 };

/** 1000万元 → 1000 万元; 17.11万件 → 17.11 万件; 65% → 65 %; 6万余人次 → 6 万人次 (约/余/多 dropped). */
export function parseQuantity(v: string | number | boolean | Date | null | undefined): Quantity {
  if (v === null || v === undefined) return { value: null, unit: '', problem: '' };
  if (typeof v === 'number') return Number.isFinite(v) ? { value: v, unit: '', problem: '' } : { value: null, unit: '', problem: '不是数字' };
  if (typeof v === 'boolean' || v instanceof Date) return { value: null, unit: '', problem: '不是数字' };
  const s = halfWidth(v).replace(/[\s,，]/g, '');
  if (!s) return { value: null, unit: '', problem: '' };
  const m = /^(?:约|近|超|超过|达|达到)?([-+]?(?:\d+(?:\.\d*)?|\.\d+))(十万|百万|千万|万|亿|千)?(?:余|多)?(.*)$/.exec(s);
  if (!m || !Number.isFinite(Number(m[1]))) return { value: null, unit: '', problem: '不是数字' };
  const unit = `${m[2] ?? ''}${m[3] ?? ''}`;
  if (unit.length > 20) return { value: null, unit: '', problem: '不是数字' };
  return { value: Number(m[1]), unit, problem: '' };
}

/** A unit split into its magnitude and what is counted: 万件 → 1e4 × 件; % → 1 × %. */
export function splitUnit(unit: string): { factor: number; base: string } {
  const u = halfWidth(unit).replace(/\s+/g, '');
  for (const prefix of ['十万', '百万', '千万', '万', '亿', '千']) {
    // 千米, 千克 are units of their own, not 1000 × 米.
    if (u.startsWith(prefix) && !/^千[米克瓦]/.test(u)) return { factor: MAGNITUDES[prefix]!, base: u.slice(prefix.length) };
  }
  return { factor: 1, base: u };
}

/** Multiply without float noise: 1.2 × 10000 = 12000, 17.11 × 10000 = 171100. */
const scaled = (n: number, factor: number) => Number((n * factor).toPrecision(12));

export interface QuantityIn {
  /** The number in the indicator's unit. */
  value: number | null;
  /** The indicator's unit, or the unit written when the indicator has none yet. */
  unit: string;
  problem: string;
}

/**
 * A quantity in an indicator's unit. A bare number is already in it;
 * 1.2万 for 件 is 12,000, for 万件 or 万元 1.2; 1000万元 for 亿元 is 0.1.
 * A unit counting something else (件 written for 元) is refused, never guessed.
 */
export function quantityIn(v: string | number | boolean | Date | null | undefined, indicatorUnit: string): QuantityIn {
  const q = parseQuantity(v);
  const target = halfWidth(indicatorUnit).trim();
  if (q.value === null) return { value: null, unit: target, problem: q.problem };
  if (!q.unit) return { value: q.value, unit: target, problem: '' };
  if (!target) return { value: q.value, unit: q.unit, problem: '' };
  const written = splitUnit(q.unit);
  const wanted = splitUnit(target);
  if (written.base && written.base !== wanted.base && !wanted.base.startsWith(`${written.base}/`)) return { value: null, unit: target, problem: `的单位「${q.unit}」与指标单位「${target}」不一致` };
  return { value: scaled(q.value, written.factor / wanted.factor), unit: target, problem: '' };
}

/** What a form shows beside the field: `= 12,000 件`, or why the value cannot be saved. */
export function describeQuantity(v: string, indicatorUnit: string): { ok: boolean; text: string; value: number | null } {
  if (!v.trim()) return { ok: true, text: '', value: null };
  const r = quantityIn(v, indicatorUnit);
  if (r.problem) return { ok: false, text: r.problem.startsWith('的') ? `数值${r.problem}` : `${r.problem}：请填写数字，可带 万、亿、% 等单位`, value: null };
  return { ok: true, text: `= ${formatNumber(r.value!)}${r.unit ? ` ${r.unit}` : ''}`, value: r.value };
}
