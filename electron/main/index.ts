import { BrowserWindow, Menu, app, dialog, ipcMain, screen, session, shell, type MessageBoxOptions } from 'electron';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { defaultDataDir } from '../core/paths';
import { PickedFiles, appUrlCheck, createShellDispatch, registerIpc, senderCheck } from './ipc';
import { LedgerSession, type StartPrompts } from './ledgerSession';
import { menuTemplate } from './menu';
import { nativeBindingPath } from './native';
import { printPdf } from './printing';
import { createShellHandlers, type Dialogs } from './shellHandlers';
import { settingsStore } from './settings';
import { MIN_SIZE, restoreBounds, trackWindowState } from './windowState';

/*
 * The desktop shell: Electron's pieces wired to the small modules beside
 * this file (ledger session, backups, IPC, menu, window state, printing),
 * which hold the logic and are tested without Electron. The core (../core)
 * never imports Electron.
 *
 * Environment (for tests and IT staff):
 *   LEDGER_DATA_DIR   the data folder (default: %LOCALAPPDATA%\领题破题台账)
 *   LEDGER_DB         open this ledger file (created if missing) instead of the last one
 *   LEDGER_FIRST_RUN  'demo' | 'empty': answer the first-start question without asking
 */

const APP_TITLE = '领题破题台账';
const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
const DEV_URL = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL;
const INDEX_HTML = path.join(__dirname, '../renderer/index.html');
const isAppUrl = appUrlCheck(pathToFileURL(INDEX_HTML).href, DEV_URL);

const dataDir = process.env.LEDGER_DATA_DIR || defaultDataDir();
// Chromium's own files (cache, local storage) also in the local data folder, never in the roaming profile.
app.setPath('userData', path.join(dataDir, 'electron'));
app.setAppUserModelId('cn.chinapost.topicledger');

const logError = (method: string, err: unknown) => console.error(`[${method}]`, err);
const settings = settingsStore(dataDir);
const ledger = new LedgerSession({
  dataDir,
  settings,
  nativeBinding: app.isPackaged ? nativeBindingPath(process.resourcesPath) : undefined,
  logError,
  // Save dialogs start in Documents: a killed export may have left its temporary file there.
  outputDirs: [app.getPath('documents')],
});
const picked = new PickedFiles();
const windowIds = new Set<number>();
let mainWindow: BrowserWindow | undefined;

function parentWindow(): BrowserWindow | undefined {
  return mainWindow && !mainWindow.isDestroyed() ? mainWindow : undefined;
}

async function messageBox(opts: MessageBoxOptions): Promise<number> {
  const parent = parentWindow();
  const r = parent ? await dialog.showMessageBox(parent, opts) : await dialog.showMessageBox(opts);
  return r.response;
}

const dialogs: Dialogs = {
  openFile: async ({ title, filters, defaultPath }) => {
    const opts = { title, filters, defaultPath, properties: ['openFile' as const] };
    const parent = parentWindow();
    const r = parent ? await dialog.showOpenDialog(parent, opts) : await dialog.showOpenDialog(opts);
    return r.canceled ? null : (r.filePaths[0] ?? null);
  },
  openFiles: async ({ title, filters, defaultPath }) => {
    const opts = { title, filters, defaultPath, properties: ['openFile' as const, 'multiSelections' as const] };
    const parent = parentWindow();
    const r = parent ? await dialog.showOpenDialog(parent, opts) : await dialog.showOpenDialog(opts);
    return r.canceled ? [] : r.filePaths;
  },
  saveFile: async ({ title, filters, defaultPath }) => {
    const opts = { title, filters, defaultPath, properties: ['showOverwriteConfirmation' as const, 'createDirectory' as const] };
    const parent = parentWindow();
    const r = parent ? await dialog.showSaveDialog(parent, opts) : await dialog.showSaveDialog(opts);
    return r.canceled || !r.filePath ? null : r.filePath;
  },
  confirm: async ({ title, message, detail, ok }) =>
    (await messageBox({ type: 'warning', title, message, detail, buttons: [ok, '取消'], defaultId: 1, cancelId: 1, noLink: true })) === 0,
  info: async ({ title, message, detail, error }) => {
    await messageBox({ type: error ? 'error' : 'info', title, message, detail, buttons: ['确定'], noLink: true });
  },
};

const prompts: StartPrompts = {
  firstRun: async () => {
    const preset = process.env.LEDGER_FIRST_RUN;
    if (preset === 'demo' || preset === 'empty') return preset;
    const choice = await messageBox({
      type: 'question',
      title: APP_TITLE,
      message: '欢迎使用领题破题台账',
      detail: `这是第一次启动，台账文件将保存在本机：\n${ledger.defaultFile}\n\n可以先载入一套示例数据熟悉操作（以后可新建空台账正式使用），也可以直接从空台账开始。`,
      buttons: ['载入示例数据', '从空台账开始'],
      defaultId: 0,
      cancelId: 1,
      noLink: true,
    });
    return choice === 0 ? 'demo' : 'empty';
  },
  broken: async ({ file, message, backup, busy, damaged }) => {
    // A busy ledger is waited for again, never restored: restoring would move the live ledger aside mid-import.
    const buttons = [...(backup ? ['从最近的备份恢复'] : []), ...(busy ? ['重试'] : []), '打开其他台账…', '新建台账…', '退出'];
    const values = [...(backup ? (['restore'] as const) : []), ...(busy ? (['retry'] as const) : []), 'other', 'new', 'quit'] as const;
    const choice = await messageBox({
      type: busy ? 'warning' : 'error',
      title: APP_TITLE,
      message: busy ? '台账正被其他程序使用' : '台账文件无法打开',
      detail: `${file}\n\n${message}${backup ? `\n\n可以从最近一份完好的备份恢复：${backup.name}（损坏的文件会改名保留在原处）。` : damaged ? '\n\n没有找到可用的备份。' : ''}`,
      buttons,
      defaultId: 0,
      cancelId: buttons.length - 1,
      noLink: true,
    });
    return values[choice] ?? 'quit';
  },
  pickExisting: () => dialogs.openFile({ title: '打开台账', filters: [{ name: '台账数据库', extensions: ['db', 'sqlite', 'ledger'] }], defaultPath: app.getPath('documents') }),
  pickNew: () => dialogs.saveFile({ title: '新建台账', filters: [{ name: '台账数据库', extensions: ['db'] }], defaultPath: path.join(app.getPath('documents'), '领题破题台账.db') }),
  notice: (message) => dialogs.info({ title: APP_TITLE, message }),
  // Closed by the signal when the ledger is free; the clerk's 退出 ends the wait.
  waiting: async (message, done) => {
    await messageBox({ type: 'info', title: APP_TITLE, message: '正在等待台账', detail: message, buttons: ['退出'], noLink: true, signal: done });
  },
};

