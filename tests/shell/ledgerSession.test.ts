import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { listBackups } from '../../electron/core/db/backup';
import { migrate } from '../../electron/core/db/migrate';
import { MIGRATIONS } from '../../electron/core/db/migrations';
import { settingsStore } from '../../electron/main/settings';
import { READ_ONLY_MESSAGE } from '../../electron/core/errors';
import { stillDamaged } from '../../electron/main/backups';
import { mountUnavailable, readOnlyView, unmountAll } from '../helpers/mounts';
import { holdInAnotherProcess, type Hold } from '../helpers/otherProcess';
import { damage, scriptedPrompts, tempDir, testSession } from './helpers';

afterAll(unmountAll);

const topics = (s: ReturnType<typeof testSession>['session']) => (s.core!.db.prepare('SELECT count(*) AS n FROM topics').get() as { n: number }).n;

describe('first start', () => {
  it('offers demo or empty, creates the default ledger in the data folder and remembers it', async () => {
    const t = testSession();
    const { prompts, asked } = scriptedPrompts({ firstRun: 'demo' });
    expect(await t.session.start(prompts)).toBe(true);
    expect(asked.map((a) => a.kind)).toEqual(['firstRun']);
    expect(t.session.file).toBe(path.join(t.dataDir, 'ledger.db'));
    expect(topics(t.session)).toBeGreaterThan(0);
    expect(settingsStore(t.dataDir).read().lastLedger).toBe(t.session.file);
    expect(t.session.info()).toMatchObject({ name: 'ledger.db', isDefault: true, warning: null });
    t.session.close();
  });

  it('an empty start has no data; the second start asks nothing', async () => {
    const t = testSession();
    await t.session.start(scriptedPrompts({ firstRun: 'empty' }).prompts);
    expect(topics(t.session)).toBe(0);
    t.session.close();
    const again = testSession(t.dataDir);
    const { prompts, asked } = scriptedPrompts();
    await again.session.start(prompts);
    expect(asked).toEqual([]);
    again.session.close();
  });
});

describe('switching ledgers', () => {
  it('opens another file, closes the previous one, and reopens the last one on the next start', async () => {
    const t = testSession();
    await t.session.start(scriptedPrompts().prompts);
    const first = t.session.core!;
    const other = path.join(tempDir('other-'), '2025年台账.db');
    await t.session.open(other, { create: true, demo: true });
    expect(first.db.open).toBe(false);
    expect(t.session.file).toBe(other);
    expect(settingsStore(t.dataDir).read().recentLedgers.slice(0, 2)).toEqual([other, path.join(t.dataDir, 'ledger.db')]);
    t.session.close();

    const next = testSession(t.dataDir);
    await next.session.start(scriptedPrompts().prompts);
    expect(next.session.file).toBe(other);
    expect(topics(next.session)).toBeGreaterThan(0);
    next.session.close();
  });

  it('refuses to create over an existing file and to open a missing one', async () => {
    const t = testSession();
    await t.session.start(scriptedPrompts().prompts);
    await expect(t.session.open(path.join(t.dataDir, 'ledger.db'), { create: true })).resolves.toBeDefined(); // the open one: no-op
    const other = path.join(t.dataDir, 'b.db');
    await t.session.open(other, { create: true });
    await expect(t.session.open(path.join(t.dataDir, 'ledger.db'), { create: true })).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(t.session.open(path.join(t.dataDir, 'nope.db'))).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(t.session.file).toBe(other);
    t.session.close();
  });

  it('falls back to the default ledger with a notice when the last one is gone', async () => {
    const t = testSession();
    await t.session.start(scriptedPrompts().prompts);
    const usb = path.join(tempDir('usb-'), 'u.db');
    await t.session.open(usb, { create: true });
    t.session.close();
    fs.rmSync(usb);
    const next = testSession(t.dataDir);
    const { prompts, asked } = scriptedPrompts();
    await next.session.start(prompts);
    expect(asked[0]).toMatchObject({ kind: 'notice' });
    expect(String(asked[0]!.detail)).toContain('找不到');
    expect(next.session.file).toBe(path.join(t.dataDir, 'ledger.db'));
    next.session.close();
  });

  it('warns when a ledger sits in a synced folder', async () => {
    const t = testSession();
    const file = path.join(tempDir('sync-'), 'OneDrive', 'ledger.db');
    await t.session.open(file, { create: true });
    expect(t.session.info().warning).toContain('同步');
    t.session.close();
  });
});

