import dayjs from 'dayjs';
import type { topicContract } from '../../../shared/contract/topics';
import type { Deadline, Subtopic } from '../../../shared/domain/schemas';
import { audit } from '../audit';
import { today, type CoreContext } from '../context';
import { stmt, type Row } from '../db/statements';
import { tables } from '../db/tables';
import { LedgerError } from '../errors';
import { assertSubtopicEditable, assertTopicEditable, onConflict, requireRef, rowByRow } from './guards';
import type { Handlers } from './handlers';
import { readSubtopic, readSubtopics } from './reads';
import { deadlineWarning } from './rules';

const titleConflict = (title: string | undefined) => `该课题下已有名为「${title}」的小课题。`;

/** Replace the 责任人 of a sub-topic, keeping the order given (the first is the lead). */
export function setOwners(ctx: CoreContext, subtopicId: string, ownerIds: readonly string[]): void {
  const unique = [...new Set(ownerIds)];
  for (const personId of unique) requireRef(ctx, 'people', personId, '责任人');
  stmt(ctx.db, 'DELETE FROM subtopic_owners WHERE subtopic_id = ?').run(subtopicId);
  const insert = stmt(ctx.db, 'INSERT INTO subtopic_owners (subtopic_id, person_id, seq) VALUES (?, ?, ?)');
  unique.forEach((personId, seq) => insert.run(subtopicId, personId, seq));
}

/** The next position at the end of a topic's list. */
export function nextSeq(ctx: CoreContext, table: 'subtopics' | 'indicators' | 'checklist_items', topicId: string): number {
  const { n } = stmt(ctx.db, `SELECT ifnull(max(seq), -1) + 1 AS n FROM ${table} WHERE topic_id = ?`).get(topicId) as { n: number };
  return n;
}

/** A sub-topic change is audited as the whole record (owners included), not just its row. */
function change(ctx: CoreContext, id: string, write: () => void, action: Parameters<typeof audit>[1]['action'] = 'update', reason?: string): Subtopic {
  const before = readSubtopic(ctx, id);
  write();
  const after = readSubtopic(ctx, id);
  audit(ctx, { action, entity: 'subtopic', entityId: id, before, after, reason });
  return after;
}

const DEADLINE_SQL = `SELECT s.id AS subtopicId, s.title AS subtopicTitle, t.id AS topicId, t.title AS topicTitle, b.name AS branchName,
    s.deadline, CAST(julianday(s.deadline) - julianday(?) AS INTEGER) AS daysLeft, s.status, s.supervised,
    ifnull((SELECT group_concat(name, '、') FROM (SELECT p.name FROM subtopic_owners o JOIN people p ON p.id = o.person_id
            WHERE o.subtopic_id = s.id ORDER BY o.seq)), '') AS owners
  FROM subtopics s JOIN topics t ON t.id = s.topic_id LEFT JOIN units b ON b.id = t.branch_id`;

/** The WHERE clause for sub-topics of a campaign or unit (branch or lead department) whose open deadline lies in [from, to). */
function deadlineWhere(ctx: CoreContext, q: { campaignId?: string; unitId?: string }, from: string | null, to: string): { where: string; params: unknown[] } {
  const where = ["s.status <> '已销号'", 's.deadline IS NOT NULL', 's.deadline < ?'];
  const params: unknown[] = [to];
  if (from) {
    where.push('s.deadline >= ?');
    params.push(from);
  }
  if (q.campaignId) {
    where.push('t.campaign_id = ?');
    params.push(q.campaignId);
  }
  if (q.unitId) {
    where.push('(t.branch_id = ? OR t.lead_department_id = ?)');
    params.push(q.unitId, q.unitId);
  }
  return { where: where.join(' AND '), params };
}

/** Those sub-topics, soonest first; `limit` keeps only the first ones. */
function deadlines(ctx: CoreContext, q: { campaignId?: string; unitId?: string }, from: string | null, to: string, limit = -1): Deadline[] {
  const { where, params } = deadlineWhere(ctx, q, from, to);
  const rows = stmt(ctx.db, `${DEADLINE_SQL} WHERE ${where} ORDER BY s.deadline, t.code, s.seq LIMIT ?`).all(today(ctx), ...params, limit) as Row[];
  return rows.map((r) => ({ ...(r as unknown as Deadline), supervised: r.supervised === 1 }));
}

