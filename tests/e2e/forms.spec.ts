import type { Locator, Page } from '@playwright/test';
import path from 'node:path';
import { legacyWorkbook } from '../import/fixtures';
import { expect, shot, test, type LedgerFixture } from './fixtures';

/*
 * The form bugs of issue 15, each as a clerk meets it, on a small laptop
 * screen (1366×680). The checks read the real ledger.
 */
test.use({ viewport: { width: 1366, height: 680 } });

interface TopicRow {
  id: string;
  code: string;
  title: string;
  campaignId: string;
}
interface Entry {
  id: string;
  subtopicId: string | null;
  content: string;
  reporterId: string | null;
  reporterName: string;
}

async function demoTopic(ledger: LedgerFixture, code: string): Promise<TopicRow> {
  await ledger.call('ledger.demo');
  const topics = await ledger.call<TopicRow[]>('topic.list', {});
  return topics.find((t) => t.code === code)!;
}

/** A topic handed in for closure (已结题) and not yet reviewed. */
async function submittedTopic(ledger: LedgerFixture): Promise<TopicRow> {
  const t2 = await demoTopic(ledger, '2');
  const topic = await ledger.call<TopicRow>('topic.create', { campaignId: t2.campaignId, title: '窗口服务规范化', status: '破题中' });
  await ledger.call('closure.save', { topicId: topic.id, workDone: '制定窗口服务规范。', results: '投诉下降三成。' });
  await ledger.call('closure.submit', { topicId: topic.id, submittedDate: '2026-01-10' });
  return topic;
}

/** Choose in a plain (non-search) Select by the option's exact text. */
async function choose(page: Page, select: Locator, text: string) {
  // A click while a dialog is still zooming in can land before the list is placed (seen once in CI): pick until the select shows it.
  const shown = () => select.evaluate((el) => el.closest('.ant-select')?.textContent ?? '');
  await expect(async () => {
    await select.click();
    await page.locator(`.ant-select-item-option[title="${text}"]:visible`).click({ timeout: 2_000 });
    await expect.poll(shown, { timeout: 1_000 }).toContain(text);
  }).toPass({ timeout: 10_000 });
}

/**
 * English words a clerk would see on the page. Not counted: file paths and
 * names (the clerk's own data), file formats and the programs that open them (PDF, Excel, Word, WPS), units and the names of keys.
 */
async function visibleEnglish(page: Page): Promise<string[]> {
  const text = (await page.locator('body').innerText()).replace(/\S*[/\\]\S*|\S+\.[A-Za-z0-9]+/g, ' ');
  const allowed = new Set(['PDF', 'Excel', 'Word', 'docx', 'ldgx', 'xlsx', 'xls', 'csv', 'A4', 'KB', 'MB', 'WPS', 'U', 'Tab', 'Enter', 'Shift', 'Esc', 'Ctrl']);
  return [...new Set(text.match(/[A-Za-z][A-Za-z0-9]+/g) ?? [])].filter((w) => !allowed.has(w));
}

test('a commendation keeps its own 备注, and can be edited and deleted', async ({ page, ledger, open }) => {
  const t3 = await demoTopic(ledger, '3');
  await open(`topic/${t3.id}?tab=closure`);
  const card = page.getByTestId('commendations');
  for (const [award, note] of [
    ['最佳实践', '第一条的备注'],
    ['一等奖', '第二条的备注'],
  ] as const) {
    await choose(page, card.getByLabel('表彰类别'), award);
    await card.getByPlaceholder('备注').fill(note);
    await card.getByTestId('commend').click();
    await expect(card.locator('.ant-table-row', { hasText: award })).toBeVisible();
  }
  const notes = async () =>
    Object.fromEntries((await ledger.call<{ award: string; note: string }[]>('commendation.list', { topicId: t3.id })).map((c) => [c.award, c.note]));
  expect(await notes()).toEqual({ 优秀课题: '', 最佳实践: '第一条的备注', 一等奖: '第二条的备注' });

  // Edit one
  await card.locator('.ant-table-row', { hasText: '最佳实践' }).getByRole('button', { name: '修改' }).click();
  const dlg = page.getByRole('dialog', { name: '修改表彰' });
  await dlg.getByLabel('备注').fill('改过的备注');
  await choose(page, dlg.getByLabel('表彰类别'), '二等奖');
  await dlg.getByRole('button', { name: '保存' }).click();
  await expect(card.locator('.ant-table-row', { hasText: '二等奖' })).toContainText('改过的备注');
  expect(await notes()).toEqual({ 优秀课题: '', 二等奖: '改过的备注', 一等奖: '第二条的备注' });

  // Delete one, after asking
  await card.locator('.ant-table-row', { hasText: '一等奖' }).getByRole('button', { name: '删除' }).click();
  await page.getByRole('button', { name: '删除', exact: true }).last().click();
  await expect(card.locator('.ant-table-row', { hasText: '一等奖' })).toHaveCount(0);
  expect(await notes()).toEqual({ 优秀课题: '', 二等奖: '改过的备注' });
  await shot(page, '50-commendations');
  expect(ledger.errors).toEqual([]);
});

