import type { adminContract } from '../../../shared/contract/admin';
import type { AuditEntry, ImportBatch } from '../../../shared/domain/schemas';
import { camelRow, stmt, type Row } from '../db/statements';
import { fillDemo } from '../demo';
import { checkLedger } from './check';
import { dashboard } from './dashboard';
import type { Handlers } from './handlers';
import { allSettings, setSetting } from './settings';
import { computeStats } from './stats';

const parseJson = (v: unknown) => (typeof v === 'string' ? (JSON.parse(v) as unknown) : null);

export const adminHandlers: Handlers<typeof adminContract> = {
  'stats.get': (ctx, scope) => computeStats(ctx, scope),
  'dashboard.get': (ctx, q) => dashboard(ctx, q),
  'audit.list': (ctx, { entity, entityId, importBatchId, limit }) => {
    const where: string[] = [];
    const params: unknown[] = [];
    if (entity) {
      where.push('entity = ?');
      params.push(entity);
    }
    if (entityId) {
      where.push('entity_id = ?');
      params.push(entityId);
    }
    if (importBatchId) {
      where.push('import_batch_id = ?');
      params.push(importBatchId);
    }
    const sql = `SELECT * FROM audit_log ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY at DESC, id DESC LIMIT ?`;
    return (stmt(ctx.db, sql).all(...params, limit) as Row[]).map((r) => {
      const e = camelRow(r);
      return { ...e, before: parseJson(e.before), after: parseJson(e.after) } as AuditEntry;
    });
  },
  'importBatch.list': (ctx) =>
    (stmt(ctx.db, 'SELECT * FROM import_batches ORDER BY imported_at DESC').all() as Row[]).map((r) => {
      const b = camelRow(r);
      return { ...b, summary: parseJson(b.summary) } as ImportBatch;
    }),
  'settings.get': (ctx) => allSettings(ctx),
  'settings.set': (ctx, values) => {
    if (values.operator !== undefined) setSetting(ctx, 'operator', values.operator);
    if (values.rubric !== undefined) setSetting(ctx, 'rubric', values.rubric);
    if (values.gradeBands !== undefined) setSetting(ctx, 'gradeBands', values.gradeBands);
    return allSettings(ctx);
  },
  'ledger.check': (ctx) => checkLedger(ctx),
  'ledger.demo': (ctx) => fillDemo(ctx),
};
