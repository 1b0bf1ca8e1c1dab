import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { build, type Plugin } from 'esbuild';
import { serve } from '../e2e/harness';
import type { GridBench, GridKind } from './grids/page';
import { median, ratioInterval } from './median';

/*
 * The breakdown's grid, measured (issue 16): the same 7-column sheet as antd's
 * Table with an input in every cell (the app's grid today, the baseline), the
 * same with memoized cells (what staying on antd could give), and as
 * react-datasheet-grid, at 25, 100 and 300 rows, in Debian's Chromium.
 * Each round loads the page afresh, mounts 5 rows of the same grid and
 * removes them (antd's styles injected, the code warm, as when a clerk opens
 * a second topic), then measures:
 *   mount  — from root.render() to the first screen of rows painted (a
 *            MutationObserver sees the 10th row's title in a cell, then the
 *            next frame is drawn); antd draws every row in that commit, the
 *            datasheet grid only those in view;
 *   key    — from a keydown in row N/2's 小课题名称 to the character painted in
 *            that cell (median of 5 keys; the datasheet grid's first key opens
 *            its editor); it includes waiting for the next frame (≤ 16 ms);
 *   heap   — JS heap held by the mounted sheet: used heap after a forced GC,
 *            mounted minus before mounting (CDP Runtime.getHeapUsage).
 * The three alternate within each round, so each ratio is of pairs measured
 * seconds apart.
 */

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const SIZES = [25, 100, 300];
const KINDS: GridKind[] = ['antd', 'antd-memo', 'datasheet'];
const KEYS = ['a', 'b', 'c', 'd', 'e'];

/**
 * react-datasheet-grid 4.11.6 depends on react-resize-detector 7, whose peers
 * stop at React 18, so npm put a react-dom 18 under it; one React needs one
 * react-dom, as Vite's resolve.dedupe would give the app's build.
 */
const oneReactDom: Plugin = {
  name: 'one-react-dom',
  setup(b) {
    const root = path.resolve(__dirname, '../..');
    b.onResolve({ filter: /^react-dom(\/|$)/ }, (args) => (args.resolveDir === root ? undefined : b.resolve(args.path, { kind: args.kind, resolveDir: root })));
  },
};

/** The page bundled as the app's build would be (production React, minified), with an index.html beside it. */
async function bundle(dir: string): Promise<void> {
  await build({
    entryPoints: { page: path.join(__dirname, 'grids/page.tsx') },
    outdir: dir,
    bundle: true,
    format: 'iife',
    minify: true,
    target: 'chrome130',
    define: { 'process.env.NODE_ENV': '"production"' },
    plugins: [oneReactDom],
    logLevel: 'error',
  });
  fs.writeFileSync(
    path.join(dir, 'index.html'),
    '<!doctype html><html lang="zh-CN"><head><meta charset="UTF-8"><link rel="stylesheet" href="page.css"></head><body><div id="root"></div><script src="page.js"></script></body></html>',
  );
}

interface Sample {
  mount: number;
  key: number;
  heap: number;
}

const grid = (page: Page) => ({
  mount: (kind: GridKind, n: number) => page.evaluate(([k, rows]) => (window as unknown as { gridBench: GridBench }).gridBench.mount(k, rows), [kind, n] as const),
  unmount: () => page.evaluate(() => (window as unknown as { gridBench: GridBench }).gridBench.unmount()),
  target: (row: number) => page.evaluate((r) => (window as unknown as { gridBench: GridBench }).gridBench.target(r), row),
  arm: (ch: string) => page.evaluate((c) => (window as unknown as { gridBench: GridBench }).gridBench.arm(c), ch),
  typed: () => page.evaluate(() => (window as unknown as { gridBench: GridBench }).gridBench.typed()),
});

async function round(page: Page, url: string, kind: GridKind, n: number): Promise<Sample> {
  const cdp = await page.context().newCDPSession(page);
  const heapUsed = async () => {
    await cdp.send('HeapProfiler.collectGarbage');
    return (await cdp.send('Runtime.getHeapUsage')).usedSize;
  };
  await page.goto(url);
  const g = grid(page);
  await g.mount(kind, 5);
  await g.unmount();
  const before = await heapUsed();
  const mount = await g.mount(kind, n);
  const heap = (await heapUsed()) - before;
  await g.target(Math.floor(n / 2));
  const keys: number[] = [];
  for (const ch of KEYS) {
    await g.arm(ch);
    await page.keyboard.press(ch);
    keys.push(await g.typed());
  }
  await cdp.detach();
  return { mount, key: median(keys), heap };
}

const ms = (x: number) => `${Math.round(x)} ms`;
const mb = (x: number) => `${(x / 1024 / 1024).toFixed(1)} MB`;

export async function benchGrids(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-grids-'));
  const t0 = performance.now();
  await bundle(dir);
  const server = await serve(dir);
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
  try {
    const page = await browser.newPage({ viewport: { width: 1366, height: 680 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const samples = new Map<string, Sample[]>();
    for (let r = 0; r < ROUNDS; r++)
      for (const n of SIZES)
        for (const kind of KINDS) {
          const key = `${kind}:${n}`;
          samples.set(key, [...(samples.get(key) ?? []), await round(page, server.url, kind, n)]);
        }
    console.log(`grids: the breakdown's 7 columns, median of ${ROUNDS} rounds; each figure's ratio to antd as the app draws it (90% interval)`);
    console.log(`grids: ${'rows'.padStart(4)}  ${'measure'.padEnd(28)} ${'antd (app)'.padStart(10)}  ${'antd, memoized cells'.padEnd(26)}  react-datasheet-grid`);
    const measures: [keyof Sample, string, (x: number) => string][] = [
      ['mount', 'mount → first screen painted', ms],
      ['key', 'key → character painted', ms],
      ['heap', 'JS heap held by the sheet', mb],
    ];
    for (const n of SIZES)
      for (const [field, label, unit] of measures) {
        const of = (kind: GridKind) => samples.get(`${kind}:${n}`)!.map((s) => s[field]);
        const base = of('antd');
        const against = (kind: GridKind) => {
          const [lo, hi] = ratioInterval(base, of(kind));
          return `${unit(median(of(kind)))} × ${(median(of(kind)) / median(base)).toFixed(2)} (${lo.toFixed(2)}–${hi.toFixed(2)})`;
        };
        console.log(`grids: ${String(n).padStart(4)}  ${label.padEnd(28)} ${unit(median(base)).padStart(10)}  ${against('antd-memo').padEnd(26)}  ${against('datasheet')}`);
      }
    console.log(`grids: took ${(performance.now() - t0) / 1000 | 0} s`);
  } finally {
    await browser.close();
    await server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
