import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { LedgerError, explainSystemError } from './errors';

/*
 * Every file the program writes (export, report, failed rows, backup, a copy
 * of the ledger) is written under a temporary name in the same folder, made
 * durable, and only then renamed over the target: the target is either the
 * old file or the complete new one, never half of one. A write that fails
 * removes its temporary file; one cut short by a crash or a kill leaves it,
 * and `sweepPartials` removes it later (at start, and before the next write
 * into that folder). The temporary name says whose it is:
 *   .<name>.partial-<pid>-<random>
 * hidden, recognisable, and never matching the names the backup list shows.
 */

const PARTIAL = /^\.(.+)\.partial-(\d+)-[0-9a-f]+(-journal|-wal|-shm)?$/;
/** Names earlier versions used for the same purpose (exports: `.<name>.<pid>.<ms>.tmp`; restores: `<name>.restoring`). */
const LEGACY = [/^\.(.+)\.(\d+)\.\d+\.tmp$/, /^(.+)\.restoring(-journal|-wal|-shm)?$/];
/** A leftover this old is never a write in progress, whoever made it. */
const STALE_AFTER_MS = 24 * 3_600_000;

/** The temporary name beside `target` that this process writes first. */
export function partialPath(target: string): string {
  return path.join(path.dirname(target), `.${path.basename(target)}.partial-${process.pid}-${randomBytes(4).toString('hex')}`);
}

/** Flushes a file (or, where the system allows it, a folder's entries) to the disk. */
function fsyncPath(file: string, dir = false): void {
  let fd: number | undefined;
  try {
    fd = fs.openSync(file, dir ? 'r' : 'r+');
    fs.fsyncSync(fd);
  } catch (err) {
    // Windows cannot open a folder; its renames are journalled by NTFS.
    if (!dir) throw err;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

function removeTemporary(tmp: string): void {
  for (const suffix of ['', '-journal', '-wal', '-shm']) fs.rmSync(`${tmp}${suffix}`, { force: true });
}

export interface AtomicWriteOptions {
  /** Checked on the finished temporary file before it replaces the target (e.g. that a backup opens as a ledger). */
  verify?: (tmp: string) => void | Promise<void>;
}

/**
 * Writes `out` through `write(tmp)`: the temporary file is flushed, verified
 * and renamed over `out`. Errors become a Chinese sentence naming the file.
 */
export async function writeAtomically(out: string, write: (tmp: string) => Promise<unknown>, opts: AtomicWriteOptions = {}): Promise<{ path: string; bytes: number }> {
  const target = path.resolve(out);
  const dir = path.dirname(target);
  if (!fs.existsSync(dir)) throw new LedgerError('VALIDATION', `保存位置「${dir}」不存在，请另选文件夹。`);
  sweepPartials(dir);
  const tmp = partialPath(target);
  try {
    await write(tmp);
    fsyncPath(tmp);
    await opts.verify?.(tmp);
    fs.renameSync(tmp, target);
    fsyncPath(dir, true);
  } catch (err) {
    removeTemporary(tmp);
    throw explainSystemError(err, { file: target }) ?? err;
  }
  return { path: target, bytes: fs.statSync(target).size };
}

/** The same for small files written at once (the shell's settings). */
export function writeFileAtomicallySync(out: string, data: string | Uint8Array): void {
  const target = path.resolve(out);
  const tmp = partialPath(target);
  try {
    fs.writeFileSync(tmp, data);
    fsyncPath(tmp);
    fs.renameSync(tmp, target);
    fsyncPath(path.dirname(target), true);
  } catch (err) {
    removeTemporary(tmp);
    throw explainSystemError(err, { file: target }) ?? err;
  }
}

const isAlive = (pid: number): boolean => {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/**
 * Removes the temporary files in `dir` that no write will finish: those of
 * processes that are gone (killed, crashed), and any older than a day. Only
 * names of the patterns above are touched; a folder that cannot be read is
 * left alone. Returns what was removed.
 */
export function sweepPartials(dir: string, now = Date.now()): string[] {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    const partial = PARTIAL.exec(name);
    const legacy = partial ? null : LEGACY.map((re) => re.exec(name)).find(Boolean);
    if (!partial && !legacy) continue;
    const file = path.join(dir, name);
    try {
      const pid = partial ? Number(partial[2]) : legacy?.[2] && /^\d+$/.test(legacy[2]) ? Number(legacy[2]) : 0;
      const old = now - fs.statSync(file).mtimeMs > STALE_AFTER_MS;
      if (!old && pid && isAlive(pid)) continue;
      fs.rmSync(file, { force: true });
      removed.push(file);
    } catch {
      // Gone already, or not ours to remove: leave it.
    }
  }
  return removed;
}
