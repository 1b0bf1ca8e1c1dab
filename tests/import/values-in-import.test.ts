import ExcelJS from 'exceljs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { memoryCore, tempDir } from '../helpers/core';

/*
 * The import reads values with the same parsers as the forms
 * (shared/values) and obeys the same cross-field rules as the services.
 */

const dir = tempDir('import-values-');
const campaign = '2023年领题破题';
let files = 0;

async function workbook(sheets: Record<string, Record<string, ExcelJS.CellValue>[]>): Promise<string> {
  const wb = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(sheets)) {
    const ws = wb.addWorksheet(name);
    const headers = Object.keys(rows[0]!);
    ws.addRow(headers);
    for (const row of rows) ws.addRow(headers.map((h) => row[h]));
  }
  const file = path.join(dir, `values-${++files}.xlsx`);
  await wb.xlsx.writeFile(file);
  return file;
}

const SHEETS = {
  台账: [
    { 课题名称: '提升揽投服务质效', 小课题: '商户走访登记', 责任人: '党委组织部 孙伟、李娜', 完成时限: '2023年12月底' },
    { 课题名称: '提升揽投服务质效', 小课题: '党员承诺', 责任人: '李娜', 完成时限: '长期坚持' },
  ],
  成效指标: [
    { 所属课题: '提升揽投服务质效', 指标名称: '日均揽收量', 单位: '件', 基期值: '8000', 目标值: '1.2万', 完成值: '1.1万余' },
    { 所属课题: '提升揽投服务质效', 指标名称: '揽收收入', 单位: '万元', 基期值: '800万元', 目标值: '0.1亿元', 完成值: 900 },
  ],
};

describe('values in an import', () => {
  it("reads 1.2万 in the indicator's unit, 2023年12月底 as a day, and one entry per person", async () => {
    const core = memoryCore();
    await core.call('import.commit', { file: await workbook(SHEETS), campaign });
    const indicators = core.db.prepare('SELECT name, unit, baseline, target, actual FROM indicators ORDER BY seq').all();
    expect(indicators).toEqual([
      { name: '日均揽收量', unit: '件', baseline: 8000, target: 12000, actual: 11000 },
      { name: '揽收收入', unit: '万元', baseline: 800, target: 1000, actual: 900 },
    ]);
    const subtopics = core.db.prepare('SELECT title, deadline, deadline_text AS deadlineText FROM subtopics ORDER BY seq').all();
    expect(subtopics).toEqual([
      { title: '商户走访登记', deadline: '2023-12-31', deadlineText: '2023年12月底' },
      { title: '党员承诺', deadline: null, deadlineText: '长期坚持' },
    ]);
    const names = (core.db.prepare('SELECT name FROM people ORDER BY name').all() as { name: string }[]).map((p) => p.name);
    expect(names.sort()).toEqual(['党委组织部 孙伟', '李娜'].sort());
  });

  it("lists a deadline outside an existing topic's period as a warning in the dry run", async () => {
    const core = memoryCore();
    const file = await workbook(SHEETS);
    await core.call('import.commit', { file, campaign });
    const [topic] = core.db.prepare('SELECT id FROM topics').all() as { id: string }[];
    await core.call('topic.update', { id: topic!.id, startDate: '2023-01-01', endDate: '2023-10-31' });
    const dryRun = await core.call('import.analyze', { file, campaign });
    expect(dryRun.issues.filter((i) => i.message.includes('课题'))).toEqual([
      { sheet: '台账', row: 2, column: 'D', value: '2023年12月底', message: '完成时限（2023年12月31日）晚于课题计划完成日期（2023年10月31日）', severity: 'warning' },
    ]);
  });
});
