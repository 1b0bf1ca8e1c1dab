import { v7 as uuidv7 } from 'uuid';
import { ENTITY_LABELS, type EntityName } from '../../../shared/domain/enums';
import { audit, type AuditAction } from '../audit';
import { stamp, type CoreContext } from '../context';
import { notFound } from '../errors';
import { camelRow, snake, stmt, type Row } from './statements';

export interface TableDef {
  table: string;
  entity: EntityName;
  /** Editable fields by their camelCase key; the column is the snake_case form. */
  fields: readonly string[];
  bool?: readonly string[];
  json?: readonly string[];
}

/**
 * The write path every entity shares: insert, update and delete of one row,
 * each with its audit line (before and after), stamps and import batch.
 * Services add the rules (locking, references); this keeps the mechanics in one place.
 */
export class Table {
  private readonly bool: Set<string>;
  private readonly json: Set<string>;
  private readonly fieldSet: Set<string>;
  /** INSERT statements by the fields they set: an import inserts thousands of rows with the same few shapes. */
  private readonly insertSqls = new Map<string, string>();

  constructor(readonly def: TableDef) {
    this.bool = new Set(def.bool ?? []);
    this.json = new Set(def.json ?? []);
    this.fieldSet = new Set(def.fields);
  }

  private insertSql(keys: readonly string[]): string {
    const signature = keys.join(',');
    let sql = this.insertSqls.get(signature);
    if (!sql) {
      const cols = ['id', ...keys.map(snake), 'import_batch_id', 'created_at', 'updated_at'];
      sql = `INSERT INTO ${this.def.table} (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`;
      this.insertSqls.set(signature, sql);
    }
    return sql;
  }

  get label(): string {
    return ENTITY_LABELS[this.def.entity];
  }

  private toColumn(key: string, value: unknown): unknown {
    if (value === undefined) return null;
    if (this.bool.has(key)) return value ? 1 : 0;
    if (this.json.has(key)) return JSON.stringify(value);
    return value;
  }

  private fromRow(row: Row): Row {
    const out = camelRow(row);
    for (const k of this.bool) if (k in out) out[k] = out[k] === 1;
    for (const k of this.json) if (typeof out[k] === 'string') out[k] = JSON.parse(out[k] as string);
    return out;
  }

  /** The stored record (camelCase, booleans and JSON decoded), or undefined. */
  find(ctx: CoreContext, id: string): Row | undefined {
    const row = stmt(ctx.db, `SELECT * FROM ${this.def.table} WHERE id = ?`).get(id) as Row | undefined;
    return row && this.fromRow(row);
  }

  get(ctx: CoreContext, id: string): Row {
    const row = this.find(ctx, id);
    if (!row) throw notFound(this.label, id);
    return row;
  }

  insert(ctx: CoreContext, values: Row, opts: { id?: string; audit?: boolean } = {}): string {
    const id = opts.id ?? uuidv7();
    const keys = Object.keys(values).filter((k) => this.fieldSet.has(k));
    const now = stamp(ctx);
    const params: unknown[] = [id, ...keys.map((k) => this.toColumn(k, values[k])), ctx.importBatchId, now, now];
    stmt(ctx.db, this.insertSql(keys)).run(...params);
    if (opts.audit !== false) audit(ctx, { action: 'create', entity: this.def.entity, entityId: id, after: this.find(ctx, id) });
    return id;
  }

  /** Writes only the fields given; returns false (and writes nothing) when nothing changed. */
  update(ctx: CoreContext, id: string, patch: Row, opts: { action?: AuditAction; reason?: string; audit?: boolean } = {}): boolean {
    const before = this.get(ctx, id);
    const keys = Object.keys(patch).filter(
      (k) => this.fieldSet.has(k) && patch[k] !== undefined && JSON.stringify(before[k]) !== JSON.stringify(patch[k]),
    );
    if (!keys.length && !opts.reason) return false;
    const sets = [...keys.map((k) => `${snake(k)} = ?`), 'updated_at = ?'];
    const params = [...keys.map((k) => this.toColumn(k, patch[k])), stamp(ctx)];
    if (ctx.importBatchId && keys.length) {
      sets.push('import_batch_id = ?');
      params.push(ctx.importBatchId);
    }
    stmt(ctx.db, `UPDATE ${this.def.table} SET ${sets.join(', ')} WHERE id = ?`).run(...params, id);
    if (opts.audit !== false) {
      audit(ctx, { action: opts.action ?? 'update', entity: this.def.entity, entityId: id, before, after: this.find(ctx, id), reason: opts.reason });
    }
    return true;
  }

  remove(ctx: CoreContext, id: string, opts: { audit?: boolean; reason?: string } = {}): void {
    const before = this.get(ctx, id);
    stmt(ctx.db, `DELETE FROM ${this.def.table} WHERE id = ?`).run(id);
    if (opts.audit !== false) audit(ctx, { action: 'delete', entity: this.def.entity, entityId: id, before, reason: opts.reason });
  }
}
