import type { ImportIssue, ImportResult } from '../../../shared/contract/imports';
import type { UnitKind } from '../../../shared/domain/enums';
import type { AuditAction } from '../audit';
import { stamp, today, type CoreContext } from '../context';
import { BulkInsert } from '../db/bulkInsert';
import { snake, stmt, type Row } from '../db/statements';
import { tables } from '../db/tables';
import { isTopicLocked } from '../services/guards';
import { setOwners } from '../services/subtopics';
import { bulkUuid7 } from './ids';
import { keptFields, presentColumns, type Entity } from './merge';
import type { CampaignChoice } from './plan';
import { rowKey, type ParsedWithErrors, type SubtopicRecord } from './parse';
import { SUBTOPIC, plainFields } from '../../../shared/fields';

const SUB_PLAIN = plainFields(SUBTOPIC).map((f) => f.key);

/*
 * The writing half of the import, run inside one transaction with
 * ctx.importBatchId set (so every record and audit line names the batch).
 * Records are matched by their natural keys — campaign by name, topic by
 * (campaign, title), sub-topic by (topic, title), person by (name, unit),
 * indicator by (topic, name), check-off item by (topic, item) — so the same
 * file imported twice changes nothing and an edited file updates in place.
 * Audit lines are written here directly with the values written (not read
 * back): on 50,000 rows the read-back would cost more than the insert. Every
 * record written gets its audit line (the undo replays them), with one
 * exception that keeps a province-sized import fast: a topic the import
 * creates gets a single line that lists its sub-topics by id and title, not a
 * line per sub-topic. Their fields are in their own rows, stamped with the
 * batch, and any later change or deletion of one is a line of its own with
 * the whole record before it, so what the import wrote can always be told;
 * repeating every field in the topic's line was a fifth of a large import's
 * time and of its bytes (measured: 15 MB of 68 MB on the 50,000-row bench
 * file). The 'after' of a created record leaves out empty fields, and all
 * lines and records of one import share one timestamp.
 */

type Tally = { added: number; updated: number; unchanged: number };
const tally = (): Tally => ({ added: 0, updated: 0, unchanged: 0 });

/** Which kind a unit named in a ledger is: …支部 a branch, …党委 a committee, else a department. */
export function unitKindOf(name: string, fallback: UnitKind): UnitKind {
  if (/党小组$/.test(name)) return '党小组';
  if (/支部(委员会)?$/.test(name)) return '党支部';
  if (/党委$|党组$|委员会$/.test(name)) return '党委';
  return fallback;
}

export interface WriteOptions {
  skipErrorRows: boolean;
  topicOf: Map<string, string>;
  /** 清空空白单元格: an empty cell in a column the sheet has clears the stored value (merge.ts). */
  clearBlank: boolean;
}

