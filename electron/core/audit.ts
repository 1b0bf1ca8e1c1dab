import { v7 as uuidv7 } from 'uuid';
import type { AuditAction, EntityName } from '../../shared/domain/enums';
import { stamp, type CoreContext } from './context';
import { stmt } from './db/statements';

export type { AuditAction };

/** Every write leaves a line: when, who, what, and the record before and after. */
export function audit(
  ctx: CoreContext,
  entry: { action: AuditAction; entity: EntityName; entityId: string; before?: unknown; after?: unknown; reason?: string },
): void {
  stmt(
    ctx.db,
    `INSERT INTO audit_log (id, at, operator, action, entity, entity_id, before, after, reason, import_batch_id)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    uuidv7(),
    stamp(ctx),
    ctx.operator(),
    entry.action,
    entry.entity,
    entry.entityId,
    entry.before === undefined || entry.before === null ? null : JSON.stringify(entry.before),
    entry.after === undefined || entry.after === null ? null : JSON.stringify(entry.after),
    entry.reason ?? '',
    ctx.importBatchId,
  );
}
