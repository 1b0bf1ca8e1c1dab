import type { Core } from '../../electron/core';

/*
 * A ledger the size of the Hanzhong campaign's: 12 topics of 4 sub-topics,
 * texts as long as that ledger's (a 推进措施 of 40–60 characters, a 进展情况
 * of 20–50), two 责任人 each. Built through the core, the same every run.
 */

const PHRASES = [
  '组建党员先锋队，明确网格责任人，每周走访辖区重点客户不少于10户',
  '建立问题清单、责任清单、任务清单，实行销号管理',
  '联合乡镇政府、村委会开展政策宣传，发放宣传资料',
  '优化揽投段道，调整班次时间，压缩邮件在途时长',
  '每月召开推进会，通报进度，对滞后事项督办',
  '开展业务技能培训，组织岗位练兵和经验交流',
  '依托村邮站、便民服务站拓展代收代投和农产品上行服务',
];
const PROGRESS = ['已走访客户120户，签约35户', '完成站点改造8个，正在验收', '已召开推进会3次，督办事项全部办结', '培训2期，参训人员86人次', '正在推进，按计划进行'];
const TOPICS = ['提升揽投服务质效', '普惠金融进村入户', '推进邮政农村电商服务乡村振兴', '邮政便民服务站提质增效', '农特产品寄递助农增收', '提升特快业务收入', '网点厅堂服务规范化建设', '机关服务基层“最后一公里”', '包裹快递业务增量提质', '代理金融业务风险防控', '党建引领网格化营销', '员工队伍能力素质提升'];

export async function hanzhongScaleLedger(core: Core): Promise<{ topics: number; subtopics: number }> {
  const { call } = core;
  const committee = await call('unit.create', { name: '中共汉中市邮政分公司委员会', kind: '党委' });
  const campaign = await call('campaign.create', { name: '2024年度党支部领题破题活动', year: 2024, committeeId: committee.id });
  let k = 0;
  for (let t = 0; t < 12; t++) {
    const branch = await call('unit.create', { name: `第${t + 1}党支部`, kind: '党支部', parentId: committee.id });
    const dept = await call('unit.create', { name: `市场经营部${t + 1}`, kind: '部门', parentId: committee.id });
    const leader = await call('person.create', { name: `王建${'一二三四五六七八九十甲乙'[t]}`, unitId: branch.id });
    const topic = await call('topic.create', { campaignId: campaign.id, code: String(t + 1), title: TOPICS[t]!, branchId: branch.id, leadDepartmentId: dept.id, leaderId: leader.id });
    for (let s = 0; s < 4; s++, k++) {
      const a = await call('person.create', { name: `${'李赵刘陈'[s]}${'明华强军芳静敏丽晓红建国'[t]}`, unitId: branch.id });
      const b = await call('person.create', { name: `张${'伟娜磊洋'[s]}`, unitId: dept.id });
      const measures = `${PHRASES[k % 7]}；${PHRASES[(k + 3) % 7]}。`;
      await call('subtopic.create', {
        topicId: topic.id,
        title: `${TOPICS[(t + s) % 12]!.slice(0, 6)}第${s + 1}项小课题`,
        measures,
        ownerIds: [a.id, b.id],
        deadline: `2024-${String(6 + (s % 6)).padStart(2, '0')}-30`,
        progress: PROGRESS[k % 5]!,
      });
    }
  }
  return { topics: 12, subtopics: 48 };
}
