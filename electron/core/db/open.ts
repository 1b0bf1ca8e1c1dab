import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { BUSY_MESSAGE, LedgerError, READ_ONLY_MESSAGE, explainSystemError, isBusyError, isCorruptError, isUnwritableError, readOnlyReason } from '../errors';
import { hasSqliteMagic, isWalHeader, readHeader } from './header';
import { migrate, pendingMigrations, type MigrationResult } from './migrate';
import { waitWhileBusy, type WaitOptions } from './waitWhileBusy';

export type Db = Database.Database;

export interface OpenOptions {
  /** Skip the start-up quick check (only for throw-away in-memory ledgers in tests and benches). */
  skipCheck?: boolean;
  /** Called before an existing ledger is upgraded, e.g. to back it up. */
  beforeUpgrade?: (db: Db) => void;
  readonly?: boolean;
  /** better-sqlite3's `nativeBinding`: the Electron shell passes the packaged addon when it ships one. */
  nativeBinding?: string;
  /** How long each statement of the open waits for another program's lock before the open says BUSY (default 5 s). */
  busyTimeoutMs?: number;
}

export interface OpenedLedger {
  db: Db;
  migration: MigrationResult;
  /**
   * Why a ledger opened for writing could only be opened read-only (its
   * folder or disk is read-only, the disk is full): the sentence the clerk
   * sees. Null when it is writable (or was asked to be read-only).
   */
  readOnly: string | null;
}

/** The busy timeout statements use once the ledger is open (better-sqlite3's default too). */
const STATEMENT_BUSY_TIMEOUT_MS = 5000;
const NO_UPGRADE: MigrationResult = { applied: [], upgraded: false };

/** Each connection's native addon, so a second connection beside it (importLock.ts) loads the same one. */
const bindings = new WeakMap<Db, string | undefined>();

function connect(file: string | Buffer, opts: { readonly?: boolean; nativeBinding?: string; busyTimeoutMs?: number }): Db {
  const db = new Database(file, {
    readonly: opts.readonly ?? false,
    timeout: opts.busyTimeoutMs ?? STATEMENT_BUSY_TIMEOUT_MS,
    ...(opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {}),
  });
  bindings.set(db, opts.nativeBinding);
  return db;
}

/** Another connection with the same native addon as `db` (a lock file, a second look at the same ledger). */
export function openSibling(db: Db, file: string, opts: { readonly?: boolean; busyTimeoutMs?: number } = {}): Db {
  return connect(file, { ...opts, nativeBinding: bindings.get(db) });
}

/** Refuse a file that is not a SQLite database before SQLite treats it as one. */
function assertLooksLikeLedger(file: string): void {
  if (file === ':memory:' || !fs.existsSync(file) || fs.statSync(file).size === 0) return;
  const head = readHeader(file);
  if (!head || !hasSqliteMagic(head)) {
    throw new LedgerError('BAD_FILE', `文件「${path.basename(file)}」不是台账数据库文件，无法打开。`);
  }
}

const hasContent = (file: string) => (fs.statSync(file, { throwIfNoEntry: false })?.size ?? 0) > 0;

/** A read-only folder or file (EROFS, no permission): the reason to open for viewing only, or null. */
function unwritableReason(file: string): string | null {
  for (const p of [file, path.dirname(file)]) {
    try {
      fs.accessSync(p, fs.constants.W_OK);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'EROFS' || code === 'EACCES' || code === 'EPERM') return READ_ONLY_MESSAGE;
    }
  }
  return null;
}

/** Every failure of an open as the clerk's sentence: busy is BUSY, a broken file BAD_FILE, the disk its own. */
function explainOpenError(err: unknown, file: string): unknown {
  if (err instanceof LedgerError) return err;
  if (isBusyError(err)) return new LedgerError('BUSY', BUSY_MESSAGE);
  if (isCorruptError(err)) return new LedgerError('BAD_FILE', `文件「${path.basename(file)}」不是有效的台账数据库或已损坏，请从备份恢复。`);
  return explainSystemError(err) ?? err;
}

