import { BrowserWindow, app, ipcMain, session } from 'electron';
import path from 'node:path';
import { IPC_CHANNEL } from '../../shared/api';
import { openCore, type Core } from '../core';
import { defaultLedgerPath } from '../core/paths';

/*
 * The thin shell: a window, the single IPC handler and the ledger's life
 * cycle. Everything else lives in ../core, which never imports Electron.
 */

let core: Core | undefined;

const CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

function createWindow(): BrowserWindow {
  const win = new BrowserWindow({
    width: 1360,
    height: 860,
    title: '领题破题台账',
    show: false,
    webPreferences: {
      preload: path.join(__dirname, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
    },
  });
  win.once('ready-to-show', () => win.show());
  // No remote content: block navigation and new windows.
  win.webContents.on('will-navigate', (e) => e.preventDefault());
  win.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  if (process.env.ELECTRON_RENDERER_URL) void win.loadURL(process.env.ELECTRON_RENDERER_URL);
  else void win.loadFile(path.join(__dirname, '../renderer/index.html'));
  return win;
}

app.whenReady().then(() => {
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CSP] } });
  });
  core = openCore(process.env.LEDGER_DB ?? defaultLedgerPath(), { logError: (m, e) => console.error(m, e) });
  const windows = new Set<number>();
  // Only our own windows may call the core; every call goes through the contract's dispatch.
  ipcMain.handle(IPC_CHANNEL, (event, method: unknown, args: unknown) => {
    if (!windows.has(event.sender.id) || !core) return { ok: false, error: { code: 'INTERNAL', message: '拒绝来自未知窗口的请求。' } };
    return core.dispatch(String(method), args);
  });
  const win = createWindow();
  windows.add(win.webContents.id);
});

app.on('window-all-closed', () => app.quit());
app.on('will-quit', () => core?.close());
