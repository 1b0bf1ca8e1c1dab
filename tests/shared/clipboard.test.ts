import { describe, expect, it } from 'vitest';
import { clipboardHtml, readClipboardTable, writeClipboardTable } from '../../shared/values';

describe('cells as Excel and WPS put them on the clipboard', () => {
  it('reads rows and cells, with CRLF, LF or CR between rows and no extra row for the last break', () => {
    expect(readClipboardTable('建设服务站\t每村一站\r\n防诈宣传\t每月一次\r\n')).toEqual([
      ['建设服务站', '每村一站'],
      ['防诈宣传', '每月一次'],
    ]);
    expect(readClipboardTable('a\tb\nc\td')).toEqual([['a', 'b'], ['c', 'd']]);
    expect(readClipboardTable('a\rb\r')).toEqual([['a'], ['b']]);
    expect(readClipboardTable('single')).toEqual([['single']]);
    expect(readClipboardTable('')).toEqual([]);
  });

  it('keeps empty cells and blank rows, so columns and row numbers stay as copied', () => {
    expect(readClipboardTable('a\t\tc\r\n\r\n\tb\t\r\n')).toEqual([['a', '', 'c'], [''], ['', 'b', '']]);
  });

  it('unwraps a quoted cell holding line breaks, with its doubled quotes', () => {
    expect(readClipboardTable('"第一步：摸底\n第二步：建站"\t王建华\r\n下一行\tx\r\n')).toEqual([
      ['第一步：摸底\n第二步：建站', '王建华'],
      ['下一行', 'x'],
    ]);
    expect(readClipboardTable('"他说""好""\r\n就办"\tb')).toEqual([['他说"好"\r\n就办', 'b']]);
  });

  it('leaves quotes that are the cell’s own text as they are (Excel quotes only for line breaks)', () => {
    // A CSV parser would swallow every row after the first here, or drop the quotes of the second.
    expect(readClipboardTable('"重点"商户走访\tb\r\nc\td\r\n')).toEqual([['"重点"商户走访', 'b'], ['c', 'd']]);
    expect(readClipboardTable('"重点"\tb\r\n')).toEqual([['"重点"', 'b']]);
    expect(readClipboardTable('"未闭合\tb\r\nc\r\n')).toEqual([['"未闭合', 'b'], ['c']]);
    expect(readClipboardTable('他说"好"\r\n')).toEqual([['他说"好"']]);
    // A cell starting with a quote, then a quoted cell on the next row: the span between holds a tab, so it is no quoted cell.
    expect(readClipboardTable('"王建华\t01\r\n"第一行\n第二行"\tx\r\n')).toEqual([['"王建华', '01'], ['第一行\n第二行', 'x']]);
  });

  it('writes what it reads back, cell for cell, whatever the cells hold', () => {
    const pieces = ['', 'a', '王建华', '"', '""', '"重点"', '\n', '\r\n', 'x\ny', '"a\nb"', ' ', '01', '2026年9月底', '1.2万'];
    let seed = 7;
    const pick = () => pieces[(seed = (seed * 48271) % 2147483647) % pieces.length]!;
    for (let round = 0; round < 500; round++) {
      const rows = Array.from({ length: 1 + (round % 4) }, () => Array.from({ length: 1 + (round % 3) }, () => pick() + pick()));
      // A row of one empty cell is a blank line: read back as [''] too.
      expect(readClipboardTable(writeClipboardTable(rows))).toEqual(rows);
    }
  });

  it('writes tabs inside a cell as spaces, since they would split it', () => {
    expect(writeClipboardTable([['a\tb', 'c']])).toBe('a b\tc\r\n');
  });

  it('gives Excel an HTML table too, escaping markup and keeping leading zeros as text', () => {
    const html = clipboardHtml([['01', '<b>&', '第一行\n第二行']]);
    expect(html).toContain(`<td style="mso-number-format:'\\@'">01</td>`);
    expect(html).toContain('<td>&lt;b&gt;&amp;</td>');
    expect(html).toContain('第一行<br style="mso-data-placement:same-cell;">第二行');
  });
});
