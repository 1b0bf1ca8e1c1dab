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

test('a saved row’s 责任人, 完成时限 and 状态 show as text until the clerk comes to them, then work by keyboard and by click', async ({ page, ledger, open }) => {
  const campaign = await ledger.call<{ id: string }>('campaign.create', { name: '2026年“领题破题”活动', year: 2026 });
  const topic = await ledger.call<{ id: string }>('topic.create', { campaignId: campaign.id, title: '提升农村寄递物流服务水平', status: '破题中' });
  const wang = await ledger.call<{ id: string }>('person.create', { name: '王建华' });
  await ledger.call('person.create', { name: '李敏' });
  for (const title of ['建设村级服务站', '开展防诈宣传']) await ledger.call('subtopic.create', { topicId: topic.id, title, ownerIds: [wang.id], deadline: '2026-09-30' });
  await open(`topic/${topic.id}?tab=breakdown`);
  const rows = page.getByTestId('breakdown').locator('.ant-table-row');
  const first = rows.first();
  // Before anyone comes to them: plain boxes with the saved text, no list or date controls drawn.
  await expect(first.locator('input.cell-lazy[id$="-owners"]')).toHaveValue('王建华');
  await expect(first.locator('input.cell-lazy[id$="-deadline"]')).toHaveValue('2026-09-30');
  await expect(first.locator('input.cell-lazy[id$="-status"]')).toHaveValue('未开始');
  await expect(page.getByTestId('breakdown').locator('.ant-select')).toHaveCount(0);

  // By keyboard: Tab from 推进措施 into 责任人 gives the person search, focused; on to 完成时限 with its text selected; Enter saves.
  await first.getByLabel('推进措施').click();
  await page.keyboard.press('Tab');
  const owners = first.locator('input[id$="-owners"]');
  await expect(owners).toBeFocused();
  await expect(owners).not.toHaveClass(/cell-lazy/);
  await page.keyboard.type('李');
  await expect(page.locator('.ant-select-item-option:visible', { hasText: '李敏' })).toHaveCount(1);
  if (!(await page.locator('.ant-select-item-option-active:visible', { hasText: '李敏' }).count())) await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Escape');
  await page.keyboard.press('Tab');
  const deadline = first.locator('input[id$="-deadline"]');
  await expect(deadline).toBeFocused();
  await page.keyboard.type('2026-10-31'); // replaces the selected text, as in Excel
  await expect(deadline).toHaveValue('2026-10-31');
  await shot(page, '79-breakdown-saved-row-editing');
  await page.keyboard.press('Enter');
  await expect(page.locator('.row-dirty')).toHaveCount(0);

  // By click: the 状态 box opens its list at once.
  await rows.nth(1).locator('input[id$="-status"]').click();
  await page.locator('.ant-select-item-option:visible', { hasText: '推进中' }).click();
  await rows.nth(1).getByRole('button', { name: '保存本行' }).click();
  await expect(page.locator('.row-dirty')).toHaveCount(0);

  const subs = await ledger.call<(Sub & { status: string })[]>('subtopic.list', { topicId: topic.id });
  expect(subs.map((s) => [s.title, s.owners.map((o) => o.name).join('、'), s.deadline, s.status])).toEqual([
    ['建设村级服务站', '王建华、李敏', '2026-10-31', '未开始'],
    ['开展防诈宣传', '王建华', '2026-09-30', '推进中'],
  ]);
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

/** Ctrl+V after a click on `where`, with `text` on the clipboard as Excel puts it there: the paste goes wherever the focus went. */
async function pasteAfterClick(page: import('@playwright/test').Page, where: import('@playwright/test').Locator, text: string) {
  await where.click();
  await page.evaluate((t) => {
    const data = new DataTransfer();
    data.setData('text/plain', t);
    (document.activeElement ?? document.body).dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, text);
}

interface Ind {
  name: string;
  unit: string;
  baseline: number | null;
  target: number | null;
  actual: number | null;
  asOf: string | null;
  note: string;
  higherIsBetter: boolean;
}

test('a table copied from Excel pastes into 成效指标: new and changed indicators, problems by row and column, one save', async ({ page, ledger, open }) => {
  const campaign = await ledger.call<{ id: string }>('campaign.create', { name: '2026年“领题破题”活动', year: 2026 });
  const topic = await ledger.call<{ id: string }>('topic.create', { campaignId: campaign.id, title: '提升特快业务收入', status: '破题中' });
  await ledger.call('indicator.create', { topicId: topic.id, name: '特快业务收入', unit: '万元', baseline: 590, target: 680, actual: 600, asOf: '2026-05-31', note: '财务口径' });
  await open(`topic/${topic.id}?tab=indicators`);
  const tab = page.getByTestId('indicators');
  await expect(tab.getByText('特快业务收入')).toBeVisible();

  // The monthly table again, with a header: this month's 完成值, a new indicator, and a row with two mistakes.
  const header = '指标名称\t单位\t目标值\t完成值\t统计截止\r\n';
  await pasteAfterClick(page, tab.locator('.ant-table'), `${header}特快业务收入\t万元\t680\t650万元\t2026年6月底\r\n农村揽收量\t件\t1.2万\t9500\t2026-06-30\r\n网点投诉率\t%\t0.5\t0.3件\t2026-02-30\r\n`);
  const preview = page.getByTestId('indicators-paste-preview');
  await expect(preview).toBeVisible();
  await expect(page.getByTestId('indicators-paste-notes')).toContainText('第 1 行是表头');
  const rows = preview.locator('.ant-table-row');
  await expect(rows.nth(0)).toContainText('修改');
  await expect(rows.nth(0)).toContainText('600 万元 → 650 万元');
  await expect(rows.nth(1)).toContainText('新增');
  await expect(rows.nth(1)).toContainText('= 12,000 件');
  await expect(rows.nth(2)).toContainText('越小越好');
  await expect(rows.nth(2)).toContainText('第 4 行「完成值」：「0.3件」的单位「件」与指标单位「%」不一致');
  await expect(rows.nth(2)).toContainText('第 4 行「统计截止」：「2026-02-30」不是有效的日期（该月没有这一天）');
  const save = page.getByRole('button', { name: /保存（新增 2 项、修改 1 项）/ });
  await expect(save).toBeDisabled();
  await shot(page, '76-indicators-paste');

  // Corrected in the box: saved in one call.
  await page.getByTestId('indicators-paste-text').fill(`${header}特快业务收入\t万元\t680\t650万元\t2026年6月底\r\n农村揽收量\t件\t1.2万\t9500\t2026-06-30\r\n网点投诉率\t%\t0.5\t0.3\t2026-06-30\r\n`);
  await expect(save).toBeEnabled();
  await save.click();
  await expect(preview).toBeHidden();
  const saved = await ledger.call<Ind[]>('indicator.list', { topicId: topic.id });
  expect(saved.map((i) => [i.name, i.unit, i.baseline, i.target, i.actual, i.asOf, i.note, i.higherIsBetter])).toEqual([
    // 基期值 and 备注 were not pasted: kept.
    ['特快业务收入', '万元', 590, 680, 650, '2026-06-30', '财务口径', true],
    ['农村揽收量', '件', null, 12000, 9500, '2026-06-30', '', true],
    ['网点投诉率', '%', null, 0.5, 0.3, '2026-06-30', '', false],
  ]);
  await expect(tab.locator('.ant-table-row')).toHaveCount(3);
});

interface Entry {
  entryDate: string;
  kind: string;
  subtopicTitle: string | null;
  content: string;
  problems: string;
  reporterId: string | null;
  reporterName: string;
}

test('a weekly sheet copied from Excel pastes into 台账 as entries, with each row’s problems, then one save', async ({ page, ledger, open }) => {
  const campaign = await ledger.call<{ id: string }>('campaign.create', { name: '2026年“领题破题”活动', year: 2026 });
  const topic = await ledger.call<{ id: string }>('topic.create', { campaignId: campaign.id, title: '提升农村寄递物流服务水平', status: '破题中' });
  const wang = await ledger.call<{ id: string }>('person.create', { name: '王建华' });
  await ledger.call('subtopic.create', { topicId: topic.id, code: '1', title: '建设村级服务站' });
  await open(`topic/${topic.id}?tab=progress`);
  const tab = page.getByTestId('progress');
  await expect(tab.getByText('还没有台账记录')).toBeVisible();

  // A cell with a line break comes from Excel in quotes; 老支书 is not on the roster; 9 is no sub-topic.
  const rows = (third: string) =>
    '日期\t记录类型\t对应小课题\t工作内容\t存在问题\t下步计划\t汇报人\r\n' +
    '2026-06-05\t\t1\t"走访商户 12 户\r\n签约 3 户"\t\t\t王建华\r\n' +
    '2026年6月12日\t推进会\t\t支部推进会\t场地紧张\t月底选址\t老支书\r\n' +
    `2026-06-19\t现场指导\t${third}\t上级来站指导\t\t\t\r\n`;
  await pasteAfterClick(page, tab.getByText('还没有台账记录'), rows('9'));
  const preview = page.getByTestId('progress-paste-preview');
  await expect(preview).toBeVisible();
  const lines = preview.locator('.ant-table-row');
  await expect(lines).toHaveCount(3);
  await expect(lines.nth(0)).toContainText('= 2026年6月5日');
  await expect(lines.nth(0)).toContainText('1. 建设村级服务站');
  await expect(lines.nth(0)).toContainText('签约 3 户');
  await expect(lines.nth(1)).toContainText('名册中没有「老支书」，按文字记为汇报人');
  await expect(lines.nth(2)).toContainText('第 4 行「对应小课题」：本课题没有小课题「9」');
  const save = page.getByRole('button', { name: /添加 3 条/ });
  await expect(save).toBeDisabled();
  await shot(page, '77-progress-paste');
  await page.getByRole('button', { name: /取\s*消/ }).click();
  await expect(preview).toBeHidden();

  // The button opens the same dialog; the corrected rows pasted into its box.
  await page.getByTestId('progress-paste').click();
  await page.getByTestId('progress-paste-text').fill(rows('建设村级服务站'));
  await expect(save).toBeEnabled();
  await save.click();
  await expect(preview).toBeHidden();
  const entries = await ledger.call<Entry[]>('progress.list', { topicId: topic.id });
  expect(entries.map((e) => [e.entryDate, e.kind, e.subtopicTitle, e.content, e.problems, e.reporterId, e.reporterName]).sort()).toEqual([
    ['2026-06-05', '每周汇报', '建设村级服务站', '走访商户 12 户\n签约 3 户', '', wang.id, '王建华'],
    ['2026-06-12', '推进会', null, '支部推进会', '场地紧张', null, '老支书'],
    ['2026-06-19', '现场指导', '建设村级服务站', '上级来站指导', '', null, ''],
  ]);
  await expect(tab.getByTestId('progress-entry')).toHaveCount(3);
});
