import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { appliedMigrations, migrate } from '../../electron/core/db/migrate';
import { MIGRATIONS, STRAY_MIGRATIONS } from '../../electron/core/db/migrations';
import { openLedger } from '../../electron/core/db/open';
import { LedgerError } from '../../electron/core/errors';
import { tempDir } from '../helpers/core';

const indexNames = (db: Database.Database) =>
  (db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND name NOT LIKE 'sqlite_%'").all() as { name: string }[]).map((r) => r.name);

describe('migrations', () => {
  it('builds the newest schema from an empty file, recording every id', () => {
    const file = path.join(tempDir(), 'new.db');
    const { db, migration } = openLedger(file);
    expect(migration.applied).toEqual(MIGRATIONS.map((m) => m.id));
    expect(migration.upgraded).toBe(false);
    expect(appliedMigrations(db)).toEqual(MIGRATIONS.map((m) => m.id));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    db.close();
    // Opening again applies nothing.
    const again = openLedger(file);
    expect(again.migration.applied).toEqual([]);
    again.db.close();
  });

  it('every id is unique and the list is in order', () => {
    const ids = MIGRATIONS.map((m) => m.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
  });

  it('never gives a real migration the number of a stray one, and each stray names the migration that repairs it', () => {
    const number = (id: string) => id.slice(0, id.indexOf('_'));
    const real = new Set(MIGRATIONS.map((m) => number(m.id)));
    for (const stray of STRAY_MIGRATIONS) {
      expect(real).not.toContain(number(stray.id));
      expect(MIGRATIONS.map((m) => m.id)).toContain(stray.repairedBy);
    }
  });

  it('recognises the stray 0005, keeps it recorded and restores the index it dropped', () => {
    const db = new Database(':memory:');
    migrate(db, { migrations: MIGRATIONS.filter((m) => m.id < '0005') });
    // What the unlanded build c1b6a17 did.
    db.exec('DROP INDEX subtopics_open_deadline');
    db.prepare("INSERT INTO schema_migrations (id, applied_at) VALUES ('0005_drop_open_deadline_index', '2026-11-25T16:40:09Z')").run();
    let backedUp = 0;
    expect(migrate(db, { beforeUpgrade: () => backedUp++ }).applied).toEqual(MIGRATIONS.filter((m) => m.id > '0005').map((m) => m.id));
    expect(backedUp).toBe(1);
    expect(indexNames(db)).toContain('subtopics_open_deadline');
    expect(appliedMigrations(db)).toContain('0005_drop_open_deadline_index');
  });

  // From every earlier version: stop after migration k, write data the way that version could, then upgrade.
  for (let k = 1; k < MIGRATIONS.length; k++) {
    it(`upgrades a ledger at ${MIGRATIONS[k - 1]!.id} to the newest, keeping its data and backing up first`, () => {
      const db = new Database(':memory:');
      db.pragma('foreign_keys = ON');
      migrate(db, { migrations: MIGRATIONS.slice(0, k) });
      const now = new Date().toISOString();
      db.prepare("INSERT INTO units (id, name, kind, created_at, updated_at) VALUES ('01900000-0000-7000-8000-000000000001', '寄递党支部', '党支部', ?, ?)").run(now, now);
      db.prepare("INSERT INTO campaigns (id, name, year, created_at, updated_at) VALUES ('01900000-0000-7000-8000-000000000002', '2023年度活动', 2023, ?, ?)").run(now, now);
      db.prepare(
        "INSERT INTO topics (id, campaign_id, title, branch_id, created_at, updated_at) VALUES ('01900000-0000-7000-8000-000000000003', '01900000-0000-7000-8000-000000000002', '提升收入', '01900000-0000-7000-8000-000000000001', ?, ?)",
      ).run(now, now);
      let backedUp = 0;
      const result = migrate(db, { beforeUpgrade: () => backedUp++ });
      expect(result.applied).toEqual(MIGRATIONS.slice(k).map((m) => m.id));
      expect(result.upgraded).toBe(true);
      expect(backedUp).toBe(1);
      expect(db.prepare('SELECT title FROM topics').get()).toEqual({ title: '提升收入' });
      expect(indexNames(db)).toEqual(expect.arrayContaining(['topics_campaign_status', 'subtopics_topic_status_deadline']));
    });
  }

  it('0004 keeps every 责任人 link, in order, keyed by the sub-topic and person they join', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    const upTo = MIGRATIONS.findIndex((m) => m.id === '0004_owner_links');
    migrate(db, { migrations: MIGRATIONS.slice(0, upTo) });
    const now = new Date().toISOString();
    const id = (n: number) => `01900000-0000-7000-8000-00000000000${n}`;
    db.prepare("INSERT INTO campaigns (id, name, year, created_at, updated_at) VALUES (?, '2023年度活动', 2023, ?, ?)").run(id(1), now, now);
    db.prepare("INSERT INTO topics (id, campaign_id, title, created_at, updated_at) VALUES (?, ?, '提升收入', ?, ?)").run(id(2), id(1), now, now);
    db.prepare("INSERT INTO subtopics (id, topic_id, title, created_at, updated_at) VALUES (?, ?, '拓展客户', ?, ?)").run(id(3), id(2), now, now);
    db.prepare("INSERT INTO people (id, name, created_at, updated_at) VALUES (?, '方芳', ?, ?), (?, '方芳波', ?, ?)").run(id(4), now, now, id(5), now, now);
    db.prepare('INSERT INTO subtopic_owners (id, subtopic_id, person_id, seq) VALUES (?, ?, ?, 0), (?, ?, ?, 1)').run(id(6), id(3), id(5), id(7), id(3), id(4));
    migrate(db);
    expect(db.prepare('SELECT subtopic_id AS s, person_id AS p, seq FROM subtopic_owners ORDER BY seq').all()).toEqual([
      { s: id(3), p: id(5), seq: 0 },
      { s: id(3), p: id(4), seq: 1 },
    ]);
    expect((db.pragma('table_info(subtopic_owners)') as { name: string }[]).map((c) => c.name)).toEqual(['subtopic_id', 'person_id', 'seq']);
    expect(() => db.prepare('INSERT INTO subtopic_owners (subtopic_id, person_id, seq) VALUES (?, ?, 2)').run(id(3), id(4))).toThrow(/UNIQUE/);
    // Still tied to both ends: a person with links cannot go, a deleted sub-topic takes its links along.
    expect(() => db.prepare('DELETE FROM people WHERE id = ?').run(id(4))).toThrow(/FOREIGN KEY/);
    db.prepare('DELETE FROM subtopics WHERE id = ?').run(id(3));
    expect(db.prepare('SELECT count(*) AS n FROM subtopic_owners').get()).toEqual({ n: 0 });
    expect(indexNames(db)).toContain('subtopic_owners_person');
  });

  it('refuses a ledger written by a newer program', () => {
    const db = new Database(':memory:');
    migrate(db);
    db.prepare("INSERT INTO schema_migrations (id, applied_at) VALUES ('9999_future', 'x')").run();
    expect(() => migrate(db)).toThrow(/更新版本的程序/);
  });

  it('rolls a failing migration back whole and records nothing', () => {
    const db = new Database(':memory:');
    migrate(db, { migrations: MIGRATIONS.slice(0, 1) });
    const broken = [...MIGRATIONS, { id: '9000_broken', sql: 'CREATE TABLE half_done (x); INSERT INTO no_such_table VALUES (1);' }];
    expect(() => migrate(db, { migrations: broken })).toThrow();
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'half_done'").get()).toEqual({ n: 0 });
    expect(appliedMigrations(db)).not.toContain('9000_broken');
  });

  it('refuses a file that is not a ledger, in Chinese, without touching it', () => {
    const file = path.join(tempDir(), '台账.db');
    fs.writeFileSync(file, '这不是数据库文件，只是一段文字。'.repeat(100));
    const before = fs.readFileSync(file);
    expect(() => openLedger(file)).toThrow(LedgerError);
    expect(() => openLedger(file)).toThrow(/不是台账数据库文件/);
    expect(fs.readFileSync(file).equals(before)).toBe(true);
  });

  it('refuses a damaged ledger with a pointer to the backups', () => {
    const file = path.join(tempDir(), 'damaged.db');
    const { db } = openLedger(file);
    db.exec("CREATE TABLE filler (x TEXT); WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000) INSERT INTO filler SELECT hex(randomblob(200)) FROM n;");
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    // Overwrite a stretch of pages in the middle of the file.
    const fd = fs.openSync(file, 'r+');
    fs.writeSync(fd, Buffer.alloc(4096 * 20, 0x5a), 0, 4096 * 20, 4096 * 8);
    fs.closeSync(fd);
    expect(() => openLedger(file)).toThrow(/损坏|不是有效的台账/);
  });
});
