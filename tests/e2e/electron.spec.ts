import { _electron as electron, expect, test, type ElectronApplication } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/*
 * The real desktop window (`npm run build` first): the shell's security
 * settings, the one `call` door, the Chinese menu, the ledger in a fresh data
 * folder, the single-instance lock and a clean shutdown. Runs where the
 * Electron binary is installed; elsewhere it reports itself skipped.
 */

const repoRoot = path.resolve(__dirname, '../..');
/** The binary's path, found without require('electron') (which since Electron 45 tries to download a missing one). */
const electronPath = (() => {
  const dir = path.join(repoRoot, 'node_modules', 'electron');
  const pathFile = path.join(dir, 'path.txt');
  const exe = fs.existsSync(pathFile) ? fs.readFileSync(pathFile, 'utf8').trim() : undefined;
  const p = process.env.ELECTRON_OVERRIDE_DIST_PATH ? path.join(process.env.ELECTRON_OVERRIDE_DIST_PATH, exe || 'electron') : exe && path.join(dir, 'dist', exe);
  return p && fs.existsSync(p) ? p : undefined;
})();
const built = fs.existsSync(path.join(repoRoot, 'out/main/index.js')) && fs.existsSync(path.join(repoRoot, 'out/renderer/index.html'));

test.skip(!electronPath, '未安装 Electron 程序（以 ELECTRON_SKIP_BINARY_DOWNLOAD=1 安装）：在能联网的电脑上运行 `node node_modules/electron/install.js` 后再跑此测试');
test.skip(!built, '尚未构建：先运行 `npx electron-vite build`');

let app: ElectronApplication;
let dataDir: string;
let env: Record<string, string>;

test.beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-electron-'));
  env = { ...(process.env as Record<string, string>), LEDGER_DATA_DIR: dataDir, LEDGER_FIRST_RUN: 'demo' };
  delete env.ELECTRON_RENDERER_URL;
  app = await electron.launch({ executablePath: electronPath!, args: [repoRoot], cwd: repoRoot, env });
});

test.afterAll(async () => {
  await app?.close().catch(() => {});
  fs.rmSync(dataDir, { recursive: true, force: true });
});

test('the window opens on the demo ledger in the data folder, titled with the file name', async () => {
  const win = await app.firstWindow();
  await win.waitForLoadState('domcontentloaded');
  const title = await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]!.getTitle());
  expect(title).toBe('领题破题台账 — ledger.db');
  const info = await win.evaluate(() => window.api.call('shell.ledgerInfo', {}));
  expect(info).toMatchObject({ ok: true, data: { file: path.join(dataDir, 'ledger.db'), isDefault: true } });
  const stats = (await win.evaluate(() => window.api.call('stats.get', {}))) as { ok: boolean };
  expect(stats.ok).toBe(true);
  // The day's automatic backup was made on start.
  const backups = fs.readdirSync(path.join(dataDir, 'backups')).flatMap((d) => fs.readdirSync(path.join(dataDir, 'backups', d)));
  expect(backups.some((n) => /-daily\.db$/.test(n))).toBe(true);
});

test('the page has no Node, only window.api.call; bad calls get Chinese errors', async () => {
  const win = await app.firstWindow();
  expect(await win.evaluate(() => [typeof (window as { require?: unknown }).require, typeof (window as { process?: unknown }).process, Object.keys(window.api)])).toEqual([
    'undefined',
    'undefined',
    ['call'],
  ]);
  const bad = (await win.evaluate(() => window.api.call('shell.saveFileAs', { kind: 'exe' }))) as { ok: boolean; error: { code: string; message: string } };
  expect(bad.ok).toBe(false);
  expect(bad.error.code).toBe('VALIDATION');
  expect(bad.error.message).toMatch(/填写有误/);
  const stray = (await win.evaluate(() => window.api.call('report.summary', { out: 'C:\\Windows\\x.pdf' }))) as { ok: boolean; error: { message: string } };
  expect(stray.error.message).toContain('对话框中选择');
});

test('navigation, new windows and remote content are blocked', async () => {
  const win = await app.firstWindow();
  const before = win.url();
  await win.evaluate(() => {
    window.location.href = 'https://example.com/';
  });
  await win.waitForTimeout(500);
  expect(win.url()).toBe(before);
  expect(await win.evaluate(() => window.open('https://example.com/') === null)).toBe(true);
  expect(await win.evaluate(() => fetch('https://example.com/').then(() => 'loaded', () => 'blocked'))).toBe('blocked');
  expect(app.windows()).toHaveLength(1);
  const prefs = await app.evaluate(({ BrowserWindow }) => {
    const wc = BrowserWindow.getAllWindows()[0]!.webContents;
    const p = (wc as unknown as { getLastWebPreferences: () => Record<string, unknown> }).getLastWebPreferences();
    return { contextIsolation: p.contextIsolation, sandbox: p.sandbox, nodeIntegration: p.nodeIntegration };
  });
  expect(prefs).toEqual({ contextIsolation: true, sandbox: true, nodeIntegration: false });
});

test('the menu is in Chinese', async () => {
  const labels = await app.evaluate(({ Menu }) => Menu.getApplicationMenu()!.items.map((i) => [i.label, i.submenu?.items.map((s) => s.label).filter(Boolean)]));
  expect(labels.map((l) => l[0])).toEqual(['文件(&F)', '编辑(&E)', '视图(&V)', '帮助(&H)']);
  expect(labels[0]![1]).toEqual(expect.arrayContaining(['新建台账…', '打开台账…', '另存备份…', '从备份恢复…', '退出']));
  expect(labels[3]![1]).toEqual(expect.arrayContaining(['打开数据文件夹', '关于']));
});

test('a second start leaves at once (single instance) and the first keeps running', async () => {
  const second = spawnSync(electronPath!, [repoRoot], { cwd: repoRoot, env, timeout: 30_000 });
  expect(second.status).toBe(0);
  expect(await (await app.firstWindow()).evaluate(() => window.api.call('shell.ledgerInfo', {}).then((r) => r.ok))).toBe(true);
});

test('closing checkpoints the WAL into the ledger file', async () => {
  await app.close();
  const wal = path.join(dataDir, 'ledger.db-wal');
  expect(fs.existsSync(wal) ? fs.statSync(wal).size : 0).toBe(0);
  expect(fs.statSync(path.join(dataDir, 'ledger.db')).size).toBeGreaterThan(0);
});
