import fs from 'node:fs';
import path from 'node:path';
import dayjs from 'dayjs';
import { upgradeDue } from './migrate';
import { openLedger, type Db } from './open';

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
};
export const reasonLabel = (reason: string) => REASON_LABELS[reason] ?? reason;

/**
 * A consistent copy of a live ledger through SQLite's online backup API
 * (never by copying the file, which can catch a half-written page or miss
 * the WAL). Named by time and reason; the oldest beyond `keep` are removed.
 */
export async function backupLedger(db: Db, dir: string, reason: string, opts: { keep?: number; now?: Date } = {}): Promise<BackupInfo> {
  fs.mkdirSync(dir, { recursive: true });
  const base = `ledger-${dayjs(opts.now ?? new Date()).format('YYYYMMDD-HHmmss')}-${reason}`;
  let file = path.join(dir, `${base}.db`);
  for (let i = 2; fs.existsSync(file); i++) file = path.join(dir, `${base}-${i}.db`);
  await db.backup(file);
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
export async function backupIfUpgradeDue(file: string, dir: string, opts: { now?: Date; nativeBinding?: string } = {}): Promise<BackupInfo | null> {
  if (file === ':memory:' || !fs.existsSync(file) || fs.statSync(file).size === 0) return null;
  const { db } = openLedger(file, { readonly: true, nativeBinding: opts.nativeBinding });
  try {
    return upgradeDue(db) ? await backupLedger(db, dir, 'upgrade', { now: opts.now }) : null;
  } finally {
    db.close();
  }
}

function describeBackup(file: string): BackupInfo {
  const name = path.basename(file);
  const m = /^ledger-(\d{8})-(\d{6})-([a-z]+)/.exec(name);
  const stat = fs.statSync(file);
  return {
    file,
    name,
    reason: m?.[3] ?? 'manual',
    size: stat.size,
    createdAt: m ? dayjs(`${m[1]!.replace(/(\d{4})(\d{2})(\d{2})/, '$1-$2-$3')}T${m[2]!.replace(/(\d{2})(\d{2})(\d{2})/, '$1:$2:$3')}`).toISOString() : stat.mtime.toISOString(),
  };
}

/** Newest first. */
export function listBackups(dir: string): BackupInfo[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((n) => /^ledger-\d{8}-\d{6}-.*\.db$/.test(n))
    .sort()
    .reverse()
    .map((n) => describeBackup(path.join(dir, n)));
}

export function pruneBackups(dir: string, keep: number): string[] {
  const removed = listBackups(dir).slice(keep).map((b) => b.file);
  for (const f of removed) fs.rmSync(f, { force: true });
  return removed;
}
