import path from 'node:path';
import { legacyWorkbook } from '../import/fixtures';
import { expect, shot, test } from './fixtures';

/*
 * Entry the way a clerk works (issue 16), on the Electron window's content
 * size at a 1366×768 office screen. The checks read the real ledger.
 */
test.use({ viewport: { width: 1366, height: 680 } });

test('the first start asks who is working; the header 操作员 changes it', async ({ page, ledger, open }) => {
  await ledger.call('settings.set', { operator: '' }); // a new ledger: nobody set yet
  await open('');
  const ask = page.getByRole('dialog', { name: '请先填写操作员姓名' });
  await expect(ask).toBeVisible();
  await shot(page, '70-operator-first-start');
  await ask.getByRole('button', { name: /保\s*存/ }).click();
  await expect(ask.getByText('请填写操作员姓名')).toBeVisible(); // an empty name is not taken
  await ask.getByLabel('操作员姓名').fill('  李会计 ');
  await ask.getByRole('button', { name: /保\s*存/ }).click();
  await expect(ask).toBeHidden();
  await expect(page.getByTestId('operator')).toHaveText('李会计');
  expect((await ledger.call<{ operator: string }>('settings.get')).operator).toBe('李会计');

  // Asked once: moving around does not ask again; the header name opens the same question.
  await page.getByRole('menuitem', { name: '课题' }).click();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await page.getByTestId('operator').click();
  const change = page.getByRole('dialog', { name: '操作员' });
  await change.getByLabel('操作员姓名').fill('王出纳');
  await change.getByRole('button', { name: /保\s*存/ }).click();
  await expect(page.getByTestId('operator')).toHaveText('王出纳');
  expect((await ledger.call<{ operator: string }>('settings.get')).operator).toBe('王出纳');
});

test('after an import the app shows the imported campaign', async ({ page, ledger, open }) => {
  await ledger.call('ledger.demo');
  ledger.shell.nextPick = await legacyWorkbook(path.join(ledger.shell.dir, '汉中台账.xlsx'));
  await open('import');
  const before = await page.getByTestId('campaign-select').innerText();
  expect(before).not.toContain('导入的活动');
  await page.getByPlaceholder('不填则按表格标题或文件名').fill('导入的活动');
  await page.getByTestId('import-pick').click();
  await page.getByTestId('import-next').click();
  await page.getByTestId('import-next').click();
  await page.getByTestId('import-commit').click();
  await expect(page.getByTestId('import-result')).toContainText('导入完成');
  await expect(page.getByTestId('campaign-select')).toContainText('导入的活动');
  await page.waitForTimeout(500); // the campaign list reloads after the import: the choice must survive it
  await expect(page.getByTestId('campaign-select')).toContainText('导入的活动');
  await page.getByRole('menuitem', { name: '课题' }).click();
  const campaigns = await ledger.call<{ id: string; name: string }[]>('campaign.list');
  const imported = campaigns.find((c) => c.name === '导入的活动')!;
  const [topic] = await ledger.call<{ title: string }[]>('topic.list', { campaignId: imported.id });
  await expect(page.getByText(topic!.title).first()).toBeVisible();
  await shot(page, '71-import-switches-campaign');
});

