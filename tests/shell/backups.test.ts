import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BACKUPS_TO_KEEP, backupLedger, listBackups } from '../../electron/core/db/backup';
import { openLedger } from '../../electron/core/db/open';
import { backupDirFor, checkLedgerFile, copyLedgerOver, dailyBackup, newestGoodBackup } from '../../electron/main/backups';
import { TEST_TODAY, damage, tempDir } from './helpers';

function ledgerFile(dir: string, name = 'ledger.db') {
  const file = path.join(dir, name);
  const { db } = openLedger(file);
  return { file, db };
}
const day = (n: number, hour = 9) => new Date(TEST_TODAY.getTime() + n * 86_400_000 + (hour - 9) * 3_600_000);

describe('backup folders', () => {
  it('one folder per ledger file, under the data folder', () => {
    const a = backupDirFor('/data', '/x/2024.db', 'linux');
    const b = backupDirFor('/data', '/y/2024.db', 'linux');
    expect(a).not.toBe(b);
    expect(a.startsWith('/data/backups/2024-')).toBe(true);
    expect(backupDirFor('C:\\Users\\u\\AppData\\Local\\领题破题台账', 'D:\\台账\\2025年.db', 'win32')).toMatch(/^C:\\Users\\u\\AppData\\Local\\领题破题台账\\backups\\2025年-[0-9a-f]{8}$/);
    // Windows paths are case-insensitive: the same file, the same folder.
    expect(backupDirFor('C:\\d', 'D:\\A\\L.db', 'win32')).toBe(backupDirFor('C:\\d', 'd:\\a\\l.db', 'win32'));
  });
});

describe('backup names', () => {
  it("carry the ledger file's name, so backups of two ledgers gathered in one folder are told apart and both listed", async () => {
    const dir = tempDir();
    const y2025 = ledgerFile(dir, '2025年台账.db');
    const y2026 = ledgerFile(dir, '2026 年台账.db');
    const together = path.join(dir, 'u盘');
    await backupLedger(y2025.db, together, 'manual', { now: day(0, 9) });
    await backupLedger(y2026.db, together, 'import', { now: day(0, 10) });
    const listed = listBackups(together);
    expect(listed).toHaveLength(2);
    expect(listed[0]!.name).toMatch(/^2026_年台账-20240615-\d{6}-import\.db$/);
    expect(listed[1]!.name).toMatch(/^2025年台账-20240615-\d{6}-manual\.db$/);
    expect(listed.map((b) => b.reason)).toEqual(['import', 'manual']);
    y2025.db.close();
    y2026.db.close();
  });
});

describe('daily backup', () => {
  it('is made once a day, on the first start of the day', async () => {
    const dir = tempDir();
    const { db } = ledgerFile(dir);
    const backups = path.join(dir, 'b');
    expect(await dailyBackup(db, backups, day(0, 9))).not.toBeNull();
    expect(await dailyBackup(db, backups, day(0, 17))).toBeNull();
    // Other backups that day (before an import) do not count as the day's one.
    await backupLedger(db, backups, 'import', { now: day(1, 8) });
    expect(await dailyBackup(db, backups, day(1, 9))).not.toBeNull();
    expect(listBackups(backups).map((b) => b.reason)).toEqual(['daily', 'import', 'daily']);
    db.close();
  });
});

describe('rotation', () => {
  it(`keeps the newest ${BACKUPS_TO_KEEP}`, async () => {
    const dir = tempDir();
    const { db } = ledgerFile(dir);
    const backups = path.join(dir, 'b');
    for (let i = 0; i < BACKUPS_TO_KEEP + 5; i++) await dailyBackup(db, backups, day(i));
    const left = listBackups(backups);
    expect(left).toHaveLength(BACKUPS_TO_KEEP);
    expect(left[0]!.name).toContain('20240719'); // day 34
    expect(left.at(-1)!.name).toContain('20240620'); // day 5: days 0-4 were removed
    db.close();
  });
});

describe('checking and copying ledgers', () => {
  it('tells a good ledger from garbage, a damaged file and a foreign SQLite file', () => {
    const dir = tempDir();
    const { file, db } = ledgerFile(dir);
    db.exec("INSERT INTO settings (key, value) VALUES ('x', '" + 'y'.repeat(20000) + "')");
    db.close();
    expect(checkLedgerFile(file)).toEqual({ ok: true, message: '' });
    fs.writeFileSync(path.join(dir, 'junk.db'), 'junk');
    expect(checkLedgerFile(path.join(dir, 'junk.db')).ok).toBe(false);
    expect(checkLedgerFile(path.join(dir, 'missing.db')).message).toBe('文件不存在。');
    const { db: foreign } = openLedger(path.join(dir, 'f.db'), { skipCheck: true });
    foreign.exec('DROP TABLE schema_migrations');
    foreign.close();
    expect(checkLedgerFile(path.join(dir, 'f.db')).message).toContain('不是台账');
    fs.copyFileSync(file, path.join(dir, 'broken.db'));
    damage(path.join(dir, 'broken.db'));
    expect(checkLedgerFile(path.join(dir, 'broken.db')).ok).toBe(false);
  });

  it('newestGoodBackup skips a damaged newest backup', async () => {
    const dir = tempDir();
    const { db } = ledgerFile(dir);
    const backups = path.join(dir, 'b');
    await backupLedger(db, backups, 'daily', { now: day(0) });
    const newest = await backupLedger(db, backups, 'daily', { now: day(1) });
    db.close();
    fs.writeFileSync(newest.file, 'broken');
    expect(newestGoodBackup(backups)?.name).toContain('20240615');
  });

  it('copyLedgerOver replaces a closed ledger through the backup API and removes its stale WAL', async () => {
    const dir = tempDir();
    const a = ledgerFile(dir, 'a.db');
    a.db.exec("INSERT INTO settings (key, value) VALUES ('mark', '\"A\"')");
    a.db.close();
    const b = ledgerFile(dir, 'b.db');
    b.db.close();
    fs.writeFileSync(path.join(dir, 'b.db-wal'), '');
    await copyLedgerOver(path.join(dir, 'a.db'), path.join(dir, 'b.db'));
    const { db } = openLedger(path.join(dir, 'b.db'));
    expect(db.prepare("SELECT value FROM settings WHERE key = 'mark'").get()).toEqual({ value: '"A"' });
    db.close();
    expect(fs.existsSync(path.join(dir, 'b.db.restoring'))).toBe(false);
  });
});
