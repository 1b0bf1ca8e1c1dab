import { deadlineOutsidePeriod, orderProblem } from '../../../shared/values';
import type { CoreContext } from '../context';
import { stmt } from '../db/statements';
import { LedgerError } from '../errors';

/*
 * Rules across fields, enforced on every write through the services (the
 * app, the CLI and anything else that calls the dispatch). The sentences
 * come from shared/values/periods, which the forms show beside the field.
 */

interface Pair {
  start: string;
  end: string;
  startLabel: string;
  endLabel: string;
}

/** Each pair as the record will be after the write (the stored value where the patch leaves it). */
export function assertOrder(record: Record<string, unknown>, pairs: readonly Pair[]): void {
  for (const p of pairs) {
    const problem = orderProblem(record[p.start] as string | null, record[p.end] as string | null, p.startLabel, p.endLabel);
    if (problem) throw new LedgerError('VALIDATION', `${problem}。`, [{ path: p.end, message: problem }]);
  }
}

export const CAMPAIGN_ORDER: readonly Pair[] = [{ start: 'startDate', end: 'endDate', startLabel: '开始日期', endLabel: '结束日期' }];
export const TOPIC_ORDER: readonly Pair[] = [
  { start: 'startDate', end: 'endDate', startLabel: '开始日期', endLabel: '计划完成日期' },
  { start: 'issuedDate', end: 'claimedDate', startLabel: '出题日期', endLabel: '领题日期' },
];

/** `patch` over `stored`, leaving out what the patch does not say (undefined). */
export function merged(stored: Record<string, unknown>, patch: Record<string, unknown>): Record<string, unknown> {
  const out = { ...stored };
  for (const [k, v] of Object.entries(patch)) if (v !== undefined) out[k] = v;
  return out;
}

/**
 * A sub-topic's deadline outside its topic's period is a warning: refused
 * until the clerk accepts it (`acceptWarning`), and then the accepted
 * warning is returned to be written as the audit line's reason.
 */
export function deadlineWarning(ctx: CoreContext, topicId: string, deadline: string | null | undefined, accepted: boolean | undefined): string | undefined {
  if (!deadline) return undefined;
  const topic = stmt(ctx.db, 'SELECT start_date AS startDate, end_date AS endDate FROM topics WHERE id = ?').get(topicId) as
    | { startDate: string | null; endDate: string | null }
    | undefined;
  const warning = topic && deadlineOutsidePeriod(deadline, topic);
  if (!warning) return undefined;
  if (!accepted) throw new LedgerError('NEEDS_CONFIRMATION', `${warning}。确认无误请选择“仍然保存”。`, [{ path: 'deadline', message: warning }]);
  return `已确认：${warning}`;
}
