import crypto from 'node:crypto';

/*
 * UUID v7 for the bulk rows of an import. The uuid package draws 16 fresh
 * random bytes from the OS per id; on 150,000 rows (sub-topics and owners)
 * that alone costs a second. Here the random part comes from a pooled buffer
 * and is written as hex through a byte table, and the time part is formatted
 * once per millisecond. Same format (time-ordered v7, RFC variant), so
 * nothing else can tell.
 */
const HEX = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0'));
let pool = Buffer.alloc(0);
let at = 0;
let lastMs = -1;
/** "tttttttt-tttt-7": the 48-bit millisecond time and the version nibble, as the id's first 15 characters. */
let timePrefix = '';

export function bulkUuid7(): string {
  const ms = Date.now();
  if (ms !== lastMs) {
    const t = ms.toString(16).padStart(12, '0');
    timePrefix = `${t.slice(0, 8)}-${t.slice(8, 12)}-7`;
    lastMs = ms;
  }
  if (at + 10 > pool.length) {
    pool = crypto.randomBytes(16 * 1024);
    at = 0;
  }
  const p = pool;
  const i = at;
  at += 10;
  // Byte 6 holds the version (7, in the prefix) and 4 random bits; byte 8 the RFC variant (10xx) and 6 random bits.
  return (
    `${timePrefix}${HEX[p[i]!]![1]}${HEX[p[i + 1]!]}-${HEX[0x80 | (p[i + 2]! & 0x3f)]}${HEX[p[i + 3]!]}-` +
    `${HEX[p[i + 4]!]}${HEX[p[i + 5]!]}${HEX[p[i + 6]!]}${HEX[p[i + 7]!]}${HEX[p[i + 8]!]}${HEX[p[i + 9]!]}`
  );
}
