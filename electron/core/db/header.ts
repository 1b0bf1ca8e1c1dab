import fs from 'node:fs';

/*
 * What a SQLite file's 100-byte header says, read without SQLite: whether a
 * file is a database at all, whether it is whole, whether it is in WAL mode.
 */

export const SQLITE_MAGIC = 'SQLite format 3\u0000';

/** The first 100 bytes, or null for a file shorter than that or not readable. */
export function readHeader(file: string): Buffer | null {
  let fd: number | undefined;
  try {
    fd = fs.openSync(file, 'r');
    const head = Buffer.alloc(100);
    return fs.readSync(fd, head, 0, 100, 0) === 100 ? head : null;
  } catch {
    return null;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

export const hasSqliteMagic = (head: Buffer) => head.toString('latin1', 0, 16) === SQLITE_MAGIC;

/**
 * Whether a file is a whole SQLite database, from its 100-byte header alone:
 * the page count SQLite wrote there (when valid: its "version-valid-for"
 * equals the change counter) times the page size is the file's size. A copy
 * cut short, or one whose writing was killed, fails this.
 */
export function isCompleteDatabase(file: string): boolean {
  const head = readHeader(file);
  if (!head || !hasSqliteMagic(head)) return false;
  const raw = head.readUInt16BE(16);
  const pageSize = raw === 1 ? 65536 : raw;
  const size = fs.statSync(file, { throwIfNoEntry: false })?.size ?? 0;
  if (pageSize < 512 || size % pageSize !== 0) return false;
  const pages = head.readUInt32BE(28);
  const valid = pages > 0 && head.readUInt32BE(92) === head.readUInt32BE(24);
  return !valid || pages * pageSize === size;
}

/** Bytes 18 and 19 (write and read format versions) are 2 in WAL mode, 1 in rollback mode. */
export const isWalHeader = (head: Buffer) => head[18] === 2 && head[19] === 2;
