import { z } from 'zod';
import { AuditEntry, Dashboard, ImportBatch, Stats } from '../domain/schemas';
import { DEFAULT_GRADE_BANDS, DEFAULT_RUBRIC } from '../domain/enums';
import { Id, requiredText, text } from '../domain/primitives';
import type { ContractGroup } from './types';

export const RubricSetting = z
  .array(
    z.object({
      name: requiredText('评分项', 50),
      max: z.number({ message: '分值应为数字' }).positive({ message: '分值应大于 0' }).max(1000).describe('分值'),
    }),
  )
  .min(1, { message: '评分表至少要有一项' })
  .refine((items) => new Set(items.map((i) => i.name)).size === items.length, { message: '评分项名称不能重复' })
  .describe('评分表');

export const GradeBandsSetting = z
  .array(z.object({ grade: requiredText('等次', 20), min: z.number().min(0).describe('最低分') }))
  .min(1, { message: '至少要有一个等次' })
  .refine((bands) => bands.some((b) => b.min === 0), { message: '必须有一个最低分为 0 的等次（兜底等次）' })
  .describe('等次划分');

/** Settings live in the ledger itself, so a ledger file carries its committee's rubric. */
export const SETTINGS = {
  operator: text('操作员', 50).describe('操作员'),
  rubric: RubricSetting,
  gradeBands: GradeBandsSetting,
} as const;
export type SettingKey = keyof typeof SETTINGS;
export const SETTING_DEFAULTS: { [K in SettingKey]: z.infer<(typeof SETTINGS)[K]> } = {
  operator: '',
  rubric: DEFAULT_RUBRIC,
  gradeBands: DEFAULT_GRADE_BANDS,
};

export const SettingsValue = z.object({ operator: SETTINGS.operator, rubric: SETTINGS.rubric, gradeBands: SETTINGS.gradeBands });

export const CheckReport = z.object({
  ok: z.boolean(),
  integrity: z.array(z.string()),
  foreignKeys: z.array(z.string()),
  problems: z.array(z.object({ entity: z.string(), id: z.string(), message: z.string() })),
});
export type CheckReport = z.infer<typeof CheckReport>;

export const adminContract = {
  'stats.get': {
    input: z.object({ campaignId: Id.optional(), unitId: Id.optional(), sourceUnitId: Id.optional().describe('来源单位') }).default({}),
    output: Stats,
  },
  /** The dashboard in one call: statistics, progress per branch and per department, the first overdue and upcoming rows with their totals. */
  'dashboard.get': {
    input: z.object({ campaignId: Id.optional(), sourceUnitId: Id.optional().describe('来源单位'), rows: z.number().int().min(1).max(500).default(40), days: z.number().int().min(1).max(366).default(14) }),
    output: Dashboard,
  },
  'audit.list': {
    input: z
      .object({
        entity: z.string().max(30).optional(),
        entityId: Id.optional(),
        importBatchId: Id.optional(),
        limit: z.number().int().min(1).max(5000).default(200),
      })
      .default({ limit: 200 }),
    output: z.array(AuditEntry),
  },
  'importBatch.list': { input: z.object({}).default({}), output: z.array(ImportBatch) },
  'settings.get': { input: z.object({}).default({}), output: SettingsValue },
  'settings.set': { input: SettingsValue.partial(), output: SettingsValue },
  'ledger.check': { input: z.object({}).default({}), output: CheckReport },
  'ledger.demo': {
    input: z.object({}).default({}),
    output: z.object({ campaignId: Id, topics: z.number().int(), subtopics: z.number().int() }),
  },
} satisfies ContractGroup;
