import dayjs from 'dayjs';
import type { Db } from './db/open';

/** What every service call gets: the ledger, the clock and who is working. */
export interface CoreContext {
  db: Db;
  /** Injected so tests and benches can fix "today" (overdue lists depend on it). */
  now: () => Date;
  /** The operator named in the audit log; defaults to the ledger's 操作员 setting. */
  operator: () => string;
  /** Set while an import writes, so each record and audit entry names its batch. */
  importBatchId: string | null;
}

export function today(ctx: CoreContext): string {
  return dayjs(ctx.now()).format('YYYY-MM-DD');
}

export function stamp(ctx: CoreContext): string {
  return ctx.now().toISOString();
}
