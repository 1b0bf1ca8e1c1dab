import { execFileSync } from 'node:child_process';
import path from 'node:path';
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/core';
import { writeZip, type Part } from './hostile/zipWriter';

/*
 * Crafted files, each read in a child process (hostile/readInChild.ts) that
 * reports its time and peak memory. Before the reader was rewritten, 17 KB of
 * unclosed tags stalled an import for 71 s to over 120 s, 40 sheets naming
 * one 390 MB part crashed with "heap out of memory" at 3.7 GB, a missing part
 * or a dangling relationship imported nothing without a word, and a bad
 * CRC-32 changed 徐磊俊 into 徐磊俋 silently. Every case here must end within
 * seconds, under 600 MB, with the cells right or a Chinese sentence.
 */

const dir = tempDir('hostile-');
const ROOT = path.resolve(__dirname, '../..');
const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG = 'http://schemas.openxmlformats.org/package/2006/relationships';
const MB = 1024 * 1024;
const CT = 'application/vnd.openxmlformats-officedocument.spreadsheetml';

interface Outcome {
  ok: boolean;
  error?: string;
  sheets?: { name: string; rows: number }[];
  notes?: string[];
  ms: number;
  peakMB: number;
}

function readInChild(file: string): Outcome {
  const out = execFileSync(process.execPath, ['--import', 'tsx', path.join(__dirname, 'hostile/readInChild.ts'), file], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
  return JSON.parse(out) as Outcome;
}

/** The parts of a good one-sheet workbook (徐磊俊 in A1 through the shared strings); `change` replaces or adds parts. */
type PartChange = Part['data'] | Omit<Part, 'name'> | undefined;

function parts(change: Record<string, PartChange> = {}): Part[] {
  const base: Record<string, PartChange> = {
    '[Content_Types].xml':
      '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
      `<Override PartName="/xl/workbook.xml" ContentType="${CT}.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="${CT}.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="${CT}.sharedStrings+xml"/><Override PartName="/xl/styles.xml" ContentType="${CT}.styles+xml"/></Types>`,
    '_rels/.rels': `<Relationships xmlns="${PKG}"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    'xl/workbook.xml': `<workbook xmlns="${NS}" xmlns:r="${REL}"><sheets><sheet name="台账" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    'xl/_rels/workbook.xml.rels': `<Relationships xmlns="${PKG}"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rId3" Type="${REL}/styles" Target="styles.xml"/></Relationships>`,
    'xl/styles.xml': `<styleSheet xmlns="${NS}"><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14"/></cellXfs></styleSheet>`,
    'xl/sharedStrings.xml': `<sst xmlns="${NS}"><si><t>徐磊俊</t></si></sst>`,
    'xl/worksheets/sheet1.xml': `<worksheet xmlns="${NS}"><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" s="1"><v>45291</v></c></row></sheetData></worksheet>`,
    ...change,
  };
  const out: Part[] = [];
  for (const [name, p] of Object.entries(base)) {
    if (p === undefined) continue;
    out.push(typeof p === 'string' || Buffer.isBuffer(p) || !('data' in p) ? { name, data: p as Part['data'] } : { name, ...p });
  }
  return out;
}

/** `unit` repeated to `bytes`, in 1 MB pieces. */
function* repeated(head: string, unit: string, bytes: number, tail: string): Iterable<Buffer> {
  yield Buffer.from(head);
  const piece = Buffer.from(unit.repeat(Math.ceil(MB / unit.length)));
  for (let n = 0; n < bytes; n += piece.length) yield piece;
  yield Buffer.from(tail);
}

function crafted(name: string, make: () => Part[] | Promise<Part[]>, check: (o: Outcome) => void, mangle?: (d: Buffer) => void) {
  const file = path.join(dir, `${name}.xlsx`);
  it(name, { timeout: 180_000 }, async () => {
    await writeZip(file, await make(), mangle);
    const o = readInChild(file);
    console.log(`${name}: ${o.ok ? 'read' : `refused「${o.error}」`} in ${o.ms} ms, peak ${o.peakMB} MB`);
    expect(o.ms).toBeLessThan(20_000);
    expect(o.peakMB).toBeLessThan(600);
    if (!o.ok) expect(o.error).toMatch(/^[^A-Za-z]*[\u4e00-\u9fff]/);
    check(o);
  });
}

describe('crafted files end within seconds, under 600 MB, in Chinese', () => {
  const UNCLOSED = 1 * MB; // 60 times the 17 KB that once stalled the import for over a minute

  crafted('unclosed numFmt tags', () => parts({ 'xl/styles.xml': { data: repeated(`<styleSheet xmlns="${NS}"><numFmts>`, '<numFmt ', UNCLOSED, '') } }), (o) => {
    // No cell format survives, so B1 (a date) cannot be told from a number: read by SheetJS, and the clerk is told.
    expect(o.ok).toBe(true);
    expect(o.notes).toEqual(['本文件用备用方式读取（工作表「台账」B1 单元格的样式（第 1 号）在样式表中不存在），请核对导入结果。']);
  });

  crafted('unclosed sheet tags', () => parts({ 'xl/workbook.xml': { data: repeated(`<workbook xmlns="${NS}" xmlns:r="${REL}"><sheets><sheet name="台账" sheetId="1" r:id="rId1"/>`, '<sheet ', UNCLOSED, '') } }), (o) => {
    expect(o.ok).toBe(true);
    expect(o.sheets).toEqual([{ name: '台账', rows: 1 }]);
  });

  crafted(
    'unclosed Relationship tags',
    () => parts({ 'xl/_rels/workbook.xml.rels': { data: repeated(`<Relationships xmlns="${PKG}"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/>`, '<Relationship ', UNCLOSED, '') } }),
    (o) => expect(o.ok).toBe(true),
  );

  crafted(
    'unclosed mergeCell tags',
    () =>
      parts({
        'xl/worksheets/sheet1.xml': { data: repeated(`<worksheet xmlns="${NS}"><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData><mergeCells>`, '<mergeCell ', UNCLOSED, '') },
      }),
    (o) => expect(o.ok || /损坏|无法/.test(o.error!)).toBe(true),
  );

  crafted(
    '40 sheets naming one 390 MB part',
    () =>
      parts({
        'xl/workbook.xml': `<workbook xmlns="${NS}" xmlns:r="${REL}"><sheets>${Array.from({ length: 40 }, (_, i) => `<sheet name="表${i + 1}" sheetId="${i + 1}" r:id="rId1"/>`).join('')}</sheets></workbook>`,
        'xl/worksheets/sheet1.xml': { data: repeated(`<worksheet xmlns="${NS}"><sheetData>`, '<row><c><v>1</v></c></row>', 390 * MB, '</sheetData></worksheet>') },
      }),
    (o) => {
      expect(o.ok).toBe(false);
      expect(o.error).toMatch(/超出导入上限/);
    },
  );

  crafted(
    '40 sheets of 150,000 rows each (every sheet under the limits, the workbook over them)',
    () => {
      const sheets = Array.from({ length: 40 }, (_, i) => i + 1);
      return parts({
        'xl/workbook.xml': `<workbook xmlns="${NS}" xmlns:r="${REL}"><sheets>${sheets.map((i) => `<sheet name="表${i}" sheetId="${i}" r:id="rS${i}"/>`).join('')}</sheets></workbook>`,
        'xl/_rels/workbook.xml.rels': `<Relationships xmlns="${PKG}">${sheets.map((i) => `<Relationship Id="rS${i}" Type="${REL}/worksheet" Target="worksheets/s${i}.xml"/>`).join('')}</Relationships>`,
        ...Object.fromEntries(
          sheets.map((i) => [`xl/worksheets/s${i}.xml`, { data: repeated(`<worksheet xmlns="${NS}"><sheetData>`, '<row><c><v>1</v></c><c><v>2</v></c></row>', 150_000 * 41, '</sheetData></worksheet>') }]),
        ),
      });
    },
    (o) => {
      expect(o.ok).toBe(true);
      const read = o.sheets!.filter((s) => s.rows > 0).length;
      expect(read).toBeGreaterThan(0);
      expect(read).toBeLessThan(40);
      expect(o.notes!.length).toBe(40 - read);
      expect(o.notes![0]).toMatch(/^工作表「表\d+」未读取：.*超出导入上限。$/);
    },
  );

  crafted(
    'a sheet of 300 MB of text written in its cells',
    () => parts({ 'xl/worksheets/sheet1.xml': { data: repeated(`<worksheet xmlns="${NS}"><sheetData>`, `<row><c t="inlineStr"><is><t>${'推进落实'.repeat(2000)}</t></is></c></row>`, 300 * MB, '</sheetData></worksheet>') } }),
    (o) => expect(o.error).toMatch(/整个工作簿的文字已超过 100 百万字，超出导入上限/),
  );

  crafted(
    'cells and text both near the limits (200,000 rows of 10 texts of 48 characters)',
    () =>
      parts({
        'xl/worksheets/sheet1.xml': {
          data: repeated(`<worksheet xmlns="${NS}"><sheetData>`, `<row>${`<c t="inlineStr"><is><t>${'推进落实'.repeat(12)}</t></is></c>`.repeat(10)}</row>`, 200_000 * 1_900, '</sheetData></worksheet>'),
        },
      }),
    (o) => expect(o.ok || /超出导入上限/.test(o.error!)).toBe(true),
  );

  crafted(
    'shared strings of 300 MB',
    () => parts({ 'xl/sharedStrings.xml': { data: repeated(`<sst xmlns="${NS}">`, `<si><t>${'推进落实'.repeat(2000)}</t></si>`, 300 * MB, '</sst>') } }),
    (o) => expect(o.error).toMatch(/共享文本「xl\/sharedStrings.xml」超过 100 百万字，超出导入上限/),
  );

  crafted(
    'a 23 MB sheet of the densest cells the fast reader is unsure of (read whole by SheetJS)',
    () =>
      parts({
        'xl/worksheets/sheet1.xml': { data: repeated(`<worksheet xmlns="${NS}"><sheetData><row r="0"><c><v>1</v></c></row>`, `<row>${'<c><v>1</v></c>'.repeat(10)}</row>`, 23 * MB, '</sheetData></worksheet>') },
      }),
    (o) => {
      expect(o.ok).toBe(true);
      expect(o.notes![0]).toBe('本文件用备用方式读取（工作表「台账」的行号「0」超出 Excel 的范围），请核对导入结果。');
    },
  );

  crafted(
    'a 48 MB sheet the fast reader is unsure of: too large for the fallback',
    () =>
      parts({
        'xl/worksheets/sheet1.xml': { data: repeated(`<worksheet xmlns="${NS}"><sheetData><row r="0"><c><v>1</v></c></row>`, `<row>${'<c><v>1</v></c>'.repeat(10)}</row>`, 48 * MB, '</sheetData></worksheet>') },
      }),
    (o) => expect(o.error).toMatch(/无法可靠读取（工作表「台账」的行号「0」超出 Excel 的范围），且文件过大/),
  );

  crafted(
    'one endless row',
    () => parts({ 'xl/worksheets/sheet1.xml': { data: repeated(`<worksheet xmlns="${NS}"><sheetData><row r="1">`, '<c t="s"><v>0</v></c>', 100 * MB, '</row></sheetData></worksheet>') } }),
    (o) => {
      expect(o.ok).toBe(false);
      expect(o.error).toMatch(/超出导入上限/);
    },
  );

  crafted(
    'a sheet part missing from the zip',
    () => parts({ 'xl/worksheets/sheet1.xml': undefined }),
    (o) => expect(o.error).toMatch(/工作表「台账」的内容「xl\/worksheets\/sheet1.xml」不在文件中/),
  );

  crafted(
    'a relationship to nothing',
    () => parts({ 'xl/workbook.xml': `<workbook xmlns="${NS}" xmlns:r="${REL}"><sheets><sheet name="台账" sheetId="1" r:id="rId1"/><sheet name="名册" sheetId="2" r:id="rId9"/></sheets></workbook>` }),
    (o) => expect(o.error).toMatch(/工作表「名册」找不到对应的内容（关系「rId9」不存在）/),
  );

  crafted(
    'a bad CRC-32 (徐磊俊 stored as 徐磊俋)',
    () => {
      const good = `<sst xmlns="${NS}"><si><t>徐磊俊</t></si></sst>`;
      return parts({ 'xl/sharedStrings.xml': { data: good.replace('俊', '俋'), store: true, crc32: zlib.crc32(good) } });
    },
    (o) => expect(o.error).toMatch(/已损坏：其中的「xl\/sharedStrings.xml」校验失败/),
  );

  crafted(
    'a malformed zip directory',
    () => parts(),
    (o) => expect(o.error).toMatch(/不完整或已损坏/),
    (directory) => directory.writeUInt32LE(0x7fff_fff0, 42), // the first entry's local header far past the end
  );
});
