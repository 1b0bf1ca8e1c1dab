import { v7 as uuidv7 } from 'uuid';
import { LOCKED_TOPIC_STATUSES, type EntityName } from '../../../shared/domain/enums';
import { audit } from '../audit';
import { stamp, type CoreContext } from '../context';
import { stmt, type Row } from '../db/statements';
import { LedgerError } from '../errors';
import { decodeChangeset, encodeChangeset, ChangesetFormatError, type ChangeValue, type SqlValue, type TableChanges } from './changeset';
import { EXCHANGED_TABLES, NEVER_DELETED, REFERENCE_KEYS, UNIQUE_KEYS, type ExchangedTable } from './scope';
import { q, type TableShape } from './snapshotDiff';

/**
 * One package's changesets merged into this ledger, three-way and per column,
 * inside the caller's transaction. For each changed column the package
 * carries the value the other office started from; compared with ours:
 * unchanged here → take theirs; already equal → nothing; both changed → a
 * conflict kept for a person to decide, our value left as it is. Their ids
 * of units, people and campaigns made independently here are mapped to ours
 * by name (and unit), once, and remembered.
 */

export const ENTITY_OF: Record<ExchangedTable, EntityName> = {
  units: 'unit', people: 'person', campaigns: 'campaign', topics: 'topic', subtopics: 'subtopic', subtopic_owners: 'subtopic',
  progress_entries: 'progress', indicators: 'indicator', checklist_items: 'checklist', closures: 'closure', reviews: 'review',
  commendations: 'commendation', evidence_blobs: 'evidence', evidence: 'evidence',
};

/** evidence.owner_id points at one of four tables, named by owner_type. */
const EVIDENCE_OWNER_TABLE: Record<string, ExchangedTable> = { subtopic: 'subtopics', progress: 'progress_entries', checklist: 'checklist_items', closure: 'topics' };

export interface MergeCounts {
  inserted: number;
  updated: number;
  deleted: number;
  unchanged: number;
  conflicts: number;
  mapped: number;
  /** Changes to records this ledger no longer has (deleted here): left out, and counted. */
  missing: number;
}

export interface MergeSource {
  ledgerId: string;
  unitName: string;
  exchangeId: string;
}

export function sameValue(a: unknown, b: unknown): boolean {
  if (a === undefined) a = null;
  if (b === undefined) b = null;
  if (a === null || b === null) return a === b;
  if (a instanceof Uint8Array || b instanceof Uint8Array) return a instanceof Uint8Array && b instanceof Uint8Array && Buffer.compare(a, b) === 0;
  if ((typeof a === 'number' || typeof a === 'bigint') && (typeof b === 'number' || typeof b === 'bigint')) return Number(a) === Number(b);
  return a === b;
}

/** A value as JSON text for the conflict list (blobs by size, never their bytes). */
export const valueText = (v: unknown) => (v === undefined ? null : JSON.stringify(v instanceof Uint8Array ? `（${v.length} 字节的文件内容）` : typeof v === 'bigint' ? Number(v) : v));
const bindable = (v: ChangeValue): SqlValue => (v === undefined ? null : v instanceof Uint8Array ? Buffer.from(v) : v);

/** A record's columns as JSON text, for a whole-record conflict (a new record there, one deleted there). */
export const rowText = (row: Record<string, ChangeValue>) =>
  JSON.stringify(Object.fromEntries(Object.entries(row).filter(([, v]) => v !== undefined && !(v instanceof Uint8Array)).map(([k, v]) => [k, typeof v === 'bigint' ? Number(v) : v])));

/**
 * What a package may still change under a topic that is 已结题/已验收 here:
 * what the ledger itself allows on such a topic — the committee's review,
 * commendation and closure decision, and the topic going from one locked
 * status to the other (验收). Anything else waits for a person.
 */
const DECIDED_ON_LOCKED: ReadonlySet<string> = new Set(['reviews', 'commendations']);
const DECISION_COLUMNS: Partial<Record<ExchangedTable, ReadonlySet<string>>> = { closures: new Set(['outcome', 'extended_until', 'outcome_note']) };
const isLockedStatus = (v: unknown) => (LOCKED_TOPIC_STATUSES as readonly unknown[]).includes(v);

interface ForeignKey {
  column: string;
  table: ExchangedTable;
}

