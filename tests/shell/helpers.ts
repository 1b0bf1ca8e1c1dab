import fs from 'node:fs';
import path from 'node:path';
import { LedgerSession, type BrokenChoice, type SessionDeps, type StartPrompts } from '../../electron/main/ledgerSession';
import { settingsStore } from '../../electron/main/settings';
import { TEST_TODAY, tempDir as rootTempDir } from '../helpers/core';

export { TEST_TODAY };

let root: string | undefined;
/** A fresh folder under one temporary root per test file (removed when the file's process ends). */
export function tempDir(prefix = 'shell-'): string {
  root ??= rootTempDir('shell-tests-');
  return fs.mkdtempSync(path.join(root, prefix));
}

/** A session on a fresh data folder with a clock the test moves. */
export function testSession(dataDir = tempDir('shell-'), deps: Partial<SessionDeps> = {}) {
  const clock = { now: new Date(TEST_TODAY) };
  const errors: string[] = [];
  const session = new LedgerSession({ dataDir, settings: settingsStore(dataDir), now: () => clock.now, logError: (m) => errors.push(m), ...deps });
  return { session, dataDir, clock, errors };
}

/**
 * Scripted answers to the start-up questions, recording what was asked. The
 * waiting note stays up until the session closes it, or with `quitWhileWaiting`
 * the clerk presses 退出 at once; `closed` records whether the session closed it.
 */
export function scriptedPrompts(
  answers: { firstRun?: 'demo' | 'empty'; broken?: BrokenChoice[]; pickExisting?: string | null; pickNew?: string | null; quitWhileWaiting?: boolean } = {},
) {
  const asked: { kind: string; detail?: unknown; closed?: boolean }[] = [];
  const broken = [...(answers.broken ?? [])];
  const prompts: StartPrompts = {
    firstRun: async () => {
      asked.push({ kind: 'firstRun' });
      return answers.firstRun ?? 'empty';
    },
    broken: async (p) => {
      asked.push({ kind: 'broken', detail: p });
      return broken.shift() ?? 'quit';
    },
    pickExisting: async () => answers.pickExisting ?? null,
    pickNew: async () => answers.pickNew ?? null,
    notice: async (message) => {
      asked.push({ kind: 'notice', detail: message });
    },
    waiting: async (message, done) => {
      const shown = { kind: 'waiting', detail: message, closed: false };
      asked.push(shown);
      if (answers.quitWhileWaiting) return;
      await new Promise<void>((resolve) => done.addEventListener('abort', () => resolve(), { once: true }));
      shown.closed = true;
    },
  };
  return { prompts, asked };
}

/** Overwrites the middle of a database file with garbage (keeping the SQLite header). */
export function damage(file: string): void {
  const size = fs.statSync(file).size;
  const fd = fs.openSync(file, 'r+');
  try {
    const junk = Buffer.alloc(Math.max(4096, Math.floor(size / 2)), 0xa5);
    fs.writeSync(fd, junk, 0, junk.length, 4096);
  } finally {
    fs.closeSync(fd);
  }
}

export const ls = (dir: string) => (fs.existsSync(dir) ? fs.readdirSync(dir).sort() : []);
export const join = path.join;
