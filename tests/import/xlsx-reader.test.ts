import fs from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import type { CellValue } from '../../electron/core/import/raw';
import { readWorkbook } from '../../electron/core/import/read';
import { tempDir } from '../helpers/core';

/*
 * The .xlsx reader on hand-written SpreadsheetML: every form of cell the
 * reader knows (the plain `<v>` ones read from bytes, the others as text),
 * namespace prefixes, rows and cells without references, and pieces of XML
 * split across the 256 KB chunks the sheet is inflated in. Excel, WPS and
 * exceljs each write only some of these forms, so the XML is written here.
 */

const dir = tempDir('xlsx-reader-');
const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

const SHARED = [
  '<si><t>课题名称</t></si>',
  '<si><r><t>重新</t></r><r><rPr><b/></rPr><t>划分段道</t></r></si>',
  '<si><t>方芳</t><rPh sb="0" eb="2"><t>ファンファン</t></rPh><phoneticPr fontId="1"/></si>',
  '<si><t>A&amp;B &lt;C&gt;</t></si>',
  '<si><t/></si>',
  '<si><t>第一行_x000D_第二行</t></si>',
];

const STYLES = `<styleSheet xmlns="${NS}"><numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/></numFmts>
<cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/></cellXfs></styleSheet>`;

async function workbook(name: string, sheets: Record<string, string>, opts: { date1904?: boolean } = {}): Promise<string> {
  const zip = new JSZip();
  const names = Object.keys(sheets);
  zip.file('[Content_Types].xml', '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>');
  zip.file(
    'xl/workbook.xml',
    `<?xml version="1.0"?><workbook xmlns="${NS}" xmlns:r="${REL}"><workbookPr${opts.date1904 ? ' date1904="1"' : ''}/><sheets>${names
      .map((n, i) => `<sheet name="${n}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`)
      .join('')}</sheets></workbook>`,
  );
  zip.file(
    'xl/_rels/workbook.xml.rels',
    `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${names
      .map((_, i) => `<Relationship Id="rId${i + 1}" Type="${REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`)
      .join('')}<Relationship Id="rS" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rT" Type="${REL}/styles" Target="styles.xml"/></Relationships>`,
  );
  zip.file('xl/sharedStrings.xml', `<?xml version="1.0"?><sst xmlns="${NS}" count="${SHARED.length}">${SHARED.join('')}</sst>`);
  zip.file('xl/styles.xml', STYLES);
  names.forEach((n, i) => zip.file(`xl/worksheets/sheet${i + 1}.xml`, sheets[n]!));
  const file = path.join(dir, name);
  fs.writeFileSync(file, await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
  return file;
}

const sheet = (rows: string, tail = '') => `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${NS}"><sheetData>${rows}</sheetData>${tail}</worksheet>`;
const day = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));

