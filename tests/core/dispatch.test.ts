import { describe, expect, it } from 'vitest';
import { CONTRACT_GROUPS, METHODS, contract, mergeGroups } from '../../shared/contract';
import { handlers } from '../../electron/core/dispatch';
import { count, memoryCore, snapshot } from '../helpers/core';
import { seedSmall } from '../helpers/fixtures';

describe('the contract and its dispatch', () => {
  it('has exactly one handler per method, and no method twice', () => {
    expect(Object.keys(handlers).sort()).toEqual([...METHODS].sort());
    expect(() => mergeGroups([...CONTRACT_GROUPS, { 'topic.list': contract['topic.list'] }])).toThrow(/方法重名：topic.list/);
  });

  it('answers an unknown method with a structured Chinese error', async () => {
    const core = memoryCore();
    expect(await core.dispatch('topic.explode', {})).toEqual({ ok: false, error: { code: 'UNKNOWN_METHOD', message: '未知的操作：topic.explode' } });
  });

  it('names the field and the problem in Chinese, and writes nothing', async () => {
    const core = memoryCore();
    const f = await seedSmall(core);
    const before = snapshot(core);
    const r = await core.dispatch('topic.create', { campaignId: f.campaign.id, title: '   ', status: '进行中', startDate: '2024-02-30' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('VALIDATION');
    expect(r.error.message).toContain('课题名称不能为空');
    expect(r.error.message).toContain('课题状态应为：已出题、已领题、破题中、已结题、已验收');
    expect(r.error.message).toContain('开始日期');
    expect(r.error.message).toContain('不是有效的日期');
    expect(r.error.details?.map((d) => d.path).sort()).toEqual(['startDate', 'status', 'title']);
    expect(r.error.message).not.toMatch(/[a-z]{6,}/i); // no English words reach the clerk
    expect(snapshot(core)).toBe(before);
  });

  it('refuses missing and mistyped arguments', async () => {
    const core = memoryCore();
    const missing = await core.dispatch('unit.create', undefined);
    expect(missing.ok).toBe(false);
    const wrong = await core.dispatch('campaign.create', { name: '活动', year: '二〇二四' });
    expect(wrong.ok || wrong.error.message).toBe('填写有误：年度应为数字。');
    const badId = await core.dispatch('topic.get', { id: '42' });
    expect(badId.ok || badId.error.message).toBe('填写有误：编号格式不正确。');
    expect(count(core, 'units') + count(core, 'campaigns')).toBe(0);
  });

  it('reports a missing record as NOT_FOUND in Chinese', async () => {
    const core = memoryCore();
    const r = await core.dispatch('topic.get', { id: '01900000-0000-7000-8000-0000000000ff' });
    expect(r).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(r.ok || r.error.message).toMatch(/^找不到该课题/);
  });

  it('rolls a failing write back whole', async () => {
    const core = memoryCore();
    const f = await seedSmall(core);
    const before = snapshot(core);
    // The sub-topic row is written before its owners; the second owner does not exist.
    const r = await core.dispatch('subtopic.create', {
      topicId: f.t1.id,
      title: '新的小课题',
      ownerIds: [f.p.wang.id, '01900000-0000-7000-8000-0000000000ee'],
    });
    expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(r.ok || r.error.message).toContain('责任人');
    expect(snapshot(core)).toBe(before);
  });

  it('keeps results plain JSON (what crosses IPC)', async () => {
    const core = memoryCore();
    const f = await seedSmall(core);
    const r = await core.dispatch('topic.get', { id: f.t1.id });
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
  });
});
