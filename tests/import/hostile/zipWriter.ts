import fs from 'node:fs';
import { Readable } from 'node:stream';
import zlib from 'node:zlib';

/*
 * A zip written by hand, for crafted files no library would write: a part
 * deflated from a generator (390 MB of XML never held in memory), a CRC-32
 * that does not match, a central directory that points nowhere.
 */

export interface Part {
  name: string;
  /** The part's bytes, whole or as pieces (deflated piece by piece, so a huge part costs little memory). */
  data: Buffer | string | Iterable<Buffer>;
  store?: boolean;
  /** Write this CRC-32 instead of the right one. */
  crc32?: number;
}

interface Written {
  name: Buffer;
  method: number;
  crc: number;
  compressed: number;
  size: number;
  offset: number;
}

function pieces(data: Part['data']): Iterable<Buffer> {
  if (typeof data === 'string') return [Buffer.from(data, 'utf8')];
  if (Buffer.isBuffer(data)) return [data];
  return data;
}

async function compress(part: Part): Promise<{ body: Buffer; crc: number; size: number }> {
  let crc = 0;
  let size = 0;
  const counted = function* () {
    for (const p of pieces(part.data)) {
      crc = zlib.crc32(p, crc);
      size += p.length;
      yield p;
    }
  };
  if (part.store) {
    const body = Buffer.concat([...counted()]);
    return { body, crc, size };
  }
  // One deflate stream over all the pieces: a huge part is never in memory whole.
  const out: Buffer[] = [];
  for await (const b of Readable.from(counted(), { objectMode: false }).pipe(zlib.createDeflateRaw({ level: 6 }))) out.push(b as Buffer);
  return { body: Buffer.concat(out), crc, size };
}

/** Writes the parts as a zip file; `mangleDirectory` may spoil the central directory's bytes before they are written. */
export async function writeZip(file: string, parts: Part[], mangleDirectory?: (directory: Buffer) => void): Promise<void> {
  const fd = fs.openSync(file, 'w');
  let offset = 0;
  const write = (b: Buffer) => {
    fs.writeSync(fd, b);
    offset += b.length;
  };
  const written: Written[] = [];
  try {
    for (const part of parts) {
      const name = Buffer.from(part.name, 'utf8');
      const { body, crc, size } = await compress(part);
      const entry: Written = { name, method: part.store ? 0 : 8, crc: (part.crc32 ?? crc) >>> 0, compressed: body.length, size, offset };
      const local = Buffer.alloc(30);
      local.writeUInt32LE(0x04034b50, 0);
      local.writeUInt16LE(20, 4);
      local.writeUInt16LE(0x0800, 6); // UTF-8 names
      local.writeUInt16LE(entry.method, 8);
      local.writeUInt32LE(entry.crc, 14);
      local.writeUInt32LE(entry.compressed, 18);
      local.writeUInt32LE(entry.size, 22);
      local.writeUInt16LE(name.length, 26);
      write(Buffer.concat([local, name]));
      write(body);
      written.push(entry);
    }
    const dirStart = offset;
    const records = written.map((e) => {
      const h = Buffer.alloc(46);
      h.writeUInt32LE(0x02014b50, 0);
      h.writeUInt16LE(20, 4);
      h.writeUInt16LE(20, 6);
      h.writeUInt16LE(0x0800, 8);
      h.writeUInt16LE(e.method, 10);
      h.writeUInt32LE(e.crc, 16);
      h.writeUInt32LE(e.compressed, 20);
      h.writeUInt32LE(e.size, 24);
      h.writeUInt16LE(e.name.length, 28);
      h.writeUInt32LE(e.offset, 42);
      return Buffer.concat([h, e.name]);
    });
    const directory = Buffer.concat(records);
    mangleDirectory?.(directory);
    write(directory);
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(written.length, 8);
    end.writeUInt16LE(written.length, 10);
    end.writeUInt32LE(directory.length, 12);
    end.writeUInt32LE(dirStart, 16);
    write(end);
  } finally {
    fs.closeSync(fd);
  }
}
