import type { TopicFilter, topicContract } from '../../../shared/contract/topics';
import { TOPIC_STATUSES, type TopicStatus } from '../../../shared/domain/enums';
import type { TopicListRow } from '../../../shared/domain/schemas';
import { today, type CoreContext } from '../context';
import { camelRow, likeArg, stmt, type Row } from '../db/statements';
import { tables } from '../db/tables';
import { LedgerError } from '../errors';
import { assertTopicEditable, isTopicLocked, onConflict, requireRef, requireUnitKind, topicState } from './guards';
import type { Handlers } from './handlers';
import { TOPIC_ORDER, assertOrder, merged } from './rules';
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

const titleConflict = (title: string | undefined) => `本活动中本支部已有名为「${title}」的课题（课题名称在同一支部内不能重复）。`;

/** Per-topic progress: the counters kept by migration 0003's triggers, and overdue items from the open-items index. */
const PROGRESS_COLUMNS = `,
  t.subtopic_count AS subtopics,
  t.closed_subtopic_count AS closed_subtopics,
  (SELECT count(*) FROM subtopics s WHERE s.topic_id = t.id AND s.status <> '已销号' AND s.deadline < @today) AS overdue
  FROM topics t`;

/** Topics in the ledger's order: by campaign, then 序号 as a number where it is one (2 before 10), then as text. */
function byCampaignThenCode(a: TopicListRow, b: TopicListRow): number {
  if (a.campaignId !== b.campaignId) return a.campaignId < b.campaignId ? -1 : 1;
  const na = Number.parseInt(a.code, 10) || 0;
  const nb = Number.parseInt(b.code, 10) || 0;
  if (na !== nb) return na - nb;
  if (a.code !== b.code) return a.code < b.code ? -1 : 1;
  return a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0;
}

export function listTopics(ctx: CoreContext, filter: TopicFilter): TopicListRow[] {
  const where: string[] = [];
  const params: Record<string, unknown> = { today: today(ctx) };
  if (filter.campaignId) {
    where.push('t.campaign_id = @campaign');
    params.campaign = filter.campaignId;
  }
  if (filter.status?.length) {
    where.push(`t.status IN (${filter.status.map((_, i) => `@status${i}`).join(', ')})`);
    filter.status.forEach((s, i) => (params[`status${i}`] = s));
  }
  if (filter.branchId) {
    where.push('t.branch_id = @branch');
    params.branch = filter.branchId;
  }
  if (filter.leadDepartmentId) {
    where.push('t.lead_department_id = @dept');
    params.dept = filter.leadDepartmentId;
  }
  if (filter.overdue) {
    where.push("EXISTS (SELECT 1 FROM subtopics s WHERE s.topic_id = t.id AND s.status <> '已销号' AND s.deadline < @today)");
  }
  if (filter.q) {
    params.q = likeArg(filter.q);
    where.push(`(t.title LIKE @q ESCAPE '\\' OR t.code LIKE @q ESCAPE '\\' OR t.goal LIKE @q ESCAPE '\\' OR b.name LIKE @q ESCAPE '\\'
      OR d.name LIKE @q ESCAPE '\\' OR l.name LIKE @q ESCAPE '\\'
      OR EXISTS (SELECT 1 FROM subtopics s WHERE s.topic_id = t.id AND s.title LIKE @q ESCAPE '\\'))`);
  }
  const sql = `${TOPIC_SQL.replace('FROM topics t', PROGRESS_COLUMNS)} ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`;
  const rows = (stmt(ctx.db, sql).all(params) as Row[]).map(camelRow) as TopicListRow[];
  // Sorted here rather than by SQLite: a temp b-tree of whole rows costs more than the query itself.
  return rows.sort(byCampaignThenCode);
}

export const topicHandlers: Pick<Handlers<typeof topicContract>, 'topic.create' | 'topic.update' | 'topic.delete' | 'topic.list' | 'topic.get' | 'topic.reopen'> = {
  'topic.create': (ctx, input) => {
    checkTopicRefs(ctx, input);
    assertOrder(input, TOPIC_ORDER);
    const id = onConflict(titleConflict(input.title), () => tables.topic.insert(ctx, input), 'title');
    return readTopic(ctx, id);
  },
  'topic.update': (ctx, { id, ...patch }) => {
    assertTopicEditable(ctx, id);
    if (patch.parentTopicId === id) throw new LedgerError('VALIDATION', '「所属规定课题」不能是课题自己。');
    checkTopicRefs(ctx, patch);
    assertOrder(merged(tables.topic.get(ctx, id), patch), TOPIC_ORDER);
    onConflict(titleConflict(patch.title), () => tables.topic.update(ctx, id, patch), 'title');
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
