import fs from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { workbookCells, type JsonCell } from '../../electron/core/import/cells';
import { newReadBudget } from '../../electron/core/import/limits';
import { readWorkbook } from '../../electron/core/import/read';
import { ZipArchive } from '../../electron/core/import/zip';
import { compareWorkbooks } from './corpus/compare';
import { sheetjsCells } from './corpus/references';
import { tempDir } from '../helpers/core';

/*
 * The boundary fuzz. The reader gets each part in 256 KB inflated pieces
 * and carries what a piece cuts off into the next; a string skipped at such
 * an edge once shifted every later shared string by one, silently. Here a
 * window of every kind of element (shared strings plain and rich, inline
 * strings, numbers, dates, booleans, formulas' cached text, entities,
 * _x000D_, 2-, 3- and 4-byte UTF-8 characters, the end of sheetData and the
 * merges after it) is slid across the first edge of both sharedStrings.xml
 * and the sheet, one byte per workbook, so that the edge falls at every byte
 * of every tag and character. Each workbook is read by the importer and
 * compared with what was written and with SheetJS.
 */

const dir = tempDir('boundary-fuzz-');
const EDGE = 256 * 1024;
const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** The shared strings of the window: [XML, text read]. */
const SHARED: [string, string][] = [
  ['<si><t>徐磊俊</t></si>', '徐磊俊'],
  ['<si><r><rPr><b/><sz val="11"/></rPr><t>重新</t></r><r><t xml:space="preserve">划分𠮷段道 </t></r></si>', '重新划分𠮷段道 '],
  ['<si><t>Café &amp; 邮政 &lt;网点&gt;</t><rPh sb="0" eb="1"><t>カ</t></rPh><phoneticPr fontId="1"/></si>', 'Café & 邮政 <网点>'],
  ['<si><t/></si>', ''],
  ['<si><t>第一行_x000D_\r\n第二行</t></si>', '第一行\r\n第二行'],
  ['<si><t>𠀀𪚥𰻝</t></si>', '𠀀𪚥𰻝'],
];

/** The sheet rows of the window (rows 2–4) and the values read from them; row 1 is padding. */
const ROWS = [
  '<row r="2" spans="1:6"><c r="A2" t="s"><v>1</v></c><c r="B2" t="s"><v>2</v></c><c r="C2" t="s"><v>3</v></c><c r="D2" t="s"><v>4</v></c><c r="E2" t="s"><v>5</v></c><c r="F2" t="s"><v>6</v></c></row>',
  '<row r="3"><c r="A3" t="inlineStr"><is><t>推进𠮷é中</t></is></c><c r="B3" s="1"><v>45291</v></c><c r="C3" t="b"><v>1</v></c><c r="D3"><v>-12.5</v></c><c r="E3" t="str"><f>A3</f><v>文本&amp;x</v></c><c r="F3" t="inlineStr"><is><r><t>内</t></r><r><rPr><b/></rPr><t>联</t></r></is></c></row>',
  '<row r="4"><c r="A4"><v>680</v></c><c r="B4" t="e"><v>#N/A</v></c><c r="C4" t="inlineStr"><is><t>1.2万件</t></is></c></row>',
];
const EXPECTED_ROWS: JsonCell[][] = [
  ['徐磊俊', '重新划分𠮷段道 ', 'Café & 邮政 <网点>', null, '第一行\r\n第二行', '𠀀𪚥𰻝'],
  ['推进𠮷é中', '2023-12-31T00:00:00.000Z', true, -12.5, '文本&x', '内联'],
  [680, null, '1.2万件'],
];
const SHEET_TAIL = '</sheetData><mergeCells count="1"><mergeCell ref="A3:A4"/></mergeCells></worksheet>';

const window = (parts: string[]) => Buffer.byteLength(parts.join(''));
const SST_WINDOW = window(SHARED.map(([x]) => x)) + '</sst>'.length;
const SHEET_WINDOW = window(ROWS) + SHEET_TAIL.length;
const SWEEP = Math.max(SST_WINDOW, SHEET_WINDOW);

/** Padding text of exactly `bytes` bytes (ASCII and 3-byte characters, so the padding itself has characters to split). */
function padding(bytes: number): string {
  const cjk = Math.floor(bytes / 4);
  return '台'.repeat(cjk) + 'x'.repeat(bytes - cjk * 3);
}

/**
 * sharedStrings.xml and sheet1.xml with their windows starting `shift` bytes
 * before the first 256 KB edge, so the edge falls `shift` bytes into each.
 */
