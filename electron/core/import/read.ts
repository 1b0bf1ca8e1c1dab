import path from 'node:path';
import type { RawWorkbook } from './raw';
import { readCsv } from './readCsv';
import { readWithSheetJS } from './readSheetJS';
import { readXlsx } from './readXlsx';
import { badFile, sniffFile } from './sniff';

/** Any supported file to a RawWorkbook, or a BAD_FILE LedgerError in the clerk's words. */
export async function readWorkbook(file: string): Promise<RawWorkbook & { size: number }> {
  const { format, size } = sniffFile(file);
  const wb = format === 'xlsx' ? await readXlsx(file) : format === 'xls' ? await readWithSheetJS(file, 'xls') : readCsv(file);
  if (!wb.sheets.some((s) => s.rows.some(Boolean))) {
    throw badFile(`文件「${path.basename(file)}」中没有任何内容（工作表都是空的）。`);
  }
  return { ...wb, size };
}
