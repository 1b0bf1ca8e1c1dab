import dayjs from 'dayjs';
import { contract, type Args, type Input, type Method, type Output } from '../../shared/contract';
import { today, type CoreContext } from './context';
import { stmt } from './db/statements';
import { LedgerError } from './errors';
import { organisationHandlers } from './services/organisation';
import { recordsHandlers } from './services/records';
import { subtopicHandlers } from './services/subtopics';
import { topicHandlers } from './services/topics';

const demoHandlers = { ...organisationHandlers, ...topicHandlers, ...subtopicHandlers, ...recordsHandlers };
type DemoMethod = keyof typeof demoHandlers & Method;

/**
 * A small, realistic campaign for a new user's first start: one city
 * committee, four branches paired with departments, a dozen people, four
 * topics in different stages (one already closed and reviewed), with dates
 * around today so that the overdue and upcoming lists are not empty.
 * Written through the same handlers and validation as any user input.
 */
export function fillDemo(ctx: CoreContext): { campaignId: string; topics: number; subtopics: number } {
  const { n } = stmt(ctx.db, 'SELECT (SELECT count(*) FROM topics) + (SELECT count(*) FROM campaigns) + (SELECT count(*) FROM people) AS n').get() as { n: number };
  if (n > 0) throw new LedgerError('BAD_STATE', '台账中已有数据，示例数据只能填入空台账。请新建一个台账文件后再试。');

  const run = <M extends DemoMethod>(method: M, args: Args<M>): Output<M> =>
    (demoHandlers[method] as unknown as (c: CoreContext, i: Input<M>) => Output<M>)(ctx, contract[method].input.parse(args) as Input<M>);
  const t0 = dayjs(today(ctx));
  const d = (days: number) => t0.add(days, 'day').format('YYYY-MM-DD');
  const year = t0.year();

  const committee = run('unit.create', { name: '中共汉中市邮政分公司委员会', kind: '党委' });
  const unit = (name: string, kind: '党支部' | '部门') => run('unit.create', { name, kind, parentId: committee.id }).id;
  const branches = {
    jidi: unit('寄递事业部党支部', '党支部'),
    qudao: unit('渠道平台部党支部', '党支部'),
    chenggu: unit('城固县分公司党支部', '党支部'),
    jiguan: unit('机关党支部', '党支部'),
  };
  const depts = {
    jidi: unit('市寄递事业部', '部门'),
    qudao: unit('渠道平台部', '部门'),
    shichang: unit('市场经营部', '部门'),
    zonghe: unit('综合办公室', '部门'),
  };
  const person = (name: string, unitId: string, politicalStatus: '中共党员' | '中共预备党员' | '群众' | '共青团员', category: '党员' | '业务骨干', position: string) =>
    run('person.create', { name, unitId, politicalStatus, category, position }).id;
  const p = {
    wang: person('王建华', branches.jidi, '中共党员', '党员', '支部书记'),
    li: person('李敏', depts.jidi, '群众', '业务骨干', '揽投部经理'),
    zhang: person('张伟', branches.jidi, '中共党员', '党员', '支部委员'),
    zhao: person('赵丽', depts.jidi, '共青团员', '业务骨干', '营销员'),
    chen: person('陈刚', branches.qudao, '中共党员', '党员', '支部书记'),
    liu: person('刘洋', depts.qudao, '群众', '业务骨干', '渠道经理'),
    yang: person('杨帆', branches.chenggu, '中共党员', '党员', '支部书记'),
    zhou: person('周静', branches.chenggu, '中共预备党员', '党员', '网点负责人'),
    wu: person('吴磊', depts.shichang, '群众', '业务骨干', '客户经理'),
    sun: person('孙芳', branches.jiguan, '中共党员', '党员', '支部书记'),
    ma: person('马超', depts.zonghe, '群众', '业务骨干', '综合管理员'),
    fang: person('方芳', depts.shichang, '中共党员', '党员', '市场经理'),
  };

  const campaign = run('campaign.create', {
    name: `${year}年度党支部“领题破题”活动`,
    year,
    committeeId: committee.id,
    startDate: d(-200),
    endDate: d(60),
  });
  let subtopicCount = 0;
  const sub = (topicId: string, title: string, measures: string, ownerIds: string[], deadline: string | null, deadlineText = '') => {
    subtopicCount++;
    return run('subtopic.create', { topicId, title, measures, ownerIds, deadline, deadlineText }).id;
  };

  // 1. 寄递: 特快业务收入 — in progress, one item overdue, one due soon.
  const t1 = run('topic.create', {
    campaignId: campaign.id, code: '1', title: '提升特快业务收入', source: '规定课题', committeeId: committee.id,
    leadDepartmentId: depts.jidi, branchId: branches.jidi, leaderId: p.wang, assignment: '点题', status: '破题中',
    goal: '全年特快业务收入达到680万元，同比增长15%。', issuedDate: d(-190), claimedDate: d(-180), startDate: d(-180), endDate: d(40),
  }).id;
  const s11 = sub(t1, '重点商圈商户逐户走访', '组建党员先锋队，对3个重点商圈300户商户逐户走访，建立客户台账。', [p.zhang, p.zhao], d(-30));
  sub(t1, '特快时限提升', '优化进出口交接频次，城区特快当日递率提升至95%。', [p.li], d(-5));
  sub(t1, '大客户协议续签', '对年收入10万元以上客户逐户上门续签协议。', [p.wang, p.li], d(10));
  sub(t1, '党员承诺践诺', '每名党员公开承诺发展新客户不少于5户，每月通报。', [p.zhang], null, '长期坚持');
  run('subtopic.close', { id: s11, closedDate: d(-28), opinion: '已完成300户走访，台账完整。', closedBy: '王建华' });
  run('progress.create', { topicId: t1, subtopicId: s11, entryDate: d(-60), kind: '推进会', content: '召开商圈走访推进会，分三组包片推进。', nextSteps: '月底前完成走访。', reporterId: p.zhang });
  run('progress.create', { topicId: t1, entryDate: d(-7), kind: '每周汇报', content: '本周新增特快协议客户6户，收入环比增长8%。', problems: '部分商户已与其他快递签约。', reporterId: p.wang });
  run('progress.create', { topicId: t1, entryDate: d(-90), kind: '公开承诺', content: '支部党员在周例会上公开承诺全年特快业务收入目标。', reporterId: p.wang });
  run('indicator.create', { topicId: t1, name: '特快业务收入', unit: '万元', baseline: 590, target: 680, actual: 612.5, asOf: d(-1) });
  run('indicator.create', { topicId: t1, name: '城区特快当日递率', unit: '%', baseline: 88, target: 95, actual: 96.2, asOf: d(-1) });
  for (const [i, [item, area, done]] of ([['汉台区天汉大道商户', '天汉商圈', true], ['汉台区兴汉路商户', '兴汉商圈', true], ['南郑区大河坎商户', '大河坎商圈', false]] as const).entries()) {
    run('checklist.create', { topicId: t1, item: `${item}（第${i + 1}组）`, area, ownerId: p.zhao, ownerName: '赵丽', plannedDate: d(-40), doneDate: done ? d(-35) : null, closed: done });
  }

  // 2. 渠道平台: 便民服务站 — claimed, early stage.
  const t2 = run('topic.create', {
    campaignId: campaign.id, code: '2', title: '邮政便民服务站提质增效', source: '自定课题', committeeId: committee.id,
    leadDepartmentId: depts.qudao, branchId: branches.qudao, leaderId: p.chen, assignment: '认领', status: '破题中',
    goal: '新建便民服务站20个，站均月代收包裹量达到1000件。', claimedDate: d(-150), startDate: d(-150), endDate: d(50),
  }).id;
  sub(t2, '服务站选址与签约', '结合村级综合服务社选址，年内签约20个。', [p.liu, p.chen], d(5));
  sub(t2, '站长业务培训', '分两期集中培训站长，覆盖率100%。', [p.liu], d(20));
  run('indicator.create', { topicId: t2, name: '新建便民服务站', unit: '个', baseline: 0, target: 20, actual: 14, asOf: d(-3) });
  run('progress.create', { topicId: t2, entryDate: d(-14), kind: '现场指导', content: '党委委员到城固县三个服务站现场指导。', reporterId: p.chen });

  // 3. 城固: 农村电商 — closed and reviewed.
  const t3 = run('topic.create', {
    campaignId: campaign.id, code: '3', title: '农特产品寄递助农增收', source: '细化课题', committeeId: committee.id,
    leadDepartmentId: depts.shichang, branchId: branches.chenggu, leaderId: p.yang, assignment: '点题', status: '破题中',
    goal: '城固蜜橘寄递量达到17万件。', startDate: d(-200), endDate: d(-20),
  }).id;
  for (const [title, owner, dl] of [['蜜橘产地揽收点建设', p.zhou, -80], ['电商客户专属资费方案', p.wu, -70], ['助农直播带货', p.fang, -40]] as const) {
    const id = sub(t3, title, `${title}，按月通报进度。`, [owner, p.yang], d(dl));
    run('subtopic.close', { id, closedDate: d(dl + 2), opinion: '经支部推进会验收，同意销号。', closedBy: '杨帆' });
  }
  run('indicator.create', { topicId: t3, name: '蜜橘寄递量', unit: '万件', baseline: 12, target: 17, actual: 17.11, asOf: d(-20) });
  run('indicator.create', { topicId: t3, name: '带动农户增收', unit: '户', target: 500, actual: 620, asOf: d(-20) });
  run('closure.save', {
    topicId: t3,
    workDone: '支部以“党建+助农”为抓手，建成产地揽收点5个，开展直播带货12场。',
    results: '蜜橘寄递量17.11万件，完成目标的100.6%；带动农户增收620户。',
    institutional: '制定《农特产品寄递服务规范》。',
    experience: '党员包村、业务骨干包点，形成“一村一策”。',
    problems: '冷链包装成本偏高。',
    nextPlans: '推广到西乡茶叶、洋县黑米等品类。',
  });
  run('closure.submit', { topicId: t3, submittedDate: d(-15) });
  run('review.save', {
    topicId: t3, reviewers: ['孙芳', '陈刚', '马超'], scores: { 实效性: 46, 创新性: 22, 可操作性: 23 }, opinion: '成效明显，做法可复制。', reviewDate: d(-10),
  });
  run('closure.decide', { topicId: t3, outcome: '通过', note: '党委会审议通过。' });
  run('commendation.create', { campaignId: campaign.id, topicId: t3, award: '优秀课题', awardedDate: d(-5) });

  // 4. 机关: just issued.
  run('topic.create', {
    campaignId: campaign.id, code: '4', title: '机关服务基层“最后一公里”', source: '自定课题', committeeId: committee.id,
    leadDepartmentId: depts.zonghe, branchId: branches.jiguan, leaderId: p.sun, assignment: '认领', status: '已领题', claimedDate: d(-10),
  });

  return { campaignId: campaign.id, topics: 4, subtopics: subtopicCount };
}
