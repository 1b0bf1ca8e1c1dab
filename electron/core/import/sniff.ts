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
export function sniffFile(file: string): { format: FileFormat; size: number; encrypted: boolean } {
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
  if (head.subarray(0, 4).equals(ZIP_MAGIC)) {
    if (ext === '.csv' || ext === '.xls') throw badFile(`文件「${name}」的扩展名是 ${ext}，但内容是 .xlsx 工作簿；请把扩展名改为 .xlsx 后再导入。`);
    return { format: 'xlsx', size: stat.size, encrypted: false };
  }
  if (head.equals(CFB_MAGIC)) {
    // An .xlsx in an OLE container is Excel's encrypted package; an .xls may be encrypted too (checked when read).
    if (ext === '.xlsx') throw badFile(`文件「${name}」已加密（设置了打开密码），请在 Excel 中取消密码后另存再导入。`);
    return { format: 'xls', size: stat.size, encrypted: false };
  }
  if (ext === '.xlsx' || ext === '.xls' || ext === '.xlsm') {
    throw badFile(`文件「${name}」不是 Excel 工作簿（内容不是表格文件，可能是改了扩展名的文本或其他文件）。请在 Excel 中打开并另存为 .xlsx 后再导入。`);
  }
  if (ext === '.csv' || ext === '.txt' || ext === '.tsv') return { format: 'csv', size: stat.size, encrypted: false };
  throw badFile(`不支持的文件类型「${ext || name}」，请导入 .xlsx、.xls 或 .csv 文件。`);
}
