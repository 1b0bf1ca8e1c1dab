import { describe, expect, it } from 'vitest';
import { memoryCore } from '../helpers/core';

describe('demo ledger and consistency check', () => {
  it('fills an empty ledger with a consistent, realistic campaign', async () => {
    const core = memoryCore();
    const r = await core.call('ledger.demo', {});
    expect(r).toMatchObject({ topics: 4, subtopics: 9 });
    const stats = await core.call('stats.get', { campaignId: r.campaignId });
    expect(stats.summary).toBe('4项课题细化分解为9项小课题，明确责任人11人，其中党员7人、业务骨干4人');
    expect(stats.overdueSubtopics).toBeGreaterThan(0);
    expect((await core.call('subtopic.upcoming', {})).length).toBeGreaterThan(0);
    const topics = await core.call('topic.list', {});
    expect(topics.map((t) => t.status)).toEqual(['破题中', '破题中', '已验收', '已领题']);
    expect(await core.call('ledger.check', {})).toEqual({ ok: true, integrity: [], foreignKeys: [], problems: [] });
    const again = await core.dispatch('ledger.demo', {});
    expect(again).toMatchObject({ ok: false, error: { code: 'BAD_STATE' } });
  });

  it('finds what breaks the app’s rules even where SQLite cannot', async () => {
    const core = memoryCore();
    const r = await core.call('ledger.demo', {});
    const [topic] = await core.call('topic.list', { campaignId: r.campaignId, status: ['破题中'] });
    // Simulate a ledger edited outside the app.
    core.db.prepare("UPDATE topics SET status = '已验收' WHERE id = ?").run(topic!.id);
    core.db.prepare("UPDATE people SET political_status = '群众' WHERE category = '党员' AND name = '王建华'").run();
    const report = await core.call('ledger.check', {});
    expect(report.ok).toBe(false);
    expect(report.problems.map((p) => p.message).sort()).toEqual(
      [
        '人员类别为“党员”，但政治面貌不是中共党员或预备党员',
        '课题已结题或已验收，但仍有未销号的小课题',
        '课题已结题，但没有已提交的结题报告',
        '课题已验收，但没有评审记录',
      ].sort(),
    );
  });
});
