import dayjs from 'dayjs';
import path from 'node:path';
import type { Db } from './db/open';
import type { WaitOptions } from './db/waitWhileBusy';

/** What every service call gets: the ledger, the clock and who is working. */
export interface CoreContext {
  db: Db;
  /** Injected so tests and benches can fix "today" (overdue lists depend on it). */
  now: () => Date;
  /** The operator named in the audit log; defaults to the ledger's 操作员 setting. */
  operator: () => string;
  /** Set while an import writes, so each record and audit entry names its batch. */
  importBatchId: string | null;
  /** Where the backup before an import goes, for a ledger file (the shell keeps one folder per ledger). */
  backupDir: (ledgerFile: string) => string;
  /** Why the ledger is open read-only (a read-only folder, a full disk); null when it can be changed. */
  readOnly: string | null;
  /** How a call that has to wait for another program (an import for another import) waits, and where it says so. */
  wait: WaitOptions;
}

/** Without a host that says otherwise: a `backups` folder beside the ledger file. */
export const backupsBesideLedger = (ledgerFile: string) => path.join(path.dirname(ledgerFile), 'backups');

export function today(ctx: CoreContext): string {
  return dayjs(ctx.now()).format('YYYY-MM-DD');
}

export function stamp(ctx: CoreContext): string {
  return ctx.now().toISOString();
}
