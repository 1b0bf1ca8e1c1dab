import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PDF_PROFILE_DEFAULTS } from '../../shared/contract/output';
import type { TopicDetail } from '../../shared/contract/topics';
import { DEFAULT_RUBRIC } from '../../shared/domain/enums';
import { closureReportDocument } from '../../electron/core/pdf/closureReport';
import { BUNDLED_BOLD, BUNDLED_REGULAR, bundledFontsDir, fontsForText, missingGlyphs, resolveFonts } from '../../electron/core/pdf/fonts';
import { PAGE_NUMBER_SAMPLE } from '../../electron/core/pdf/render';
import { documentText } from '../../electron/core/pdf/textRuns';
import { memoryCore, tempDir } from '../helpers/core';

const ROBOTO = path.join(path.dirname(require.resolve('pdfmake/package.json')), 'fonts', 'Roboto', 'Roboto-Regular.ttf');

describe('fonts', () => {
  it('bundles the OFL font under resources/fonts (and not from the system)', () => {
    const dir = bundledFontsDir();
    expect(dir).toBe(path.resolve(__dirname, '../../resources/fonts'));
    for (const f of [BUNDLED_REGULAR, BUNDLED_BOLD, 'OFL.txt']) expect(fs.existsSync(path.join(dir, f))).toBe(true);
    const set = resolveFonts(null);
    for (const face of ['黑体', '仿宋', '楷体'] as const) {
      expect(set[face].source).toBe('bundled');
      expect(set[face].normal.startsWith(dir)).toBe(true);
    }
  });

  it('prefers the Windows fonts when they are there', () => {
    const win = tempDir('winfonts-');
    fs.copyFileSync(path.join(bundledFontsDir(), BUNDLED_BOLD), path.join(win, 'simhei.ttf'));
    fs.copyFileSync(path.join(bundledFontsDir(), BUNDLED_REGULAR), path.join(win, 'simfang.ttf'));
    const set = resolveFonts(win);
    expect(set['黑体']).toEqual({ normal: path.join(win, 'simhei.ttf'), bold: path.join(win, 'simhei.ttf'), source: 'windows' });
    expect(set['仿宋']).toEqual({ normal: path.join(win, 'simfang.ttf'), bold: path.join(win, 'simhei.ttf'), source: 'windows' });
    expect(set['楷体'].source).toBe('bundled');
  });

  it('falls back to the bundled font when a Windows font lacks a character of the report', () => {
    const win = tempDir('winfonts-');
    // A Latin-only font named like 仿宋: it cannot draw Chinese.
    fs.copyFileSync(ROBOTO, path.join(win, 'simfang.ttf'));
    const { fonts, missing } = fontsForText(resolveFonts(win), '课题结题报告 — 1 —');
    expect(fonts['仿宋'].source).toBe('bundled');
    expect(missing).toEqual([]);
  });

  it('reports the characters no font can draw', () => {
    const file = path.join(bundledFontsDir(), BUNDLED_REGULAR);
    expect(missingGlyphs(file, '领题破题台账 ABC 123 “”《》（）、—%')).toEqual([]);
    expect(missingGlyphs(file, '台账\u{1F600}\uE000')).toEqual(['\u{1F600}', '\uE000']);
  });

  it('covers every character of every demo report: no glyph renders as a box', async () => {
    const core = memoryCore();
    await core.call('ledger.demo', {});
    const dir = tempDir();
    const set = resolveFonts(null);
    for (const t of await core.call('topic.list', {})) {
      const detail = (await core.call('topic.get', { id: t.id })) as TopicDetail;
      const drawn = documentText(await closureReportDocument(detail, PDF_PROFILE_DEFAULTS, DEFAULT_RUBRIC), [PAGE_NUMBER_SAMPLE]);
      const text = `${drawn.text}\n${drawn.svg}`;
      expect(text).toContain(t.title);
      for (const face of ['黑体', '仿宋', '楷体'] as const) {
        expect(missingGlyphs(set[face].normal, text), `${t.title} ${face}`).toEqual([]);
        expect(missingGlyphs(set[face].bold, text), `${t.title} ${face} bold`).toEqual([]);
      }
      expect((await core.call('report.closure', { topicId: t.id, out: path.join(dir, `${t.code}.pdf`) })).missingGlyphs).toEqual([]);
    }
    expect((await core.call('report.ledger', { out: path.join(dir, 'l.pdf') })).missingGlyphs).toEqual([]);
    expect((await core.call('report.summary', { out: path.join(dir, 's.pdf') })).missingGlyphs).toEqual([]);
  });

  it('says which characters of a report could not be drawn', async () => {
    const core = memoryCore();
    await core.call('ledger.demo', {});
    const t = (await core.call('topic.list', {})).find((x) => x.code === '2')!;
    // The emoji has a fallback font (monochrome Noto Emoji); a private-use character has none.
    await core.call('topic.update', { id: t.id, goal: '目标\u{1F600}\uE000' });
    const r = await core.call('report.closure', { topicId: t.id, out: path.join(tempDir(), 'x.pdf') });
    expect(r.missingGlyphs).toEqual(['\uE000']);
  });
});
