import type { Db } from './open';

/*
 * Connection settings for one large write (an import's commit), put back
 * afterwards whatever happens.
 *
 * A small page cache (4 MB): the append-only pages of a 50,000-row import
 * spill into the ledger file as they fill, where write-behind
 * (writeBehind.ts) flushes them in the background, instead of waiting in
 * memory for the commit's fsync. Measured on the bench file: the commit's
 * end 0.05 s instead of 0.1 s with 16 MB, the index rebuild no slower;
 * 64–128 MB were slower still (about 100 MB of dirty pages held until the
 * commit).
 *
 * Temporary storage in memory: each many-row INSERT (bulkInsert.ts) opens a
 * statement journal, and SQLite copies into it every page that existed
 * before the statement and that the statement changes, so that the statement
 * alone can be undone. The sub-topics' deadline index takes its entries in
 * deadline order, scattered over the whole index, so each 64-row statement
 * copies about 60 pages. On the bench file that was 72,000 writes of 4 KB to
 * a temporary file; in memory they are plain copies. Measured on the bench
 * file (16 commits each, in turns, in one process): the commit 0.12 s
 * shorter (median of the paired differences). The journal only ever holds
 * one statement's pages, so its memory stays small. No temporary table lives
 * on a ledger connection, so switching temp_store (which drops them) is safe;
 * SQLite refuses the switch inside a transaction, so a caller already in one
 * keeps its temporary storage.
 */
export function withBulkWriteSettings<T>(db: Db, work: () => T): T {
  const cacheSize = db.pragma('cache_size', { simple: true }) as number;
  const tempStore = db.pragma('temp_store', { simple: true }) as number;
  const switchTemp = !db.inTransaction;
  db.pragma('cache_size = -4096');
  if (switchTemp) db.pragma('temp_store = MEMORY');
  try {
    return work();
  } finally {
    if (switchTemp) db.pragma(`temp_store = ${tempStore}`);
    db.pragma(`cache_size = ${cacheSize}`);
  }
}
