import type { FormInstance } from 'antd';
import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import type { Args, LedgerErrorData, Method, Output, Result } from '../../shared/contract';
import { isMethod } from '../../shared/contract';
import { isShellMethod, type ShellArgs, type ShellMethod, type ShellOutput } from '../../shared/contract/shell';

/*
 * The renderer's one door to the core. `call` unwraps the {ok, data|error}
 * answer: on error it shows the core's Chinese sentence (never a stack) and
 * resolves to undefined. A successful write bumps a version that every
 * `useCall` read listens to, so lists refresh themselves after a change.
 */

export interface Notifier {
  error: (title: string, error: LedgerErrorData) => void;
  success: (text: string) => void;
  warning: (text: string) => void;
}
let notifier: Notifier = {
  error: (title, e) => console.error(title, e.message),
  success: () => {},
  warning: (t) => console.warn(t),
};
export const notifyWarning = (t: string) => notifier.warning(t);
/** A success said once the result is known (the message depends on what the call returned). */
export const notifySuccess = (t: string) => notifier.success(t);

/** Set once by <ApiBridge/> inside antd's <App>, so messages follow the theme and locale. */
export function setNotifier(n: Notifier) {
  notifier = n;
}

const READ_SUFFIXES = ['.list', '.get', '.overdue', '.upcoming', '.check', '.analyze', '.ledgerInfo', '.backups', '.pickImportFile', '.saveFileAs', '.openFile', '.printPdf', '.openDataFolder', '.failedRows', '.saveBackupAs', '.pickPackages', '.conflicts', '.history', '.sources'];
const isRead = (m: string) => READ_SUFFIXES.some((s) => m.endsWith(s));

let version = 0;
const listeners = new Set<() => void>();
function bump() {
  version += 1;
  listeners.forEach((l) => l());
}
function useVersion() {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => version,
  );
}
const writeListeners = new Set<(method: string) => void>();
/** Tells `listener` the name of every write that succeeded (a cache of names forgets what a write may have changed). */
export function onWrite(listener: (method: string) => void): () => void {
  writeListeners.add(listener);
  return () => writeListeners.delete(listener);
}

/** Whether this build's contract has the method (import, export and shell methods arrive separately). */
export function hasMethod(name: string): boolean {
  return isMethod(name) || isShellMethod(name);
}

function api() {
  return (window as { api?: { call: (m: string, a?: unknown) => Promise<Result<unknown>> } }).api;
}

/** The raw answer, for callers that handle errors themselves. */
export async function callRaw<M extends Method>(method: M, args: Args<M>): Promise<Result<Output<M>>> {
  const bridge = api();
  if (!bridge) return { ok: false, error: { code: 'INTERNAL', message: '程序未能连接台账（window.api 不存在），请重新启动程序。' } };
  try {
    const r = (await bridge.call(method, args)) as Result<Output<M>>;
    if (r.ok && !isRead(method)) {
      writeListeners.forEach((l) => l(method));
      bump();
    }
    return r;
  } catch (err) {
    // An IPC failure (not an answer from the core): say it in Chinese, keep the detail for the console.
    console.error(method, err);
    return { ok: false, error: { code: 'INTERNAL', message: `与台账通信失败，操作可能未执行。请重试；如仍失败，请重新启动程序。` } };
  }
}

/**
 * The error's sentences beside the fields of `form` they name (a duplicate
 * name beside 名称, not only in a pop-up that closes by itself); true when
 * every one found its field.
 */
function showOnFields(form: FormInstance, error: LedgerErrorData): boolean {
  if (!error.details?.length) return false;
  const fields = new Set(Object.keys(form.getFieldsValue()));
  const placed = error.details.map((d) => ({ name: d.path.split('.').at(-1) ?? '', message: d.message })).filter((d) => fields.has(d.name));
  if (placed.length < error.details.length) return false;
  form.setFields(placed.map((d) => ({ name: d.name, errors: [d.message] })));
  return true;
}

/**
 * Call a method; on error show it and resolve to undefined. With `form`, an
 * error about its fields is shown beside them instead of in a pop-up.
 */
export async function call<M extends Method>(method: M, args: Args<M>, opts: { success?: string; errorTitle?: string; form?: FormInstance } = {}): Promise<Output<M> | undefined> {
  const r = await callRaw(method, args);
  if (!r.ok) {
    if (opts.form && showOnFields(opts.form, r.error)) return undefined;
    notifier.error(opts.errorTitle ?? '操作未完成', r.error);
    return undefined;
  }
  if (opts.success) notifier.success(opts.success);
  return r.data;
}

/** A method the desktop shell answers (dialogs, files, backups, printing); same channel, same error handling. */
export async function shellCall<M extends ShellMethod>(method: M, args: ShellArgs<M>, opts: { success?: string; errorTitle?: string } = {}): Promise<ShellOutput<M> | undefined> {
  const r = (await callRaw(method as unknown as Method, args as never)) as unknown as Result<ShellOutput<M>>;
  if (!r.ok) {
    notifier.error(opts.errorTitle ?? '操作未完成', r.error);
    return undefined;
  }
  if (opts.success) notifier.success(opts.success);
  return r.data;
}

export interface CallState<T> {
  data: T | undefined;
  loading: boolean;
  error: LedgerErrorData | undefined;
  reload: () => void;
}

/** A read that reloads when its arguments change or after any write. `args = null` skips the call. */
export function useCall<M extends Method>(method: M, args: Args<M> | null): CallState<Output<M>> {
  const v = useVersion();
  const [local, setLocal] = useState(0);
  const [state, setState] = useState<{ data?: Output<M>; loading: boolean; error?: LedgerErrorData }>({ loading: args !== null });
  const key = args === null ? null : JSON.stringify(args);
  const argsRef = useRef(args);
  argsRef.current = args;
  useEffect(() => {
    if (key === null) return;
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    void callRaw(method, argsRef.current as Args<M>).then((r) => {
      if (!live) return;
      if (r.ok) setState({ data: r.data, loading: false });
      else {
        setState((s) => ({ data: s.data, loading: false, error: r.error }));
        notifier.error('读取失败', r.error);
      }
    });
    return () => {
      live = false;
    };
  }, [method, key, v, local]);
  const reload = useCallback(() => setLocal((n) => n + 1), []);
  return { data: state.data, loading: state.loading, error: state.error, reload };
}

// ── 忙碌保护：导入、导出、打印这类长任务同一时间只能有一个 ──────────────
export interface BusyState {
  label: string;
  startedAt: number;
}
let busy: BusyState | null = null;
const busyListeners = new Set<() => void>();
function setBusy(b: BusyState | null) {
  busy = b;
  busyListeners.forEach((l) => l());
}
export function useBusy(): BusyState | null {
  return useSyncExternalStore(
    (l) => {
      busyListeners.add(l);
      return () => busyListeners.delete(l);
    },
    () => busy,
  );
}

/** Run long work once: a second start while busy is refused with a notice. */
export async function runExclusive<T>(label: string, work: () => Promise<T>): Promise<T | undefined> {
  if (busy) {
    notifier.warning(`正在${busy.label}，请等它完成后再操作。`);
    return undefined;
  }
  setBusy({ label, startedAt: Date.now() });
  try {
    return await work();
  } finally {
    setBusy(null);
  }
}
