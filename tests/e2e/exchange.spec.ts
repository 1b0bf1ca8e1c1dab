import fs from 'node:fs';
import path from 'node:path';
import { openCore } from '../../electron/core';
import { expect, shot, test } from './fixtures';

/*
 * 交换 at the committee: a branch's packages imported (two at once, one of
 * them a repeat), a column both offices changed decided by the clerk, and a
 * package exported back down for the branch.
 */
test('交换: import branch packages, decide a conflict side by side, export a package down', async ({ page, ledger, open }) => {
  test.setTimeout(90_000);
  const dir = ledger.shell.dir;
  const branch = openCore(path.join(dir, 'branch.db'), { operator: '支部' });
  const bcall = async <T,>(method: string, args: unknown = {}) => {
    const r = await branch.dispatch(method, args);
    if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
    return r.data as T;
  };
  await bcall('ledger.demo');
  const unit = (await bcall<{ id: string; name: string }[]>('unit.list')).find((u) => u.name === '寄递事业部党支部')!;
  await bcall('exchange.export', { unitId: unit.id, out: path.join(dir, '寄递-1.ldgx') });

  await open('exchange');
  await expect(page.getByTestId('exchange-history')).toContainText('还没有交换过');
  await shot(page, '60-exchange-empty');
  ledger.shell.nextPicks = [path.join(dir, '寄递-1.ldgx')];
  await page.getByTestId('exchange-import-button').click();
  await expect(page.getByTestId('exchange-import-result')).toContainText('寄递事业部党支部');
  await expect(page.getByTestId('exchange-import-result')).toContainText('新增');

  // Both offices change the same topic's goal; the branch's next package meets the committee's edit.
  const topic = (await bcall<{ id: string; title: string; branchId: string }[]>('topic.list', {})).find((t) => t.branchId === unit.id)!;
  await bcall('topic.update', { id: topic.id, goal: '支部修改的目标' });
  await ledger.call('topic.update', { id: topic.id, goal: '党委修改的目标' });
  await bcall('exchange.export', { unitId: unit.id, out: path.join(dir, '寄递-2.ldgx') });
  ledger.shell.nextPicks = [path.join(dir, '寄递-1.ldgx'), path.join(dir, '寄递-2.ldgx')];
  await page.getByTestId('exchange-import-button').click();
  await expect(page.getByTestId('exchange-conflicts')).toContainText('1 处待处理');
  await expect(page.getByTestId('exchange-conflicts')).toContainText('支部修改的目标');
  await expect(page.getByTestId('exchange-conflicts')).toContainText('党委修改的目标');
  await shot(page, '61-exchange-conflict');
  await page.getByTestId('exchange-take-theirs').click();
  await expect(page.getByTestId('exchange-conflicts')).toContainText('没有待处理的冲突');
  await expect(page.getByTestId('exchange-sources')).toContainText('寄递事业部党支部');
  const after = await ledger.call<{ topic: { goal: string } }>('topic.get', { id: topic.id });
  expect(after.topic.goal).toBe('支部修改的目标');

  // Down: a package for the branch, saved where the (stand-in) save dialog said.
  await page.getByTestId('exchange-unit').click();
  await page.getByTitle('寄递事业部党支部').click();
  await page.getByTestId('exchange-export-button').click();
  await expect(page.getByTestId('exchange-history')).toContainText('导出');
  const saved = ledger.shell.calls.filter((c) => c.method === 'shell.saveFileAs').map((c) => path.join(dir, (c.args as { suggestedName: string }).suggestedName));
  expect(saved).toHaveLength(1);
  expect(fs.statSync(saved[0]!).size).toBeGreaterThan(100);
  await shot(page, '62-exchange-history');
  branch.close();
  expect(ledger.errors).toEqual([]);
});