test('a ledger entry: 对应小课题 is not carried over, 汇报人 is shown, an entry can be edited', async ({ page, ledger, open }) => {
  const t2 = await demoTopic(ledger, '2');
  await open(`topic/${t2.id}?tab=progress`);
  // The demo's entry names its reporter by the roster (reporterId): the timeline shows the name.
  await expect(page.getByTestId('progress-timeline')).toContainText('汇报人：陈');

  const form = page.getByTestId('progress-form');
  await choose(page, form.getByLabel('对应小课题'), '站长业务培训');
  await form.getByLabel('工作内容').fill('第一期站长培训');
  await page.getByTestId('progress-save').click();
  await expect(page.getByTestId('progress-timeline')).toContainText('第一期站长培训');
  await expect(form.locator('.ant-form-item', { hasText: '对应小课题' })).toContainText('整个课题');
  await form.getByLabel('工作内容').fill('课题整体推进会');
  await page.getByTestId('progress-save').click();
  await expect(page.getByTestId('progress-timeline')).toContainText('课题整体推进会');
  const entries = async () => Object.fromEntries((await ledger.call<Entry[]>('progress.list', { topicId: t2.id })).map((e) => [e.content, e]));
  const subtopics = await ledger.call<{ id: string; title: string }[]>('subtopic.list', { topicId: t2.id });
  const training = subtopics.find((s) => s.title === '站长业务培训')!.id;
  expect((await entries())['第一期站长培训']!.subtopicId).toBe(training);
  expect((await entries())['课题整体推进会']!.subtopicId).toBeNull();

  // Edit: the entry's own values in a dialog, saved with an audit line
  const item = page.getByTestId('progress-entry').filter({ hasText: '第一期站长培训' });
  await item.getByRole('button', { name: '修改' }).click();
  const dlg = page.getByRole('dialog', { name: '修改台账记录' });
  await expect(dlg.getByLabel('工作内容')).toHaveValue('第一期站长培训');
  await dlg.getByLabel('工作内容').fill('第一期站长培训（32人）');
  await dlg.getByLabel('存在问题').fill('部分站长请假');
  await dlg.getByRole('button', { name: '保存' }).click();
  await expect(page.getByTestId('progress-timeline')).toContainText('第一期站长培训（32人）');
  const edited = (await entries())['第一期站长培训（32人）']!;
  expect(edited.subtopicId).toBe(training);
  await shot(page, '51-progress-edited');
  expect(ledger.errors).toEqual([]);
});

test('a review: 评审人 with a space stays one person, an unscored review shows 未评审', async ({ page, ledger, open }) => {
  const topic = await submittedTopic(ledger);
  await open(`topic/${topic.id}?tab=closure`);
  const review = page.getByTestId('review');
  await expect(page.getByTestId('review-total')).toContainText('未评审');
  await expect(page.getByTestId('review-total')).not.toContainText('不合格');
  await review.getByLabel('实效性').fill('40');
  await expect(page.getByTestId('review-total')).toContainText('未评审');
  await review.getByLabel('创新性').fill('20');
  await review.getByLabel('可操作性').fill('20');
  await expect(page.getByTestId('review-total')).toContainText('80');
  await expect(page.getByTestId('review-total')).toContainText('良好');
  await review.getByLabel('评审人').click();
  await page.keyboard.type('党委组织部 孙伟');
  await page.keyboard.press('Enter');
  await page.keyboard.type('张书记');
  await page.keyboard.press('Enter');
  await page.getByTestId('review-save').click();
  await expect(page.getByTestId('review-result')).toContainText('党委组织部 孙伟、张书记');
  const saved = await ledger.call<{ reviewers: string[] }>('review.get', { topicId: topic.id });
  expect(saved.reviewers).toEqual(['党委组织部 孙伟', '张书记']);
  await shot(page, '52-review');
  expect(ledger.errors).toEqual([]);
});

