import { describe, expect, it } from 'vitest';
import { memoryCore, snapshot } from '../helpers/core';
import { seedSmall } from '../helpers/fixtures';

describe('topics', () => {
  it('lists topics with names resolved and progress counted', async () => {
    const core = memoryCore();
    const f = await seedSmall(core);
    const rows = await core.call('topic.list', { campaignId: f.campaign.id });
    expect(rows.map((t) => [t.code, t.title, t.branchName, t.leadDepartmentName, t.leaderName, t.subtopics, t.overdue])).toEqual([
      ['1', '提升特快业务收入', '寄递党支部', '市寄递事业部', '王建华', 3, 1],
      ['2', '便民服务站提质', '渠道党支部', '渠道平台部', '周静', 1, 1],
    ]);
  });

  it('filters by status, branch, lead department, overdue and text', async () => {
    const core = memoryCore();
    const f = await seedSmall(core);
    const t3 = await core.call('topic.create', { campaignId: f.campaign.id, code: '3', title: '机关服务基层', status: '已领题', branchId: f.branchA.id });
    const titles = async (filter: Parameters<typeof core.call<'topic.list'>>[1]) => (await core.call('topic.list', filter)).map((t) => t.title);
    expect(await titles({ status: ['已领题'] })).toEqual(['机关服务基层']);
    expect(await titles({ status: ['破题中', '已出题'] })).toEqual(['提升特快业务收入', '便民服务站提质']);
    expect(await titles({ branchId: f.branchA.id })).toEqual(['提升特快业务收入', '机关服务基层']);
    expect(await titles({ leadDepartmentId: f.deptB.id })).toEqual(['便民服务站提质']);
    expect(await titles({ overdue: true })).toEqual(['提升特快业务收入', '便民服务站提质']);
    await core.call('subtopic.close', { id: f.s.a.id, closedDate: '2024-06-01' });
    expect(await titles({ overdue: true })).toEqual(['便民服务站提质']);
    // Search looks at title, code, leader, branch, department and sub-topic titles; % is literal.
    expect(await titles({ q: '特快' })).toEqual(['提升特快业务收入']);
    expect(await titles({ q: '周静' })).toEqual(['便民服务站提质']);
    expect(await titles({ q: '站点签约' })).toEqual(['便民服务站提质']);
    expect(await titles({ q: '%' })).toEqual([]);
    expect(t3.status).toBe('已领题');
  });

  it('returns a topic with everything under it in one call', async () => {
    const core = memoryCore();
    const f = await seedSmall(core);
    await core.call('progress.create', { topicId: f.t1.id, subtopicId: f.s.a.id, entryDate: '2024-05-01', kind: '推进会', content: '召开推进会' });
    await core.call('indicator.create', { topicId: f.t1.id, name: '特快业务收入', unit: '万元', baseline: 590, target: 680, actual: 612.5 });
    await core.call('checklist.create', { topicId: f.t1.id, item: '天汉大道商户', area: '天汉商圈' });
    await core.call('closure.save', { topicId: f.t1.id, workDone: '逐户走访' });
    const d = await core.call('topic.get', { id: f.t1.id });
    expect(d.topic.title).toBe('提升特快业务收入');
    expect(d.subtopics.map((s) => [s.title, s.owners.map((o) => o.name).join('、'), s.deadline, s.deadlineText, s.overdue])).toEqual([
      ['商户走访', '王建华、李敏', '2024-05-31', '', true],
      ['时限提升', '李敏', '2024-06-20', '', false],
      ['党员承诺', '王建华', null, '长期坚持', false],
    ]);
    expect(d.progress[0]).toMatchObject({ kind: '推进会', subtopicTitle: '商户走访' });
    expect(d.indicators[0]).toMatchObject({ name: '特快业务收入', met: false });
    expect(d.checklist[0]).toMatchObject({ item: '天汉大道商户', closed: false });
    expect(d.closure?.workDone).toBe('逐户走访');
    expect(d.review).toBeNull();
    expect(d.locked).toBe(false);
  });

  it('keeps titles unique within a branch of a campaign, and lets another branch take the same title', async () => {
    const core = memoryCore();
    const f = await seedSmall(core);
    const r = await core.dispatch('topic.create', { campaignId: f.campaign.id, title: '提升特快业务收入', branchId: f.t1.branchId });
    expect(r).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: '本活动中本支部已有名为「提升特快业务收入」的课题（课题名称在同一支部内不能重复）。' } });
    // The province's prescribed topics are taken by many branches (issue 17): migration 0008.
    const other = await core.dispatch('topic.create', { campaignId: f.campaign.id, title: '提升特快业务收入', branchId: f.t2.branchId });
    expect(other).toMatchObject({ ok: true });
  });

  it('checks what a topic points at', async () => {
    const core = memoryCore();
    const f = await seedSmall(core);
    const wrongBranch = await core.dispatch('topic.update', { id: f.t1.id, branchId: f.deptA.id });
    expect(wrongBranch.ok || wrongBranch.error.message).toBe('「领题支部」应选择党支部或党小组或党委，「市寄递事业部」是部门。');
    const gone = await core.dispatch('topic.update', { id: f.t1.id, leaderId: '01900000-0000-7000-8000-0000000000aa' });
    expect(gone.ok || gone.error.message).toBe('「课题负责人」所选的记录不存在，可能已被删除，请重新选择。');
    const closeByEdit = await core.dispatch('topic.update', { id: f.t1.id, status: '已结题' });
    expect(closeByEdit).toMatchObject({ ok: false, error: { code: 'BAD_STATE' } });
  });

  it('locks a closed topic and everything under it until re-opened with a reason', async () => {
    const core = memoryCore();
    const f = await seedSmall(core);
    for (const s of [f.s.a, f.s.b, f.s.c]) await core.call('subtopic.close', { id: s.id, closedDate: '2024-06-10', opinion: '同意销号' });
    await core.call('closure.save', { topicId: f.t1.id, workDone: '开展了走访', results: '收入增长' });
    await core.call('closure.submit', { topicId: f.t1.id, submittedDate: '2024-06-12' });
    expect((await core.call('topic.get', { id: f.t1.id })).locked).toBe(true);
    const before = snapshot(core);
    for (const [method, args] of [
      ['topic.update', { id: f.t1.id, goal: '改目标' }],
      ['topic.delete', { id: f.t1.id }],
      ['subtopic.create', { topicId: f.t1.id, title: '补一个' }],
      ['progress.create', { topicId: f.t1.id, entryDate: '2024-06-13', content: '补记' }],
      ['indicator.create', { topicId: f.t1.id, name: '新指标' }],
      ['progress.createMany', { topicId: f.t1.id, entries: [{ entryDate: '2024-06-13', content: '补记' }] }],
      ['indicator.saveMany', { topicId: f.t1.id, indicators: [{ name: '新指标' }] }],
      ['closure.save', { topicId: f.t1.id, workDone: '改写' }],
    ] as const) {
      const r = await core.dispatch(method, args);
      expect(r, method).toMatchObject({ ok: false, error: { code: 'LOCKED' } });
    }
    expect(snapshot(core)).toBe(before);
    const noReason = await core.dispatch('topic.reopen', { id: f.t1.id, reason: '' });
    expect(noReason.ok || noReason.error.message).toBe('填写有误：原因不能为空。');
    const reopened = await core.call('topic.reopen', { id: f.t1.id, reason: '结题报告数据有误' });
    expect(reopened.status).toBe('破题中');
    const log = await core.call('audit.list', { entityId: f.t1.id });
    expect(log[0]).toMatchObject({ action: 'reopen', reason: '结题报告数据有误', operator: '测试员' });
    expect((await core.call('closure.get', { topicId: f.t1.id }))?.submittedDate).toBeNull();
    await core.call('topic.update', { id: f.t1.id, goal: '改目标' });
  });

  it('deletes a topic with everything under it', async () => {
    const core = memoryCore();
    const f = await seedSmall(core);
    await core.call('progress.create', { topicId: f.t2.id, entryDate: '2024-05-01', content: '签约 3 个站点' });
    await core.call('topic.delete', { id: f.t2.id });
    expect(core.db.prepare('SELECT count(*) AS n FROM subtopics WHERE topic_id = ?').get(f.t2.id)).toEqual({ n: 0 });
    expect(core.db.prepare('SELECT count(*) AS n FROM progress_entries WHERE topic_id = ?').get(f.t2.id)).toEqual({ n: 0 });
    expect((await core.call('audit.list', { entityId: f.t2.id }))[0]).toMatchObject({ action: 'delete', after: null });
  });
});