export class Merger {
  readonly counts: MergeCounts = { inserted: 0, updated: 0, deleted: 0, unchanged: 0, conflicts: 0, mapped: 0, missing: 0 };
  /** What the other office holds, in our ids: replayed into our baseline for them (export's diff). */
  readonly heard: TableChanges[] = [];
  readonly mappings: { table: string; theirs: string; ours: string; name: string }[] = [];
  private readonly idMap = new Map<string, string>();
  private readonly fks: Record<string, ForeignKey[]> = {};
  private readonly hasUpdatedAt = new Set<string>();
  private readonly now: string;
  /** The topics locked here when the changeset began (a topic the same package closes does not lock its own last changes). */
  private lockedTopics = new Set<string>();
  /** Records deleted there and kept here for a person to decide (`table\tid`): the rows that belong to them stay with them. */
  private readonly keptHere = new Set<string>();

  constructor(
    private readonly ctx: CoreContext,
    private readonly shapes: Record<ExchangedTable, TableShape>,
    private readonly source: MergeSource,
  ) {
    this.now = stamp(ctx);
    for (const r of stmt(ctx.db, 'SELECT tbl, their_id, our_id FROM exchange_id_map WHERE source_ledger_id = ?').all(source.ledgerId) as { tbl: string; their_id: string; our_id: string }[]) {
      this.idMap.set(`${r.tbl}\t${r.their_id}`, r.our_id);
    }
    for (const t of EXCHANGED_TABLES) {
      const list = ctx.db.pragma(`foreign_key_list(${q(t)})`) as { from: string; table: string }[];
      this.fks[t] = list.filter((f) => (EXCHANGED_TABLES as readonly string[]).includes(f.table)).map((f) => ({ column: f.from, table: f.table as ExchangedTable }));
      if ((ctx.db.pragma(`table_info(${q(t)})`) as { name: string }[]).some((c) => c.name === 'updated_at')) this.hasUpdatedAt.add(t);
    }
  }

  /** Our id for theirs (the same id unless the record was matched to one of ours). */
  private ours(table: ExchangedTable, id: ChangeValue): ChangeValue {
    return typeof id === 'string' ? (this.idMap.get(`${table}\t${id}`) ?? id) : id;
  }

  /** A row of theirs in our ids. */
  private mapRow(table: ExchangedTable, row: Record<string, ChangeValue>): Record<string, ChangeValue> {
    const out = { ...row };
    if ('id' in out) out.id = this.ours(table, out.id);
    for (const fk of this.fks[table]!) if (fk.column in out) out[fk.column] = this.ours(fk.table, out[fk.column]);
    if (table === 'evidence' && typeof out.owner_type === 'string') out.owner_id = this.ours(EVIDENCE_OWNER_TABLE[out.owner_type]!, out.owner_id);
    return out;
  }

  private find(table: ExchangedTable, pk: Record<string, ChangeValue>): Row | undefined {
    const keys = this.shapes[table].pk;
    return stmt(this.ctx.db, `SELECT * FROM ${q(table)} WHERE ${keys.map((k) => `${q(k)} = ?`).join(' AND ')}`).get(...keys.map((k) => bindable(pk[k]))) as Row | undefined;
  }

  private findBy(table: ExchangedTable, cols: readonly string[], row: Record<string, ChangeValue>): Row | undefined {
    return stmt(this.ctx.db, `SELECT * FROM ${q(table)} WHERE ${cols.map((c) => `${q(c)} IS ?`).join(' AND ')}`).get(...cols.map((c) => bindable(row[c]))) as Row | undefined;
  }

  private remember(table: ExchangedTable, theirs: string, ours: string, matchedBy: string, name: string): void {
    this.idMap.set(`${table}\t${theirs}`, ours);
    stmt(this.ctx.db, 'INSERT OR REPLACE INTO exchange_id_map (source_ledger_id, tbl, their_id, our_id, matched_by) VALUES (?, ?, ?, ?, ?)').run(this.source.ledgerId, table, theirs, ours, matchedBy);
    this.mappings.push({ table, theirs, ours, name });
    this.counts.mapped++;
  }

  private rowKey(table: ExchangedTable, row: Record<string, unknown>): string {
    const pk = this.shapes[table].pk;
    return pk.length === 1 ? String(row[pk[0]!]) : JSON.stringify(pk.map((k) => row[k]));
  }

  private provenance(table: ExchangedTable, rowId: string): void {
    stmt(this.ctx.db, 'INSERT OR REPLACE INTO exchange_provenance (tbl, row_id, source_ledger_id, source_unit_name, exchanged_at) VALUES (?, ?, ?, ?, ?)').run(table, rowId, this.source.ledgerId, this.source.unitName, this.now);
  }

