import { formatDay } from './dates';

/*
 * Rules across fields, as pure functions: the core enforces them on every
 * write (so the CLI, the import and the UI obey them alike) and the forms
 * show the same sentence beside the field before saving.
 */

/** An end before its start: the sentence naming both fields, or null. Either day missing is no conflict. */
export function orderProblem(start: string | null | undefined, end: string | null | undefined, startLabel: string, endLabel: string): string | null {
  if (!start || !end || end >= start) return null;
  return `${endLabel}（${formatDay(end)}）不能早于${startLabel}（${formatDay(start)}）`;
}

export interface TopicPeriod {
  startDate: string | null;
  endDate: string | null;
}

/**
 * A sub-topic's deadline outside its topic's period (before 开始日期 or after
 * 计划完成日期): a warning the clerk may accept, not an error, because a
 * committee sometimes extends a topic after its items are planned.
 */
export function deadlineOutsidePeriod(deadline: string | null | undefined, topic: TopicPeriod): string | null {
  if (!deadline) return null;
  if (topic.startDate && deadline < topic.startDate) return `完成时限（${formatDay(deadline)}）早于课题开始日期（${formatDay(topic.startDate)}）`;
  if (topic.endDate && deadline > topic.endDate) return `完成时限（${formatDay(deadline)}）晚于课题计划完成日期（${formatDay(topic.endDate)}）`;
  return null;
}
