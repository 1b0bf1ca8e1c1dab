import type { ChecklistItem, Closure, Commendation, Evidence, Indicator, ProgressEntry, Review, Subtopic, Topic } from '../../../shared/domain/schemas';
import { today, type CoreContext } from '../context';
import { camelRow, stmt, type Row } from '../db/statements';
import { tables } from '../db/tables';
import { notFound } from '../errors';

/*
 * The read side: records as the contract returns them, with names resolved
 * and derived flags (overdue, met, 会议销号) computed in one place.
 */

/** A topic with its names, and where it came from: the office whose package last wrote it, and when (none if typed here). */
export const TOPIC_SQL = `SELECT t.*, b.name AS branch_name, d.name AS lead_department_name, l.name AS leader_name, c.name AS committee_name,
  xp.source_unit_name AS source_unit, xp.exchanged_at AS exchanged_at
  FROM topics t
  LEFT JOIN units b ON b.id = t.branch_id
  LEFT JOIN units d ON d.id = t.lead_department_id
  LEFT JOIN people l ON l.id = t.leader_id
  LEFT JOIN units c ON c.id = t.committee_id
  LEFT JOIN exchange_provenance xp ON xp.tbl = 'topics' AND xp.row_id = t.id`;

export function readTopic(ctx: CoreContext, id: string): Topic {
  const row = stmt(ctx.db, `${TOPIC_SQL} WHERE t.id = ?`).get(id) as Row | undefined;
  if (!row) throw notFound('课题', id);
  return camelRow(row) as Topic;
}

const SUBTOPIC_SQL = `SELECT s.*, (SELECT count(*) FROM evidence e WHERE e.owner_type = 'subtopic' AND e.owner_id = s.id) AS evidence_count
  FROM subtopics s`;
const OWNER_SQL = `SELECT o.subtopic_id AS subtopicId, p.id, p.name, u.name AS unitName
  FROM subtopic_owners o JOIN people p ON p.id = o.person_id LEFT JOIN units u ON u.id = p.unit_id`;

function toSubtopic(row: Row, owners: Subtopic['owners'], todayStr: string): Subtopic {
  const s = camelRow(row);
  const status = s.status as Subtopic['status'];
  const deadline = s.deadline as string | null;
  const evidenceCount = s.evidenceCount as number;
  return {
    ...(s as unknown as Subtopic),
    supervised: s.supervised === 1,
    ownerIds: owners.map((o) => o.id),
    owners,
    overdue: status !== '已销号' && deadline !== null && deadline < todayStr,
    closedByMeetingOnly: status === '已销号' && evidenceCount === 0,
  };
}

export function readSubtopics(ctx: CoreContext, topicId: string): Subtopic[] {
  const rows = stmt(ctx.db, `${SUBTOPIC_SQL} WHERE s.topic_id = ? ORDER BY s.seq, s.created_at`).all(topicId) as Row[];
  const owners = stmt(ctx.db, `${OWNER_SQL} JOIN subtopics s ON s.id = o.subtopic_id WHERE s.topic_id = ? ORDER BY o.seq`).all(topicId) as (Subtopic['owners'][number] & {
    subtopicId: string;
  })[];
  const bySubtopic = new Map<string, Subtopic['owners']>();
  for (const { subtopicId, ...owner } of owners) {
    const list = bySubtopic.get(subtopicId) ?? [];
    list.push(owner);
    bySubtopic.set(subtopicId, list);
  }
  const t = today(ctx);
  return rows.map((r) => toSubtopic(r, bySubtopic.get(r.id as string) ?? [], t));
}

export function readSubtopic(ctx: CoreContext, id: string): Subtopic {
  const row = stmt(ctx.db, `${SUBTOPIC_SQL} WHERE s.id = ?`).get(id) as Row | undefined;
  if (!row) throw notFound('小课题', id);
  const owners = stmt(ctx.db, `${OWNER_SQL} WHERE o.subtopic_id = ? ORDER BY o.seq`).all(id) as (Subtopic['owners'][number] & { subtopicId: string })[];
  return toSubtopic(row, owners.map(({ subtopicId: _, ...o }) => o), today(ctx));
}

const PROGRESS_SQL = `SELECT pe.*, s.title AS subtopic_title, r.name AS roster_reporter_name,
  (SELECT count(*) FROM evidence e WHERE e.owner_type = 'progress' AND e.owner_id = pe.id) AS evidence_count
  FROM progress_entries pe LEFT JOIN subtopics s ON s.id = pe.subtopic_id LEFT JOIN people r ON r.id = pe.reporter_id`;

/**
 * 汇报人 is chosen from the roster (reporter_id) in the app, or kept as the
 * text of a legacy sheet (reporter_name) by the import: the entry shows the
 * roster's current name when it has one, else the text.
 */
function toProgressEntry(row: Row): ProgressEntry {
  const { rosterReporterName, ...entry } = camelRow(row);
  return { ...(entry as unknown as ProgressEntry), reporterName: (rosterReporterName as string | null) ?? (entry.reporterName as string) };
}

