import { z } from 'zod';
import {
  ChecklistItem,
  Closure,
  Commendation,
  Deadline,
  Evidence,
  Indicator,
  ProgressEntry,
  Review,
  Subtopic,
  SubtopicFields,
  Topic,
  TopicFields,
  TopicListRow,
} from '../domain/schemas';
import { TOPIC_STATUSES } from '../domain/enums';
import { patchOf } from '../domain/patch';
import { DateStr, Id, requiredText, text } from '../domain/primitives';
import { ByIdInput, Deleted } from './organisation';
import type { ContractGroup } from './types';

export const TopicFilter = z
  .object({
    campaignId: Id.optional(),
    status: z.array(z.enum(TOPIC_STATUSES)).optional().describe('课题状态'),
    branchId: Id.optional(),
    leadDepartmentId: Id.optional(),
    /** Only topics with at least one overdue sub-topic. */
    overdue: z.boolean().optional(),
    q: z.string().trim().max(100).optional().describe('搜索'),
  })
  .default({});
export type TopicFilter = z.infer<typeof TopicFilter>;

const Reason = requiredText('原因', 1000);

/** The clerk has read this write's warning and accepts it; the audit line records which. */
const AcceptWarning = { acceptWarning: z.boolean().optional().describe('确认警告') };

/** A topic with everything under it, for the breakdown screen and the closure report. */
export const TopicDetail = z.object({
  topic: Topic,
  subtopics: z.array(Subtopic),
  progress: z.array(ProgressEntry),
  indicators: z.array(Indicator),
  checklist: z.array(ChecklistItem),
  closure: Closure.nullable(),
  review: Review.nullable(),
  commendations: z.array(Commendation),
  evidence: z.array(Evidence),
  locked: z.boolean(),
});
export type TopicDetail = z.infer<typeof TopicDetail>;

export const DeadlineQuery = z
  .object({
    campaignId: Id.optional(),
    unitId: Id.optional(),
    /** For upcoming deadlines: how many days ahead (default 14). */
    days: z.number().int().min(1).max(366).optional(),
  })
  .default({});

export const topicContract = {
  'topic.create': { input: TopicFields, output: Topic },
  'topic.update': { input: patchOf(TopicFields, ['campaignId']), output: Topic },
  'topic.delete': { input: ByIdInput, output: Deleted },
  'topic.list': { input: TopicFilter, output: z.array(TopicListRow) },
  'topic.get': { input: ByIdInput, output: TopicDetail },
  /** Unlock a closed or reviewed topic; the reason goes to the audit log. */
  'topic.reopen': { input: z.object({ id: Id, reason: Reason }), output: Topic },

  /** A deadline outside the topic's period is refused (NEEDS_CONFIRMATION) until sent again with `acceptWarning`. */
  'subtopic.create': { input: SubtopicFields.extend(AcceptWarning), output: Subtopic },
  /** Many sub-topics at once (a block pasted from Excel): one call, one transaction, all or none; each row as `subtopic.create`. */
  'subtopic.createMany': {
    input: z.object({
      topicId: Id,
      subtopics: z.array(SubtopicFields.omit({ topicId: true, seq: true })).min(1, { message: '没有要添加的小课题' }).max(2000, { message: '一次最多添加 2,000 项小课题' }),
      ...AcceptWarning,
    }),
    output: z.array(Subtopic),
  },
  /**
   * A block pasted over the grid's rows (Excel's paste writes over the cells below the cursor): the rows in
   * `update` change (only the fields given), those in `create` are added. One call, one transaction, all or none.
   */
  'subtopic.saveMany': {
    input: z
      .object({
        topicId: Id,
        update: z.array(patchOf(SubtopicFields, ['topicId'])).max(2000, { message: '一次最多修改 2,000 项小课题' }).default([]),
        create: z.array(SubtopicFields.omit({ topicId: true, seq: true })).max(2000, { message: '一次最多添加 2,000 项小课题' }).default([]),
        ...AcceptWarning,
      })
      .refine((v) => v.update.length + v.create.length > 0, { message: '没有要保存的小课题' }),
    output: z.array(Subtopic),
  },
  'subtopic.update': { input: patchOf(SubtopicFields, ['topicId']).extend(AcceptWarning), output: Subtopic },
  'subtopic.delete': { input: ByIdInput, output: Deleted },
  'subtopic.list': { input: z.object({ topicId: Id }), output: z.array(Subtopic) },
  'subtopic.reorder': { input: z.object({ topicId: Id, ids: z.array(Id).min(1) }), output: z.array(Subtopic) },
  /** 销号: the tick-off, with the acceptance opinion, date and who signed off. */
  'subtopic.close': {
    input: z.object({
      id: Id,
      closedDate: DateStr.describe('销号日期'),
      opinion: text('验收意见', 2000).default(''),
      closedBy: text('验收人', 50).default(''),
    }),
    output: Subtopic,
  },
  'subtopic.sendBack': { input: z.object({ id: Id, reason: Reason.describe('退回原因') }), output: Subtopic },
  'subtopic.reopen': { input: z.object({ id: Id, reason: Reason }), output: Subtopic },
  /** 延期: an approved new deadline; the first original deadline is kept. */
  'subtopic.extend': {
    input: z.object({ id: Id, deadline: DateStr.describe('新的完成时限'), reason: Reason.describe('延期原因') }),
    output: Subtopic,
  },
  'subtopic.supervise': {
    input: z.object({ id: Id, supervised: z.boolean(), note: text('督办说明', 1000).default('') }),
    output: Subtopic,
  },
  'subtopic.overdue': { input: DeadlineQuery, output: z.array(Deadline) },
  'subtopic.upcoming': { input: DeadlineQuery, output: z.array(Deadline) },
} satisfies ContractGroup;
