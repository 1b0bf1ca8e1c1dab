import crypto from 'node:crypto';
import dayjs from 'dayjs';
import type { recordsContract } from '../../../shared/contract/records';
import type { z } from 'zod';
import { ENTITY_LABELS, EVIDENCE_OWNER_LABELS, MAX_CLOSURE_EXTENSION_MONTHS, type EvidenceOwnerType } from '../../../shared/domain/enums';
import { IndicatorFields, MAX_EVIDENCE_BYTES, ProgressFields, type Evidence, type Review } from '../../../shared/domain/schemas';
import { figuresLeftByUnitChange, higherIsBetterByName } from '../../../shared/fields';
import type { CoreContext } from '../context';
import { camelRow, stmt, type Row } from '../db/statements';
import { tables } from '../db/tables';
import { LedgerError, notFound } from '../errors';
import { assertSubtopicEditable, assertTopicEditable, onConflict, requireRef, requireSubtopicOfTopic, rowByRow, topicState } from './guards';
import type { Handlers } from './handlers';
import { readChecklist, readClosure, readCommendations, readIndicators, readProgress, readReview, readTopicEvidence } from './reads';
import { readScore } from '../../../shared/values';
import { getSetting, gradeOf, rubricTotal } from './settings';
import { nextSeq } from './subtopics';

type ProgressInput = z.output<typeof ProgressFields>;

/** A ledger entry written as `progress.create` writes it: its sub-topic under its topic, its reporter on the roster. */
function insertProgress(ctx: CoreContext, input: ProgressInput): string {
  requireSubtopicOfTopic(ctx, input.subtopicId, input.topicId);
  requireRef(ctx, 'people', input.reporterId, '汇报人');
  return tables.progress.insert(ctx, input);
}

/** The topic a record under a topic belongs to (for the lock check on update and delete). */
function topicOf(ctx: CoreContext, table: 'progress_entries' | 'indicators' | 'checklist_items', id: string, what: string): string {
  const row = stmt(ctx.db, `SELECT topic_id AS topicId FROM ${table} WHERE id = ?`).get(id) as { topicId: string } | undefined;
  if (!row) throw notFound(what, id);
  return row.topicId;
}

function evidenceOwnerTopic(ctx: CoreContext, ownerType: EvidenceOwnerType, ownerId: string): string {
  // Closure evidence hangs on the topic itself (a topic has one closure report).
  if (ownerType === 'closure') return topicState(ctx, ownerId).id;
  const table = { subtopic: 'subtopics', progress: 'progress_entries', checklist: 'checklist_items' }[ownerType];
  const row = stmt(ctx.db, `SELECT topic_id AS topicId FROM ${table} WHERE id = ?`).get(ownerId) as { topicId: string } | undefined;
  if (!row) throw new LedgerError('VALIDATION', `要附加材料的${EVIDENCE_OWNER_LABELS[ownerType]}不存在，可能已被删除。`);
  return row.topicId;
}

function readEvidence(ctx: CoreContext, id: string): Evidence {
  const row = stmt(ctx.db, 'SELECT * FROM evidence WHERE id = ?').get(id) as Row | undefined;
  if (!row) throw notFound('佐证材料', id);
  return camelRow(row) as Evidence;
}

/** Scores must follow the ledger's rubric: every criterion, each between 0 and its maximum. */
function scoreReview(ctx: CoreContext, scores: Record<string, number>): { total: number; grade: string } {
  const rubric = getSetting(ctx, 'rubric');
  const names = new Set(rubric.map((c) => c.name));
  const unknown = Object.keys(scores).filter((k) => !names.has(k));
  if (unknown.length) throw new LedgerError('VALIDATION', `评分项「${unknown.join('、')}」不在评分表中（评分表：${rubric.map((c) => c.name).join('、')}）。`);
  for (const c of rubric) {
    const s = scores[c.name];
    if (s === undefined) throw new LedgerError('VALIDATION', `请填写「${c.name}」的得分（满分 ${c.max} 分）。`, [{ path: `scores.${c.name}`, message: '未评分' }]);
    // The same reading as the review form (shared/values/score): above the maximum is refused, never clamped.
    const read = readScore(s, c.max, c.name);
    if (read.kind === 'invalid') throw new LedgerError('VALIDATION', `${read.message}。`, [{ path: `scores.${c.name}`, message: read.message }]);
  }
  const total = rubricTotal(scores, rubric);
  return { total, grade: gradeOf(total, getSetting(ctx, 'gradeBands')) };
}

