import { describe, expect, it } from 'vitest';
import { memoryCore, snapshot } from '../helpers/core';
import { seedSmall } from '../helpers/fixtures';

describe('sub-topics', () => {
  it('keeps 责任人 in the order given and replaces them on update', async () => {
    const core = memoryCore();
    const f = await seedSmall(core);
    const s = await core.call('subtopic.update', { id: f.s.a.id, ownerIds: [f.p.li.id, f.p.fang.id, f.p.wang.id] });
    expect(s.owners.map((o) => o.name)).toEqual(['李敏', '方芳', '王建华']);
    expect(s.ownerIds).toEqual([f.p.li.id, f.p.fang.id, f.p.wang.id]);
    const dupes = await core.call('subtopic.update', { id: f.s.a.id, ownerIds: [f.p.wang.id, f.p.wang.id] });
    expect(dupes.owners.map((o) => o.name)).toEqual(['王建华']);
  });

  it('numbers new sub-topics after the last and reorders them', async () => {
    const core = memoryCore();
    const f = await seedSmall(core);
    const e = await core.call('subtopic.create', { topicId: f.t1.id, title: '大客户续签' });
    expect(e.seq).toBe(3);
    const order = [e.id, f.s.c.id, f.s.a.id, f.s.b.id];
    const after = await core.call('subtopic.reorder', { topicId: f.t1.id, ids: order });
    expect(after.map((s) => s.id)).toEqual(order);
    const partial = await core.dispatch('subtopic.reorder', { topicId: f.t1.id, ids: [e.id] });
    expect(partial.ok || partial.error.message).toBe('排序列表必须恰好包含该课题的全部小课题，各一次。');
  });

  it('createMany adds a pasted block in one call, in order after the last, and adds none when one row is refused', async () => {
    const core = memoryCore();
    const f = await seedSmall(core);
    const before = await core.call('subtopic.list', { topicId: f.t1.id });
    const added = await core.call('subtopic.createMany', {
      topicId: f.t1.id,
      subtopics: [
        { code: '4', title: '走访商户', ownerIds: [f.p.li.id], deadline: '2026-06-30' },
        { code: '5', title: '党员公开承诺', deadlineText: '长期坚持' },
      ],
    });
    expect(added.map((s) => [s.title, s.seq, s.owners.map((o) => o.name).join(), s.deadline, s.deadlineText])).toEqual([
      ['走访商户', before.length, '李敏', '2026-06-30', ''],
      ['党员公开承诺', before.length + 1, '', null, '长期坚持'],
    ]);
    const refused = await core.dispatch('subtopic.createMany', { topicId: f.t1.id, subtopics: [{ title: '新一项' }, { title: '走访商户' }] });
    expect(refused.ok || refused.error).toMatchObject({ code: 'CONFLICT', message: '第 2 行「走访商户」：该课题下已有名为「走访商户」的小课题。本次没有添加任何小课题。' });
    expect((await core.call('subtopic.list', { topicId: f.t1.id })).map((s) => s.title)).not.toContain('新一项');
  });

  it('saveMany writes a block pasted over rows: those rows change (only the pasted fields), the rest are added; all or none', async () => {
    const core = memoryCore();
    const f = await seedSmall(core);
    const [first, second] = await core.call('subtopic.list', { topicId: f.t1.id });
    const saved = await core.call('subtopic.saveMany', {
      topicId: f.t1.id,
      update: [
        { id: first!.id, measures: '每周走访', ownerIds: [f.p.fang.id] },
        { id: second!.id, budget: 1.5 },
      ],
      create: [{ title: '新增一项', deadlineText: '长期坚持' }],
    });
    expect(saved.map((s) => [s.title, s.measures, s.owners.map((o) => o.name).join(), s.budget])).toEqual([
      [first!.title, '每周走访', '方芳', first!.budget],
      [second!.title, second!.measures, second!.owners.map((o) => o.name).join(), 1.5],
      ['新增一项', '', '', null],
    ]);
    const audits = (await core.call('audit.list', { entity: 'subtopic', limit: 3 })) as { action: string }[];
    expect(audits.map((a) => a.action).sort()).toEqual(['create', 'update', 'update']);

    // One refused row (a ticked-off sub-topic, or a row of another topic) and nothing of the block is written.
    await core.call('subtopic.close', { id: f.s.b.id, closedDate: '2024-06-14' });
    const other = await core.call('subtopic.create', { topicId: f.t2.id, title: '别的课题的一项' });
    const before = snapshot(core);
    const locked = await core.dispatch('subtopic.saveMany', { topicId: f.t1.id, update: [{ id: first!.id, measures: '不会保存' }, { id: f.s.b.id, measures: '改' }], create: [{ title: '也不会保存' }] });
    expect(locked.ok || locked.error.message).toMatch(/^第 2 行：小课题「时限提升」已销号，不能修改.*本次粘贴没有保存任何一行。$/);
    const foreign = await core.dispatch('subtopic.saveMany', { topicId: f.t1.id, update: [{ id: other.id, title: '改名' }] });
    expect(foreign.ok || foreign.error.message).toBe('第 1 行「改名」：这一行不属于当前课题。本次粘贴没有保存任何一行。');
    const empty = await core.dispatch('subtopic.saveMany', { topicId: f.t1.id });
    expect(empty.ok || empty.error.message).toContain('没有要保存的小课题');
    expect(snapshot(core)).toBe(before);
  });

  it('ticks off, locks, and re-opens with a reason', async () => {
    const core = memoryCore();
    const f = await seedSmall(core);
    const closed = await core.call('subtopic.close', { id: f.s.b.id, closedDate: '2024-06-14', opinion: '经推进会验收', closedBy: '王建华' });
    expect(closed).toMatchObject({ status: '已销号', closedDate: '2024-06-14', closeOpinion: '经推进会验收', closedBy: '王建华', overdue: false });
    // No evidence attached: shown as closing by meeting alone.
    expect(closed.closedByMeetingOnly).toBe(true);
    const before = snapshot(core);
    const edit = await core.dispatch('subtopic.update', { id: f.s.b.id, measures: '改措施' });
    expect(edit).toMatchObject({ ok: false, error: { code: 'LOCKED', message: '小课题「时限提升」已销号，不能修改；如需修改，请先“重新打开”并说明原因。' } });
    expect((await core.dispatch('subtopic.delete', { id: f.s.b.id })).ok).toBe(false);
    expect(snapshot(core)).toBe(before);
    const reopened = await core.call('subtopic.reopen', { id: f.s.b.id, reason: '验收材料不全' });
    expect(reopened).toMatchObject({ status: '推进中', closedDate: null, closeOpinion: '' });
    const log = await core.call('audit.list', { entityId: f.s.b.id });
    expect(log.map((l) => l.action)).toEqual(['reopen', 'close', 'create']);
    expect(log[0]).toMatchObject({ reason: '验收材料不全', operator: '测试员' });
    expect((log[0]!.before as { status: string }).status).toBe('已销号');
  });

  it('a tick-off with evidence is not a 会议销号', async () => {
    const core = memoryCore();
    const f = await seedSmall(core);
    await core.call('evidence.add', { ownerType: 'subtopic', ownerId: f.s.a.id, fileName: '走访记录.jpg', mime: 'image/jpeg', contentBase64: Buffer.from('照片').toString('base64') });
    const closed = await core.call('subtopic.close', { id: f.s.a.id, closedDate: '2024-06-01' });
    expect(closed).toMatchObject({ evidenceCount: 1, closedByMeetingOnly: false });
  });

  it('sends back only what was submitted, with a reason', async () => {
    const core = memoryCore();
    const f = await seedSmall(core);
    const early = await core.dispatch('subtopic.sendBack', { id: f.s.a.id, reason: '材料不全' });
    expect(early.ok || early.error.message).toBe('小课题「商户走访」当前为「未开始」，只有待验收的小课题可以退回整改。');
    await core.call('subtopic.update', { id: f.s.a.id, status: '待验收' });
    const back = await core.call('subtopic.sendBack', { id: f.s.a.id, reason: '走访台账缺少签字' });
    expect(back).toMatchObject({ status: '退回整改', returnReason: '走访台账缺少签字' });
    const byEdit = await core.dispatch('subtopic.update', { id: f.s.a.id, status: '已销号' });
    expect(byEdit.ok).toBe(false);
  });

  it('extends a deadline and keeps the first one', async () => {
    const core = memoryCore();
    const f = await seedSmall(core);
    const once = await core.call('subtopic.extend', { id: f.s.a.id, deadline: '2024-07-31', reason: '商户集中装修' });
    expect(once).toMatchObject({ deadline: '2024-07-31', originalDeadline: '2024-05-31', extensionReason: '商户集中装修', overdue: false });
    const twice = await core.call('subtopic.extend', { id: f.s.a.id, deadline: '2024-08-31', reason: '再延期' });
    expect(twice).toMatchObject({ deadline: '2024-08-31', originalDeadline: '2024-05-31' });
    const earlier = await core.dispatch('subtopic.extend', { id: f.s.a.id, deadline: '2024-08-01', reason: '提前' });
    expect(earlier.ok || earlier.error.message).toBe('新的完成时限（2024-08-01）应晚于现在的完成时限（2024-08-31）。');
    const text = await core.call('subtopic.extend', { id: f.s.c.id, deadline: '2024-12-31', reason: '明确时限' });
    expect(text).toMatchObject({ originalDeadline: null, originalDeadlineText: '长期坚持', deadlineText: '' });
  });

  it('flags supervision (督办) without touching the content', async () => {
    const core = memoryCore();
    const f = await seedSmall(core);
    const s = await core.call('subtopic.supervise', { id: f.s.d.id, supervised: true, note: '党委督办：月底前完成签约' });
    expect(s).toMatchObject({ supervised: true, supervisionNote: '党委督办：月底前完成签约', title: '站点签约' });
    const list = await core.call('subtopic.overdue', {});
    expect(list.find((d) => d.subtopicId === f.s.d.id)?.supervised).toBe(true);
  });

  it('lists overdue and upcoming deadlines against today (2024-06-15)', async () => {
    const core = memoryCore();
    const f = await seedSmall(core);
    const overdue = await core.call('subtopic.overdue', { campaignId: f.campaign.id });
    expect(overdue.map((d) => [d.subtopicTitle, d.deadline, d.daysLeft, d.owners])).toEqual([
      ['商户走访', '2024-05-31', -15, '王建华、李敏'],
      ['站点签约', '2024-06-10', -5, '李敏、方芳'],
    ]);
    const upcoming = await core.call('subtopic.upcoming', { days: 14 });
    expect(upcoming.map((d) => [d.subtopicTitle, d.daysLeft, d.branchName])).toEqual([['时限提升', 5, '寄递党支部']]);
    expect(await core.call('subtopic.upcoming', { days: 3 })).toEqual([]);
    expect((await core.call('subtopic.overdue', { unitId: f.deptB.id })).map((d) => d.subtopicTitle)).toEqual(['站点签约']);
  });

  it('keeps sub-topic titles unique within a topic', async () => {
    const core = memoryCore();
    const f = await seedSmall(core);
    const r = await core.dispatch('subtopic.create', { topicId: f.t1.id, title: '商户走访' });
    expect(r).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: '该课题下已有名为「商户走访」的小课题。' } });
    // The same title under another topic is fine.
    expect((await core.dispatch('subtopic.create', { topicId: f.t2.id, title: '商户走访' })).ok).toBe(true);
  });
});
