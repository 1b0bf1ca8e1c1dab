import { LedgerError, isBusyError } from '../errors';

/*
 * Another program holding the ledger (the CLI importing while the app
 * starts, two imports at once) is a reason to wait, never an error and never
 * damage. SQLite's own busy handler waits inside one statement, blocking the
 * thread; some lock requests it answers at once without waiting (changing the
 * journal mode while another connection writes). So the attempt is repeated
 * here, between polls the event loop stays free, the clerk is told once
 * that we are waiting, and after `waitMs` the wait ends with a sentence.
 */

export interface WaitOptions {
  /** How long to keep trying (default 5 minutes: a large import on a slow PC). */
  waitMs?: number;
  pollMs?: number;
  /** Called once, when the first attempt found the ledger busy. */
  onWait?: (message: string) => void;
  /** Stops waiting (the clerk chose to quit). */
  signal?: AbortSignal;
}

export const DEFAULT_WAIT_MS = 5 * 60_000;

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });

/**
 * Runs `attempt` until it does not fail as busy (SQLITE_BUSY/LOCKED or a
 * BUSY LedgerError). `waiting` is the progress sentence; `gaveUp(seconds)`
 * the error when the wait ran out or was cancelled.
 */
export async function waitWhileBusy<T>(attempt: () => T | Promise<T>, waiting: string, gaveUp: (seconds: number) => LedgerError, opts: WaitOptions = {}): Promise<T> {
  const started = Date.now();
  let told = false;
  for (;;) {
    try {
      return await attempt();
    } catch (err) {
      if (!isBusyError(err)) throw err;
      const waited = Date.now() - started;
      if (waited >= (opts.waitMs ?? DEFAULT_WAIT_MS) || opts.signal?.aborted) throw gaveUp(Math.round(waited / 1000));
      if (!told) {
        told = true;
        opts.onWait?.(waiting);
      }
      await sleep(opts.pollMs ?? 250, opts.signal);
    }
  }
}