describe('integrity failure at start', () => {
  it('offers the newest good backup, sets the damaged file aside and restores', async () => {
    const t = testSession();
    await t.session.start(scriptedPrompts({ firstRun: 'demo' }).prompts);
    const file = t.session.file!;
    const before = topics(t.session);
    const dir = t.session.backupDir();
    expect(listBackups(dir).map((b) => b.reason)).toEqual(['daily']);
    t.session.close();
    damage(file);

    const next = testSession(t.dataDir);
    const { prompts, asked } = scriptedPrompts({ broken: ['restore'] });
    expect(await next.session.start(prompts)).toBe(true);
    const offer = asked.find((a) => a.kind === 'broken')!.detail as { message: string; backup?: { name: string } };
    expect(offer.message).toMatch(/损坏|不是有效/);
    expect(offer.backup?.name).toMatch(/-daily\.db$/);
    expect(topics(next.session)).toBe(before);
    expect(fs.readdirSync(path.dirname(file)).some((n) => n.startsWith('ledger.db.damaged-'))).toBe(true);
    next.session.close();
  });

  it('a file that is not a ledger: no backup to offer; the clerk can open another or quit', async () => {
    const t = testSession();
    fs.mkdirSync(t.dataDir, { recursive: true });
    fs.writeFileSync(path.join(t.dataDir, 'ledger.db'), 'this is not sqlite at all, just some text');
    const other = path.join(tempDir('o-'), 'new.db');
    const { prompts, asked } = scriptedPrompts({ broken: ['new'], pickNew: other });
    expect(await t.session.start(prompts)).toBe(true);
    expect((asked[0]!.detail as { backup?: unknown }).backup).toBeUndefined();
    expect(t.session.file).toBe(other);
    t.session.close();

    const q = testSession(t.dataDir);
    await q.session.open(path.join(t.dataDir, 'ledger.db')).catch((e: unknown) => expect(e).toMatchObject({ code: 'BAD_FILE' }));
    expect(q.session.core).toBeUndefined();
  });

  it('quit leaves without opening anything', async () => {
    const t = testSession();
    fs.mkdirSync(t.dataDir, { recursive: true });
    fs.writeFileSync(path.join(t.dataDir, 'ledger.db'), 'garbage garbage garbage garbage');
    expect(await t.session.start(scriptedPrompts({ broken: ['quit'] }).prompts)).toBe(false);
    expect(t.session.core).toBeUndefined();
  });
});

describe('a ledger another program is importing into, at start (issue 19)', () => {
  /** A ledger that was opened before (so it has a daily backup a restore could use), closed, now held by another process. */
  async function heldLedger(how: Hold) {
    const t = testSession();
    await t.session.start(scriptedPrompts({ firstRun: 'demo' }).prompts);
    const file = t.session.file!;
    expect(listBackups(t.session.backupDir())).toHaveLength(1);
    t.session.close();
    return { dataDir: t.dataDir, file, other: await holdInAnotherProcess(file, how) };
  }

  it('waits with a note (closed once open), then opens it: never the "damaged" question', async () => {
    const { dataDir, file, other } = await heldLedger('import-spilled');
    const next = testSession(dataDir);
    const { prompts, asked } = scriptedPrompts();
    const starting = next.session.start(prompts);
    await new Promise((r) => setTimeout(r, 700));
    expect(asked).toEqual([{ kind: 'waiting', detail: '台账正被其他程序使用（可能正在导入），正在等待它完成……', closed: false }]);
    await other.release();
    expect(await starting).toBe(true);
    expect(asked).toEqual([{ kind: 'waiting', detail: '台账正被其他程序使用（可能正在导入），正在等待它完成……', closed: true }]);
    expect(next.session.file).toBe(file);
    expect(topics(next.session)).toBeGreaterThan(0);
    expect(fs.readdirSync(path.dirname(file)).filter((n) => n.includes('damaged'))).toEqual([]);
    next.session.close();
  });

  it('past its bound: says busy, offers to retry and never a restore', async () => {
    const { dataDir, file, other } = await heldLedger('import');
    try {
      const next = testSession(dataDir, { busyWaitMs: 300 });
      const { prompts, asked } = scriptedPrompts({ broken: ['quit'] });
      expect(await next.session.start(prompts)).toBe(false);
      const question = asked.find((a) => a.kind === 'broken')!.detail;
      expect(question).toEqual({ file, busy: true, damaged: false, backup: undefined, message: expect.stringMatching(/^台账正被其他程序使用（可能正在导入），已等待 \d+ 秒仍未结束。/) });
      expect(fs.readdirSync(path.dirname(file)).filter((n) => n.includes('damaged'))).toEqual([]);
    } finally {
      await other.release();
    }
  });

  it('retry after the import finished opens the ledger', async () => {
    const { dataDir, file, other } = await heldLedger('import');
    const next = testSession(dataDir, { busyWaitMs: 200 });
    const { prompts, asked } = scriptedPrompts({ broken: ['retry'] });
    const original = prompts.broken;
    prompts.broken = async (p) => {
      await other.release();
      return original(p);
    };
    expect(await next.session.start(prompts)).toBe(true);
    expect(asked.filter((a) => a.kind === 'broken').map((a) => a.detail)).toEqual([expect.objectContaining({ busy: true, backup: undefined })]);
    expect(next.session.file).toBe(file);
    next.session.close();
  });

  it('the clerk may quit while waiting', async () => {
    const { dataDir, other } = await heldLedger('import');
    try {
      const next = testSession(dataDir);
      const { prompts, asked } = scriptedPrompts({ quitWhileWaiting: true });
      expect(await next.session.start(prompts)).toBe(false);
      expect(asked.map((a) => a.kind)).toEqual(['waiting']);
      expect(next.session.core).toBeUndefined();
    } finally {
      await other.release();
    }
  });

  it('before a restore sets the ledger aside it is looked at again: one being written is not damaged, a damaged one is', async () => {
    const { file, other } = await heldLedger('import');
    await other.release();
    expect(stillDamaged(file)).toBe(false);
    const held = await holdInAnotherProcess(file, 'import-spilled');
    try {
      expect(stillDamaged(file)).toBe(false);
    } finally {
      await held.release();
    }
    damage(file);
    expect(stillDamaged(file)).toBe(true);
  });
});