describe('the .xlsx reader', () => {
  it('reads every form of cell, and rows and cells without references', async () => {
    const file = await workbook('forms.xlsx', {
      台账: sheet(
        [
          '<row r="1" spans="1:5"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>3</v></c><c r="E1" t="s"><v>4</v></c></row>',
          '<row r="2">',
          '<c r="A2"><v>12.5</v></c><c r="B2" s="1"><v>45077</v></c><c r="C2" s="2"><v>45082</v></c>',
          '<c r="D2" t="b"><v>1</v></c><c r="E2" t="e"><v>#N/A</v></c>',
          '<c r="F2" t="str"><f>A1&amp;"x"</f><v>课题&amp;x</v></c><c r="G2" t="d"><v>2023-06-05</v></c>',
          '<c r="H2" t="inlineStr"><is><r><t>推进</t></r><r><t xml:space="preserve"> 中</t></r><rPh sb="0" eb="1"><t>スイ</t></rPh></is></c>',
          `<c r="I2" s="1"/><c r="J2"><v/></c><c r='K2' s = "0"  ><v> 7 </v></c><c r="L2"><f>SUM(A2)</f><v>12.5</v></c>`,
          '<c t="n" r="M2"><v>-3e2</v></c><c r="N2" t="b"><v>0</v></c>',
          '</row>',
          '<row><c t="s"><v>0</v></c><c><v>3</v></c></row>',
          '<row r="5"><c r="C5" t="s"><v>5</v></c></row>',
          '<row r="6"><c r="A6"/><c r="B6" t="e"><v>#REF!</v></c><c r="C6" t="s"><v>4</v></c></row>',
          '<row r="7"/>',
        ].join('\n'),
        '<mergeCells count="2"><mergeCell ref="A1:A2"/><mergeCell ref="B5:D5"/></mergeCells>',
      ),
    });
    const wb = await readWorkbook(file);
    const rows = wb.sheets[0]!.rows;
    expect(rows[0]).toEqual(['课题名称', '重新划分段道', '方芳', 'A&B <C>']);
    expect(rows[1]).toEqual([12.5, day(2023, 5, 31), day(2023, 6, 5), true, null, '课题&x', day(2023, 6, 5), '推进 中', null, null, 7, 12.5, -300, false]);
    expect(rows[2]).toEqual(['课题名称', 3]);
    expect(rows[3]).toBeUndefined();
    expect(rows[4]).toEqual([null, null, '第一行\r第二行']);
    // A row of empty, error and empty-string cells holds nothing.
    expect(rows[5]).toBeUndefined();
    expect(rows).toHaveLength(5);
    expect(wb.sheets[0]!.merges).toEqual([
      { top: 1, left: 1, bottom: 2, right: 1 },
      { top: 5, left: 2, bottom: 5, right: 4 },
    ]);
  });

  it('reads a namespace prefix on every element, and 1904 dates', async () => {
    const x = (s: string) => s.replace(/<(\/?)(?!\?)/g, '<$1x:');
    const file = await workbook(
      'prefixed.xlsx',
      {
        名册: `<?xml version="1.0"?><x:worksheet xmlns:x="${NS}">${x(
          '<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1"><v>42</v></c><c r="C1" t="inlineStr"><is><t>内联</t></is></c><c r="D1" s="1"><v>0</v></c></row></sheetData><mergeCells count="1"><mergeCell ref="A1:C1"/></mergeCells>',
        )}</x:worksheet>`,
      },
      { date1904: true },
    );
    const wb = await readWorkbook(file);
    expect(wb.sheets[0]!.rows).toEqual([['课题名称', 42, '内联', day(1904, 1, 1)]]);
    expect(wb.sheets[0]!.merges).toEqual([{ top: 1, left: 1, bottom: 1, right: 3 }]);
  });

  it('reads rows, multi-byte text and merges split across the inflated chunks', async () => {
    const expected: CellValue[][] = [];
    const xml: string[] = [];
    for (let r = 1; r <= 12_000; r++) {
      // Text of varying length, so that the chunk edges fall inside elements and inside UTF-8 characters.
      const text = `第${r}项：${'推进落实'.repeat(r % 7)}`;
      const shared = r % 6;
      const plain = r % 5 === 0;
      xml.push(
        `<row r="${r}"><c r="A${r}"><v>${r}</v></c><c r="B${r}" t="inlineStr"><is><t>${text}</t></is></c><c r="C${r}" t="s"><v>${shared}</v></c>` +
          (plain ? `<c r="D${r}" t="str"><f>B${r}</f><v>${text}</v></c>` : `<c r="D${r}" s="1"><v>${45000 + r}</v></c>`) +
          '</row>',
      );
      const sharedText = ['课题名称', '重新划分段道', '方芳', 'A&B <C>', '', '第一行\r第二行'][shared]!;
      const row: CellValue[] = [r, text, sharedText || null, plain ? text : new Date(Math.round((45000 + r - 25569) * 86_400_000))];
      expected.push(row);
    }
    const merges = Array.from({ length: 3000 }, (_, i) => `<mergeCell ref="A${i * 4 + 1}:A${i * 4 + 3}"/>`).join('');
    const content = sheet(xml.join(''), `<mergeCells count="3000">${merges}</mergeCells>`);
    expect(Buffer.byteLength(content)).toBeGreaterThan(4 * 256 * 1024);
    const wb = await readWorkbook(await workbook('large.xlsx', { 台账: content }));
    expect(wb.sheets[0]!.rows).toEqual(expected);
    expect(wb.sheets[0]!.merges).toHaveLength(3000);
    expect(wb.sheets[0]!.merges[2999]).toEqual({ top: 11_997, left: 1, bottom: 11_999, right: 1 });
  });

  it('finds <mergeCells> when the chunk edge falls inside its name', async () => {
    // The sheet is inflated in 256 KB pieces: pad the text so that "<mergeCells" starts 5 bytes before the first edge.
    const EDGE = 256 * 1024;
    const rows = Array.from({ length: 200 }, (_, i) => `<row r="${i + 1}"><c r="A${i + 1}"><v>${i + 1}</v></c></row>`).join('');
    const before = sheet(rows, '').replace('</worksheet>', '');
    const padding = ' '.repeat(EDGE - 5 - Buffer.byteLength(before));
    const content = `${before}${padding}<mergeCells count="1"><mergeCell ref="A1:A3"/></mergeCells></worksheet>`;
    expect(Buffer.byteLength(content.slice(0, content.indexOf('<mergeCells')))).toBe(EDGE - 5);
    const wb = await readWorkbook(await workbook('edge.xlsx', { 台账: content }));
    expect(wb.sheets[0]!.rows).toHaveLength(200);
    expect(wb.sheets[0]!.merges).toEqual([{ top: 1, left: 1, bottom: 3, right: 1 }]);
  });

  it('reads wide sheets and far rows; an empty row record does not count; what it cannot be sure of goes to SheetJS, with a note', async () => {
    // Column 257 and row 200,001 are Excel's, not limits: they read.
    const wide = await readWorkbook(await workbook('wide.xlsx', { 台账: sheet('<row r="1"><c r="A1"><v>1</v></c><c r="IW1"><v>2</v></c></row>') }));
    expect(wide.sheets[0]!.rows[0]![256]).toBe(2);
    const far = await readWorkbook(
      await workbook('far.xlsx', { 台账: sheet('<row r="1"><c r="A1"><v>1</v></c></row><row r="1048576" customHeight="1" ht="12"/><row r="200001"><c r="A200001"><v>9</v></c></row>') }),
    );
    expect(far.sheets[0]!.rows).toHaveLength(200_001);
    expect(far.sheets[0]!.rows[200_000]).toEqual([9]);
    expect(far.notes).toEqual([]);
    // A cell that never ends: the fast reader is unsure, SheetJS reads the file, and the analysis is told.
    const broken = await readWorkbook(await workbook('broken.xlsx', { 台账: sheet('<row r="1"><c r="A1"><v>1</v></row>') }));
    expect(broken.sheets[0]!.rows).toEqual([[1]]);
    expect(broken.notes).toEqual(['本文件用备用方式读取（工作表「台账」A1 单元格没有结束标记），请核对导入结果。']);
  });

  it('refuses, in Chinese, a cut-off sheet and a shared string that does not exist, rather than read blanks', async () => {
    const cut = await workbook('cut.xlsx', { 台账: `<worksheet xmlns="${NS}"><sheetData><row r="1"><c r="A1"><v>1</v></c></row>` });
    await expect(readWorkbook(cut)).rejects.toThrow('文件「cut.xlsx」已损坏，无法读取（工作表「台账」的内容不完整（没有 </sheetData>））。请在 Excel 中打开并另存为 .xlsx 后再导入。');
    const dangling = await workbook('dangling.xlsx', { 台账: sheet('<row r="3"><c r="A3" t="s"><v>0</v></c><c r="B3" t="s"><v>6</v></c></row>') });
    await expect(readWorkbook(dangling)).rejects.toThrow('文件「dangling.xlsx」已损坏：工作表「台账」B3 单元格引用了不存在的共享文本（第 7 项，文件中只有 6 项）。');
  });

  it('keeps every cell of a row written twice (OpenXML SDK writes such files)', async () => {
    const wb = await readWorkbook(await workbook('twice.xlsx', { 台账: sheet('<row r="1"><c r="A1"><v>1</v></c></row><row r="1"><c r="B1"><v>2</v></c></row><row r="2"><c r="A2"><v>3</v></c></row>') }));
    expect(wb.sheets[0]!.rows).toEqual([[1, 2], [3]]);
  });
});