test('a duplicate name is said beside the field, and the required fields carry the mark', async ({ page, ledger, open }) => {
  await ledger.call('unit.create', { name: '渠道平台部', kind: '部门' });
  await open('units');
  await page.getByRole('button', { name: '新增组织' }).click();
  const dialog = page.getByRole('dialog', { name: '新增组织' });
  // The usual mark on 组织名称 and 组织类型 (the contract lets neither be empty), none on 备注.
  await expect(dialog.locator('label.ant-form-item-required')).toHaveText(['组织名称', '组织类型']);
  await dialog.getByLabel('组织名称').fill('渠道平台部');
  await dialog.getByRole('button', { name: /保\s*存/ }).click();
  const nameItem = dialog.locator('.ant-form-item').filter({ has: page.getByLabel('组织名称') });
  await expect(nameItem.locator('.ant-form-item-explain-error')).toHaveText('已有名为「渠道平台部」的组织。');
  await expect(nameItem.locator('.ant-form-item-has-error, .ant-input-status-error')).toHaveCount(1);
  await expect(dialog).toBeVisible(); // nothing saved; what was typed stays
  await expect(page.getByTestId('error-notice')).toHaveCount(0);
  await shot(page, '72-duplicate-beside-field');
  // Changing the name clears the sentence and saves.
  await dialog.getByLabel('组织名称').fill('渠道平台二部');
  await expect(nameItem.locator('.ant-form-item-explain-error')).toHaveCount(0);
  await dialog.getByRole('button', { name: /保\s*存/ }).click();
  await expect(dialog).toBeHidden();
  const units = await ledger.call<{ name: string }[]>('unit.list');
  expect(units.filter((u) => u.name.startsWith('渠道平台')).map((u) => u.name).sort()).toEqual(['渠道平台二部', '渠道平台部']);
});

interface Sub {
  title: string;
  deadline: string | null;
  owners: { name: string }[];
}

test('the breakdown grid by keyboard: Tab cell to cell, never onto the ×, Enter saves, Esc asks, Ctrl+S saves all', async ({ page, ledger, open }) => {
  const campaign = await ledger.call<{ id: string }>('campaign.create', { name: '2026年“领题破题”活动', year: 2026 });
  const topic = await ledger.call<{ id: string }>('topic.create', { campaignId: campaign.id, title: '提升农村寄递物流服务水平', status: '破题中' });
  await ledger.call('person.create', { name: '王建华' });
  await ledger.call('person.create', { name: '李敏' });
  await open(`topic/${topic.id}?tab=breakdown`);
  const rows = page.getByTestId('breakdown').locator('.ant-table-row');
  const owners = rows.first().locator('input[id$="-owners"]');
  const deadline = rows.first().locator('input[id$="-deadline"]');

  await page.getByTestId('add-subtopic').click();
  await expect(rows.first().getByLabel('小课题名称')).toBeFocused();
  await page.keyboard.type('建设村级寄递服务站');
  await page.keyboard.press('Tab');
  await expect(rows.first().getByLabel('推进措施')).toBeFocused();
  await page.keyboard.press('Shift+Tab');
  await expect(rows.first().getByLabel('小课题名称')).toBeFocused();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await expect(owners).toBeFocused();
  await page.keyboard.type('王建');
  await expect(page.locator('.ant-select-item-option-active:visible', { hasText: '王建华' })).toHaveCount(1);
  await page.keyboard.press('Enter');
  // Tab with the list open and 李敏 highlighted: on to 完成时限, nobody added.
  await page.keyboard.type('李');
  await expect(page.locator('.ant-select-item-option:visible', { hasText: '李敏' })).toHaveCount(1);
  if (!(await page.locator('.ant-select-item-option-active:visible', { hasText: '李敏' }).count())) await page.keyboard.press('ArrowDown');
  await expect(page.locator('.ant-select-item-option-active:visible', { hasText: '李敏' })).toHaveCount(1);
  await page.keyboard.press('Tab');
  await expect(deadline).toBeFocused();
  await page.keyboard.type('2026-07-31');
  await expect(deadline).toHaveValue('2026-07-31');
  await expect(page.getByText('新增人员「2026-07-31」')).toHaveCount(0);
  // Back to 责任人 and out again with the list closed: the next stop is 完成时限, not the select's ×; Enter there saves.
  await page.keyboard.press('Shift+Tab');
  await expect(owners).toBeFocused();
  await page.keyboard.press('Escape');
  await page.keyboard.press('Tab');
  await expect(deadline).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(rows).toHaveCount(2); // saved, and a new row below
  let subs = await ledger.call<Sub[]>('subtopic.list', { topicId: topic.id });
  expect(subs.map((s) => [s.title, s.deadline, s.owners.map((o) => o.name).join('、')])).toEqual([['建设村级寄递服务站', '2026-07-31', '王建华']]);

  // Esc on a new row with something typed asks first.
  await rows.nth(1).getByLabel('小课题名称').fill('临时记一笔');
  await rows.nth(1).getByLabel('小课题名称').press('Escape');
  const ask = page.getByRole('dialog', { name: '放弃这一行？' });
  await expect(ask).toBeVisible();
  await shot(page, '73-breakdown-esc-asks');
  await ask.getByRole('button', { name: '继续填写' }).click();
  await expect(ask).toHaveCount(0);
  await expect(rows.nth(1).getByLabel('小课题名称')).toHaveValue('临时记一笔');
  await rows.nth(1).getByLabel('小课题名称').press('Escape');
  await expect(ask).toHaveCount(1); // the first question has gone (not merely fading)
  await ask.getByRole('button', { name: /^放\s*弃$/ }).click();
  await expect(rows).toHaveCount(1);

  // Ctrl+S saves every changed row: an edited one and a new one.
  await rows.first().getByLabel('小课题名称').fill('建设村级寄递综合服务站');
  await page.getByTestId('add-subtopic').click();
  await rows.nth(1).getByLabel('小课题名称').fill('党员公开承诺');
  await page.keyboard.press('Control+s');
  await expect(page.locator('.row-dirty')).toHaveCount(0);
  subs = await ledger.call<Sub[]>('subtopic.list', { topicId: topic.id });
  expect(subs.map((s) => s.title)).toEqual(['建设村级寄递综合服务站', '党员公开承诺']);
});

