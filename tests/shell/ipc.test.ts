import { describe, expect, it } from 'vitest';
import { IPC_CHANNEL } from '../../shared/api';
import type { Dispatch } from '../../electron/core';
import { PickedFiles, appUrlCheck, createShellDispatch, registerIpc, senderCheck, type IpcEvent, type ShellHandlers } from '../../electron/main/ipc';
import { memoryCore } from '../helpers/core';

const APP = 'file:///C:/Program%20Files/%E9%A2%86/resources/app.asar/out/renderer/index.html';
const ours = (id = 1, url = `${APP}#/topics`, parent: unknown = null): IpcEvent => ({ sender: { id }, senderFrame: { url, parent } });

/** A fake ipcMain that records what was registered. */
function fakeIpcMain() {
  const channels = new Map<string, (event: IpcEvent, ...args: unknown[]) => unknown>();
  return {
    channels,
    handle: (channel: string, listener: (event: IpcEvent, ...args: unknown[]) => unknown) => {
      if (channels.has(channel)) throw new Error(`second handler for ${channel}`);
      channels.set(channel, listener);
    },
  };
}

const shellStub = (over: Partial<ShellHandlers> = {}) =>
  ({
    'shell.ledgerInfo': () => ({ file: '/d/ledger.db', name: 'ledger.db', dataDir: '/d', isDefault: true, warning: null, backups: 0, lastBackupAt: null }),
    ...over,
  }) as ShellHandlers;

function setup(opts: { core?: Dispatch | null } = {}) {
  const ipc = fakeIpcMain();
  const core = opts.core === null ? undefined : (opts.core ?? memoryCore().dispatch);
  const picked = new PickedFiles('linux');
  const calls: string[] = [];
  registerIpc(ipc, {
    isTrustedSender: senderCheck(new Set([1]), appUrlCheck(APP)),
    core: () =>
      core &&
      (async (m, a) => {
        calls.push(m);
        return core(m, a);
      }),
    shell: createShellDispatch(shellStub()),
    picked,
  });
  const invoke = (event: IpcEvent, method: unknown, args?: unknown) => ipc.channels.get(IPC_CHANNEL)!(event, method, args) as Promise<{ ok: boolean; error?: { code: string; message: string; details?: unknown[] }; data?: unknown }>;
  return { ipc, invoke, picked, calls };
}

describe('IPC registration', () => {
  it('registers exactly one handler, on the contract channel', () => {
    const { ipc } = setup();
    expect([...ipc.channels.keys()]).toEqual([IPC_CHANNEL]);
  });

  it('routes core methods to the core and shell methods to the shell', async () => {
    const { invoke } = setup();
    expect(await invoke(ours(), 'stats.get', {})).toMatchObject({ ok: true });
    expect(await invoke(ours(), 'shell.ledgerInfo', {})).toMatchObject({ ok: true, data: { name: 'ledger.db' } });
  });
});

describe('senders', () => {
  it('refuses unknown windows, iframes, other pages and destroyed frames', async () => {
    const { invoke, calls } = setup();
    for (const event of [ours(2), ours(1, APP, { url: APP }), ours(1, 'https://evil.example/'), ours(1, 'file:///C:/Users/u/Downloads/x.html'), { sender: { id: 1 }, senderFrame: null }]) {
      const r = await invoke(event, 'stats.get', {});
      expect(r).toMatchObject({ ok: false, error: { message: '拒绝来自未知窗口的请求。' } });
    }
    expect(calls).toEqual([]);
  });

  it('accepts the dev server in development', () => {
    const check = appUrlCheck(APP, 'http://localhost:5173/');
    expect(check('http://localhost:5173/#/x')).toBe(true);
    expect(check('http://localhost:5174/')).toBe(false);
    expect(appUrlCheck(APP)('http://localhost:5173/')).toBe(false);
  });
});