export function readProgress(ctx: CoreContext, where: { id?: string; topicId?: string; subtopicId?: string }): ProgressEntry[] {
  const conds: string[] = [];
  const params: string[] = [];
  for (const [key, col] of [['id', 'pe.id'], ['topicId', 'pe.topic_id'], ['subtopicId', 'pe.subtopic_id']] as const) {
    const value = where[key];
    if (value) {
      conds.push(`${col} = ?`);
      params.push(value);
    }
  }
  const rows = stmt(ctx.db, `${PROGRESS_SQL} WHERE ${conds.join(' AND ')} ORDER BY pe.entry_date DESC, pe.created_at DESC`).all(...params) as Row[];
  return rows.map(toProgressEntry);
}

export function indicatorMet(i: { target: number | null; actual: number | null; higherIsBetter: boolean }): boolean | null {
  if (i.target === null || i.actual === null) return null;
  return i.higherIsBetter ? i.actual >= i.target : i.actual <= i.target;
}

export function readIndicators(ctx: CoreContext, topicId: string, id?: string): Indicator[] {
  const rows = (id
    ? stmt(ctx.db, 'SELECT * FROM indicators WHERE id = ?').all(id)
    : stmt(ctx.db, 'SELECT * FROM indicators WHERE topic_id = ? ORDER BY seq, created_at').all(topicId)) as Row[];
  return rows.map((r) => {
    const i = camelRow(r) as unknown as Indicator;
    const higherIsBetter = (r.higher_is_better as number) === 1;
    return { ...i, higherIsBetter, met: indicatorMet({ target: i.target, actual: i.actual, higherIsBetter }) };
  });
}

export function readChecklist(ctx: CoreContext, topicId: string, id?: string): ChecklistItem[] {
  const base = `SELECT c.*, (SELECT count(*) FROM evidence e WHERE e.owner_type = 'checklist' AND e.owner_id = c.id) AS evidence_count FROM checklist_items c`;
  const rows = (id
    ? stmt(ctx.db, `${base} WHERE c.id = ?`).all(id)
    : stmt(ctx.db, `${base} WHERE c.topic_id = ? ORDER BY c.seq, c.created_at`).all(topicId)) as Row[];
  return rows.map((r) => ({ ...(camelRow(r) as unknown as ChecklistItem), closed: r.closed === 1 }));
}

export function readClosure(ctx: CoreContext, topicId: string): Closure | null {
  const row = stmt(ctx.db, 'SELECT * FROM closures WHERE topic_id = ?').get(topicId) as Row | undefined;
  return row ? (camelRow(row) as Closure) : null;
}

export function readReview(ctx: CoreContext, topicId: string): Review | null {
  const row = stmt(ctx.db, 'SELECT id FROM reviews WHERE topic_id = ?').get(topicId) as { id: string } | undefined;
  return row ? (tables.review.get(ctx, row.id) as unknown as Review) : null;
}

export const COMMENDATION_SQL = `SELECT m.*, t.title AS topic_title, u.name AS unit_name FROM commendations m
  LEFT JOIN topics t ON t.id = m.topic_id LEFT JOIN units u ON u.id = m.unit_id`;

export function readCommendations(ctx: CoreContext, where: { id?: string; campaignId?: string; topicId?: string }): Commendation[] {
  const conds: string[] = [];
  const params: string[] = [];
  for (const [key, col] of [['id', 'm.id'], ['campaignId', 'm.campaign_id'], ['topicId', 'm.topic_id']] as const) {
    const value = where[key];
    if (value) {
      conds.push(`${col} = ?`);
      params.push(value);
    }
  }
  const sql = `${COMMENDATION_SQL} ${conds.length ? `WHERE ${conds.join(' AND ')}` : ''} ORDER BY m.awarded_date DESC, m.created_at`;
  return (stmt(ctx.db, sql).all(...params) as Row[]).map(camelRow) as Commendation[];
}

/** Evidence of a topic: its closure's, and that of its sub-topics, progress entries and check-off items. */
export function readTopicEvidence(ctx: CoreContext, topicId: string): Evidence[] {
  const rows = stmt(
    ctx.db,
    `SELECT e.* FROM evidence e WHERE
       (e.owner_type = 'closure' AND e.owner_id = @topic)
    OR (e.owner_type = 'subtopic' AND e.owner_id IN (SELECT id FROM subtopics WHERE topic_id = @topic))
    OR (e.owner_type = 'progress' AND e.owner_id IN (SELECT id FROM progress_entries WHERE topic_id = @topic))
    OR (e.owner_type = 'checklist' AND e.owner_id IN (SELECT id FROM checklist_items WHERE topic_id = @topic))
     ORDER BY e.created_at`,
  ).all({ topic: topicId }) as Row[];
  return rows.map(camelRow) as Evidence[];
}
