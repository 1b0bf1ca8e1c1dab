import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core';
import { memoryCore, tempDir } from '../helpers/core';
import { pdfPages, pdfText, squash } from './pdfText';

describe('report.ledger and report.summary', () => {
  const dir = tempDir();
  let core: Core;

  beforeAll(async () => {
    core = memoryCore();
    await core.call('ledger.demo', {});
  });

  it('prints the whole 台账 on A4 landscape with the header on every page', async () => {
    const out = path.join(dir, 'ledger.pdf');
    const r = await core.call('report.ledger', { out });
    expect(r.pages).toBe(pdfPages(out));
    expect(r.pages).toBeGreaterThanOrEqual(1); // the compact print puts the demo on one page; ledgerPrint.test.ts prints several
    expect(execFileSync('pdfinfo', [out], { encoding: 'utf8' })).toMatch(/Page size:\s+841\.89 x 595\.28/);
    for (let page = 1; page <= r.pages!; page++) {
      const t = squash(pdfText(out, { page, raw: true }));
      for (const h of ['课题信息', '破题分解', '推进落实', '课题名称', '小课题', '推进措施', '完成时限']) expect(t, `page ${page}`).toContain(h);
      expect(t).toContain(`—${page}—`);
    }
    const all = squash(pdfText(out, { raw: true }));
    for (const s of ['填报单位：中共汉中市邮政分公司委员会', '填报日期：2024年6月15日', '提升特快业务收入', '邮政便民服务站提质增效', '农特产品寄递助农', '党员承诺践诺', '长期坚持', '共4项课题、9项小课题。']) {
      expect(all).toContain(s);
    }
  });

  it('prints one branch, or only the overdue sub-topics', async () => {
    const units = await core.call('unit.list', {});
    const jidi = units.find((u) => u.name === '寄递事业部党支部')!;
    const out = path.join(dir, 'branch.pdf');
    await core.call('report.ledger', { out, branchId: jidi.id });
    const t = squash(pdfText(out, { raw: true }));
    expect(t).toContain('领题支部：寄递事业部党支部');
    expect(t).toContain('提升特快业务收入');
    expect(t).not.toContain('邮政便民服务站提质增效');
    expect(t).toContain('共1项课题、4项小课题。');

    const overdue = path.join(dir, 'overdue.pdf');
    await core.call('report.ledger', { out: overdue, overdue: true });
    const o = squash(pdfText(overdue, { raw: true }));
    expect(o).toContain('仅列超期未销号小课题');
    expect(o).toContain('特快时限提升');
    expect(o).toContain('超期');
    expect(o).not.toContain('大客户协议续签');
    expect(o).not.toContain('邮政便民服务站提质增效');
    expect(o).toContain('共1项课题、1项小课题。');
  });

  it('prints the campaign summary: the statistics, the sentence, per branch and department, overdue items', async () => {
    const out = path.join(dir, 'summary.pdf');
    const r = await core.call('report.summary', { out });
    const stats = await core.call('stats.get', {});
    const t = squash(pdfText(out, { raw: true }));
    expect(r.pages).toBe(pdfPages(out));
    expect(t).toContain(squash(stats.summary));
    expect(t).toContain('4项课题细化分解为9项小课题');
    expect(t).toContain(`已销号小课题${stats.closedSubtopics}项`);
    for (const s of ['二、各领题支部情况', '寄递事业部党支部', '渠道平台部党支部', '城固县分公司党支部', '机关党支部']) expect(t).toContain(s);
    for (const s of ['三、各牵头部门情况', '市寄递事业部', '市场经营部', '综合办公室']) expect(t).toContain(s);
    // 城固: 1 topic, 3 sub-topics, 4 people (3 党员, 1 业务骨干), 3 ticked off = 100%, none overdue.
    expect(t).toContain('城固县分公司党支部134313100%0');
    expect(t).toContain('四、超期未销号小课题');
    expect(t).toContain('特快时限提升');
    expect(t).toContain('2024年6月10日5');
  });
});
