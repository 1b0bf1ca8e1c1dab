import fs from 'node:fs';
import path from 'node:path';
import dayjs from 'dayjs';
import { BACKUP_FILE_NAME } from '../../../shared/contract/shell';
import { writeAtomically } from '../atomicFile';
import { LedgerError, explainSystemError } from '../errors';
import { isCompleteDatabase } from './header';
import { upgradeDue } from './migrate';
import { openLedgerWhenFree, type Db } from './open';
import type { WaitOptions } from './waitWhileBusy';

export const BACKUPS_TO_KEEP = 30;

export interface BackupInfo {
  file: string;
  name: string;
  reason: string;
  size: number;
  createdAt: string;
}

const REASON_LABELS: Record<string, string> = {
  import: '导入前',
  undo: '撤销导入前',
  restore: '恢复前',
  upgrade: '升级前',
  daily: '每日自动',
  manual: '手动',
  exchange: '数据交换前',
};
export const reasonLabel = (reason: string) => REASON_LABELS[reason] ?? reason;

/**
 * A consistent copy of a live ledger at `target` through SQLite's online
 * backup API (never by copying the file, which can catch a half-written page
 * or miss the WAL). Written under a temporary name (atomicFile.ts), made a
 * self-contained rollback-journal file, checked to open as a ledger and to be
 * complete, and only then given its name: a copy cut short by a kill or a
 * full disk never appears. `beforeReplace` runs just before the rename (a
 * restore removes the old ledger's -wal there, which must not meet the new file).
 */
export async function backupTo(db: Db, target: string, opts: { beforeReplace?: () => void } = {}): Promise<void> {
  await writeAtomically(target, (tmp) => db.backup(tmp), {
    verify: (tmp) => {
      settleCopy(db, tmp);
      opts.beforeReplace?.();
    },
  });
}

/**
 * The copy opened through the live connection (ATTACH: the same SQLite
 * library, no second native binding to find), switched out of WAL so it is
 * one file that opens anywhere, even read-only, without -wal/-shm beside it;
 * and it must hold the ledger's tables. A full quick_check would read the
 * whole copy again on every import; the backup API already copied a checked
 * ledger page by page, so a complete header (isCompleteDatabase) suffices. A read-only ledger's
 * connection cannot change the copy: its header alone is checked.
 */
function settleCopy(db: Db, tmp: string): void {
  if (!db.inTransaction && !db.readonly) {
    db.prepare('ATTACH DATABASE ? AS backup_copy').run(tmp);
    try {
      db.pragma('backup_copy.journal_mode = DELETE');
      if (!db.prepare("SELECT 1 FROM backup_copy.sqlite_master WHERE type = 'table' AND name = 'schema_migrations'").get()) {
        throw new LedgerError('INTERNAL', '备份文件中没有台账数据，备份未完成。');
      }
    } finally {
      db.exec('DETACH DATABASE backup_copy');
    }
  }
  if (!isCompleteDatabase(tmp)) throw new LedgerError('INTERNAL', '备份文件不完整，备份未完成。');
}

/**
 * A ledger file's name without folder and extension, made safe for a file
 * name ('ledger' for an in-memory ledger): backups carry it, so copies of
 * different ledgers gathered in one folder tell which ledger they came from.
 */
export function ledgerBaseName(file: string, p: typeof path.posix = path): string {
  if (!file || file === ':memory:') return 'ledger';
  return p.basename(file).replace(/\.[^.]*$/, '').replace(/[^\p{L}\p{N}_-]+/gu, '_').slice(0, 40) || 'ledger';
}

/**
 * A backup into `dir`, named by the ledger, time and reason
 * (`台账2026-20260615-090000-import.db`); the oldest beyond `keep` are removed.
 */
export async function backupLedger(db: Db, dir: string, reason: string, opts: { keep?: number; now?: Date } = {}): Promise<BackupInfo> {
  fs.mkdirSync(dir, { recursive: true });
  const base = `${ledgerBaseName(db.name)}-${dayjs(opts.now ?? new Date()).format('YYYYMMDD-HHmmss')}-${reason}`;
  let file = path.join(dir, `${base}.db`);
  for (let i = 2; fs.existsSync(file); i++) file = path.join(dir, `${base}-${i}.db`);
  try {
    await backupTo(db, file);
  } catch (err) {
    // Before an import or a restore: the clerk learns that nothing went ahead, and why.
    const e = explainSystemError(err);
    if (!e) throw err;
    throw new LedgerError(e.code, `${reasonLabel(reason)}备份没有完成，台账没有改动：${e.message}`);
  }
  pruneBackups(dir, opts.keep ?? BACKUPS_TO_KEEP);
  return describeBackup(file);
}

/**
 * The backup before a schema upgrade, taken before the upgrading (writable)
 * open touches the file: a read-only connection (which also runs the start-up
 * quick check) asks whether the migrations will change the ledger in it, and
 * if so makes an online backup named 'upgrade'. Null when no upgrade is due
 * (no file yet, an empty one, an up-to-date ledger).
 */
export async function backupIfUpgradeDue(file: string, dir: string, opts: { now?: Date; nativeBinding?: string } & WaitOptions = {}): Promise<BackupInfo | null> {
  if (file === ':memory:' || !fs.existsSync(file) || fs.statSync(file).size === 0) return null;
  // Another program holding the ledger (an import) is waited for, as at every open.
  const { db } = await openLedgerWhenFree(file, { ...opts, readonly: true });
  try {
    return upgradeDue(db) ? await backupLedger(db, dir, 'upgrade', { now: opts.now }) : null;
  } finally {
    db.close();
  }
}

function describeBackup(file: string): BackupInfo {
  const name = path.basename(file);
  const m = /-(\d{8})-(\d{6})-([a-z]+)(?:-\d+)?\.db$/.exec(name);
  const stat = fs.statSync(file);
  return {
    file,
    name,
    reason: m?.[3] ?? 'manual',
    size: stat.size,
    createdAt: m ? dayjs(`${m[1]!.replace(/(\d{4})(\d{2})(\d{2})/, '$1-$2-$3')}T${m[2]!.replace(/(\d{2})(\d{2})(\d{2})/, '$1:$2:$3')}`).toISOString() : stat.mtime.toISOString(),
  };
}

const backupNames = (dir: string) => (fs.existsSync(dir) ? fs.readdirSync(dir).filter((n) => BACKUP_FILE_NAME.test(n)) : []);

/** Newest first; only complete ledger files (a copy cut short by an earlier version is not offered). */
export function listBackups(dir: string): BackupInfo[] {
  return backupNames(dir)
    .filter((n) => isCompleteDatabase(path.join(dir, n)))
    .map((n) => describeBackup(path.join(dir, n)))
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.name.localeCompare(a.name));
}

/** Keeps the newest `keep` complete backups; incomplete ones neither count nor stay. */
export function pruneBackups(dir: string, keep: number): string[] {
  const incomplete = backupNames(dir).map((n) => path.join(dir, n)).filter((f) => !isCompleteDatabase(f));
  const removed = [...listBackups(dir).slice(keep).map((b) => b.file), ...incomplete];
  for (const f of removed) fs.rmSync(f, { force: true });
  return removed;
}
