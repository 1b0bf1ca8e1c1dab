import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openLedger } from '../../electron/core/db/open';
import { fileCore, snapshot, tempDir } from '../helpers/core';
import { legacyWorkbook } from './fixtures';

const ROOT = path.resolve(__dirname, '../..');
const dir = tempDir('import-file-ledger-');
let files = 0;
const newLedger = () => path.join(dir, `ledger-${++files}.db`);
const mode = (db: Database.Database) => db.pragma('main.journal_mode', { simple: true });
const subtopics = (db: Database.Database) => (db.prepare('SELECT count(*) AS n FROM subtopics').get() as { n: number }).n;

async function fixture(name: string, opts?: Parameters<typeof legacyWorkbook>[1]) {
  return legacyWorkbook(path.join(dir, name), opts);
}

/** `n` more sub-topics under a third topic, so an import has enough rows to spill pages before its commit. */
const manyRows = (n: number) =>
  Array.from({ length: n }, (_, i) => [...(i ? [null, null, null, null] : ['3', '网点转型', '渠道平台部', '城区网点党支部']), `小课题${i + 1}`, '按周推进', '方芳', '2023-09-30', '', '否']);

/** Runs a TypeScript module body (ESM, through tsx) as its own process, the way another program touches the ledger. */
function runScript(body: string) {
  return spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', body], { cwd: ROOT, encoding: 'utf8' });
}

/*
 * An import into a ledger file is one transaction in WAL, like every other
 * write: all or nothing, after a failure and after a crash, and it never
 * keeps another program from opening the ledger meanwhile.
 */
describe('import into a ledger file', () => {
  it('stays in WAL, also while another program has the ledger open', async () => {
    const ledger = newLedger();
    const core = fileCore(ledger);
    try {
      const r = await core.call('import.commit', { file: await fixture('journal.xlsx') });
      expect(r.counts.subtopics.added).toBe(9);
      expect(mode(core.db)).toBe('wal');
      expect(fs.existsSync(`${ledger}-journal`)).toBe(false);
      // Another connection (the CLI while the app is open); the import still goes in whole.
      const other = new Database(ledger);
      try {
        other.prepare('SELECT count(*) FROM topics').get();
        await core.call('import.undo', { batchId: r.batchId! });
        const again = await core.call('import.commit', { file: await fixture('journal.xlsx') });
        expect(again.counts.subtopics.added).toBe(9);
        expect(subtopics(other)).toBe(9);
        expect(mode(core.db)).toBe('wal');
      } finally {
        other.close();
      }
    } finally {
      core.close();
    }
  });

  it('another program opens the ledger while an import writes, and sees it as before the import', async () => {
    // The bug: the import switched the ledger to a rollback journal, and the CLI's open (journal_mode = WAL) got "database is locked".
    const ledger = newLedger();
    const core = fileCore(ledger);
    const xlsx = await fixture('while-open.xlsx');
    let other: ReturnType<typeof runScript> | undefined;
    try {
      // Half-way through writing the sub-topics, another process opens the ledger as the app and the CLI do, and reads it.
      // (It closes without closeLedger's checkpoint, which would wait out the busy timeout for the import to end.)
      core.db.function('open_elsewhere', () => {
        other ??= runScript(`
          const { openLedger } = await import(${JSON.stringify(path.join(ROOT, 'electron/core/db/open.ts'))});
          const { db } = openLedger(${JSON.stringify(ledger)});
          console.log(JSON.stringify({ subtopics: db.prepare('SELECT count(*) AS n FROM subtopics').get().n, mode: db.pragma('journal_mode', { simple: true }) }));
          db.close();`);
        return null;
      });
      core.db.exec('CREATE TEMP TRIGGER open_elsewhere AFTER INSERT ON main.subtopics BEGIN SELECT open_elsewhere(); END');
      const r = await core.call('import.commit', { file: xlsx });
      expect(r.counts.subtopics.added).toBe(9);
    } finally {
      core.close();
    }
    expect(other?.stderr).toBe('');
    expect(other?.status).toBe(0);
    expect(JSON.parse(other!.stdout)).toEqual({ subtopics: 0, mode: 'wal' });
  });

  it('a failure half-way through the commit leaves the ledger as it was, in WAL', async () => {
    const ledger = newLedger();
    const core = fileCore(ledger);
    try {
      await core.call('import.commit', { file: await fixture('before-failure.xlsx') });
      const before = snapshot(core);
      // The 300th new sub-topic fails: hundreds of rows (and their owners, audit lines, counters) are already written by then.
      core.db.exec("CREATE TEMP TRIGGER fail_half_way AFTER INSERT ON main.subtopics WHEN (SELECT count(*) FROM main.subtopics) > 309 BEGIN SELECT RAISE(ABORT, '写入中断'); END");
      await expect(core.call('import.commit', { file: await fixture('fails.xlsx', { extraRows: manyRows(600) }) })).rejects.toThrow(/写入中断/);
      core.db.exec('DROP TRIGGER fail_half_way');
      expect(snapshot(core)).toBe(before);
      expect(mode(core.db)).toBe('wal');
      expect(core.db.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      core.close();
    }
  });

  it('after a crash half-way through an import, the next open sees the ledger as it was, read-only opens included', async () => {
    const ledger = newLedger();
    const core = fileCore(ledger);
    await core.call('import.commit', { file: await fixture('before-crash.xlsx') });
    const before = snapshot(core);
    core.close();
    // A separate process imports 600 more sub-topics with a tiny page cache, so its pages spill
    // into the WAL before the commit, and is killed half-way through writing them.
    const xlsx = await fixture('crash.xlsx', { extraRows: manyRows(600) });
    const child = runScript(`
      const { openCore } = await import(${JSON.stringify(path.join(ROOT, 'electron/core/index.ts'))});
      const core = openCore(${JSON.stringify(ledger)}, { operator: '测试员' });
      core.db.pragma('cache_size = 10');
      let rows = 0;
      core.db.function('crash', () => (++rows === 300 ? process.kill(process.pid, 'SIGKILL') : null));
      core.db.exec('CREATE TEMP TRIGGER crash AFTER INSERT ON main.subtopics BEGIN SELECT crash(); END');
      await core.call('import.commit', { file: ${JSON.stringify(xlsx)} });`);
    expect(child.signal).toBe('SIGKILL'); // killed before its commit
    expect(fs.statSync(`${ledger}-wal`).size).toBeGreaterThan(0);
    // The app's start-up check opens read-only first: it must see the ledger as it was, not fail.
    const readOnly = openLedger(ledger, { readonly: true }).db;
    expect(subtopics(readOnly)).toBe(9);
    readOnly.close();
    const reopened = fileCore(ledger);
    try {
      expect(snapshot(reopened)).toBe(before);
      expect(reopened.db.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      reopened.close();
    }
  });
});
