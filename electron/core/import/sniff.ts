import fs from 'node:fs';
import path from 'node:path';
import { LedgerError } from '../errors';
import { MAX_FILE_BYTES } from './limits';

export type FileFormat = 'xlsx' | 'xls' | 'csv';

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
/** OLE compound file: old .xls, and also what Excel makes of a password-protected .xlsx. */
const CFB_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

export const badFile = (message: string) => new LedgerError('BAD_FILE', message);

/**
 * Decide the format from the first bytes, not from the name: clerks rename
 * files, and a text file named .xlsx must get a clear sentence, not a zip error.
 */
export function sniffFile(file: string): { format: FileFormat; size: number } {
  const name = path.basename(file);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    throw badFile(`找不到文件「${name}」，请确认文件位置。`);
  }
  if (!stat.isFile()) throw badFile(`「${name}」不是文件。`);
  if (stat.size === 0) throw badFile(`文件「${name}」是空文件（0 字节），没有可导入的内容。`);
  if (stat.size > MAX_FILE_BYTES) {
    throw badFile(`文件「${name}」有 ${(stat.size / 1024 / 1024).toFixed(0)} MB，超过导入上限 ${MAX_FILE_BYTES / 1024 / 1024} MB，请拆分后再导入。`);
  }
  const head = Buffer.alloc(8);
  const fd = fs.openSync(file, 'r');
  try {
    fs.readSync(fd, head, 0, 8, 0);
  } finally {
    fs.closeSync(fd);
  }
  const ext = path.extname(file).toLowerCase();
  // The content decides, whatever the extension says: an .xls renamed .xlsx is read as .xls, and the other way round.
  if (head.subarray(0, 4).equals(ZIP_MAGIC)) return { format: 'xlsx', size: stat.size };
  // An OLE compound file is an old .xls, or Excel's password-protected package (told apart when read).
  if (head.equals(CFB_MAGIC)) return { format: 'xls', size: stat.size };
  if (ext === '.xlsx' || ext === '.xls' || ext === '.xlsm') {
    throw badFile(`文件「${name}」不是 Excel 工作簿（内容不是表格文件，可能是改了扩展名的文本或其他文件）。请在 Excel 中打开并另存为 .xlsx 后再导入。`);
  }
  if (ext === '.csv' || ext === '.txt' || ext === '.tsv') return { format: 'csv', size: stat.size };
  throw badFile(`不支持的文件类型「${ext || name}」，请导入 .xlsx、.xls 或 .csv 文件。`);
}