describe('the topic progress counters (migration 0003)', () => {
  it('follow every insert, tick-off, re-open, move and delete of a sub-topic', async () => {
    const core = memoryCore();
    const f = await seedSmall(core);
    const counts = () => core.db.prepare('SELECT subtopic_count AS n, closed_subtopic_count AS closed FROM topics WHERE id = ?').get(f.t1.id);
    expect(counts()).toEqual({ n: 3, closed: 0 });
    await core.call('subtopic.close', { id: f.s.a.id, closedDate: '2024-06-01' });
    await core.call('subtopic.close', { id: f.s.b.id, closedDate: '2024-06-01' });
    expect(counts()).toEqual({ n: 3, closed: 2 });
    await core.call('subtopic.reopen', { id: f.s.b.id, reason: '材料不全' });
    expect(counts()).toEqual({ n: 3, closed: 1 });
    await core.call('subtopic.delete', { id: f.s.c.id });
    expect(counts()).toEqual({ n: 2, closed: 1 });
    // Moved by hand (no method moves a sub-topic): both topics follow.
    core.db.prepare('UPDATE subtopics SET topic_id = ? WHERE id = ?').run(f.t2.id, f.s.a.id);
    expect(counts()).toEqual({ n: 1, closed: 0 });
    expect((await core.call('topic.list', { campaignId: f.campaign.id })).map((t) => [t.subtopics, t.closedSubtopics])).toEqual([
      [1, 0],
      [2, 1],
    ]);
    expect((await core.call('ledger.check', {})).ok).toBe(true);
    core.db.prepare('UPDATE topics SET subtopic_count = 99 WHERE id = ?').run(f.t1.id);
    expect((await core.call('ledger.check', {})).problems.map((p) => p.message)).toEqual(['课题的小课题计数与实际不符（计数由触发器维护，可能被外部程序改动）']);
  });
});

