import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openCore } from '../../electron/core';
import { listBackups } from '../../electron/core/db/backup';
import { READ_ONLY_MESSAGE } from '../../electron/core/errors';
import { runCli } from '../helpers/cli';
import { tempDir } from '../helpers/core';
import { fillDisk, mountUnavailable, readOnlyView, smallDisk, unmountAll } from '../helpers/mounts';
import { legacyWorkbook } from '../import/fixtures';

/*
 * Issue 19: a full disk, a file size limit and a read-only folder each get a
 * Chinese sentence that says what happened and what to do, never SQLite's
 * "disk I/O error" or "unable to open database file"; a ledger that cannot be
 * written opens read-only for viewing and printing; no half-written file stays.
 */

const ROOT = path.resolve(__dirname, '../..');
const dir = tempDir('unwritable-');
afterAll(unmountAll);
const DISK_FULL_VIEW = '磁盘空间已满，台账暂时只能查看和打印，不能修改。请清理磁盘（删除不用的文件、清空回收站）后重新打开台账。';
const SQLITE_WORDS = /disk I\/O error|unable to open database file|database is locked|readonly database/;
const batches = (file: string) => {
  const core = openCore(file);
  try {
    return (core.db.prepare('SELECT count(*) AS n FROM import_batches').get() as { n: number }).n;
  } finally {
    core.close();
  }
};

/** The demo ledger in `folder`, closed (its WAL folded back). */
async function demoLedger(folder: string): Promise<string> {
  const file = path.join(folder, 'ledger.db');
  expect((await runCli('demo', '--db', file)).code).toBe(0);
  return file;
}

describe('a file size limit (ulimit -f)', () => {
  it('stops the backup before an import with a Chinese sentence; no backup listed or left over, the ledger unchanged', async () => {
    const folder = fs.mkdtempSync(path.join(dir, 'ulimit-'));
    const file = await demoLedger(folder);
    const workbook = await legacyWorkbook(path.join(dir, 'ulimit.xlsx'));
    // The demo ledger is about 300 KB; a 200 KB limit lets it be read but not copied.
    const r = spawnSync('bash', ['-c', 'ulimit -f 200; exec "$@"', 'bash', process.execPath, '--import', 'tsx', 'electron/core/cli/main.ts', 'import', workbook, '--db', file], { cwd: ROOT, encoding: 'utf8' });
    expect(r.stdout).toMatch(/^导入前备份没有完成，台账没有改动：写入文件「ledger-\d{8}-\d{6}-import\.db」时出错（磁盘 I\/O 错误），文件没有保存。可能是磁盘已满、文件超过了系统允许的大小/m);
    expect(r.stdout + r.stderr).not.toMatch(SQLITE_WORDS);
    expect(r.status).toBe(1);
    const backups = path.join(folder, 'backups');
    expect(listBackups(backups)).toEqual([]);
    expect(fs.readdirSync(backups)).toEqual([]);
    expect(batches(file)).toBe(0);
  });
});

describe.skipIf(mountUnavailable)(`on a full disk${mountUnavailable ? ` — skipped: ${mountUnavailable}` : ''}`, () => {
  it('stats, topics and check still work (read-only, with a note); an import is refused with what to do', async () => {
    const disk = smallDisk(2048);
    const file = await demoLedger(disk);
    fillDisk(disk);
    for (const command of ['stats', 'topics', 'check']) {
      const r = await runCli(command, '--db', file);
      expect(r).toMatchObject({ code: 0, err: `注意：${DISK_FULL_VIEW}\n` });
    }
    const imported = await runCli('import', await legacyWorkbook(path.join(dir, 'full.xlsx')), '--db', file);
    expect(imported.code).toBe(2);
    expect(imported.out).toContain(DISK_FULL_VIEW);
    expect(imported.out + imported.err).not.toMatch(SQLITE_WORDS);
  });

  it('an export to the full disk says so, and leaves neither the file nor a temporary one', async () => {
    const disk = smallDisk(2048);
    const file = await demoLedger(disk);
    fillDisk(disk);
    const r = await runCli('export', path.join(disk, '台账.xlsx'), '--db', file);
    expect(r.code).toBe(1);
    expect(r.err).toBe(`注意：${DISK_FULL_VIEW}\n磁盘空间已满，文件「台账.xlsx」没有保存。请清理磁盘（删除不用的文件、清空回收站）后重试，或保存到其他磁盘（如U盘）。\n`);
    expect(fs.readdirSync(disk).filter((n) => n.includes('台账.xlsx'))).toEqual([]);
  });

  it('--failed-rows on a nearly full disk leaves no corrupt workbook (one was written in place before, cut off where the disk ran out)', async () => {
    const disk = smallDisk(1024);
    const workbook = await legacyWorkbook(path.join(dir, 'errors.xlsx'), { extraRows: [[null, null, null, null, null, '只写了措施', '方芳', '2023/12/31', null, null]] });
    const core = openCore(':memory:', { skipCheck: true });
    try {
      fillDisk(disk, 4096);
      const r = await core.dispatch('import.failedRows', { file: workbook, output: path.join(disk, '失败行.xlsx') });
      expect(r).toEqual({ ok: false, error: { code: 'INTERNAL', message: '磁盘空间已满，文件「失败行.xlsx」没有保存。请清理磁盘（删除不用的文件、清空回收站）后重试，或保存到其他磁盘（如U盘）。' } });
      expect(fs.readdirSync(disk)).toEqual(['filler']);
    } finally {
      core.close();
    }
  });
});

describe.skipIf(mountUnavailable)(`in a read-only folder${mountUnavailable ? ` — skipped: ${mountUnavailable}` : ''}`, () => {
  it('the ledger opens read-only: the CLI shows and prints it, and refuses to change it, in Chinese', async () => {
    const folder = fs.mkdtempSync(path.join(dir, 'ro-'));
    await demoLedger(folder);
    const file = path.join(readOnlyView(folder), 'ledger.db');
    const note = `注意：${READ_ONLY_MESSAGE}\n`;
    const stats = await runCli('stats', '--db', file);
    expect(stats).toMatchObject({ code: 0, err: note });
    expect(stats.out).toMatch(/^4项课题细化分解为9项小课题/);
    expect(await runCli('topics', '--db', file)).toMatchObject({ code: 0, err: note });
    const pdf = path.join(dir, '汇总.pdf');
    expect(await runCli('report', 'summary', '--out', pdf, '--db', file)).toMatchObject({ code: 0, err: note });
    expect(fs.statSync(pdf).size).toBeGreaterThan(1000);
    const imported = await runCli('import', await legacyWorkbook(path.join(dir, 'ro.xlsx')), '--db', file);
    expect(imported.code).toBe(2);
    expect(imported.out).toContain(READ_ONLY_MESSAGE);
    expect(imported.out + imported.err).not.toMatch(SQLITE_WORDS);
  });

  it('every write through the core is refused with the reason, and nothing changes', async () => {
    const folder = fs.mkdtempSync(path.join(dir, 'ro-core-'));
    await demoLedger(folder);
    const core = openCore(path.join(readOnlyView(folder), 'ledger.db'));
    try {
      expect(core.readOnly).toBe(READ_ONLY_MESSAGE);
      expect(await core.dispatch('settings.set', { operator: '张三' })).toEqual({ ok: false, error: { code: 'BAD_STATE', message: READ_ONLY_MESSAGE } });
      expect((await core.call('stats.get', {})).topics).toBe(4);
    } finally {
      core.close();
    }
  });
});