  private conflict(table: ExchangedTable, rowId: string, col: string, base: unknown, theirs: unknown, ours: unknown): void {
    // A newer disagreement on the same cell replaces one still waiting for a decision.
    stmt(this.ctx.db, "DELETE FROM exchange_conflicts WHERE status = 'open' AND tbl = ? AND row_id = ? AND col = ?").run(table, rowId, col);
    stmt(this.ctx.db, 'INSERT INTO exchange_conflicts (id, exchange_id, tbl, row_id, col, base_value, their_value, our_value) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(
      uuidv7(), this.source.exchangeId, table, rowId, col, valueText(base), valueText(theirs), valueText(ours),
    );
    this.counts.conflicts++;
  }

  private write(table: ExchangedTable, key: Record<string, ChangeValue>, sets: Record<string, ChangeValue>, before: Row): void {
    const cols = Object.keys(sets);
    const pk = this.shapes[table].pk;
    const assign = [...cols.map((c) => `${q(c)} = ?`), ...(this.hasUpdatedAt.has(table) ? ['updated_at = ?'] : [])];
    stmt(this.ctx.db, `UPDATE ${q(table)} SET ${assign.join(', ')} WHERE ${pk.map((k) => `${q(k)} = ?`).join(' AND ')}`).run(
      ...cols.map((c) => bindable(sets[c])), ...(this.hasUpdatedAt.has(table) ? [this.now] : []), ...pk.map((k) => bindable(key[k])),
    );
    const rowId = this.rowKey(table, key);
    audit(this.ctx, { action: 'update', entity: ENTITY_OF[table], entityId: rowId, before: pick(before, cols), after: Object.fromEntries(cols.map((c) => [c, valueText(sets[c]) && JSON.parse(valueText(sets[c])!)])), reason: `数据交换：来自「${this.source.unitName}」` });
    this.provenance(table, rowId);
    this.counts.updated++;
  }

  /** Column by column against our row: equal → nothing; different → a conflict (a new record has no old value to decide by). */
  private reviewExisting(table: ExchangedTable, ours: Row, theirs: Record<string, ChangeValue>): void {
    const rowId = this.rowKey(table, ours);
    let differs = false;
    for (const c of this.shapes[table].columns) {
      if (this.shapes[table].pk.includes(c) || c === 'created_at' || sameValue(ours[c], theirs[c])) continue;
      this.conflict(table, rowId, c, undefined, theirs[c], ours[c]);
      differs = true;
    }
    if (!differs) this.counts.unchanged++;
  }

  /** The topic a record (in our ids) belongs to, for the tables that belong to one. */
  private topicOf(table: ExchangedTable, row: Record<string, unknown>): unknown {
    const via = (t: string, id: unknown) => (stmt(this.ctx.db, `SELECT topic_id AS t FROM ${q(t)} WHERE id = ?`).get(id) as { t: string } | undefined)?.t;
    if (table === 'topics') return row.id;
    if (table === 'subtopic_owners') return via('subtopics', row.subtopic_id);
    if (table === 'evidence') {
      const owner = EVIDENCE_OWNER_TABLE[String(row.owner_type)];
      return owner === 'topics' ? row.owner_id : owner && via(owner, row.owner_id);
    }
    return row.topic_id;
  }

  /** The record a sub-topic's 责任人 link or an evidence row belongs to (`table\tid`): it goes and stays with it. */
  private parentOf(table: ExchangedTable, row: Record<string, ChangeValue>): string | null {
    if (table === 'subtopic_owners') return `subtopics\t${String(row.subtopic_id)}`;
    if (table === 'evidence' && typeof row.owner_type === 'string') return `${EVIDENCE_OWNER_TABLE[row.owner_type]}\t${String(row.owner_id)}`;
    return null;
  }

  private isUnderLockedTopic(table: ExchangedTable, row: Record<string, unknown>): boolean {
    if (DECIDED_ON_LOCKED.has(table) || REFERENCE_KEYS[table] || NEVER_DELETED.has(table)) return false;
    const topic = this.topicOf(table, row);
    return typeof topic === 'string' && this.lockedTopics.has(topic);
  }

