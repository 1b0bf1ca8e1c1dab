import * as XLSX from '@e965/xlsx';
import fs from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { memoryCore, tempDir } from '../helpers/core';

const dir = tempDir('import-formats-');

const HEADER = ['序号', '课题', '责任部门', '领题支部', '子课题', '工作措施', '责任人', '完成时间', '完成情况', '是否销号'];
const ROWS = [
  ['1', '提升窗口服务', '网点运营部', '城关支局党支部', '压缩排队时长', '弹性排班', '方芳、方芳波', '2024/3/31', '已完成', '是'],
  ['', '', '', '', '规范服务用语', '每周抽查', '张伟，李娜', '2024年6月底', '推进中', '否'],
  ['2', '拓展农村电商', '电商部', '农村党支部', '培育示范村', '每县两村', '王强', '长期坚持', '', ''],
];

function csvText(rows: string[][]): string {
  return rows.map((r) => r.map((v) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v)).join(',')).join('\r\n');
}

async function expectImported(file: string, encoding: string) {
  const core = memoryCore();
  const a = await core.call('import.analyze', { file, campaign: '2024年活动' });
  expect(a.file.encoding).toBe(encoding);
  expect(a.counts).toEqual({ topics: 2, subtopics: 3, people: 5, indicators: 0, checklist: 0 });
  const r = await core.call('import.commit', { file, campaign: '2024年活动' });
  expect(r.counts.subtopics.added).toBe(3);
  const topics = await core.call('topic.list', {});
  expect(topics.map((t) => [t.code, t.title, t.leadDepartmentName, t.branchName, t.subtopics])).toEqual([
    ['1', '提升窗口服务', '网点运营部', '城关支局党支部', 2],
    ['2', '拓展农村电商', '电商部', '农村党支部', 1],
  ]);
  const subs = await core.call('subtopic.list', { topicId: topics[0]!.id });
  expect(subs.map((s) => [s.title, s.owners.map((o) => o.name), s.deadline, s.deadlineText, s.status])).toEqual([
    ['压缩排队时长', ['方芳', '方芳波'], '2024-03-31', '', '已销号'],
    ['规范服务用语', ['张伟', '李娜'], '2024-06-30', '2024年6月底', '推进中'],
  ]);
  const third = await core.call('subtopic.list', { topicId: topics[1]!.id });
  expect([third[0]!.deadline, third[0]!.deadlineText]).toEqual([null, '长期坚持']);
  return core;
}

describe('CSV and .xls', () => {
  it('reads a GBK CSV as Excel on Chinese Windows saves it (no BOM)', async () => {
    const file = path.join(dir, 'gbk.csv');
    fs.writeFileSync(file, iconv.encode(csvText([HEADER, ...ROWS]), 'gbk'));
    await expectImported(file, 'gb18030');
  });

  it('reads a UTF-8 CSV with BOM, and without, with quoted fields', async () => {
    const rows = ROWS.map((r) => [...r]);
    rows[0]![5] = '弹性排班,"高峰"增开窗口';
    const bom = path.join(dir, 'bom.csv');
    fs.writeFileSync(bom, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(csvText([HEADER, ...rows]), 'utf8')]));
    const core = await expectImported(bom, 'utf-8');
    const topics = await core.call('topic.list', {});
    expect((await core.call('subtopic.list', { topicId: topics[0]!.id }))[0]!.measures).toBe('弹性排班,"高峰"增开窗口');
    const plain = path.join(dir, 'plain.csv');
    fs.writeFileSync(plain, csvText([HEADER, ...ROWS]), 'utf8');
    await expectImported(plain, 'utf-8');
  });

  it('reads a binary .xls (BIFF8) with merged topic cells and Excel dates', async () => {
    const aoa: (string | Date | null)[][] = [['2024年领题破题台账'], HEADER, ...ROWS.map((r) => r.map((v) => v || null))];
    aoa[2]![7] = new Date(Date.UTC(2024, 2, 31));
    const ws = XLSX.utils.aoa_to_sheet(aoa, { cellDates: true, UTC: true } as XLSX.AOA2SheetOpts);
    ws['!merges'] = [{ s: { r: 2, c: 1 }, e: { r: 3, c: 1 } }, { s: { r: 2, c: 2 }, e: { r: 3, c: 2 } }, { s: { r: 2, c: 3 }, e: { r: 3, c: 3 } }, { s: { r: 2, c: 0 }, e: { r: 3, c: 0 } }];
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, ws, '台账');
    const file = path.join(dir, 'old.xls');
    fs.writeFileSync(file, XLSX.write(wb, { type: 'buffer', bookType: 'biff8' }) as Buffer);
    expect(fs.readFileSync(file).subarray(0, 4).toString('hex')).toBe('d0cf11e0');
    await expectImported(file, '');
  });
});
