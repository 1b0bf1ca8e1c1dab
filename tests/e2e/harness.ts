import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Page } from '@playwright/test';
import type { Core } from '../../electron/core';

/*
 * The pieces of the UI harness that need no Playwright Test runner: the built
 * renderer served over http, window.api bound to a core, the shell's dialogs
 * stood in for. The e2e fixtures (fixtures.ts) and the screens bench
 * (tests/bench/screens.ts) both use them, so the bench measures exactly what
 * the UI tests run.
 */

/** What the shell's stand-in answers with and records. */
export interface ShellState {
  nextPick: string | null;
  /** What the next multi-file 打开 (the exchange's packages) returns. */
  nextPicks?: string[];
  calls: { method: string; args: unknown }[];
  dir: string;
  readOnly: string | null;
}

/** Where electron-vite builds the renderer. */
export const rendererDir = path.resolve(__dirname, '../../out/renderer');

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

export function serve(dir: string): Promise<{ url: string; close: () => Promise<void> }> {
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

/**
 * The desktop shell (electron/main) answers `shell.*` itself; in the browser
 * its dialogs are stood in for: 打开 returns `shell.nextPick`, 另存为 a file in
 * the test's folder, 打开文件 / 打印 are recorded; the ledger's read-only
 * reason is the core's, or what a test sets in `shell.readOnly`.
 */
export function shellStandIn(shell: ShellState, file: string) {
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

/**
 * window.api in the page, answered by the core (and by `standIn` for the
 * shell's methods); `onAnswer` sees each answer's method and size in bytes
 * (the screens bench measures what each screen downloads).
 */
export async function bindCore(page: Page, core: Core, standIn: (method: string, args: unknown) => unknown, onAnswer?: (method: string, bytes: number) => void): Promise<void> {
  await page.exposeBinding('__ledgerCall', async (_src, method: string, args: unknown) => {
    if (method.startsWith('shell.')) {
      const data = standIn(method, args);
      return data === undefined ? { ok: false, error: { code: 'UNKNOWN_METHOD', message: `未知的操作：${method}` } } : { ok: true, data };
    }
    const json = JSON.stringify(await core.dispatch(method, args ?? undefined));
    onAnswer?.(method, Buffer.byteLength(json));
    return JSON.parse(json) as unknown;
  });
  // As text, not a function: tsx (the bench) compiles functions with helpers the page does not have.
  await page.addInitScript({ content: 'window.api = { call: (m, a) => window.__ledgerCall(m, a === undefined ? null : a) };' });
}

/** The shell's stand-in for a page outside the test fixture (the screens bench). */
export const standInShell = (file: string, dir: string) => shellStandIn({ nextPick: null, calls: [], dir, readOnly: null }, file);

