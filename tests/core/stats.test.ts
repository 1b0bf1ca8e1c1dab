import { describe, expect, it } from 'vitest';
import { summarySentence } from '../../electron/core/services/stats';
import { memoryCore } from '../helpers/core';
import { seedSmall } from '../helpers/fixtures';

describe('statistics', () => {
  it('counts a known ledger as a person would', async () => {
    const core = memoryCore();
    const f = await seedSmall(core);
    await core.call('subtopic.close', { id: f.s.a.id, closedDate: '2024-05-30' });
    await core.call('indicator.create', { topicId: f.t1.id, name: '特快业务收入', unit: '万元', target: 680, actual: 700 });
    await core.call('indicator.create', { topicId: f.t1.id, name: '投诉率', unit: '%', target: 1, actual: 0.5, higherIsBetter: false });
    await core.call('indicator.create', { topicId: f.t2.id, name: '新建站点', unit: '个', target: 20, actual: 14 });
    await core.call('checklist.create', { topicId: f.t1.id, item: '天汉大道商户', closed: true });
    await core.call('checklist.create', { topicId: f.t1.id, item: '兴汉路商户' });

    const stats = await core.call('stats.get', { campaignId: f.campaign.id });
    // People: 王建华, 李敏(寄递), 周静 (leader of t2 only), 李敏(渠道), 方芳 = 5; 闲置人员 owns nothing.
    // 党员: 王建华 (category), 周静 (预备党员, no category) = 2; 业务骨干: both 李敏 = 2; 方芳 is 员工.
    expect(stats).toEqual({
      topics: 2,
      subtopics: 4,
      people: 5,
      party: 2,
      backbone: 2,
      closedSubtopics: 1,
      // today is 2024-06-15: 站点签约 (06-10) is overdue; 商户走访 (05-31) was ticked off; 长期坚持 has no date.
      overdueSubtopics: 1,
      indicators: 3,
      indicatorsMet: 2,
      checklist: 2,
      checklistDone: 1,
      summary: '2项课题细化分解为4项小课题，明确责任人5人，其中党员2人、业务骨干2人',
    });
  });

  it('scopes to a unit and everything under it', async () => {
    const core = memoryCore();
    const f = await seedSmall(core);
    const branchA = await core.call('stats.get', { unitId: f.branchA.id });
    expect(branchA).toMatchObject({ topics: 1, subtopics: 3, people: 2, party: 1, backbone: 1 });
    // The committee is the parent of every branch and department: the whole ledger.
    const all = await core.call('stats.get', { unitId: f.committee.id });
    expect(all).toMatchObject({ topics: 2, subtopics: 4, people: 5 });
    const both = await core.call('stats.get', { unitId: f.deptB.id, campaignId: f.campaign.id });
    expect(both).toMatchObject({ topics: 1, subtopics: 1, people: 3, party: 1, backbone: 1 });
  });

  it('counts a person named on many sub-topics once', async () => {
    const core = memoryCore();
    const f = await seedSmall(core);
    const before = await core.call('stats.get', {});
    await core.call('subtopic.create', { topicId: f.t2.id, title: '站长培训', ownerIds: [f.p.wang.id, f.p.li.id] });
    const after = await core.call('stats.get', {});
    expect(after.subtopics).toBe(before.subtopics + 1);
    expect(after.people).toBe(before.people);
  });

  it('builds the quoted sentence from the numbers', () => {
    expect(summarySentence({ topics: 12, subtopics: 48, people: 95, party: 46, backbone: 49 })).toBe(
      '12项课题细化分解为48项小课题，明确责任人95人，其中党员46人、业务骨干49人',
    );
  });

  it('an empty ledger says zero', async () => {
    const core = memoryCore();
    const stats = await core.call('stats.get', {});
    expect(stats.summary).toBe('0项课题细化分解为0项小课题，明确责任人0人，其中党员0人、业务骨干0人');
  });
});
