import { describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core';
import { memoryCore } from '../helpers/core';
import { seedSmall } from '../helpers/fixtures';

async function readyToSubmit(core: Core) {
  const f = await seedSmall(core);
  for (const s of [f.s.a, f.s.b, f.s.c]) await core.call('subtopic.close', { id: s.id, closedDate: '2024-06-10' });
  await core.call('closure.save', { topicId: f.t1.id, workDone: '逐户走访 300 户', results: '特快收入 700 万元' });
  return f;
}

describe('closure, review and commendation', () => {
  it('submits only a written report whose every item is ticked off (销号式管理)', async () => {
    const core = memoryCore();
    const f = await seedSmall(core);
    const empty = await core.dispatch('closure.submit', { topicId: f.t1.id, submittedDate: '2024-06-12' });
    expect(empty.ok || empty.error.message).toBe('请先填写结题报告的「工作开展情况」和「取得成效」，再提交结题。');
    await core.call('closure.save', { topicId: f.t1.id, workDone: '走访', results: '增长' });
    const open = await core.dispatch('closure.submit', { topicId: f.t1.id, submittedDate: '2024-06-12' });
    expect(open.ok || open.error.message).toBe('课题「提升特快业务收入」还有 3 项小课题未销号，全部销号后才能提交结题。');
  });

  it('scores by the rubric, grades by the bands, and passes the topic', async () => {
    const core = memoryCore();
    const f = await readyToSubmit(core);
    const early = await core.dispatch('review.save', { topicId: f.t1.id, reviewers: ['孙芳'], scores: {}, reviewDate: '2024-06-13' });
    expect(early.ok || early.error.message).toBe('课题「提升特快业务收入」尚未提交结题，不能评审。');
    const closure = await core.call('closure.submit', { topicId: f.t1.id, submittedDate: '2024-06-12' });
    expect(closure.submittedDate).toBe('2024-06-12');
    expect((await core.call('topic.get', { id: f.t1.id })).topic).toMatchObject({ status: '已结题', closedDate: '2024-06-12' });

    const over = await core.dispatch('review.save', { topicId: f.t1.id, reviewers: ['孙芳'], scores: { 实效性: 55, 创新性: 20, 可操作性: 20 }, reviewDate: '2024-06-13' });
    expect(over.ok || over.error.message).toBe('「实效性」得分 55 超过满分 50 分。');
    const missing = await core.dispatch('review.save', { topicId: f.t1.id, reviewers: ['孙芳'], scores: { 实效性: 45 }, reviewDate: '2024-06-13' });
    expect(missing.ok || missing.error.message).toBe('请填写「创新性」的得分（满分 25 分）。');
    const unknown = await core.dispatch('review.save', { topicId: f.t1.id, reviewers: ['孙芳'], scores: { 实效性: 45, 创新性: 20, 可操作性: 20, 颜值: 5 }, reviewDate: '2024-06-13' });
    expect(unknown.ok || unknown.error.message).toBe('评分项「颜值」不在评分表中（评分表：实效性、创新性、可操作性）。');

    const good = await core.call('review.save', { topicId: f.t1.id, reviewers: ['孙芳', '陈刚'], scores: { 实效性: 42, 创新性: 20, 可操作性: 22.5 }, opinion: '成效明显', reviewDate: '2024-06-13' });
    expect(good).toMatchObject({ total: 84.5, grade: '良好', reviewers: ['孙芳', '陈刚'] });
    const best = await core.call('review.save', { topicId: f.t1.id, reviewers: ['孙芳'], scores: { 实效性: 48, 创新性: 22, 可操作性: 20 }, reviewDate: '2024-06-13' });
    expect(best).toMatchObject({ total: 90, grade: '优秀' });

    const decided = await core.call('closure.decide', { topicId: f.t1.id, outcome: '通过', note: '党委会审议通过' });
    expect(decided.outcome).toBe('通过');
    const detail = await core.call('topic.get', { id: f.t1.id });
    expect(detail.topic.status).toBe('已验收');
    expect(detail.locked).toBe(true);
    const again = await core.dispatch('review.save', { topicId: f.t1.id, reviewers: ['孙芳'], scores: { 实效性: 1, 创新性: 1, 可操作性: 1 }, reviewDate: '2024-06-14' });
    expect(again.ok || again.error.message).toBe('课题「提升特快业务收入」已验收，如需修改评审请先重新打开课题。');

    // Commendation comes after closure, so it is allowed on a locked topic.
    const award = await core.call('commendation.create', { campaignId: f.campaign.id, topicId: f.t1.id, award: '优秀课题', awardedDate: '2024-07-01' });
    expect(award).toMatchObject({ topicTitle: '提升特快业务收入', award: '优秀课题' });
    expect(await core.call('commendation.list', { campaignId: f.campaign.id })).toHaveLength(1);
  });

  it('edits and deletes a commendation, each with an audit line; each keeps its own 备注', async () => {
    const core = memoryCore();
    const f = await seedSmall(core);
    const first = await core.call('commendation.create', { campaignId: f.campaign.id, topicId: f.t1.id, award: '优秀课题', note: '第一条' });
    const second = await core.call('commendation.create', { campaignId: f.campaign.id, topicId: f.t2.id, award: '最佳实践', note: '第二条' });
    expect([first.note, second.note]).toEqual(['第一条', '第二条']);
    const edited = await core.call('commendation.update', { id: first.id, award: '一等奖', awardedDate: '2024-07-01', note: '改过' });
    expect(edited).toMatchObject({ award: '一等奖', awardedDate: '2024-07-01', note: '改过', topicTitle: '提升特快业务收入' });
    const [line] = await core.call('audit.list', { entity: 'commendation', entityId: first.id, limit: 1 });
    expect(line).toMatchObject({ action: 'update', before: { note: '第一条' }, after: { note: '改过' } });
    // A commendation names a topic or a unit; an edit may not take both away.
    const neither = await core.dispatch('commendation.update', { id: first.id, topicId: null });
    expect(neither.ok || neither.error.message).toBe('表彰须选择课题或单位。');
    const foreignCampaign = await core.call('campaign.create', { name: '2025年度活动', year: 2025 });
    const elsewhere = await core.call('topic.create', { campaignId: foreignCampaign.id, title: '别的活动的课题' });
    const wrongTopic = await core.dispatch('commendation.update', { id: first.id, topicId: elsewhere.id });
    expect(wrongTopic.ok || wrongTopic.error.message).toBe('课题「别的活动的课题」不属于该表彰所在的活动。');
    expect((await core.call('commendation.list', { topicId: f.t1.id }))[0]).toMatchObject({ award: '一等奖', note: '改过' });
    await core.call('commendation.delete', { id: second.id });
    expect((await core.call('commendation.list', { campaignId: f.campaign.id })).map((c) => c.note)).toEqual(['改过']);
    const [gone] = await core.call('audit.list', { entity: 'commendation', entityId: second.id, limit: 1 });
    expect(gone).toMatchObject({ action: 'delete', before: { note: '第二条' } });
  });

  it('follows a rubric and grade bands the committee edited', async () => {
    const core = memoryCore();
    const f = await readyToSubmit(core);
    await core.call('settings.set', { rubric: [{ name: '成效', max: 60 }, { name: '创新', max: 40 }], gradeBands: [{ grade: '好', min: 70 }, { grade: '一般', min: 0 }] });
    await core.call('closure.submit', { topicId: f.t1.id, submittedDate: '2024-06-12' });
    const r = await core.call('review.save', { topicId: f.t1.id, reviewers: ['孙芳'], scores: { 成效: 40, 创新: 25 }, reviewDate: '2024-06-13' });
    expect(r).toMatchObject({ total: 65, grade: '一般' });
    const noFloor = await core.dispatch('settings.set', { gradeBands: [{ grade: '好', min: 70 }] });
    expect(noFloor.ok || noFloor.error.message).toContain('必须有一个最低分为 0 的等次');
  });

  it('extends a closure by at most three months and sends the topic back to work', async () => {
    const core = memoryCore();
    const f = await readyToSubmit(core);
    await core.call('closure.submit', { topicId: f.t1.id, submittedDate: '2024-06-12' });
    const noDate = await core.dispatch('closure.decide', { topicId: f.t1.id, outcome: '延期结题' });
    expect(noDate.ok || noDate.error.message).toBe('延期结题须填写“延期至”的日期。');
    const tooLong = await core.dispatch('closure.decide', { topicId: f.t1.id, outcome: '延期结题', extendedUntil: '2024-09-13' });
    expect(tooLong.ok || tooLong.error.message).toBe('延期结题最多延期 3 个月，“延期至”应在 2024-06-12 之后、不晚于 2024-09-12。');
    const passWithoutReview = await core.dispatch('closure.decide', { topicId: f.t1.id, outcome: '通过' });
    expect(passWithoutReview.ok || passWithoutReview.error.message).toBe('请先完成评审（评分、等次、评审意见），再作出“通过”的结论。');
    const ok = await core.call('closure.decide', { topicId: f.t1.id, outcome: '延期结题', extendedUntil: '2024-09-12', note: '指标未达标' });
    expect(ok).toMatchObject({ outcome: '延期结题', extendedUntil: '2024-09-12', submittedDate: null });
    const t = (await core.call('topic.get', { id: f.t1.id })).topic;
    expect(t).toMatchObject({ status: '破题中', endDate: '2024-09-12' });
  });
});
