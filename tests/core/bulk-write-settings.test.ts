import { describe, expect, it } from 'vitest';
import { withBulkWriteSettings } from '../../electron/core/db/bulkWriteSettings';
import { closeLedger } from '../../electron/core/db/open';
import type { Db } from '../../electron/core/db/open';
import { addUnitRow, connectionSettings as settings, ledgerFile, tempDir } from '../helpers/core';

const dir = tempDir('bulk-write-settings-');
const units = (db: Db) => (db.prepare('SELECT name FROM units ORDER BY name').all() as { name: string }[]).map((u) => u.name);

describe('withBulkWriteSettings (an import commit: small page cache, statement journals in memory)', () => {
  it('sets both for the work and puts back what the connection had', () => {
    const { db } = ledgerFile(dir);
    const before = settings(db);
    expect(before.tempStore).not.toBe(2);
    const during = withBulkWriteSettings(db, () => settings(db));
    expect(during).toEqual({ cacheSize: -4096, tempStore: 2 });
    expect(settings(db)).toEqual(before);
    closeLedger(db);
  });

  it('puts them back when the work fails, and lets the error through', () => {
    const { db } = ledgerFile(dir);
    const before = settings(db);
    expect(() =>
      withBulkWriteSettings(db, () => {
        throw new Error('写入失败');
      }),
    ).toThrow('写入失败');
    expect(settings(db)).toEqual(before);
    closeLedger(db);
  });

  it('inside a transaction (where SQLite refuses to switch temporary storage) keeps the temporary storage and still runs', () => {
    const { db } = ledgerFile(dir);
    const before = settings(db);
    const during = db.transaction(() => withBulkWriteSettings(db, () => settings(db)))();
    expect(during).toEqual({ cacheSize: -4096, tempStore: before.tempStore });
    expect(settings(db)).toEqual(before);
    closeLedger(db);
  });

  it('a many-row statement that fails is undone alone from the in-memory statement journal; the transaction keeps the rest', () => {
    const { db } = ledgerFile(dir);
    // Enough rows first that the failing statement changes pages which existed before it (those are what the journal keeps).
    const many = Array.from({ length: 2000 }, (_, i) => `部门${String(i).padStart(4, '0')}`);
    const insert = (names: string[]) =>
      db.prepare(`INSERT INTO units (id, name, kind, created_at, updated_at) VALUES ${names.map(() => "(?, ?, '部门', '2024-06-15', '2024-06-15')").join(', ')}`).run(names.flatMap((n) => [`u-${n}`, n]));
    withBulkWriteSettings(db, () =>
      db.transaction(() => {
        for (let i = 0; i < many.length; i += 100) insert(many.slice(i, i + 100));
        // 99 new names then one already there: the statement fails on its last row.
        const clash = [...Array.from({ length: 99 }, (_, i) => `新部门${i}`), many[1000]!];
        expect(() => insert(clash)).toThrow(/UNIQUE/);
        addUnitRow(db, '最后');
      })(),
    );
    const names = units(db);
    expect(names).toHaveLength(2001);
    expect(names.some((n) => n.startsWith('新部门'))).toBe(false);
    expect(names).toContain('最后');
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    closeLedger(db);
  });
});
