import fs from 'node:fs';
import path from 'node:path';
import { writeAtomically } from '../atomicFile';
import { LedgerError } from '../errors';
import { loadExcelJS } from '../lazyLibs';
import { cellText } from './values';
import { rowKey, type ParsedWithErrors } from './parse';

/*
 * The rows that cannot be imported, written back as they were (header rows
 * included, so the file imports again as it is) with a 失败原因 column: the
 * clerk fixes them in Excel and imports this file.
 */
export async function writeFailedRows(parsed: ParsedWithErrors, output: string): Promise<{ file: string; rows: number }> {
  if (path.extname(output).toLowerCase() !== '.xlsx') throw new LedgerError('VALIDATION', '失败行文件应保存为 .xlsx。');
  const reasons = new Map<string, string[]>();
  for (const i of parsed.issues) {
    if (i.severity !== 'error' || !i.sheet || !i.row) continue;
    const key = rowKey(i.sheet, i.row);
    reasons.set(key, [...(reasons.get(key) ?? []), `${i.column ? `${i.column}列：` : ''}${i.message}`]);
  }
  const ExcelJS = await loadExcelJS();
  const wb = new ExcelJS.Workbook();
  let rows = 0;
  for (const sheet of parsed.sheets) {
    const raw = parsed.raw.sheets.find((s) => s.name === sheet.name);
    const failed = sheet.dataRows.filter((r) => reasons.has(rowKey(sheet.name, r)));
    if (!raw || !failed.length) continue;
    const ws = wb.addWorksheet(sheet.name.slice(0, 31));
    const width = Math.max(...[...sheet.layout.headerRows, ...failed].map((r) => raw.rows[r - 1]?.length ?? 0));
    const values = (r: number) => Array.from({ length: width }, (_, c) => raw.rows[r - 1]?.[c] ?? null);
    sheet.layout.headerRows.forEach((r, i) => {
      // Header text as the analysis read it (merged group headings included), so it is recognised again.
      const cells = sheet.layout.headerRows.length > 1 && i === 0 ? values(r) : sheet.layout.columns.map((c) => c.header.split('/').pop() ?? '');
      ws.addRow([...cells.slice(0, width), ...Array(Math.max(0, width - cells.length)).fill(null), i === sheet.layout.headerRows.length - 1 ? '失败原因' : null]).font = { bold: true };
    });
    for (const r of failed) {
      // Merged topic cells are written out in full: the row must stand on its own.
      const cells = values(r).map((v, c) => v ?? (sheet.layout.columns.find((col) => col.index === c + 1)?.field ? (fillFrom(parsed, sheet.name, r, c + 1) ?? null) : null));
      ws.addRow([...cells.map((v) => (v instanceof Date ? cellText(v) : v)), reasons.get(rowKey(sheet.name, r))!.join('；')]);
      rows++;
    }
    ws.getColumn(width + 1).width = 50;
  }
  if (!rows) throw new LedgerError('BAD_STATE', '没有导入失败的行，无需导出。');
  fs.mkdirSync(path.dirname(path.resolve(output)), { recursive: true });
  await writeAtomically(output, (tmp) => wb.xlsx.writeFile(tmp));
  return { file: output, rows };
}

function fillFrom(parsed: ParsedWithErrors, sheet: string, r: number, c: number) {
  const raw = parsed.raw.sheets.find((s) => s.name === sheet)!;
  const m = raw.merges.find((m) => m.top <= r && m.bottom >= r && m.left <= c && m.right >= c);
  return m ? raw.rows[m.top - 1]?.[m.left - 1] : undefined;
}
