import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { LedgerError } from '../errors';
import { migrate, type MigrationResult } from './migrate';

export type Db = Database.Database;

export interface OpenOptions {
  /** Skip the start-up quick check (only for throw-away in-memory ledgers in tests and benches). */
  skipCheck?: boolean;
  /** Called before an existing ledger is upgraded, e.g. to back it up. */
  beforeUpgrade?: (db: Db) => void;
  readonly?: boolean;
  /** better-sqlite3's `nativeBinding`: the Electron shell passes the packaged addon when it ships one. */
  nativeBinding?: string;
}

export interface OpenedLedger {
  db: Db;
  migration: MigrationResult;
}

const SQLITE_MAGIC = 'SQLite format 3\u0000';

/** Refuse a file that is not a SQLite database before SQLite treats it as one. */
function assertLooksLikeLedger(file: string): void {
  if (file === ':memory:' || !fs.existsSync(file)) return;
  const size = fs.statSync(file).size;
  if (size === 0) return;
  const fd = fs.openSync(file, 'r');
  try {
    const head = Buffer.alloc(16);
    fs.readSync(fd, head, 0, 16, 0);
    if (head.toString('latin1') !== SQLITE_MAGIC) {
      throw new LedgerError('BAD_FILE', `文件「${path.basename(file)}」不是台账数据库文件，无法打开。`);
    }
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Opens (or creates) a ledger file: WAL journal, foreign keys on, a quick
 * integrity check, then the schema brought up to date.
 */
export function openLedger(file: string, opts: OpenOptions = {}): OpenedLedger {
  assertLooksLikeLedger(file);
  if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const db = new Database(file, { readonly: opts.readonly ?? false, ...(opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {}) });
  try {
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    if (!opts.readonly) {
      db.pragma('journal_mode = WAL');
      // NORMAL is durable across application crashes in WAL mode; only a power cut can lose the last commit.
      db.pragma('synchronous = NORMAL');
      // 64 MB of page cache (default 2 MB): a 50,000-row import rewrites index pages far apart.
      db.pragma('cache_size = -65536');
    }
    if (!opts.skipCheck) {
      const check = db.pragma('quick_check', { simple: true });
      if (check !== 'ok') {
        throw new LedgerError('BAD_FILE', `台账文件已损坏（${String(check)}），请从备份恢复。`);
      }
    }
    const migration = opts.readonly ? { applied: [], upgraded: false } : migrate(db, { beforeUpgrade: () => opts.beforeUpgrade?.(db) });
    return { db, migration };
  } catch (err) {
    db.close();
    if (err instanceof LedgerError) throw err;
    const code = (err as { code?: string }).code ?? '';
    if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') {
      throw new LedgerError('BAD_FILE', `文件「${path.basename(file)}」不是有效的台账数据库或已损坏，请从备份恢复。`);
    }
    throw err;
  }
}

/**
 * A clean close: fold the WAL back into the main file so a copied ledger is
 * complete. `main.` because only the ledger has a WAL; unqualified, the pragma
 * also reaches the connection's temp database (opened by the start-up quick_check).
 */
export function closeLedger(db: Db): void {
  if (!db.open) return;
  if (!db.readonly) db.pragma('main.wal_checkpoint(TRUNCATE)');
  db.close();
}