function windowTitle(): string {
  if (!ledger.file) return APP_TITLE;
  return `${APP_TITLE} — ${path.basename(ledger.file)}${ledger.core?.readOnly ? '（只读）' : ''}`;
}

function refreshMenu(menuActions: ReturnType<typeof createShellHandlers>['menuActions']): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate(menuActions, { recent: settings.read().recentLedgers, dev: !app.isPackaged })));
}

function createPrintWindow(): BrowserWindow {
  // Hidden, sandboxed, no preload: only Chromium's PDF viewer (plugins) runs in it.
  return new BrowserWindow({ show: false, webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, plugins: true } });
}

function createMainWindow(): BrowserWindow {
  const { bounds, maximized } = restoreBounds(
    settings.read().window,
    [screen.getPrimaryDisplay(), ...screen.getAllDisplays().filter((d) => d.id !== screen.getPrimaryDisplay().id)].map((d) => d.workArea),
  );
  const win = new BrowserWindow({
    ...bounds,
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    title: windowTitle(),
    show: false,
    backgroundColor: '#ffffff',
    webPreferences: {
      preload: path.join(__dirname, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  });
  windowIds.add(win.webContents.id);
  const id = win.webContents.id;
  win.on('closed', () => windowIds.delete(id));
  win.once('ready-to-show', () => {
    if (maximized) win.maximize();
    win.show();
  });
  // The page's <title> must not replace the one that names the ledger file.
  win.on('page-title-updated', (e) => e.preventDefault());
  trackWindowState(
    {
      on: (event, listener) => win.on(event as 'resize', listener),
      getNormalBounds: () => win.getNormalBounds(),
      isMaximized: () => win.isMaximized(),
      isMinimized: () => win.isMinimized(),
    },
    (w) => settings.update({ window: w }),
  );
  if (DEV_URL) void win.loadURL(DEV_URL);
  else void win.loadFile(INDEX_HTML);
  return win;
}

/** No remote content, no navigation, no new windows, no webviews, no permissions: in every WebContents. */
function harden(): void {
  const ses = session.defaultSession;
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CSP] } });
  });
  ses.webRequest.onBeforeRequest((details, callback) => {
    const remote = /^(https?|wss?|ftp):/i.test(details.url) && !(DEV_URL && details.url.startsWith(new URL(DEV_URL).origin));
    callback({ cancel: remote });
  });
  ses.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  app.on('web-contents-created', (_e, contents) => {
    contents.on('will-navigate', (e) => e.preventDefault());
    contents.on('will-redirect', (e) => e.preventDefault());
    contents.on('will-attach-webview', (e) => e.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });
}

async function main(): Promise<void> {
  harden();
  if (!(await ledger.start(prompts, { file: process.env.LEDGER_DB || undefined }))) {
    app.quit();
    return;
  }

  const { handlers, menuActions } = createShellHandlers({
    session: ledger,
    dialogs,
    picked,
    documentsDir: app.getPath('documents'),
    openPath: (file) => shell.openPath(file),
    printPdf: (file) => printPdf(file, { openPath: (f) => shell.openPath(f), createHiddenWindow: createPrintWindow }),
    ledgerChanged: () => {
      // Everything on screen belongs to the previous ledger: load the page afresh.
      for (const win of BrowserWindow.getAllWindows()) {
        if (!windowIds.has(win.webContents.id)) continue;
        win.setTitle(windowTitle());
        win.webContents.reload();
      }
      refreshMenu(menuActions);
    },
    appVersion: app.getVersion(),
  });

  registerIpc(ipcMain, {
    isTrustedSender: senderCheck(windowIds, isAppUrl),
    core: () => ledger.core?.dispatch,
    shell: createShellDispatch(handlers, { logError }),
    picked,
    logError,
  });
  refreshMenu(menuActions);
  mainWindow = createMainWindow();
}

if (!app.requestSingleInstanceLock()) {
  // A second start: the first instance focuses its window (below); this one leaves.
  app.quit();
} else {
  app.on('second-instance', () => {
    const win = parentWindow();
    if (!win) return;
    if (win.isMinimized()) win.restore();
    win.show();
    win.focus();
  });
  app
    .whenReady()
    .then(main)
    .catch((err: unknown) => {
      logError('startup', err);
      dialog.showErrorBox(APP_TITLE, `程序启动失败：${err instanceof Error ? err.message : String(err)}`);
      app.quit();
    });
  app.on('window-all-closed', () => app.quit());
  // Clean shutdown: the WAL checkpointed into the ledger file, the file closed.
  app.on('will-quit', () => ledger.close());
}
