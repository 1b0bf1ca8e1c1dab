import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { closeLedger, openLedger } from '../../electron/core/db/open';
import { withRollbackJournal } from '../../electron/core/db/rollbackJournal';
import { addUnitRow, ledgerFile, tempDir } from '../helpers/core';

const dir = tempDir('rollback-journal-');
const ledger = () => ledgerFile(dir);
const mode = (db: Database.Database) => db.pragma('main.journal_mode', { simple: true });
const units = (db: Database.Database) => (db.prepare('SELECT name FROM units ORDER BY name').all() as { name: string }[]).map((u) => u.name);

describe('withRollbackJournal (a large import writes through a rollback journal, not the WAL)', () => {
  it('runs the work in rollback mode and puts the ledger back in WAL, which then checkpoints and closes cleanly', () => {
    const { file, db } = ledger();
    const seen = withRollbackJournal(db, () => {
      db.transaction(() => addUnitRow(db, '市场部'))();
      return mode(db);
    });
    expect(seen).toBe('delete');
    expect(mode(db)).toBe('wal');
    expect(fs.existsSync(`${file}-journal`)).toBe(false);
    // The close right after folds the WAL back (it failed on the temp database before the pragmas named `main`).
    closeLedger(db);
    expect(fs.existsSync(`${file}-wal`)).toBe(false);
    const reopened = openLedger(file).db;
    expect(units(reopened)).toEqual(['市场部']);
    closeLedger(reopened);
  });

  it('writes after it go through the WAL again', () => {
    const { file, db } = ledger();
    withRollbackJournal(db, () => db.transaction(() => addUnitRow(db, '市场部'))());
    addUnitRow(db, '渠道部');
    expect(fs.statSync(`${file}-wal`).size).toBeGreaterThan(0);
    expect(db.pragma('main.wal_checkpoint(PASSIVE)')).toEqual([{ busy: 0, log: expect.any(Number), checkpointed: expect.any(Number) }]);
    closeLedger(db);
  });

  it('a failed transaction leaves nothing behind and the ledger in WAL', () => {
    const { file, db } = ledger();
    addUnitRow(db, '市场部');
    expect(() =>
      withRollbackJournal(db, () =>
        db.transaction(() => {
          addUnitRow(db, '渠道部');
          addUnitRow(db, '市场部'); // a duplicate name: the unique index refuses it
        })(),
      ),
    ).toThrow(/UNIQUE/);
    expect(mode(db)).toBe('wal');
    expect(units(db)).toEqual(['市场部']);
    expect(fs.existsSync(`${file}-journal`)).toBe(false);
    closeLedger(db);
  });

  it('stays in WAL when another connection has the ledger open, and the work still runs', () => {
    const { file, db } = ledger();
    const other = new Database(file);
    other.prepare('SELECT count(*) FROM units').get(); // holds the WAL open
    try {
      const seen = withRollbackJournal(db, () => {
        db.transaction(() => addUnitRow(db, '市场部'))();
        return mode(db);
      });
      expect(seen).toBe('wal');
      expect(units(db)).toEqual(['市场部']);
      expect(other.prepare('SELECT name FROM units').pluck().all()).toEqual(['市场部']);
    } finally {
      other.close();
      closeLedger(db);
    }
  });

  it('after a crash mid-import, the next open rolls the import back, read-only opens included', () => {
    const { file, db } = ledger();
    addUnitRow(db, '市场部');
    closeLedger(db);
    // A separate process starts an import-sized transaction in rollback mode, spills pages into the
    // ledger file (a tiny page cache), and is killed before it commits: a hot journal is left behind.
    const script = `
      const Database = require(${JSON.stringify(createRequire(__filename).resolve('better-sqlite3'))});
      const db = new Database(${JSON.stringify(file)});
      db.pragma('main.journal_mode = DELETE');
      db.pragma('cache_size = 10');
      db.exec('BEGIN');
      const add = db.prepare("INSERT INTO units (id, name, kind, created_at, updated_at) VALUES (?, ?, '部门', 'x', 'x')");
      for (let i = 0; i < 3000; i++) add.run('crash-' + i, '导入中' + i + '-'.repeat(200));
      process.kill(process.pid, 'SIGKILL');`;
    const child = spawnSync(process.execPath, ['-e', script]);
    expect(child.status).not.toBe(0); // killed before its COMMIT
    expect(fs.statSync(`${file}-journal`).size).toBeGreaterThan(0);
    // The app's start-up check opens read-only first: it must see the ledger as it was, not fail.
    const readOnly = openLedger(file, { readonly: true }).db;
    expect(units(readOnly)).toEqual(['市场部']);
    readOnly.close();
    const reopened = openLedger(file).db;
    expect(units(reopened)).toEqual(['市场部']);
    expect(mode(reopened)).toBe('wal');
    closeLedger(reopened);
  });

  it('leaves an in-memory ledger and a call inside a transaction as they are', () => {
    const { db } = openLedger(':memory:', { skipCheck: true });
    expect(withRollbackJournal(db, () => mode(db))).toBe('memory');
    const { db: fileDb } = ledger();
    fileDb.transaction(() => expect(withRollbackJournal(fileDb, () => mode(fileDb))).toBe('wal'))();
    closeLedger(fileDb);
  });
});