describe('deferring the counters for a bulk write', () => {
  it('recounts once at the end, and a failure rolls the dropped triggers back too', async () => {
    const { withTopicCountersDeferred } = await import('../../electron/core/db/topicCounters');
    const core = memoryCore();
    const f = await seedSmall(core);
    const triggers = () => (core.db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'topic_counts_%'").get() as { n: number }).n;
    core.db.transaction(() =>
      withTopicCountersDeferred(core.db, () => {
        expect(triggers()).toBe(0);
        core.db.prepare("UPDATE subtopics SET status = '已销号', closed_date = '2024-06-01' WHERE topic_id = ?").run(f.t1.id);
      }),
    )();
    expect(triggers()).toBe(3);
    expect(core.db.prepare('SELECT subtopic_count AS n, closed_subtopic_count AS closed FROM topics WHERE id = ?').get(f.t1.id)).toEqual({ n: 3, closed: 3 });
    expect(() =>
      core.db.transaction(() =>
        withTopicCountersDeferred(core.db, () => {
          throw new Error('导入中途失败');
        }),
      )(),
    ).toThrow('导入中途失败');
    expect(triggers()).toBe(3);
    expect((await core.call('ledger.check', {})).problems.filter((p) => p.message.startsWith('课题的小课题计数'))).toEqual([]);
  });
});
