import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core';
import { memoryCore, tempDir } from '../helpers/core';
import { pdfPages, pdfText } from './pdfText';

/*
 * A heading never stays alone at the foot of a page: the last line of every
 * page is never a section heading (一、 … 十一、) nor the chart's title. The
 * page number is not part of the page's text for this.
 */

const HEADING = /^([一二三四五六七八九十]+、|目标与完成对比)/;
const PAGE_NUMBER = /^—\s*\d+\s*—$/;

/** The last line of text on each page (trimmed, page number left out). */
function lastLines(file: string): string[] {
  const out: string[] = [];
  for (let page = 1; page <= pdfPages(file); page++) {
    const lines = pdfText(file, { layout: true, page })
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l && !PAGE_NUMBER.test(l));
    out.push(lines.at(-1) ?? '');
  }
  return out;
}

function expectNoOrphanHeading(file: string, what: string): void {
  const last = lastLines(file);
  last.forEach((line, i) => expect(line, `${what}, page ${i + 1} of ${last.length} ends with a heading`).not.toMatch(HEADING));
}

describe('headings stay with what follows them', () => {
  const dir = tempDir();
  let core: Core;
  let campaignId: string;

  beforeAll(async () => {
    core = memoryCore();
    ({ campaignId } = await core.call('ledger.demo', {}));
  });

  it('in the closure report of every demo topic (topic 3’s 四、成效指标完成情况 used to end page 1)', async () => {
    const topics = await core.call('topic.list', { campaignId });
    expect(topics.length).toBeGreaterThan(3);
    for (const t of topics) {
      const out = path.join(dir, `closure-${t.code}.pdf`);
      await core.call('report.closure', { topicId: t.id, out });
      expectNoOrphanHeading(out, `closure report of topic ${t.code}`);
    }
    // Topic 3 in particular: its 四、 heading starts page 2 together with its table.
    const three = topics.find((t) => t.code === '3')!;
    const p2 = pdfText(path.join(dir, `closure-${three.code}.pdf`), { layout: true, page: 2 });
    expect(p2.trim().split('\n')[0]!.trim()).toBe('四、成效指标完成情况');
  });

  it('whatever the length of the text above them (headings moved to every height of the page)', async () => {
    const topic = (await core.call('topic.list', { campaignId })).find((t) => t.title === '提升特快业务收入')!;
    for (let n = 0; n < 12; n++) {
      await core.call('topic.update', { id: topic.id, goal: `全年特快业务收入达到680万元，同比增长15%。${'重点商圈逐户走访。'.repeat(n * 3)}` });
      await core.call('closure.save', { topicId: topic.id, workDone: '支部以党建引领业务发展，组建党员先锋队。'.repeat(n * 2 + 1) });
      const out = path.join(dir, `closure-sweep-${n}.pdf`);
      await core.call('report.closure', { topicId: topic.id, out });
      expectNoOrphanHeading(out, `closure report, variant ${n}`);
    }
  });

  it('in the campaign summary', async () => {
    const out = path.join(dir, 'summary.pdf');
    await core.call('report.summary', { out });
    expectNoOrphanHeading(out, 'summary');
  });
});
