import { test as base, expect, type Page } from '@playwright/test';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { openCore, type Core } from '../../electron/core';

/*
 * The built renderer served over http on 127.0.0.1 (module scripts do not
 * load from file://), with window.api bound to the real core over a fresh
 * temporary ledger file: the same dispatch and validation as the app.
 */

export const repoRoot = path.resolve(__dirname, '../..');
export const rendererDir = path.join(repoRoot, 'out/renderer');
export const screenshotDir = path.join(repoRoot, 'tests/e2e/screenshots');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.json': 'application/json',
};

function serve(dir: string): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer((req, res) => {
    const urlPath = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    if (urlPath === '/favicon.ico') {
      res.writeHead(204).end();
      return;
    }
    const file = path.join(dir, urlPath === '/' ? 'index.html' : urlPath);
    if (!file.startsWith(dir) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({ url: `http://127.0.0.1:${port}/`, close: () => new Promise((r) => server.close(() => r())) });
    }),
  );
}

export interface LedgerFixture {
  core: Core;
  file: string;
  /** Calls the core directly (setup and checks), throwing on an error answer. */
  call: <T = unknown>(method: string, args?: unknown) => Promise<T>;
  /** Browser-side errors and console errors seen during the test. */
  errors: string[];
  /** The stand-in for the desktop shell's dialogs: what the next 打开 dialog returns, and every shell call made. */
  shell: { nextPick: string | null; nextPicks?: string[]; calls: { method: string; args: unknown }[]; dir: string; readOnly: string | null };
}

/**
 * The desktop shell (electron/main) answers `shell.*` itself; in the browser
 * its dialogs are stood in for: 打开 returns `shell.nextPick`, 另存为 a file in
 * the test's folder, 打开文件 / 打印 are recorded; the ledger's read-only
 * reason is the core's, or what a test sets in `shell.readOnly`.
 */
function shellStandIn(shell: LedgerFixture['shell'], file: string) {
  return (method: string, args: unknown): unknown => {
    shell.calls.push({ method, args });
    const a = (args ?? {}) as Record<string, string>;
    switch (method) {
      case 'shell.pickImportFile':
        return shell.nextPick ? { file: shell.nextPick, name: path.basename(shell.nextPick) } : null;
      case 'shell.pickPackages':
        return (shell.nextPicks ?? []).map((f) => ({ file: f, name: path.basename(f) }));
      case 'shell.saveFileAs':
        return { file: path.join(shell.dir, a.suggestedName ?? 'out'), name: a.suggestedName ?? 'out' };
      case 'shell.openFile':
        return { opened: true };
      case 'shell.printPdf':
        return { printed: true };
      case 'shell.ledgerInfo':
        return { file, name: path.basename(file), dataDir: shell.dir, isDefault: false, warning: null, backups: 0, lastBackupAt: null, readOnly: shell.readOnly };
      case 'shell.backups':
        return [];
      default:
        return undefined;
    }
  };
}

export const test = base.extend<{ ledger: LedgerFixture; open: (hash?: string) => Promise<void> }, { baseUrl: string }>({
  baseUrl: [
    async ({}, use) => {
      if (!fs.existsSync(path.join(rendererDir, 'index.html'))) throw new Error('out/renderer 不存在：请先运行 npx electron-vite build');
      const server = await serve(rendererDir);
      await use(server.url);
      await server.close();
    },
    { scope: 'worker' },
  ],
  ledger: async ({ page }, use) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-e2e-'));
    const file = path.join(dir, 'ledger.db');
    const errors: string[] = [];
    const core = openCore(file, { validateOutput: true, operator: '测试员', logError: (m, e) => errors.push(`core ${m}: ${String(e)}`) });
    const shell: LedgerFixture['shell'] = { nextPick: null, calls: [], dir, readOnly: core.readOnly };
    const standIn = shellStandIn(shell, file);
    await page.exposeBinding('__ledgerCall', async (_src, method: string, args: unknown) => {
      if (method.startsWith('shell.')) {
        const data = standIn(method, args);
        return data === undefined ? { ok: false, error: { code: 'UNKNOWN_METHOD', message: `未知的操作：${method}` } } : { ok: true, data };
      }
      return JSON.parse(JSON.stringify(await core.dispatch(method, args ?? undefined)));
    });
    await page.addInitScript(() => {
      const w = window as unknown as { api: unknown; __ledgerCall: (m: string, a: unknown) => Promise<unknown> };
      w.api = { call: (m: string, a: unknown) => w.__ledgerCall(m, a === undefined ? null : a) };
    });
    page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(`console: ${m.text()}`);
    });
    const call = async <T,>(method: string, args: unknown = {}) => {
      const r = await core.dispatch(method, args);
      if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
      return r.data as T;
    };
    await use({ core, file, call, errors, shell });
    core.close();
    fs.rmSync(dir, { recursive: true, force: true });
  },
  open: async ({ page, baseUrl, ledger: _ledger }, use) => {
    await use(async (hash = '') => {
      await page.goto(`${baseUrl}#/${hash}`);
      await expect(page.getByText('领题破题台账').first()).toBeVisible();
    });
  },
});

export async function shot(page: Page, name: string) {
  fs.mkdirSync(screenshotDir, { recursive: true });
  await page.waitForTimeout(350); // let antd's motion settle
  await page.screenshot({ path: path.join(screenshotDir, `${name}.png`), fullPage: true });
}

export { expect };
