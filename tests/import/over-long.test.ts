import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { parseWorkbook } from '../../electron/core/import/parse';
import type { CellValue } from '../../electron/core/import/raw';
import { SHEETS, fieldOf, importColumns, sheetFields, type FieldDesc, type SheetDesc } from '../../shared/fields';
import { count, memoryCore, snapshot, tempDir } from '../helpers/core';

/*
 * Issue 19, "nothing cut without a word": a value longer than its field holds
 * (the max length in shared/fields) is an error on its row, for every field
 * alike: the dry run lists it with sheet, row, column and a Chinese sentence
 * naming the field, and the import writes nothing (or skips the row when the
 * clerk asks). It used to be cut silently for 备注, 职务, 联系电话, 所属区域…
 */

/** The text fields the import reads from a sheet, with a length limit. */
const limited = (sheet: SheetDesc): FieldDesc[] =>
  sheetFields(sheet)
    .map((f) => f.field)
    .filter((f) => f.kind === 'text' && f.max !== null && f.synonyms.length > 0);

/** A sheet with the identifying columns filled in and `field` holding `value`. */
function sheetWith(sheet: SheetDesc, field: FieldDesc, value: string): CellValue[][] {
  const all = importColumns(sheet);
  // The identifying column, the field's, and one more: a sheet is recognised by at least two columns.
  const other = all.find((c) => !c.required && c.key !== field.column && c.key !== 'seq')!;
  const columns = all.filter((c) => c.required || c.key === field.column || c.key === other.key || (sheet.key === 'ledger' && c.key === 'subtopic'));
  const header = columns.map((c) => c.synonyms[0]!);
  const row = columns.map((c) => (c.key === field.column ? value : `${c.synonyms[0]}甲`));
  return [header, row];
}

describe('an over-long cell is an error on its row, for every described field', () => {
  for (const sheet of SHEETS) {
    for (const field of limited(sheet)) {
      it(`${sheet.name}「${field.label}」over ${field.max} characters`, () => {
        const rows = sheetWith(sheet, field, '长'.repeat(field.max! + 1));
        const parsed = parseWorkbook({ format: 'xlsx', encoding: '', sheets: [{ name: sheet.name, rows, merges: [] }] }, { fileName: 'x.xlsx', today: '2024-06-05' });
        const column = String.fromCharCode(65 + rows[0]!.indexOf(field.synonyms[0]!));
        expect(parsed.issues.filter((i) => i.severity === 'error')).toEqual([
          { sheet: sheet.name, row: 2, column, value: '长'.repeat(Math.min(50, field.max! + 1)), message: `${field.label}超过 ${field.max} 个字（本格 ${field.max! + 1} 个字），请删减后再导入`, severity: 'error' },
        ]);
        // At the limit it is read whole, without a word.
        const fits = parseWorkbook({ format: 'xlsx', encoding: '', sheets: [{ name: sheet.name, rows: sheetWith(sheet, field, '长'.repeat(field.max!)), merges: [] }] }, { fileName: 'x.xlsx', today: '2024-06-05' });
        expect(fits.issues.filter((i) => i.severity === 'error')).toEqual([]);
      });
    }
  }
});

describe('a 1,000,000-character 备注 in a workbook', () => {
  it('is listed in the dry run and refused by the import, which writes nothing; skipping the row keeps the rest', async () => {
    const file = path.join(tempDir(), '长备注.xlsx');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('台账');
    ws.addRow(['课题名称', '小课题', '责任人', '备注']);
    ws.addRow(['提升收入', '拓展客户', '方芳', '注'.repeat(1_000_000)]);
    ws.addRow(['提升收入', '压降成本', '郑爽', '按季度复盘']);
    await wb.xlsx.writeFile(file);

    const core = memoryCore();
    const note = fieldOf(sheetFields(SHEETS[0]!).find((f) => f.field.key === 'note')!.entity, 'note')!;
    const a = await core.call('import.analyze', { file, campaign: '2024年活动' });
    expect(a.issues.filter((i) => i.severity === 'error')).toEqual([
      { sheet: '台账', row: 2, column: 'D', value: '注'.repeat(50), message: `备注超过 ${note.max} 个字（本格 1000000 个字），请删减后再导入`, severity: 'error' },
    ]);

    const before = snapshot(core);
    await expect(core.call('import.commit', { file, campaign: '2024年活动' })).rejects.toMatchObject({ code: 'VALIDATION' });
    expect(snapshot(core)).toBe(before);

    await core.call('import.commit', { file, campaign: '2024年活动', skipErrorRows: true });
    expect(count(core, 'subtopics')).toBe(1);
    expect((core.db.prepare('SELECT title, note FROM subtopics').all() as { title: string; note: string }[])).toEqual([{ title: '压降成本', note: '按季度复盘' }]);
  });
});
