import fs from 'node:fs';
import zlib from 'node:zlib';
import { LedgerError } from '../errors';
import { OverLimit, type ReadBudget } from './limits';
import { badFile } from './sniff';

/*
 * The zip container of an .xlsx, read with Node's zlib: the central
 * directory says what the file holds and how big each part unpacks; a part is
 * inflated as a stream and its CRC-32 checked at the end, so a damaged byte
 * (徐磊俊 read as 徐磊俋) is a refusal, not a wrong name in the ledger. Parts
 * are found the way Excel finds them: names case-insensitive, '\' as '/'.
 * Every failure is a Chinese sentence; nothing here throws Node's English.
 */

export interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  crc32: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

/** How Excel looks a part up: case-insensitive, either slash, no leading slash. */
export const partKey = (name: string): string => name.replace(/\\/g, '/').replace(/^\/+/, '').toLowerCase();

function readAt(fd: number, position: number, length: number): Buffer {
  const buf = Buffer.alloc(length);
  const n = fs.readSync(fd, buf, 0, length, position);
  return buf.subarray(0, n);
}

export class ZipArchive {
  readonly entries: ZipEntry[];
  private readonly byKey: Map<string, ZipEntry>;

  private constructor(
    readonly file: string,
    readonly displayName: string,
    readonly fileSize: number,
    entries: ZipEntry[],
  ) {
    this.entries = entries;
    this.byKey = new Map();
    for (const e of entries) if (!this.byKey.has(partKey(e.name))) this.byKey.set(partKey(e.name), e);
  }

  static open(file: string, displayName: string): ZipArchive {
    const broken = () => badFile(`文件「${displayName}」不完整或已损坏（可能没有下载或复制完整），请重新获取文件后再导入。`);
    let fd: number;
    try {
      fd = fs.openSync(file, 'r');
    } catch {
      throw badFile(`无法打开文件「${displayName}」，请确认文件没有被其他程序占用。`);
    }
    try {
      const size = fs.fstatSync(fd).size;
      return new ZipArchive(file, displayName, size, readDirectory(fd, size));
    } catch (err) {
      if (err instanceof LedgerError) throw err;
      // A directory that points outside the file or past its own end.
      throw broken();
    } finally {
      fs.closeSync(fd);
    }

    function readDirectory(fd: number, size: number): ZipEntry[] {
      const tailLen = Math.min(size, 65_557);
      const tail = readAt(fd, size - tailLen, tailLen);
      let pos = -1;
      for (let i = tail.length - 22; i >= 0; i--) {
        if (tail.readUInt32LE(i) === EOCD) {
          pos = i;
          break;
        }
      }
      if (pos < 0) throw broken();
      let count = tail.readUInt16LE(pos + 10);
      let cdSize = tail.readUInt32LE(pos + 12);
      let cdOffset = tail.readUInt32LE(pos + 16);
      if (cdOffset === 0xffffffff || count === 0xffff || cdSize === 0xffffffff) {
        // Zip64: the real numbers sit in the zip64 end record the locator points at.
        const locPos = pos - 20;
        if (locPos < 0 || tail.readUInt32LE(locPos) !== ZIP64_LOCATOR) throw broken();
        const recOffset = Number(tail.readBigUInt64LE(locPos + 8));
        if (recOffset + 56 > size) throw broken();
        const rec = readAt(fd, recOffset, 56);
        if (rec.length < 56 || rec.readUInt32LE(0) !== ZIP64_EOCD) throw broken();
        count = Number(rec.readBigUInt64LE(32));
        cdSize = Number(rec.readBigUInt64LE(40));
        cdOffset = Number(rec.readBigUInt64LE(48));
      }
      if (cdOffset + cdSize > size || count > 100_000 || cdSize > 64 * 1024 * 1024) throw broken();
      const cd = readAt(fd, cdOffset, cdSize);
      const entries: ZipEntry[] = [];
      let p = 0;
      for (let i = 0; i < count; i++) {
        if (p + 46 > cd.length || cd.readUInt32LE(p) !== CENTRAL) throw broken();
        const flags = cd.readUInt16LE(p + 8);
        const nameLen = cd.readUInt16LE(p + 28);
        const extraLen = cd.readUInt16LE(p + 30);
        const commentLen = cd.readUInt16LE(p + 32);
        let compressedSize = cd.readUInt32LE(p + 20);
        let usize = cd.readUInt32LE(p + 24);
        let localOffset = cd.readUInt32LE(p + 42);
        let e = p + 46 + nameLen;
        const end = e + extraLen;
        if (end + commentLen > cd.length) throw broken();
        // Zip64 extra field (id 1) carries the sizes/offset that overflowed.
        while (e + 4 <= end) {
          const id = cd.readUInt16LE(e);
          const len = cd.readUInt16LE(e + 2);
          if (id === 1) {
            let q = e + 4;
            const stop = Math.min(end, q + len);
            const next = () => {
              if (q + 8 > stop) throw broken();
              const v = Number(cd.readBigUInt64LE(q));
              q += 8;
              return v;
            };
            if (usize === 0xffffffff) usize = next();
            if (compressedSize === 0xffffffff) compressedSize = next();
            if (localOffset === 0xffffffff) localOffset = next();
          }
          e += 4 + len;
        }
        entries.push({
          name: cd.toString('utf8', p + 46, p + 46 + nameLen),
          method: cd.readUInt16LE(p + 10),
          flags,
          crc32: cd.readUInt32LE(p + 16),
          compressedSize,
          size: usize,
          localOffset,
        });
        p = end + commentLen;
      }
      for (const en of entries) if (en.localOffset + en.compressedSize > size) throw broken();
      return entries;
    }
  }

