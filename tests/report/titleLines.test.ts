import fs from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { balancedTitleLines, textUnits, titleLineUnits, titleWords } from '../../electron/core/report/titleLines';
import { PDF_PROFILE_DEFAULTS } from '../../shared/contract/output';
import { memoryCore, tempDir } from '../helpers/core';
import { pdfText, squash } from '../pdf/pdfText';

const TITLE = '“推进邮政农村电商服务乡村振兴”课题结题报告';

describe('balanced title lines (GB/T 9704 7.3.3)', () => {
  it('finds words with Intl.Segmenter, keeping punctuation, unknown single characters and numbers with their neighbours', () => {
    expect(titleWords(TITLE)).toEqual(['“推进', '邮政', '农村', '电商', '服务', '乡村', '振兴”', '课题', '结题', '报告']);
    expect(titleWords('2026年“领题破题”活动推进情况汇总')[0]).toBe('2026年');
  });

  it('breaks the closure title into two even lines between words, never "… / 报告"', () => {
    const units = titleLineUnits(PDF_PROFILE_DEFAULTS);
    expect(units).toBe(20); // 156 mm of 二号: 20 characters
    const lines = balancedTitleLines(TITLE, units);
    expect(lines).toEqual(['“推进邮政农村电商服务', '乡村振兴”课题结题报告']);
    expect(lines.join('')).toBe(TITLE);
  });

  it('keeps a short title on one line, and sets a long one as a trapezoid of similar lines', () => {
    expect(balancedTitleLines('“提升特快业务收入”课题结题报告', 20)).toEqual(['“提升特快业务收入”课题结题报告']);
    const long = '“提升网点厅堂服务质效，打造县域金融服务新高地，助力乡村全面振兴和城乡融合发展”课题结题报告';
    const lines = balancedTitleLines(long, 20);
    expect(lines).toHaveLength(3); // 46 characters: as few lines as hold them
    expect(lines.join('')).toBe(long);
    const widths = lines.map(textUnits);
    for (const w of widths) expect(w).toBeLessThanOrEqual(20);
    expect(Math.max(...widths) - Math.min(...widths)).toBeLessThanOrEqual(4);
    for (const l of lines) expect(l).not.toMatch(/^[”，、。]/);
  });

  it('prints the same two lines in the PDF and in the Word file', async () => {
    const core = memoryCore();
    const campaign = await core.call('campaign.create', { name: '2024年活动', year: 2024 });
    const topic = await core.call('topic.create', { campaignId: campaign.id, title: '推进邮政农村电商服务乡村振兴' });
    const dir = tempDir();
    await core.call('report.closure', { topicId: topic.id, out: path.join(dir, 'r.pdf') });
    const top = pdfText(path.join(dir, 'r.pdf'), { page: 1 })
      .split('\n')
      .map(squash)
      .filter(Boolean)
      .slice(0, 2);
    expect(top).toEqual(['“推进邮政农村电商服务', '乡村振兴”课题结题报告']);

    await core.call('report.closure', { topicId: topic.id, out: path.join(dir, 'r.docx') });
    const xml = await (await JSZip.loadAsync(fs.readFileSync(path.join(dir, 'r.docx')))).file('word/document.xml')!.async('string');
    const title = /<w:p>.*?<\/w:p>/.exec(xml)![0];
    const parts = title.split('<w:br/>').map((x) => [...x.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(''));
    expect(parts).toEqual(['“推进邮政农村电商服务', '乡村振兴”课题结题报告']);
  });
});
