import type { Db } from './open';
import { withWriteBehind } from './writeBehind';

/*
 * SQLite's WAL documentation: "WAL does not work well for very large
 * transactions. For transactions larger than about 100 megabytes, traditional
 * rollback journal modes will likely be faster." In WAL mode every new page of
 * a large import is written twice: into the WAL, then by the checkpoint into
 * the ledger. Through a rollback journal a new page is written once, and only
 * the few existing pages the import changes are copied to the journal first.
 * It is as safe: a crash mid-import leaves a hot journal that SQLite rolls
 * back on the next open, and openLedger() puts the ledger back in WAL then.
 *
 * Changing out of WAL needs the ledger to itself. When another connection
 * has it open (the app while the CLI imports), the switch is refused and the
 * work runs in WAL as before.
 *
 * The pragmas name `main`: unqualified, they also reach the connection's temp
 * database (opened by the start-up quick_check), and after a switch an
 * unqualified wal_checkpoint then fails with "database table is locked".
 *
 * `work` is one whole, synchronous transaction: between the two switches no
 * connection of this process holds a lock on the ledger (writeBehind.ts
 * relies on it).
 */
export function withRollbackJournal<T>(db: Db, work: () => T): T {
  if (db.memory || db.inTransaction || db.pragma('main.journal_mode', { simple: true }) !== 'wal') return work();
  let switched = false;
  try {
    switched = db.pragma('main.journal_mode = DELETE', { simple: true }) === 'delete';
  } catch {
    // SQLITE_BUSY: another connection holds the ledger; stay in WAL.
  }
  try {
    // Out of WAL, the spilled pages go into the ledger file itself: flushed behind the work (writeBehind.ts).
    return switched ? withWriteBehind(db, work) : work();
  } finally {
    if (switched) backToWal(db);
  }
}

function backToWal(db: Db): void {
  try {
    db.pragma('main.journal_mode = WAL');
  } catch {
    // Another connection opened the ledger meanwhile. The work is committed and
    // safe in rollback mode; the next openLedger() switches back to WAL.
  }
}
