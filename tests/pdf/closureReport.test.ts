import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core';
import { memoryCore, tempDir } from '../helpers/core';
import { pdfFonts, pdfPages, pdfText, squash } from './pdfText';

describe('report.closure: 结题报告 of one topic', () => {
  const dir = tempDir();
  const file = path.join(dir, '结题报告.pdf');
  let core: Core;
  let result: { pages?: number; bytes: number; missingGlyphs: string[] };
  let text: string;

  beforeAll(async () => {
    core = memoryCore();
    const { campaignId } = await core.call('ledger.demo', {});
    const topic = (await core.call('topic.list', { campaignId })).find((t) => t.title === '农特产品寄递助农增收')!;
    result = await core.call('report.closure', { topicId: topic.id, out: file });
    text = squash(pdfText(file, { raw: true }));
  });

  it('writes the file and counts its pages as a PDF reader does', () => {
    expect(result).toMatchObject({ path: file, missingGlyphs: [] });
    expect(result.bytes).toBe(fs.statSync(file).size);
    expect(result.pages).toBe(pdfPages(file));
    expect(result.pages).toBe(3);
    expect(fs.readdirSync(dir)).toEqual(['结题报告.pdf']);
  });

  it('embeds the fonts as subsets', () => {
    const fonts = pdfFonts(file);
    expect(fonts.length).toBeGreaterThan(0);
    for (const f of fonts) expect(f).toMatchObject({ embedded: true, subset: true });
    // A subset of a 10 MB font: the whole report stays small.
    expect(result.bytes).toBeLessThan(300_000);
  });

  it('has the title and the table of the topic’s facts', () => {
    expect(text).toContain('“农特产品寄递助农增收”课题结题报告');
    for (const s of ['课题名称农特产品寄递助农增收', '领题支部城固县分公司党支部', '牵头部门市场经营部', '课题负责人杨帆', '起止时间2023年11月28日至2024年5月26日', '课题目标城固蜜橘寄递量达到17万件。']) {
      expect(text).toContain(s);
    }
  });

  it('has the breakdown with owners, deadlines and tick-off', () => {
    for (const s of ['二、破题分解及销号情况', '蜜橘产地揽收点建设', '电商客户专属资费方案', '助农直播带货', '周静、杨帆', '吴磊、杨帆', '方芳、杨帆', '2024年3月27日', '已销号']) {
      expect(text).toContain(s);
    }
  });

  it('has the indicators with baseline, target, actual and met, and the chart with its labels', () => {
    for (const s of ['四、成效指标完成情况', '蜜橘寄递量万件121717.112024年5月26日达标', '带动农户增收户5006202024年5月26日达标']) expect(text).toContain(s);
    // The chart's own text (echarts SVG, drawn as PDF text).
    for (const s of ['目标与完成对比', '完成目标的百分比', '17.11万件', '620户', '100%']) expect(text).toContain(s);
  });

  it('has the six closure sections in order, with their text', () => {
    const order = ['工作开展情况', '取得成效', '制度成果', '经验做法', '存在问题', '下步打算'].map((s) => text.indexOf(s));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    for (const s of ['建成产地揽收点5个', '完成目标的100.6%', '《农特产品寄递服务规范》', '“一村一策”', '冷链包装成本偏高。', '推广到西乡茶叶、洋县黑米等品类。']) {
      expect(text).toContain(s);
    }
  });

  it('has the review, the decision and the signature lines', () => {
    for (const s of ['评审情况', '结题结论：通过', '孙芳、陈刚、马超', '实效性46/50', '创新性22/25', '总分91', '等次优秀', '成效明显，做法可复制。']) expect(text).toContain(s);
    for (const s of ['支部书记（签字）', '牵头部门负责人（签字）', '党委审核意见', '（盖章）', '日期：']) expect(text).toContain(s);
  });

  it('numbers pages “— n —”, odd pages at the right, even pages at the left', () => {
    for (let page = 1; page <= result.pages!; page++) {
      const lines = pdfText(file, { layout: true, page }).split('\n');
      const line = lines.find((l) => squash(l) === `—${page}—`);
      expect(line, `page ${page}`).toBeDefined();
      const indent = line!.length - line!.trimStart().length;
      if (page % 2 === 1) expect(indent).toBeGreaterThan(40);
      else expect(indent).toBeLessThan(10);
    }
  });

  it('renders a page to PNG (for a person to look at: npm run ledger -- report closure …, then pdftoppm)', () => {
    execFileSync('pdftoppm', ['-r', '50', '-f', '2', '-l', '2', '-png', file, path.join(dir, 'page')]);
    const png = fs.readdirSync(dir).find((f) => f.startsWith('page') && f.endsWith('.png'))!;
    const head = fs.readFileSync(path.join(dir, png)).subarray(0, 8);
    expect(head.toString('hex')).toBe('89504e470d0a1a0a');
  });

  it('prints a topic that has no breakdown, no indicators and no closure yet', async () => {
    const topic = (await core.call('topic.list', {})).find((t) => t.title === '机关服务基层“最后一公里”')!;
    const out = path.join(dir, 'empty.pdf');
    const r = await core.call('report.closure', { topicId: topic.id, out });
    const t = squash(pdfText(out, { raw: true }));
    for (const s of ['（无小课题）', '（无记录）', '（无成效指标）', '（尚未评审）']) expect(t).toContain(s);
    expect(t).not.toContain('目标与完成对比');
    expect(r.pages).toBe(pdfPages(out));
  });

  it('refuses an unknown topic', async () => {
    await expect(core.call('report.closure', { topicId: '01900000-0000-7000-8000-000000000000', out: path.join(dir, 'x.pdf') })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
