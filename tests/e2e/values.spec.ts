import { expect, shot, test } from './fixtures';

/*
 * Values typed in the forms are read by the same parsers as the import
 * (shared/values) and shown as understood before anything is saved; what
 * cannot be read is refused with a Chinese sentence, never stored as text
 * or clamped. On the small screen many office PCs have: 1366×680.
 */
test.use({ viewport: { width: 1366, height: 680 } });

interface Sub {
  title: string;
  deadline: string | null;
  deadlineText: string;
}

async function topicWith(ledger: { call: <T>(m: string, a?: unknown) => Promise<T> }, period: { startDate?: string; endDate?: string } = {}) {
  const campaign = await ledger.call<{ id: string }>('campaign.create', { name: '2026年“领题破题”活动', year: 2026 });
  return ledger.call<{ id: string }>('topic.create', { campaignId: campaign.id, title: '提升农村寄递物流服务水平', status: '破题中', ...period });
}

/** Last day of next month in the browser's calendar (the form reads 下月底 against today). */
function endOfNextMonth(): { iso: string; shown: string } {
  const now = new Date();
  const d = new Date(now.getFullYear(), now.getMonth() + 2, 0);
  const iso = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  return { iso, shown: `= ${d.getFullYear()}年${d.getMonth() + 1}月${d.getDate()}日` };
}

test('完成时限: 2026-02-30 refused, 2026年9月底 and 下月底 understood and shown before saving', async ({ page, ledger, open }) => {
  const topic = await topicWith(ledger);
  await open(`topic/${topic.id}?tab=breakdown`);
  const rows = page.getByTestId('breakdown').locator('.ant-table-row');
  await page.getByTestId('add-subtopic').click();
  await rows.first().getByLabel('小课题名称').fill('建设村级寄递服务站');
  const deadline = rows.first().locator('[id$="-deadline"]');

  await deadline.fill('2026-02-30');
  await expect(rows.first().getByTestId('value-error')).toHaveText('不是有效的日期（该月没有这一天）');
  await deadline.press('Enter');
  await expect(rows.first()).toHaveClass(/row-dirty/);
  await shot(page, '60-deadline-refused');
  expect(await ledger.call<Sub[]>('subtopic.list', { topicId: topic.id })).toEqual([]);

  await deadline.fill('2026年9月底');
  await expect(rows.first().getByTestId('value-hint')).toHaveText('= 2026年9月30日');
  await shot(page, '61-deadline-understood');
  await rows.first().getByRole('button', { name: '保存' }).click();
  await expect(rows.first()).not.toHaveClass(/row-dirty/);

  await page.getByTestId('add-subtopic').click();
  await rows.nth(1).getByLabel('小课题名称').fill('党员公开承诺');
  const next = endOfNextMonth();
  await rows.nth(1).locator('[id$="-deadline"]').fill('下月底');
  await expect(rows.nth(1).getByTestId('value-hint')).toHaveText(next.shown);
  await rows.nth(1).getByRole('button', { name: '保存' }).click();
  await expect(rows.nth(1)).not.toHaveClass(/row-dirty/);

  const subs = await ledger.call<(Sub & { overdue: boolean })[]>('subtopic.list', { topicId: topic.id });
  expect(subs.map((s) => [s.title, s.deadline, s.deadlineText])).toEqual([
    ['建设村级寄递服务站', '2026-09-30', '2026年9月底'],
    ['党员公开承诺', next.iso, ''],
  ]);
  expect(ledger.errors).toEqual([]);
});

