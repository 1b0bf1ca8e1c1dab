import fs from 'node:fs';
import path from 'node:path';
import { LedgerError } from './errors';

/**
 * Write a file the user asked for so that it is either the old file or the
 * complete new one, never half of it: write a temporary file beside it, then
 * rename over the target. Errors become a Chinese sentence about the place.
 */
export async function writeAtomically(out: string, write: (tmp: string) => Promise<void>): Promise<{ path: string; bytes: number }> {
  const target = path.resolve(out);
  const dir = path.dirname(target);
  if (!fs.existsSync(dir)) throw new LedgerError('VALIDATION', `保存位置「${dir}」不存在，请另选文件夹。`);
  const tmp = path.join(dir, `.${path.basename(target)}.${process.pid}.${Date.now()}.tmp`);
  try {
    await write(tmp);
    fs.renameSync(tmp, target);
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    if (err instanceof LedgerError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EBUSY' || code === 'EPERM' || code === 'EACCES') {
      throw new LedgerError('BAD_STATE', `无法写入「${target}」：文件可能正在 Excel/WPS 或 PDF 阅读器中打开，或没有写入权限。请关闭后重试。`);
    }
    if (code === 'ENOSPC') throw new LedgerError('INTERNAL', '磁盘空间不足，文件未能保存。');
    throw err;
  }
  return { path: target, bytes: fs.statSync(target).size };
}
