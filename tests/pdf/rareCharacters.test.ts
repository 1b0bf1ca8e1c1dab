import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core';
import { BUNDLED_EMOJI, BUNDLED_EXTENSIONS, BUNDLED_REGULAR, bundledFontsDir, fontsForText, resolveFallbacks, resolveFonts } from '../../electron/core/pdf/fonts';
import { textRuns, withFallbackRuns } from '../../electron/core/pdf/textRuns';
import { memoryCore, tempDir } from '../helpers/core';
import { pdfFonts, pdfText, squash } from './pdfText';

/*
 * People's names with rare characters (生僻字) of every CJK extension block.
 * The bundled fallback (花園明朝B) has every ideograph of Extensions B to F;
 * G, H and I are in none of the bundled fonts (only in Windows' newer
 * SimSun-ExtG, where present), so a report says they could not be drawn.
 */
const BLOCKS = {
  B: '\u{2123D}', // 𡈽, the character of the issue
  C: '\u{2A700}',
  D: '\u{2B740}',
  E: '\u{2B820}',
  F: '\u{2CEB0}',
  G: '\u{30000}',
  H: '\u{31350}',
  I: '\u{2EBF0}',
};
const EMOJI = '\u{1F600}';
/** Demo people of the topic below, renamed: each name carries a character of one block or more. */
const RENAMED: Record<string, string> = {
  杨帆: `杨\u{20000}${BLOCKS.B}`,
  周静: `周${BLOCKS.C}${BLOCKS.D}`,
  吴磊: `吴${BLOCKS.E}${BLOCKS.F}`,
  方芳: `方${EMOJI}${BLOCKS.G}${BLOCKS.H}${BLOCKS.I}`,
};
const BRANCH = `城固县${BLOCKS.F}分公司党支部`;
const UNDRAWABLE = [BLOCKS.G, BLOCKS.H, BLOCKS.I];

describe('rare characters in names (CJK Extensions B–I, emoji)', () => {
  const dir = tempDir('rare-');
  let core: Core;
  let topicId: string;

  beforeAll(async () => {
    core = memoryCore();
    const { campaignId } = await core.call('ledger.demo', {});
    topicId = (await core.call('topic.list', { campaignId })).find((t) => t.title === '农特产品寄递助农增收')!.id;
    for (const p of await core.call('person.list', {})) if (RENAMED[p.name]) await core.call('person.update', { id: p.id, name: RENAMED[p.name] });
    const branch = (await core.call('unit.list', {})).find((u) => u.name === '城固县分公司党支部')!;
    await core.call('unit.update', { id: branch.id, name: BRANCH });
  });

  it('the closure report prints a name from each of Extensions B to F and the emoji, glyph by glyph in the fallback fonts', async () => {
    const file = path.join(dir, '结题报告.pdf');
    const r = await core.call('report.closure', { topicId, out: file });
    // What no font has is said, and only that.
    expect([...r.missingGlyphs].sort()).toEqual([...UNDRAWABLE].sort());
    expect(r.fonts['bundled-ext']).toBe(path.join(bundledFontsDir(), BUNDLED_EXTENSIONS));
    expect(r.fonts['bundled-emoji']).toBe(path.join(bundledFontsDir(), BUNDLED_EMOJI));
    // pdftotext reads a character back only when a real glyph drew it (a box is .notdef and reads as nothing).
    const text = squash(pdfText(file, { raw: true }));
    for (const name of [RENAMED['杨帆']!, RENAMED['周静']!, RENAMED['吴磊']!, `方${EMOJI}`, BRANCH]) expect(text).toContain(name);
    for (const ch of UNDRAWABLE) expect(text).not.toContain(ch);
    // The fallback fonts are embedded as subsets, beside the report's own.
    const fonts = pdfFonts(file);
    for (const base of ['HanaMinB', 'NotoEmoji-Regular', 'NotoSansSC-Regular']) {
      expect(fonts.find((f) => f.name.endsWith(`+${base}`))).toMatchObject({ embedded: true, subset: true });
    }
    // A subset: the report carries a few glyphs of the 30 MB font, not the font.
    expect(r.bytes).toBeLessThan(300_000);
  });

  it('the ledger print and the summary print them too', async () => {
    const ledger = await core.call('report.ledger', { out: path.join(dir, '台账.pdf') });
    expect(ledger.missingGlyphs.sort()).toEqual([...UNDRAWABLE].sort());
    const ledgerText = squash(pdfText(ledger.path, { raw: true }));
    for (const name of [RENAMED['杨帆']!, RENAMED['周静']!, RENAMED['吴磊']!, BRANCH]) expect(ledgerText).toContain(name);

    const summary = await core.call('report.summary', { out: path.join(dir, '汇总.pdf') });
    expect(summary.missingGlyphs.filter((ch) => !UNDRAWABLE.includes(ch))).toEqual([]);
    expect(squash(pdfText(summary.path, { raw: true }))).toContain(BRANCH);
  });
});

