import { z } from 'zod';
import { Id } from '../domain/primitives';
import { YES_NO, dateField, numberField, otherField, textField, type EntityDesc } from './describe';

const TOPIC_COLUMN = { header: '课题名称', width: 24, cell: 'wrap' } as const;
const TOPIC_SYNONYMS = ['所属课题', '课题名称', '课题'];

/** 成效指标: a row of the 成效指标 sheet. */
export const INDICATOR_FIELDS = [
  otherField({ key: 'topicId', label: '所属课题', kind: 'id', zod: Id.describe('所属课题'), column: 'topic', reimport: 'key', excel: TOPIC_COLUMN, synonyms: TOPIC_SYNONYMS }),
  otherField({ key: 'seq', label: '排序', kind: 'order', zod: z.number().int().min(0).optional().describe('排序'), synonyms: ['序号', '编号'], reimport: 'notImported', offSheet: '行的先后就是排序' }),
  textField({
    key: 'name',
    label: '指标名称',
    max: 200,
    required: true,
    plain: false,
    reimport: 'key',
    identifies: true,
    excel: { header: '指标名称', width: 22, cell: 'wrap' },
    synonyms: ['指标名称', '指标', '成效指标', '指标项'],
    pdf: { width: '*' },
  }),
  textField({ key: 'unit', label: '单位', max: 20, plain: false, excel: { header: '单位', width: 8, cell: 'center' }, synonyms: ['单位', '计量单位'], pdf: { width: 34 } }),
  // The three amounts are read with their unit (1000万元): not plain, the import's quantity reading decides.
  numberField({ key: 'baseline', label: '基期值', plain: false, excel: { header: '基期值', width: 11, cell: 'number' }, synonyms: ['基期值', '起始值', '基数', '基期', '基础值'], pdf: { width: 44 } }),
  numberField({ key: 'target', label: '目标值', plain: false, excel: { header: '目标值', width: 11, cell: 'number' }, synonyms: ['目标值', '目标'], pdf: { width: 44 } }),
  numberField({ key: 'actual', label: '完成值', plain: false, excel: { header: '完成值', width: 11, cell: 'number' }, synonyms: ['完成值', '实际完成', '实际值', '完成数', '当前值'], pdf: { width: 44 } }),
  dateField({ key: 'asOf', label: '统计截止日期', excel: { header: '统计截止', width: 15, cell: 'date' }, synonyms: ['统计截止', '截至日期', '截止日期', '统计截止日期', '统计日期', '截至'], pdf: { width: 78 } }),
  /** False for indicators where less is better (投诉率, 时限…). */
  otherField({ key: 'higherIsBetter', label: '越大越好', kind: 'bool', zod: z.boolean().default(true).describe('越大越好'), offSheet: '导入时按指标名称判断（投诉、差错…越小越好）' }),
  otherField({ key: 'met', label: '是否达标', kind: 'derived', zod: undefined, excel: { header: '是否达标', width: 9, cell: 'center', list: YES_NO }, pdf: { width: 44 }, reimport: 'notImported' }),
  textField({ key: 'note', label: '备注', max: 2000, excel: { header: '备注', width: 16, cell: 'wrap' }, synonyms: ['备注'] }),
] as const;

export const INDICATOR: EntityDesc<typeof INDICATOR_FIELDS> = { name: 'indicator', label: '成效指标', fields: INDICATOR_FIELDS };

/** Words that make less better for an indicator (投诉率, 差错, 时限…). */
const LOWER_IS_BETTER = /(投诉|差错|失误|延误|逾期|超时|时限|时长|用时|成本|损耗|损失|事故|退件|丢失|破损)/;

/** 越大越好 for a new indicator, judged by its name as no column says it (the import and a pasted table alike). */
export const higherIsBetterByName = (name: string): boolean => !LOWER_IS_BETTER.test(name);

/** The three figures an indicator's unit gives meaning to. */
export const INDICATOR_FIGURES = [
  ['baseline', '基期值'],
  ['target', '目标值'],
  ['actual', '完成值'],
] as const;

type Figures = { unit: string } & Record<(typeof INDICATOR_FIGURES)[number][0], number | null>;

/**
 * The stored figures a change of unit would silently re-mean (12,000 件 read
 * as 12,000 万件): those the change does not give again. Their labels, empty
 * when the unit stays or every stored figure is given anew.
 */
export function figuresLeftByUnitChange(before: Figures, change: Partial<Figures>): string[] {
  if (change.unit === undefined || change.unit === before.unit) return [];
  return INDICATOR_FIGURES.filter(([key]) => before[key] !== null && change[key] === undefined).map(([, label]) => label);
}
