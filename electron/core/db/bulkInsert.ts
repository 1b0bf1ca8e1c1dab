import { stmt } from './statements';
import type { Db } from './open';

/*
 * Rows of one table inserted many per statement: on 50,000 sub-topics and
 * 100,000 owner links, one statement per 64 rows costs about a third less
 * than one per row (binding and stepping overhead, not SQLite's b-tree work).
 * Rows wait in a buffer, so whoever reads the table, or inserts rows that
 * point at buffered ones, calls flush() first; `dependsOn` does that for a
 * child table (an owner link needs its sub-topic, foreign keys are checked
 * per statement).
 */
export class BulkInsert {
  private buffer: unknown[] = [];
  private readonly width: number;
  private readonly rowsPerStatement: number;
  /** The INSERT for one row and for a full statement's rows, written once. */
  private readonly oneSql: string;
  private readonly manySql: string;

  constructor(
    private readonly db: Db,
    private readonly table: string,
    columns: readonly string[],
    private readonly opts: { rowsPerStatement?: number; dependsOn?: BulkInsert } = {},
  ) {
    this.width = columns.length;
    this.rowsPerStatement = opts.rowsPerStatement ?? 64;
    const one = `(${columns.map(() => '?').join(', ')})`;
    const insert = `INSERT INTO ${table} (${columns.join(', ')}) VALUES `;
    this.oneSql = insert + one;
    this.manySql = insert + Array.from({ length: this.rowsPerStatement }, () => one).join(', ');
  }

  add(...values: unknown[]): void {
    if (values.length !== this.width) throw new Error(`BulkInsert(${this.table}): ${values.length} values for ${this.width} columns`);
    for (const v of values) this.buffer.push(v);
    if (this.buffer.length >= this.width * this.rowsPerStatement) this.flush();
  }

  flush(): void {
    this.opts.dependsOn?.flush();
    if (!this.buffer.length) return;
    const rows = this.buffer.length / this.width;
    const values = this.buffer;
    this.buffer = [];
    const full = Math.floor(rows / this.rowsPerStatement);
    const perStatement = this.rowsPerStatement * this.width;
    if (full) {
      const many = stmt(this.db, this.manySql);
      for (let i = 0; i < full; i++) many.run(values.slice(i * perStatement, (i + 1) * perStatement));
    }
    const one = stmt(this.db, this.oneSql);
    for (let i = full * this.rowsPerStatement; i < rows; i++) one.run(values.slice(i * this.width, (i + 1) * this.width));
  }
}
