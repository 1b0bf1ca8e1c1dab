/**
 * SQLite's changeset format (https://www.sqlite.org/sessionintro.html, the
 * session extension's sqlite3changeset_* file format), read and written here
 * rather than applied by node:sqlite: the committee's three-way review needs
 * every changed column's old value, its new value and the id mapping applied
 * before anything is written, and node:sqlite's applyChangeset shows none of
 * that (its conflict handler gets only a conflict type), and it must not open
 * the live ledger file that better-sqlite3 holds. Changesets are made by
 * node:sqlite's Session on a snapshot (export.ts); this module only reads them
 * (and writes the 'heard' ones the receiver replays into its baseline).
 *
 * Layout: per table a header `'T' nCol pk[nCol] name\0`, then changes
 * `op indirect record(s)`: INSERT (18) new values, DELETE (9) old values,
 * UPDATE (23) old then new, where a column left alone is "undefined" (0) in
 * both and a primary-key column is in the old record only. A value is a type
 * byte (1 integer, 2 real: 8 bytes big-endian; 3 text, 4 blob: varint length
 * and bytes; 5 NULL).
 */

export type SqlValue = null | number | bigint | string | Uint8Array;
/** A column's value in a change; `undefined` where the change leaves the column alone. */
export type ChangeValue = SqlValue | undefined;

export const OP = { insert: 18, delete: 9, update: 23 } as const;
export type Op = keyof typeof OP;

export interface TableChanges {
  table: string;
  /** Per column, 0 or its place (1-based) in the primary key. */
  pk: number[];
  changes: Change[];
}

export interface Change {
  op: Op;
  /** DELETE and UPDATE: the values before (UPDATE: primary key and changed columns only). */
  old?: ChangeValue[];
  /** INSERT and UPDATE: the values after (UPDATE: changed columns only). */
  new?: ChangeValue[];
}

export class ChangesetFormatError extends Error {}

const OP_BY_CODE = new Map<number, Op>(Object.entries(OP).map(([k, v]) => [v, k as Op]));

/** Every table block of a changeset, in order. Throws ChangesetFormatError on anything malformed. */
export function decodeChangeset(buf: Uint8Array): TableChanges[] {
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const text = new TextDecoder('utf-8', { fatal: true });
  let at = 0;
  const fail = (what: string): never => {
    throw new ChangesetFormatError(`变更数据在第 ${at} 字节处${what}`);
  };
  const need = (n: number) => {
    if (n < 0 || at + n > buf.length) fail('被截断');
  };
  const varint = (): number => {
    let v = 0;
    for (let i = 0; i < 9; i++) {
      need(1);
      const b = buf[at++]!;
      if (i === 8) return v * 256 + b;
      v = v * 128 + (b & 0x7f);
      if (!(b & 0x80)) return v;
    }
    return v;
  };
  const value = (): ChangeValue => {
    need(1);
    const type = buf[at++];
    switch (type) {
      case 0:
        return undefined;
      case 5:
        return null;
      case 1: {
        need(8);
        const big = view.getBigInt64(at);
        at += 8;
        return big >= BigInt(Number.MIN_SAFE_INTEGER) && big <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(big) : big;
      }
      case 2: {
        need(8);
        const f = view.getFloat64(at);
        at += 8;
        return f;
      }
      case 3:
      case 4: {
        const n = varint();
        need(n);
        const bytes = buf.subarray(at, at + n);
        at += n;
        if (type === 4) return new Uint8Array(bytes);
        try {
          return text.decode(bytes);
        } catch {
          return fail('有无效的文字编码');
        }
      }
      default:
        return fail(`有未知的值类型 ${type}`);
    }
  };
  const record = (n: number) => Array.from({ length: n }, value);

  const tables: TableChanges[] = [];
  let current: TableChanges | undefined;
  while (at < buf.length) {
    const code = buf[at++]!;
    if (code === 0x54) {
      const nCol = varint();
      if (nCol < 1 || nCol > 2000) fail('列数无效');
      need(nCol);
      const pk = Array.from(buf.subarray(at, at + nCol));
      at += nCol;
      const end = buf.indexOf(0, at);
      if (end < 0) fail('表名未结束');
      let table = '';
      try {
        table = text.decode(buf.subarray(at, end));
      } catch {
        fail('表名编码无效');
      }
      at = end + 1;
      current = { table, pk, changes: [] };
      tables.push(current);
      continue;
    }
    const op = OP_BY_CODE.get(code);
    if (!op || !current) fail(code === 0x50 ? '是补丁集（不含原值），不能使用' : '格式无效');
    need(1);
    at++; // the "indirect" flag: not used here
    const n = current!.pk.length;
    if (op === 'insert') current!.changes.push({ op, new: record(n) });
    else if (op === 'delete') current!.changes.push({ op, old: record(n) });
    else current!.changes.push({ op: op!, old: record(n), new: record(n) });
  }
  return tables;
}

/** A changeset of the given blocks, the format decodeChangeset reads (and SQLite's applyChangeset applies). */
export function encodeChangeset(tables: readonly TableChanges[]): Uint8Array {
  const parts: Uint8Array[] = [];
  const enc = new TextEncoder();
  const bytes = (...b: number[]) => parts.push(Uint8Array.from(b));
  const varint = (v: number) => {
    const out: number[] = [];
    do {
      out.unshift(v & 0x7f);
      v = Math.floor(v / 128);
    } while (v > 0);
    for (let i = 0; i < out.length - 1; i++) out[i]! |= 0x80;
    bytes(...out);
  };
  const value = (v: ChangeValue) => {
    if (v === undefined) return bytes(0);
    if (v === null) return bytes(5);
    if (typeof v === 'number' && Number.isInteger(v)) v = BigInt(v);
    if (typeof v === 'bigint' || typeof v === 'number') {
      const b = new Uint8Array(9);
      const dv = new DataView(b.buffer);
      b[0] = typeof v === 'bigint' ? 1 : 2;
      if (typeof v === 'bigint') dv.setBigInt64(1, v);
      else dv.setFloat64(1, v);
      return parts.push(b);
    }
    const data = typeof v === 'string' ? enc.encode(v) : v;
    bytes(typeof v === 'string' ? 3 : 4);
    varint(data.length);
    parts.push(data);
  };
  for (const t of tables) {
    if (!t.changes.length) continue;
    bytes(0x54);
    varint(t.pk.length);
    bytes(...t.pk);
    parts.push(enc.encode(t.table));
    bytes(0);
    for (const c of t.changes) {
      bytes(OP[c.op], 0);
      for (const rec of [c.old, c.new]) if (rec) rec.forEach(value);
    }
  }
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
