import crypto from 'node:crypto';

/*
 * UUID v7 for the bulk rows of an import. The uuid package draws 16 fresh
 * random bytes from the OS per id; on 150,000 rows (sub-topics and owners)
 * that alone costs a second. Here the random bytes come from a pooled buffer
 * and are written as hex through a byte table, and the time part is formatted
 * once per millisecond.
 *
 * The ids are monotonic (RFC 9562 §6.2, method 1): within a millisecond, a
 * 42-bit counter (rand_a and the top 30 bits of rand_b) seeded at random
 * counts up, and the last 32 bits are random. An import makes thousands of
 * ids per millisecond. With random ones, the owner links (a table keyed by
 * sub-topic id) went in at scattered places, and SQLite copied every page
 * an insert touched into the statement journal first: on the 50,000-row
 * bench file 28,000 page copies for the owner links, 17,000 with ids in
 * order (the links took 180 ms instead of 250 ms).
 */
const HEX = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0'));
let pool = Buffer.alloc(0);
let at = 0;
let lastMs = -1;
/** "tttttttt-tttt-7": the 48-bit millisecond time and the version nibble, as the id's first 15 characters. */
let timePrefix = '';
/** The counter: its top 12 bits (rand_a, top bit 0 when seeded, so it cannot run out) and its low 30 bits. */
let counterHigh = 0;
let counterLow = 0;

function randomBytes(n: number): number {
  if (at + n > pool.length) {
    pool = crypto.randomBytes(16 * 1024);
    at = 0;
  }
  const i = at;
  at += n;
  return i;
}

function startMillisecond(ms: number): void {
  const t = ms.toString(16).padStart(12, '0');
  timePrefix = `${t.slice(0, 8)}-${t.slice(8, 12)}-7`;
  lastMs = ms;
  const i = randomBytes(6);
  counterHigh = ((pool[i]! << 8) | pool[i + 1]!) & 0x7ff;
  counterLow = ((pool[i + 2]! << 22) | (pool[i + 3]! << 14) | (pool[i + 4]! << 6) | (pool[i + 5]! >> 2)) >>> 0;
}

export function bulkUuid7(): string {
  const now = Date.now();
  if (now > lastMs) startMillisecond(now);
  else if (++counterLow > 0x3fffffff) {
    // 2^30 ids in one millisecond (or a clock set back): carry into the high part, and at its end into the time.
    counterLow = 0;
    if (++counterHigh > 0xfff) startMillisecond(lastMs + 1);
  }
  const i = randomBytes(4);
  const p = pool;
  const variant = 0x8000 | (counterLow >>> 16);
  return (
    `${timePrefix}${HEX[counterHigh >> 8]![1]}${HEX[counterHigh & 0xff]}-${HEX[variant >> 8]}${HEX[variant & 0xff]}-` +
    `${HEX[(counterLow >> 8) & 0xff]}${HEX[counterLow & 0xff]}${HEX[p[i]!]}${HEX[p[i + 1]!]}${HEX[p[i + 2]!]}${HEX[p[i + 3]!]}`
  );
}
