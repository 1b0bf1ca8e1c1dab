import type { Database } from 'better-sqlite3';
import { LedgerError } from '../errors';
import { MIGRATIONS, STRAY_MIGRATIONS, type Migration } from './migrations';

export interface MigrationResult {
  applied: string[];
  /** True when the file already held a ledger that this run upgraded. */
  upgraded: boolean;
}

export function appliedMigrations(db: Database): string[] {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (id TEXT PRIMARY KEY, applied_at TEXT NOT NULL)');
  return recordedMigrations(db);
}

/** The ids the ledger has recorded, none for a new file; reads only, so a read-only connection can ask. */
function recordedMigrations(db: Database): string[] {
  if (!db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'").get()) return [];
  return (db.prepare('SELECT id FROM schema_migrations ORDER BY id').all() as { id: string }[]).map((r) => r.id);
}

function pendingAfter(applied: readonly string[], migrations: readonly Migration[]): Migration[] {
  const known = new Set([...migrations.map((m) => m.id), ...STRAY_MIGRATIONS.map((s) => s.id)]);
  const unknown = applied.filter((id) => !known.has(id));
  if (unknown.length) {
    // A newer program wrote this ledger: running old code on it could lose data.
    throw new LedgerError('BAD_STATE', `此台账文件由更新版本的程序创建（含未知的升级步骤 ${unknown.join('、')}），请升级本程序后再打开。`);
  }
  const done = new Set(applied);
  return migrations.filter((m) => !done.has(m.id));
}

export function pendingMigrations(db: Database, migrations: readonly Migration[] = MIGRATIONS): Migration[] {
  return pendingAfter(appliedMigrations(db), migrations);
}

/**
 * Whether opening this file will upgrade a ledger already in it, which must
 * then be backed up first. Reads only (a read-only connection can ask);
 * refuses, as the open would, a ledger written by a newer program.
 */
export function upgradeDue(db: Database): boolean {
  const applied = recordedMigrations(db);
  return applied.length > 0 && pendingAfter(applied, MIGRATIONS).length > 0;
}

/**
 * Brings the file up to the newest schema, each migration in its own
 * transaction with its id recorded. `beforeUpgrade` runs first when an existing
 * ledger is about to change (the host makes sure it was backed up there).
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