  private insert(table: ExchangedTable, theirRow: Record<string, ChangeValue>): void {
    const row = this.mapRow(table, theirRow);
    const pk = this.shapes[table].pk;
    const existing = this.find(table, row);
    if (existing) return this.reviewExisting(table, existing, row);
    // A reference record matched by name in matchReference: ours is kept as it is.
    if (REFERENCE_KEYS[table] && typeof theirRow.id === 'string' && this.idMap.has(`${table}\t${theirRow.id}`)) return;
    const uniq = UNIQUE_KEYS[table];
    const byKey = uniq && this.findBy(table, uniq, row);
    if (byKey) {
      this.remember(table, String(theirRow.id), String(byKey.id), uniq.join('+'), String(row.title ?? row.name ?? row.item ?? ''));
      return this.reviewExisting(table, byKey, { ...row, id: byKey.id as string });
    }
    if (this.isUnderLockedTopic(table, row)) {
      // Kept whole in the conflict: taking it inserts the record as it came.
      this.conflict(table, this.rowKey(table, row), '+', null, JSON.parse(rowText(row)), null);
      return;
    }
    const cols = this.shapes[table].columns;
    const all = [...cols, ...(this.hasUpdatedAt.has(table) ? ['updated_at'] : [])];
    stmt(this.ctx.db, `INSERT INTO ${q(table)} (${all.map(q).join(', ')}) VALUES (${all.map(() => '?').join(', ')})`).run(
      ...cols.map((c) => bindable(row[c])), ...(this.hasUpdatedAt.has(table) ? [this.now] : []),
    );
    this.provenance(table, this.rowKey(table, row));
    void pk;
    this.counts.inserted++;
  }

  /**
   * Their new reference record (a unit, a person, a campaign) that we already
   * have under another id: matched by name (and unit), before any row of the
   * table is written, so a unit's parent or a person's unit maps whatever the
   * order of the rows.
   */
  private matchReference(table: ExchangedTable, theirRow: Record<string, ChangeValue>): void {
    const ref = REFERENCE_KEYS[table];
    if (!ref || typeof theirRow.id !== 'string' || this.idMap.has(`${table}\t${theirRow.id}`)) return;
    const row = this.mapRow(table, theirRow);
    if (this.find(table, row)) return;
    const ours = this.findBy(table, ref, row);
    if (ours) this.remember(table, theirRow.id, String(ours.id), ref.join('+'), String(row.name ?? ''));
  }

  private update(table: ExchangedTable, oldRow: Record<string, ChangeValue>, newRow: Record<string, ChangeValue>): void {
    const base = this.mapRow(table, oldRow);
    const theirs = this.mapRow(table, newRow);
    const ours = this.find(table, base);
    if (!ours) {
      this.counts.missing++;
      return;
    }
    const rowId = this.rowKey(table, ours);
    const sets: Record<string, ChangeValue> = {};
    let conflicted = false;
    for (const c of Object.keys(newRow)) {
      if (newRow[c] === undefined) continue;
      if (sameValue(ours[c], theirs[c])) continue;
      if (sameValue(ours[c], base[c])) sets[c] = theirs[c];
      else {
        this.conflict(table, rowId, c, base[c], theirs[c], ours[c]);
        conflicted = true;
      }
    }
    if (this.isUnderLockedTopic(table, ours)) {
      for (const c of Object.keys(sets)) {
        if (DECISION_COLUMNS[table]?.has(c) || (table === 'topics' && c === 'status' && isLockedStatus(ours[c]) && isLockedStatus(sets[c]))) continue;
        this.conflict(table, rowId, c, base[c], theirs[c], ours[c]);
        delete sets[c];
        conflicted = true;
      }
    }
    if (Object.keys(sets).length) this.write(table, base, sets, ours);
    else if (!conflicted) this.counts.unchanged++;
  }

  private delete(table: ExchangedTable, oldRow: Record<string, ChangeValue>): void {
    const theirs = this.mapRow(table, oldRow);
    const ours = this.find(table, theirs);
    if (!ours) return void this.counts.unchanged++;
    if (NEVER_DELETED.has(table)) return void this.counts.unchanged++;
    const parent = this.parentOf(table, theirs);
    if (parent && this.keptHere.has(parent)) return void this.counts.unchanged++;
    const rowId = this.rowKey(table, ours);
    const changedHere = this.shapes[table].columns.filter((c) => !sameValue(ours[c], theirs[c]));
    if (changedHere.length) {
      // Deleted there, changed here: neither wins without a person.
      this.keptHere.add(`${table}\t${rowId}`);
      this.conflict(table, rowId, '*', null, null, pick(ours, changedHere));
      return;
    }
    if (this.isUnderLockedTopic(table, ours)) {
      this.keptHere.add(`${table}\t${rowId}`);
      return void this.conflict(table, rowId, '-', null, null, pick(ours, this.shapes[table].columns));
    }
    const pk = this.shapes[table].pk;
    stmt(this.ctx.db, `DELETE FROM ${q(table)} WHERE ${pk.map((k) => `${q(k)} = ?`).join(' AND ')}`).run(...pk.map((k) => bindable(theirs[k])));
    audit(this.ctx, { action: 'delete', entity: ENTITY_OF[table], entityId: rowId, before: ours, reason: `数据交换：来自「${this.source.unitName}」` });
    stmt(this.ctx.db, 'DELETE FROM exchange_provenance WHERE tbl = ? AND row_id = ?').run(table, rowId);
    this.counts.deleted++;
  }

