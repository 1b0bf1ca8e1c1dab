import Database from 'better-sqlite3';
import fs from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { closeLedger } from '../../electron/core/db/open';
import { withRollbackJournal } from '../../electron/core/db/rollbackJournal';
import { nudgeWriteBehind, withWriteBehind } from '../../electron/core/db/writeBehind';
import { addUnitRow, ledgerFile, tempDir } from '../helpers/core';

const dir = tempDir('write-behind-');
const ledger = () => ledgerFile(dir);
/** Lets the clock pass the flush interval (the work a nudge follows is synchronous: so is this wait). */
const busyWait = (ms: number) => {
  const end = performance.now() + ms;
  while (performance.now() < end);
};
const openFds = () => fs.readdirSync('/proc/self/fd').length;
/** Descriptors and locks are read from Linux's /proc. */
const onLinux = process.platform === 'linux';

/**
 * Whether this process holds a POSIX lock on the ledger file (Linux's /proc/locks). A connection
 * in WAL mode keeps a read lock on it between transactions: that is what tells another process
 * (the CLI, a second window) that the ledger is in use.
 */
function holdsLock(file: string): boolean {
  const inode = `:${fs.statSync(file).ino} `;
  return fs
    .readFileSync('/proc/locks', 'utf8')
    .split('\n')
    .some((line) => line.includes(` ${process.pid} `) && line.includes(inode));
}

afterEach(() => vi.restoreAllMocks());

describe('write-behind (the import flushes the ledger file while it writes)', () => {
  it.runIf(onLinux)('starts a background flush of the ledger file once the interval has passed, and none before', () => {
    const { file, db } = ledger();
    const flushed: string[] = [];
    const flush = vi.spyOn(fs, 'fdatasync').mockImplementation(((fd: number, done: (err: null) => void) => {
      flushed.push(fs.readlinkSync(`/proc/self/fd/${fd}`));
      done(null);
    }) as never);
    withRollbackJournal(db, () =>
      db.transaction(() => {
        addUnitRow(db, '市场部');
        nudgeWriteBehind(db); // too soon after the start
        expect(flush).not.toHaveBeenCalled();
        busyWait(120);
        nudgeWriteBehind(db);
        nudgeWriteBehind(db); // again at once: still the one flush
      })(),
    );
    expect(flush).toHaveBeenCalledTimes(1);
    expect(flushed).toEqual([fs.realpathSync(file)]);
    closeLedger(db);
    expect(new Database(file, { readonly: true }).prepare('SELECT name FROM units').pluck().all()).toEqual(['市场部']);
  });

  it('does nothing outside withWriteBehind, and in WAL (another connection open) it is not started', () => {
    const { file, db } = ledger();
    const flush = vi.spyOn(fs, 'fdatasync');
    busyWait(120);
    nudgeWriteBehind(db);
    const other = new Database(file);
    other.prepare('SELECT count(*) FROM units').get();
    try {
      withRollbackJournal(db, () =>
        db.transaction(() => {
          busyWait(120);
          nudgeWriteBehind(db);
        })(),
      );
    } finally {
      other.close();
    }
    expect(flush).not.toHaveBeenCalled();
    closeLedger(db);
  });

  it.runIf(onLinux)('closes its descriptor, also when the work fails', () => {
    const { db } = ledger();
    const before = openFds();
    withWriteBehind(db, () => busyWait(1));
    expect(openFds()).toBe(before);
    expect(() =>
      withWriteBehind(db, () => {
        throw new Error('失败');
      }),
    ).toThrow('失败');
    expect(openFds()).toBe(before);
    closeLedger(db);
  });

  it.runIf(onLinux)("keeps the connection's lock on the ledger file (closing a descriptor of the file at the wrong time drops it)", async () => {
    // The hazard: closing any descriptor of the file drops this process's locks on it, and SQLite,
    // believing it still holds its lock, does not take it again.
    const first = ledger();
    first.db.prepare('SELECT count(*) FROM units').get();
    expect(holdsLock(first.file)).toBe(true);
    fs.closeSync(fs.openSync(first.file, 'r'));
    first.db.prepare('SELECT count(*) FROM units').get();
    expect(holdsLock(first.file)).toBe(false);
    closeLedger(first.db);
    // Write-behind opens and closes its descriptor while the ledger is out of WAL and between
    // transactions, when the connection holds no lock: the lock it takes back in WAL stays, also
    // once the background flushes have finished (a close left to their callbacks would drop it).
    const { file, db } = ledger();
    withRollbackJournal(db, () =>
      db.transaction(() => {
        addUnitRow(db, '市场部');
        busyWait(120);
        nudgeWriteBehind(db);
      })(),
    );
    db.prepare('SELECT count(*) FROM units').get();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(holdsLock(file)).toBe(true);
    closeLedger(db);
  });
});
