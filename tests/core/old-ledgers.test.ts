import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openCore } from '../../electron/core';
import { listBackups } from '../../electron/core/db/backup';
import { MIGRATIONS } from '../../electron/core/db/migrations';
import { openLedger } from '../../electron/core/db/open';
import { runCli } from '../helpers/cli';
import { tempDir } from '../helpers/core';

/*
 * Ledger files written by earlier builds of the program, one per schema
 * version (tests/fixtures/ledgers/README.md says which commit and command made
 * each). Today's CLI opens each one: it must back it up, upgrade it to exactly
 * the schema of a new ledger, and keep every record.
 */

const FIXTURES = path.resolve(__dirname, '../fixtures/ledgers');
const DEMO = '4项课题细化分解为9项小课题，明确责任人11人，其中党员7人、业务骨干4人';
const DEMO_AND_IMPORT = '6项课题细化分解为12项小课题，明确责任人14人，其中党员7人、业务骨干4人';

/** Each file with the sentence its own build's `stats` printed for it. */
const OLD_LEDGERS = [
  { file: '0002-first-shipped-0315435.db', summary: DEMO },
  { file: '0002-edited-19f45a6.db', summary: DEMO },
  { file: '0003-66ae6d9.db', summary: DEMO_AND_IMPORT },
  { file: '0003-upgraded-from-0315435.db', summary: DEMO_AND_IMPORT },
  { file: '0004-debaf66.db', summary: DEMO_AND_IMPORT },
  { file: '0004-upgraded-from-19f45a6.db', summary: DEMO_AND_IMPORT },
  { file: '0005-stray-c1b6a17.db', summary: DEMO_AND_IMPORT },
  { file: '0006-2c4eeaf.db', summary: DEMO_AND_IMPORT },
  { file: '0007-2fb4891.db', summary: DEMO_AND_IMPORT },
];

type Row = Record<string, unknown>;

/** Every table, index and trigger with its SQL, whitespace aside. */
function schemaOf(db: Database.Database): Row[] {
  return (db.prepare("SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name").all() as Row[]).map((r) => ({
    ...r,
    sql: typeof r.sql === 'string' ? r.sql.replace(/\s+/g, ' ').replace(/\( /g, '(').replace(/ \)/g, ')') : r.sql,
  }));
}

const columnsOf = (db: Database.Database, table: string) => (db.pragma(`table_info(${table})`) as { name: string }[]).map((c) => c.name);

/** Every record of every table on the columns given per table (by default all), in one order whatever the file's. */
function recordsOf(db: Database.Database, columns: (table: string) => string[] = (t) => columnsOf(db, t)): Record<string, Row[]> {
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'schema_migrations' ORDER BY name").all() as { name: string }[];
  return Object.fromEntries(
    // A table the old build did not have (0008's exchange tables) has no column to compare.
    tables.filter(({ name }) => columns(name).length > 0).map(({ name }) => {
      const rows = db.prepare(`SELECT ${columns(name).map((c) => `"${c}"`).join(', ')} FROM "${name}"`).all() as Row[];
      const key = (r: Row) => JSON.stringify(Object.values(r));
      return [name, rows.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0))];
    }),
  );
}

const migrationIds = (db: Database.Database) => (db.prepare('SELECT id FROM schema_migrations ORDER BY id').all() as { id: string }[]).map((r) => r.id);

/** A fixture copied into a folder of its own, twice: the ledger to open, and the old build's file to compare with. */
const work = tempDir('old-ledgers-');

function copyOf(fixture: string) {
  const dir = fs.mkdtempSync(path.join(work, 'ledger-'));
  const file = path.join(dir, '台账.db');
  const original = path.join(fs.mkdtempSync(path.join(work, 'original-')), fixture);
  fs.copyFileSync(path.join(FIXTURES, fixture), file);
  fs.copyFileSync(path.join(FIXTURES, fixture), original);
  return { dir, file, original: () => new Database(original, { readonly: true }) };
}

function freshSchema(): Row[] {
  const { db } = openLedger(path.join(work, 'new.db'));
  try {
    return schemaOf(db);
  } finally {
    db.close();
  }
}

describe('ledgers made by earlier builds', () => {
  const fresh = freshSchema();

  it('there is a fixture for every schema version up to the newest one before today', () => {
    const made = new Set(OLD_LEDGERS.map((l) => l.file.slice(0, 4)));
    for (const m of MIGRATIONS.slice(1, 4)) expect(made).toContain(m.id.slice(0, 4));
    expect(fs.readdirSync(FIXTURES).filter((f) => f.endsWith('.db')).sort()).toEqual(OLD_LEDGERS.map((l) => l.file).sort());
  });

  for (const { file: fixture, summary } of OLD_LEDGERS) {
    it(`${fixture}: the CLI backs it up, then upgrades it to a new ledger's schema with every record kept`, async () => {
      const before = copyOf(fixture);
      const original = before.original();
      try {
        const ids = migrationIds(original);
        expect(ids.length).toBeGreaterThan(0);

        const stats = await runCli('stats', '--db', before.file, '--json');
        expect(stats.err).toMatch(/^台账已升级到本程序的版本，升级前的备份：/);
        expect(stats.code).toBe(0);
        expect(JSON.parse(stats.out).summary).toBe(summary);

        const db = new Database(before.file, { readonly: true });
        try {
          expect(schemaOf(db)).toEqual(fresh);
          // Recorded history stays, the stray id included; what was missing is added.
          expect(migrationIds(db)).toEqual([...new Set([...ids, ...MIGRATIONS.map((m) => m.id)])].sort());
          // Every record, on every column the old build had that the schema still has
          // (0004 dropped the 责任人 links' own id and batch columns).
          const kept = (t: string) => columnsOf(original, t).filter((c) => columnsOf(db, t).includes(c));
          expect(recordsOf(db, kept)).toEqual(recordsOf(original, kept));
        } finally {
          db.close();
        }

        // The backup holds the ledger exactly as the old build left it.
        const backups = listBackups(path.join(before.dir, 'backups'));
        expect(backups.map((b) => b.reason)).toEqual(['upgrade']);
        const copy = new Database(backups[0]!.file, { readonly: true });
        try {
          expect(migrationIds(copy)).toEqual(ids);
          expect(recordsOf(copy)).toEqual(recordsOf(original));
        } finally {
          copy.close();
        }
      } finally {
        original.close();
      }

      // The counters 0003 added, the links 0004 rebuilt: the app's own consistency check passes.
      expect(await runCli('check', '--db', before.file)).toMatchObject({ code: 0, out: '检查通过：数据库完整，数据一致。\n', err: '' });
      expect(listBackups(path.join(before.dir, 'backups'))).toHaveLength(1);
    });
  }

  it('a host that opens an old ledger without backing it up is refused, and the file is left as it was', () => {
    const before = copyOf('0004-debaf66.db');
    const bytes = fs.readFileSync(before.file);
    expect(() => openCore(before.file)).toThrow(/升级前没有先备份/);
    expect(fs.readFileSync(before.file).equals(bytes)).toBe(true);
    expect(fs.existsSync(path.join(before.dir, 'backups'))).toBe(false);
  });
});