describe('arguments', () => {
  it('bad arguments get a structured Chinese error, from the core and from the shell', async () => {
    const { invoke } = setup();
    const core = await invoke(ours(), 'topic.create', { title: '' });
    expect(core).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(core.error!.message).toMatch(/^填写有误/);
    const shell = await invoke(ours(), 'shell.saveFileAs', { kind: 'doc', suggestedName: '' });
    expect(shell).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(shell.error!.message).toMatch(/文件类型.*应为：pdf、xlsx/);
    expect(shell.error!.details).toHaveLength(2);
  });

  it('unknown methods and non-string names are refused', async () => {
    const { invoke } = setup();
    expect(await invoke(ours(), 'shell.formatDisk', {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD', message: '未知的操作：shell.formatDisk' } });
    expect(await invoke(ours(), 'db.exec', {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
    expect(await invoke(ours(), { evil: true }, {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
  });

  it('a file path the clerk did not pick in a dialog is refused', async () => {
    const { invoke, picked, calls } = setup();
    const r = await invoke(ours(), 'report.summary', { out: '/etc/passwd.pdf' });
    expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: '只能使用在对话框中选择的文件，请重新选择文件。' } });
    expect(calls).toEqual([]);
    picked.add('/home/u/报告.pdf', 'save');
    await invoke(ours(), 'report.summary', { out: '/home/u/报告.pdf' });
    expect(calls).toEqual(['report.summary']);
  });

  it('a path picked to read is never written, and a path picked to save is never read as input', async () => {
    const { invoke, picked, calls } = setup();
    picked.add('/home/u/旧台账.xlsx', 'read');
    picked.add('/home/u/导出.xlsx', 'save');
    // The workbook picked for import cannot be the export's output (it was overwritten before).
    const overwrite = await invoke(ours(), 'export.ledger', { out: '/home/u/旧台账.xlsx' });
    expect(overwrite).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: '只能使用在对话框中选择的文件，请重新选择文件。' } });
    // Nor the failed rows' output; and a saved file is not an import's input.
    expect(await invoke(ours(), 'import.failedRows', { file: '/home/u/旧台账.xlsx', output: '/home/u/旧台账.xlsx' })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await invoke(ours(), 'import.analyze', { file: '/home/u/导出.xlsx' })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(calls).toEqual([]);
    // Each in its own role passes through to the core.
    await invoke(ours(), 'import.failedRows', { file: '/home/u/旧台账.xlsx', output: '/home/u/导出.xlsx' });
    expect(calls).toEqual(['import.failedRows']);
  });

  it('no ledger open: a clear sentence, not a crash', async () => {
    const { invoke } = setup({ core: null });
    expect(await invoke(ours(), 'stats.get', {})).toMatchObject({ ok: false, error: { code: 'BAD_STATE' } });
  });
});

describe('shell dispatch', () => {
  it('a thrown error becomes {ok:false} with a Chinese sentence, never an exception', async () => {
    const logged: string[] = [];
    const dispatch = createShellDispatch(
      shellStub({
        'shell.ledgerInfo': () => {
          throw new Error('boom');
        },
      }),
      { logError: (m) => logged.push(m) },
    );
    const r = await dispatch('shell.ledgerInfo', undefined);
    expect(r).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(logged).toEqual(['shell.ledgerInfo']);
  });

  it('PickedFiles compares Windows paths case-insensitively and looks at path-like keys only', () => {
    const p = new PickedFiles('win32');
    p.add('C:\\Users\\u\\Desktop\\台账.xlsx', 'read');
    expect(p.has('c:\\users\\U\\desktop\\台账.XLSX', 'read')).toBe(true);
    expect(p.has('c:\\users\\U\\desktop\\台账.XLSX', 'save')).toBe(false);
    expect(p.unpicked({ file: 'C:\\Users\\u\\Desktop\\台账.xlsx', title: 'C:\\x' })).toBeUndefined();
    expect(p.unpicked({ templatePath: 'C:\\x' })).toBe('C:\\x');
    expect(p.unpicked({ output: 'C:\\y.xlsx' })).toBe('C:\\y.xlsx');
    // Picking the path again in a save dialog (with its overwrite question) binds it to saving, and only to saving.
    p.add('C:\\Users\\u\\Desktop\\台账.xlsx', 'save');
    expect(p.unpicked({ out: 'C:\\Users\\u\\Desktop\\台账.xlsx' })).toBeUndefined();
    expect(p.unpicked({ file: 'C:\\Users\\u\\Desktop\\台账.xlsx' })).toBe('C:\\Users\\u\\Desktop\\台账.xlsx');
  });

  it('PickedFiles checks every path of a list (the packages of an exchange import)', () => {
    const p = new PickedFiles('linux');
    p.add('/u/a.ldgx', 'read');
    p.add('/u/b.ldgx', 'read');
    expect(p.unpicked({ files: ['/u/a.ldgx', '/u/b.ldgx'] })).toBeUndefined();
    expect(p.unpicked({ files: ['/u/a.ldgx', '/etc/passwd'] })).toBe('/etc/passwd');
    expect(p.unpicked({ packageFiles: ['/u/c.ldgx'] })).toBe('/u/c.ldgx');
  });
});
