import { describe, expect, it } from 'vitest';
import { SUBTOPIC, fromFormText } from '../../shared/fields';
import { memoryCore, snapshot } from '../helpers/core';

/*
 * Issue 19 on the typing side: the forms and the contract refuse a value
 * longer than its field holds, with a Chinese sentence naming the field; the
 * ledger is left as it was. (The import's side: tests/import/over-long.test.ts.)
 */

describe('the contract refuses over-long input, naming the field', () => {
  it('a 1,000,000-character 备注 on a sub-topic changes nothing', async () => {
    const core = memoryCore();
    const campaign = await core.call('campaign.create', { name: '2024年活动', year: 2024 });
    const topic = await core.call('topic.create', { campaignId: campaign.id, title: '提升收入' });
    const before = snapshot(core);
    const r = await core.dispatch('subtopic.create', { topicId: topic.id, title: '拓展客户', note: '注'.repeat(1_000_000) });
    expect(r.ok ? r : r.error).toMatchObject({ code: 'VALIDATION', message: expect.stringContaining('备注不能超过 2000 个字') });
    expect(snapshot(core)).toBe(before);
  });
});

describe('the 课题分解 cells refuse what the contract would, in the same words', () => {
  const cells = SUBTOPIC.fields.filter((f) => f.form);
  it('has the typed cells the description gives (编号, 小课题名称, 推进措施, 预算（万元）)', () => {
    expect(cells.map((f) => f.label)).toEqual(['编号', '小课题名称', '推进措施', '预算（万元）']);
  });
  for (const f of cells.filter((x) => x.max !== null)) {
    it(`「${f.label}」over ${f.max} characters`, () => {
      expect(fromFormText(f, '长'.repeat(f.max! + 1))).toEqual({ ok: false, message: `${f.label}不能超过 ${f.max} 个字` });
      expect(fromFormText(f, '长'.repeat(f.max!))).toEqual({ ok: true, value: '长'.repeat(f.max!) });
    });
  }
  it('reads a number cell, and says so when it is not one', () => {
    const budget = cells.find((f) => f.kind === 'number')!;
    expect(fromFormText(budget, ' １２.５ ')).toEqual({ ok: true, value: 12.5 });
    expect(fromFormText(budget, '1,200')).toEqual({ ok: true, value: 1200 });
    expect(fromFormText(budget, '')).toEqual({ ok: true, value: null });
    expect(fromFormText(budget, '很多')).toEqual({ ok: false, message: '预算（万元）应为数字，例如 12.5' });
  });
});
