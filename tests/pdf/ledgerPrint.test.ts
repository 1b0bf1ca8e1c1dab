import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core';
import { memoryCore, tempDir } from '../helpers/core';
import { hanzhongScaleLedger } from './ledgerScale';
import { pdfPages, pdfText, squash } from './pdfText';

describe('report.ledger: the compact print of a campaign-size ledger', () => {
  const dir = tempDir();
  const out = path.join(dir, 'ledger.pdf');
  let core: Core;
  let pages: number;

  beforeAll(async () => {
    core = memoryCore();
    await hanzhongScaleLedger(core);
    await core.call('report.ledger', { out });
    pages = pdfPages(out);
    // The pages as pictures, for a person to look at (LEDGER_PNG_DIR=folder).
    if (process.env.LEDGER_PNG_DIR) execFileSync('pdftoppm', ['-r', '60', '-png', out, path.join(process.env.LEDGER_PNG_DIR, 'ledger')]);
  });

  it('fits 12 topics and 48 sub-topics on at most 5 pages', () => {
    expect(pages).toBeLessThanOrEqual(5);
    expect(squash(pdfText(out, { raw: true }))).toContain('共12项课题、48项小课题。');
  });

  it('repeats both header rows on every page', () => {
    for (let page = 1; page <= pages; page++) {
      const t = squash(pdfText(out, { page, raw: true }));
      for (const h of ['课题信息', '破题分解', '推进落实', '推进措施', '进展情况']) expect(t, `page ${page}`).toContain(h);
    }
  });

  it('names a topic on every page its sub-topics are on', async () => {
    const topics = await core.call('topic.list', {});
    let continued = 0;
    for (let page = 1; page <= pages; page++) {
      const t = squash(pdfText(out, { page, raw: true }));
      continued += t.split('（续）').length - 1;
      for (const topic of topics) {
        const detail = await core.call('topic.get', { id: topic.id });
        if (!detail.subtopics.some((s) => t.includes(s.title))) continue;
        // The whole name, or its end where a row that began on the page before runs over.
        expect(t.includes(topic.title) || t.includes(topic.title.slice(-4)), `page ${page}: ${topic.title}`).toBe(true);
      }
    }
    expect(continued).toBeGreaterThan(0);
    expect(fs.statSync(out).size).toBeGreaterThan(0);
  });
});
