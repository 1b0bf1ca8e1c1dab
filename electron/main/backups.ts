import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import dayjs from 'dayjs';
import { backupLedger, backupTo, ledgerBaseName, listBackups, type BackupInfo } from '../core/db/backup';
import { openLedger, type Db } from '../core/db/open';
import { LedgerError } from '../core/errors';

/*
 * The shell's backup policy around the core's online backup (db.backup(),
 * never a copy of a live file): one folder per ledger file in the local data
 * folder, one automatic backup a day on start, one before every import and
 * restore, the last 30 kept (pruned by backupLedger).
 */

/**
 * Backups of different ledger files (one per year, say) never mix: each file
 * gets `backups/<name>-<hash of its full path>` under the data folder.
 */
export function backupDirFor(dataDir: string, ledgerFile: string, platform: NodeJS.Platform = process.platform): string {
  const p = platform === 'win32' ? path.win32 : path.posix;
  const full = p.resolve(ledgerFile);
  const key = platform === 'win32' ? full.toLowerCase() : full;
  const hash = createHash('sha256').update(key, 'utf8').digest('hex').slice(0, 8);
  return p.join(dataDir, 'backups', `${ledgerBaseName(key, p)}-${hash}`);
}

/** The day's automatic backup, unless one was already made today. */
export async function dailyBackup(db: Db, dir: string, now: Date = new Date()): Promise<BackupInfo | null> {
  if (listBackups(dir).some((b) => b.reason === 'daily' && dayjs(b.createdAt).isSame(now, 'day'))) return null;
  return backupLedger(db, dir, 'daily', { now });
}

export interface LedgerCheck {
  ok: boolean;
  message: string;
}

/** Whether a file is a readable ledger (SQLite header, quick_check), without changing it. */
export function checkLedgerFile(file: string, nativeBinding?: string): LedgerCheck {
  try {
    if (!fs.existsSync(file)) return { ok: false, message: '文件不存在。' };
    const { db } = openLedger(file, { readonly: true, nativeBinding });
    try {
      const has = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'").get();
      if (!has) return { ok: false, message: `文件「${path.basename(file)}」不是台账数据库。` };
    } finally {
      db.close();
    }
    return { ok: true, message: '' };
  } catch (err) {
    return { ok: false, message: err instanceof Error ? err.message : String(err) };
  }
}

/** The newest backup that passes the check (the recovery path for a damaged ledger). */
export function newestGoodBackup(dir: string, nativeBinding?: string): BackupInfo | undefined {
  return listBackups(dir).find((b) => checkLedgerFile(b.file, nativeBinding).ok);
}

const SIDE_FILES = ['-wal', '-shm', '-journal'];

/**
 * Puts the ledger in `source` at `target` through SQLite's backup API: into a
 * temporary file beside the target first (backupTo), then renamed over it, so
 * a failure half-way leaves the target as it was. The target must be closed.
 */
export async function copyLedgerOver(source: string, target: string, nativeBinding?: string): Promise<void> {
  const { db } = openLedger(source, { readonly: true, nativeBinding });
  try {
    // The old ledger's WAL must not be read into the new file.
    await backupTo(db, target, { beforeReplace: () => SIDE_FILES.forEach((side) => fs.rmSync(`${target}${side}`, { force: true })) });
  } finally {
    db.close();
  }
}

/**
 * Whether a ledger is still found damaged now: openLedger declares damage only
 * after a second quick_check holding the write lock, so a ledger another
 * program is writing (an import) is busy, never damaged.
 */
export function stillDamaged(file: string, nativeBinding?: string): boolean {
  try {
    // A short wait for locks: busy is the answer "not damaged" as much as a clean check is.
    openLedger(file, { readonly: true, nativeBinding, busyTimeoutMs: 500 }).db.close();
    return false;
  } catch (err) {
    return err instanceof LedgerError && err.code === 'BAD_FILE';
  }
}

/** Moves a damaged ledger (and its WAL) aside, so the clerk or a technician can still look at it. */
export function setAsideDamaged(file: string, now: Date = new Date()): string {
  const aside = `${file}.damaged-${dayjs(now).format('YYYYMMDD-HHmmss')}`;
  fs.renameSync(file, aside);
  for (const side of SIDE_FILES) if (fs.existsSync(`${file}${side}`)) fs.renameSync(`${file}${side}`, `${aside}${side}`);
  return aside;
}
