import type { Db } from './open';

/*
 * A bulk write (an import of 50,000 sub-topics) inserts faster into tables
 * without their secondary indexes, and SQLite builds an index from sorted
 * rows far faster than it updates one row by row (people's sub-topics are
 * scattered all over theirs). So a large import drops the plain indexes of
 * the tables it fills and builds them again at the end of its transaction.
 * Unique indexes stay: they keep the data right and the import looks records
 * up by them. SQLite's DDL is transactional: a failure rolls the dropped
 * indexes back with everything else.
 */

/** Worth it when the rows to add are many and at least half as many as the table holds (a rebuild reads them all). */
export function worthDeferring(db: Db, table: string, rowsToAdd: number): boolean {
  if (rowsToAdd < 2000) return false;
  const { n } = db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number };
  return rowsToAdd * 2 >= n;
}

export function withIndexesDeferred<T>(db: Db, tables: readonly string[], work: () => T): T {
  if (!db.inTransaction) throw new Error('withIndexesDeferred must run inside a transaction');
  const plain: { name: string; sql: string }[] = [];
  for (const table of tables) {
    const unique = new Set((db.pragma(`index_list(${table})`) as { name: string; unique: number }[]).filter((i) => i.unique).map((i) => i.name));
    const indexes = db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL").all(table) as { name: string; sql: string }[];
    plain.push(...indexes.filter((i) => !unique.has(i.name)));
  }
  for (const i of plain) db.exec(`DROP INDEX ${i.name}`);
  const result = work();
  for (const i of plain) db.exec(i.sql);
  return result;
}