describe('leftovers of killed writes (issue 19)', () => {
  it('are removed at start from the data folder, the backup folders, the ledger folder and where files are saved', async () => {
    const t = testSession();
    await t.session.start(scriptedPrompts({ firstRun: 'empty' }).prompts);
    const backups = t.session.backupDir();
    t.session.close();
    const gone = Number(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout);
    const documents = tempDir('documents-');
    const leftovers = [
      path.join(t.dataDir, `.settings.json.partial-${gone}-0badf00d`),
      path.join(backups, `.ledger-20240615-090000-import.db.partial-${gone}-0badf00d`),
      path.join(documents, `.台账.xlsx.${gone}.1718412000000.tmp`),
    ];
    for (const f of leftovers) fs.writeFileSync(f, 'half');
    fs.writeFileSync(path.join(documents, '台账.xlsx'), 'the clerk’s own file');
    const next = testSession(t.dataDir, { outputDirs: [documents] });
    await next.session.start(scriptedPrompts().prompts);
    for (const f of leftovers) expect(fs.existsSync(f)).toBe(false);
    expect(fs.readdirSync(documents)).toEqual(['台账.xlsx']);
    next.session.close();
  });
});

describe.skipIf(mountUnavailable)(`a ledger in a read-only folder (issue 19)${mountUnavailable ? ` — skipped: ${mountUnavailable}` : ''}`, () => {
  it('opens read-only, says why, and is never called damaged', async () => {
    const t = testSession();
    const folder = tempDir('ro-src-');
    await t.session.open(path.join(folder, 'ledger.db'), { create: true, demo: true });
    t.session.close();
    const file = path.join(readOnlyView(folder), 'ledger.db');
    const next = testSession(t.dataDir);
    const { prompts, asked } = scriptedPrompts();
    expect(await next.session.start(prompts, { file })).toBe(true);
    expect(asked).toEqual([]);
    expect(next.session.info()).toMatchObject({ file, readOnly: READ_ONLY_MESSAGE });
    expect(topics(next.session)).toBeGreaterThan(0);
    await expect(next.session.core!.call('settings.set', { operator: '张三' })).rejects.toMatchObject({ code: 'BAD_STATE', message: READ_ONLY_MESSAGE });
    next.session.close();
  });
});

