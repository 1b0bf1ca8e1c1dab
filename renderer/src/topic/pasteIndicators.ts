import type { Args } from '../../../shared/contract';
import { IndicatorFields, type Indicator } from '../../../shared/domain/schemas';
import { INDICATOR, INDICATOR_FIGURES, figuresLeftByUnitChange, higherIsBetterByName } from '../../../shared/fields';
import { formatDay, formatNumber, quantityIn, readDay } from '../../../shared/values';
import { cellProblem, pasteColumns, readPastedTable, ruleProblem, type PastedTable } from './pasteTable';

/*
 * A 成效指标 table pasted from Excel: the legacy sheet's columns (指标名称、
 * 单位、基期值、目标值、完成值、统计截止、备注; 是否达标 is worked out, not
 * read), each value read by the parser the import and the indicator form use
 * (quantityIn with the unit: 1.2万 for 件 is 12,000; readDay). A row whose
 * 指标名称 the topic already has updates that indicator in the columns pasted
 * (the monthly habit: the table again with this month's 完成值); an empty
 * cell keeps what is stored, as a re-import does. The rest are created.
 */

const F = IndicatorFields.shape;
const KEYS = ['name', 'unit', 'baseline', 'target', 'actual', 'asOf', 'note'] as const;
type Key = (typeof KEYS)[number];
export const INDICATOR_PASTE_COLUMNS = pasteColumns(INDICATOR.fields, KEYS);
/** Columns a copy of the standard sheet may carry that a paste does not read: the topic (this tab's), 是否达标 (worked out), 序号. */
const IGNORED = [...INDICATOR.fields.find((f) => f.key === 'topicId')!.synonyms, '是否达标', '达标', '序号'];
const LABEL = Object.fromEntries(INDICATOR_PASTE_COLUMNS.map((c) => [c.key, c.label])) as Record<Key, string>;

export type IndicatorRowInput = Args<'indicator.saveMany'>['indicators'][number];
type Values = Omit<IndicatorRowInput, 'name'>;

export interface PastedIndicator {
  line: number;
  name: string;
  /** 新增, 修改 (an indicator of this name exists and a pasted value differs), 不变 (nothing to save). */
  action: '新增' | '修改' | '不变';
  /** Each pasted value as understood (= 12,000 件, = 2026年6月30日); for 修改, a changed one as old → new. */
  shown: Partial<Record<Key, string>>;
  /** The keys whose value a 修改 changes. */
  changed: Key[];
  /** A new indicator judged 越小越好 by its name (投诉率, 时限), as the import judges it. */
  lowerIsBetter: boolean;
  /** The row for `indicator.saveMany`; null for 不变. */
  send: IndicatorRowInput | null;
  problems: string[];
}

export interface PastedIndicators extends Omit<PastedTable<Key>, 'rows'> {
  rows: PastedIndicator[];
}

const figure = (n: number | null | undefined, unit: string) => (n === null || n === undefined ? '（空）' : `${formatNumber(n)}${unit ? ` ${unit}` : ''}`);

/** What a stored or pasted value looks like in the preview. */
function show(key: Key, v: string | number | null | undefined, unit: string): string {
  if (key === 'baseline' || key === 'target' || key === 'actual') return figure(v as number | null, unit);
  if (key === 'asOf') return v ? formatDay(v as string) : '（空）';
  return v === '' || v === null || v === undefined ? '（空）' : String(v);
}

/** The rows of a pasted indicator table against the topic's indicators; `today` ('YYYY-MM-DD') gives the year of 6月底. */
export function readPastedIndicators(text: string, stored: readonly Indicator[], today: string): PastedIndicators {
  const table = readPastedTable(text, INDICATOR_PASTE_COLUMNS, { ignored: IGNORED, required: ['name'] });
  const byName = new Map(stored.map((i) => [i.name, i]));
  const firstLine = new Map<string, number>();
  const dateContext = { year: Number(today.slice(0, 4)), today };

  const rows = table.rows.map(({ line, cells, problems }): PastedIndicator => {
    const at = (key: Key, message: string) => problems.push(cellProblem(line, LABEL[key], message));
    const given = (key: Key) => (cells[key] ? cells[key] : undefined);
    const name = cells.name ?? '';
    const nameProblem = ruleProblem(F.name, name);
    if (nameProblem) at('name', nameProblem);
    const before = byName.get(name);
    const values: Values = {};

    // The unit: as pasted, else the stored indicator's, else the first figure's (1000万元), as the form and the import read it.
    let unit = before?.unit ?? '';
    const unitCell = given('unit');
    if (unitCell !== undefined) {
      const p = ruleProblem(F.unit, unitCell);
      if (p) at('unit', p);
      else unit = values.unit = unitCell;
    }
    for (const [key, label] of INDICATOR_FIGURES) {
      const cell = given(key);
      if (cell === undefined) continue;
      const q = quantityIn(cell, unit);
      if (q.problem) {
        at(key, q.problem.startsWith('的') ? `「${cell}」${q.problem}` : `「${cell}」${q.problem}，${label}请填写数字，可带 万、亿、% 等单位`);
        continue;
      }
      if (q.unit !== unit) unit = values.unit = q.unit;
      values[key] = q.value;
    }
    const asOf = given('asOf');
    if (asOf !== undefined) {
      const d = readDay(asOf, dateContext);
      if (d.kind === 'invalid') at('asOf', `「${d.text}」${d.message}`);
      else if (d.kind === 'date') values.asOf = d.date;
    }
    const note = given('note');
    if (note !== undefined) {
      const p = ruleProblem(F.note, note);
      if (p) at('note', p);
      else values.note = note;
    }

    if (name) {
      const first = firstLine.get(name);
      if (first !== undefined) at('name', `与第 ${first} 行是同一个指标「${name}」，请合并为一行`);
      else firstLine.set(name, line);
    }

    const keys = Object.keys(values) as Exclude<Key, 'name'>[];
    if (!before) {
      const shown: PastedIndicator['shown'] = { name };
      for (const k of keys) shown[k] = k === 'unit' || k === 'note' ? String(values[k]) : `= ${show(k, values[k], unit)}`;
      return { line, name, action: '新增', shown, changed: [], lowerIsBetter: !higherIsBetterByName(name), send: { name, ...values }, problems };
    }
    const changed = keys.filter((k) => values[k] !== before[k]);
    const left = figuresLeftByUnitChange(before, values);
    if (left.length) at('unit', `单位由「${before.unit}」改为「${unit}」，已有的${left.join('、')}会按新单位理解；请一并粘贴${left.join('、')}`);
    const shown: PastedIndicator['shown'] = { name };
    for (const k of keys) {
      shown[k] = changed.includes(k) ? `${show(k, before[k], k === 'unit' ? '' : before.unit)} → ${show(k, values[k], k === 'unit' ? '' : unit)}` : show(k, values[k], k === 'unit' ? '' : unit);
    }
    // Every pasted value goes (the core writes only what differs): a new unit travels with its figures.
    return { line, name, action: changed.length ? '修改' : '不变', shown, changed, lowerIsBetter: false, send: changed.length ? { name, ...values } : null, problems };
  });
  return { ...table, rows };
}
