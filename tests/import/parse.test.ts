import { describe, expect, it } from 'vitest';
import { parseWorkbook } from '../../electron/core/import/parse';
import type { CellValue } from '../../electron/core/import/raw';

/** One 台账 sheet of these rows, without merged cells, parsed. */
const parseSheet = (rows: CellValue[][]) =>
  parseWorkbook({ format: 'xlsx', encoding: '', sheets: [{ name: '台账', rows, merges: [] }] }, { fileName: 'x.xlsx', today: '2024-06-05' });

describe('parseWorkbook on a grid', () => {
  const LONG = '某'.repeat(51);
  const rows: CellValue[][] = [
    ['课题名称', '小课题', '责任人', '完成时限'],
    ['提升收入', '拓展客户', `方芳、${LONG}、方芳波`, '2024/5/31'],
    [null, '压降成本', '方芳', '长期坚持'],
  ];
  const parsed = parseSheet(rows);

  it('keeps the names it can and lists the over-long one as an error on its cell', () => {
    const [first, second] = parsed.topics[0]!.subtopics;
    expect(first!.owners).toEqual(['方芳', '方芳波']);
    expect(second!.owners).toEqual(['方芳']);
    expect(parsed.issues.filter((i) => i.severity === 'error')).toEqual([
      { sheet: '台账', row: 2, column: 'C', value: '某'.repeat(50), message: '责任人姓名超过 50 个字', severity: 'error' },
    ]);
  });

  it('fills the topic down and reads each row on its own', () => {
    expect(parsed.topics.map((t) => [t.title, t.subtopics.map((s) => [s.title, s.deadline, s.deadlineText])])).toEqual([
      ['提升收入', [['拓展客户', '2024-05-31', ''], ['压降成本', null, '长期坚持']]],
    ]);
  });

  it('a topic named again after another one is the same topic: its later rows join it', () => {
    const again = parseSheet([
      ['课题名称', '小课题', '责任人'],
      ['提升收入', '拓展客户', '方芳'],
      ['压降成本', '集中采购', '郑爽'],
      ['提升收入', '走访商户', '方芳'],
    ]);
    expect(again.topics.map((t) => [t.title, t.row, t.subtopics.map((s) => [s.title, s.row])])).toEqual([
      ['提升收入', 2, [['拓展客户', 2], ['走访商户', 4]]],
      ['压降成本', 3, [['集中采购', 3]]],
    ]);
  });
});
