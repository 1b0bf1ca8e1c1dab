import { describe, expect, it } from 'vitest';
import { memoryCore, snapshot } from '../helpers/core';
import { seedSmall } from '../helpers/fixtures';

/*
 * The core half of pasting a table from Excel into 成效指标 and 台账 (issue 16):
 * one call, one transaction, all or none, each row checked as the single
 * create checks it, every write with its audit line.
 */

describe('indicator.saveMany', () => {
  it('updates an indicator the topic has by name, in the pasted fields only, and creates the others', async () => {
    const core = memoryCore();
    const f = await seedSmall(core);
    const income = await core.call('indicator.create', { topicId: f.t1.id, name: '特快业务收入', unit: '万元', baseline: 590, target: 680, actual: 600, asOf: '2024-05-31', note: '按财务口径' });
    const saved = await core.call('indicator.saveMany', {
      topicId: f.t1.id,
      indicators: [
        { name: '特快业务收入', actual: 650, asOf: '2024-06-30' },
        { name: '投诉率', unit: '%', target: 0.5, actual: 0.3 },
      ],
    });
    expect(saved.map((i) => [i.name, i.unit, i.baseline, i.target, i.actual, i.asOf, i.note])).toEqual([
      ['特快业务收入', '万元', 590, 680, 650, '2024-06-30', '按财务口径'],
      ['投诉率', '%', null, 0.5, 0.3, null, ''],
    ]);
    expect(saved[0]!.id).toBe(income.id);
    // A new indicator comes after the ones the topic has, and 越小越好 is judged by its name as the import does.
    expect(saved[1]).toMatchObject({ seq: 1, higherIsBetter: false, met: true });

    const [update] = await core.call('audit.list', { entity: 'indicator', entityId: income.id, limit: 1 });
    expect(update).toMatchObject({ action: 'update', before: { actual: 600, asOf: '2024-05-31', target: 680 }, after: { actual: 650, asOf: '2024-06-30', target: 680 } });
    const [create] = await core.call('audit.list', { entity: 'indicator', entityId: saved[1]!.id, limit: 1 });
    expect(create).toMatchObject({ action: 'create', after: { name: '投诉率', target: 0.5 } });
  });

  it('saves nothing when one row is refused, and names the row', async () => {
    const core = memoryCore();
    const f = await seedSmall(core);
    await core.call('indicator.create', { topicId: f.t1.id, name: '特快业务收入', unit: '万元', actual: 600 });
    const before = snapshot(core);
    const tooLong = await core.dispatch('indicator.saveMany', {
      topicId: f.t1.id,
      indicators: [{ name: '特快业务收入', actual: 650 }, { name: '新客户', unit: '户'.repeat(21) }],
    });
    expect(tooLong.ok || tooLong.error.message).toMatch(/单位不能超过 20 个字/);
    expect(snapshot(core)).toBe(before);

    const twice = await core.dispatch('indicator.saveMany', { topicId: f.t1.id, indicators: [{ name: '新客户', target: 50 }, { name: '特快业务收入', actual: 650 }, { name: '新客户', target: 60 }] });
    expect(twice.ok || twice.error.message).toBe('第 1 行和第 3 行都是指标「新客户」，请合并为一行后再保存。本次没有保存任何指标。');
    expect(snapshot(core)).toBe(before);
  });

  it('refuses a new unit that would re-mean stored figures not given again', async () => {
    const core = memoryCore();
    const f = await seedSmall(core);
    await core.call('indicator.create', { topicId: f.t1.id, name: '揽收量', unit: '件', target: 12000, actual: 9000 });
    const before = snapshot(core);
    const r = await core.dispatch('indicator.saveMany', { topicId: f.t1.id, indicators: [{ name: '新客户', target: 50 }, { name: '揽收量', unit: '万件', actual: 1 }] });
    expect(r.ok || r.error.message).toBe('第 2 行「揽收量」：单位由「件」改为「万件」，已有的目标值会按新单位理解；请同时给出目标值。本次没有保存任何指标。');
    expect(snapshot(core)).toBe(before);
    // Given again, the change is the clerk's.
    const [saved] = await core.call('indicator.saveMany', { topicId: f.t1.id, indicators: [{ name: '揽收量', unit: '万件', target: 1.2, actual: 1 }] });
    expect(saved).toMatchObject({ unit: '万件', target: 1.2, actual: 1 });
  });

  it('refuses an empty or an over-long paste, as checklist.createMany does (a locked topic: tests/core/topics.test.ts)', async () => {
    const core = memoryCore();
    const f = await seedSmall(core);
    const none = await core.dispatch('indicator.saveMany', { topicId: f.t1.id, indicators: [] });
    expect(none.ok || none.error.message).toContain('没有要保存的指标');
    const many = await core.dispatch('indicator.saveMany', { topicId: f.t1.id, indicators: Array.from({ length: 2001 }, (_, i) => ({ name: `指标${i}` })) });
    expect(many.ok || many.error.message).toContain('一次最多保存 2,000 项指标');
  });
});

describe('progress.createMany', () => {
  it('adds the entries in one call, each checked as progress.create, with an audit line each', async () => {
    const core = memoryCore();
    const f = await seedSmall(core);
    const added = await core.call('progress.createMany', {
      topicId: f.t1.id,
      entries: [
        { entryDate: '2024-06-07', content: '走访商户 12 户', subtopicId: f.s.a.id, reporterId: f.p.wang.id },
        { entryDate: '2024-06-14', kind: '推进会', content: '支部推进会', problems: '场地紧张', nextSteps: '月底选址', reporterName: '老支书' },
      ],
    });
    expect(added.map((p) => [p.entryDate, p.kind, p.subtopicTitle, p.reporterName, p.problems])).toEqual([
      ['2024-06-07', '每周汇报', '商户走访', '王建华', ''],
      ['2024-06-14', '推进会', null, '老支书', '场地紧张'],
    ]);
    const lines = await core.call('audit.list', { entity: 'progress' });
    expect(lines.filter((l) => l.action === 'create').map((l) => l.entityId).sort()).toEqual(added.map((p) => p.id).sort());
  });

  it('adds none when one entry is refused, and names it', async () => {
    const core = memoryCore();
    const f = await seedSmall(core);
    const before = snapshot(core);
    const r = await core.dispatch('progress.createMany', {
      topicId: f.t1.id,
      entries: [
        { entryDate: '2024-06-07', content: '走访商户' },
        { entryDate: '2024-06-08', content: '站点签约', subtopicId: f.s.d.id },
      ],
    });
    expect(r.ok || r.error.message).toBe('第 2 条（2024-06-08）：「所属小课题」不属于该课题，请重新选择。本次没有添加任何台账记录。');
    expect(snapshot(core)).toBe(before);
    const many = await core.dispatch('progress.createMany', { topicId: f.t1.id, entries: Array.from({ length: 2001 }, () => ({ entryDate: '2024-06-07', content: 'x' })) });
    expect(many.ok || many.error.message).toContain('一次最多添加 2,000 条台账记录');
    expect(snapshot(core)).toBe(before);
  });
});
