import type { Result } from './contract';

/**
 * The one IPC channel: every method travels on it as (method, args). The main
 * process hands `shell.*` methods (dialogs, ledger files, backups, printing)
 * to the shell and everything else to the core's dispatch.
 */
export const IPC_CHANNEL = 'ledger:call';

/** What the preload exposes as `window.api` (and what the browser tests bind to the real core). */
export interface LedgerApi {
  call: (method: string, args?: unknown) => Promise<Result<unknown>>;
}
