import type { Database } from 'better-sqlite3';
import { LedgerError } from '../errors';
import { MIGRATIONS, type Migration } from './migrations';

export interface MigrationResult {
  applied: string[];
  /** True when the file already held a ledger that this run upgraded. */
  upgraded: boolean;
}

export function appliedMigrations(db: Database): string[] {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (id TEXT PRIMARY KEY, applied_at TEXT NOT NULL)');
  return (db.prepare('SELECT id FROM schema_migrations ORDER BY id').all() as { id: string }[]).map((r) => r.id);
}

export function pendingMigrations(db: Database, migrations: readonly Migration[] = MIGRATIONS): Migration[] {
  const known = new Set(migrations.map((m) => m.id));
  const applied = appliedMigrations(db);
  const unknown = applied.filter((id) => !known.has(id));
  if (unknown.length) {
    // A newer program wrote this ledger: running old code on it could lose data.
    throw new LedgerError('BAD_STATE', `此台账文件由更新版本的程序创建（含未知的升级步骤 ${unknown.join('、')}），请升级本程序后再打开。`);
  }
  const done = new Set(applied);
  return migrations.filter((m) => !done.has(m.id));
}

/**
 * Brings the file up to the newest schema, each migration in its own
 * transaction with its id recorded. `beforeUpgrade` runs first when an existing
 * ledger is about to change (the shell makes a backup there).
 */
export function migrate(db: Database, opts: { migrations?: readonly Migration[]; beforeUpgrade?: () => void } = {}): MigrationResult {
  const pending = pendingMigrations(db, opts.migrations);
  const hadLedger = appliedMigrations(db).length > 0;
  if (pending.length && hadLedger) opts.beforeUpgrade?.();
  const record = db.prepare('INSERT INTO schema_migrations (id, applied_at) VALUES (?, ?)');
  for (const m of pending) {
    db.transaction(() => {
      db.exec(m.sql);
      record.run(m.id, new Date().toISOString());
    })();
  }
  return { applied: pending.map((m) => m.id), upgraded: hadLedger && pending.length > 0 };
}
