import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { closeLedger, openLedger, openLedgerWhenFree } from '../../electron/core/db/open';
import { runCli } from '../helpers/cli';
import { fileCore, ledgerFile, tempDir } from '../helpers/core';
import { holdInAnotherProcess } from '../helpers/otherProcess';
import { legacyWorkbook } from '../import/fixtures';

/*
 * Issue 19: a ledger another program holds (the CLI importing while the app
 * starts, a second import) is busy. It is waited for, with a message, and is
 * never reported as "database is locked" nor taken for a damaged ledger.
 */

const dir = tempDir('busy-ledger-');
const BUSY = /^台账正被其他程序使用（可能正在导入）/;

/** A ledger file with its tables, closed, for another process to hold. */
function closedLedger(): string {
  const { file, db } = ledgerFile(dir);
  closeLedger(db);
  return file;
}

async function caught(work: () => unknown): Promise<unknown> {
  try {
    await work();
  } catch (err) {
    return err;
  }
  throw new Error('expected a refusal');
}

describe('opening a ledger another process is importing into', () => {
  it('is BUSY with a Chinese sentence, never "database is locked" and never damaged (BAD_FILE)', async () => {
    const file = closedLedger();
    const other = await holdInAnotherProcess(file, 'import');
    try {
      // The switch into WAL is answered at once with SQLITE_BUSY while the import writes through its rollback journal.
      const err = await caught(() => openLedger(file));
      expect(err).toMatchObject({ name: 'LedgerError', code: 'BUSY', message: expect.stringMatching(BUSY) });
      expect((err as Error).message).toContain('台账没有损坏');
    } finally {
      await other.release();
    }
  });

  it('the start-up check (read-only) sees a ledger whose import spilled into the file as busy, not damaged', async () => {
    const file = closedLedger();
    const other = await holdInAnotherProcess(file, 'import-spilled');
    try {
      const err = await caught(() => openLedger(file, { readonly: true, busyTimeoutMs: 100 }));
      expect(err).toMatchObject({ code: 'BUSY', message: expect.stringMatching(BUSY) });
    } finally {
      await other.release();
    }
  });

  it('openLedgerWhenFree waits, says so once, and opens once the import is over', async () => {
    const file = closedLedger();
    const other = await holdInAnotherProcess(file, 'import');
    const told: string[] = [];
    const opening = openLedgerWhenFree(file, { onWait: (m) => told.push(m), pollMs: 50 });
    await new Promise((r) => setTimeout(r, 400));
    expect(told).toEqual(['台账正被其他程序使用（可能正在导入），正在等待它完成……']);
    await other.release();
    const { db } = await opening;
    expect(db.pragma('main.journal_mode', { simple: true })).toBe('wal');
    closeLedger(db);
    expect(told).toHaveLength(1);
  });

  it('gives up after its bound with a sentence that says busy, not damaged', async () => {
    const file = closedLedger();
    const other = await holdInAnotherProcess(file, 'import');
    try {
      const err = await caught(() => openLedgerWhenFree(file, { waitMs: 300, pollMs: 50 }));
      expect(err).toMatchObject({ code: 'BUSY', message: expect.stringMatching(/^台账正被其他程序使用（可能正在导入），已等待 \d+ 秒仍未结束。请等它完成后再打开。台账没有损坏，不需要从备份恢复。$/) });
    } finally {
      await other.release();
    }
  });

  it('the CLI waits with a progress line instead of "出错了：database is locked"', async () => {
    const file = closedLedger();
    const other = await holdInAnotherProcess(file, 'import');
    const running = runCli('stats', '--db', file);
    await new Promise((r) => setTimeout(r, 500));
    await other.release();
    const { code, out, err } = await running;
    expect(code).toBe(0);
    expect(err).toBe('台账正被其他程序使用（可能正在导入），正在等待它完成……\n');
    expect(out).toMatch(/^0项课题细化分解为0项小课题/);
  });
});

describe('two imports into one ledger at once', () => {
  it('run one after the other: the second sees what the first wrote instead of failing with "已存在相同的记录"', async () => {
    const workbook = await legacyWorkbook(path.join(dir, '旧台账.xlsx'));
    const file = closedLedger();
    const [a, b] = [fileCore(file), fileCore(file)];
    try {
      const results = await Promise.all([a.dispatch('import.commit', { file: workbook }), b.dispatch('import.commit', { file: workbook })]);
      expect(results.map((r) => r.ok)).toEqual([true, true]);
      const added = results.map((r) => (r as { data: { counts: { subtopics: { added: number; unchanged: number } } } }).data.counts.subtopics);
      expect(added.map((c) => c.added).sort()).toEqual([0, 9]);
      expect(added.map((c) => c.unchanged).sort()).toEqual([0, 9]);
      expect((a.db.prepare('SELECT count(*) AS n FROM subtopics').get() as { n: number }).n).toBe(9);
    } finally {
      a.close();
      b.close();
    }
  });

  it('an import still running in another process past the bound is refused in Chinese, and nothing is written', async () => {
    const workbook = await legacyWorkbook(path.join(dir, '旧台账2.xlsx'));
    const file = closedLedger();
    const other = await holdInAnotherProcess(file, 'import-lock');
    const core = fileCore(file);
    try {
      core.ctx.wait = { waitMs: 300, pollMs: 50 };
      const r = await core.dispatch('import.commit', { file: workbook });
      expect(r).toEqual({ ok: false, error: { code: 'BUSY', message: expect.stringMatching(/^台账正在导入另一个文件，已等待 \d+ 秒仍未完成，本次没有导入任何数据。请等它完成后再导入。$/) } });
      expect((core.db.prepare('SELECT count(*) AS n FROM import_batches').get() as { n: number }).n).toBe(0);
    } finally {
      core.close();
      await other.release();
    }
  });
});