/** The first `limit` of them and how many there are. */
function deadlinePage(ctx: CoreContext, q: { campaignId?: string; unitId?: string }, from: string | null, to: string, limit: number): { total: number; rows: Deadline[] } {
  const { where, params } = deadlineWhere(ctx, q, from, to);
  const { n } = stmt(ctx.db, `SELECT count(*) AS n FROM subtopics s JOIN topics t ON t.id = s.topic_id WHERE ${where}`).get(...params) as { n: number };
  return { total: n, rows: deadlines(ctx, q, from, to, limit) };
}

const upcomingEnd = (ctx: CoreContext, days: number) => dayjs(today(ctx)).add(days, 'day').add(1, 'day').format('YYYY-MM-DD');

/** Overdue and upcoming (within `days`) sub-topics, the first `limit` of each with their totals: the dashboard's two tables. */
export function deadlinePages(ctx: CoreContext, q: { campaignId?: string }, limit: number, days: number) {
  const t = today(ctx);
  return { overdue: deadlinePage(ctx, q, null, t, limit), upcoming: deadlinePage(ctx, q, t, upcomingEnd(ctx, days), limit) };
}

/** Changes to one sub-topic (owners replaced when given), audited as the whole record; a deadline this write sets outside the topic's period only with `acceptWarning`. */
function updateSubtopic(ctx: CoreContext, { id, ownerIds, acceptWarning, ...patch }: Parameters<Handlers<typeof topicContract>['subtopic.update']>[1]): Subtopic {
  const { topicId } = assertSubtopicEditable(ctx, id);
  // Only a deadline this write sets is checked: an old one left alone was accepted when it was written.
  const reason = deadlineWarning(ctx, topicId, patch.deadline, acceptWarning);
  return change(
    ctx,
    id,
    () => {
      onConflict(titleConflict(patch.title), () => tables.subtopic.update(ctx, id, patch, { audit: false }));
      if (ownerIds) setOwners(ctx, id, ownerIds);
    },
    'update',
    reason,
  );
}

/** One sub-topic with its owners, audited; a deadline outside the topic's period only with `acceptWarning`. */
function createSubtopic(ctx: CoreContext, { ownerIds, acceptWarning, ...input }: Parameters<Handlers<typeof topicContract>['subtopic.create']>[1]): Subtopic {
  assertTopicEditable(ctx, input.topicId);
  const reason = deadlineWarning(ctx, input.topicId, input.deadline, acceptWarning);
  const id = onConflict(titleConflict(input.title), () =>
    tables.subtopic.insert(ctx, { ...input, seq: input.seq ?? nextSeq(ctx, 'subtopics', input.topicId) }, { audit: false }),
  );
  setOwners(ctx, id, ownerIds);
  const after = readSubtopic(ctx, id);
  audit(ctx, { action: 'create', entity: 'subtopic', entityId: id, after, reason });
  return after;
}

export const subtopicHandlers: Pick<
  Handlers<typeof topicContract>,
  | 'subtopic.create'
  | 'subtopic.createMany'
  | 'subtopic.saveMany'
  | 'subtopic.update'
  | 'subtopic.delete'
  | 'subtopic.list'
  | 'subtopic.reorder'
  | 'subtopic.close'
  | 'subtopic.sendBack'
  | 'subtopic.reopen'
  | 'subtopic.extend'
  | 'subtopic.supervise'
  | 'subtopic.overdue'
  | 'subtopic.upcoming'
