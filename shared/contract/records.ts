import { z } from 'zod';
import {
  ChecklistFields,
  ChecklistItem,
  Commendation,
  CommendationFields,
  Evidence,
  EvidenceFields,
  Indicator,
  IndicatorFields,
  ProgressEntry,
  ProgressFields,
  Closure,
  ClosureFields,
  Review,
  ReviewFields,
  MAX_EVIDENCE_BYTES,
} from '../domain/schemas';
import { CLOSURE_OUTCOMES, EVIDENCE_OWNER_TYPES } from '../domain/enums';
import { patchOf } from '../domain/patch';
import { DateStr, Id, text } from '../domain/primitives';
import { ByIdInput, Deleted } from './organisation';
import type { ContractGroup } from './types';

const ByTopic = z.object({ topicId: Id });

/** A row of a pasted indicator table: the name, and only the columns that were pasted (no defaults, so an update leaves the others alone). */
const PastedIndicator = patchOf(IndicatorFields, ['topicId', 'seq']).omit({ id: true }).extend({ name: IndicatorFields.shape.name });

/** Base64 grows by 4/3; the limit is on the decoded file. */
const Base64File = z
  .string()
  .max(Math.ceil((MAX_EVIDENCE_BYTES * 4) / 3) + 4, { message: '文件不能超过 50 MB' })
  .regex(/^[A-Za-z0-9+/]*={0,2}$/, { message: '文件内容编码不正确' })
  .describe('文件内容');

export const recordsContract = {
  'progress.create': { input: ProgressFields, output: ProgressEntry },
  /** Many entries at once (a block pasted from Excel): one call, one transaction, all or none; each row as `progress.create`. */
  'progress.createMany': {
    input: z.object({ topicId: Id, entries: z.array(ProgressFields.omit({ topicId: true })).min(1, { message: '没有要添加的台账记录' }).max(2000, { message: '一次最多添加 2,000 条台账记录' }) }),
    output: z.array(ProgressEntry),
  },
  'progress.update': { input: patchOf(ProgressFields, ['topicId']), output: ProgressEntry },
  'progress.delete': { input: ByIdInput, output: Deleted },
  'progress.list': { input: z.object({ topicId: Id, subtopicId: Id.optional() }), output: z.array(ProgressEntry) },

  'indicator.create': { input: IndicatorFields, output: Indicator },
  /**
   * A pasted indicator table (the monthly habit: the same table again with this month's 完成值): a row naming
   * an indicator of the topic updates it, only in the fields the row gives; the other rows are created. One
   * transaction, all or none; the saved indicators in the rows' order.
   */
  'indicator.saveMany': {
    input: z.object({ topicId: Id, indicators: z.array(PastedIndicator).min(1, { message: '没有要保存的指标' }).max(2000, { message: '一次最多保存 2,000 项指标' }) }),
    output: z.array(Indicator),
  },
  'indicator.update': { input: patchOf(IndicatorFields, ['topicId']), output: Indicator },
  'indicator.delete': { input: ByIdInput, output: Deleted },
  'indicator.list': { input: ByTopic, output: z.array(Indicator) },

  'checklist.create': { input: ChecklistFields, output: ChecklistItem },
  /** Many items at once (a block pasted from Excel, 300 merchants): one call, one transaction, all or none. */
  'checklist.createMany': {
    input: z.object({ topicId: Id, items: z.array(ChecklistFields.omit({ topicId: true, seq: true })).min(1, { message: '没有要添加的事项' }).max(2000, { message: '一次最多添加 2,000 项' }) }),
    output: z.array(ChecklistItem),
  },
  'checklist.update': { input: patchOf(ChecklistFields, ['topicId']), output: ChecklistItem },
  'checklist.delete': { input: ByIdInput, output: Deleted },
  'checklist.list': { input: ByTopic, output: z.array(ChecklistItem) },

  /** Create or replace the closure report's six sections (before submission). */
  'closure.save': { input: ClosureFields, output: Closure },
  'closure.get': { input: ByTopic, output: Closure.nullable() },
  /** Hand the report in: the topic becomes 已结题 and read-only. */
  'closure.submit': { input: z.object({ topicId: Id, submittedDate: DateStr.describe('提交日期') }), output: Closure },
  /** The committee's decision after review: 通过, 延期结题 (≤ 3 months) or 终止. */
  'closure.decide': {
    input: z.object({
      topicId: Id,
      outcome: z.enum(CLOSURE_OUTCOMES, { message: `结题结论应为：${CLOSURE_OUTCOMES.join('、')}` }).describe('结题结论'),
      extendedUntil: DateStr.nullable().default(null).describe('延期至'),
      note: text('说明', 2000).default(''),
    }),
    output: Closure,
  },
  'closure.delete': { input: ByTopic, output: z.object({ topicId: Id, deleted: z.literal(true) }) },

  'review.save': { input: ReviewFields, output: Review },
  'review.get': { input: ByTopic, output: Review.nullable() },
  'review.delete': { input: ByTopic, output: z.object({ topicId: Id, deleted: z.literal(true) }) },

  'commendation.create': { input: CommendationFields, output: Commendation },
  'commendation.update': { input: patchOf(CommendationFields, ['campaignId']), output: Commendation },
  'commendation.delete': { input: ByIdInput, output: Deleted },
  'commendation.list': { input: z.object({ campaignId: Id.optional(), topicId: Id.optional() }).default({}), output: z.array(Commendation) },

  'evidence.add': { input: EvidenceFields.extend({ contentBase64: Base64File }), output: Evidence },
  'evidence.list': {
    input: z.object({ ownerType: z.enum(EVIDENCE_OWNER_TYPES).optional(), ownerId: Id.optional(), topicId: Id.optional() }).default({}),
    output: z.array(Evidence),
  },
  'evidence.get': { input: ByIdInput, output: Evidence.extend({ contentBase64: z.string() }) },
  'evidence.delete': { input: ByIdInput, output: Deleted },
} satisfies ContractGroup;
