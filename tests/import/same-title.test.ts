import ExcelJS from 'exceljs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { memoryCore, tempDir } from '../helpers/core';

/*
 * A topic's title is unique per branch, not per campaign (migration 0008: the
 * committee's ledger holds every branch's copy of a prescribed topic). An
 * import matches a row to the topic of its title and its 领题支部, never to
 * another branch's topic of the same title.
 */

const dir = tempDir('import-same-title-');
const TITLE = '提升揽投服务质效';
const campaign = '2023年领题破题';

async function sheet(name: string, row: Record<string, string>): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('台账');
  ws.addRow(Object.keys(row));
  ws.addRow(Object.values(row));
  const file = path.join(dir, `${name}.xlsx`);
  await wb.xlsx.writeFile(file);
  return file;
}

async function ledgerWithTwoBranches() {
  const core = memoryCore();
  const committee = await core.call('unit.create', { name: '市分公司党委', kind: '党委' });
  const a = await core.call('unit.create', { name: 'A党支部', kind: '党支部', parentId: committee.id });
  const b = await core.call('unit.create', { name: 'B党支部', kind: '党支部', parentId: committee.id });
  const c = await core.call('campaign.create', { name: campaign, year: 2023 });
  const ta = await core.call('topic.create', { campaignId: c.id, title: TITLE, branchId: a.id, goal: 'A的目标' });
  const tb = await core.call('topic.create', { campaignId: c.id, title: TITLE, branchId: b.id, goal: 'B的目标' });
  const goals = () => core.db.prepare('SELECT branch_id AS branch, goal, subtopic_count AS subs FROM topics ORDER BY goal').all();
  return { core, a, b, ta, tb, goals };
}

describe('import: the same topic title at several branches', () => {
  it("updates the topic of the sheet's branch only", async () => {
    const { core, a, b, goals } = await ledgerWithTwoBranches();
    // A's topic was made first: a match by title alone would land on B's, the last one read.
    const file = await sheet('a', { 序号: '1', 课题名称: TITLE, 领题支部: 'A党支部', 课题目标: 'A的新目标', 小课题: '商户走访登记', 推进措施: '每周走访10户', 完成时限: '2023/6/30' });
    const r = await core.call('import.commit', { file, campaign });
    expect(r.counts.topics).toMatchObject({ added: 0, updated: 1 });
    expect(goals()).toEqual([
      { branch: a.id, goal: 'A的新目标', subs: 1 },
      { branch: b.id, goal: 'B的目标', subs: 0 },
    ]);
  });

  it('imports nothing for a row whose branch is not said, and says why', async () => {
    const { core, goals } = await ledgerWithTwoBranches();
    const before = goals();
    const file = await sheet('none', { 序号: '1', 课题名称: TITLE, 课题目标: '谁的目标', 小课题: '商户走访登记', 推进措施: '每周走访10户', 完成时限: '2023/6/30' });
    const r = await core.call('import.commit', { file, campaign });
    expect(r.issues.map((i) => i.message)).toContainEqual(`本活动中有 2 项名为「${TITLE}」的课题（属于不同支部），表中没有写领题支部，无法确定是哪一项，本行未导入`);
    expect(goals()).toEqual(before);
  });

  it("makes a new topic for a third branch instead of taking another branch's", async () => {
    const core = memoryCore();
    const committee = await core.call('unit.create', { name: '市分公司党委', kind: '党委' });
    const a = await core.call('unit.create', { name: 'A党支部', kind: '党支部', parentId: committee.id });
    const c = await core.call('campaign.create', { name: campaign, year: 2023 });
    await core.call('topic.create', { campaignId: c.id, title: TITLE, branchId: a.id, goal: 'A的目标' });
    const file = await sheet('c', { 序号: '1', 课题名称: TITLE, 领题支部: 'C党支部', 课题目标: 'C的目标', 小课题: '商户走访登记', 推进措施: '每周走访10户', 完成时限: '2023/6/30' });
    const r = await core.call('import.commit', { file, campaign });
    expect(r.counts.topics).toMatchObject({ added: 1, updated: 0 });
    expect(core.db.prepare('SELECT u.name AS branch, t.goal FROM topics t JOIN units u ON u.id = t.branch_id ORDER BY u.name').all()).toEqual([
      { branch: 'A党支部', goal: 'A的目标' },
      { branch: 'C党支部', goal: 'C的目标' },
    ]);
  });
});