/**
 * Whether the ledger is really damaged: quick_check again, on a fresh
 * connection that first takes the write lock, so no other program is in the
 * middle of writing while it looks. Returns SQLite's finding, or null when the
 * ledger passes now. Waiting for that lock too long is BUSY, never damage.
 */
function damageFoundUnderLock(file: string, opts: OpenOptions): string | null {
  const writable = !unwritableReason(file);
  let db: Db | undefined;
  try {
    db = connect(file, { ...opts, readonly: !writable });
    if (writable) db.exec('BEGIN IMMEDIATE');
    const check = db.pragma('quick_check', { simple: true });
    return check === 'ok' ? null : String(check);
  } catch (err) {
    if (isCorruptError(err)) return (err as Error).message;
    throw explainOpenError(err, file);
  } finally {
    if (db?.inTransaction) db.exec('ROLLBACK');
    db?.close();
  }
}

const damaged = (problem: string) => new LedgerError('BAD_FILE', `台账文件已损坏（${problem}），请从备份恢复。`);

/** A connection that only reads: the file itself, or where SQLite cannot open it read-only there, a copy in memory. */
function openForViewing(file: string, opts: OpenOptions, reason: string): OpenedLedger {
  let db: Db | undefined;
  try {
    db = connect(file, { ...opts, readonly: true });
    db.prepare('SELECT count(*) FROM sqlite_master').get();
  } catch (err) {
    db?.close();
    db = undefined;
    if (isBusyError(err) || isCorruptError(err) || !isUnwritableError(err)) throw explainOpenError(err, file);
    db = viewInMemory(file, opts, reason);
  }
  try {
    if (!opts.skipCheck) {
      const check = db.pragma('quick_check', { simple: true });
      if (check !== 'ok') throw damaged(String(check));
    }
    const hasLedger = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'").get();
    if (hasLedger && pendingMigrations(db).length) {
      throw new LedgerError('BAD_STATE', `这个台账要先升级到本程序的格式才能打开，而它现在无法写入。${reason}`);
    }
    db.pragma(`busy_timeout = ${STATEMENT_BUSY_TIMEOUT_MS}`);
    return { db, migration: NO_UPGRADE, readOnly: reason };
  } catch (err) {
    db.close();
    throw explainOpenError(err, file);
  }
}

/**
 * SQLite cannot open a WAL ledger read-only in a folder where it may not
 * create the -shm file (a read-only folder), nor on a full disk. The file
 * alone is then the whole ledger (a clean close folded the WAL back), so it
 * is read into memory and opened there, read-only. Not when a -wal or
 * -journal beside it holds changes the file lacks: those need a writable place.
 */
function viewInMemory(file: string, opts: OpenOptions, reason: string): Db {
  if (hasContent(`${file}-wal`) || hasContent(`${file}-journal`)) {
    throw new LedgerError(
      'BAD_STATE',
      `台账上次的修改还在同名的 -wal 或 -journal 文件中，要在能写入的位置打开才能并回台账，现在无法打开。${reason}（复制时请连同这些同名文件一起复制。）`,
    );
  }
  const image = fs.readFileSync(file);
  // In memory there is no WAL: the header says "rollback journal", as a checkpointed file would.
  if (isWalHeader(image)) image[18] = image[19] = 1;
  return connect(image, { ...opts, readonly: true });
}

