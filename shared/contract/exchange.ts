import { z } from 'zod';
import { Id } from '../domain/primitives';
import type { ContractGroup } from './types';

/*
 * The offline exchange between offices: .ldgx packages carry a unit's part of
 * a ledger (the changes since the other office last acknowledged) up to the
 * committee and back down; the committee reviews what both offices changed.
 */

const PackagePath = z.string({ message: '请选择数据包文件' }).trim().min(1, { message: '请选择数据包文件' }).max(4096);

/** What a merge counts, in the order the clerk reads them (the CLI and the 交换 page both say it so). */
export const MERGE_COUNT_LABELS: readonly [keyof z.infer<typeof MergeCounts>, string][] = [
  ['inserted', '新增'], ['updated', '更新'], ['deleted', '删除'], ['conflicts', '冲突待处理'], ['mapped', '按名称对应'], ['missing', '本台账已删除'],
];

/** 新增 12，更新 3，冲突待处理 1 — what one package did; 无变化 when nothing. */
export function mergeCountsText(counts: Partial<Record<string, number>> | undefined): string {
  return MERGE_COUNT_LABELS.filter(([k]) => (counts?.[k] ?? 0) > 0).map(([k, label]) => `${label} ${counts![k]}`).join('，') || '无变化';
}

const MergeCounts = z.object({
  inserted: z.number().int(),
  updated: z.number().int(),
  deleted: z.number().int(),
  unchanged: z.number().int(),
  conflicts: z.number().int(),
  mapped: z.number().int(),
  missing: z.number().int(),
});

export const ConflictRow = z.object({
  id: Id,
  exchangeId: Id,
  sourceUnit: z.string(),
  exchangedAt: z.string(),
  table: z.string(),
  entityLabel: z.string(),
  rowId: z.string(),
  /** The record's title or name, for the clerk. */
  record: z.string(),
  column: z.string(),
  /** The field's Chinese label ("整条记录" when one office deleted what the other changed). */
  columnLabel: z.string(),
  /** JSON texts; base null when the record was new on both sides. */
  base: z.string().nullable(),
  theirs: z.string().nullable(),
  ours: z.string().nullable(),
  status: z.enum(['open', 'theirs', 'ours']),
  decidedAt: z.string().nullable(),
  decidedBy: z.string(),
});
export type ConflictRow = z.infer<typeof ConflictRow>;

export const exchangeContract = {
  /** A unit's part of this ledger as one .ldgx file: every change the other office has not acknowledged. */
  'exchange.export': {
    input: z.object({ unitId: Id.describe('组织'), out: PackagePath.describe('保存位置') }),
    output: z.object({ file: z.string(), unit: z.string(), seqs: z.array(z.number().int()), newChanges: z.boolean(), bytes: z.number().int() }),
  },
  /** Packages merged in one transaction after a backup; a bad one refuses them all. */
  'exchange.import': {
    input: z.object({ files: z.array(PackagePath).min(1, { message: '请选择数据包文件' }).max(1000).describe('数据包') }),
    output: z.object({
      backupFile: z.string().nullable(),
      packages: z.array(
        z.object({
          file: z.string(),
          sourceUnit: z.string(),
          applied: z.array(z.number().int()),
          counts: MergeCounts,
          mappings: z.array(z.object({ table: z.string(), theirs: z.string(), ours: z.string(), name: z.string() })),
        }),
      ),
    }),
  },
  /** Columns both offices changed, side by side. */
  'exchange.conflicts': {
    input: z.object({ status: z.enum(['open', 'all']).default('open') }).default({ status: 'open' }),
    output: z.array(ConflictRow),
  },
  /** A person's decision on one conflict: take the other office's value, or keep ours. */
  'exchange.resolve': {
    input: z.object({ id: Id.describe('冲突'), choice: z.enum(['theirs', 'ours'], { message: '请选择采用对方的值或保留本台账的值' }).describe('处理') }),
    output: ConflictRow,
  },
  /** Per office whose packages this ledger took: its unit, how far, when, and how many records came from it. */
  'exchange.sources': {
    input: z.object({}).default({}),
    output: z.array(
      z.object({
        sourceUnit: z.string(),
        unitId: Id.nullable(),
        appliedSeq: z.number().int(),
        lastAt: z.string(),
        topics: z.number().int(),
        subtopics: z.number().int(),
        progress: z.number().int(),
        openConflicts: z.number().int(),
      }),
    ),
  },
  /** Every package exported and imported, newest first. */
  'exchange.history': {
    input: z.object({}).default({}),
    output: z.array(
      z.object({
        id: Id,
        at: z.string(),
        operator: z.string(),
        direction: z.enum(['import', 'export']),
        file: z.string(),
        unit: z.string(),
        fromSeq: z.number().int().nullable(),
        toSeq: z.number().int().nullable(),
        summary: z.record(z.string(), z.unknown()),
        openConflicts: z.number().int(),
      }),
    ),
  },
} satisfies ContractGroup;
