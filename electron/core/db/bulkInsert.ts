import { stmt } from './statements';
import type { Db } from './open';

/*
 * Rows of one table inserted many per statement: on 50,000 sub-topics and
 * 100,000 owner links, one statement per 64 rows costs about a third less
 * than one per row (binding and stepping overhead, not SQLite's b-tree work).
 * Rows wait in a buffer, so whoever reads the table calls flush() first.
 * A child table (`dependsOn`: an owner link needs its sub-topic, foreign keys
 * are checked per statement) waits for its parent: its rows are written
 * right after a parent statement has emptied the parent's buffer. (Had the
 * child flushed the parent whenever it filled up, the parent would mostly be
 * written a part-statement at a time.)
 * A table with no parent also writes early once its waiting text passes
 * `maxChars`: an import's audit line for a topic of 5,000 sub-topics is
 * about 2 MB, and 64 of them should not wait in memory together.
 */
export class BulkInsert {
  private buffer: unknown[] = [];
  /** Characters of text waiting (tables without a parent only). */
  private chars = 0;
  private readonly width: number;
  private readonly perStatement: number;
  private readonly dependents: BulkInsert[] = [];
  private readonly columns: string;
  /** INSERT texts by row count: a full statement's, and the last part-statement's of each flush. */
  private readonly sqlByRows = new Map<number, string>();

  constructor(
    private readonly db: Db,
    private readonly table: string,
    columns: readonly string[],
    private readonly opts: { rowsPerStatement?: number; dependsOn?: BulkInsert; maxChars?: number } = {},
  ) {
    this.width = columns.length;
    this.perStatement = this.width * (opts.rowsPerStatement ?? 64);
    this.columns = columns.join(', ');
    opts.dependsOn?.dependents.push(this);
  }

  add(...values: unknown[]): void {
    if (values.length !== this.width) throw new Error(`BulkInsert(${this.table}): ${values.length} values for ${this.width} columns`);
    for (let i = 0; i < values.length; i++) this.buffer.push(values[i]);
    if (this.opts.dependsOn) return;
    if (this.buffer.length >= this.perStatement) this.writeFull();
    else {
      for (const v of values) if (typeof v === 'string') this.chars += v.length;
      if (this.chars > (this.opts.maxChars ?? 4_000_000)) this.flush();
    }
  }

  /** Writes every row waiting: the parent's first, then full statements, then the rest in one statement. */
  flush(): void {
    this.opts.dependsOn?.flush();
    this.writeFull();
    // Empty now means writeFull wrote everything and already let the children write theirs.
    if (!this.buffer.length) return;
    this.run(this.buffer);
    this.buffer = [];
    this.emptied();
  }

  /** Writes the full statements' worth of rows waiting; once none are left, the children's. */
  private writeFull(): void {
    const full = this.buffer.length - (this.buffer.length % this.perStatement);
    for (let i = 0; i < full; i += this.perStatement) this.run(this.buffer.slice(i, i + this.perStatement));
    if (full) this.buffer = this.buffer.slice(full);
    if (!this.buffer.length) this.emptied();
  }

  /** Nothing of this table waits any more: every row a child points at is in, so the children write theirs. */
  private emptied(): void {
    this.chars = 0;
    for (const child of this.dependents) child.writeFull();
  }

  /** One INSERT of values.length / width rows (its text is made once per row count, then cached with the statement). */
  private run(values: unknown[]): void {
    const rows = values.length / this.width;
    let sql = this.sqlByRows.get(rows);
    if (!sql) {
      const one = `(${Array.from({ length: this.width }, () => '?').join(', ')})`;
      this.sqlByRows.set(rows, (sql = `INSERT INTO ${this.table} (${this.columns}) VALUES ${Array.from({ length: rows }, () => one).join(', ')}`));
    }
    stmt(this.db, sql).run(values);
  }
}
