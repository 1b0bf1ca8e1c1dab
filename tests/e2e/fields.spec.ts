import { expect, test } from './fixtures';

/*
 * A sub-topic field described with a form column (shared/fields/subtopic.ts)
 * is a cell of 课题分解, checked as the clerk types by the same rule the core
 * applies: 预算（万元） refuses words and saves a number; an over-long 推进措施
 * is refused with the sentence naming the field, and nothing is saved.
 */
test('课题分解 has a cell for each described form field, each checked by its own rule', async ({ page, ledger, open }) => {
  const campaign = await ledger.call<{ id: string }>('campaign.create', { name: '2026年度活动', year: 2026 });
  const topic = await ledger.call<{ id: string }>('topic.create', { campaignId: campaign.id, title: '提升农村寄递服务' });
  await open('');
  await page.getByRole('menuitem', { name: '课题' }).click();
  await page.getByTestId('topic-table').locator('.ant-table-row').first().click();
  await expect(page.getByTestId('breakdown')).toBeVisible();
  await expect(page.getByTestId('breakdown').getByRole('columnheader', { name: '预算（万元）' })).toBeVisible();

  const row = page.getByTestId('breakdown').locator('.ant-table-row').first();
  await page.getByTestId('add-subtopic').click();
  await row.getByLabel('小课题名称').fill('建设村级寄递服务站');
  await row.getByLabel('推进措施').fill('措'.repeat(20001));
  await expect(page.getByRole('tooltip')).toContainText('推进措施不能超过 20000 个字');
  await row.getByRole('button', { name: '保存' }).click();
  await expect(row).toHaveClass(/row-dirty/);
  expect(await ledger.call<unknown[]>('subtopic.list', { topicId: topic.id })).toEqual([]);

  await row.getByLabel('推进措施').fill('每个行政村设一个服务站');
  await row.getByLabel('预算（万元）').fill('很多');
  await expect(page.getByRole('tooltip')).toContainText('预算（万元）应为数字');
  await row.getByLabel('预算（万元）').fill('12.5');
  await row.getByRole('button', { name: '保存' }).click();
  await expect(row).not.toHaveClass(/row-dirty/);
  const subs = await ledger.call<{ title: string; measures: string; budget: number | null }[]>('subtopic.list', { topicId: topic.id });
  expect(subs.map((s) => [s.title, s.measures, s.budget])).toEqual([['建设村级寄递服务站', '每个行政村设一个服务站', 12.5]]);
  await expect(row.getByLabel('预算（万元）')).toHaveValue('12.5');
  expect(ledger.errors).toEqual([]);
});
