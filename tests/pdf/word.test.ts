import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core';
import { runCommand } from '../../electron/core/cli/main';
import { closureReportModel } from '../../electron/core/report/closure';
import type { Block } from '../../electron/core/report/model';
import { PDF_PROFILE_DEFAULTS } from '../../shared/contract/output';
import { DEFAULT_RUBRIC } from '../../shared/domain/enums';
import { memoryCore, tempDir } from '../helpers/core';
import { pdfText, squash } from './pdfText';

/** Every text a block holds, as the reader should find it. */
const blockTexts = (b: Block): string[] => {
  switch (b.kind) {
    case 'table':
      return b.rows.flat().map((c) => c.text);
    case 'chart':
      return [b.caption];
    case 'signatures':
      return [...b.signers.map((s) => `${s}（签字）：`), b.approval];
    case 'paragraphs':
      return [b.text || '（无）'];
    default:
      return [b.text];
  }
};

const twips = (mm: number) => Math.round((mm * 1440) / 25.4);
const hasSoffice = spawnSync('soffice', ['--version']).status === 0;

describe('report.closure and report.summary as Word files', () => {
  const dir = tempDir();
  const file = path.join(dir, '结题报告.docx');
  let core: Core;
  let topicId: string;
  let zip: JSZip;
  let documentXml: string;

  beforeAll(async () => {
    core = memoryCore();
    const { campaignId } = await core.call('ledger.demo', {});
    topicId = (await core.call('topic.list', { campaignId })).find((t) => t.title === '农特产品寄递助农增收')!.id;
    const r = await core.call('report.closure', { topicId, out: file });
    expect(r).toMatchObject({ path: file, missingGlyphs: [] });
    expect(r.pages).toBeUndefined();
    zip = await JSZip.loadAsync(fs.readFileSync(file));
    documentXml = await zip.file('word/document.xml')!.async('string');
  });

  it('holds every text of the report model the PDF is drawn from', async () => {
    const detail = await core.call('topic.get', { id: topicId });
    const words = squash([...documentXml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(''));
    for (const b of closureReportModel(detail, DEFAULT_RUBRIC).blocks) for (const t of blockTexts(b)) expect(words).toContain(squash(t));
  });

  it('sets the page as GB/T 9704: A4, the profile margins, 二号 黑体 title, 三号 仿宋 body indented two characters', () => {
    const p = PDF_PROFILE_DEFAULTS;
    expect(documentXml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    const margins = /<w:pgMar ([^>]*)\/>/.exec(documentXml)![1]!;
    for (const [side, mm] of [['top', p.marginTopMm], ['bottom', p.marginBottomMm], ['left', p.marginLeftMm], ['right', p.marginRightMm]] as const) {
      expect(margins).toContain(`w:${side}="${twips(mm)}"`);
    }
    // The first paragraph is the title, centred, 22 pt in the title face.
    const title = /<w:p>.*?<\/w:p>/.exec(documentXml)![0];
    expect(title).toContain('<w:jc w:val="center"/>');
    expect(title).toContain('w:eastAsia="黑体"');
    expect(title).toContain('<w:sz w:val="44"/>');
    // A body paragraph: 仿宋 16 pt, first line indented 32 pt (640 twips), justified.
    const body = [...documentXml.matchAll(/<w:p>.*?<\/w:p>/g)].map((m) => m[0]).find((x) => x.includes('党建+助农'))!;
    expect(body).toContain('<w:ind w:firstLine="640"/>');
    expect(body).toContain('<w:jc w:val="both"/>');
    expect(body).toContain('w:eastAsia="仿宋"');
    expect(body).toContain('<w:sz w:val="32"/>');
  });

  it('writes real tables whose header row repeats on each page and whose rows never split', () => {
    const tables = [...documentXml.matchAll(/<w:tbl>.*?<\/w:tbl>/g)].map((m) => m[0]);
    const breakdown = tables.find((t) => t.includes('破题') || t.includes('推进措施'))!;
    const rows = [...breakdown.matchAll(/<w:tr>.*?<\/w:tr>/g)].map((m) => m[0]);
    expect(rows[0]).toContain('<w:tblHeader/>');
    expect(rows[0]).toContain('推进措施');
    for (const r of rows) expect(r).toContain('<w:cantSplit/>');
    expect(rows.slice(1).some((r) => r.includes('<w:tblHeader/>'))).toBe(false);
    expect(breakdown).toContain('<w:tblLayout w:type="fixed"/>');
    // Table text is 五号 (10.5 pt).
    expect(breakdown).toContain('<w:sz w:val="21"/>');
  });

  it('numbers pages “— PAGE —” in 四号 仿宋, outside: odd pages right, even pages left', async () => {
    const settings = await zip.file('word/settings.xml')!.async('string');
    expect(settings).toContain('<w:evenAndOddHeaders/>');
    const rels = await zip.file('word/_rels/document.xml.rels')!.async('string');
    const footerOf = async (type: string) => {
      const id = new RegExp(`<w:footerReference w:type="${type}" r:id="(\\w+)"`).exec(documentXml)![1];
      const target = new RegExp(`Id="${id}"[^>]*Target="([^"]+)"`).exec(rels)?.[1] ?? new RegExp(`Target="([^"]+)"[^>]*Id="${id}"`).exec(rels)![1];
      return zip.file(`word/${target}`)!.async('string');
    };
    for (const [type, side] of [['default', 'right'], ['even', 'left']] as const) {
      const xml = await footerOf(type);
      expect(xml).toContain(`<w:jc w:val="${side}"/>`);
      expect(xml).toContain(`<w:ind w:${side}="280"/>`);
      expect(xml).toMatch(/<w:instrText[^>]*>PAGE<\/w:instrText>/);
      expect(squash([...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('|'))).toBe('—|—');
      expect(xml).toContain('<w:sz w:val="28"/>');
      expect(xml).toContain('w:eastAsia="仿宋"');
    }
  });

  it('draws the indicator chart as a Word chart the clerk can edit', async () => {
    expect(zip.file(/^word\/charts\/chart\d+\.xml$/)).toHaveLength(1);
    const chart = await zip.file(/^word\/charts\/chart\d+\.xml$/)[0]!.async('string');
    expect(chart).toContain('<c:barChart>');
    expect(chart).toContain('蜜橘寄递量');
  });

  it('writes the campaign summary as Word too, and the CLI picks the format by the extension', async () => {
    const lines: string[] = [];
    await runCommand('report', { args: ['summary'], out: path.join(dir, '汇总.docx') }, core, (t) => lines.push(t));
    await runCommand('report', { args: ['closure'], topic: '农特产品寄递助农增收', out: path.join(dir, 'c.docx') }, core, (t) => lines.push(t));
    expect(lines[0]).toMatch(/^已生成活动汇总：.*汇总\.docx（\d+ KB）$/);
    expect(lines[1]).toMatch(/^已生成结题报告：.*c\.docx（\d+ KB）$/);
    const summary = await JSZip.loadAsync(fs.readFileSync(path.join(dir, '汇总.docx')));
    const xml = await summary.file('word/document.xml')!.async('string');
    expect(xml).toContain('各领题支部情况');
    expect(xml).toContain('<w:tblHeader/>');
    await expect(core.call('report.closure', { topicId, out: path.join(dir, 'x.doc') })).rejects.toThrow('文件名应以 .pdf 或 .docx 结尾');
  });

  it.skipIf(!hasSoffice)('opens in LibreOffice and converts to a PDF with the same title and page numbers', () => {
    const outDir = path.join(dir, 'lo');
    execFileSync('soffice', ['--headless', '--convert-to', 'pdf', '--outdir', outDir, file], { stdio: 'ignore', timeout: 120_000 });
    const pdf = path.join(outDir, '结题报告.pdf');
    const text = squash(pdfText(pdf));
    expect(text).toContain('“农特产品寄递助农增收”课题结题报告');
    expect(text).toContain('—1—');
    expect(text).toContain('—2—');
    if (process.env.WORD_PNG_DIR) execFileSync('pdftoppm', ['-r', '60', '-png', pdf, path.join(process.env.WORD_PNG_DIR, 'word')]);
  });
});