/** The table's scrolling parts wider inside than their box (a sideways scrollbar), by class. */
const sideways = (table: Element) =>
  [...table.querySelectorAll('.ant-table-header, .ant-table-content, .ant-table-body, .ant-table-tbody-virtual-holder')].filter((el) => el.scrollWidth > el.clientWidth + 1).map((el) => `${el.className} ${el.scrollWidth}/${el.clientWidth}`);

test('at 1366×680 the topic list and the breakdown fit without sideways scroll, and many sub-topic rows show', async ({ page, ledger, open }) => {
  const campaign = await ledger.call<{ id: string }>('campaign.create', { name: '2026年“领题破题”活动', year: 2026 });
  const topic = await ledger.call<{ id: string }>('topic.create', { campaignId: campaign.id, title: '提升农村寄递物流服务水平', status: '破题中' });
  const owner = await ledger.call<{ id: string }>('person.create', { name: '王建华' });
  for (let i = 1; i <= 25; i++) {
    await ledger.call('subtopic.create', { topicId: topic.id, code: String(i), title: `村级寄递服务站第${i}批`, measures: '配齐设备', ownerIds: [owner.id], deadline: '2026-09-30' });
  }
  await open('topics');
  await expect(page.getByText('提升农村寄递物流服务水平')).toBeVisible();
  expect(await page.locator('.ant-table').first().evaluate(sideways)).toEqual([]);

  await open(`topic/${topic.id}?tab=breakdown`);
  await expect(page.getByTestId('breakdown').locator('.ant-table-row')).toHaveCount(25);
  expect(await page.getByTestId('breakdown').locator('.ant-table').evaluate(sideways)).toEqual([]);
  // 状态 is not under the fixed 操作 column: its right edge is left of 操作's left edge.
  const statusBox = (await page.getByRole('columnheader', { name: '状态' }).boundingBox())!;
  const opsBox = (await page.getByRole('columnheader', { name: '操作' }).boundingBox())!;
  expect(statusBox.x + statusBox.width).toBeLessThanOrEqual(opsBox.x + 1);
  const rowsInView = await page.getByTestId('breakdown').locator('.ant-table-row').evaluateAll((rows) => rows.filter((r) => r.getBoundingClientRect().bottom <= window.innerHeight).length);
  console.log(`sub-topic rows fully visible at 1366×680: ${rowsInView}`);
  await page.screenshot({ path: 'tests/e2e/screenshots/74-breakdown-density-view.png' });
  expect(rowsInView).toBeGreaterThanOrEqual(15);
  await shot(page, '74-breakdown-density');
});

