import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sweepPartials, writeAtomically } from '../../electron/core/atomicFile';
import { backupLedger, listBackups, pruneBackups } from '../../electron/core/db/backup';
import { closeLedger } from '../../electron/core/db/open';
import { TEST_TODAY, ledgerFile, tempDir } from '../helpers/core';

/*
 * Issue 19: every file the program writes goes to a temporary name in the
 * same folder and is renamed only when complete; what a kill leaves is
 * cleaned later; a backup is listed only when it is a whole ledger.
 */

const ROOT = path.resolve(__dirname, '../..');
const dir = tempDir('atomic-writes-');
const day = (n: number) => new Date(TEST_TODAY.getTime() + n * 86_400_000);
const PARTIAL = /^\..+\.partial-\d+-[0-9a-f]+(-journal)?$/;

/** A closed ledger of about 200 KB (50 pages), so that a backup of it takes several steps. */
function ledgerOfSomeSize(): string {
  const { file, db } = ledgerFile(fs.mkdtempSync(path.join(dir, 'ledger-')));
  db.prepare('INSERT INTO settings (key, value) VALUES (?, ?)').run('padding', 'x'.repeat(200_000));
  closeLedger(db);
  return file;
}

/** The pid of a process that has ended. */
function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(r.stdout);
}

describe('a backup killed half-way', () => {
  it('leaves only a hidden temporary file, never a listed backup, and the next sweep removes it', () => {
    const file = ledgerOfSomeSize();
    const backups = path.join(path.dirname(file), 'backups');
    // A separate process backs the ledger up as before an import and is killed once part of it is copied.
    const child = `
      import { backupLedger } from ${JSON.stringify(path.join(ROOT, 'electron/core/db/backup.ts'))};
      import { openLedger } from ${JSON.stringify(path.join(ROOT, 'electron/core/db/open.ts'))};
      const { db } = openLedger(${JSON.stringify(file)});
      const backup = db.backup.bind(db);
      db.backup = (target, opts) => backup(target, { ...opts, progress: (p) => {
        if (p.remainingPages < p.totalPages) process.kill(process.pid, 'SIGKILL');
        return 5;
      } });
      await backupLedger(db, ${JSON.stringify(backups)}, 'import');`;
    const script = path.join(path.dirname(file), 'kill-during-backup.mts');
    fs.writeFileSync(script, child);
    const r = spawnSync(process.execPath, ['--import', 'tsx', script], { cwd: ROOT, encoding: 'utf8' });
    expect(r.signal).toBe('SIGKILL');

    expect(listBackups(backups)).toEqual([]);
    const left = fs.readdirSync(backups);
    expect(left.length).toBeGreaterThan(0);
    for (const name of left) expect(name).toMatch(PARTIAL);
    expect(sweepPartials(backups).map((f) => path.basename(f)).sort()).toEqual(left.sort());
    expect(fs.readdirSync(backups)).toEqual([]);
  });

  it('an incomplete backup (cut short by an earlier version) is neither listed nor counted toward the 30 kept, and pruning removes it', async () => {
    const file = ledgerOfSomeSize();
    const backups = path.join(path.dirname(file), 'backups');
    const { db } = ledgerFile(path.dirname(file));
    const made: string[] = [];
    for (const n of [0, 1, 2]) made.push((await backupLedger(db, backups, 'daily', { now: day(n) })).name);
    closeLedger(db);
    // Newer by its name than every good one, and cut to its first two pages.
    const truncated = path.join(backups, 'ledger-20991231-235959-import.db');
    fs.writeFileSync(truncated, fs.readFileSync(path.join(backups, made[2]!)).subarray(0, 8192));
    expect(listBackups(backups).map((b) => b.name)).toEqual([...made].reverse());
    expect(pruneBackups(backups, 2).map((f) => path.basename(f)).sort()).toEqual([made[0], path.basename(truncated)].sort());
    expect(fs.readdirSync(backups).sort()).toEqual([made[1], made[2]].sort());
  });

  it('a finished backup is one self-contained file: no -wal or -shm beside it, and it opens as a ledger', async () => {
    const file = ledgerOfSomeSize();
    const backups = path.join(path.dirname(file), 'backups');
    const { db } = ledgerFile(path.dirname(file));
    const b = await backupLedger(db, backups, 'manual', { now: day(0) });
    closeLedger(db);
    expect(fs.readdirSync(backups)).toEqual([b.name]);
    // Bytes 18 and 19 of the header: 1 = rollback journal, a file that needs nothing beside it.
    expect([...fs.readFileSync(b.file).subarray(18, 20)]).toEqual([1, 1]);
  });
});

describe('sweeping leftovers', () => {
  it('removes the temporary files of processes that are gone (and those a day old), and nothing else', () => {
    const folder = fs.mkdtempSync(path.join(dir, 'sweep-'));
    const gone = deadPid();
    const write = (name: string, ageHours = 0) => {
      const f = path.join(folder, name);
      fs.writeFileSync(f, 'x');
      const t = new Date(Date.now() - ageHours * 3_600_000);
      fs.utimesSync(f, t, t);
    };
    write(`.台账.xlsx.partial-${gone}-0a1b2c3d`);
    write(`.ledger-20240615-090000-import.db.partial-${gone}-00ff00ff-journal`);
    write(`.汇总.pdf.${gone}.1718412000000.tmp`); // the name earlier versions used for exports
    write(`.报告.pdf.partial-${process.pid}-12345678`); // a write of this process, still going
    write(`.旧.pdf.partial-${process.pid}-87654321`, 25); // still "going" after a day: not a write any more
    write('.台账.xlsx'); // hidden, but not ours
    write('台账.xlsx.partial-1-zz'); // not the pattern
    write('ledger.db');
    const removed = sweepPartials(folder).map((f) => path.basename(f));
    expect(removed.sort()).toEqual(
      [`.台账.xlsx.partial-${gone}-0a1b2c3d`, `.ledger-20240615-090000-import.db.partial-${gone}-00ff00ff-journal`, `.汇总.pdf.${gone}.1718412000000.tmp`, `.旧.pdf.partial-${process.pid}-87654321`].sort(),
    );
    expect(fs.readdirSync(folder).sort()).toEqual(['.台账.xlsx', `.报告.pdf.partial-${process.pid}-12345678`, 'ledger.db', '台账.xlsx.partial-1-zz'].sort());
  });
});

describe('writeAtomically', () => {
  it('a write that fails half-way leaves the old file as it was and no temporary file', async () => {
    const folder = fs.mkdtempSync(path.join(dir, 'fail-'));
    const target = path.join(folder, '台账.xlsx');
    fs.writeFileSync(target, 'the old workbook');
    const err = await writeAtomically(target, async (tmp) => {
      fs.writeFileSync(tmp, 'half of the new');
      throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'INTERNAL', message: '磁盘空间已满，文件「台账.xlsx」没有保存。请清理磁盘（删除不用的文件、清空回收站）后重试，或保存到其他磁盘（如U盘）。' });
    expect(fs.readFileSync(target, 'utf8')).toBe('the old workbook');
    expect(fs.readdirSync(folder)).toEqual(['台账.xlsx']);
  });
});
