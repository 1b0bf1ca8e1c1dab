import type { z } from 'zod';
import type { ConflictRow } from '../../../shared/contract/exchange';
import { ENTITY_LABELS } from '../../../shared/domain/enums';
import * as schemas from '../../../shared/domain/schemas';
import { CHECKLIST, INDICATOR, PERSON, PROGRESS, SUBTOPIC, TOPIC, columnName, type EntityDesc } from '../../../shared/fields';
import { audit } from '../audit';
import { stamp, type CoreContext } from '../context';
import { camel, stmt } from '../db/statements';
import { LedgerError, notFound } from '../errors';
import { ENTITY_OF } from './merge';
import type { ExchangedTable } from './scope';

/** Each table's field descriptions (their Chinese labels) in shared/domain/schemas. */
const FIELDS_OF: Partial<Record<ExchangedTable, z.ZodObject>> = {
  units: schemas.UnitFields, people: schemas.PersonFields, campaigns: schemas.CampaignFields, topics: schemas.TopicFields,
  subtopics: schemas.SubtopicFields, progress_entries: schemas.ProgressFields, indicators: schemas.IndicatorFields,
  checklist_items: schemas.ChecklistFields, closures: schemas.ClosureFields, reviews: schemas.ReviewFields,
  commendations: schemas.CommendationFields, evidence: schemas.EvidenceFields,
};

/** The described entities (shared/fields): their labels are the ones the forms, the workbook and the prints show. */
const DESCRIBED: Partial<Record<ExchangedTable, EntityDesc>> = {
  topics: TOPIC, subtopics: SUBTOPIC, people: PERSON, indicators: INDICATOR, checklist_items: CHECKLIST, progress_entries: PROGRESS,
};

/** A field's label: from its description where the entity is described, else the description on its schema (through .default()/.nullable()). */
export function columnLabel(table: string, column: string): string {
  if (column === '*') return '整条记录';
  if (column === '+') return '整条记录（对方新增）';
  if (column === '-') return '整条记录（对方删除）';
  const described = DESCRIBED[table as ExchangedTable]?.fields.find((f) => columnName(f.key) === column);
  if (described) return described.label;
  let s = FIELDS_OF[table as ExchangedTable]?.shape[camel(column)] as { description?: string; _def?: { innerType?: unknown } } | undefined;
  for (let i = 0; s && i < 5; i++) {
    if (s.description) return s.description;
    s = s._def?.innerType as typeof s;
  }
  return column;
}

const TITLE_COLUMN: Partial<Record<ExchangedTable, string>> = {
  units: 'name', people: 'name', campaigns: 'name', topics: 'title', subtopics: 'title', indicators: 'name', checklist_items: 'item',
  progress_entries: 'content', evidence: 'file_name',
};

function recordTitle(ctx: CoreContext, table: string, rowId: string, theirs: string | null): string {
  const col = TITLE_COLUMN[table as ExchangedTable];
  // A record new there and not taken here yet: its title is in the conflict itself.
  const held = col && theirs?.startsWith('{') ? (JSON.parse(theirs) as Record<string, unknown>)[col] : undefined;
  if (typeof held === 'string') return held;
  if (col) {
    const row = stmt(ctx.db, `SELECT ${col} AS t FROM ${table} WHERE id = ?`).get(rowId) as { t: string } | undefined;
    if (row) return row.t;
  }
  if (['closures', 'reviews'].includes(table)) {
    const row = stmt(ctx.db, `SELECT t.title FROM ${table} x JOIN topics t ON t.id = x.topic_id WHERE x.id = ?`).get(rowId) as { title: string } | undefined;
    if (row) return row.title;
  }
  return rowId;
}

interface ConflictDbRow {
  id: string;
  exchange_id: string;
  source_unit_name: string;
  at: string;
  tbl: string;
  row_id: string;
  col: string;
  base_value: string | null;
  their_value: string | null;
  our_value: string | null;
  status: 'open' | 'theirs' | 'ours';
  decided_at: string | null;
  decided_by: string;
}

const CONFLICT_SQL = `SELECT c.*, l.source_unit_name, l.at FROM exchange_conflicts c JOIN exchange_log l ON l.id = c.exchange_id`;

function toConflict(ctx: CoreContext, r: ConflictDbRow): ConflictRow {
  return {
    id: r.id,
    exchangeId: r.exchange_id,
    sourceUnit: r.source_unit_name,
    exchangedAt: r.at,
    table: r.tbl,
    entityLabel: ENTITY_LABELS[ENTITY_OF[r.tbl as ExchangedTable]] ?? r.tbl,
    rowId: r.row_id,
    record: recordTitle(ctx, r.tbl, r.row_id, r.col === '+' ? r.their_value : null),
    column: r.col,
    columnLabel: columnLabel(r.tbl, r.col),
    base: r.base_value,
    theirs: r.their_value,
    ours: r.our_value,
    status: r.status,
    decidedAt: r.decided_at,
    decidedBy: r.decided_by,
  };
}

