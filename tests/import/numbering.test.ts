import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { splitLeadingNumber } from '../../electron/core/import/numbering';
import { memoryCore, tempDir } from '../helpers/core';
import { pdfText, squash } from '../pdf/pdfText';

const dir = tempDir('import-numbering-');
const HEADER = ['序号', '课题名称', '牵头部门', '领题支部', '小课题', '推进措施', '责任人', '完成时限'];
const csv = (rows: string[][]) => [HEADER, ...rows].map((r) => r.join(',')).join('\r\n');

describe('a sub-topic title that carries its source number', () => {
  it('takes the number apart from the words, and leaves figures that are part of the title', () => {
    expect(splitLeadingNumber('3.1 成立惠农专班服务团队')).toEqual({ code: '3.1', title: '成立惠农专班服务团队' });
    expect(splitLeadingNumber('3.1成立惠农专班服务团队')).toEqual({ code: '3.1', title: '成立惠农专班服务团队' });
    expect(splitLeadingNumber('３．２　开展防诈宣传')).toEqual({ code: '3.2', title: '开展防诈宣传' });
    expect(splitLeadingNumber('2、走访新型农业主体')).toEqual({ code: '2', title: '走访新型农业主体' });
    expect(splitLeadingNumber('（4）季度复盘')).toEqual({ code: '4', title: '季度复盘' });
    expect(splitLeadingNumber('1-2 优化揽投段道')).toEqual({ code: '1-2', title: '优化揽投段道' });
    for (const whole of ['2024年网点转型', '5G网络覆盖', '3.5万件快递进村', '100户示范', '12345热线办结', '成立专班', '3.1']) expect(splitLeadingNumber(whole), whole).toBeNull();
  });

  it('imports "3.1 成立惠农专班服务团队" as 编号 3.1 and the title without it; the closure report shows 3.1 once', async () => {
    const file = path.join(dir, 'numbered.csv');
    fs.writeFileSync(file, csv([
      ['3', '推进邮政农村电商服务乡村振兴', '农村电商部', '城固县分公司党支部', '3.1 成立惠农专班服务团队', '每周例会', '方芳', '2024/6/30'],
      ['', '', '', '', '3.2、培育电商示范村', '每县两村', '张伟', '2024/9/30'],
      ['', '', '', '', '2024年农产品上行', '直播带货', '王强', '2024/12/31'],
    ]));
    const core = memoryCore();
    await core.call('import.commit', { file, campaign: '2024年活动' });
    const [topic] = await core.call('topic.list', {});
    const subs = await core.call('subtopic.list', { topicId: topic!.id });
    expect(subs.map((s) => [s.code, s.title])).toEqual([
      ['3.1', '成立惠农专班服务团队'],
      ['3.2', '培育电商示范村'],
      ['', '2024年农产品上行'],
    ]);

    const out = path.join(dir, 'closure.pdf');
    await core.call('report.closure', { topicId: topic!.id, out });
    const text = squash(pdfText(out, { raw: true }));
    expect(text).toContain('3.1成立惠农专班服务团队');
    expect(text).not.toContain('3.13.1');
    expect(text).not.toMatch(/(^|[^.\d])1成立惠农专班/);
  });

  it('matches a sub-topic an earlier import stored with the number in its title, and moves the number to 编号', async () => {
    const core = memoryCore();
    const unit = await core.call('unit.create', { name: '城固县分公司党支部', kind: '党支部' });
    const campaign = await core.call('campaign.create', { name: '2024年活动', year: 2024 });
    const topic = await core.call('topic.create', { campaignId: campaign.id, code: '3', title: '推进邮政农村电商服务乡村振兴', branchId: unit.id });
    await core.call('subtopic.create', { topicId: topic.id, title: '3.1 成立惠农专班服务团队', measures: '旧措施' });
    const file = path.join(dir, 'again.csv');
    fs.writeFileSync(file, csv([['3', '推进邮政农村电商服务乡村振兴', '', '城固县分公司党支部', '3.1 成立惠农专班服务团队', '每周例会', '', '']]));
    const r = await core.call('import.commit', { file, campaign: campaign.name });
    expect(r.counts.subtopics).toEqual({ added: 0, updated: 1, unchanged: 0 });
    const subs = await core.call('subtopic.list', { topicId: topic.id });
    expect(subs.map((s) => [s.code, s.title, s.measures])).toEqual([['3.1', '成立惠农专班服务团队', '每周例会']]);
  });
});
