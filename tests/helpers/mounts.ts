import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/*
 * A full disk and a read-only folder, for real: a tiny tmpfs and a read-only
 * bind mount. Running as root does not stop root from writing into a folder
 * chmod'ed 0555, but it cannot write to a read-only mount or past the end of
 * a full one. Mounting needs root (CAP_SYS_ADMIN); where it is not allowed
 * (an unprivileged container), `mountUnavailable` says why and the tests that
 * need it report themselves skipped with that reason. A test file that
 * mounts calls `afterAll(unmountAll)`.
 */

const mounted: string[] = [];

/** Unmounts (and removes) every folder this file's tests mounted: call it in afterAll. */
export function unmountAll(): void {
  for (const dir of mounted.splice(0).reverse()) {
    try {
      execFileSync('umount', ['-l', dir], { stdio: 'ignore' });
      fs.rmSync(dir, { recursive: true, force: true });
    } catch {
      // already gone
    }
  }
}

function mount(args: string[], dir: string): void {
  execFileSync('mount', [...args, dir], { stdio: 'pipe' });
  mounted.push(dir);
}

/** Why mounting is not possible here, or null when it is (tried once, on a throw-away folder). */
export const mountUnavailable: string | null = (() => {
  const probe = fs.mkdtempSync(path.join(os.tmpdir(), 'mount-probe-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', probe], { stdio: 'pipe' });
    execFileSync('umount', [probe], { stdio: 'pipe' });
    return null;
  } catch (err) {
    return `mount is not allowed here (needs root): ${String((err as { stderr?: Buffer }).stderr ?? err).trim().split('\n')[0]}`;
  } finally {
    fs.rmSync(probe, { recursive: true, force: true });
  }
})();

/** A fresh folder that is a tmpfs of `kb` kilobytes. */
export function smallDisk(kb: number): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'small-disk-'));
  mount(['-t', 'tmpfs', '-o', `size=${kb}k`, 'tmpfs'], dir);
  return dir;
}

/** Fills the disk holding `dir` to the last byte, then frees `leave` bytes again. */
export function fillDisk(dir: string, leave = 0): void {
  const filler = path.join(dir, 'filler');
  const fd = fs.openSync(filler, 'w');
  const chunk = Buffer.alloc(4096, 1);
  try {
    for (;;) fs.writeSync(fd, chunk);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOSPC') throw err;
  } finally {
    fs.closeSync(fd);
  }
  if (leave) fs.truncateSync(filler, Math.max(0, fs.statSync(filler).size - leave));
}

/** `dir` seen through a read-only bind mount: the returned folder shows the same files and refuses every write. */
export function readOnlyView(dir: string): string {
  const view = fs.mkdtempSync(path.join(os.tmpdir(), 'read-only-'));
  mount(['--bind', dir], view);
  execFileSync('mount', ['-o', 'remount,bind,ro', view], { stdio: 'pipe' });
  return view;
}