test('rows copied from Excel paste into the breakdown as sub-topics: a preview with each row’s problems, then one save', async ({ page, ledger, open }) => {
  const campaign = await ledger.call<{ id: string }>('campaign.create', { name: '2026年“领题破题”活动', year: 2026 });
  const topic = await ledger.call<{ id: string }>('topic.create', { campaignId: campaign.id, title: '提升农村寄递物流服务水平', status: '破题中' });
  await ledger.call('person.create', { name: '王建华' });
  await ledger.call('person.create', { name: '李敏' });
  await open(`topic/${topic.id}?tab=breakdown`);
  await page.getByTestId('add-subtopic').click();
  const title = page.getByTestId('breakdown').locator('.ant-table-row').first().getByLabel('小课题名称');
  await expect(title).toBeFocused();
  // What Excel puts on the clipboard for three rows of four cells (one name not on the roster, one impossible day).
  const paste = (text: string) =>
    title.evaluate((el, t) => {
      const data = new DataTransfer();
      data.setData('text/plain', t);
      el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    }, text);
  await paste('建设村级服务站\t每村一站\t王建华、李敏\t2026年9月底\r\n开展防诈宣传\t每月一次\t赵六\t2026-02-30\r\n');
  const preview = page.getByTestId('breakdown-paste-preview');
  await expect(preview).toBeVisible();
  await expect(preview).toContainText('= 2026年9月30日');
  await expect(preview).toContainText('名册中没有「赵六」');
  await expect(preview).toContainText('不是有效的日期');
  await expect(page.getByRole('button', { name: /添加 2 项/ })).toBeDisabled();
  await expect(title).toHaveValue(''); // the block did not land in the cell as one long string
  await shot(page, '75-breakdown-paste-problems');
  await page.getByRole('button', { name: /取\s*消/ }).click();

  await paste('建设村级服务站\t每村一站\t王建华、李敏\t2026年9月底\n开展防诈宣传\t每月一次\t李敏\t长期坚持\n');
  await page.getByRole('button', { name: /添加 2 项/ }).click();
  await expect(preview).toBeHidden();
  const subs = await ledger.call<{ title: string; owners: { name: string }[]; deadline: string | null; deadlineText: string }[]>('subtopic.list', { topicId: topic.id });
  expect(subs.map((s) => [s.title, s.owners.map((o) => o.name).join('、'), s.deadline, s.deadlineText])).toEqual([
    ['建设村级服务站', '王建华、李敏', '2026-09-30', '2026年9月底'],
    ['开展防诈宣传', '李敏', null, '长期坚持'],
  ]);
});

/** What a copy event put on the clipboard: the app writes through the copy event, so the test reads it there. */
async function recordCopies(page: import('@playwright/test').Page) {
  await page.evaluate(() => {
    const w = window as unknown as { copied: { text: string; html: string }[] };
    w.copied = [];
    window.addEventListener('copy', (e) => w.copied.push({ text: e.clipboardData?.getData('text/plain') ?? '', html: e.clipboardData?.getData('text/html') ?? '' }));
  });
  return async () => page.evaluate(() => (window as unknown as { copied: { text: string; html: string }[] }).copied.at(-1));
}