test('a failed validation raises no page error', async ({ page, ledger, open }) => {
  const t2 = await demoTopic(ledger, '2');
  await open('');
  // A dialog (FormModal)
  await page.getByRole('menuitem', { name: '组织' }).click();
  await page.getByRole('button', { name: '新增组织' }).click();
  const dlg = page.getByRole('dialog', { name: '新增组织' });
  await dlg.getByRole('button', { name: '保存' }).click();
  await expect(dlg.getByText('请填写组织名称').or(dlg.locator('.ant-form-item-explain-error').first())).toBeVisible();
  await dlg.getByRole('button', { name: '取消' }).click();
  // The topic drawer
  await page.getByRole('menuitem', { name: '课题' }).click();
  await page.getByRole('button', { name: '新建课题' }).click();
  await page.getByTestId('topic-save').click();
  await expect(page.locator('.ant-drawer .ant-form-item-explain-error').first()).toBeVisible();
  // The closure report
  await open(`topic/${t2.id}?tab=closure`);
  await page.getByLabel('工作开展情况').fill('长'.repeat(20001));
  await page.getByTestId('closure-save').click();
  await expect(page.getByText('工作开展情况不能超过 20000 个字')).toBeVisible();
  await page.waitForTimeout(300);
  expect(ledger.errors).toEqual([]);
});

test('the main screens show no English and raise no page error', async ({ page, ledger, open }) => {
  test.setTimeout(90_000);
  const t3 = await demoTopic(ledger, '3');
  const t2 = (await ledger.call<TopicRow[]>('topic.list', {})).find((t) => t.code === '2')!;
  // An import undone leaves an 'undo' line in the change log on the dashboard.
  const file = await legacyWorkbook(path.join(ledger.shell.dir, '汉中台账.xlsx'));
  const { batchId } = await ledger.call<{ batchId: string }>('import.commit', { file, campaign: '导入的活动' });
  await ledger.call('import.undo', { batchId });

  const seen: Record<string, string[]> = {};
  const look = async (where: string) => {
    await page.waitForTimeout(300);
    const words = await visibleEnglish(page);
    if (words.length) seen[where] = words;
  };
  await open('');
  await expect(page.getByTestId('summary')).toContainText('课题');
  await look('首页');
  for (const menu of ['课题', '人员', '组织', '导入', '导出/打印', '设置']) {
    await page.getByRole('menuitem', { name: menu }).click();
    await look(menu);
  }
  for (const [topic, tabs] of [
    [t2, ['课题分解', '台账', '成效指标', '销号清单', '结题']],
    [t3, ['结题']],
  ] as const) {
    await open(`topic/${topic.id}`);
    for (const tab of tabs) {
      await page.getByRole('tab', { name: new RegExp(`^${tab}`) }).click();
      await look(`${topic.title} › ${tab}`);
    }
  }
  expect(seen).toEqual({});

  // The evidence control of a tick-off: a Chinese button, not the browser's bare file input.
  await open(`topic/${t2.id}`);
  await page.getByTestId('breakdown').locator('.ant-table-row').first().getByTestId('close-subtopic').click();
  const closeDialog = page.getByRole('dialog', { name: /销号/ });
  await expect(closeDialog.getByRole('button', { name: '选择文件' })).toBeVisible();
  await expect(closeDialog.locator('input[type=file]:visible')).toHaveCount(0);
  await closeDialog.getByTestId('evidence-file').setInputFiles({ name: '照片.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('jpeg') });
  await expect(closeDialog).toContainText('照片.jpg');
  await look('销号对话框');
  await shot(page, '53-close-evidence');
  expect(seen).toEqual({});
  expect(ledger.errors).toEqual([]);
});
