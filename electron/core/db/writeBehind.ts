import fs from 'node:fs';
import type { Db } from './open';

/*
 * Write-behind for the import's big transaction. Through a rollback journal
 * (rollbackJournal.ts) SQLite writes the pages that spill out of its cache
 * into the ledger file as the import goes, but the operating system keeps
 * them in memory until the commit's fsync, which then waits for all of them
 * at once: about 0.3 s for the 50–70 MB of a 50,000-row import, a wait that
 * a faster CPU does not shorten. Here the file is flushed from libuv's thread
 * pool, at most every FLUSH_EVERY_MS while the import runs, so the disk
 * writes while the CPU inserts, and the commit's own fsync finds little left
 * (measured on the bench file: the commit's end went from about 0.3 s to
 * 0.1 s, and to 0.05 s with the import's small page cache, services/imports.ts).
 * An extra flush never changes what SQLite relies on.
 *
 * The descriptor's lifetime is the delicate part. Closing *any* descriptor of
 * a file drops every POSIX lock this process holds on it, SQLite's included
 * (https://sqlite.org/howtocorrupt.html, section 2.2). So the descriptor is
 * opened and closed only while no connection of this process holds a lock on
 * the ledger: inside withRollbackJournal, after the switch out of WAL (which
 * SQLite grants only when no other connection has the ledger open) and
 * before the switch back, with the transaction over and the work synchronous
 * throughout, so no connection of this process can open the file meanwhile.
 * A flush still queued when the descriptor closes fails (EBADF) or flushes
 * whichever file took the number since: harmless either way.
 */

const FLUSH_EVERY_MS = 100;

interface Flusher {
  fd: number;
  lastFlush: number;
}

const active = new WeakMap<Db, Flusher>();

/** Runs `work` with write-behind on the ledger file. Only where no connection of this process holds a lock on it (see above). */
export function withWriteBehind<T>(db: Db, work: () => T): T {
  let fd: number;
  try {
    // 'r+': Windows flushes a file only through a handle that may write (FlushFileBuffers needs GENERIC_WRITE).
    fd = fs.openSync(db.name, 'r+');
  } catch {
    return work();
  }
  active.set(db, { fd, lastFlush: performance.now() });
  try {
    return work();
  } finally {
    active.delete(db);
    fs.closeSync(fd);
  }
}

/** Called after each bulk statement: starts a background flush of the ledger file when the last one is FLUSH_EVERY_MS old. */
export function nudgeWriteBehind(db: Db): void {
  const flusher = active.get(db);
  if (!flusher) return;
  const now = performance.now();
  if (now - flusher.lastFlush < FLUSH_EVERY_MS) return;
  flusher.lastFlush = now;
  fs.fdatasync(flusher.fd, () => {
    // Nothing to do: a failed background flush leaves the commit's own fsync to write everything.
  });
}
