import path from 'node:path';
import type { CoreContext } from '../context';
import { LedgerError } from '../errors';
import { openSibling } from './open';
import { waitWhileBusy } from './waitWhileBusy';

/*
 * Two imports into one ledger at once (two CLI runs, the app and the CLI)
 * must not both plan against the ledger as it was before either wrote: the
 * second would add what the first just added ("已存在相同的记录"). So a
 * writing import (commit, undo) runs alone, from reading the ledger to its
 * commit, and a second one waits for it, saying so.
 *
 * The lock is SQLite's own, on a small file beside the ledger
 * (`<ledger>.import-lock`): an EXCLUSIVE transaction held for the import's
 * length. The operating system drops it when the process ends, however it
 * ends, so a killed import never leaves a stale lock behind; and SQLite keeps
 * it right between connections of one process too. The file stays (removing
 * it while another process waits on it would let a third take a second lock).
 */

export const importLockFile = (ledgerFile: string) => `${ledgerFile}.import-lock`;

/**
 * Runs a writing import alone. A read-only ledger is refused first, with its
 * reason, before anything is read or backed up.
 */
export async function asOnlyImport<T>(ctx: CoreContext, work: () => Promise<T>): Promise<T> {
  if (ctx.readOnly) throw new LedgerError('BAD_STATE', ctx.readOnly);
  if (ctx.db.memory || ctx.db.name === ':memory:') return work();
  // busy_timeout 0: SQLite answers at once, and the waiting happens in waitWhileBusy with the event loop free.
  const lock = openSibling(ctx.db, importLockFile(ctx.db.name), { busyTimeoutMs: 0 });
  try {
    await waitWhileBusy(
      () => lock.exec('BEGIN EXCLUSIVE'),
      `台账「${path.basename(ctx.db.name)}」正在导入另一个文件，本次导入等它完成后开始……`,
      (seconds) => new LedgerError('BUSY', `台账正在导入另一个文件，已等待 ${seconds} 秒仍未完成，本次没有导入任何数据。请等它完成后再导入。`),
      ctx.wait,
    );
    return await work();
  } finally {
    if (lock.inTransaction) lock.exec('ROLLBACK');
    lock.close();
  }
}