/** A commendation honours a topic of its own campaign, or a unit: at least one of the two. */
function checkCommendation(ctx: CoreContext, c: { campaignId: string; topicId: string | null; unitId: string | null }): void {
  requireRef(ctx, 'topics', c.topicId, '课题');
  requireRef(ctx, 'units', c.unitId, '单位');
  if (!c.topicId && !c.unitId) throw new LedgerError('VALIDATION', '表彰须选择课题或单位。');
  if (c.topicId) {
    const topic = stmt(ctx.db, 'SELECT title, campaign_id AS campaignId FROM topics WHERE id = ?').get(c.topicId) as { title: string; campaignId: string };
    if (topic.campaignId !== c.campaignId) throw new LedgerError('VALIDATION', `课题「${topic.title}」不属于该表彰所在的活动。`, [{ path: 'topicId', message: '不属于该活动' }]);
  }
}

export const recordsHandlers: Handlers<typeof recordsContract> = {
  // ── 台账记录 ──
  'progress.create': (ctx, input) => {
    assertTopicEditable(ctx, input.topicId);
    return readProgress(ctx, { id: insertProgress(ctx, input) })[0]!;
  },
  'progress.createMany': (ctx, { topicId, entries }) => {
    assertTopicEditable(ctx, topicId);
    const ids = rowByRow(entries, (e, n) => `第 ${n} 条（${e.entryDate}）：`, '本次没有添加任何台账记录。', (e) => insertProgress(ctx, { ...e, topicId }));
    const byId = new Map(readProgress(ctx, { topicId }).map((p) => [p.id, p]));
    return ids.map((id) => byId.get(id)!);
  },
  'progress.update': (ctx, { id, ...patch }) => {
    const topicId = topicOf(ctx, 'progress_entries', id, ENTITY_LABELS.progress);
    assertTopicEditable(ctx, topicId);
    requireSubtopicOfTopic(ctx, patch.subtopicId, topicId);
    requireRef(ctx, 'people', patch.reporterId, '汇报人');
    tables.progress.update(ctx, id, patch);
    return readProgress(ctx, { id })[0]!;
  },
  'progress.delete': (ctx, { id }) => {
    assertTopicEditable(ctx, topicOf(ctx, 'progress_entries', id, ENTITY_LABELS.progress));
    tables.progress.remove(ctx, id);
    return { id, deleted: true as const };
  },
  'progress.list': (ctx, q) => readProgress(ctx, q),

  // ── 成效指标 ──
  'indicator.create': (ctx, input) => {
    assertTopicEditable(ctx, input.topicId);
    const id = onConflict(`该课题已有名为「${input.name}」的指标。`, () =>
      tables.indicator.insert(ctx, { ...input, seq: input.seq ?? nextSeq(ctx, 'indicators', input.topicId) }),
      'name',
    );
    return readIndicators(ctx, input.topicId, id)[0]!;
  },
  'indicator.saveMany': (ctx, { topicId, indicators }) => {
    assertTopicEditable(ctx, topicId);
    // Two rows for one indicator: which one's figures count is the clerk's to say, not ours to guess.
    const firstRow = new Map<string, number>();
    indicators.forEach(({ name }, i) => {
      const first = firstRow.get(name);
      if (first !== undefined) throw new LedgerError('VALIDATION', `第 ${first} 行和第 ${i + 1} 行都是指标「${name}」，请合并为一行后再保存。本次没有保存任何指标。`, [{ path: `indicators.${i}.name`, message: `与第 ${first} 行重复` }]);
      firstRow.set(name, i + 1);
    });
    const stored = new Map((stmt(ctx.db, 'SELECT id, name FROM indicators WHERE topic_id = ?').all(topicId) as { id: string; name: string }[]).map((r) => [r.name, r.id]));
    let seq = nextSeq(ctx, 'indicators', topicId);
    const ids = rowByRow(indicators, (row, n) => `第 ${n} 行「${row.name}」：`, '本次没有保存任何指标。', (row) => {
      const id = stored.get(row.name);
      if (!id) return tables.indicator.insert(ctx, IndicatorFields.parse({ higherIsBetter: higherIsBetterByName(row.name), ...row, topicId, seq: seq++ }));
      const before = tables.indicator.get(ctx, id) as Parameters<typeof figuresLeftByUnitChange>[0];
      const left = figuresLeftByUnitChange(before, row);
      if (left.length) throw new LedgerError('VALIDATION', `单位由「${before.unit}」改为「${row.unit}」，已有的${left.join('、')}会按新单位理解；请同时给出${left.join('、')}。`);
      tables.indicator.update(ctx, id, row);
      return id;
    });
    const byId = new Map(readIndicators(ctx, topicId).map((i) => [i.id, i]));
    return ids.map((id) => byId.get(id)!);
  },
  'indicator.update': (ctx, { id, ...patch }) => {
    const topicId = topicOf(ctx, 'indicators', id, ENTITY_LABELS.indicator);
    assertTopicEditable(ctx, topicId);
    onConflict(`该课题已有名为「${patch.name}」的指标。`, () => tables.indicator.update(ctx, id, patch), 'name');
    return readIndicators(ctx, topicId, id)[0]!;
  },
  'indicator.delete': (ctx, { id }) => {
    assertTopicEditable(ctx, topicOf(ctx, 'indicators', id, ENTITY_LABELS.indicator));
    tables.indicator.remove(ctx, id);
    return { id, deleted: true as const };
  },
  'indicator.list': (ctx, { topicId }) => readIndicators(ctx, topicId),

  // ── 销号清单 ──
  'checklist.create': (ctx, input) => {
    assertTopicEditable(ctx, input.topicId);
    requireRef(ctx, 'people', input.ownerId, '责任人');
    const id = onConflict(`该课题的销号清单中已有事项「${input.item}」。`, () =>
      tables.checklist.insert(ctx, { ...input, seq: input.seq ?? nextSeq(ctx, 'checklist_items', input.topicId) }),
    );
    return readChecklist(ctx, input.topicId, id)[0]!;
  },
  'checklist.createMany': (ctx, { topicId, items }) => {
    assertTopicEditable(ctx, topicId);
    let seq = nextSeq(ctx, 'checklist_items', topicId);
    const ids = rowByRow(items, (item, n) => `第 ${n} 项「${item.item}」：`, '本次没有添加任何事项。', (item) => {
      requireRef(ctx, 'people', item.ownerId, '责任人');
      return onConflict(`该课题的销号清单中已有事项「${item.item}」。`, () => tables.checklist.insert(ctx, { ...item, topicId, seq: seq++ }));
    });
    const added = new Set(ids);
    return readChecklist(ctx, topicId).filter((c) => added.has(c.id));
  },
  'checklist.update': (ctx, { id, ...patch }) => {
    const topicId = topicOf(ctx, 'checklist_items', id, ENTITY_LABELS.checklist);
    assertTopicEditable(ctx, topicId);
    requireRef(ctx, 'people', patch.ownerId, '责任人');
    onConflict(`该课题的销号清单中已有事项「${patch.item}」。`, () => tables.checklist.update(ctx, id, patch));
    return readChecklist(ctx, topicId, id)[0]!;
  },
  'checklist.delete': (ctx, { id }) => {
    assertTopicEditable(ctx, topicOf(ctx, 'checklist_items', id, ENTITY_LABELS.checklist));
    tables.checklist.remove(ctx, id);
    return { id, deleted: true as const };
  },
  'checklist.list': (ctx, { topicId }) => readChecklist(ctx, topicId),

  // ── 结题 ──
  'closure.save': (ctx, { topicId, ...sections }) => {
    assertTopicEditable(ctx, topicId);
    const existing = readClosure(ctx, topicId);
    if (existing) tables.closure.update(ctx, existing.id, sections);
    else tables.closure.insert(ctx, { topicId, ...sections });
    return readClosure(ctx, topicId)!;
  },
  'closure.get': (ctx, { topicId }) => readClosure(ctx, topicId),
  'closure.submit': (ctx, { topicId, submittedDate }) => {
    const topic = assertTopicEditable(ctx, topicId);
    const closure = readClosure(ctx, topicId);
    if (!closure || !closure.workDone.trim() || !closure.results.trim()) {
      throw new LedgerError('BAD_STATE', '请先填写结题报告的「工作开展情况」和「取得成效」，再提交结题。');
    }
    // 销号式管理: a topic is closed only when every one of its items has been ticked off.
    const { open } = stmt(ctx.db, "SELECT count(*) AS open FROM subtopics WHERE topic_id = ? AND status <> '已销号'").get(topicId) as { open: number };
    if (open > 0) throw new LedgerError('BAD_STATE', `课题「${topic.title}」还有 ${open} 项小课题未销号，全部销号后才能提交结题。`);
    tables.closure.update(ctx, closure.id, { submittedDate, outcome: null, extendedUntil: null }, { action: 'submit' });
    tables.topic.update(ctx, topicId, { status: '已结题', closedDate: submittedDate }, { action: 'submit' });
    return readClosure(ctx, topicId)!;
  },
  'closure.decide': (ctx, { topicId, outcome, extendedUntil, note }) => {
    const topic = topicState(ctx, topicId);
    const closure = readClosure(ctx, topicId);
    if (topic.status !== '已结题' || !closure?.submittedDate) {
      throw new LedgerError('BAD_STATE', `课题「${topic.title}」当前为「${topic.status}」，提交结题报告后才能作出结题结论。`);
    }
    if (closure.outcome) throw new LedgerError('BAD_STATE', `课题「${topic.title}」已有结题结论「${closure.outcome}」；如需改变，请先重新打开课题。`);
    if (outcome === '通过' && !readReview(ctx, topicId)) throw new LedgerError('BAD_STATE', '请先完成评审（评分、等次、评审意见），再作出“通过”的结论。');
    if (outcome === '延期结题') {
      const latest = dayjs(closure.submittedDate).add(MAX_CLOSURE_EXTENSION_MONTHS, 'month').format('YYYY-MM-DD');
      if (!extendedUntil) throw new LedgerError('VALIDATION', '延期结题须填写“延期至”的日期。', [{ path: 'extendedUntil', message: '未填写' }]);
      if (extendedUntil <= closure.submittedDate || extendedUntil > latest) {
        throw new LedgerError('VALIDATION', `延期结题最多延期 ${MAX_CLOSURE_EXTENSION_MONTHS} 个月，“延期至”应在 ${closure.submittedDate} 之后、不晚于 ${latest}。`, [
          { path: 'extendedUntil', message: '超出允许范围' },
        ]);
      }
    }
    tables.closure.update(
      ctx,
      closure.id,
      { outcome, extendedUntil: outcome === '延期结题' ? extendedUntil : null, outcomeNote: note, ...(outcome === '延期结题' ? { submittedDate: null } : {}) },
      { action: 'decide', reason: note },
    );
    // 通过 → accepted; 延期结题 → back to work until the new date; 终止 → stays closed.
    if (outcome === '通过') tables.topic.update(ctx, topicId, { status: '已验收' }, { action: 'decide', reason: note });
    if (outcome === '延期结题') tables.topic.update(ctx, topicId, { status: '破题中', closedDate: null, endDate: extendedUntil }, { action: 'decide', reason: note });
    return readClosure(ctx, topicId)!;
  },
  'closure.delete': (ctx, { topicId }) => {
    assertTopicEditable(ctx, topicId);
    const closure = readClosure(ctx, topicId);
    if (!closure) throw notFound('结题报告');
    tables.closure.remove(ctx, closure.id);
    return { topicId, deleted: true as const };
  },

  // ── 评审 ──
  'review.save': (ctx, { topicId, ...input }) => {
    const topic = topicState(ctx, topicId);
    if (topic.status !== '已结题') {
      throw new LedgerError('BAD_STATE', topic.status === '已验收' ? `课题「${topic.title}」已验收，如需修改评审请先重新打开课题。` : `课题「${topic.title}」尚未提交结题，不能评审。`);
    }
    const values = { ...input, ...scoreReview(ctx, input.scores) };
    const existing = readReview(ctx, topicId);
    if (existing) tables.review.update(ctx, existing.id, values);
    else tables.review.insert(ctx, { topicId, ...values });
    return readReview(ctx, topicId) as Review;
  },
  'review.get': (ctx, { topicId }) => readReview(ctx, topicId),
  'review.delete': (ctx, { topicId }) => {
    const topic = topicState(ctx, topicId);
    if (topic.status === '已验收') throw new LedgerError('LOCKED', `课题「${topic.title}」已验收，如需删除评审请先重新打开课题。`);
    const review = readReview(ctx, topicId);
    if (!review) throw notFound('评审');
    tables.review.remove(ctx, review.id);
    return { topicId, deleted: true as const };
  },

  // ── 表彰 ── (recorded on closed topics too: commendation comes after closure)
  'commendation.create': (ctx, input) => {
    requireRef(ctx, 'campaigns', input.campaignId, '所属活动');
    checkCommendation(ctx, input);
    const id = tables.commendation.insert(ctx, input);
    return readCommendations(ctx, { id })[0]!;
  },
  'commendation.update': (ctx, { id, ...patch }) => {
    const before = tables.commendation.get(ctx, id) as { campaignId: string; topicId: string | null; unitId: string | null };
    checkCommendation(ctx, { campaignId: before.campaignId, topicId: patch.topicId === undefined ? before.topicId : patch.topicId, unitId: patch.unitId === undefined ? before.unitId : patch.unitId });
    tables.commendation.update(ctx, id, patch);
    return readCommendations(ctx, { id })[0]!;
  },
  'commendation.delete': (ctx, { id }) => {
    tables.commendation.remove(ctx, id);
    return { id, deleted: true as const };
  },
  'commendation.list': (ctx, q) => readCommendations(ctx, q),

  // ── 佐证材料 ──
  'evidence.add': (ctx, { contentBase64, ...input }) => {
    const topicId = evidenceOwnerTopic(ctx, input.ownerType, input.ownerId);
    // Proof may still be added to a ticked-off item (it turns a 会议销号 into an evidenced one), not to a closed topic.
    assertTopicEditable(ctx, topicId);
    const data = Buffer.from(contentBase64, 'base64');
    if (data.length === 0) throw new LedgerError('VALIDATION', `文件「${input.fileName}」是空文件。`);
    if (data.length > MAX_EVIDENCE_BYTES) throw new LedgerError('VALIDATION', `文件「${input.fileName}」超过 50 MB，请压缩后再附加。`);
    const sha256 = crypto.createHash('sha256').update(data).digest('hex');
    stmt(ctx.db, 'INSERT OR IGNORE INTO evidence_blobs (sha256, size, data) VALUES (?, ?, ?)').run(sha256, data.length, data);
    const id = tables.evidence.insert(ctx, { ...input, size: data.length, sha256 });
    return readEvidence(ctx, id);
  },
  'evidence.list': (ctx, { ownerType, ownerId, topicId }) => {
    if (topicId) return readTopicEvidence(ctx, topicId).filter((e) => (!ownerType || e.ownerType === ownerType) && (!ownerId || e.ownerId === ownerId));
    const where: string[] = [];
    const params: string[] = [];
    if (ownerType) {
      where.push('e.owner_type = ?');
      params.push(ownerType);
    }
    if (ownerId) {
      where.push('e.owner_id = ?');
      params.push(ownerId);
    }
    const rows = stmt(ctx.db, `SELECT e.* FROM evidence e ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY e.created_at`).all(...params) as Row[];
    return rows.map(camelRow) as Evidence[];
  },
  'evidence.get': (ctx, { id }) => {
    const evidence = readEvidence(ctx, id);
    const blob = stmt(ctx.db, 'SELECT data FROM evidence_blobs WHERE sha256 = ?').get(evidence.sha256) as { data: Buffer };
    return { ...evidence, contentBase64: blob.data.toString('base64') };
  },
  'evidence.delete': (ctx, { id }) => {
    const evidence = readEvidence(ctx, id);
    const topicId = evidenceOwnerTopic(ctx, evidence.ownerType, evidence.ownerId);
    assertTopicEditable(ctx, topicId);
    // Removing proof from a ticked-off item would quietly weaken the tick-off.
    if (evidence.ownerType === 'subtopic') assertSubtopicEditable(ctx, evidence.ownerId);
    tables.evidence.remove(ctx, id); // the blob goes with its last user (trigger evidence_blob_release)
    return { id, deleted: true as const };
  },
};
