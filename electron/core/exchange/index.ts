import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import { audit } from '../audit';
import { writeAtomically } from '../atomicFile';
import { stamp, type CoreContext } from '../context';
import { backupLedger } from '../db/backup';
import { MIGRATIONS } from '../db/migrations';
import { stmt } from '../db/statements';
import { LedgerError, notFound } from '../errors';
import { Merger, type MergeCounts } from './merge';
import { encodePackage, readPackage, type ExchangePackage, type PackageHeader } from './packageFile';
import { EXCHANGED_TABLES } from './scope';
import { diffSnapshot, tableShapes } from './snapshotDiff';

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.id;

/** This ledger's exchange id, made at its first exchange. */
export function ledgerIdOf(ctx: CoreContext): string {
  const row = stmt(ctx.db, 'SELECT id FROM exchange_ledger').get() as { id: string } | undefined;
  if (row) return row.id;
  const id = uuidv7();
  stmt(ctx.db, 'INSERT INTO exchange_ledger (id) VALUES (?)').run(id);
  return id;
}

export interface ExportResult {
  file: string;
  unit: string;
  /** The numbers of the changesets in the package (all since the other office's last acknowledgement). */
  seqs: number[];
  /** Whether this export found changes since the previous one. */
  newChanges: boolean;
  bytes: number;
}

/**
 * A unit's part of this ledger as a package: the changeset since the last
 * export is made from a snapshot (VACUUM INTO a temporary file, never the
 * live file) and kept in the outbox; the package carries every changeset the
 * other office has not acknowledged, so a lost package costs nothing.
 */
