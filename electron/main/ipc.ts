import type { LedgerErrorData, Result } from '../../shared/contract';
import { SHELL_PREFIX, isShellMethod, shellContract, type ShellInput, type ShellMethod, type ShellOutput } from '../../shared/contract/shell';
import { describeIssues } from '../../shared/validation';
import { IPC_CHANNEL } from '../../shared/api';
import type { Dispatch } from '../core';
import { toErrorData } from '../core/dispatch';
import { LedgerError } from '../core/errors';

/*
 * The one IPC handler. Every call arrives as (method, args) on IPC_CHANNEL
 * from a window we made, showing our own page; `shell.*` methods go to the
 * shell's dispatch, everything else to the core's. Both validate the
 * arguments against their contract and answer {ok, data|error}: nothing is
 * thrown across IPC.
 */

/** The parts of Electron's IpcMainInvokeEvent we look at. */
export interface IpcEvent {
  sender: { id: number };
  senderFrame?: { url: string; parent?: unknown } | null;
}
export interface IpcMainLike {
  handle: (channel: string, listener: (event: IpcEvent, ...args: unknown[]) => unknown) => void;
}

const fail = (error: LedgerErrorData): Result<never> => ({ ok: false, error });
export const REFUSED_SENDER: LedgerErrorData = { code: 'INTERNAL', message: '拒绝来自未知窗口的请求。' };

/**
 * A sender is ours when its WebContents is one of our windows and the call
 * comes from that window's top frame showing our page (not an iframe, not a
 * page it was somehow navigated to).
 */
export function senderCheck(windowIds: ReadonlySet<number>, isAppUrl: (url: string) => boolean) {
  return (event: IpcEvent): boolean => {
    if (!windowIds.has(event.sender.id)) return false;
    const frame = event.senderFrame;
    if (!frame || frame.parent) return false;
    return isAppUrl(frame.url);
  };
}

/** Our page: the built renderer's index.html (file:), or the dev server in `electron-vite dev`. */
export function appUrlCheck(indexFileUrl: string, devServerUrl?: string) {
  const base = indexFileUrl.split(/[?#]/)[0]!;
  const dev = devServerUrl ? new URL(devServerUrl).origin : undefined;
  return (url: string): boolean => {
    if (url.split(/[?#]/)[0] === base) return true;
    if (!dev) return false;
    try {
      return new URL(url).origin === dev;
    } catch {
      return false;
    }
  };
}

export type ShellHandlers = { [M in ShellMethod]: (input: ShellInput<M>) => Promise<ShellOutput<M>> | ShellOutput<M> };

/** The shell's dispatch: the same validation and error shape as the core's. */
export function createShellDispatch(handlers: ShellHandlers, opts: { logError?: (method: string, err: unknown) => void } = {}): Dispatch {
  return async (method, args) => {
    if (!isShellMethod(method)) return fail({ code: 'UNKNOWN_METHOD', message: `未知的操作：${String(method)}` });
    const spec = shellContract[method];
    const parsed = spec.input.safeParse(args ?? undefined);
    if (!parsed.success) return fail({ code: 'VALIDATION', ...describeIssues(spec.input, parsed.error) });
    try {
      const handler = handlers[method] as (input: unknown) => unknown;
      return { ok: true, data: await handler(parsed.data) };
    } catch (err) {
      if (!(err instanceof LedgerError)) opts.logError?.(method, err);
      return fail(toErrorData(err));
    }
  };
}

/** What a picked path is for: a file to read (an import's input) or a place to save (an export, a report, failed rows). */
export type PickPurpose = 'read' | 'save';

/** Argument names that name a file to write; every other path-like argument is read. */
const SAVE_KEYS = /^(out|output)$|(Out|Output)$/;
const PATH_KEYS = /^(files?|paths?|out|output)$|(Files?|Paths?|Out|Output)$/;

/**
 * Paths the clerk picked in our dialogs, each bound to its purpose. A core
 * method may only read or write a file named in its arguments if it was
 * picked for that: the renderer cannot make up a path, write over a workbook
 * picked for import, or feed a saved file back in as an import. Picking the
 * same path again binds it to the new purpose.
 */
export class PickedFiles {
  private readonly files = new Map<string, PickPurpose>();
  constructor(private readonly platform: NodeJS.Platform = process.platform) {}
  private key(file: string) {
    return this.platform === 'win32' ? file.toLowerCase() : file;
  }
  add(file: string, purpose: PickPurpose): string {
    this.files.set(this.key(file), purpose);
    return file;
  }
  has(file: string, purpose: PickPurpose): boolean {
    return this.files.get(this.key(file)) === purpose;
  }
  /** The first path-like argument that was not picked for what this argument does with it, if any. */
  unpicked(args: unknown): string | undefined {
    if (!args || typeof args !== 'object') return undefined;
    for (const [k, v] of Object.entries(args)) {
      if (!PATH_KEYS.test(k)) continue;
      // A list of files (the packages of an exchange import): every one of them.
      for (const item of Array.isArray(v) ? v : [v]) {
        if (typeof item === 'string' && !this.has(item, SAVE_KEYS.test(k) ? 'save' : 'read')) return item;
      }
    }
    return undefined;
  }
}

export interface IpcDeps {
  isTrustedSender: (event: IpcEvent) => boolean;
  /** The open ledger's dispatch (it changes when the clerk switches files). */
  core: () => Dispatch | undefined;
  shell: Dispatch;
  picked: PickedFiles;
  logError?: (method: string, err: unknown) => void;
}

/** The handler behind the channel, separate so tests can call it directly. */
export function createIpcHandler(deps: IpcDeps) {
  return async (event: IpcEvent, method: unknown, args: unknown): Promise<Result<unknown>> => {
    if (!deps.isTrustedSender(event)) return fail(REFUSED_SENDER);
    if (typeof method !== 'string' || method.length > 100) return fail({ code: 'UNKNOWN_METHOD', message: `未知的操作：${String(method).slice(0, 100)}` });
    if (method.startsWith(SHELL_PREFIX)) return deps.shell(method, args);
    const core = deps.core();
    if (!core) return fail({ code: 'BAD_STATE', message: '台账尚未打开，请先打开或新建一个台账文件。' });
    const stray = deps.picked.unpicked(args);
    if (stray !== undefined) return fail({ code: 'VALIDATION', message: '只能使用在对话框中选择的文件，请重新选择文件。' });
    return core(method, args);
  };
}

/** Registers the one handler for the one channel. */
export function registerIpc(ipcMain: IpcMainLike, deps: IpcDeps): void {
  const handler = createIpcHandler(deps);
  ipcMain.handle(IPC_CHANNEL, (event, method, args) => handler(event, method, args));
}
