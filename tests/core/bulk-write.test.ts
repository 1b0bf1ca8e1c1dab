import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { BulkInsert } from '../../electron/core/db/bulkInsert';
import { withIndexesDeferred, worthDeferring } from '../../electron/core/db/deferredIndexes';

function ledgerLike(verbose?: (sql: unknown) => void) {
  const db = new Database(':memory:', verbose ? { verbose } : {});
  db.pragma('foreign_keys = ON');
  db.exec(`
    CREATE TABLE parent (id TEXT PRIMARY KEY, name TEXT NOT NULL);
    CREATE TABLE child (parent_id TEXT NOT NULL REFERENCES parent(id), n INTEGER NOT NULL, PRIMARY KEY (parent_id, n)) WITHOUT ROWID;
    CREATE INDEX child_n ON child(n);
    CREATE UNIQUE INDEX parent_name ON parent(name);`);
  return db;
}

/** A ledger-like database that records each INSERT it runs as 'table×rows'. */
function recordingLedger(statements: string[]) {
  return ledgerLike((sql) => {
    const m = /^INSERT INTO (\w+) .*VALUES (.*)$/s.exec(String(sql));
    if (m) statements.push(`${m[1]}×${m[2]!.split('), (').length}`);
  });
}

/** `count` parents (8 per statement), 3 children each (5 per statement, after their parents), in one transaction. */
function writeFamilies(db: Database.Database, count: number): void {
  const parents = new BulkInsert(db, 'parent', ['id', 'name'], { rowsPerStatement: 8 });
  const children = new BulkInsert(db, 'child', ['parent_id', 'n'], { rowsPerStatement: 5, dependsOn: parents });
  db.transaction(() => {
    for (let i = 0; i < count; i++) {
      parents.add(`p${i}`, `名称${i}`);
      // A child's foreign key is checked when its statement runs: its parent must be in first.
      for (let n = 0; n < 3; n++) children.add(`p${i}`, n);
    }
    children.flush();
  })();
}

describe('BulkInsert', () => {
  it('writes every row, full statements and the remainder, children after their parents', () => {
    const db = ledgerLike();
    writeFamilies(db, 21);
    expect(db.prepare('SELECT count(*) AS n FROM parent').get()).toEqual({ n: 21 });
    expect(db.prepare('SELECT count(*) AS n FROM child').get()).toEqual({ n: 63 });
    expect(db.prepare("SELECT name FROM parent WHERE id = 'p20'").get()).toEqual({ name: '名称20' });
  });

  it('writes a parent in full statements even when its child fills up first', () => {
    // Each parent row has 3 children, so the child's buffer fills before the parent's: the parent must
    // still go in 8 rows per statement, and the child right after each parent statement.
    const statements: string[] = [];
    const db = recordingLedger(statements);
    writeFamilies(db, 17);
    // 17 parents: 8 + 8 + 1. 51 children: after each parent statement, the full fives waiting (24 → 4×5;
    // 4 + 24 = 28 → 5×5); at the flush, 3 + 3 = 6 → 5 and the last 1.
    expect(statements).toEqual(['parent×8', ...Array(4).fill('child×5'), 'parent×8', ...Array(5).fill('child×5'), 'parent×1', 'child×5', 'child×1']);
    expect(db.prepare('SELECT count(*) AS n FROM child').get()).toEqual({ n: 51 });
  });

  it('writes early once the text waiting passes maxChars (a large import\'s audit lines)', () => {
    const statements: string[] = [];
    const db = recordingLedger(statements);
    const parents = new BulkInsert(db, 'parent', ['id', 'name'], { rowsPerStatement: 64, maxChars: 1000 });
    db.transaction(() => {
      for (let i = 0; i < 10; i++) parents.add(`p${i}`, `${i}`.padEnd(300, '文')); // 302 characters a row
      parents.flush();
    })();
    // 4 rows pass 1,000 characters: written then, not when 64 have waited.
    expect(statements).toEqual(['parent×4', 'parent×4', 'parent×2']);
    expect(db.prepare('SELECT count(*) AS n FROM parent').get()).toEqual({ n: 10 });
  });

  it('refuses a row of the wrong width, and a bad row fails its whole transaction', () => {
    const db = ledgerLike();
    const parents = new BulkInsert(db, 'parent', ['id', 'name'], { rowsPerStatement: 4 });
    expect(() => parents.add('only-id')).toThrow(/1 values for 2 columns/);
    expect(() =>
      db.transaction(() => {
        for (let i = 0; i < 6; i++) parents.add(`p${i}`, i === 5 ? '名称0' : `名称${i}`); // the sixth repeats a unique name
        parents.flush();
      })(),
    ).toThrow(/UNIQUE/);
    expect(db.prepare('SELECT count(*) AS n FROM parent').get()).toEqual({ n: 0 });
  });
});

describe('withIndexesDeferred', () => {
  const indexes = (db: Database.Database) => (db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name").all() as { name: string }[]).map((r) => r.name);

  it('drops the plain indexes for the work, keeps the unique ones, and builds them again', () => {
    const db = ledgerLike();
    const seen: string[][] = [];
    db.transaction(() => withIndexesDeferred(db, ['child', 'parent'], () => seen.push(indexes(db))))();
    expect(seen).toEqual([['parent_name']]);
    expect(indexes(db)).toEqual(['child_n', 'parent_name']);
  });

  it('puts them back when the work fails, with everything else rolled back', () => {
    const db = ledgerLike();
    expect(() =>
      db.transaction(() =>
        withIndexesDeferred(db, ['child'], () => {
          db.prepare("INSERT INTO parent VALUES ('p', 'x')").run();
          throw new Error('导入失败');
        }),
      )(),
    ).toThrow('导入失败');
    expect(indexes(db)).toEqual(['child_n', 'parent_name']);
    expect(db.prepare('SELECT count(*) AS n FROM parent').get()).toEqual({ n: 0 });
  });

  it('is worth it for many rows relative to the table, not for a few', () => {
    const db = ledgerLike();
    const insert = db.prepare('INSERT INTO parent VALUES (?, ?)');
    db.transaction(() => {
      for (let i = 0; i < 10_000; i++) insert.run(`p${i}`, `n${i}`);
    })();
    expect(worthDeferring(db, 'parent', 100)).toBe(false);
    expect(worthDeferring(db, 'parent', 4_000)).toBe(false);
    expect(worthDeferring(db, 'parent', 5_000)).toBe(true);
  });
});
