import type { Args, Method, Output, Result } from './contract';

/** The one IPC channel: every contract method travels on it as (method, args). */
export const IPC_CHANNEL = 'ledger:call';

/** What the preload exposes as `window.api` (and what the browser tests bind to the real core). */
export interface LedgerApi {
  call: (method: string, args?: unknown) => Promise<Result<unknown>>;
}

/** Typed wrapper for the renderer: the method name fixes the argument and result types. */
export function typedCall(api: LedgerApi) {
  return <M extends Method>(method: M, args: Args<M>) => api.call(method, args) as Promise<Result<Output<M>>>;
}
