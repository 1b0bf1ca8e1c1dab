import type { EntityName } from '../../../shared/domain/enums';
import { audit } from '../audit';
import { stamp, type CoreContext } from '../context';
import { stmt, type Row } from '../db/statements';
import { tables } from '../db/tables';
import { LedgerError } from '../errors';
import { readSubtopics } from '../services/reads';
import { setOwners } from '../services/subtopics';

/*
 * Undo a whole import batch by replaying its audit lines backwards: a record
 * the batch created is deleted, a record it updated gets its `before` back.
 * Refused when anything the batch touched was changed afterwards by someone
 * else (undoing would silently throw that work away).
 */
export function undoBatch(ctx: CoreContext, batchId: string): { batchId: string; reverted: number } {
  const { batch, lines } = checkUndoable(ctx, batchId);
  const reason = `撤销导入批次「${batch.fileName}」`;
  let reverted = 0;
  for (const line of lines) {
    const table = tables[line.entity as keyof typeof tables];
    if (!table) continue;
    const current = table.find(ctx, line.entityId);
    if (line.action === 'create') {
      if (!current) continue;
      // A topic's line carries the sub-topics created with it; they go with the topic (ON DELETE CASCADE) and into the undo's line.
      const subtopics = line.entity === 'topic' ? readSubtopics(ctx, line.entityId) : [];
      const before = subtopics.length ? { ...current, subtopics } : current;
      table.remove(ctx, line.entityId, { audit: false });
      audit(ctx, { action: 'undo', entity: line.entity, entityId: line.entityId, before, reason });
      // The clerk is told how many records went back: the topic and each sub-topic that went with it.
      reverted += 1 + subtopics.length;
    } else if (line.before && current) {
      const before = JSON.parse(line.before) as Row;
      const patch = Object.fromEntries(table.def.fields.filter((f) => f in before).map((f) => [f, before[f]]));
      table.update(ctx, line.entityId, patch, { audit: false });
      if (line.entity === 'subtopic' && Array.isArray(before.ownerIds)) setOwners(ctx, line.entityId, before.ownerIds as string[]);
      audit(ctx, { action: 'undo', entity: line.entity, entityId: line.entityId, before: current, after: before, reason });
      reverted++;
    }
  }
  stmt(ctx.db, 'UPDATE import_batches SET undone_at = ? WHERE id = ?').run(stamp(ctx), batchId);
  return { batchId, reverted };
}

type BatchLine = { seq: number; action: string; entity: EntityName; entityId: string; before: string | null };

/** The batch and its audit lines, newest first; refuses (changing nothing) a batch that cannot be undone. */
export function checkUndoable(ctx: CoreContext, batchId: string): { batch: { id: string; fileName: string }; lines: BatchLine[] } {
  const batch = stmt(ctx.db, 'SELECT id, file_name AS fileName, undone_at AS undoneAt FROM import_batches WHERE id = ?').get(batchId) as
    | { id: string; fileName: string; undoneAt: string | null }
    | undefined;
  if (!batch) throw new LedgerError('NOT_FOUND', '找不到该导入批次。');
  if (batch.undoneAt) throw new LedgerError('BAD_STATE', `导入批次「${batch.fileName}」已于 ${batch.undoneAt.slice(0, 10)} 撤销过。`);
  const lines = stmt(ctx.db, 'SELECT rowid AS seq, action, entity, entity_id AS entityId, before FROM audit_log WHERE import_batch_id = ? ORDER BY rowid DESC').all(batchId) as BatchLine[];
  if (lines.length) {
    const later = changedSince(ctx, batchId, lines[0]!.seq);
    if (later) {
      throw new LedgerError('BAD_STATE', `导入后已有 ${later} 条导入的记录又被修改过或添加了内容，不能整批撤销；请逐条处理，或从导入前的备份恢复。`);
    }
  }
  return { batch, lines };
}

/**
 * How many records the batch wrote were changed by someone else afterwards
 * (a later edit or import), or got records of their own (sub-topics, 台账记录,
 * 指标, 结题报告…) that undoing would delete with them. Lines of undone
 * batches and of undos change nothing. The sub-topics a created topic came
 * with are listed in that topic's line (see write.ts).
 */
function changedSince(ctx: CoreContext, batchId: string, lastSeq: number): number {
  const created = `
    created_topics AS (SELECT entity_id AS id FROM audit_log WHERE import_batch_id = @batch AND action = 'create' AND entity = 'topic'),
    created_subtopics AS (
      SELECT json_extract(j.value, '$.id') AS id FROM audit_log a, json_each(a.after, '$.subtopics') j
      WHERE a.import_batch_id = @batch AND a.action = 'create' AND a.entity = 'topic')`;
  const edited = stmt(
    ctx.db,
    `WITH ${created}, touched AS (SELECT entity_id AS id FROM audit_log WHERE import_batch_id = @batch UNION SELECT id FROM created_subtopics)
     SELECT count(DISTINCT entity_id) AS n FROM audit_log
     WHERE rowid > @last AND ifnull(import_batch_id, '') <> @batch AND action <> 'undo'
       AND ifnull(import_batch_id, '') NOT IN (SELECT id FROM import_batches WHERE undone_at IS NOT NULL)
       AND entity_id IN touched`,
  ).get({ batch: batchId, last: lastSeq }) as { n: number };
  const attached = stmt(
    ctx.db,
    `WITH ${created}
     SELECT (SELECT count(*) FROM subtopics WHERE topic_id IN created_topics AND id NOT IN created_subtopics)
       + ${['progress_entries', 'indicators', 'checklist_items', 'closures', 'reviews', 'commendations']
         .map((t) => `(SELECT count(*) FROM ${t} WHERE topic_id IN created_topics AND ifnull(import_batch_id, '') <> @batch)`)
         .join(' + ')} AS n`,
  ).get({ batch: batchId }) as { n: number };
  return edited.n + attached.n;
}

