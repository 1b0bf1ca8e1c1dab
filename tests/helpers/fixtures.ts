import type { Core } from '../../electron/core';

/**
 * A small ledger whose numbers are known by hand:
 * two branches, two departments, one campaign, two topics.
 */
export async function seedSmall(core: Core) {
  const { call } = core;
  const committee = await call('unit.create', { name: '中共测试市分公司委员会', kind: '党委' });
  const branchA = await call('unit.create', { name: '寄递党支部', kind: '党支部', parentId: committee.id });
  const branchB = await call('unit.create', { name: '渠道党支部', kind: '党支部', parentId: committee.id });
  const deptA = await call('unit.create', { name: '市寄递事业部', kind: '部门', parentId: committee.id });
  const deptB = await call('unit.create', { name: '渠道平台部', kind: '部门', parentId: committee.id });
  const person = (name: string, unitId: string, extra: { politicalStatus?: '中共党员' | '中共预备党员' | '群众'; category?: '党员' | '业务骨干' | '员工' } = {}) =>
    call('person.create', { name, unitId, ...extra });
  const p = {
    wang: await person('王建华', branchA.id, { politicalStatus: '中共党员', category: '党员' }),
    li: await person('李敏', deptA.id, { politicalStatus: '群众', category: '业务骨干' }),
    // Category left empty: counted as 党员 through 政治面貌.
    zhou: await person('周静', branchB.id, { politicalStatus: '中共预备党员' }),
    // The same name in another unit is another person.
    li2: await person('李敏', deptB.id, { politicalStatus: '群众', category: '业务骨干' }),
    fang: await person('方芳', deptB.id, { category: '员工' }),
    idle: await person('闲置人员', deptB.id, { category: '党员' }),
  };
  const campaign = await call('campaign.create', { name: '2024年度党支部领题破题活动', year: 2024, committeeId: committee.id });
  const t1 = await call('topic.create', {
    campaignId: campaign.id, code: '1', title: '提升特快业务收入', branchId: branchA.id, leadDepartmentId: deptA.id, leaderId: p.wang.id,
    assignment: '点题', status: '破题中', startDate: '2024-01-01',
  });
  const t2 = await call('topic.create', {
    campaignId: campaign.id, code: '2', title: '便民服务站提质', branchId: branchB.id, leadDepartmentId: deptB.id, leaderId: p.zhou.id, assignment: '认领',
  });
  const s = {
    a: await call('subtopic.create', { topicId: t1.id, title: '商户走访', ownerIds: [p.wang.id, p.li.id], deadline: '2024-05-31' }),
    b: await call('subtopic.create', { topicId: t1.id, title: '时限提升', ownerIds: [p.li.id], deadline: '2024-06-20' }),
    c: await call('subtopic.create', { topicId: t1.id, title: '党员承诺', ownerIds: [p.wang.id], deadlineText: '长期坚持' }),
    d: await call('subtopic.create', { topicId: t2.id, title: '站点签约', ownerIds: [p.li2.id, p.fang.id], deadline: '2024-06-10' }),
  };
  return { committee, branchA, branchB, deptA, deptB, p, campaign, t1, t2, s };
}
