import { ENTITY_LABELS, type EntityName } from '../../../shared/domain/enums';
import { audit } from '../audit';
import { stamp, type CoreContext } from '../context';
import { stmt, type Row } from '../db/statements';
import { tables } from '../db/tables';
import { LedgerError } from '../errors';
import { setOwners } from '../services/subtopics';

/*
 * Undo a whole import batch by replaying its audit lines backwards: a record
 * the batch created is deleted, a record it updated gets its `before` back.
 * Refused when anything the batch touched was changed afterwards by someone
 * else (undoing would silently throw that work away).
 */
export function undoBatch(ctx: CoreContext, batchId: string): { batchId: string; reverted: number } {
  const batch = stmt(ctx.db, 'SELECT id, file_name AS fileName, undone_at AS undoneAt FROM import_batches WHERE id = ?').get(batchId) as
    | { id: string; fileName: string; undoneAt: string | null }
    | undefined;
  if (!batch) throw new LedgerError('NOT_FOUND', '找不到该导入批次。');
  if (batch.undoneAt) throw new LedgerError('BAD_STATE', `导入批次「${batch.fileName}」已于 ${batch.undoneAt.slice(0, 10)} 撤销过。`);
  const lines = stmt(ctx.db, 'SELECT rowid AS seq, action, entity, entity_id AS entityId, before FROM audit_log WHERE import_batch_id = ? ORDER BY rowid DESC').all(batchId) as {
    seq: number;
    action: string;
    entity: EntityName;
    entityId: string;
    before: string | null;
  }[];
  if (lines.length) {
    const last = lines[0]!.seq;
    const later = stmt(
      ctx.db,
      `SELECT count(DISTINCT entity_id) AS n FROM audit_log
       WHERE rowid > ? AND ifnull(import_batch_id, '') <> ? AND entity_id IN (SELECT entity_id FROM audit_log WHERE import_batch_id = ?)
         -- a later batch that was itself undone (and the undo lines) left things as they were
         AND action <> 'undo' AND ifnull(import_batch_id, '') NOT IN (SELECT id FROM import_batches WHERE undone_at IS NOT NULL)`,
    ).get(last, batchId, batchId) as { n: number };
    if (later.n) {
      throw new LedgerError('BAD_STATE', `导入后已有 ${later.n} 条导入的记录又被修改过，不能整批撤销；请逐条处理，或从导入前的备份恢复。`);
    }
  }
  const reason = `撤销导入批次「${batch.fileName}」`;
  let reverted = 0;
  for (const line of lines) {
    const table = tables[line.entity as keyof typeof tables];
    if (!table) continue;
    const current = table.find(ctx, line.entityId);
    if (line.action === 'create') {
      if (!current) continue;
      table.remove(ctx, line.entityId, { audit: false });
      audit(ctx, { action: 'undo', entity: line.entity, entityId: line.entityId, before: current, reason });
      reverted++;
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

export const entityLabel = (e: EntityName) => ENTITY_LABELS[e];
