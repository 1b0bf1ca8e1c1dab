import fs from 'node:fs';
import zlib from 'node:zlib';
import { badFile } from './sniff';

/*
 * Just enough of the zip format to check an .xlsx before the real reader
 * runs and to read what exceljs's streaming reader leaves out (merged cells):
 * the central directory tells whether the file is complete (a truncated
 * download has none), what it contains and how big each part unpacks.
 */

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

function readAt(fd: number, position: number, length: number): Buffer {
  const buf = Buffer.alloc(length);
  const n = fs.readSync(fd, buf, 0, length, position);
  return buf.subarray(0, n);
}

export function readZipDirectory(file: string, displayName: string): ZipEntry[] {
  const broken = () => badFile(`文件「${displayName}」不完整或已损坏（可能没有下载或复制完整），请重新获取文件后再导入。`);
  const fd = fs.openSync(file, 'r');
  try {
    const size = fs.fstatSync(fd).size;
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
    if (cdOffset === 0xffffffff || count === 0xffff) {
      // Zip64: the real numbers sit in the zip64 end record the locator points at.
      const locPos = pos - 20;
      if (locPos < 0 || tail.readUInt32LE(locPos) !== ZIP64_LOCATOR) throw broken();
      const recOffset = Number(tail.readBigUInt64LE(locPos + 8));
      const rec = readAt(fd, recOffset, 56);
      if (rec.length < 56) throw broken();
      count = Number(rec.readBigUInt64LE(32));
      cdSize = Number(rec.readBigUInt64LE(40));
      cdOffset = Number(rec.readBigUInt64LE(48));
    }
    if (cdOffset + cdSize > size || count > 100_000) throw broken();
    const cd = readAt(fd, cdOffset, cdSize);
    const entries: ZipEntry[] = [];
    let p = 0;
    for (let i = 0; i < count; i++) {
      if (p + 46 > cd.length || cd.readUInt32LE(p) !== CENTRAL) throw broken();
      const nameLen = cd.readUInt16LE(p + 28);
      const extraLen = cd.readUInt16LE(p + 30);
      const commentLen = cd.readUInt16LE(p + 32);
      let compressedSize = cd.readUInt32LE(p + 20);
      let usize = cd.readUInt32LE(p + 24);
      let localOffset = cd.readUInt32LE(p + 42);
      // Zip64 extra field (id 1) carries the sizes/offset that overflowed.
      let e = p + 46 + nameLen;
      const end = e + extraLen;
      while (e + 4 <= end) {
        const id = cd.readUInt16LE(e);
        const len = cd.readUInt16LE(e + 2);
        if (id === 1) {
          let q = e + 4;
          if (usize === 0xffffffff) {
            usize = Number(cd.readBigUInt64LE(q));
            q += 8;
          }
          if (compressedSize === 0xffffffff) {
            compressedSize = Number(cd.readBigUInt64LE(q));
            q += 8;
          }
          if (localOffset === 0xffffffff) localOffset = Number(cd.readBigUInt64LE(q));
        }
        e += 4 + len;
      }
      entries.push({
        name: cd.toString('utf8', p + 46, p + 46 + nameLen),
        method: cd.readUInt16LE(p + 10),
        compressedSize,
        size: usize,
        localOffset,
      });
      p = end + commentLen;
    }
    for (const en of entries) if (en.localOffset + en.compressedSize > size) throw broken();
    return entries;
  } finally {
    fs.closeSync(fd);
  }
}

/** Where an entry's compressed bytes start (after its local header). */
function dataOffset(fd: number, entry: ZipEntry): number {
  const h = readAt(fd, entry.localOffset, 30);
  if (h.length < 30 || h.readUInt32LE(0) !== LOCAL) throw new Error('bad local header');
  return entry.localOffset + 30 + h.readUInt16LE(26) + h.readUInt16LE(28);
}

/** A small entry (workbook.xml, rels) as text. */
export function readZipText(file: string, entry: ZipEntry, maxBytes = 20 * 1024 * 1024): string {
  if (entry.size > maxBytes) throw new Error('entry too large');
  const fd = fs.openSync(file, 'r');
  try {
    const data = readAt(fd, dataOffset(fd, entry), entry.compressedSize);
    const out = entry.method === 0 ? data : zlib.inflateRawSync(data, { maxOutputLength: maxBytes });
    return out.toString('utf8');
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Stream an entry through inflate, handing each chunk to `onChunk`; memory
 * stays at one chunk whatever the entry's size. `onChunk` returns false to stop.
 */
export async function scanZipEntry(file: string, entry: ZipEntry, onChunk: (text: string) => boolean | void): Promise<void> {
  const fd = fs.openSync(file, 'r');
  let start: number;
  try {
    start = dataOffset(fd, entry);
  } finally {
    fs.closeSync(fd);
  }
  if (entry.compressedSize === 0) return;
  const input = fs.createReadStream(file, { start, end: start + entry.compressedSize - 1 });
  const stream = entry.method === 0 ? input : input.pipe(zlib.createInflateRaw());
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      if (onChunk(chunk.toString('latin1')) === false) break;
    }
  } finally {
    input.destroy();
    if (stream !== input) (stream as zlib.InflateRaw).destroy();
  }
}

/**
 * Stream an entry's uncompressed bytes to `onChunk` in large chunks (256 KB),
 * refusing more than `maxBytes` whatever the directory claims (a zip bomb
 * lies about its sizes). `onChunk` returns false to stop early.
 */
export async function streamZipEntry(file: string, entry: ZipEntry, maxBytes: number, onChunk: (chunk: Buffer) => boolean | void): Promise<void> {
  if (entry.method !== 0 && entry.method !== 8) throw new Error(`unsupported compression method ${entry.method}`);
  const fd = fs.openSync(file, 'r');
  let start: number;
  try {
    start = dataOffset(fd, entry);
  } finally {
    fs.closeSync(fd);
  }
  if (entry.compressedSize === 0) return;
  const input = fs.createReadStream(file, { start, end: start + entry.compressedSize - 1, highWaterMark: 256 * 1024 });
  const stream = entry.method === 0 ? input : input.pipe(zlib.createInflateRaw({ chunkSize: 256 * 1024 }));
  if (stream !== input) input.on('error', (err) => (stream as zlib.InflateRaw).destroy(err));
  let total = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      total += chunk.length;
      if (total > maxBytes) throw new Error('entry larger than allowed');
      if (onChunk(chunk) === false) break;
    }
  } finally {
    input.destroy();
    if (stream !== input) (stream as zlib.InflateRaw).destroy();
  }
}