test('rows copied out of the grid paste into Excel as tab-separated text, and a block pasted over rows changes them as in Excel', async ({ page, ledger, open }) => {
  const campaign = await ledger.call<{ id: string }>('campaign.create', { name: '2026年“领题破题”活动', year: 2026 });
  const topic = await ledger.call<{ id: string }>('topic.create', { campaignId: campaign.id, title: '提升农村寄递物流服务水平', status: '破题中', startDate: '2026-01-01', endDate: '2026-12-31' });
  const wang = await ledger.call<{ id: string }>('person.create', { name: '王建华' });
  await ledger.call('person.create', { name: '李敏' });
  for (const [code, title, measures] of [
    ['1', '建设村级服务站', '第一步：摸底\n第二步：建站'],
    ['2', '开展防诈宣传', '每月一次'],
    ['3', '走访重点商户', '逐户走访'],
  ] as const) {
    await ledger.call('subtopic.create', { topicId: topic.id, code, title, measures, ownerIds: [wang.id], deadline: '2026-09-30' });
  }
  await open(`topic/${topic.id}?tab=breakdown`);
  const grid = page.getByTestId('breakdown');
  await expect(grid.locator('.ant-table-row')).toHaveCount(3);
  const lastCopy = await recordCopies(page);

  // Tick two rows; the button copies them, with the multi-line 推进措施 quoted as Excel quotes it.
  await grid.locator('.ant-table-row').nth(0).getByLabel('选择本行').check();
  await grid.locator('.ant-table-row').nth(2).getByLabel('选择本行').check();
  await page.getByTestId('copy-rows').click();
  await expect(page.getByText('已复制 2 行')).toBeVisible();
  const copied = (await lastCopy())!;
  expect(copied.text).toBe('1\t建设村级服务站\t"第一步：摸底\n第二步：建站"\t王建华\t2026-09-30\t\t未开始\r\n3\t走访重点商户\t逐户走访\t王建华\t2026-09-30\t\t未开始\r\n');
  expect(copied.html).toContain('<td>建设村级服务站</td>');
  // Ctrl+C with the rows ticked (focus on a tick box, no text selected) copies the same rows.
  await grid.locator('.ant-table-row').nth(2).getByLabel('选择本行').focus();
  await page.keyboard.press('Control+C');
  expect((await lastCopy())!.text).toBe(copied.text);

  // Two rows pasted at 推进措施 of the second row: that row and the one below change, nothing is added.
  const measures = grid.locator('.ant-table-row').nth(1).getByLabel('推进措施');
  await measures.focus();
  await measures.evaluate((el, t) => {
    const data = new DataTransfer();
    data.setData('text/plain', t);
    el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, '每周一次\t李敏\r\n逐户走访\t王建华、李敏\r\n');
  const preview = page.getByTestId('breakdown-paste-preview');
  await expect(preview).toContainText('修改第 2 项');
  await expect(preview).toContainText('推进措施：每月一次 → 每周一次');
  await expect(preview).toContainText('责任人：王建华 → 王建华、李敏');
  await shot(page, '78-breakdown-paste-over');
  await page.getByRole('button', { name: '修改 2 项' }).click();
  await expect(preview).toBeHidden();
  const subs = await ledger.call<{ title: string; measures: string; owners: { name: string }[] }[]>('subtopic.list', { topicId: topic.id });
  expect(subs.map((s) => [s.title, s.measures, s.owners.map((o) => o.name).join('、')])).toEqual([
    ['建设村级服务站', '第一步：摸底\n第二步：建站', '王建华'],
    ['开展防诈宣传', '每周一次', '李敏'],
    ['走访重点商户', '逐户走访', '王建华、李敏'],
  ]);
  await expect(grid.locator('.ant-table-row').nth(1).getByLabel('推进措施')).toHaveValue('每周一次');

  // One cell copied from Excel ("text\r\n", a multi-line one in quotes) lands in the cell as its text only.
  const cell = grid.locator('.ant-table-row').nth(2).getByLabel('推进措施');
  await cell.fill('');
  await cell.evaluate((el) => {
    const data = new DataTransfer();
    data.setData('text/plain', '"先摸底\n再走访"\r\n');
    el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  });
  await expect(cell).toHaveValue('先摸底\n再走访');
});