test("a deadline outside the topic's period is a warning beside the field, saved only when accepted, and audited", async ({ page, ledger, open }) => {
  const topic = await topicWith(ledger, { startDate: '2026-01-01', endDate: '2026-06-30' });
  await open(`topic/${topic.id}?tab=breakdown`);
  const row = page.getByTestId('breakdown').locator('.ant-table-row').first();
  await page.getByTestId('add-subtopic').click();
  await row.getByLabel('小课题名称').fill('建设村级寄递服务站');
  await row.locator('[id$="-deadline"]').fill('2026年9月底');
  await expect(row.getByTestId('value-warning')).toHaveText('完成时限（2026年9月30日）晚于课题计划完成日期（2026年6月30日）');
  await row.getByRole('button', { name: '保存' }).click();
  const confirm = page.getByRole('dialog', { name: '完成时限超出课题周期' });
  await expect(confirm).toBeVisible();
  await shot(page, '62-deadline-outside-period');
  await confirm.getByRole('button', { name: '返回修改' }).click();
  expect(await ledger.call<Sub[]>('subtopic.list', { topicId: topic.id })).toEqual([]);
  await row.getByRole('button', { name: '保存' }).click();
  await page.getByRole('dialog', { name: '完成时限超出课题周期' }).getByRole('button', { name: '仍然保存' }).click();
  await expect(row).not.toHaveClass(/row-dirty/);
  const [sub] = await ledger.call<(Sub & { id: string })[]>('subtopic.list', { topicId: topic.id });
  expect(sub!.deadline).toBe('2026-09-30');
  const [line] = await ledger.call<{ reason: string }[]>('audit.list', { entityId: sub!.id });
  expect(line!.reason).toBe('已确认：完成时限（2026年9月30日）晚于课题计划完成日期（2026年6月30日）');
});

test("目标值 1.2万 for an indicator counted in 件 is 12,000, shown before saving", async ({ page, ledger, open }) => {
  const topic = await topicWith(ledger);
  await open(`topic/${topic.id}?tab=indicators`);
  await page.getByRole('button', { name: '新增指标' }).click();
  const dialog = page.getByRole('dialog', { name: '新增成效指标' });
  await dialog.getByLabel('指标名称').fill('农村快递日均业务量');
  await dialog.getByLabel('单位').fill('件');
  await dialog.getByLabel('基期值').fill('8000');
  await dialog.getByLabel('目标值').fill('1.2万');
  await dialog.getByLabel('完成值').fill('1.1万');
  await expect(dialog.getByText('= 12,000 件')).toBeVisible();
  await expect(dialog.getByText('= 11,000 件')).toBeVisible();
  await shot(page, '63-indicator-understood');
  await dialog.getByRole('button', { name: '保存' }).click();
  await expect(dialog).toBeHidden();
  const [indicator] = await ledger.call<{ target: number; actual: number; met: boolean }[]>('indicator.list', { topicId: topic.id });
  expect(indicator).toMatchObject({ target: 12000, actual: 11000, met: false });
  await expect(page.getByTestId('indicators').locator('.ant-tag', { hasText: /^未达标$/ })).toBeVisible();
});

test('a review score of 60 for 实效性（满分 50） is refused, never clamped to 50', async ({ page, ledger, open }) => {
  const topic = await topicWith(ledger);
  await ledger.call('closure.save', { topicId: topic.id, workDone: '建成服务站 12 个', results: '覆盖率 95%' });
  await ledger.call('closure.submit', { topicId: topic.id, submittedDate: '2026-11-30' });
  await open(`topic/${topic.id}?tab=closure`);
  const review = page.getByTestId('review');
  await review.getByLabel('实效性').fill('60');
  await review.getByLabel('创新性').fill('22');
  await review.getByLabel('可操作性').fill('23');
  await review.getByLabel('评审人').click();
  await page.keyboard.type('张书记');
  await page.keyboard.press('Enter');
  await page.getByTestId('review-save').click();
  await expect(review.getByText('「实效性」得分 60 超过满分 50 分')).toBeVisible();
  await expect(review.getByLabel('实效性')).toHaveValue('60');
  await shot(page, '64-score-refused');
  expect(await ledger.call('review.get', { topicId: topic.id })).toBeNull();
  await review.getByLabel('实效性').fill('48');
  await page.getByTestId('review-save').click();
  await expect(page.getByTestId('review-result')).toContainText('93');
  expect(await ledger.call('review.get', { topicId: topic.id })).toMatchObject({ scores: { 实效性: 48, 创新性: 22, 可操作性: 23 }, total: 93 });
});