  /** A part by name, found as Excel finds it. */
  find(name: string): ZipEntry | undefined {
    return this.byKey.get(partKey(name));
  }

  private damaged(entry: ZipEntry): LedgerError {
    return badFile(`文件「${this.displayName}」已损坏：其中的「${entry.name}」校验失败（内容与记录的校验码不符），可能没有下载或复制完整。请重新获取文件，或在 Excel 中打开并另存后再导入。`);
  }

  private checkReadable(entry: ZipEntry): void {
    if (entry.flags & 1) throw badFile(`文件「${this.displayName}」中的「${entry.name}」已加密，无法读取；请在 Excel 中取消密码后另存再导入。`);
    if (entry.method !== 0 && entry.method !== 8) {
      throw badFile(`文件「${this.displayName}」中的「${entry.name}」用了不支持的压缩方式（${entry.method}）；请在 Excel 中打开并另存为 .xlsx 后再导入。`);
    }
  }

  /** Where an entry's compressed bytes start (after its local header). */
  private dataOffset(fd: number, entry: ZipEntry): number {
    const h = readAt(fd, entry.localOffset, 30);
    if (h.length < 30 || h.readUInt32LE(0) !== LOCAL) throw this.damaged(entry);
    const start = entry.localOffset + 30 + h.readUInt16LE(26) + h.readUInt16LE(28);
    if (start + entry.compressedSize > this.fileSize) throw this.damaged(entry);
    return start;
  }

  private charge(budget: ReadBudget, bytes: number, entry: ZipEntry): void {
    budget.bytes -= bytes;
    if (budget.bytes < 0) throw new OverLimit(`「${entry.name}」解压后的内容超过整个工作簿的读取上限`);
  }

  /** A whole (small) part's bytes, CRC checked; refused beyond `maxBytes`. */
  read(entry: ZipEntry, maxBytes: number, budget: ReadBudget): Buffer {
    this.checkReadable(entry);
    if (entry.size > maxBytes) throw new OverLimit(`「${entry.name}」解压后超过 ${Math.round(maxBytes / 1024 / 1024)} MB`);
    const fd = fs.openSync(this.file, 'r');
    let out: Buffer;
    try {
      const data = readAt(fd, this.dataOffset(fd, entry), entry.compressedSize);
      try {
        out = entry.method === 0 ? data : zlib.inflateRawSync(data, { maxOutputLength: maxBytes });
      } catch (err) {
        if ((err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw new OverLimit(`「${entry.name}」解压后超过 ${Math.round(maxBytes / 1024 / 1024)} MB`);
        throw this.damaged(entry);
      }
    } finally {
      fs.closeSync(fd);
    }
    this.charge(budget, out.length, entry);
    if (zlib.crc32(out) >>> 0 !== entry.crc32 >>> 0) throw this.damaged(entry);
    return out;
  }

  /**
   * Stream an entry's uncompressed bytes to `onChunk` in large chunks (256 KB),
   * refusing more than `maxBytes` whatever the directory claims (a zip bomb
   * lies about its sizes). `onChunk` returns false when it needs no more;
   * the rest is still inflated, so the CRC-32 of every part read is checked.
   */
  async stream(entry: ZipEntry, maxBytes: number, budget: ReadBudget, onChunk: (chunk: Buffer) => boolean | void): Promise<void> {
    this.checkReadable(entry);
    const fd = fs.openSync(this.file, 'r');
    let start: number;
    try {
      start = this.dataOffset(fd, entry);
    } finally {
      fs.closeSync(fd);
    }
    if (entry.compressedSize === 0) {
      if (entry.crc32 !== 0) throw this.damaged(entry);
      return;
    }
    const input = fs.createReadStream(this.file, { start, end: start + entry.compressedSize - 1, highWaterMark: 256 * 1024 });
    const inflate = entry.method === 0 ? null : zlib.createInflateRaw({ chunkSize: 256 * 1024 });
    const stream = inflate ? input.pipe(inflate) : input;
    if (inflate) input.on('error', (err) => inflate.destroy(err));
    let total = 0;
    let crc = 0;
    let wanted = true;
    try {
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        total += chunk.length;
        if (total > maxBytes) throw new OverLimit(`「${entry.name}」解压后超过 ${Math.round(maxBytes / 1024 / 1024)} MB`);
        this.charge(budget, chunk.length, entry);
        crc = zlib.crc32(chunk, crc);
        if (wanted && onChunk(chunk) === false) wanted = false;
      }
    } catch (err) {
      if (err instanceof Error && (err as { code?: string }).code?.startsWith('Z_')) throw this.damaged(entry);
      throw err;
    } finally {
      input.destroy();
      inflate?.destroy();
    }
    if (crc >>> 0 !== entry.crc32 >>> 0) throw this.damaged(entry);
  }
}
