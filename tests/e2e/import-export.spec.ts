import fs from 'node:fs';
import path from 'node:path';
import { legacyWorkbook } from '../import/fixtures';
import { expect, repoRoot, shot, test } from './fixtures';

const SAMPLE = path.resolve(repoRoot, '../shared/samples/ankang-2024.xlsx');

test('import the Ankang workbook through the wizard, then export and print it', async ({ page, ledger, open }) => {
  test.skip(!fs.existsSync(SAMPLE), `样例文件不存在：${SAMPLE}`);
  test.setTimeout(120_000);
  ledger.shell.nextPick = SAMPLE;
  await open('import');
  await shot(page, '40-import-pick');
  await page.getByTestId('import-pick').click();

  // 识别结果: four sheets, each column mapped with its confidence
  await expect(page.getByTestId('import-sheet')).toHaveCount(4);
  await expect(page.getByTestId('import-wizard')).toContainText('课题分解表');
  await expect(page.getByTestId('import-wizard')).toContainText('小课题 4');
  await shot(page, '41-import-mapping');
  await page.getByTestId('import-next').click();

  // 试导入: no problems in this file
  await expect(page.getByText('试导入没有发现问题')).toBeVisible();
  await shot(page, '42-import-issues');
  await page.getByTestId('import-next').click();
  await page.getByTestId('import-commit').click();
  await expect(page.getByTestId('import-result')).toContainText('导入完成');
  await shot(page, '43-import-result');
  const topics = await ledger.call<{ title: string; subtopics: number }[]>('topic.list', {});
  expect(topics).toHaveLength(1);
  expect(topics[0]!.subtopics).toBe(4);

  // The dashboard shows the imported campaign
  await page.getByRole('menuitem', { name: '首页' }).click();
  await expect(page.getByTestId('stat-closed')).toContainText('/ 4');
  await expect(page.getByTestId('summary')).toContainText('1项课题');
  await shot(page, '44-dashboard-imported');

  // 导出 Excel and 打印台账 go to the file the (stand-in) save dialog returned
  await page.getByRole('menuitem', { name: '导出/打印' }).click();
  await page.getByTestId('export-ledger').click();
  await expect(page.getByTestId('export-done').first()).toContainText('已保存');
  await page.getByTestId('report-ledger').click();
  await expect(page.getByTestId('export-done')).toHaveCount(2);
  await page.getByRole('button', { name: '打印' }).click();
  await expect.poll(() => ledger.shell.calls.some((c) => c.method === 'shell.printPdf')).toBe(true);
  await page.getByTestId('summary-docx').click();
  await expect(page.getByTestId('export-done')).toHaveCount(3);
  await expect(page.getByTestId('export-done').nth(2)).toContainText('汇总.docx');
  await shot(page, '45-export');
  const written = ledger.shell.calls.filter((c) => c.method === 'shell.saveFileAs').map((c) => path.join(ledger.shell.dir, (c.args as { suggestedName: string }).suggestedName));
  for (const f of written) expect(fs.statSync(f).size).toBeGreaterThan(1000);
  expect(ledger.errors).toEqual([]);
});

test('导入记录 lists every import and undoes one as a whole, after asking', async ({ page, ledger, open }) => {
  test.setTimeout(90_000);
  ledger.shell.nextPick = await legacyWorkbook(path.join(ledger.shell.dir, '汉中台账.xlsx'));
  await open('import');
  await expect(page.getByTestId('import-history')).toContainText('还没有导入过');
  await page.getByTestId('import-pick').click();
  await expect(page.getByTestId('import-sheet').first()).toBeVisible();
  await page.getByTestId('import-next').click();
  await page.getByTestId('import-next').click();
  await page.getByTestId('import-commit').click();
  await expect(page.getByTestId('import-result')).toContainText('导入完成');
  await page.getByRole('button', { name: '再导入一个文件' }).click();

  const history = page.getByTestId('import-history');
  await expect(history).toContainText('汉中台账.xlsx');
  await expect(history).toContainText('新增 2 项课题、9 项小课题');
  await expect(history).toContainText('有效');
  await shot(page, '46-import-history');
  await history.getByTestId('import-history-undo').click();
  await page.getByRole('button', { name: '撤销', exact: true }).last().click();
  await expect(history).toContainText('撤销', { timeout: 15_000 });
  await expect(history.getByTestId('import-history-undo')).toHaveCount(0);
  expect(await ledger.call<unknown[]>('topic.list', {})).toEqual([]);
  await shot(page, '47-import-undone');
  expect(ledger.errors).toEqual([]);
});

test('the wizard offers 清空空白单元格; ticked, the dry run lists the stored value an empty cell would clear', async ({ page, ledger, open }) => {
  test.setTimeout(90_000);
  await ledger.call('import.commit', { file: await legacyWorkbook(path.join(ledger.shell.dir, '第一次.xlsx')) });
  ledger.shell.nextPick = await legacyWorkbook(path.join(ledger.shell.dir, '第二次.xlsx'), { edit: { 成本测算: { measures: null } } });
  await open('import');
  await page.getByTestId('import-pick').click();
  await page.getByTestId('import-next').click();
  const clearBlank = page.getByTestId('import-clear-blank');
  await expect(clearBlank).toBeVisible();
  await expect(clearBlank).not.toBeChecked();
  await expect(page.getByTestId('import-issues')).not.toContainText('将清空');
  await clearBlank.click();
  await expect(page.getByTestId('import-issues')).toContainText('将清空已有的“推进措施”：按月测算');
  await page.getByTestId('import-next').click();
  await page.getByTestId('import-commit').click();
  await expect(page.getByTestId('import-result')).toContainText('导入完成');
  const topic = (await ledger.call<{ id: string; title: string }[]>('topic.list', {})).find((t) => t.title === '提升揽投服务质效')!;
  const subs = await ledger.call<{ title: string; measures: string }[]>('subtopic.list', { topicId: topic.id });
  expect(subs.find((s) => s.title === '成本测算')!.measures).toBe('');
  expect(ledger.errors).toEqual([]);
});

test('the topic list stays fast with thousands of rows (virtual scrolling)', async ({ page, ledger, open }) => {
  const campaign = await ledger.call<{ id: string }>('campaign.create', { name: '全省活动', year: 2024 });
  const insert = ledger.core.db.transaction(() => {
    for (let i = 1; i <= 3000; i++) void ledger.core.dispatch('topic.create', { campaignId: campaign.id, code: String(i), title: `课题${String(i).padStart(4, '0')}` });
  });
  insert();
  await expect.poll(async () => (await ledger.call<unknown[]>('topic.list', {})).length, { timeout: 30_000 }).toBe(3000);
  await open('topics');
  await expect(page.getByTestId('topic-count')).toContainText('共 3000 项');
  // Only the visible rows are in the page
  expect(await page.locator('.ant-table-row').count()).toBeLessThan(80);
  await page.getByTestId('topic-search').locator('input').fill('课题2999');
  await page.getByTestId('topic-search').locator('input').press('Enter');
  await expect(page.getByTestId('topic-count')).toContainText('共 1 项');
  await shot(page, '46-topics-search');
});
