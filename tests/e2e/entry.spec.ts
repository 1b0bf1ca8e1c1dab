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
