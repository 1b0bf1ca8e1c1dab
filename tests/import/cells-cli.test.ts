import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli';
import { tempDir } from '../helpers/core';

/*
 * `ledger cells FILE... --json`: what the importer read, before it interprets
 * anything, one JSON line per file; a refused file is a line with its Chinese
 * reason, and no ledger is opened or created.
 */

const dir = tempDir('cells-cli-');

describe('ledger cells', () => {
  it('prints one JSON line per file: cells from A1, dates as ISO strings, merges, and refusals in Chinese', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('台账');
    ws.addRow(['领题破题台账']);
    ws.mergeCells('A1:C1');
    ws.addRow(['课题名称', '完成时限', '目标值', '已销号']);
    ws.addRow(['提升服务', new Date(Date.UTC(2023, 11, 31)), 680, true]);
    ws.getCell('B4').value = { formula: 'B3+1', result: new Date(Date.UTC(2024, 0, 1)) };
    ws.getCell('B4').numFmt = 'yyyy-mm-dd';
    ws.getCell('C4').value = { error: '#N/A' };
    const good = path.join(dir, '台账.xlsx');
    await wb.xlsx.writeFile(good);
    const bad = path.join(dir, '坏文件.xlsx');
    fs.writeFileSync(bad, 'PK\x03\x04 这不是完整的压缩包');
    const db = path.join(dir, '台账.db');
    const r = await runCli('cells', good, bad, '--json', '--db', db);
      expect(r.code).toBe(2);
      const lines = r.out.trim().split('\n').map((l) => JSON.parse(l));
      expect(lines).toHaveLength(2);
      expect(lines[0]).toEqual({
        file: good,
        ok: true,
        sheets: [
          {
            name: '台账',
            rows: [
              ['领题破题台账'],
              ['课题名称', '完成时限', '目标值', '已销号'],
              ['提升服务', '2023-12-31T00:00:00.000Z', 680, true],
              [null, '2024-01-01T00:00:00.000Z'],
            ],
            merges: ['A1:C1'],
          },
        ],
      });
      expect(lines[1]).toEqual({ file: bad, ok: false, error: expect.stringMatching(/^文件「坏文件.xlsx」.*损坏/) });
    // It reads files only: no ledger is opened, so none is created.
    expect(fs.existsSync(db)).toBe(false);
  });

  it('asks for a file when none is given', async () => {
    const r = await runCli('cells');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/请指定要查看的文件/);
  });
});
