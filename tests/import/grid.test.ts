import { describe, expect, it } from 'vitest';
import { Grid } from '../../electron/core/import/layout';
import type { CellValue } from '../../electron/core/import/raw';

describe('Grid: merged cells read as their top-left cell', () => {
  // A1:C1 a title merged across; A3:A5 and B3:B4 topic cells merged down; D4 stands alone.
  const rows: CellValue[][] = [
    ['台账', null, null, null],
    ['序号', '课题名称', '小课题', '备注'],
    ['1', '提升收入', '拓展客户', null],
    [null, null, '压降成本', '单独'],
    [null, '另一课题', '优化段道', null],
  ];
  const grid = new Grid({
    name: '台账',
    rows,
    merges: [
      { top: 3, left: 1, bottom: 5, right: 1 },
      { top: 1, left: 1, bottom: 1, right: 3 },
      { top: 3, left: 2, bottom: 4, right: 2 },
    ],
  });

  it('fills a merged range down and across, and nothing outside it', () => {
    expect([3, 4, 5].map((r) => grid.value(r, 1))).toEqual(['1', '1', '1']);
    expect([3, 4, 5].map((r) => grid.value(r, 2))).toEqual(['提升收入', '提升收入', '另一课题']);
    expect([1, 2, 3].map((c) => grid.value(1, c))).toEqual(['台账', '台账', '台账']);
    expect(grid.value(1, 4)).toBeNull();
    expect(grid.value(3, 4)).toBeNull();
    expect(grid.value(4, 4)).toBe('单独');
    expect(grid.own(4, 2)).toBeNull();
  });

  it('knows which cells are part of a range spanning rows', () => {
    expect(grid.mergedDown(3, 1)).toBe(true); // the top of A3:A5
    expect(grid.mergedDown(5, 1)).toBe(true);
    expect(grid.mergedDown(4, 2)).toBe(true);
    expect(grid.mergedDown(5, 2)).toBe(false); // B5 is its own cell below B3:B4
    expect(grid.mergedDown(3, 3)).toBe(false);
  });

  it('knows which pairs of rows a merged cell spans, asked twice or once', () => {
    expect(grid.spansRows(3, 4)).toBe(true);
    expect(grid.spansRows(4, 5)).toBe(true); // only A3:A5 reaches row 5
    expect(grid.spansRows(1, 2)).toBe(false); // A1:C1 is one row high
    expect(grid.spansRows(2, 3)).toBe(false);
    expect(grid.spansRows(3, 4)).toBe(true);
    expect(grid.spansRows(5, 6)).toBe(false);
  });
});