export function listConflicts(ctx: CoreContext, status: 'open' | 'all'): ConflictRow[] {
  const rows = stmt(ctx.db, `${CONFLICT_SQL} ${status === 'open' ? "WHERE c.status = 'open'" : ''} ORDER BY l.at, c.tbl, c.row_id, c.col`).all() as ConflictDbRow[];
  return rows.map((r) => toConflict(ctx, r));
}

const decode = (text: string | null): unknown => (text === null ? null : JSON.parse(text));

/**
 * A person's decision, in the caller's transaction. "theirs" writes the other
 * office's value (only while ours is still the value the conflict showed, so
 * a decision never overwrites an edit made since); "ours" keeps ours. Either
 * way the decision is in the audit log.
 */
export function resolveConflict(ctx: CoreContext, id: string, choice: 'theirs' | 'ours'): ConflictRow {
  const r = stmt(ctx.db, `${CONFLICT_SQL} WHERE c.id = ?`).get(id) as ConflictDbRow | undefined;
  if (!r) throw notFound('冲突', id);
  if (r.status !== 'open') throw new LedgerError('BAD_STATE', '该冲突已经处理过了。');
  const label = columnLabel(r.tbl, r.col);
  if (choice === 'theirs') {
    if (r.col === '*') {
      throw new LedgerError('BAD_STATE', `对方已删除该${ENTITY_LABELS[ENTITY_OF[r.tbl as ExchangedTable]]}，本台账中它已被修改；如确需删除，请在本台账中直接删除后选择“保留本台账的值”。`);
    }
    if (r.their_value !== null && r.their_value.startsWith('"（') && r.tbl === 'evidence_blobs') throw new LedgerError('BAD_STATE', '文件内容不能在此处替换。');
  }
  if (choice === 'theirs' && (r.col === '+' || r.col === '-')) takeWholeRecord(ctx, r);
  else if (choice === 'theirs') {
    const { where, values: keyVals } = recordKey(r);
    const current = stmt(ctx.db, `SELECT ${r.col} AS v FROM ${r.tbl} WHERE ${where}`).get(...keyVals) as { v: unknown } | undefined;
    if (!current) throw new LedgerError('NOT_FOUND', '该记录已不在本台账中，无法采用对方的值。');
    if (JSON.stringify(current.v) !== r.our_value) {
      throw new LedgerError('BAD_STATE', `「${label}」在本台账中又被修改过（现为 ${JSON.stringify(current.v)}），请核对后再决定。`);
    }
    const hasUpdatedAt = (ctx.db.pragma(`table_info(${r.tbl})`) as { name: string }[]).some((c) => c.name === 'updated_at');
    stmt(ctx.db, `UPDATE ${r.tbl} SET ${r.col} = ?${hasUpdatedAt ? ', updated_at = ?' : ''} WHERE ${where}`).run(decode(r.their_value) as never, ...(hasUpdatedAt ? [stamp(ctx)] : []), ...(keyVals as never[]));
  }
  stmt(ctx.db, 'UPDATE exchange_conflicts SET status = ?, decided_at = ?, decided_by = ? WHERE id = ?').run(choice, stamp(ctx), ctx.operator(), id);
  audit(ctx, {
    action: 'decide',
    entity: ENTITY_OF[r.tbl as ExchangedTable] ?? 'exchange',
    entityId: r.row_id,
    before: { [r.col]: decode(r.our_value) },
    after: { [r.col]: decode(choice === 'theirs' ? r.their_value : r.our_value) },
    reason: `数据交换冲突：「${label}」${choice === 'theirs' ? `采用「${r.source_unit_name}」的值` : '保留本台账的值'}`,
  });
  return toConflict(ctx, { ...(stmt(ctx.db, `${CONFLICT_SQL} WHERE c.id = ?`).get(id) as ConflictDbRow) });
}

/** The key columns and values of a conflict's record (a link table's row id is its key as a JSON array). */
function recordKey(r: ConflictDbRow): { where: string; values: unknown[] } {
  const keyCols = r.row_id.startsWith('[') ? (r.tbl === 'subtopic_owners' ? ['subtopic_id', 'person_id'] : []) : ['id'];
  const values = r.row_id.startsWith('[') ? (JSON.parse(r.row_id) as unknown[]) : [r.row_id];
  return { where: keyCols.map((k) => `${k} = ?`).join(' AND '), values };
}

