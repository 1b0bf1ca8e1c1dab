import { describe, expect, it } from 'vitest';
import { memoryCore, snapshot } from '../helpers/core';
import { seedSmall } from '../helpers/fixtures';

/*
 * Rules across fields, enforced by the core on every write: what the UI, the
 * CLI and the import send all go through the same services.
 */
describe('rules across fields', () => {
  it('a campaign cannot end before it starts, on create or on update', async () => {
    const core = memoryCore();
    const before = snapshot(core);
    const r = await core.dispatch('campaign.create', { name: '2026年活动', year: 2026, startDate: '2026-03-01', endDate: '2026-02-01' });
    expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: '结束日期（2026年2月1日）不能早于开始日期（2026年3月1日）。' } });
    expect(snapshot(core)).toBe(before);
    const c = await core.call('campaign.create', { name: '2026年活动', year: 2026, startDate: '2026-03-01', endDate: '2026-12-31' });
    // An update that moves only one end is checked against the stored other end.
    const u = await core.dispatch('campaign.update', { id: c.id, startDate: '2027-01-01' });
    expect(u).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: '结束日期（2026年12月31日）不能早于开始日期（2027年1月1日）。' } });
    expect((await core.call('campaign.update', { id: c.id, endDate: null, startDate: '2027-01-01' })).startDate).toBe('2027-01-01');
  });

  it('a topic cannot end before it starts, nor be taken (领题) before it was issued (出题)', async () => {
    const core = memoryCore();
    const f = await seedSmall(core);
    const base = { campaignId: f.campaign.id, title: '新课题' };
    const end = await core.dispatch('topic.create', { ...base, startDate: '2024-05-01', endDate: '2024-04-30' });
    expect(end).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: '计划完成日期（2024年4月30日）不能早于开始日期（2024年5月1日）。' } });
    const claimed = await core.dispatch('topic.create', { ...base, issuedDate: '2024-03-10', claimedDate: '2024-03-01' });
    expect(claimed).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: '领题日期（2024年3月1日）不能早于出题日期（2024年3月10日）。' } });
    const before = snapshot(core);
    // t1 starts on 2024-01-01: an end before that is refused even though the patch names only the end.
    const u = await core.dispatch('topic.update', { id: f.t1.id, endDate: '2023-12-31' });
    expect(u).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: '计划完成日期（2023年12月31日）不能早于开始日期（2024年1月1日）。' } });
    expect(snapshot(core)).toBe(before);
    expect((await core.call('topic.update', { id: f.t1.id, issuedDate: '2023-12-20', claimedDate: '2023-12-25', endDate: '2024-12-31' })).claimedDate).toBe('2023-12-25');
  });

  it("a sub-topic deadline outside its topic's period is a warning: refused until accepted, and the acceptance is audited", async () => {
    const core = memoryCore();
    const f = await seedSmall(core);
    await core.call('topic.update', { id: f.t1.id, endDate: '2024-12-31' });
    const before = snapshot(core);
    const early = await core.dispatch('subtopic.create', { topicId: f.t1.id, title: '提前摸底', deadline: '2023-12-15' });
    expect(early).toMatchObject({
      ok: false,
      error: { code: 'NEEDS_CONFIRMATION', message: '完成时限（2023年12月15日）早于课题开始日期（2024年1月1日）。确认无误请选择“仍然保存”。' },
    });
    const late = await core.dispatch('subtopic.update', { id: f.s.a.id, deadline: '2025-01-31' });
    expect(late).toMatchObject({ ok: false, error: { code: 'NEEDS_CONFIRMATION', details: [{ path: 'deadline' }] } });
    expect(late.ok || late.error.message).toContain('晚于课题计划完成日期（2024年12月31日）');
    expect(snapshot(core)).toBe(before);

    const accepted = await core.call('subtopic.update', { id: f.s.a.id, deadline: '2025-01-31', acceptWarning: true });
    expect(accepted.deadline).toBe('2025-01-31');
    const [line] = await core.call('audit.list', { entityId: f.s.a.id });
    expect(line).toMatchObject({ action: 'update', reason: '已确认：完成时限（2025年1月31日）晚于课题计划完成日期（2024年12月31日）' });
    const created = await core.call('subtopic.create', { topicId: f.t1.id, title: '提前摸底', deadline: '2023-12-15', acceptWarning: true });
    const [createLine] = await core.call('audit.list', { entityId: created.id });
    expect(createLine?.reason).toContain('已确认：完成时限（2023年12月15日）早于课题开始日期');

    // Within the period, or an edit that leaves the deadline alone: no question asked.
    expect((await core.call('subtopic.update', { id: f.s.a.id, measures: '逐户走访' })).measures).toBe('逐户走访');
    expect((await core.call('subtopic.create', { topicId: f.t1.id, title: '年中复盘', deadline: '2024-07-31' })).deadline).toBe('2024-07-31');
  });
});
