import ExcelJS from 'exceljs';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { memoryCore, snapshot, tempDir } from '../helpers/core';
import JSZip from 'jszip';
import { loadSheetJS } from '../../electron/core/lazyLibs';
import { readWorkbook } from '../../electron/core/import/read';
import { legacyWorkbook } from './fixtures';

const dir = tempDir('import-refused-');

/** The import must refuse with a Chinese BAD_FILE sentence and leave the ledger exactly as it was. */
async function expectRefused(file: string, message: RegExp, code = 'BAD_FILE') {
  const core = memoryCore();
  await core.call('ledger.demo', {});
  const before = snapshot(core);
  const started = Date.now();
  await expect(core.call('import.analyze', { file })).rejects.toMatchObject({ code, message: expect.stringMatching(message) });
  await expect(core.call('import.commit', { file })).rejects.toMatchObject({ code, message: expect.stringMatching(message) });
  expect(Date.now() - started).toBeLessThan(15_000);
  expect(snapshot(core)).toBe(before);
}

async function sheetWith(name: string, fill: (ws: ExcelJS.Worksheet) => void): Promise<string> {
  const wb = new ExcelJS.Workbook();
  fill(wb.addWorksheet('台账'));
  const file = path.join(dir, name);
  await wb.xlsx.writeFile(file);
  return file;
}

const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** Sheet XML with `rows` rows of one number each. */
const tallSheet = (rows: number) =>
  `<worksheet xmlns="${NS}"><sheetData>${Array.from({ length: rows }, (_, i) => `<row r="${i + 1}"><c r="A${i + 1}"><v>${i}</v></c></row>`).join('')}</sheetData></worksheet>`;