/**
 * A record the other office added or deleted under a topic locked here,
 * taken: inserted as it came, or deleted. A record it names that is no longer
 * here refuses the decision with a sentence.
 */
function takeWholeRecord(ctx: CoreContext, r: ConflictDbRow): void {
  const { where, values } = recordKey(r);
  if (r.col === '-') {
    stmt(ctx.db, `DELETE FROM ${r.tbl} WHERE ${where}`).run(...(values as never[]));
    stmt(ctx.db, 'DELETE FROM exchange_provenance WHERE tbl = ? AND row_id = ?').run(r.tbl, r.row_id);
    return;
  }
  if (stmt(ctx.db, `SELECT 1 FROM ${r.tbl} WHERE ${where}`).get(...(values as never[]))) throw new LedgerError('BAD_STATE', '该记录已在本台账中，无需再采用对方新增的记录。');
  const row = JSON.parse(r.their_value!) as Record<string, unknown>;
  const hasUpdatedAt = (ctx.db.pragma(`table_info(${r.tbl})`) as { name: string }[]).some((c) => c.name === 'updated_at');
  const all = { ...row, ...(hasUpdatedAt ? { updated_at: stamp(ctx) } : {}) };
  try {
    stmt(ctx.db, `INSERT INTO ${r.tbl} (${Object.keys(all).join(', ')}) VALUES (${Object.keys(all).map(() => '?').join(', ')})`).run(...(Object.values(all) as never[]));
  } catch (err) {
    if (String((err as { code?: string }).code).startsWith('SQLITE_CONSTRAINT')) {
      throw new LedgerError('BAD_STATE', `对方新增的${ENTITY_LABELS[ENTITY_OF[r.tbl as ExchangedTable]]}所属的记录已不在本台账中（或与本台账的记录重复），无法采用。`);
    }
    throw err;
  }
}

export function exchangeHistory(ctx: CoreContext) {
  const rows = stmt(
    ctx.db,
    `SELECT l.*, (SELECT count(*) FROM exchange_conflicts c WHERE c.exchange_id = l.id AND c.status = 'open') AS open_conflicts
     FROM exchange_log l ORDER BY l.at DESC, l.id DESC`,
  ).all() as { id: string; at: string; operator: string; direction: 'import' | 'export'; file_name: string; source_unit_name: string; from_seq: number | null; to_seq: number | null; summary: string; open_conflicts: number }[];
  return rows.map((r) => ({
    id: r.id,
    at: r.at,
    operator: r.operator,
    direction: r.direction,
    file: r.file_name,
    unit: r.source_unit_name,
    fromSeq: r.from_seq,
    toSeq: r.to_seq,
    summary: JSON.parse(r.summary) as Record<string, unknown>,
    openConflicts: r.open_conflicts,
  }));
}

/**
 * The offices this ledger took packages from, each with the records that came
 * from it and are still here (by provenance: the last office whose package
 * wrote the record).
 */
export function exchangeSources(ctx: CoreContext) {
  const rows = stmt(
    ctx.db,
    `SELECT i.source_ledger_id, i.source_unit_name, i.local_unit_id, i.applied_seq, i.last_at,
       (SELECT count(*) FROM exchange_provenance p WHERE p.source_ledger_id = i.source_ledger_id AND p.source_unit_name = i.source_unit_name AND p.tbl = 'topics' AND p.row_id IN (SELECT id FROM topics)) AS topics,
       (SELECT count(*) FROM exchange_provenance p WHERE p.source_ledger_id = i.source_ledger_id AND p.source_unit_name = i.source_unit_name AND p.tbl = 'subtopics' AND p.row_id IN (SELECT id FROM subtopics)) AS subtopics,
       (SELECT count(*) FROM exchange_provenance p WHERE p.source_ledger_id = i.source_ledger_id AND p.source_unit_name = i.source_unit_name AND p.tbl = 'progress_entries' AND p.row_id IN (SELECT id FROM progress_entries)) AS progress,
       (SELECT count(*) FROM exchange_conflicts c JOIN exchange_log l ON l.id = c.exchange_id
         WHERE c.status = 'open' AND l.source_ledger_id = i.source_ledger_id AND l.source_unit_name = i.source_unit_name) AS open_conflicts
     FROM exchange_inbox i ORDER BY i.source_unit_name`,
  ).all() as { source_unit_name: string; local_unit_id: string | null; applied_seq: number; last_at: string; topics: number; subtopics: number; progress: number; open_conflicts: number }[];
  return rows.map((r) => ({
    sourceUnit: r.source_unit_name,
    unitId: r.local_unit_id,
    appliedSeq: r.applied_seq,
    lastAt: r.last_at,
    topics: r.topics,
    subtopics: r.subtopics,
    progress: r.progress,
    openConflicts: r.open_conflicts,
  }));
}
