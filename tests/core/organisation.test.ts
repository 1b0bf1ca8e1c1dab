import { describe, expect, it } from 'vitest';
import { memoryCore } from '../helpers/core';
import { seedSmall } from '../helpers/fixtures';

describe('units, people and campaigns', () => {
  it('creates, updates, lists and deletes units with their parent', async () => {
    const { call, dispatch } = memoryCore();
    const committee = await call('unit.create', { name: '中共某市分公司委员会', kind: '党委' });
    const branch = await call('unit.create', { name: '寄递党支部', kind: '党支部', parentId: committee.id });
    expect(branch.parentName).toBe('中共某市分公司委员会');
    const renamed = await call('unit.update', { id: branch.id, name: '寄递事业部党支部' });
    expect(renamed).toMatchObject({ name: '寄递事业部党支部', kind: '党支部', parentId: committee.id });
    expect((await call('unit.list', { kind: '党支部' })).map((u) => u.name)).toEqual(['寄递事业部党支部']);
    const dup = await dispatch('unit.create', { name: '寄递事业部党支部', kind: '部门' });
    // The duplicate names its field, so the form shows the sentence beside 组织名称.
    expect(dup).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: '已有名为「寄递事业部党支部」的组织。', details: [{ path: 'name', message: '已有名为「寄递事业部党支部」的组织。' }] } });
    const cycle = await dispatch('unit.update', { id: committee.id, parentId: branch.id });
    expect(cycle.ok || cycle.error.message).toBe('「上级组织」不能是该组织自己或它的下级。');
    const inUse = await dispatch('unit.delete', { id: committee.id });
    expect(inUse.ok || inUse.error.message).toBe('组织「中共某市分公司委员会」仍有1 个下级组织，不能删除。');
    await call('unit.delete', { id: branch.id });
    expect(await call('unit.list', {})).toHaveLength(1);
  });

  it('treats the same name in one unit as one person, in two units as two', async () => {
    const core = memoryCore();
    const f = await seedSmall(core);
    const again = await core.dispatch('person.create', { name: '李敏', unitId: f.deptA.id });
    expect(again).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(again.ok || again.error.message).toBe('「市寄递事业部」中已有名为「李敏」的人员（同一单位同名视为同一人）。');
    const both = await core.call('person.list', { q: '李敏' });
    expect(both.map((p) => p.unitName).sort()).toEqual(['市寄递事业部', '渠道平台部']);
    // 方芳 is not 方芳波: search is by substring, identity by exact name.
    await core.call('person.create', { name: '方芳波', unitId: f.deptA.id });
    expect((await core.call('person.list', { q: '方芳' })).map((p) => p.name).sort()).toEqual(['方芳', '方芳波']);
    const moved = await core.dispatch('person.update', { id: f.p.li2.id, unitId: f.deptA.id });
    expect(moved).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  });

  it('refuses to delete a person who is still responsible for something', async () => {
    const core = memoryCore();
    const f = await seedSmall(core);
    const r = await core.dispatch('person.delete', { id: f.p.wang.id });
    expect(r.ok || r.error.message).toBe('「王建华」仍是2 项小课题的责任人、1 项课题的负责人，不能删除；请先更换责任人。');
    expect(await core.call('person.delete', { id: f.p.idle.id })).toEqual({ id: f.p.idle.id, deleted: true });
  });

  it('keeps campaigns with topics', async () => {
    const core = memoryCore();
    const f = await seedSmall(core);
    const r = await core.dispatch('campaign.delete', { id: f.campaign.id });
    expect(r.ok || r.error.message).toBe('活动「2024年度党支部领题破题活动」下还有 2 项课题，不能删除。');
    const c = await core.call('campaign.update', { id: f.campaign.id, note: '全市 12 个支部参加' });
    expect(c).toMatchObject({ note: '全市 12 个支部参加', year: 2024, committeeName: '中共测试市分公司委员会' });
    const wrongKind = await core.dispatch('campaign.create', { name: '另一个活动', year: 2024, committeeId: f.branchA.id });
    expect(wrongKind.ok || wrongKind.error.message).toBe('「出题党委」应选择党委，「寄递党支部」是党支部。');
  });
});