> = {
  'subtopic.create': (ctx, input) => createSubtopic(ctx, input),
  'subtopic.createMany': (ctx, { topicId, subtopics, acceptWarning }) =>
    // The dispatch runs the call in one transaction: a refused row leaves none of the others behind.
    rowByRow(subtopics, (row, n) => `第 ${n} 行「${row.title}」：`, '本次没有添加任何小课题。', (row) => createSubtopic(ctx, { ...row, topicId, acceptWarning })),
  'subtopic.saveMany': (ctx, { topicId, update, create, acceptWarning }) =>
    // A block pasted over rows of the grid: those rows change, the rest are added; one transaction, all or none.
    rowByRow(
      [
        ...update.map((row) => ({
          title: row.title,
          write: () => {
            if (readSubtopic(ctx, row.id).topicId !== topicId) throw new LedgerError('VALIDATION', '这一行不属于当前课题。');
            return updateSubtopic(ctx, { ...row, acceptWarning });
          },
        })),
        ...create.map((row) => ({ title: row.title as string | undefined, write: () => createSubtopic(ctx, { ...row, topicId, acceptWarning }) })),
      ],
      (row, n) => `第 ${n} 行${row.title ? `「${row.title}」` : ''}：`,
      '本次粘贴没有保存任何一行。',
      (row) => row.write(),
    ),
  'subtopic.update': (ctx, input) => updateSubtopic(ctx, input),
  'subtopic.delete': (ctx, { id }) => {
    assertSubtopicEditable(ctx, id);
    const before = readSubtopic(ctx, id);
    tables.subtopic.remove(ctx, id, { audit: false });
    audit(ctx, { action: 'delete', entity: 'subtopic', entityId: id, before });
    return { id, deleted: true as const };
  },
  'subtopic.list': (ctx, { topicId }) => readSubtopics(ctx, topicId),
  'subtopic.reorder': (ctx, { topicId, ids }) => {
    assertTopicEditable(ctx, topicId);
    const current = readSubtopics(ctx, topicId).map((s) => s.id);
    if (ids.length !== current.length || new Set(ids).size !== ids.length || ids.some((id) => !current.includes(id))) {
      throw new LedgerError('VALIDATION', '排序列表必须恰好包含该课题的全部小课题，各一次。');
    }
    // Order is not content: moving a ticked-off sub-topic does not unlock it, so seq is written directly.
    ids.forEach((id, seq) => tables.subtopic.update(ctx, id, { seq }, { audit: false }));
    audit(ctx, { action: 'update', entity: 'topic', entityId: topicId, before: { subtopicOrder: current }, after: { subtopicOrder: ids } });
    return readSubtopics(ctx, topicId);
  },
  'subtopic.close': (ctx, { id, closedDate, opinion, closedBy }) => {
    assertSubtopicEditable(ctx, id);
    return change(
      ctx,
      id,
      () => tables.subtopic.update(ctx, id, { status: '已销号', closedDate, closeOpinion: opinion, closedBy, returnReason: '' }, { audit: false }),
      'close',
    );
  },
  'subtopic.sendBack': (ctx, { id, reason }) => {
    const s = assertSubtopicEditable(ctx, id);
    if (s.status !== '待验收') throw new LedgerError('BAD_STATE', `小课题「${s.title}」当前为「${s.status}」，只有待验收的小课题可以退回整改。`);
    return change(ctx, id, () => tables.subtopic.update(ctx, id, { status: '退回整改', returnReason: reason }, { audit: false }), 'sendBack', reason);
  },
  'subtopic.reopen': (ctx, { id, reason }) => {
    const current = readSubtopic(ctx, id);
    assertTopicEditable(ctx, current.topicId);
    if (current.status !== '已销号') throw new LedgerError('BAD_STATE', `小课题「${current.title}」未销号，无需重新打开。`);
    return change(
      ctx,
      id,
      () => tables.subtopic.update(ctx, id, { status: '推进中', closedDate: null, closeOpinion: '', closedBy: '' }, { audit: false }),
      'reopen',
      reason,
    );
  },
  'subtopic.extend': (ctx, { id, deadline, reason }) => {
    assertSubtopicEditable(ctx, id);
    const current = readSubtopic(ctx, id);
    if (current.deadline && deadline <= current.deadline) {
      throw new LedgerError('VALIDATION', `新的完成时限（${deadline}）应晚于现在的完成时限（${current.deadline}）。`);
    }
    // The first deadline is kept through any number of extensions: reviewers compare against it.
    const keepOriginal = current.originalDeadline === null && current.originalDeadlineText === '';
    return change(
      ctx,
      id,
      () =>
        tables.subtopic.update(
          ctx,
          id,
          {
            deadline,
            deadlineText: '',
            extensionReason: reason,
            ...(keepOriginal ? { originalDeadline: current.deadline, originalDeadlineText: current.deadlineText || (current.deadline ?? '') } : {}),
          },
          { audit: false },
        ),
      'extend',
      reason,
    );
  },
  'subtopic.supervise': (ctx, { id, supervised, note }) => {
    const current = readSubtopic(ctx, id);
    assertTopicEditable(ctx, current.topicId);
    // 督办 may be raised on any open item; it is not an edit of the item's content.
    if (current.status === '已销号') throw new LedgerError('BAD_STATE', `小课题「${current.title}」已销号，无需督办。`);
    return change(ctx, id, () => tables.subtopic.update(ctx, id, { supervised, supervisionNote: note }, { audit: false }), 'supervise', note);
  },
  'subtopic.overdue': (ctx, q) => deadlines(ctx, q, null, today(ctx)),
  'subtopic.upcoming': (ctx, q) => deadlines(ctx, q, today(ctx), upcomingEnd(ctx, q.days ?? 14)),
};
