import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { openCore, type Core } from '../../electron/core';
import { bindCore, rendererDir, serve, standInShell } from '../e2e/harness';
import { median } from './median';
import { buildProvinceLedger } from './province';

/*
 * The screens at province scale (issue 16): 2,000 topics, 50,000 sub-topics,
 * 2,000 people, in Debian's Chromium through the same harness as the UI tests
 * (the built renderer, window.api bound to the real core). Each screen's time
 * is printed beside its baseline measured in the same run — the core calls it
 * makes, alone — and the largest answer any screen received (goal < 1 MB).
 * Goals: dashboard sentence and cards < 1 s; a topic with 25 sub-topics open
 * < 500 ms; 20 checklist items added < 1 s.
 */

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const MB = 1024 * 1024;

function timeCore(run: () => unknown): number {
  const times: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const t = performance.now();
    run();
    times.push(performance.now() - t);
  }
  return median(times);
}

/** The median of ROUNDS runs; each run says how long its measured part took. */
async function timeRuns(run: () => Promise<number>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < ROUNDS; i++) times.push(await run());
  return median(times);
}

/** How long `step` takes on the page. */
async function timed(step: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await step();
  return performance.now() - t;
}

const ms = (n: number) => `${Math.round(n)} ms`;
const verdict = (ok: boolean) => (ok ? 'OK' : 'NOT MET');

function report(name: string, screen: number, baseline: number, goal: number): void {
  console.log(`screens: ${name.padEnd(28)} ${ms(screen).padStart(8)}  (core calls alone ${ms(baseline)}, ratio ${(screen / Math.max(baseline, 0.1)).toFixed(1)}; goal < ${ms(goal)}) ${verdict(screen < goal)}`);
}

export async function benchScreens(): Promise<void> {
  if (!fs.existsSync(path.join(rendererDir, 'index.html'))) {
    console.log('screens: building the renderer (npx electron-vite build) …');
    execFileSync('npx', ['electron-vite', 'build'], { stdio: 'ignore' });
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-screens-'));
  const file = path.join(dir, 'province.db');
  const core: Core = openCore(file, { operator: '基准测试' });
  await core.dispatch('settings.set', { operator: '基准测试' }); // no first-start question over the screens
  const t0 = performance.now();
  const { campaignId } = buildProvinceLedger(core, { topics: 2_000, subtopics: 50_000, people: 2_000 });
  console.log(`screens: province ledger (2,000 topics, 50,000 sub-topics, 2,000 people) built in ${ms(performance.now() - t0)}`);
  const [topic] = (await core.call('topic.list', { campaignId })).filter((t) => t.subtopics === 25);
  if (!topic) throw new Error('no topic with 25 sub-topics');

  const server = await serve(rendererDir);
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
  try {
    const page = await browser.newPage({ viewport: { width: 1366, height: 680 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const answers: { method: string; bytes: number }[] = [];
    await bindCore(page, core, standInShell(file, dir), (method, bytes) => answers.push({ method, bytes }));

    // The dashboard: from the clerk's click on 首页 (the app already loaded, on the topic list) to the quoted sentence and the cards.
    await page.goto(`${server.url}#/topics`);
    const dashboard = await timeRuns(async () => {
      await page.evaluate(() => (window.location.hash = '#/topics'));
      await page.getByTestId('topic-table').waitFor();
      return timed(async () => {
        await page.evaluate(() => (window.location.hash = '#/'));
        await page.getByTestId('summary').waitFor();
        await page.getByTestId('stat-overdue').waitFor();
      });
    });
    const dashboardCore = timeCore(() => core.dispatch('dashboard.get', { campaignId, rows: 40, days: 14 }));
    report('dashboard sentence + cards', dashboard, dashboardCore, 1_000);

    // A topic with 25 sub-topics: from navigation to its last sub-topic on screen.
    const last = (await core.call('subtopic.list', { topicId: topic.id })).at(-1)!;
    const openTopic = await timeRuns(async () => {
      await page.goto(`${server.url}#/`);
      await page.getByTestId('summary').waitFor();
      answers.length = 0;
      return timed(async () => {
        await page.evaluate((id) => (window.location.hash = `#/topic/${id}?tab=breakdown`), topic.id);
        await page.getByText(last.title, { exact: true }).first().waitFor();
      });
    });
    const opened = answers.map((a) => a.method);
    console.log(`screens: opening the topic asked the core ${opened.length} times (${[...new Set(opened)].map((m) => `${m} ×${opened.filter((x) => x === m).length}`).join(', ')})`);
    const openCoreMs = timeCore(() => core.dispatch('topic.get', { id: topic.id }));
    report('topic with 25 sub-topics open', openTopic, openCoreMs, 500);

    // Typing in the grid: from a key pressed in the 13th row's 小课题名称 to the next frame, the character in the cell.
    // Each key re-renders what a state change re-renders: with every cell drawn again, this grows with the rows.
    await page.evaluate((id) => (window.location.hash = `#/topic/${id}?tab=breakdown`), topic.id);
    const cell = page.getByTestId('breakdown').locator('.ant-table-row').nth(12).getByLabel('小课题名称');
    await cell.click();
    await page.keyboard.press('End');
    const keys: number[] = [];
    for (let i = 0; i < ROUNDS * 3; i++) {
      keys.push(
        await timed(async () => {
          await page.keyboard.press(i % 2 ? 'Backspace' : 'a');
          await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r(null))));
        }),
      );
    }
    const frame = median(await Promise.all(Array.from({ length: 5 }, () => timed(() => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r(null))))))));
    console.log(`screens: key → character in a 25-row grid      ${ms(median(keys)).padStart(8)}  (a frame alone ${ms(frame)}; ${ROUNDS * 3} keys)`);
    await page.keyboard.press('Escape');

    // 20 checklist items pasted and added in one call.
    const lines = (round: number) => Array.from({ length: 20 }, (_, i) => `走访商户${round}-${i + 1}\t网点${i % 4}`).join('\n');
    let round = 0;
    await page.goto(`${server.url}#/topic/${topic.id}?tab=checklist`);
    await page.getByTestId('checklist-paste').waitFor();
    const paste = await timeRuns(async () => {
      round += 1;
      const expected = (await core.call('checklist.list', { topicId: topic.id })).length + 20;
      await page.getByTestId('checklist-paste').click();
      await page.getByTestId('checklist-paste-text').fill(lines(round));
      // From the click to the new count on screen (the items added and the list read again); the dialog's fade-out after is not counted.
      const ms = await timed(async () => {
        await page.getByRole('button', { name: '添加 20 项' }).click();
        await page.getByTestId('checklist-progress').getByText(`/ ${expected}`).waitFor();
      });
      await page.getByRole('dialog').waitFor({ state: 'hidden' });
      return ms;
    });
    let coreRound = 0;
    const pasteCore = timeCore(() => core.dispatch('checklist.createMany', { topicId: topic.id, items: lines(1000 + ++coreRound).split('\n').map((l) => ({ item: l.split('\t')[0]! })) }));
    report('20 checklist items added', paste, pasteCore, 1_000);

    const largest = answers.reduce((a, b) => (b.bytes > a.bytes ? b : a), { method: '-', bytes: 0 });
    console.log(`screens: largest answer received by any screen: ${(largest.bytes / 1024).toFixed(0)} KB (${largest.method}; goal < 1 MB) ${verdict(largest.bytes < MB)}`);
  } finally {
    await browser.close();
    await server.close();
    core.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
