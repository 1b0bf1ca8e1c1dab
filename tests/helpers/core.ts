import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createCore, openCore, type Core } from '../../electron/core';
import { openLedger, type Db } from '../../electron/core/db/open';

/** Today for every test: fixed, so overdue and upcoming lists are reproducible. */
export const TEST_TODAY = new Date('2024-06-15T09:00:00+08:00');

/** A fresh in-memory ledger through the real core, with output validation on. */
export function memoryCore(opts: { now?: Date; operator?: string } = {}): Core {
  const { db, migration } = openLedger(':memory:', { skipCheck: true });
  return createCore(db, { now: () => opts.now ?? TEST_TODAY, operator: opts.operator ?? '测试员', validateOutput: true, logError: () => {} }, migration);
}

/** A temporary directory removed after the test run (vitest's forks end with the file). */
export function tempDir(prefix = 'ledger-test-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

let ledgerFiles = 0;
/** A fresh ledger file in `dir`, opened as the app opens it (WAL, start-up quick check, migrations), below the core. */
export function ledgerFile(dir: string): { file: string; db: Db } {
  const file = path.join(dir, `ledger-${++ledgerFiles}.db`);
  return { file, db: openLedger(file).db };
}

/** A unit written straight into the database (tests of the storage layer, below the core). */
export function addUnitRow(db: Db, name: string): void {
  db.prepare("INSERT INTO units (id, name, kind, created_at, updated_at) VALUES (?, ?, '部门', '2024-06-15', '2024-06-15')").run(`u-${name}`, name);
}

export function fileCore(file: string, opts: { now?: Date } = {}): Core {
  return openCore(file, { now: () => opts.now ?? TEST_TODAY, operator: '测试员', validateOutput: true, logError: () => {} });
}

/** The row count of a table, to prove a refused write changed nothing. */
export function count(core: Core, table: string): number {
  return (core.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
}

/** A fingerprint of every table's rows, to compare a ledger before and after a refused operation. */
export function snapshot(core: Core): string {
  const tables = (core.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map((t) => t.name);
  return JSON.stringify(tables.map((t) => [t, core.db.prepare(`SELECT * FROM ${t} ORDER BY 1`).all()]));
}