describe('upgrade', () => {
  it('backs up an existing ledger (online backup, before any change) when the schema is upgraded', async () => {
    const dir = tempDir('up-');
    const file = path.join(dir, 'old.db');
    const db = new Database(file);
    migrate(db, { migrations: MIGRATIONS.slice(0, 1) });
    db.close();
    const t = testSession();
    await t.session.open(file);
    const backups = listBackups(t.session.backupDir());
    expect(backups.map((b) => b.reason).sort()).toEqual(['daily', 'upgrade']);
    const copy = new Database(backups.find((b) => b.reason === 'upgrade')!.file, { readonly: true });
    expect((copy.prepare('SELECT id FROM schema_migrations').all() as { id: string }[]).map((r) => r.id)).toEqual([MIGRATIONS[0]!.id]);
    copy.close();
    t.session.close();
  });

  it('opens a ledger of the unlanded build with the stray migration 0005, backed up first, and restores the index it dropped', async () => {
    const file = path.join(tempDir('up-'), 'stray.db');
    fs.copyFileSync(path.resolve(__dirname, '../fixtures/ledgers/0005-stray-c1b6a17.db'), file);
    const t = testSession();
    await t.session.open(file);
    expect(topics(t.session)).toBe(6);
    expect(t.session.core!.db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'subtopics_open_deadline'").get()).toEqual({ n: 1 });
    const upgrade = listBackups(t.session.backupDir()).find((b) => b.reason === 'upgrade')!;
    const copy = new Database(upgrade.file, { readonly: true });
    expect((copy.prepare('SELECT id FROM schema_migrations ORDER BY id').all() as { id: string }[]).map((r) => r.id)).toContain('0005_drop_open_deadline_index');
    copy.close();
    t.session.close();
  });
});

describe('restore', () => {
  it('backs up the current state, replaces the ledger with the backup, reopens', async () => {
    const t = testSession();
    await t.session.start(scriptedPrompts({ firstRun: 'demo' }).prompts);
    const before = topics(t.session);
    const daily = t.session.backups()[0]!;
    t.session.core!.db.exec('DELETE FROM subtopics; DELETE FROM topics');
    expect(topics(t.session)).toBe(0);
    t.clock.now = new Date(t.clock.now.getTime() + 60_000);

    await t.session.restore(t.session.backupFile(daily.name));
    expect(topics(t.session)).toBe(before);
    const reasons = t.session.backups().map((b) => b.reason);
    expect(reasons).toContain('restore');
    // The pre-restore backup holds the state just before: no topics.
    const pre = new Database(t.session.backupFile(t.session.backups().find((b) => b.reason === 'restore')!.name), { readonly: true });
    expect((pre.prepare('SELECT count(*) AS n FROM topics').get() as { n: number }).n).toBe(0);
    pre.close();
    t.session.close();
  });

  it('refuses a damaged backup and leaves the ledger as it was', async () => {
    const t = testSession();
    await t.session.start(scriptedPrompts({ firstRun: 'demo' }).prompts);
    const bad = path.join(t.dataDir, 'bad.db');
    fs.writeFileSync(bad, 'nope');
    await expect(t.session.restore(bad)).rejects.toMatchObject({ code: 'BAD_FILE' });
    expect(t.session.core!.db.open).toBe(true);
    expect(() => t.session.backupFile('ledger-20990101-000000-daily.db')).toThrow(/找不到备份/);
    t.session.close();
  });

  it('saves a consistent copy where the clerk chose, never over the open file', async () => {
    const t = testSession();
    await t.session.start(scriptedPrompts({ firstRun: 'demo' }).prompts);
    const target = path.join(tempDir('usb-'), 'copy.db');
    await t.session.saveCopy(target);
    const copy = new Database(target, { readonly: true });
    expect((copy.prepare('SELECT count(*) AS n FROM topics').get() as { n: number }).n).toBe(topics(t.session));
    copy.close();
    await expect(t.session.saveCopy(t.session.file!)).rejects.toMatchObject({ code: 'VALIDATION' });
    t.session.close();
  });
});

describe('shutdown', () => {
  it('close checkpoints the WAL into the file', async () => {
    const t = testSession();
    await t.session.start(scriptedPrompts({ firstRun: 'demo' }).prompts);
    const file = t.session.file!;
    t.session.close();
    expect(fs.existsSync(`${file}-wal`) ? fs.statSync(`${file}-wal`).size : 0).toBe(0);
    const db = new Database(file, { readonly: true });
    expect((db.prepare('SELECT count(*) AS n FROM topics').get() as { n: number }).n).toBeGreaterThan(0);
    db.close();
  });
});

describe('backup before an import', () => {
  const csv = (dir: string) => {
    const file = path.join(dir, '台账.csv');
    fs.writeFileSync(file, '课题名称,小课题,责任人,完成时限\n提升特快业务收入,商户走访,王建华,2024-06-30\n');
    return file;
  };

  it('the core backs up into this ledger’s own backup folder, once, and nowhere beside the ledger', async () => {
    const t = testSession();
    await t.session.start(scriptedPrompts({ firstRun: 'empty' }).prompts);
    const r = await t.session.core!.call('import.commit', { file: csv(t.dataDir) });
    expect(path.dirname(r.backupFile!)).toBe(t.session.backupDir());
    expect(listBackups(t.session.backupDir()).filter((b) => b.reason === 'import')).toHaveLength(1);
    expect(fs.existsSync(path.join(path.dirname(t.session.file!), 'backups', path.basename(r.backupFile!)))).toBe(false);
    expect(topics(t.session)).toBe(1);
    t.session.close();
  });

  it('a backup that cannot be made stops the import, which writes nothing', async () => {
    const t = testSession();
    await t.session.start(scriptedPrompts({ firstRun: 'empty' }).prompts);
    fs.rmSync(t.session.backupDir(), { recursive: true, force: true });
    fs.writeFileSync(t.session.backupDir(), 'not a folder');
    const r = await t.session.core!.dispatch('import.commit', { file: csv(t.dataDir) });
    expect(r.ok).toBe(false);
    expect(topics(t.session)).toBe(0);
    t.session.close();
  });
});
