import type { Page } from '@playwright/test';
import { expect, shot, test } from './fixtures';

/** Pick an option in an antd Select as a clerk would: click, type to search, Enter takes the first match. */
async function pick(page: Page, select: ReturnType<Page['locator']>, text: string) {
  await select.click();
  await page.keyboard.type(text);
  await expect(page.locator('.ant-select-item-option-active:visible', { hasText: text })).toHaveCount(1);
  await page.keyboard.press('Enter');
}

/** Choose in a plain (non-search) Select by the option's exact text. */
async function choose(page: Page, select: ReturnType<Page['locator']>, text: string) {
  await select.click();
  await page.locator(`.ant-select-item-option[title="${text}"]:visible`).click();
}

/*
 * The clerk's year, through the UI only: a campaign, units and people, a
 * topic broken into sub-topics with responsible people and deadlines, the
 * ledger, the tick-offs, the indicators, the closure report and its review,
 * and the dashboard following along. The checks read the real ledger file.
 */
test('a campaign from the first topic to the accepted closure', async ({ page, ledger, open }) => {
  test.setTimeout(150_000);
  await open('');
  await expect(page.getByText('还没有活动')).toBeVisible();

  // 活动
  await page.getByRole('button', { name: '新建活动' }).click();
  const campaignDialog = page.getByRole('dialog', { name: '新建活动' });
  await campaignDialog.getByLabel('活动名称').fill('2024年“领题破题”活动');
  await campaignDialog.getByRole('button', { name: '保存' }).click();
  await expect(page.getByTestId('dashboard')).toContainText('2024年“领题破题”活动');

  // 组织: a branch and a department
  await page.getByRole('menuitem', { name: '组织' }).click();
  for (const [name, kind] of [
    ['城关支局党支部', '党支部'],
    ['市场经营部', '部门'],
  ] as const) {
    await page.getByRole('button', { name: '新增组织' }).click();
    const dlg = page.getByRole('dialog', { name: '新增组织' });
    await dlg.getByLabel('组织名称').fill(name);
    await choose(page, dlg.getByLabel('组织类型'), kind);
    await dlg.getByRole('button', { name: '保存' }).click();
    await expect(page.getByRole('cell', { name, exact: true })).toBeVisible();
  }
  await shot(page, '20-units-created');

  // 人员: one on the roster; a second one is added inline later
  await page.getByRole('menuitem', { name: '人员' }).click();
  await page.getByRole('button', { name: '新增人员' }).click();
  const personDialog = page.getByRole('dialog', { name: '新增人员' });
  await personDialog.getByLabel('姓名').fill('王建华');
  await pick(page, personDialog.getByLabel('所在单位'), '城关支局党支部');
  await choose(page, personDialog.getByLabel('政治面貌'), '中共党员');
  await choose(page, personDialog.getByLabel('人员类别'), '党员');
  await personDialog.getByRole('button', { name: '保存' }).click();
  await expect(page.getByRole('cell', { name: '王建华' })).toBeVisible();

  // 课题: validation as the clerk types, then 点题 pairing a branch with a department
  await page.getByRole('menuitem', { name: '课题' }).click();
  await page.getByRole('button', { name: '新建课题' }).click();
  const drawer = page.locator('.ant-drawer');
  const title = drawer.getByLabel('课题名称');
  await title.fill('x');
  await title.fill('');
  await expect(drawer.getByText('课题名称不能为空')).toBeVisible();
  await title.fill('提升农村寄递物流服务水平');
  await expect(drawer.getByText('课题名称不能为空')).toBeHidden();
  await choose(page, drawer.getByLabel('领题方式'), '点题');
  await pick(page, drawer.getByLabel('领题支部'), '城关支局');
  await pick(page, drawer.getByLabel('牵头部门'), '市场经营');
  await pick(page, drawer.getByLabel('课题负责人'), '王建华');
  await shot(page, '21-topic-create');
  await page.getByTestId('topic-save').click();
  await expect(page.getByTestId('topic-title')).toContainText('提升农村寄递物流服务水平');
  const [topic] = await ledger.call<{ id: string; branchName: string; leadDepartmentName: string; leaderName: string; assignment: string; status: string; claimedDate: string | null }[]>('topic.list', {});
  // Assigned to a branch (点题): taken, 已领题, dated the day it was entered.
  expect(topic).toMatchObject({ branchName: '城关支局党支部', leadDepartmentName: '市场经营部', leaderName: '王建华', assignment: '点题', status: '已领题' });
  expect(topic!.claimedDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);

  // 课题分解: keyboard entry as in Excel
  const rows = page.getByTestId('breakdown').locator('.ant-table-row');
  await page.getByTestId('add-subtopic').click();
  await expect(rows.first().getByLabel('小课题名称')).toBeFocused();
  await page.keyboard.type('建设村级寄递服务站');
  await page.keyboard.press('Tab');
  await page.keyboard.type('每个行政村设一个服务站，配齐设备');
  await expect(rows.first().getByLabel('推进措施')).toHaveValue('每个行政村设一个服务站，配齐设备');
  await pick(page, rows.first().locator('[id$="-owners"]'), '王建华');
  await rows.first().locator('[id$="-deadline"]').fill('2030/6/30');
  await rows.first().locator('[id$="-deadline"]').press('Enter'); // saves the row, opens the next one
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(1).locator('[id$="-deadline"]')).toBeFocused();
  await rows.nth(1).getByLabel('小课题名称').fill('党员公开承诺');
  // A person not on the roster, added from the picker
  await rows.nth(1).locator('[id$="-owners"]').click();
  await page.keyboard.type('李敏');
  await page.getByRole('button', { name: '新增人员「李敏」' }).click();
  await expect(rows.nth(1).locator('.ant-select-selection-item', { hasText: '李敏' })).toBeVisible();
  await rows.nth(1).locator('[id$="-deadline"]').fill('长期坚持');
  await page.keyboard.press('Escape'); // closes the suggestions, keeps the row
  await expect(rows.nth(1)).toHaveClass(/row-dirty/);
  await shot(page, '22-breakdown-editing');

  // Leaving with an unsaved row asks first
  await page.getByRole('menuitem', { name: '首页' }).click();
  const leave = page.getByRole('dialog', { name: '有未保存的修改' });
  await expect(leave).toContainText('还有 1 处修改没有保存');
  await leave.getByRole('button', { name: '取消' }).click();
  await expect(page.getByTestId('breakdown')).toBeVisible();
  await rows.nth(1).getByRole('button', { name: '保存' }).click();
  await expect(rows.nth(1)).not.toHaveClass(/row-dirty/);
  const subs = await ledger.call<{ id: string; title: string; deadline: string | null; deadlineText: string; owners: { name: string }[] }[]>('subtopic.list', { topicId: topic!.id });
  expect(subs.map((s) => [s.title, s.deadline, s.deadlineText, s.owners.map((o) => o.name).join()])).toEqual([
    ['建设村级寄递服务站', '2030-06-30', '', '王建华'],
    ['党员公开承诺', null, '长期坚持', '李敏'],
  ]);

  // Reorder
  await rows.nth(1).getByRole('button', { name: '上移' }).click();
  await expect(rows.first().getByLabel('小课题名称')).toHaveValue('党员公开承诺');
  await shot(page, '23-breakdown-saved');

  // 台账
  await page.getByRole('tab', { name: /^台账/ }).click();
  await page.getByLabel('工作内容').fill('召开支部推进会，明确服务站选址');
  await page.getByLabel('存在问题').fill('部分村委场地紧张');
  await page.getByLabel('下步计划').fill('月底前完成选址');
  await page.getByTestId('progress-save').click();
  await expect(page.getByTestId('progress-timeline')).toContainText('召开支部推进会');
  await shot(page, '24-progress');

  // 销号, one with a photo as evidence
  await page.getByRole('tab', { name: /^课题分解/ }).click();
  await rows.nth(1).getByTestId('close-subtopic').click();
  const closeDialog = page.getByRole('dialog', { name: /销号：建设村级寄递服务站/ });
  await closeDialog.getByLabel('验收意见').fill('服务站已投入使用');
  await closeDialog.getByTestId('evidence-file').setInputFiles({ name: '服务站照片.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('fake jpeg bytes') });
  await closeDialog.getByRole('button', { name: '确认销号' }).click();
  await expect(rows.nth(1)).toContainText('已销号');
  await expect(rows.nth(1)).toContainText('佐证 1');
  await rows.first().getByTestId('close-subtopic').click();
  await page.getByRole('dialog', { name: /销号/ }).getByRole('button', { name: '确认销号' }).click();
  await expect(rows.first()).toContainText('会议销号');
  await shot(page, '25-breakdown-closed');

  // 成效指标
  await page.getByRole('tab', { name: /^成效指标/ }).click();
  await page.getByRole('button', { name: '新增指标' }).click();
  const indDialog = page.getByRole('dialog', { name: '新增成效指标' });
  await indDialog.getByLabel('指标名称').fill('村级服务站覆盖率');
  await indDialog.getByLabel('单位').fill('%');
  await indDialog.getByLabel('基期值').fill('40');
  await indDialog.getByLabel('目标值').fill('90');
  await indDialog.getByLabel('完成值').fill('95');
  await indDialog.getByRole('button', { name: '保存' }).click();
  await expect(page.getByTestId('indicators').locator('.ant-tag', { hasText: /^达标$/ })).toBeVisible();
  await shot(page, '26-indicators');

  // 销号清单
  await page.getByRole('tab', { name: '销号清单' }).click();
  await page.getByPlaceholder('事项，例如').fill('城关村服务站挂牌');
  await page.getByRole('button', { name: '添加事项' }).click();
  await page.getByLabel('销号：城关村服务站挂牌').click(); // saved at once; the box follows the ledger
  await expect(page.getByLabel('销号：城关村服务站挂牌')).toBeChecked();
  await expect(page.getByTestId('checklist-progress')).toContainText('1 / 1');
  await expect(page.getByTestId('subtopic-progress')).toContainText('2 / 2');
  await shot(page, '27-checklist');

  // 结题: prefilled from the ledger, saved, submitted
  await page.getByRole('tab', { name: '结题' }).click();
  await expect(page.getByLabel('工作开展情况')).toHaveValue(/建设村级寄递服务站/);
  await expect(page.getByLabel('取得成效')).toHaveValue(/村级服务站覆盖率：基期 40%，目标 90%，完成 95%，已达标/);
  await page.getByLabel('经验做法').fill('支部+部门结对，党员包村。');
  await page.getByTestId('closure-save').click();
  await page.getByTestId('closure-submit').click();
  await page.getByRole('button', { name: '提交', exact: true }).click();
  await expect(page.getByTestId('topic-status')).toHaveText('已结题');
  await expect(page.getByRole('button', { name: '重新打开' })).toBeVisible();

  // 评审 with the rubric from settings, then 通过 and a commendation
  const review = page.getByTestId('review');
  await review.getByLabel('实效性').fill('48');
  await review.getByLabel('创新性').fill('22');
  await review.getByLabel('可操作性').fill('23');
  await expect(page.getByTestId('review-total')).toContainText('93');
  await review.getByLabel('评审人').click();
  await page.keyboard.type('张书记');
  await page.keyboard.press('Enter');
  await review.getByLabel('评审意见').fill('成效明显，可复制推广。');
  await page.getByTestId('review-save').click();
  await expect(page.getByTestId('review-result')).toContainText('优秀');
  await shot(page, '28-review');
  await page.getByTestId('decide').click();
  await page.getByRole('dialog', { name: '结题结论' }).getByRole('button', { name: '确定' }).click();
  await expect(page.getByTestId('topic-status')).toHaveText('已验收');
  await choose(page, page.getByTestId('commendations').locator('.ant-select'), '优秀课题');
  await page.getByTestId('commend').click();
  await expect(page.getByTestId('commendations').getByText('优秀课题').first()).toBeVisible();
  await page.getByTestId('closure-docx').click();
  await expect(page.getByTestId('export-done')).toContainText('结题报告.docx');
  await expect(page.getByTestId('export-done').getByRole('button', { name: '打印' })).toHaveCount(0);
  await page.getByTestId('closure-pdf').click();
  await expect(page.getByTestId('export-done')).toContainText('结题报告.pdf');
  await shot(page, '29-accepted');
  const closure = await ledger.call<{ outcome: string; experience: string }>('closure.get', { topicId: topic!.id });
  expect(closure).toMatchObject({ outcome: '通过', experience: '支部+部门结对，党员包村。' });

  // The dashboard follows
  await page.getByRole('menuitem', { name: '首页' }).click();
  await expect(page.getByTestId('stat-topics')).toContainText('1');
  await expect(page.getByTestId('stat-closed')).toContainText('2/ 2');
  await expect(page.getByTestId('summary')).toContainText('1项课题');
  await shot(page, '30-dashboard-after');
  expect(ledger.errors).toEqual([]);
});

test('an error from the core is shown as a Chinese sentence', async ({ page, ledger, open }) => {
  await ledger.call('ledger.demo');
  await open('units');
  // A unit still in use cannot be deleted: the core says why.
  const row = page.locator('.ant-table-row', { hasText: '寄递事业部党支部' });
  await row.getByRole('button', { name: '删除' }).click();
  await page.getByRole('button', { name: '删除', exact: true }).last().click();
  await expect(page.getByTestId('error-notice')).toContainText('不能删除');
  await expect(page.getByTestId('error-notice')).not.toContainText('Error');
  await shot(page, '31-error-notice');
});
