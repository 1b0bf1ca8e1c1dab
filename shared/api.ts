import type { Args, Method, Output, Result } from './contract';
import type { ShellArgs, ShellMethod, ShellOutput } from './contract/shell';

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

export type AnyMethod = Method | ShellMethod;
export type AnyArgs<M extends AnyMethod> = M extends ShellMethod ? ShellArgs<M> : M extends Method ? Args<M> : never;
export type AnyOutput<M extends AnyMethod> = M extends ShellMethod ? ShellOutput<M> : M extends Method ? Output<M> : never;

/** Typed wrapper for the renderer: the method name fixes the argument and result types. */
export function typedCall(api: LedgerApi) {
  return <M extends AnyMethod>(method: M, args: AnyArgs<M>) => api.call(method, args) as Promise<Result<AnyOutput<M>>>;
}