export function writeImport(ctx: CoreContext, parsed: ParsedWithErrors, choice: CampaignChoice, opts: WriteOptions): Omit<ImportResult, 'batchId' | 'backupFile'> {
  const counts = { topics: tally(), subtopics: tally(), people: tally(), indicators: tally(), checklist: tally(), units: tally() };
  const issues: ImportIssue[] = [];
  const warn = (sheet: string, row: number, value: string, message: string) => issues.push({ sheet, row, column: '', value, message, severity: 'warning' });
  const bad = (sheet: string, row: number) => opts.skipErrorRows && parsed.errorRowKeys.has(rowKey(sheet, row));
  const day = today(ctx);
  // A record the ledger holds gets only what the sheet says for it (merge.ts): these are the columns each sheet has.
  const columnsOf = presentColumns(parsed);
  /**
   * The values to write over a stored record, without the fields the sheet does not say for it (merge.ts).
   * `readFrom` names the record's field a stored one comes from where they differ (an id from a name).
   */
  const merged = (entity: Entity, sheet: string, record: object, values: Row, readFrom: Record<string, string> = {}): Row => {
    const kept = keptFields(entity, record, columnsOf.get(sheet)!, opts.clearBlank);
    return Object.fromEntries(Object.entries(values).filter(([k]) => !kept.has(readFrom[k] ?? k)));
  };

  // One timestamp, operator and set of prepared statements for the whole import.
  const at = stamp(ctx);
  const operator = ctx.operator();
  const batchId = ctx.importBatchId;
  // Audit lines, new topics, their sub-topics and owner links are the bulk of a large import: inserted
  // many rows per statement (db/bulkInsert.ts), each table after the one it points at. Audit lines keep
  // their order (an undo replays them backwards by rowid). Whatever reads these tables flushes first.
  const auditRows = new BulkInsert(ctx.db, 'audit_log', ['id', 'at', 'operator', 'action', 'entity', 'entity_id', 'before', 'after', 'reason', 'import_batch_id']);
  const auditLine = (action: AuditAction, entity: string, entityId: string, before: unknown, after: unknown) =>
    auditRows.add(bulkUuid7(), at, operator, action, entity, entityId, before == null ? null : JSON.stringify(before), after == null ? null : JSON.stringify(after), '', batchId);
  const topicInserts = new BulkInsert(ctx.db, 'topics', [
    'id', 'campaign_id', 'title', 'source', 'code', 'lead_department_id', 'branch_id', 'leader_id', 'goal', 'status', 'import_batch_id', 'created_at', 'updated_at',
  ]);
  // A sub-topic's plain fields (shared/fields) go in by their keys, after the columns the import sets itself.
  const subtopicRows = new BulkInsert(
    ctx.db,
    'subtopics',
    ['id', 'topic_id', 'seq', 'code', 'title', 'deadline', 'deadline_text', 'status', 'closed_date', 'close_opinion', 'import_batch_id', 'created_at', 'updated_at', ...SUB_PLAIN.map(snake)],
    { dependsOn: topicInserts },
  );
  const ownerRows = new BulkInsert(ctx.db, 'subtopic_owners', ['subtopic_id', 'person_id', 'seq'], { dependsOn: subtopicRows });
  /** A created record's audit 'after': its id is the line's entity_id, empty fields say nothing. */
  const compact = (values: Row): Row => {
    const out: Row = {};
    for (const k in values) {
      const v = values[k];
      if (v !== null && v !== undefined && v !== '') out[k] = v;
    }
    return out;
  };

  const create = (table: keyof typeof tables, values: Row): string => {
    const id = tables[table].insert(ctx, values, { audit: false, id: bulkUuid7() });
    auditLine('create', tables[table].def.entity, id, null, compact(values));
    return id;
  };
  /** Update only what differs; the audit keeps the whole record before, so an undo can restore it. */
  const change = (table: keyof typeof tables, id: string, patch: Row): boolean => {
    const before = tables[table].get(ctx, id);
    if (!tables[table].update(ctx, id, patch, { audit: false })) return false;
    auditLine('update', tables[table].def.entity, id, before, { ...before, ...patch });
    return true;
  };

  // ── campaign ──
  // ── units (names are unique in the ledger) ──
  const units = new Map((stmt(ctx.db, 'SELECT id, name FROM units').all() as { id: string; name: string }[]).map((u) => [u.name, u.id]));
  const unitId = (name: string, kind: UnitKind): string | null => {
    if (!name) return null;
    let id = units.get(name);
    if (!id) {
      id = create('unit', { name, kind: unitKindOf(name, kind), parentId: null, note: '' });
      units.set(name, id);
      counts.units.added++;
    }
    return id;
  };

  // ── campaign: a 填报单位 that is a committee (…委员会, …党委) is the campaign's 出题党委 ──
  const committeeName = parsed.reportingUnit && unitKindOf(parsed.reportingUnit, '部门') === '党委' ? parsed.reportingUnit : '';
  let campaignId = choice.id;
  if (!campaignId) {
    campaignId = create('campaign', { name: choice.name, year: choice.year, committeeId: committeeName ? unitId(committeeName, '党委') : null, note: '由旧台账导入' });
  } else if (committeeName) {
    const current = stmt(ctx.db, 'SELECT committee_id AS committeeId FROM campaigns WHERE id = ?').get(campaignId) as { committeeId: string | null };
    if (!current.committeeId) change('campaign', campaignId, { committeeId: unitId(committeeName, '党委') });
  }

  // ── people ──
  type P = { id: string; unitId: string | null };
  const people = new Map<string, P[]>();
  for (const p of stmt(ctx.db, 'SELECT id, name, unit_id AS unitId FROM people').all() as (P & { name: string })[]) {
    const list = people.get(p.name) ?? [];
    list.push({ id: p.id, unitId: p.unitId });
    people.set(p.name, list);
  }
  const rosterIds = new Map<string, string[]>();
  for (const p of parsed.people) {
    if (bad(p.sheet, p.row)) continue;
    const uid = unitId(p.unit, '部门');
    const found = people.get(p.name)?.find((x) => x.unitId === uid);
    const values = { politicalStatus: p.politicalStatus, category: p.category, ...p.plain };
    let id: string;
    if (found) {
      id = found.id;
      // A roster fills in what it says; an empty cell does not wipe what the ledger has (unless clearing).
      counts.people[change('person', id, merged('person', p.sheet, p, values)) ? 'updated' : 'unchanged']++;
    } else {
      id = create('person', { name: p.name, unitId: uid, ...values });
      const list = people.get(p.name) ?? [];
      list.push({ id, unitId: uid });
      people.set(p.name, list);
      counts.people.added++;
    }
    rosterIds.set(p.name, [...(rosterIds.get(p.name) ?? []), id]);
  }
  /** A name in a 责任人 cell: the roster's person, else the one person of that name, else a new person without unit. */
  const personId = (name: string, sheet: string, row: number, create_ = true): string | null => {
    const fromRoster = rosterIds.get(name);
    if (fromRoster?.length) {
      if (fromRoster.length > 1) warn(sheet, row, name, `名册中有 ${fromRoster.length} 位「${name}」，已按名册中的第一位关联，请核对`);
      return fromRoster[0]!;
    }
    const known = people.get(name) ?? [];
    if (known.length === 1) return known[0]!.id;
    if (known.length > 1) {
      const noUnit = known.find((k) => k.unitId === null);
      if (noUnit) return noUnit.id;
      warn(sheet, row, name, `台账中有 ${known.length} 位「${name}」，已关联第一位，请核对`);
      return known[0]!.id;
    }
    if (!create_) return null;
    const id = create('person', { name, unitId: null });
    people.set(name, [{ id, unitId: null }]);
    counts.people.added++;
    return id;
  };

  // ── topics and sub-topics ──
  // A title may belong to several branches' topics (migration 0008: unique per branch): all of them, by title.
  const sameTitle = new Map<string, { id: string; title: string; status: string; branch_id: string | null }[]>();
  for (const t of stmt(ctx.db, 'SELECT id, title, status, branch_id FROM topics WHERE campaign_id = ?').all(campaignId) as { id: string; title: string; status: string; branch_id: string | null }[]) {
    sameTitle.set(t.title, [...(sameTitle.get(t.title) ?? []), t]);
  }
  /** The topic each title of this sheet went to (its indicators and check-off items follow it). */
  const topicRows = new Map<string, { id: string; title: string; status: string }>();
  for (const t of parsed.topics) {
    const subs = t.subtopics.filter((s) => !bad(t.sheet, s.row));
    if (bad(t.sheet, t.row) && !subs.length) continue;
    // Undefined is "not said" for the fields an import never clears (序号, 来源, 状态; see merge.ts).
    const fields: Row = {
      code: t.code || undefined,
      leadDepartmentId: t.leadDepartment ? unitId(t.leadDepartment, '部门') : null,
      branchId: t.branch ? unitId(t.branch, '党支部') : null,
      leaderId: t.leader ? personId(t.leader, t.sheet, t.row) : null,
      goal: t.goal,
      source: t.source || undefined,
      // 已结题/已验收 come from a submitted closure report, which a sheet does not carry: kept as they are in the ledger.
      status: t.status && !isTopicLocked(t.status as never) ? t.status : undefined,
    };
    if (t.status && isTopicLocked(t.status as never)) warn(t.sheet, t.row, t.status, `课题「${t.title}」在表中为「${t.status}」；结题须在程序中提交结题报告，课题状态按“破题中”导入`);
    const candidates = sameTitle.get(t.title) ?? [];
    // The topic of that title and the sheet's 领题支部; else the only one of that title when the sheet names no branch
    // or it has none yet. Another branch's topic of the same title is never taken (nor moved): a new one is made.
    const only = candidates.length === 1 ? candidates[0]! : undefined;
    const existing = candidates.find((c) => c.branch_id === fields.branchId) ?? (only && (!t.branch || only.branch_id === null) ? only : undefined);
    if (!existing && candidates.length > 1 && !t.branch) {
      warn(t.sheet, t.row, t.title, `本活动中有 ${candidates.length} 项名为「${t.title}」的课题（属于不同支部），表中没有写领题支部，无法确定是哪一项，本行未导入`);
      counts.topics.unchanged++;
      counts.subtopics.unchanged += subs.length;
      continue;
    }
    if (existing) topicRows.set(t.title, existing);
    if (!existing) {
      const status = (fields.status as string | undefined) ?? (subs.length || (t.status && isTopicLocked(t.status as never)) ? '破题中' : t.branch ? '已领题' : '已出题');
      const values = { campaignId, title: t.title, source: '自定课题', ...Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)), status };
      const topicId = bulkUuid7();
      const f = fields as Record<string, string | null | undefined>;
      topicInserts.add(topicId, campaignId, t.title, f.source ?? '自定课题', f.code ?? '', f.leadDepartmentId ?? null, f.branchId ?? null, f.leaderId ?? null, f.goal ?? '', status, batchId, at, at);
      topicRows.set(t.title, { id: topicId, title: t.title, status });
      sameTitle.set(t.title, [...candidates, { id: topicId, title: t.title, status, branch_id: (f.branchId as string | null) ?? null }]);
      counts.topics.added++;
      // The topic's line comes after its sub-topics and the people they name, so an undo (which replays backwards) removes it first.
      const created = writeSubtopics(topicId, true, subs, t.sheet);
      auditLine('create', 'topic', topicId, null, { ...compact(values), subtopics: created });
      continue;
    }
    // An existing topic's sub-topics are read and updated one by one: what waits in the buffers goes in first.
    ownerRows.flush();
    if (isTopicLocked(existing.status as never)) {
      warn(t.sheet, t.row, t.title, `课题「${t.title}」${existing.status}，已锁定，本次未更新该课题及其小课题`);
      counts.topics.unchanged++;
      counts.subtopics.unchanged += subs.length;
      continue;
    }
    const patch = merged('topic', t.sheet, t, fields, { leadDepartmentId: 'leadDepartment', branchId: 'branch', leaderId: 'leader' });
    counts.topics[change('topic', existing.id, patch) ? 'updated' : 'unchanged']++;
    writeSubtopics(existing.id, false, subs, t.sheet);
  }

  /** The 小课题状态 column, where it names a state a sheet may set (已销号 only comes with the tick-off column). */
  function sheetStatus(s: SubtopicRecord): string | undefined {
    return s.status && s.status !== '已销号' ? s.status : undefined;
  }

  /**
   * Writes a topic's sub-topics. Under a topic this import created, the created
   * sub-topics are returned (id and title) for the topic's audit line; elsewhere each gets its own.
   */
  function writeSubtopics(topicId: string, isNew: boolean, subs: SubtopicRecord[], sheet: string): Row[] {
    const created: Row[] = [];
    const existing = new Map<string, Row>();
    if (!isNew) for (const r of stmt(ctx.db, 'SELECT * FROM subtopics WHERE topic_id = ?').all(topicId) as Row[]) existing.set(r.title as string, r);
    let seq = isNew ? 0 : existing.size ? Math.max(...[...existing.values()].map((r) => r.seq as number)) + 1 : 0;
    for (const s of subs) {
      const named = s.owners.map((n) => personId(n, sheet, s.row)!);
      // Two names may resolve to one person: linked once.
      const ownerIds = named.length > 1 ? [...new Set(named)] : named;
      // A sub-topic an earlier import stored with its number in the title is the same one: it gets the number as 编号 and the bare title.
      const legacy = !existing.has(s.title) && s.writtenTitle ? existing.get(s.writtenTitle) : undefined;
      const before = existing.get(s.title) ?? legacy;
      if (!before) {
        // 已销号 needs its date (the table's CHECK): the 销号日期 column, else a past deadline, else the import date.
        const closedDate = s.closed ? (s.closedDate ?? (s.deadline && s.deadline <= day ? s.deadline : day)) : null;
        const status = s.closed ? '已销号' : sheetStatus(s) ?? (s.plain.progress ? '推进中' : '未开始');
        const closeOpinion = s.closed ? '旧台账导入时已销号' : '';
        const id = bulkUuid7();
        const n = seq++;
        subtopicRows.add(id, topicId, n, s.code, s.title, s.deadline, s.deadlineText, status, closedDate, closeOpinion, batchId, at, at, ...SUB_PLAIN.map((k) => s.plain[k] ?? null));
        for (let i = 0; i < ownerIds.length; i++) ownerRows.add(id, ownerIds[i], i);
        counts.subtopics.added++;
        if (isNew) {
          created.push({ id, title: s.title });
          continue;
        }
        // Under an existing topic, its own line.
        const after = { topicId, seq: n, title: s.title, code: s.code, ...s.plain, deadline: s.deadline, deadlineText: s.deadlineText, status, closedDate, closeOpinion, ownerIds };
        auditLine('create', 'subtopic', id, null, compact(after));
        continue;
      }
      // 序号 is written only when given (merge.ts: it may number the topic, not this sub-topic).
      const sheetValues = { ...(s.code ? { code: s.code } : {}), ...s.plain, deadline: s.deadline, deadlineText: s.deadlineText, ownerIds };
      const { ownerIds: sheetOwners, ...values } = merged('subtopic', sheet, s, sheetValues, { ownerIds: 'owners' });
      const id = before.id as string;
      const oldOwners = (stmt(ctx.db, 'SELECT person_id AS id FROM subtopic_owners WHERE subtopic_id = ? ORDER BY seq').all(id) as { id: string }[]).map((o) => o.id);
      if (before.status === '已销号') {
        // A ticked-off item is locked; the import neither edits nor re-opens it (that needs a reason).
        const differs = (columnsOf.get(sheet)!.has('closed') && !s.closed) || Object.entries(values).some(([k, v]) => before[snake(k)] !== v);
        if (differs) warn(sheet, s.row, s.title, `小课题「${s.title}」在台账中已销号，导入文件中的改动未写入；如需修改请先重新打开`);
        counts.subtopics.unchanged++;
        continue;
      }
      const patch: Row = { ...values, ...(legacy ? { title: s.title, code: s.code } : {}) };
      if (s.closed) Object.assign(patch, { status: '已销号', closedDate: s.closedDate ?? (s.deadline && s.deadline <= day ? s.deadline : day), closeOpinion: '旧台账导入时已销号' });
      else if (sheetStatus(s)) patch.status = sheetStatus(s);
      else if (before.status === '未开始' && s.plain.progress) patch.status = '推进中';
      const beforeRec = { ...tables.subtopic.get(ctx, id), ownerIds: oldOwners };
      const changed = tables.subtopic.update(ctx, id, patch, { audit: false });
      // An empty 责任人 cell keeps the links, unless clearing.
      const newOwners = (sheetOwners as string[] | undefined) ?? oldOwners;
      const ownersChanged = JSON.stringify(oldOwners) !== JSON.stringify(newOwners);
      if (ownersChanged) setOwners(ctx, id, newOwners);
      if (changed || ownersChanged) {
        auditLine('update', 'subtopic', id, beforeRec, { ...beforeRec, ...patch, ownerIds: newOwners });
        counts.subtopics.updated++;
      } else counts.subtopics.unchanged++;
    }
    return created;
  }

  ownerRows.flush();

  // ── indicators and check-off items (topic resolved by the plan) ──
  const topicIdOf = (sheet: string, row: number) => {
    const title = opts.topicOf.get(rowKey(sheet, row));
    const t = title ? topicRows.get(title) : undefined;
    return t && !isTopicLocked(t.status as never) ? t.id : null;
  };
  const seqs = new Map<string, number>();
  const nextSeq = (table: 'indicators' | 'checklist_items', topicId: string) => {
    const key = `${table}:${topicId}`;
    let n = seqs.get(key);
    if (n === undefined) n = (stmt(ctx.db, `SELECT ifnull(max(seq), -1) + 1 AS n FROM ${table} WHERE topic_id = ?`).get(topicId) as { n: number }).n;
    seqs.set(key, n + 1);
    return n;
  };
  for (const ind of parsed.indicators) {
    if (bad(ind.sheet, ind.row)) continue;
    const topicId = topicIdOf(ind.sheet, ind.row);
    if (!topicId) continue;
    const values = { unit: ind.unit, baseline: ind.baseline, target: ind.target, actual: ind.actual, ...ind.plain };
    const found = stmt(ctx.db, 'SELECT id FROM indicators WHERE topic_id = ? AND name = ?').get(topicId, ind.name) as { id: string } | undefined;
    // 越高越好 is guessed from the name when the indicator is created; no column says it, so a re-import leaves it as set.
    if (found) counts.indicators[change('indicator', found.id, merged('indicator', ind.sheet, ind, values)) ? 'updated' : 'unchanged']++;
    else {
      create('indicator', { topicId, seq: nextSeq('indicators', topicId), name: ind.name, ...values, higherIsBetter: ind.higherIsBetter });
      counts.indicators.added++;
    }
  }
  for (const c of parsed.checklist) {
    if (bad(c.sheet, c.row)) continue;
    const topicId = topicIdOf(c.sheet, c.row);
    if (!topicId) continue;
    // A 走访人 is linked when the ledger knows the person; a visitor is not made a responsible person.
    const ownerId = c.ownerName && !/、/.test(c.ownerName) ? personId(c.ownerName, c.sheet, c.row, false) : null;
    // A 是否销号 the sheet does not give is 未销号 for a new item, and for a stored one when clearing.
    const values = { ownerId, ownerName: c.ownerName, closed: c.closed ?? false, ...c.plain };
    const found = stmt(ctx.db, 'SELECT id FROM checklist_items WHERE topic_id = ? AND item = ?').get(topicId, c.item) as { id: string } | undefined;
    if (found) counts.checklist[change('checklist', found.id, merged('checklist', c.sheet, c, values, { ownerId: 'ownerName' })) ? 'updated' : 'unchanged']++;
    else {
      create('checklist', { topicId, seq: nextSeq('checklist_items', topicId), item: c.item, ...values });
      counts.checklist.added++;
    }
  }

  const skippedRows = opts.skipErrorRows ? parsed.errorRowKeys.size : 0;
  auditRows.flush();
  return { campaignId, counts, skippedRows, issues };
}