function parts(shift: number): { sst: string; sheet: string; padText: [string, string] } {
  const sstHead = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="${NS}" count="${SHARED.length + 1}" uniqueCount="${SHARED.length + 1}"><si><t>`;
  const sstPad = padding(EDGE - shift - Buffer.byteLength(sstHead) - '</t></si>'.length);
  const sheetHead = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${NS}"><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t>`;
  const sheetPad = padding(EDGE - shift - Buffer.byteLength(sheetHead) - '</t></is></c></row>'.length);
  const sst = `${sstHead}${sstPad}</t></si>${SHARED.map(([x]) => x).join('')}</sst>`;
  const sheet = `${sheetHead}${sheetPad}</t></is></c></row>${ROWS.join('')}${SHEET_TAIL}`;
  return { sst, sheet, padText: [sstPad, sheetPad] };
}

async function workbook(shift: number, compression: 'STORE' | 'DEFLATE'): Promise<string> {
  const { sst, sheet } = parts(shift);
  const zip = new JSZip();
  const ct = 'application/vnd.openxmlformats-officedocument.spreadsheetml';
  zip.file(
    '[Content_Types].xml',
    `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>` +
      `<Override PartName="/xl/workbook.xml" ContentType="${ct}.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="${ct}.worksheet+xml"/>` +
      `<Override PartName="/xl/sharedStrings.xml" ContentType="${ct}.sharedStrings+xml"/><Override PartName="/xl/styles.xml" ContentType="${ct}.styles+xml"/></Types>`,
  );
  zip.file('_rels/.rels', `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`);
  zip.file('xl/workbook.xml', `<workbook xmlns="${NS}" xmlns:r="${REL}"><sheets><sheet name="台账" sheetId="1" r:id="rId1"/></sheets></workbook>`);
  zip.file(
    'xl/_rels/workbook.xml.rels',
    `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rId3" Type="${REL}/styles" Target="styles.xml"/></Relationships>`,
  );
  zip.file('xl/styles.xml', `<styleSheet xmlns="${NS}"><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/></cellXfs></styleSheet>`);
  // As bytes: JSZip's own UTF-8 encoder works in 16 KB pieces and splits a surrogate pair that falls across one.
  zip.file('xl/sharedStrings.xml', Buffer.from(sst, 'utf8'));
  zip.file('xl/worksheets/sheet1.xml', Buffer.from(sheet, 'utf8'));
  const file = path.join(dir, `edge-${shift}-${compression}.xlsx`);
  fs.writeFileSync(file, await zip.generateAsync({ type: 'nodebuffer', compression }));
  return file;
}

describe('the boundary fuzz', () => {
  it('the parts really are delivered in 256 KB pieces, so the edge falls where the fuzz puts it', async () => {
    for (const compression of ['STORE', 'DEFLATE'] as const) {
      const zip = ZipArchive.open(await workbook(7, compression), 'edge.xlsx');
      for (const part of ['xl/sharedStrings.xml', 'xl/worksheets/sheet1.xml']) {
        const sizes: number[] = [];
        await zip.stream(zip.find(part)!, 1 << 30, newReadBudget(), (chunk) => void sizes.push(chunk.length));
        expect(sizes[0], `${compression} ${part}`).toBe(EDGE);
        expect(sizes.length).toBeGreaterThan(1);
      }
    }
  });

  it('reads every cell right wherever the edge falls in a tag or a character, as SheetJS does', { timeout: 5 * 60_000 }, async () => {
    const failures: string[] = [];
    for (let shift = 1; shift <= SWEEP; shift++) {
      const compression = shift % 2 ? 'STORE' : 'DEFLATE';
      const file = await workbook(shift, compression);
      const { padText } = parts(shift);
      const ours = workbookCells(await readWorkbook(file));
      const expected = [[padText[0], padText[1]], ...EXPECTED_ROWS];
      const sheet = ours[0]!;
      if (JSON.stringify(sheet.rows) !== JSON.stringify(expected) || JSON.stringify(sheet.merges) !== '["A3:A4"]') {
        failures.push(`edge ${shift} bytes into the windows (${compression}): ${JSON.stringify(sheet.rows.slice(1))} ${JSON.stringify(sheet.merges)}`);
      }
      const { mismatches } = compareWorkbooks(ours, await sheetjsCells(file), null);
      if (mismatches.length) failures.push(`edge ${shift} (${compression}) differs from SheetJS: ${JSON.stringify(mismatches)}`);
      fs.rmSync(file);
    }
    expect(SWEEP).toBeGreaterThan(600);
    expect(failures).toEqual([]);
  });
});