/** A minimal workbook from sheet XML, written by hand (exceljs would take long to write 200,000 rows). */
async function rawXlsx(name: string, sheets: Record<string, string>): Promise<string> {
  const zip = new JSZip();
  const names = Object.keys(sheets);
  zip.file('[Content_Types].xml', '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>');
  zip.file('xl/workbook.xml', `<workbook xmlns="${NS}" xmlns:r="${REL}"><sheets>${names.map((n, i) => `<sheet name="${n}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('')}</sheets></workbook>`);
  zip.file(
    'xl/_rels/workbook.xml.rels',
    `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${names.map((_, i) => `<Relationship Id="rId${i + 1}" Type="${REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join('')}</Relationships>`,
  );
  names.forEach((n, i) => zip.file(`xl/worksheets/sheet${i + 1}.xml`, sheets[n]!));
  const file = path.join(dir, name);
  fs.writeFileSync(file, await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
  return file;
}

describe('bad input is refused in Chinese and changes nothing', () => {
  it('a text file named .xlsx', async () => {
    const file = path.join(dir, 'text.xlsx');
    fs.writeFileSync(file, '课题名称,小课题\n提升服务,走访\n');
    await expectRefused(file, /不是 Excel 工作簿/);
  });

  it('a truncated download', async () => {
    const full = await legacyWorkbook(path.join(dir, 'full.xlsx'));
    const file = path.join(dir, 'truncated.xlsx');
    const buf = fs.readFileSync(full);
    fs.writeFileSync(file, buf.subarray(0, Math.floor(buf.length * 0.6)));
    await expectRefused(file, /不完整或已损坏/);
  });

  it('a corrupt zip body with an intact directory', async () => {
    const full = await legacyWorkbook(path.join(dir, 'full2.xlsx'));
    const buf = Buffer.from(fs.readFileSync(full));
    for (let i = 200; i < 2200; i++) buf[i] = (buf[i]! * 7 + 13) & 0xff;
    const file = path.join(dir, 'corrupt.xlsx');
    fs.writeFileSync(file, buf);
    await expectRefused(file, /损坏|不完整/);
  });

  it('a password-protected workbook (Excel’s encrypted package in an OLE container), and an OLE file that is not one', async () => {
    const CFB = (await loadSheetJS()).CFB;
    const cfb = CFB.utils.cfb_new();
    CFB.utils.cfb_add(cfb, 'EncryptionInfo', Buffer.alloc(512, 1));
    CFB.utils.cfb_add(cfb, 'EncryptedPackage', Buffer.alloc(8192, 7));
    const locked = path.join(dir, 'locked.xlsx');
    fs.writeFileSync(locked, CFB.write(cfb, { type: 'buffer' }) as Buffer);
    await expectRefused(locked, /文件「locked.xlsx」已加密（设置了打开密码）/);
    // An OLE header and nothing else is damage, not a password (an .xls renamed .xlsx was once called encrypted).
    const junk = path.join(dir, 'junk.xlsx');
    fs.writeFileSync(junk, Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(4096)]));
    await expectRefused(junk, /文件「junk.xlsx」不是可读取的 Excel 工作簿或已损坏/);
  });

  it('an empty file and an empty workbook', async () => {
    const empty = path.join(dir, 'zero.xlsx');
    fs.writeFileSync(empty, '');
    await expectRefused(empty, /空文件/);
    await expectRefused(await sheetWith('blank.xlsx', () => {}), /没有任何内容/);
  });

  it('a workbook with no ledger in it', async () => {
    const file = await sheetWith('noledger.xlsx', (ws) => {
      ws.addRow(['品名', '规格', '数量']);
      ws.addRow(['信封', '5号', 100]);
    });
    // The dry run says so in its issue list (with the sheet listed as not recognised); the commit refuses.
    const core = memoryCore();
    await core.call('ledger.demo', {});
    const before = snapshot(core);
    const a = await core.call('import.analyze', { file });
    expect(a.sheets.map((s) => [s.name, s.kind])).toEqual([['台账', 'unknown']]);
    expect(a.issues).toEqual([expect.objectContaining({ severity: 'error', message: expect.stringMatching(/没有可识别的台账/) })]);
    await expect(core.call('import.commit', { file })).rejects.toMatchObject({ code: 'BAD_FILE', message: expect.stringMatching(/没有可识别的台账内容/) });
    expect(snapshot(core)).toBe(before);
  });

  it('a sheet with more than 200,000 rows that hold values, alone in its workbook', async () => {
    const file = await rawXlsx('tall.xlsx', { 台账: tallSheet(200_001) });
    await expectRefused(file, /文件「tall.xlsx」无法导入：工作表「台账」有内容的行超过 200,000 行，超出导入上限/);
  });

  it('a sheet over the limits beside the ledger is skipped with a warning; the ledger imports', async () => {
    const ledger = await legacyWorkbook(path.join(dir, 'with-ledger.xlsx'));
    const zip = await JSZip.loadAsync(fs.readFileSync(ledger));
    // A third sheet, wired in as Excel would, holding 200,001 rows of values.
    zip.file('xl/worksheets/big.xml', tallSheet(200_001));
    const rels = await zip.file('xl/_rels/workbook.xml.rels')!.async('string');
    zip.file('xl/_rels/workbook.xml.rels', rels.replace('</Relationships>', `<Relationship Id="rIdBig" Type="${REL}/worksheet" Target="worksheets/big.xml"/></Relationships>`));
    const book = await zip.file('xl/workbook.xml')!.async('string');
    zip.file('xl/workbook.xml', book.replace('</sheets>', '<sheet name="流水" sheetId="99" r:id="rIdBig"/></sheets>'));
    const file = path.join(dir, 'ledger-and-big.xlsx');
    fs.writeFileSync(file, await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
    const core = memoryCore();
    const a = await core.call('import.analyze', { file });
    expect(a.issues[0]).toEqual({ sheet: '', row: 0, column: '', value: '', severity: 'warning', message: '工作表「流水」未读取：工作表「流水」有内容的行超过 200,000 行，超出导入上限。' });
    expect(a.counts.subtopics).toBeGreaterThan(0);
    const r = await core.call('import.commit', { file });
    expect(r.counts.subtopics.added).toBe(a.counts.subtopics);
  });

  it('a value in column 10,000 or row 1,000,000 is read, not refused (Excel allows both)', async () => {
    const file = await sheetWith('far.xlsx', (ws) => {
      ws.addRow(['课题名称', '小课题', '责任人']);
      ws.getRow(2).getCell(10_000).value = 'x';
      ws.getCell('A1000000').value = '提升服务';
    });
    const raw = await readWorkbook(file);
    expect(raw.sheets[0]!.rows[1]![9_999]).toBe('x');
    expect(raw.sheets[0]!.rows[999_999]).toEqual(['提升服务']);
  });

  it('a CSV with a million rows is stopped at the limit', async () => {
    const file = path.join(dir, 'tall.csv');
    fs.writeFileSync(file, `课题名称,小课题\n${'提升服务,走访\n'.repeat(210_000)}`);
    await expectRefused(file, /超过 200,000 行/);
  });

  it('an unsupported type and a missing file', async () => {
    const pdf = path.join(dir, 'x.pdf');
    fs.writeFileSync(pdf, '%PDF-1.4');
    await expectRefused(pdf, /不支持的文件类型/);
    await expectRefused(path.join(dir, 'nope.xlsx'), /找不到文件/);
  });
});

describe('rows with errors', () => {
  async function withErrors() {
    return legacyWorkbook(path.join(dir, 'errors.xlsx'), {
      extraRows: [
        [null, null, null, null, null, '只写了措施', '方芳', '2023/12/31', null, null],
        [null, null, null, null, '季度复盘', '重复的一行', '郑爽', null, null, null],
      ],
    });
  }

  it('the dry run lists them; the commit refuses all or nothing; skipErrorRows imports the rest', async () => {
    const file = await withErrors();
    const core = memoryCore();
    const a = await core.call('import.analyze', { file });
    expect(a.errorRows).toBe(2);
    expect(a.issues.filter((i) => i.severity === 'error')).toEqual([
      { sheet: '台账', row: 14, column: 'E', value: '', message: '小课题名称为空（本行填了措施、责任人或时限）', severity: 'error' },
      { sheet: '台账', row: 15, column: 'E', value: '季度复盘', message: '与第 13 行是同一课题下的同名小课题', severity: 'error' },
    ]);
    const before = snapshot(core);
    const refused = await core.call('import.commit', { file }).catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: 'VALIDATION', message: expect.stringMatching(/2 行无法导入，本次未导入任何数据/) });
    expect((refused as { details: unknown[] }).details).toHaveLength(2);
    expect(snapshot(core)).toBe(before);

    const r = await core.call('import.commit', { file, skipErrorRows: true });
    expect(r.skippedRows).toBe(2);
    expect(r.counts.subtopics.added).toBe(9);
  });

  it('the failed rows are saved with a 失败原因 column and import again once fixed', async () => {
    const file = await withErrors();
    const core = memoryCore();
    const out = path.join(dir, 'failed.xlsx');
    const r = await core.call('import.failedRows', { file, output: out });
    expect(r.rows).toBe(2);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const ws = wb.getWorksheet('台账')!;
    const header = ws.getRow(2).values as unknown[];
    expect(header.slice(1)).toEqual(['序号', '课题名称', '牵头单位', '责任支部', '任务分解', '具体措施', '责任人员', '时间节点', '推进情况', '销号情况', '失败原因']);
    expect(ws.getRow(3).getCell(11).value).toBe('E列：小课题名称为空（本行填了措施、责任人或时限）');
    expect(ws.getRow(4).getCell(11).value).toBe('E列：与第 13 行是同一课题下的同名小课题');
    // The clerk fixes the two rows in Excel (fills in the title, renames the duplicate) and imports the file.
    ws.getRow(3).getCell(5).value = '补录小课题';
    ws.getRow(3).getCell(2).value = '普惠金融进村入户';
    ws.getRow(4).getCell(5).value = '季度复盘（二）';
    ws.getRow(4).getCell(2).value = '普惠金融进村入户';
    const fixed = path.join(dir, 'fixed.xlsx');
    await wb.xlsx.writeFile(fixed);
    const again = await core.call('import.analyze', { file: fixed, campaign: '补录' });
    expect(again.errorRows).toBe(0);
    expect(again.counts.subtopics).toBe(2);
  });

  it('the clerk can map columns the scorer did not know', async () => {
    const file = await sheetWith('odd.xlsx', (ws) => {
      ws.addRow(['课题名称', '小课题', '经办人', '截止']);
      ws.addRow(['提升服务', '走访商户', '方芳、方芳波', '2024/5/31']);
    });
    const core = memoryCore();
    const a = await core.call('import.analyze', { file });
    expect(a.sheets[0]!.columns.map((c) => c.field)).toEqual(['topic', 'subtopic', null, null]);
    const mapping = { 台账: { columns: { C: 'owners', 截止: 'deadline' } } };
    const b = await core.call('import.analyze', { file, mapping });
    expect(b.sheets[0]!.columns.map((c) => [c.field, c.confidence, c.sure])).toEqual([
      ['topic', 1, true],
      ['subtopic', 1, true],
      ['owners', 1, true],
      ['deadline', 1, true],
    ]);
    await core.call('import.commit', { file, mapping });
    const topic = (await core.call('topic.list', {}))[0]!;
    const s = (await core.call('subtopic.list', { topicId: topic.id }))[0]!;
    expect([s.owners.map((o) => o.name), s.deadline]).toEqual([['方芳', '方芳波'], '2024-05-31']);
  });

  it('an unsure header match is flagged for the clerk', async () => {
    const file = await sheetWith('unsure.xlsx', (ws) => {
      ws.addRow(['课题名称', '小课题', '主要责任人员', '完成']);
      ws.addRow(['提升服务', '走访商户', '方芳', '']);
    });
    const a = await memoryCore().call('import.analyze', { file });
    const owners = a.sheets[0]!.columns[2]!;
    expect([owners.field, owners.sure]).toEqual(['owners', false]);
    expect(owners.confidence).toBeGreaterThan(0.5);
    expect(owners.confidence).toBeLessThan(0.9);
  });
});