describe('fallback fonts', () => {
  const bundled = bundledFontsDir();

  it('on Windows, SimSun-ExtB and SimSun-ExtG come before the bundled fonts, and a Windows face is kept for a character it cannot have', () => {
    const win = tempDir('winfonts-');
    // Stand-ins with the right names: the Windows faces as the bundled font, SimSun-ExtB as the bundled extension font.
    fs.symlinkSync(path.join(bundled, BUNDLED_REGULAR), path.join(win, 'simfang.ttf'));
    fs.symlinkSync(path.join(bundled, BUNDLED_EXTENSIONS), path.join(win, 'SimSunExtG.ttf'));
    fs.symlinkSync(path.join(bundled, BUNDLED_EXTENSIONS), path.join(win, 'simsunb.ttf'));
    const fallbacks = resolveFallbacks(win);
    expect(fallbacks.map((f) => [path.basename(f.file), f.source])).toEqual([
      ['simsunb.ttf', 'windows'],
      ['SimSunExtG.ttf', 'windows'],
      [BUNDLED_EXTENSIONS, 'bundled'],
      [BUNDLED_EMOJI, 'bundled'],
    ]);
    const chosen = fontsForText(resolveFonts(win), `课题负责人 杨${BLOCKS.B}${EMOJI}`, fallbacks);
    expect(chosen.fonts['仿宋'].source).toBe('windows');
    expect(chosen.fallback.get(BLOCKS.B)?.file).toBe(path.join(win, 'simsunb.ttf'));
    expect(chosen.fallback.get(EMOJI)?.file).toBe(path.join(bundled, BUNDLED_EMOJI));
    expect([...chosen.fallback.keys()].sort()).toEqual([BLOCKS.B, EMOJI].sort());
    expect(chosen.missing).toEqual([]);
  });

  it('without Windows fonts, the bundled ones; nothing falls back when every character has its face', () => {
    expect(resolveFallbacks(null).map((f) => f.source)).toEqual(['bundled', 'bundled']);
    const chosen = fontsForText(resolveFonts(null), '领题破题台账 ABC 123', resolveFallbacks(null));
    expect(chosen.fallback.size).toBe(0);
    expect(chosen.missing).toEqual([]);
  });
});

describe('text runs', () => {
  const family = (ch: string) => (ch === BLOCKS.B || ch === EMOJI ? 'ext' : undefined);

  it('leaves a string alone when its font draws every character', () => {
    expect(textRuns('城固县分公司党支部 2024', family)).toBe('城固县分公司党支部 2024');
  });

  it('puts each character the font lacks in a run of its fallback family, in order; a variation selector stays with its character', () => {
    expect(textRuns(`杨${BLOCKS.B}${BLOCKS.B}、方${EMOJI}\uFE0F芳`, family)).toEqual(['杨', { text: `${BLOCKS.B}${BLOCKS.B}`, font: 'ext' }, '、方', { text: `${EMOJI}\uFE0F`, font: 'ext' }, '芳']);
    expect(textRuns(BLOCKS.B, family)).toEqual([{ text: BLOCKS.B, font: 'ext' }]);
  });

  it('reaches every string of a document: plain strings, text arrays, stacks, columns, lists and table cells; SVG is left alone', () => {
    const svg = `<svg><text>${BLOCKS.B}</text></svg>`;
    const doc = withFallbackRuns(
      [
        BLOCKS.B,
        { text: ['负责人 ', { text: `杨${BLOCKS.B}`, bold: true }], style: 'body' },
        { stack: [{ columns: [`a${BLOCKS.B}`] }, { ul: [BLOCKS.B] }] },
        { table: { body: [[{ text: BLOCKS.B }, 'x']] } },
        { svg },
      ],
      family,
    );
    const run = { text: BLOCKS.B, font: 'ext' };
    expect(doc).toEqual([
      { text: [run] },
      { text: ['负责人 ', { text: ['杨', run], bold: true }], style: 'body' },
      { stack: [{ columns: [{ text: ['a', run] }] }, { ul: [{ text: [run] }] }] },
      { table: { body: [[{ text: [run] }, 'x']] } },
      { svg },
    ]);
  });
});
