import type { TopicFilter, topicContract } from '../../../shared/contract/topics';
import { TOPIC_STATUSES, type TopicStatus } from '../../../shared/domain/enums';
import type { TopicListRow } from '../../../shared/domain/schemas';
import { today, type CoreContext } from '../context';
import { camelRow, stmt, type Row } from '../db/statements';
import { tables } from '../db/tables';
import { LedgerError } from '../errors';
import { assertTopicEditable, isTopicLocked, onConflict, requireRef, requireUnitKind, topicState } from './guards';
import type { Handlers } from './handlers';
import {
  TOPIC_SQL,
  readChecklist,
  readClosure,
  readCommendations,
  readIndicators,
  readProgress,
  readReview,
  readSubtopics,
  readTopic,
  readTopicEvidence,
} from './reads';

/** The states a plain edit may set: 已结题 comes from submitting the closure report, 已验收 from the committee's decision. */
const EDITABLE_TOPIC_STATUSES: readonly TopicStatus[] = TOPIC_STATUSES.slice(0, 3);

interface TopicRefs {
  campaignId?: string;
  parentTopicId?: string | null;
  committeeId?: string | null;
  leadDepartmentId?: string | null;
  branchId?: string | null;
  leaderId?: string | null;
  status?: TopicStatus;
}

function checkTopicRefs(ctx: CoreContext, input: TopicRefs): void {
  requireRef(ctx, 'campaigns', input.campaignId, '所属活动');
  requireRef(ctx, 'topics', input.parentTopicId, '所属规定课题');
  requireUnitKind(ctx, input.committeeId, '出题党委', ['党委']);
  requireUnitKind(ctx, input.branchId, '领题支部', ['党支部', '党小组', '党委']);
  requireRef(ctx, 'units', input.leadDepartmentId, '牵头部门');
  requireRef(ctx, 'people', input.leaderId, '课题负责人');
  if (input.status && !EDITABLE_TOPIC_STATUSES.includes(input.status)) {
    throw new LedgerError('BAD_STATE', `课题状态不能直接改为「${input.status}」：已结题由提交结题报告产生，已验收由评审结论产生。`);
  }
}

const titleConflict = (title: string | undefined) => `本活动中已有名为「${title}」的课题。`;

/** LIKE with the user's text taken literally (a % in a title is a %). */
export const likeArg = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export function listTopics(ctx: CoreContext, filter: TopicFilter): TopicListRow[] {
  const where: string[] = [];
  const params: unknown[] = [today(ctx)];
  if (filter.campaignId) {
    where.push('t.campaign_id = ?');
    params.push(filter.campaignId);
  }
  if (filter.status?.length) {
    where.push(`t.status IN (${filter.status.map(() => '?').join(', ')})`);
    params.push(...filter.status);
  }
  if (filter.branchId) {
    where.push('t.branch_id = ?');
    params.push(filter.branchId);
  }
  if (filter.leadDepartmentId) {
    where.push('t.lead_department_id = ?');
    params.push(filter.leadDepartmentId);
  }
  if (filter.overdue) where.push('ifnull(s.overdue, 0) > 0');
  if (filter.q) {
    const like = likeArg(filter.q);
    where.push(`(t.title LIKE ? ESCAPE '\\' OR t.code LIKE ? ESCAPE '\\' OR t.goal LIKE ? ESCAPE '\\' OR b.name LIKE ? ESCAPE '\\'
      OR d.name LIKE ? ESCAPE '\\' OR l.name LIKE ? ESCAPE '\\'
      OR EXISTS (SELECT 1 FROM subtopics q WHERE q.topic_id = t.id AND q.title LIKE ? ESCAPE '\\'))`);
    params.push(like, like, like, like, like, like, like);
  }
  const sql = `SELECT * FROM (${TOPIC_SQL.replace(
    'FROM topics t',
    `, ifnull(s.n, 0) AS subtopics, ifnull(s.closed, 0) AS closed_subtopics, ifnull(s.overdue, 0) AS overdue
     FROM topics t
     LEFT JOIN (SELECT topic_id, count(*) AS n, sum(status = '已销号') AS closed,
                       sum(status <> '已销号' AND deadline < ?) AS overdue
                FROM subtopics GROUP BY topic_id) s ON s.topic_id = t.id`,
  )} ${where.length ? `WHERE ${where.join(' AND ')}` : ''})
    ORDER BY campaign_id, CAST(code AS INTEGER), code, created_at`;
  // The first placeholder is today's date in the sub-topic counts; the filters' follow in order.
  return (stmt(ctx.db, sql).all(...params) as Row[]).map(camelRow) as TopicListRow[];
}

export const topicHandlers: Pick<Handlers<typeof topicContract>, 'topic.create' | 'topic.update' | 'topic.delete' | 'topic.list' | 'topic.get' | 'topic.reopen'> = {
  'topic.create': (ctx, input) => {
    checkTopicRefs(ctx, input);
    const id = onConflict(titleConflict(input.title), () => tables.topic.insert(ctx, input));
    return readTopic(ctx, id);
  },
  'topic.update': (ctx, { id, ...patch }) => {
    assertTopicEditable(ctx, id);
    if (patch.parentTopicId === id) throw new LedgerError('VALIDATION', '「所属规定课题」不能是课题自己。');
    checkTopicRefs(ctx, patch);
    onConflict(titleConflict(patch.title), () => tables.topic.update(ctx, id, patch));
    return readTopic(ctx, id);
  },
  'topic.delete': (ctx, { id }) => {
    assertTopicEditable(ctx, id);
    tables.topic.remove(ctx, id);
    return { id, deleted: true as const };
  },
  'topic.list': (ctx, filter) => listTopics(ctx, filter),
  'topic.get': (ctx, { id }) => {
    const topic = readTopic(ctx, id);
    return {
      topic,
      subtopics: readSubtopics(ctx, id),
      progress: readProgress(ctx, { topicId: id }),
      indicators: readIndicators(ctx, id),
      checklist: readChecklist(ctx, id),
      closure: readClosure(ctx, id),
      review: readReview(ctx, id),
      commendations: readCommendations(ctx, { topicId: id }),
      evidence: readTopicEvidence(ctx, id),
      locked: isTopicLocked(topic.status),
    };
  },
  'topic.reopen': (ctx, { id, reason }) => {
    const topic = topicState(ctx, id);
    if (!isTopicLocked(topic.status)) throw new LedgerError('BAD_STATE', `课题「${topic.title}」${topic.status}，未锁定，无需重新打开。`);
    tables.topic.update(ctx, id, { status: '破题中', closedDate: null }, { action: 'reopen', reason });
    const closure = readClosure(ctx, id);
    // The report goes back to draft so that it can be corrected and handed in again.
    if (closure) tables.closure.update(ctx, closure.id, { submittedDate: null, outcome: null, extendedUntil: null }, { action: 'reopen', reason });
    return readTopic(ctx, id);
  },
};
