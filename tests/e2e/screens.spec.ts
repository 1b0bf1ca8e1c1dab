import { expect, shot, test } from './fixtures';

/* Every screen over the demo campaign: it renders in Chinese, without a browser error. */
test('every screen renders over the demo campaign', async ({ page, ledger, open }) => {
  await ledger.call('ledger.demo');
  await open('');
  await expect(page.getByTestId('summary')).toContainText('课题');
  await expect(page.getByTestId('chart-branch').locator('canvas')).toBeVisible();
  await shot(page, '01-dashboard');

  await page.getByRole('menuitem', { name: '课题' }).click();
  await expect(page.getByTestId('topic-table')).toBeVisible();
  await shot(page, '02-topics');

  await page.getByTestId('topic-table').locator('.ant-table-row').first().click();
  await expect(page.getByTestId('breakdown')).toBeVisible();
  await shot(page, '03-topic-breakdown');
  for (const [tab, name] of [
    ['台账', '04-topic-progress'],
    ['成效指标', '05-topic-indicators'],
    ['销号清单', '06-topic-checklist'],
    ['结题', '07-topic-closure'],
  ] as const) {
    await page.getByRole('tab', { name: new RegExp(`^${tab}`) }).click();
    await shot(page, name);
  }

  for (const [menu, name] of [
    ['人员', '08-people'],
    ['组织', '09-units'],
    ['导入', '10-import'],
    ['导出/打印', '11-export'],
    ['设置', '12-settings'],
  ] as const) {
    await page.getByRole('menuitem', { name: menu }).click();
    await shot(page, name);
  }
  expect(ledger.errors).toEqual([]);
});

/* Issue 19: a ledger that could only be opened for viewing says so beside the title, with the reason on hover. */
test('a read-only ledger shows 只读 beside the title; a writable one does not', async ({ page, ledger, open }) => {
  await open('');
  await expect(page.getByText('领题破题台账').first()).toBeVisible();
  await expect(page.getByTestId('read-only')).toHaveCount(0);

  ledger.shell.readOnly = '磁盘空间已满，台账暂时只能查看和打印，不能修改。请清理磁盘（删除不用的文件、清空回收站）后重新打开台账。';
  await page.reload();
  await expect(page.getByTestId('read-only')).toHaveText('只读');
  await page.getByTestId('read-only').hover();
  await expect(page.getByRole('tooltip')).toHaveText(ledger.shell.readOnly);
  await shot(page, 'read-only-title');
});
