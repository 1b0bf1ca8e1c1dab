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