export async function exportPackage(ctx: CoreContext, input: { unitId: string; out: string }): Promise<ExportResult> {
  if (ctx.readOnly) throw new LedgerError('BAD_STATE', ctx.readOnly);
  const unit = stmt(ctx.db, 'SELECT id, name FROM units WHERE id = ?').get(input.unitId) as { id: string; name: string } | undefined;
  if (!unit) throw notFound('组织', input.unitId);
  const ledgerId = ctx.db.transaction(() => ledgerIdOf(ctx))();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ldgx-'));
  try {
    const snapshot = path.join(tmp, 'snapshot.db');
    ctx.db.prepare('VACUUM INTO ?').run(snapshot);
    const diff = diffSnapshot(snapshot, unit.id);
    const at = stamp(ctx);
    const { rows, acks, idMap } = ctx.db.transaction(() => {
      const last = (stmt(ctx.db, 'SELECT max(n) AS n FROM exchange_outbox WHERE unit_id = ?').get(unit.id) as { n: number | null }).n ?? 0;
      if (last !== diff.lastOutboxN) throw new LedgerError('BUSY', '导出期间本台账又收到了数据包，请重新导出。');
      if (diff.changeset.length) {
        const seq = ((stmt(ctx.db, "SELECT max(seq) AS s FROM exchange_outbox WHERE unit_id = ? AND kind = 'sent'").get(unit.id) as { s: number | null }).s ?? 0) + 1;
        stmt(ctx.db, "INSERT INTO exchange_outbox (unit_id, kind, seq, exported_at, data) VALUES (?, 'sent', ?, ?, ?)").run(unit.id, seq, at, diff.changeset);
      }
      const acked = (stmt(ctx.db, 'SELECT acked_seq FROM exchange_acks WHERE unit_id = ?').get(unit.id) as { acked_seq: number } | undefined)?.acked_seq ?? 0;
      return {
        rows: stmt(ctx.db, "SELECT seq, exported_at, data FROM exchange_outbox WHERE unit_id = ? AND kind = 'sent' AND seq > ? ORDER BY seq").all(unit.id, acked) as { seq: number; exported_at: string; data: Buffer }[],
        acks: (stmt(ctx.db, 'SELECT source_ledger_id, source_unit_id, applied_seq FROM exchange_inbox').all() as { source_ledger_id: string; source_unit_id: string; applied_seq: number }[]).map((a) => ({ ledgerId: a.source_ledger_id, unitId: a.source_unit_id, seq: a.applied_seq })),
        idMap: stmt(ctx.db, 'SELECT source_ledger_id AS ledgerId, tbl AS "table", their_id AS theirId, our_id AS ourId FROM exchange_id_map').all() as PackageHeader['idMap'],
      };
    })();
    const header: PackageHeader = {
      app: 'topic-ledger',
      ledgerId,
      unit: { id: unit.id, name: unit.name },
      schema: SCHEMA_VERSION,
      exportedAt: at,
      changesets: rows.map((r) => ({ seq: r.seq, at: r.exported_at, bytes: r.data.length })),
      columns: diff.columns,
      acks,
      idMap,
    };
    const { bytes } = await writeAtomically(input.out, async (file) => fs.promises.writeFile(file, encodePackage(header, rows.map((r) => r.data))));
    ctx.db.transaction(() => {
      stmt(ctx.db, "INSERT INTO exchange_log (id, at, operator, direction, file_name, source_ledger_id, source_unit_name, from_seq, to_seq, summary) VALUES (?, ?, ?, 'export', ?, ?, ?, ?, ?, ?)").run(
        uuidv7(), at, ctx.operator(), path.basename(input.out), ledgerId, unit.name, rows[0]?.seq ?? null, rows.at(-1)?.seq ?? null, JSON.stringify({ bytes, newChanges: diff.changeset.length > 0 }),
      );
    })();
    return { file: input.out, unit: unit.name, seqs: rows.map((r) => r.seq), newChanges: diff.changeset.length > 0, bytes };
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

export interface PackageImportResult {
  file: string;
  sourceUnit: string;
  /** The changesets applied; empty when the package held nothing new (imported before). */
  applied: number[];
  counts: MergeCounts;
  mappings: { table: string; theirs: string; ours: string; name: string }[];
}

export interface ImportPackagesResult {
  packages: PackageImportResult[];
  backupFile: string | null;
}

const streamKey = (h: PackageHeader) => `${h.ledgerId}\t${h.unit.id}`;
const EMPTY_COUNTS: MergeCounts = { inserted: 0, updated: 0, deleted: 0, unchanged: 0, conflicts: 0, mapped: 0, missing: 0 };

/**
 * The units this ledger exchanges for, as its history says: those it sent
 * packages of and those whose packages it took. A ledger knows no office of
 * its own otherwise; a branch's history names only its branch.
 */
function exchangedUnits(ctx: CoreContext): { id: string; name: string }[] {
  return stmt(
    ctx.db,
    `SELECT id, name FROM units WHERE id IN (SELECT unit_id FROM exchange_outbox WHERE kind = 'sent' UNION SELECT local_unit_id FROM exchange_inbox) ORDER BY name`,
  ).all() as { id: string; name: string }[];
}

/**
 * A package for another office: one from a ledger this one already exchanges
 * with (it took that ledger's packages, or that ledger acknowledged ours)
 * about a unit this ledger never exchanged for — the committee's package for
 * another branch handed to the wrong office. A ledger with no exchange yet
 * cannot tell and takes it.
 */
function refuseOtherOffice(ctx: CoreContext, pack: ExchangePackage, ledgerId: string, name: string): void {
  const h = pack.header;
  const ours = exchangedUnits(ctx);
  if (!ours.length) return;
  const knowsUs = h.acks.some((a) => a.ledgerId === ledgerId) || stmt(ctx.db, 'SELECT 1 FROM exchange_inbox WHERE source_ledger_id = ?').get(h.ledgerId);
  if (!knowsUs) return;
  const mapped = (stmt(ctx.db, "SELECT our_id FROM exchange_id_map WHERE source_ledger_id = ? AND tbl = 'units' AND their_id = ?").get(h.ledgerId, h.unit.id) as { our_id: string } | undefined)?.our_id;
  if (ours.some((u) => u.id === h.unit.id || u.id === mapped || u.name === h.unit.name)) return;
  throw new LedgerError(
    'VALIDATION',
    `数据包「${name}」是「${h.unit.name}」的数据包，本台账只与「${ours.map((u) => u.name).join('、')}」交换数据，可能拿错了文件，未导入任何数据。`,
  );
}

/** Refusals that need no write: not ours to take, or not of our schema. */
function checkPackage(ctx: CoreContext, pack: ExchangePackage, ledgerId: string): void {
  const name = path.basename(pack.file);
  const h = pack.header;
  if (h.ledgerId === ledgerId) throw new LedgerError('VALIDATION', `数据包「${name}」是本台账自己导出的，不能导入到本台账，未导入任何数据。`);
  refuseOtherOffice(ctx, pack, ledgerId, name);
  if (h.schema !== SCHEMA_VERSION) {
    const known = MIGRATIONS.findIndex((m) => m.id === h.schema);
    const older = known >= 0 && known < MIGRATIONS.length - 1;
    throw new LedgerError(
      'VALIDATION',
      older
        ? `数据包「${name}」由旧版本的程序导出（台账结构 ${h.schema}，本程序为 ${SCHEMA_VERSION}），请「${h.unit.name}」升级程序后重新导出，未导入任何数据。`
        : `数据包「${name}」由更新版本的程序导出（台账结构 ${h.schema}），请升级本程序后再导入，未导入任何数据。`,
    );
  }
}

/**
 * Packages from other offices merged, all or nothing: every file is read and
 * checked first (a damaged, foreign or older one refuses the whole import,
 * nothing written), then a backup, then one transaction. Changesets already
 * applied are skipped (the same package twice changes nothing); a gap in a
 * stream's numbers (a package missing that the next one should have carried)
 * is refused.
 */
export async function importPackages(ctx: CoreContext, files: readonly string[]): Promise<ImportPackagesResult> {
  if (ctx.readOnly) throw new LedgerError('BAD_STATE', ctx.readOnly);
  const packs = files.map(readPackage);
  const ledgerId = ctx.db.transaction(() => ledgerIdOf(ctx))();
  for (const p of packs) checkPackage(ctx, p, ledgerId);

  // Per stream, the changesets not yet applied here, in order, each once.
  interface Stream {
    header: PackageHeader;
    files: string[];
    pending: Map<number, Uint8Array>;
    applied: number;
  }
  const streams = new Map<string, Stream>();
  for (const p of packs) {
    const key = streamKey(p.header);
    const s: Stream = streams.get(key) ?? { header: p.header, files: [], pending: new Map(), applied: 0 };
    s.files.push(p.file);
    if (p.header.exportedAt > s.header.exportedAt) s.header = p.header;
    const applied = (stmt(ctx.db, 'SELECT applied_seq FROM exchange_inbox WHERE source_ledger_id = ? AND source_unit_id = ?').get(p.header.ledgerId, p.header.unit.id) as { applied_seq: number } | undefined)?.applied_seq ?? 0;
    p.header.changesets.forEach((c, i) => {
      if (c.seq > applied) s.pending.set(c.seq, p.changesets[i]!);
    });
    s.applied = applied;
    streams.set(key, s);
  }
  for (const s of streams.values()) {
    [...s.pending.keys()].sort((a, b) => a - b).forEach((seq, i) => {
      if (seq !== s.applied + 1 + i) {
        throw new LedgerError('VALIDATION', `数据包「${s.files.map((f) => path.basename(f)).join('、')}」缺少「${s.header.unit.name}」第 ${s.applied + 1 + i} 号的数据（本台账已导入到第 ${s.applied} 号），请对方重新导出后再导入，未导入任何数据。`);
      }
    });
  }
  const acks = packs.flatMap((p) => p.header.acks.filter((a) => a.ledgerId === ledgerId));
  const ackAdvances = acks.some((a) => a.seq > ((stmt(ctx.db, 'SELECT acked_seq FROM exchange_acks WHERE unit_id = ?').get(a.unitId) as { acked_seq: number } | undefined)?.acked_seq ?? 0));
  const anyPending = [...streams.values()].some((s) => s.pending.size);
  const idle = (): ImportPackagesResult => ({
    backupFile: null,
    packages: [...streams.values()].map((s) => ({ file: path.basename(s.files[0]!), sourceUnit: s.header.unit.name, applied: [], counts: { ...EMPTY_COUNTS }, mappings: [] })),
  });
  if (!anyPending && !ackAdvances) return idle();

  const ledgerFile = ctx.db.memory ? '' : ctx.db.name;
  const backup = anyPending && ledgerFile ? await backupLedger(ctx.db, ctx.backupDir(ledgerFile), 'exchange', { now: ctx.now() }) : null;
  const shapes = tableShapes((sql) => ctx.db.prepare(sql).all() as { name: string; pk: number }[]);
  const at = stamp(ctx);
  const results: PackageImportResult[] = [];
  try {
    ctx.db.transaction(() => {
      for (const s of streams.values()) {
        const seqs = [...s.pending.keys()].sort((a, b) => a - b);
        const file = s.files.map((f) => path.basename(f)).join('、');
        if (!seqs.length) {
          results.push({ file, sourceUnit: s.header.unit.name, applied: [], counts: { ...EMPTY_COUNTS }, mappings: [] });
          continue;
        }
        const exchangeId = uuidv7();
        stmt(ctx.db, "INSERT INTO exchange_log (id, at, operator, direction, file_name, source_ledger_id, source_unit_name, from_seq, to_seq, backup_file) VALUES (?, ?, ?, 'import', ?, ?, ?, ?, ?, ?)").run(
          exchangeId, at, ctx.operator(), file, s.header.ledgerId, s.header.unit.name, seqs[0], seqs.at(-1), backup?.file ?? null,
        );
        learnTheirMatches(ctx, s.header, ledgerId);
        const merger = new Merger(ctx, shapes, { ledgerId: s.header.ledgerId, unitName: s.header.unit.name, exchangeId });
        for (const seq of seqs) merger.apply(s.pending.get(seq)!, s.header.columns);
        const localUnit = merger.ourId('units', s.header.unit.id);
        if (stmt(ctx.db, 'SELECT 1 FROM units WHERE id = ?').get(localUnit)) {
          stmt(ctx.db, "INSERT INTO exchange_outbox (unit_id, kind, seq, exported_at, data) VALUES (?, 'heard', NULL, ?, ?)").run(localUnit, at, Buffer.from(merger.heardChangeset()));
        }
        stmt(ctx.db, `INSERT INTO exchange_inbox (source_ledger_id, source_unit_id, source_unit_name, local_unit_id, applied_seq, last_at) VALUES (?, ?, ?, ?, ?, ?)
          ON CONFLICT (source_ledger_id, source_unit_id) DO UPDATE SET applied_seq = excluded.applied_seq, source_unit_name = excluded.source_unit_name, local_unit_id = excluded.local_unit_id, last_at = excluded.last_at`).run(
          s.header.ledgerId, s.header.unit.id, s.header.unit.name, localUnit, seqs.at(-1), at,
        );
        const summary = { counts: merger.counts, mappings: merger.mappings };
        stmt(ctx.db, 'UPDATE exchange_log SET summary = ? WHERE id = ?').run(JSON.stringify(summary), exchangeId);
        audit(ctx, { action: 'import', entity: 'exchange', entityId: exchangeId, after: { file, seqs, ...summary }, reason: `数据交换：导入「${s.header.unit.name}」的数据包` });
        results.push({ file, sourceUnit: s.header.unit.name, applied: seqs, counts: merger.counts, mappings: merger.mappings });
      }
      for (const a of acks) {
        stmt(ctx.db, 'INSERT INTO exchange_acks (unit_id, acked_seq) VALUES (?, ?) ON CONFLICT (unit_id) DO UPDATE SET acked_seq = max(acked_seq, excluded.acked_seq)').run(a.unitId, a.seq);
      }
    })();
  } catch (err) {
    const code = (err as { code?: string }).code ?? '';
    if (code === 'SQLITE_CONSTRAINT_FOREIGNKEY') {
      throw new LedgerError('BAD_FILE', '数据包中的记录引用了本台账和数据包中都没有的记录（数据包不完整），未导入任何数据。');
    }
    if (code.startsWith('SQLITE_CONSTRAINT')) {
      // The ledger's own rules (a status outside its list, a duplicate): the package was not made by this program as it is.
      throw new LedgerError('BAD_FILE', `数据包中的数据不符合台账的规则（${(err as Error).message}），未导入任何数据。`);
    }
    throw err;
  }
  return { packages: results, backupFile: backup?.file ?? null };
}

/**
 * Records the sender matched to ours by name: their id for each, remembered
 * as if we had matched it ourselves (the pair is the same record at both).
 */
function learnTheirMatches(ctx: CoreContext, header: PackageHeader, ledgerId: string): void {
  for (const m of header.idMap) {
    if (m.ledgerId !== ledgerId || !(EXCHANGED_TABLES as readonly string[]).includes(m.table)) continue;
    if (!stmt(ctx.db, `SELECT 1 FROM "${m.table}" WHERE id = ?`).get(m.theirId)) continue;
    stmt(ctx.db, "INSERT OR IGNORE INTO exchange_id_map (source_ledger_id, tbl, their_id, our_id, matched_by) VALUES (?, ?, ?, ?, 'their-match')").run(header.ledgerId, m.table, m.ourId, m.theirId);
  }
}
