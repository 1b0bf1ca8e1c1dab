import { test as base, expect, type Page } from '@playwright/test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openCore, type Core } from '../../electron/core';
import { bindCore, rendererDir, serve, shellStandIn, type ShellState } from './harness';

/*
 * The built renderer served over http on 127.0.0.1 (module scripts do not
 * load from file://), with window.api bound to the real core over a fresh
 * temporary ledger file: the same dispatch and validation as the app
 * (harness.ts holds the pieces, shared with the screens bench).
 */

export const repoRoot = path.resolve(__dirname, '../..');
export { rendererDir };
export const screenshotDir = path.join(repoRoot, 'tests/e2e/screenshots');

export interface LedgerFixture {
  core: Core;
  file: string;
  /** Calls the core directly (setup and checks), throwing on an error answer. */
  call: <T = unknown>(method: string, args?: unknown) => Promise<T>;
  /** Browser-side errors and console errors seen during the test. */
  errors: string[];
  /** The stand-in for the desktop shell's dialogs: what the next 打开 dialog returns, and every shell call made. */
  shell: ShellState;
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
    // A ledger in use has its operator set; the question on a first start has its own test (entry.spec.ts).
    await core.dispatch('settings.set', { operator: '测试员' });
    const shell: LedgerFixture['shell'] = { nextPick: null, calls: [], dir, readOnly: core.readOnly };
    await bindCore(page, core, shellStandIn(shell, file));
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