function openChecked(file: string, opts: OpenOptions, recheck = true): OpenedLedger {
  const db = connect(file, opts);
  try {
    db.pragma('foreign_keys = ON');
    if (!opts.readonly) {
      // Changing into WAL needs the ledger to itself: SQLite answers BUSY at once, without waiting, while another
      // program holds it in a rollback journal (a ledger an older build was importing into). The caller waits and
      // tries again (openLedgerWhenFree).
      db.pragma('journal_mode = WAL');
      // NORMAL is durable across application crashes in WAL mode; only a power cut can lose the last commit.
      db.pragma('synchronous = NORMAL');
      // 64 MB of page cache (default 2 MB): a 50,000-row import rewrites index pages far apart.
      db.pragma('cache_size = -65536');
    }
    if (!opts.skipCheck) {
      const check = db.pragma('quick_check', { simple: true });
      if (check !== 'ok') throw Object.assign(new Error(String(check)), { code: 'SQLITE_CORRUPT' });
    }
    const migration = opts.readonly ? NO_UPGRADE : migrate(db, { beforeUpgrade: () => opts.beforeUpgrade?.(db) });
    db.pragma(`busy_timeout = ${STATEMENT_BUSY_TIMEOUT_MS}`);
    return { db, migration, readOnly: null };
  } catch (err) {
    db.close();
    // Anything but damage goes to openLedger as it is (it may still open the ledger read-only).
    if (!isCorruptError(err) || file === ':memory:') throw err;
    // Damage is declared only when a second look, holding the write lock, finds it too.
    const problem = damageFoundUnderLock(file, opts);
    if (problem !== null) throw damaged(problem);
    // It passes under the lock: what failed was another program's write in progress.
    if (!recheck) throw new LedgerError('BUSY', BUSY_MESSAGE);
    return openChecked(file, opts, false);
  }
}

/**
 * Opens (or creates) a ledger file: WAL journal, foreign keys on, a quick
 * integrity check, then the schema brought up to date. A ledger whose folder
 * or disk does not let us write opens read-only (`readOnly` says why), for
 * viewing and printing. Another program holding the ledger is a LedgerError
 * BUSY (openLedgerWhenFree waits instead); damage is BAD_FILE.
 */
export function openLedger(file: string, opts: OpenOptions = {}): OpenedLedger {
  assertLooksLikeLedger(file);
  const existing = file !== ':memory:' && fs.existsSync(file);
  if (existing && !opts.readonly) {
    const reason = unwritableReason(file);
    if (reason) return openForViewing(file, opts, reason);
  }
  try {
    if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    return openChecked(file, opts);
  } catch (err) {
    // The disk refused to create the -wal/-shm files (full, an I/O error, a folder we may not write): read-only still works.
    if (existing && isUnwritableError(err)) return openForViewing(file, opts, readOnlyReason(err, path.dirname(path.resolve(file))));
    throw explainOpenError(err, file);
  }
}

/**
 * openLedger that waits while another program holds the ledger (an import
 * in progress), telling `onWait` once, and gives up after `waitMs` with a
 * sentence that says the ledger is busy, not damaged.
 */
export function openLedgerWhenFree(file: string, opts: OpenOptions & WaitOptions = {}): Promise<OpenedLedger> {
  return waitWhileBusy(
    // A short busy timeout per attempt: the waiting happens between attempts, with the event loop free.
    () => openLedger(file, { busyTimeoutMs: 200, ...opts }),
    '台账正被其他程序使用（可能正在导入），正在等待它完成……',
    (seconds) => new LedgerError('BUSY', `台账正被其他程序使用（可能正在导入），已等待 ${seconds} 秒仍未结束。请等它完成后再打开。台账没有损坏，不需要从备份恢复。`),
    opts,
  );
}

/**
 * A clean close: fold the WAL back into the file so a copied ledger is
 * complete. `main.` because only the ledger has a WAL; unqualified, the pragma
 * also reaches the connection's temp database (opened by the start-up quick_check).
 * A checkpoint that cannot run (another program reading, a full disk) leaves
 * the WAL, which SQLite reads and folds back on the next open: nothing is lost.
 */
export function closeLedger(db: Db): void {
  if (!db.open) return;
  try {
    if (!db.readonly) db.pragma('main.wal_checkpoint(TRUNCATE)');
  } catch {
    // See above: the WAL stays and is complete.
  } finally {
    db.close();
  }
}
