import fs from 'node:fs';
import path from 'node:path';
import type { ErrorCode, IssueDetail, LedgerErrorData } from '../../shared/contract/types';

/** An error meant for the clerk: a Chinese sentence, a code the UI can act on, and where. */
export class LedgerError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: IssueDetail[],
  ) {
    super(message);
    this.name = 'LedgerError';
  }

  toData(): LedgerErrorData {
    return this.details?.length ? { code: this.code, message: this.message, details: this.details } : { code: this.code, message: this.message };
  }
}

export const notFound = (what: string, id?: string) => new LedgerError('NOT_FOUND', `找不到该${what}${id ? `（编号 ${id}）` : ''}，可能已被删除。`);

/*
 * What SQLite and the operating system say when the disk or the folder
 * lets us down ("disk I/O error", "database is locked", ENOSPC…), said once,
 * in Chinese, with what to do. The CLI, the core's dispatch, the shell and
 * the start-up path all come through `explainSystemError`.
 */

export const BUSY_MESSAGE = '台账正被其他程序使用（可能正在导入），请等它完成后再试。台账没有损坏，不需要从备份恢复。';
export const READ_ONLY_MESSAGE = '台账文件所在的文件夹或磁盘是只读的（或没有写入权限），台账只能查看和打印，不能修改。要修改，请把台账文件复制到可写的文件夹（如「文档」）后打开副本。';
const DISK_FULL_VIEW = '磁盘空间已满，台账暂时只能查看和打印，不能修改。请清理磁盘（删除不用的文件、清空回收站）后重新打开台账。';
const DISK_IO_VIEW = '读写台账文件时出错（磁盘 I/O 错误），台账暂时只能查看和打印，不能修改。可能是磁盘已满或U盘、网络盘已断开；请检查后重新打开台账，如仍出错，请把台账复制到本机其他文件夹再打开。';
const DISK_FULL_LEDGER = '磁盘空间已满，操作没有完成，台账没有改动。请清理磁盘（删除不用的文件、清空回收站）后重试。';
const DISK_IO_LEDGER =
  '读写台账文件时出错（磁盘 I/O 错误），操作没有完成。可能是磁盘已满、文件超过了系统允许的大小，或U盘、网络盘已断开。请清理磁盘空间、检查连接后重试；如仍出错，请把台账复制到本机其他文件夹再打开。';
const CANT_OPEN_LEDGER = '无法打开台账文件：文件所在的文件夹不存在、没有访问权限或是只读的。请确认文件位置，或把台账文件复制到可写的文件夹（如「文档」）后再打开。';

const sqliteCode = (err: unknown): string => {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : '';
};

export const isBusyError = (err: unknown) => /^SQLITE_(BUSY|LOCKED)/.test(sqliteCode(err)) || (err instanceof LedgerError && err.code === 'BUSY');

/** A broken file, as SQLite says it (not a lock, not the disk). */
export const isCorruptError = (err: unknown) => /^SQLITE_(CORRUPT|NOTADB)/.test(sqliteCode(err));

/** The disk or the folder refused a write: full, too large, read-only, or an I/O error. */
export const isUnwritableError = (err: unknown) => /^(SQLITE_(FULL|IOERR|READONLY|CANTOPEN)|ENOSPC|EFBIG|EROFS|EACCES|EPERM|EIO|EDQUOT)/.test(sqliteCode(err));

/** Whether the disk holding `dir` has (next to) no room left: SQLite reports a full disk while creating its -shm file as an I/O error. */
export function diskIsFull(dir: string): boolean {
  try {
    const s = fs.statfsSync(dir);
    return s.bavail * s.bsize < 1024 * 1024;
  } catch {
    return false;
  }
}

/**
 * Why a ledger that could not be opened for writing is shown read-only, for
 * an error that isUnwritableError; `dir` is the ledger's folder.
 */
export function readOnlyReason(err: unknown, dir?: string): string {
  const code = sqliteCode(err);
  if (code === 'SQLITE_FULL' || code === 'ENOSPC' || code === 'EDQUOT' || (code.startsWith('SQLITE_IOERR') && dir && diskIsFull(dir))) return DISK_FULL_VIEW;
  if (code.startsWith('SQLITE_IOERR') || code === 'EIO' || code === 'EFBIG') return DISK_IO_VIEW;
  return READ_ONLY_MESSAGE;
}

/**
 * The clerk's sentence for an error from SQLite or the file system, or null
 * when the error is none of these (a bug: the caller logs it). `file` names
 * the file being written (an export, a backup) when it is not the ledger.
 */
export function explainSystemError(err: unknown, opts: { file?: string } = {}): LedgerError | null {
  if (err instanceof LedgerError) return err;
  const code = sqliteCode(err);
  const name = opts.file ? `「${path.basename(opts.file)}」` : '';
  if (/^SQLITE_(BUSY|LOCKED)/.test(code)) return new LedgerError('BUSY', BUSY_MESSAGE);
  if (code === 'SQLITE_FULL' || code === 'ENOSPC' || code === 'EDQUOT') {
    return new LedgerError('INTERNAL', name ? `磁盘空间已满，文件${name}没有保存。请清理磁盘（删除不用的文件、清空回收站）后重试，或保存到其他磁盘（如U盘）。` : DISK_FULL_LEDGER);
  }
  if (code === 'EFBIG') return new LedgerError('INTERNAL', `文件${name}超过了系统允许的大小，没有保存。请保存到其他磁盘，或请管理员取消文件大小限制。`);
  if (code.startsWith('SQLITE_IOERR') || code === 'EIO') {
    return new LedgerError(
      'INTERNAL',
      name ? `写入文件${name}时出错（磁盘 I/O 错误），文件没有保存。可能是磁盘已满、文件超过了系统允许的大小，或U盘、网络盘已断开。请检查后重试，或保存到其他位置。` : DISK_IO_LEDGER,
    );
  }
  if (code.startsWith('SQLITE_READONLY')) return new LedgerError('BAD_STATE', READ_ONLY_MESSAGE);
  if (code.startsWith('SQLITE_CANTOPEN')) return new LedgerError('INTERNAL', CANT_OPEN_LEDGER);
  if (code === 'EROFS' || code === 'EACCES' || code === 'EPERM' || code === 'EBUSY') {
    return new LedgerError(
      'BAD_STATE',
      name
        ? `无法写入${name}：文件可能正在 Excel/WPS 或 PDF 阅读器中打开，或保存位置是只读的、没有写入权限。请关闭该文件或另选保存位置后重试。`
        : READ_ONLY_MESSAGE,
    );
  }
  if (code === 'ENOENT' && opts.file) return new LedgerError('VALIDATION', `保存位置「${path.dirname(opts.file)}」不存在，请另选文件夹。`);
  return null;
}
