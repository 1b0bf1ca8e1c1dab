import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { count, fileCore, memoryCore, snapshot, tempDir } from '../helpers/core';
import { LEDGER_TITLE, legacyWorkbook } from './fixtures';

const dir = tempDir('import-ledger-');

async function fixture(name = 'legacy.xlsx', opts?: Parameters<typeof legacyWorkbook>[1]) {
  return legacyWorkbook(path.join(dir, name), opts);
}

describe('import of a legacy xlsx ledger', () => {
  it('analyses sheets, the two-row header and the columns', async () => {
    const core = memoryCore();
    const a = await core.call('import.analyze', { file: await fixture() });
    expect(a.campaign).toEqual({ name: '汉中市分公司党支部"领题破题"活动', year: 2023, exists: false, source: 'title' });
    expect(a.sheets.map((s) => [s.name, s.kind, s.headerRows, s.rows])).toEqual([
      ['台账', 'ledger', [3, 4], 9],
      ['责任人名册', 'roster', [1], 6],
      ['成效指标', 'indicators', [1], 5],
      ['销号清单', 'checklist', [1], 3],
      ['填表说明', 'unknown', [], 0],
    ]);
    expect(a.sheets[4]!.note).toMatch(/未能识别表头/);
    const ledger = a.sheets[0]!;
    expect(ledger.columns.map((c) => `${c.letter}:${c.field}`)).toEqual([
      'A:code', 'B:topic', 'C:leadDepartment', 'D:branch', 'E:subtopic', 'F:measures', 'G:owners', 'H:deadline', 'I:progress', 'J:closed',
    ]);
    expect(ledger.columns[1]!.header).toBe('课题信息/课题名称');
    expect(ledger.columns.every((c) => c.sure)).toBe(true);
    expect(ledger.skippedRows).toBe(1); // the 合计 row
    expect(a.counts).toEqual({ topics: 2, subtopics: 9, people: 12, indicators: 5, checklist: 3 });
    expect(a.errorRows).toBe(0);
    expect(a.issues).toEqual([
      { sheet: '台账', row: 12, column: 'H', value: '长期坚持', message: '完成时限不是日期，已按原文保存', severity: 'warning' },
      { sheet: '成效指标', row: 5, column: 'G', value: '长期', message: '统计截止日期不是日期，已按原文保存', severity: 'warning' },
    ]);
    expect(count(core, 'topics')).toBe(0); // analysis writes nothing
  });

  it('commits exact records: fill-down, dates, names, tick-offs, units', async () => {
    const core = memoryCore();
    const r = await core.call('import.commit', { file: await fixture() });
    expect(r.counts).toEqual({
      topics: { added: 2, updated: 0, unchanged: 0 },
      subtopics: { added: 9, updated: 0, unchanged: 0 },
      people: { added: 12, updated: 0, unchanged: 0 },
      indicators: { added: 5, updated: 0, unchanged: 0 },
      checklist: { added: 3, updated: 0, unchanged: 0 },
      units: { added: 5, updated: 0, unchanged: 0 },
    });
    expect(r.backupFile).toBeNull();
    const topics = await core.call('topic.list', { campaignId: r.campaignId });
    expect(topics.map((t) => [t.code, t.title, t.leadDepartmentName, t.branchName, t.subtopics, t.closedSubtopics, t.status])).toEqual([
      ['1', '提升揽投服务质效', '寄递事业部', '城区揽投部党支部', 4, 2, '破题中'],
      ['2', '普惠金融进村入户', '金融业务部', '农村网点党支部', 5, 2, '破题中'],
    ]);
    const subs = [
      ...(await core.call('subtopic.list', { topicId: topics[0]!.id })),
      ...(await core.call('subtopic.list', { topicId: topics[1]!.id })),
    ];
    expect(subs.map((s) => [s.title, s.owners.map((o) => o.name).join('、'), s.deadline, s.deadlineText, s.status, s.closedDate, s.progress, s.measures])).toEqual([
      ['商户走访登记', '方芳、方芳波', '2023-05-31', '', '已销号', '2023-05-31', '已走访120户', '每周走访10户'],
      ['优化揽投段道', '张伟、李娜', '2023-06-30', '', '推进中', null, '推进中', '重新划分段道'],
      ['补充揽收人员', '王强、赵敏', '2023-07-31', '', '已销号', '2023-07-31', '', '招聘3人'],
      ['成本测算', '刘洋、陈静', '2023-08-31', '', '未开始', null, '', '按月测算'],
      ['建立村级服务站', '孙丽、周杰', '2023-09-30', '', '已销号', '2023-09-30', '已建站8个', '每村一站'],
      ['开展防诈宣传', '方芳', '2023-12-31', '2023年12月底', '未开始', null, '', '每月一次'],
      ['走访新型农业主体', '吴刚、郑爽', '2023-05-31', '5月31日前', '已销号', '2023-05-31', '', '上门服务'],
      ['长效机制', '方芳波', null, '长期坚持', '未开始', null, '', '建立制度'],
      ['季度复盘', '郑爽', '2023-10-08', '', '未开始', null, '', '季度总结'],
    ]);
    // 方芳 and 方芳波 are two people; owners from the roster carry its unit.
    const people = await core.call('person.list', {});
    expect(people.filter((p) => p.name.startsWith('方芳')).map((p) => [p.name, p.unitName, p.politicalStatus, p.category])).toEqual([
      ['方芳', '城区揽投部', '中共党员', '党员'],
      ['方芳波', '城区揽投部', '群众', '业务骨干'],
    ]);
    expect(people.find((p) => p.name === '王强')!.unitId).toBeNull();
    const units = await core.call('unit.list', {});
    expect(units.map((u) => [u.name, u.kind]).sort()).toEqual(
      [['城区揽投部', '部门'], ['城区揽投部党支部', '党支部'], ['寄递事业部', '部门'], ['农村网点党支部', '党支部'], ['金融业务部', '部门']].sort(),
    );
    const detail1 = await core.call('topic.get', { id: topics[0]!.id });
    expect(detail1.indicators.map((i) => [i.name, i.unit, i.baseline, i.target, i.actual, i.asOf, i.met])).toEqual([
      ['揽收收入', '万元', 800, 1000, 1050, '2023-06-30', true],
      ['揽收量', '万件', 15, 17.11, 16.5, '2023-06-30', false],
    ]);
    expect(detail1.checklist.map((c) => [c.item, c.area, c.ownerName, c.ownerId !== null, c.plannedDate, c.doneDate, c.closed])).toEqual([
      ['汉中大润发', '汉台商圈', '张伟', true, '2023-06-30', '2023-06-10', true],
      ['天汉大道便利店', '汉台商圈', '李娜', true, '2023-06-30', null, false],
      ['兴汉新区菜市场', '兴汉商圈', '不认识的人', false, '2023-07-31', '2023-07-02', true],
    ]);
    const detail2 = await core.call('topic.get', { id: topics[1]!.id });
    expect(detail2.indicators.map((i) => [i.name, i.unit, i.baseline, i.target, i.actual, i.asOf, i.higherIsBetter])).toEqual([
      ['服务覆盖率', '%', 40, 65, 50, '2023-06-30', true],
      ['宣传覆盖人次', '万人次', null, 6, 5, null, true],
      ['客户投诉率', '%', 2, 1, 0.8, null, false],
    ]);
    // The numbers a person counts on the sheet by hand.
    const stats = await core.call('stats.get', { campaignId: r.campaignId });
    expect(stats).toMatchObject({ topics: 2, subtopics: 9, people: 12, party: 3, backbone: 3, closedSubtopics: 4, indicators: 5, indicatorsMet: 2, checklist: 3, checklistDone: 2 });
    // Every record and audit line names the batch.
    expect(count(core, 'audit_log')).toBeGreaterThan(0);
    expect((core.db.prepare('SELECT count(*) AS n FROM audit_log WHERE import_batch_id IS NULL').get() as { n: number }).n).toBe(0);
    expect((core.db.prepare('SELECT count(*) AS n FROM subtopics WHERE import_batch_id = ?').get(r.batchId) as { n: number }).n).toBe(9);
    const check = await core.call('ledger.check', {});
    expect(check.problems).toEqual([]);
  });

  it('importing the same file twice adds nothing; an edited file updates; undo restores', async () => {
    const core = memoryCore();
    const file = await fixture('twice.xlsx');
    const first = await core.call('import.commit', { file });
    const second = await core.call('import.commit', { file });
    for (const k of ['topics', 'subtopics', 'people', 'indicators', 'checklist', 'units'] as const) expect(second.counts[k].added).toBe(0);
    expect(second.counts.subtopics).toEqual({ added: 0, updated: 0, unchanged: 9 });
    expect(second.counts.people).toEqual({ added: 0, updated: 0, unchanged: 6 });
    expect(count(core, 'topics')).toBe(2);
    expect(count(core, 'subtopics')).toBe(9);
    expect(count(core, 'people')).toBe(12);
    // Only the new batch row differs.
    expect(count(core, 'import_batches')).toBe(2);
    expect(count(core, 'audit_log')).toBe((core.db.prepare('SELECT count(*) AS n FROM audit_log WHERE import_batch_id = ?').get(first.batchId) as { n: number }).n);

    const edited = await legacyWorkbook(path.join(dir, 'edited.xlsx'), {
      edit: { 优化揽投段道: { progress: '已完成段道调整', owners: '李娜、张伟、新人甲', closed: '是' }, 成本测算: { deadline: '2023年9月30日' } },
      extraRows: [[null, null, null, null, '新增小课题', '新措施', '方芳', '2023/11/30', '', '否']],
    });
    const third = await core.call('import.commit', { file: edited });
    expect(third.counts.subtopics).toEqual({ added: 1, updated: 2, unchanged: 7 });
    expect(third.counts.people.added).toBe(1);
    const topics = await core.call('topic.list', {});
    const subs = await core.call('subtopic.list', { topicId: topics[0]!.id });
    const s = subs.find((x) => x.title === '优化揽投段道')!;
    expect([s.status, s.closedDate, s.progress, s.owners.map((o) => o.name)]).toEqual(['已销号', '2023-06-30', '已完成段道调整', ['李娜', '张伟', '新人甲']]);
    expect(subs.find((x) => x.title === '成本测算')!.deadline).toBe('2023-09-30');
    expect((await core.call('subtopic.list', { topicId: topics[1]!.id })).map((x) => x.title)).toContain('新增小课题');

    // Undo the edit: back to the first import exactly.
    const undo = await core.call('import.undo', { batchId: third.batchId! });
    expect(undo.reverted).toBe(4); // 新人甲 and 新增小课题 created, 优化揽投段道 and 成本测算 updated
    const back = await core.call('subtopic.list', { topicId: topics[0]!.id });
    const b = back.find((x) => x.title === '优化揽投段道')!;
    expect([b.status, b.closedDate, b.progress, b.owners.map((o) => o.name)]).toEqual(['推进中', null, '推进中', ['张伟', '李娜']]);
    expect(back.find((x) => x.title === '成本测算')!.deadline).toBe('2023-08-31');
    expect(count(core, 'subtopics')).toBe(9);
    expect(count(core, 'people')).toBe(12);
    await expect(core.call('import.undo', { batchId: third.batchId! })).rejects.toMatchObject({ code: 'BAD_STATE' });
    // Undo the first import: the ledger is empty again (the no-op second batch has nothing to undo).
    await core.call('import.undo', { batchId: second.batchId! });
    await core.call('import.undo', { batchId: first.batchId! });
    for (const t of ['campaigns', 'topics', 'subtopics', 'subtopic_owners', 'people', 'units', 'indicators', 'checklist_items']) expect(count(core, t)).toBe(0);
    const batches = await core.call('importBatch.list', {});
    expect(batches.every((x) => x.undoneAt !== null)).toBe(true);
  });

  it('refuses to undo a batch whose records were edited afterwards', async () => {
    const core = memoryCore();
    const r = await core.call('import.commit', { file: await fixture('later.xlsx') });
    const topic = (await core.call('topic.list', {}))[0]!;
    await core.call('topic.update', { id: topic.id, goal: '手工补充的目标' });
    const before = snapshot(core);
    await expect(core.call('import.undo', { batchId: r.batchId! })).rejects.toMatchObject({ code: 'BAD_STATE', message: expect.stringMatching(/又被修改过/) });
    expect(snapshot(core)).toBe(before);
  });

  it('a created topic gets one audit line listing its sub-topics by id and title', async () => {
    const core = memoryCore();
    const r = await core.call('import.commit', { file: await fixture('audit.xlsx') });
    const lines = core.db.prepare("SELECT entity, entity_id AS id, after FROM audit_log WHERE import_batch_id = ? AND action = 'create'").all(r.batchId) as {
      entity: string;
      id: string;
      after: string;
    }[];
    // No line per sub-topic: they are in their topic's line.
    expect(lines.filter((l) => l.entity === 'subtopic')).toEqual([]);
    const topicLines = lines.filter((l) => l.entity === 'topic');
    expect(topicLines).toHaveLength(2);
    for (const line of topicLines) {
      const after = JSON.parse(line.after) as { title: string; subtopics: unknown[] };
      const stored = await core.call('subtopic.list', { topicId: line.id });
      expect(after.subtopics).toEqual(stored.map((s) => ({ id: s.id, title: s.title })));
    }
    // Undo counts every record it took back, the sub-topics that went with their topic included (and the campaign).
    const undo = await core.call('import.undo', { batchId: r.batchId! });
    expect(undo.reverted).toBe(1 + Object.values(r.counts).reduce((n, t) => n + t.added, 0));
    expect(count(core, 'subtopics')).toBe(0);
  });

  it('refuses to undo a batch when one of its sub-topics was edited, or a record was added under its topic', async () => {
    const core = memoryCore();
    const r = await core.call('import.commit', { file: await fixture('later-sub.xlsx') });
    const topic = (await core.call('topic.list', {}))[0]!;
    const sub = (await core.call('subtopic.list', { topicId: topic.id })).find((s) => s.status !== '已销号')!;
    await core.call('subtopic.update', { id: sub.id, measures: '手工修改的措施' });
    let before = snapshot(core);
    await expect(core.call('import.undo', { batchId: r.batchId! })).rejects.toMatchObject({ code: 'BAD_STATE', message: expect.stringMatching(/又被修改过/) });
    expect(snapshot(core)).toBe(before);

    const other = memoryCore();
    const r2 = await other.call('import.commit', { file: await fixture('later-progress.xlsx') });
    const t2 = (await other.call('topic.list', {}))[0]!;
    await other.call('progress.create', { topicId: t2.id, entryDate: '2023-07-01', content: '第一周推进会' });
    before = snapshot(other);
    await expect(other.call('import.undo', { batchId: r2.batchId! })).rejects.toMatchObject({ code: 'BAD_STATE' });
    expect(snapshot(other)).toBe(before);
  });

  it('a file ledger is backed up before the commit; --campaign chooses the campaign', async () => {
    const ledger = path.join(tempDir('import-file-'), 'ledger.db');
    const core = fileCore(ledger);
    try {
      const r = await core.call('import.commit', { file: await fixture('backup.xlsx'), campaign: '2023年领题破题' });
      expect(r.backupFile).toMatch(/backups[\\/]ledger-.*-import\.db$/);
      const campaigns = await core.call('campaign.list', {});
      expect(campaigns.map((c) => [c.name, c.year])).toEqual([['2023年领题破题', 2023]]);
    } finally {
      core.close();
    }
    expect(LEDGER_TITLE).toContain('台账');
  });

  it('an undo of a file ledger is backed up first; a refused undo makes no backup', async () => {
    const ledger = path.join(tempDir('import-undo-file-'), 'ledger.db');
    const core = fileCore(ledger);
    try {
      const r = await core.call('import.commit', { file: await fixture('undo-backup.xlsx') });
      const backups = () => fs.readdirSync(path.join(path.dirname(ledger), 'backups')).sort();
      const topic = (await core.call('topic.list', {}))[0]!;
      await core.call('topic.update', { id: topic.id, goal: '手工补充的目标' });
      await expect(core.call('import.undo', { batchId: r.batchId! })).rejects.toMatchObject({ code: 'BAD_STATE' });
      expect(backups().filter((f) => f.includes('-undo'))).toEqual([]);
      await core.call('topic.update', { id: topic.id, goal: '' });
      // The edit and its reversal are still later changes: undo stays refused until they are gone from the picture.
      await expect(core.call('import.undo', { batchId: r.batchId! })).rejects.toMatchObject({ code: 'BAD_STATE' });

      const second = await core.call('import.commit', { file: await fixture('undo-backup-2.xlsx', { edit: { 优化揽投段道: { progress: '第二次导入写的进展' } } }) });
      const undone = await core.call('import.undo', { batchId: second.batchId! });
      expect(undone.backupFile).toMatch(/backups[\\/]ledger-.*-undo\.db$/);
      expect(backups().filter((f) => f.includes('-undo'))).toHaveLength(1);
      expect(fs.existsSync(undone.backupFile!)).toBe(true);
    } finally {
      core.close();
    }
  });
});
