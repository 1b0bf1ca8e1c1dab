import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { LedgerError } from '../errors';

/**
 * The .ldgx file: `LDGX` and a format byte, the header's length (4 bytes),
 * the header (JSON), the changesets one after another, and the SHA-256 of
 * everything before it. The checksum finds a file cut short, damaged on a
 * USB stick or edited by hand; it is not a signature (offices share no key),
 * so it does not stop someone who rewrites the checksum too.
 */

const MAGIC = Buffer.from('LDGX\u0001', 'latin1');
const HASH_BYTES = 32;

export const PackageHeader = z.object({
  app: z.literal('topic-ledger'),
  /** The ledger that exported it. */
  ledgerId: z.string().min(1),
  /** Whose part of that ledger: the unit the package was exported for, by its id and name there. */
  unit: z.object({ id: z.string().min(1), name: z.string().min(1) }),
  /** The newest migration of the exporting ledger: packages pass only between ledgers of one schema. */
  schema: z.string().min(1),
  exportedAt: z.string().min(1),
  /** The changesets carried, numbered 1, 2, ... per ledger and unit; all since the last one the other office acknowledged. */
  changesets: z.array(z.object({ seq: z.number().int().positive(), at: z.string(), bytes: z.number().int().nonnegative() })),
  /** The exchanged tables' columns in the changesets' order. */
  columns: z.record(z.string(), z.array(z.string())),
  /** What the exporting ledger has applied of other ledgers' streams: the other office's acknowledgement. */
  acks: z.array(z.object({ ledgerId: z.string(), unitId: z.string(), seq: z.number().int().nonnegative() })),
  /**
   * The exporting ledger's matches of other ledgers' records to its own (by
   * name and unit): a receiver finds its ids there for the sender's ids, so
   * the records the two matched are the same on the way back down.
   */
  idMap: z.array(z.object({ ledgerId: z.string(), table: z.string(), theirId: z.string(), ourId: z.string() })),
});
export type PackageHeader = z.infer<typeof PackageHeader>;

export interface ExchangePackage {
  header: PackageHeader;
  /** The changesets in the header's order. */
  changesets: Uint8Array[];
  file: string;
  sha256: string;
}

export function encodePackage(header: PackageHeader, changesets: readonly Uint8Array[]): Buffer {
  const head = Buffer.from(JSON.stringify(header), 'utf8');
  const len = Buffer.alloc(4);
  len.writeUInt32BE(head.length);
  const body = Buffer.concat([MAGIC, len, head, ...changesets]);
  return Buffer.concat([body, createHash('sha256').update(body).digest()]);
}

/** The package in a file, checked whole; a refusal is one Chinese sentence naming the file. */
export function readPackage(file: string): ExchangePackage {
  const name = path.basename(file);
  const refuse = (why: string): never => {
    throw new LedgerError('BAD_FILE', `数据包「${name}」${why}，未导入任何数据。`);
  };
  let buf: Buffer;
  try {
    buf = fs.readFileSync(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return refuse(code === 'ENOENT' ? '不存在' : code === 'EISDIR' ? '是文件夹，不是数据包' : '无法读取');
  }
  if (buf.length < MAGIC.length + 4 + HASH_BYTES || !buf.subarray(0, 4).equals(MAGIC.subarray(0, 4))) {
    return refuse('不是台账交换数据包（.ldgx）');
  }
  if (buf[4] !== MAGIC[4]) return refuse('由更新版本的程序导出，请升级本程序后再导入');
  const body = buf.subarray(0, buf.length - HASH_BYTES);
  const sha256 = createHash('sha256').update(body).digest();
  if (!sha256.equals(buf.subarray(buf.length - HASH_BYTES))) return refuse('已损坏、不完整或被改动过（校验不符）');
  const headLen = buf.readUInt32BE(MAGIC.length);
  const headEnd = MAGIC.length + 4 + headLen;
  if (headEnd > body.length) return refuse('格式无效');
  let header: PackageHeader;
  try {
    header = PackageHeader.parse(JSON.parse(buf.subarray(MAGIC.length + 4, headEnd).toString('utf8')));
  } catch {
    return refuse('的说明部分无效');
  }
  const changesets: Uint8Array[] = [];
  let at = headEnd;
  for (const c of header.changesets) {
    if (at + c.bytes > body.length) return refuse('格式无效（内容比说明的短）');
    changesets.push(body.subarray(at, at + c.bytes));
    at += c.bytes;
  }
  if (at !== body.length) return refuse('格式无效（内容比说明的长）');
  return { header, changesets, file, sha256: sha256.toString('hex') };
}