  /**
   * One changeset of theirs. Parents before children for inserts and updates,
   * children before parents for deletes; foreign keys are checked at commit
   * (defer_foreign_keys), so a record and the people it names may come in any order.
   */
  apply(changeset: Uint8Array, columns: Record<string, string[]>): void {
    let blocks: TableChanges[];
    try {
      blocks = decodeChangeset(changeset);
    } catch (err) {
      if (err instanceof ChangesetFormatError) throw new LedgerError('BAD_FILE', `数据包内容无法读取：${err.message}，未导入任何数据。`);
      throw err;
    }
    const byTable = new Map<string, TableChanges[]>();
    for (const b of blocks) {
      const cols = columns[b.table];
      const mine = this.shapes[b.table as ExchangedTable];
      if (!mine || !cols || cols.length !== b.pk.length || cols.join() !== mine.columns.join()) {
        throw new LedgerError('BAD_FILE', `数据包中的「${b.table}」与本台账的结构不一致，未导入任何数据。`);
      }
      byTable.set(b.table, [...(byTable.get(b.table) ?? []), b]);
    }
    this.ctx.db.pragma('defer_foreign_keys = ON');
    this.lockedTopics = new Set((stmt(this.ctx.db, `SELECT id FROM topics WHERE status IN (${LOCKED_TOPIC_STATUSES.map(() => '?').join(', ')})`).all(...LOCKED_TOPIC_STATUSES) as { id: string }[]).map((t) => t.id));
    const rec = (cols: string[], values: ChangeValue[] | undefined) => Object.fromEntries(cols.map((c, i) => [c, values?.[i]]));
    for (const t of EXCHANGED_TABLES) {
      for (const b of byTable.get(t) ?? []) for (const c of b.changes) if (c.op === 'insert') this.matchReference(t, rec(columns[t]!, c.new));
      for (const b of byTable.get(t) ?? []) {
        const cols = columns[t]!;
        for (const c of b.changes) {
          if (c.op === 'insert') this.insert(t, rec(cols, c.new));
          else if (c.op === 'update') this.update(t, rec(cols, c.old), rec(cols, c.new));
        }
      }
    }
    // Deletes children first, but the rows that belong to a record (parentOf) after it, so they stay where it is kept.
    const reversed = [...EXCHANGED_TABLES].reverse();
    const belonging = (t: ExchangedTable) => t === 'subtopic_owners' || t === 'evidence';
    for (const t of [...reversed.filter((x) => !belonging(x)), ...reversed.filter(belonging)]) {
      for (const b of byTable.get(t) ?? []) for (const c of b.changes) if (c.op === 'delete') this.delete(t, rec(columns[t]!, c.old));
    }
    this.hear(blocks, columns);
  }

  /** Their changes in our ids: what they hold now, for our baseline of them. */
  private hear(blocks: TableChanges[], columns: Record<string, string[]>): void {
    for (const b of blocks) {
      const t = b.table as ExchangedTable;
      const cols = columns[t]!;
      const mapRecord = (values: ChangeValue[] | undefined) => {
        if (!values) return undefined;
        const mapped = this.mapRow(t, Object.fromEntries(cols.map((c, i) => [c, values[i]])));
        return cols.map((c, i) => (values[i] === undefined ? undefined : mapped[c]));
      };
      this.heard.push({ table: t, pk: b.pk, changes: b.changes.map((c) => ({ op: c.op, old: mapRecord(c.old), new: mapRecord(c.new) })) });
    }
  }

  heardChangeset(): Uint8Array {
    return encodeChangeset(this.heard);
  }

  /** Our id of their record, after this merge (for their unit: the stream's unit here). */
  ourId(table: ExchangedTable, theirId: string): string {
    return String(this.ours(table, theirId));
  }
}

function pick(row: Row, cols: readonly string[]): Row {
  return Object.fromEntries(cols.map((c) => [c, row[c] instanceof Uint8Array ? `（${(row[c] as Uint8Array).length} 字节）` : row[c]]));
}
