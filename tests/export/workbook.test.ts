import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { CHECKLIST_SHEET, DATE_NUMFMT, INDICATOR_SHEET, LEDGER_COLUMNS, ROSTER_SHEET } from '../../electron/core/excel/columns';
import { columnLetter } from '../../shared/excel';
import { memoryCore, tempDir } from '../helpers/core';

const headers = (ws: ExcelJS.Worksheet, row: number) => (ws.getRow(row).values as unknown[]).slice(1);
/** The ledger sheet's column letter of a column key (the columns come from the field descriptions). */
const L = (key: string) => columnLetter(LEDGER_COLUMNS.findIndex((c) => c.key === key) + 1);
const LAST = columnLetter(LEDGER_COLUMNS.length);

describe('export.ledger: the standard ledger workbook', () => {
  const dir = tempDir();
  const file = path.join(dir, '台账.xlsx');
  let wb: ExcelJS.Workbook;
  let result: Awaited<ReturnType<ReturnType<typeof memoryCore>['call']>>;

  beforeAll(async () => {
    const core = memoryCore();
    await core.call('ledger.demo', {});
    result = await core.call('export.ledger', { out: file });
    wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
  });

  it('reports what it wrote, and leaves no temporary file behind', () => {
    expect(result).toMatchObject({ path: file, rows: { topics: 4, subtopics: 9, people: 12, indicators: 5, checklist: 3 } });
    expect(fs.readdirSync(dir)).toEqual(['台账.xlsx']);
  });

  it('has the four sheets the import recognises', () => {
    expect(wb.worksheets.map((w) => w.name)).toEqual(['课题台账', '责任人名册', '成效指标', '销号清单']);
  });

  it('puts a title, the unit and date line and a grouped two-row header on the ledger sheet', () => {
    const ws = wb.getWorksheet('课题台账')!;
    expect(ws.getCell('A1').value).toBe(`${new Date('2024-06-15').getFullYear()}年度党支部“领题破题”活动台账`);
    expect(ws.getCell('A2').value).toBe('填报单位：中共汉中市邮政分公司委员会');
    expect(String(ws.getCell(`${columnLetter(LEDGER_COLUMNS.length - 3)}2`).value)).toBe('填报日期：2024年6月15日');
    expect(ws.getCell('A3').value).toBe('课题信息');
    expect(ws.getCell('H3').value).toBe('破题分解');
    expect(ws.getCell(`${L('progress')}3`).value).toBe('推进落实');
    expect(headers(ws, 4)).toEqual(LEDGER_COLUMNS.map((c) => c.header));
    for (const word of ['序号', '课题名称', '牵头部门', '领题支部', '课题负责人', '小课题', '推进措施', '责任人', '完成时限', '进展情况', '是否销号']) {
      expect(headers(ws, 4)).toContain(word);
    }
    const merges = (ws.model as unknown as { merges: string[] }).merges;
    expect(merges).toEqual(expect.arrayContaining([`A1:${LAST}1`, 'A3:G3', `H3:${L('budget')}3`, `${L('progress')}3:${LAST}3`]));
  });

  it('merges a topic’s cells over its sub-topic rows and writes its sub-topics below', () => {
    const ws = wb.getWorksheet('课题台账')!;
    const merges = (ws.model as unknown as { merges: string[] }).merges;
    // Topic 1 has four sub-topics (rows 5–8), topic 2 two (9–10), topic 3 three (11–13), topic 4 none (row 14).
    for (const col of 'ABCDEFG') {
      expect(merges).toContain(`${col}5:${col}8`);
      expect(merges).toContain(`${col}9:${col}10`);
      expect(merges).toContain(`${col}11:${col}13`);
    }
    expect(merges.some((m) => m.startsWith('A14'))).toBe(false);
    expect(ws.getCell('A5').value).toBe('1');
    expect(ws.getCell('B5').value).toBe('提升特快业务收入');
    expect(ws.getCell('D5').value).toBe('市寄递事业部');
    expect(ws.getCell('E5').value).toBe('寄递事业部党支部');
    expect(ws.getCell('F5').value).toBe('王建华');
    expect(ws.getCell('H5').value).toBe('重点商圈商户逐户走访');
    expect(ws.getCell('J5').value).toBe('张伟、赵丽');
    expect(ws.getCell(`${L('closed')}5`).value).toBe('是');
    expect(ws.getCell(`${L('closed')}6`).value).toBe('否');
    expect(ws.getCell(`${L('deadline')}8`).value).toBe('长期坚持');
    expect(ws.getCell('B14').value).toBe('机关服务基层“最后一公里”');
    expect(ws.getCell('H14').value).toBe(null);
  });

  it('writes days as real Excel dates formatted 年月日', () => {
    const ws = wb.getWorksheet('课题台账')!;
    const deadline = ws.getCell('K5');
    expect(deadline.value).toBeInstanceOf(Date);
    // 30 days before the test's today (2024-06-15).
    expect((deadline.value as Date).toISOString().slice(0, 10)).toBe('2024-05-16');
    expect(deadline.numFmt).toBe(DATE_NUMFMT);
    expect((ws.getCell(`${L('closedDate')}5`).value as Date).toISOString().slice(0, 10)).toBe('2024-05-18');
    expect(ws.getCell(`${L('closedDate')}5`).numFmt).toBe(DATE_NUMFMT);
  });

  it('offers drop-downs for the statuses and 是否销号', () => {
    const ws = wb.getWorksheet('课题台账')!;
    const dv = (addr: string) => ws.getCell(addr).dataValidation;
    expect(dv(`${L('closed')}5`)).toMatchObject({ type: 'list', formulae: ['"是,否"'] });
    expect(dv(`${L('closed')}300`)).toMatchObject({ type: 'list' });
    expect(dv(`${L('subtopicStatus')}5`)).toMatchObject({ type: 'list', formulae: ['"未开始,推进中,待验收,已销号,退回整改"'] });
    expect(dv('G5')).toMatchObject({ type: 'list', formulae: ['"已出题,已领题,破题中,已结题,已验收"'] });
    expect(dv('H5')).toBeUndefined();
  });

  it('is set up to print: A4 landscape, fit to width, header rows on every page, frozen header', () => {
    const ws = wb.getWorksheet('课题台账')!;
    expect(ws.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '3:4' });
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 4, xSplit: 2 });
    expect(ws.getColumn(9).width).toBe(36);
    expect(ws.getCell('I5').alignment).toMatchObject({ wrapText: true });
    expect(ws.getCell('B5').border?.top?.style).toBe('thin');
  });

  it('fills the roster, indicators and check-off sheets', () => {
    const roster = wb.getWorksheet(ROSTER_SHEET.name)!;
    expect(headers(roster, 2)).toEqual(['序号', '姓名', '所在单位', '政治面貌', '人员类别', '职务', '联系电话', '备注']);
    expect(roster.actualRowCount).toBe(2 + 12);
    const wang = roster.getRows(3, 12)!.find((r) => r.getCell(2).value === '王建华')!;
    expect((wang.values as unknown[]).slice(3, 7)).toEqual(['寄递事业部党支部', '中共党员', '党员', '支部书记']);
    expect(roster.pageSetup.printTitlesRow).toBe('2:2');

    const ind = wb.getWorksheet(INDICATOR_SHEET.name)!;
    expect(headers(ind, 2)).toEqual(['课题名称', '指标名称', '单位', '基期值', '目标值', '完成值', '统计截止', '是否达标', '备注']);
    expect((ind.getRow(3).values as unknown[]).slice(1, 7)).toEqual(['提升特快业务收入', '特快业务收入', '万元', 590, 680, 612.5]);
    expect(ind.getCell('H3').value).toBe('否');
    expect(ind.getCell('H4').value).toBe('是');
    expect(ind.getCell('G3').value).toBeInstanceOf(Date);

    const chk = wb.getWorksheet(CHECKLIST_SHEET.name)!;
    expect(headers(chk, 2)).toEqual(['课题名称', '序号', '事项', '所属区域', '责任人', '计划日期', '完成日期', '是否销号', '备注']);
    expect((chk.getRow(3).values as unknown[]).slice(1, 6)).toEqual(['提升特快业务收入', 1, '汉台区天汉大道商户（第1组）', '天汉商圈', '赵丽']);
    expect(chk.getCell('H3').value).toBe('是');
    expect(chk.getCell('H5').value).toBe('否');
    expect(chk.getCell('G5').value).toBe(null);
    expect(chk.getCell('H3').dataValidation).toMatchObject({ type: 'list', formulae: ['"是,否"'] });
  });

  it('refuses a path in a missing folder or without .xlsx, and writes nothing', async () => {
    const core = memoryCore();
    await expect(core.call('export.ledger', { out: path.join(dir, 'nope', 'x.xlsx') })).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(core.call('export.ledger', { out: path.join(dir, 'x.pdf') })).rejects.toMatchObject({ code: 'VALIDATION' });
    expect(fs.readdirSync(dir)).toEqual(['台账.xlsx']);
  });

  it('exports an empty ledger as headers only', async () => {
    const out = path.join(tempDir(), 'empty.xlsx');
    const r = await memoryCore().call('export.ledger', { out });
    expect(r.campaignId).toBeNull();
    const empty = new ExcelJS.Workbook();
    await empty.xlsx.readFile(out);
    expect(empty.getWorksheet('课题台账')!.actualRowCount).toBe(4);
  });
});

describe('export.template: the blank template', () => {
  it('is the same workbook with no data and blank bordered rows to fill by hand', async () => {
    const out = path.join(tempDir(), '模板.xlsx');
    const core = memoryCore();
    await core.call('ledger.demo', {});
    await core.call('export.template', { out });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['课题台账', '责任人名册', '成效指标', '销号清单']);
    const ws = wb.getWorksheet('课题台账')!;
    expect(ws.getCell('A1').value).toBe('党支部“领题破题”活动台账');
    expect(headers(ws, 4)).toEqual(LEDGER_COLUMNS.map((c) => c.header));
    for (let r = 5; r <= 24; r++) expect((ws.getRow(r).values as unknown[]).filter((v) => v !== null && v !== undefined)).toEqual([]);
    expect(ws.getCell('B24').border?.bottom?.style).toBe('thin');
    expect(ws.getCell(`${L('closed')}5`).dataValidation).toMatchObject({ type: 'list', formulae: ['"是,否"'] });
    expect(ws.pageSetup).toMatchObject({ orientation: 'landscape', printTitlesRow: '3:4' });
    expect(wb.getWorksheet('责任人名册')!.getCell('B3').value).toBe(null);
  });
});
