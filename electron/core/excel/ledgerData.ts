import { indicatorMet } from '../services/reads';
import { today, type CoreContext } from '../context';
import { plainSelect, stmt, type Row } from '../db/statements';
import type { SubtopicStatus, TopicSource, TopicStatus } from '../../../shared/domain/enums';
import { readCampaign } from '../services/organisation';
import type { Campaign } from '../../../shared/domain/schemas';
import { CHECKLIST, INDICATOR, PERSON, SUBTOPIC, plainFields, type PlainValue } from '../../../shared/fields';

/*
 * The ledger as flat rows for the workbook and the printed table, read with a
 * handful of set queries (not one query per topic): the export of a
 * province-size ledger must cost little more than writing the file.
 */

export interface LedgerSub {
  /** The sub-topic's own 编号 (3.1), '' when it has none. */
  code: string;
  title: string;
  owners: string;
  deadline: string | null;
  deadlineText: string;
  status: SubtopicStatus;
  closedDate: string | null;
  overdue: boolean;
  /** The sub-topic's plain fields by key (推进措施, 进展情况, 备注…): the workbook and the print take them as they are. */
  plain: Record<string, PlainValue>;
}

const SUB_PLAIN = plainFields(SUBTOPIC).map((f) => f.key);

export interface LedgerTopic {
  id: string;
  code: string;
  title: string;
  source: TopicSource;
  status: TopicStatus;
  leadDepartment: string;
  branch: string;
  leader: string;
  subs: LedgerSub[];
}

export interface LedgerFilter {
  campaignId: string | null;
  branchId?: string;
  overdue?: boolean;
}

/** The campaign asked for, or the latest one (by year) when none is named; null in an empty ledger. */
export function pickCampaign(ctx: CoreContext, campaignId: string | undefined): Campaign | null {
  if (campaignId) return readCampaign(ctx, campaignId);
  const row = stmt(ctx.db, 'SELECT id FROM campaigns ORDER BY year DESC, created_at DESC LIMIT 1').get() as { id: string } | undefined;
  return row ? readCampaign(ctx, row.id) : null;
}

const TOPICS_SQL = `SELECT t.id, t.code, t.title, t.source, t.status, ifnull(d.name, '') AS leadDepartment, ifnull(b.name, '') AS branch, ifnull(l.name, '') AS leader
  FROM topics t LEFT JOIN units d ON d.id = t.lead_department_id LEFT JOIN units b ON b.id = t.branch_id LEFT JOIN people l ON l.id = t.leader_id
  WHERE t.campaign_id = @campaign AND (@branch IS NULL OR t.branch_id = @branch)`;

/**
 * Every topic in scope in ledger order, with its sub-topics in theirs (one
 * row with NULL sub-topic columns for a topic without any), and each
 * sub-topic's 责任人 joined in their order by SQLite: one ordered pass that
 * the caller reads as a stream, a topic at a time.
 */
const ROWS_SQL = `SELECT t.id, s.title,
    ifnull((SELECT group_concat(p.name, '、' ORDER BY o.seq) FROM subtopic_owners o JOIN people p ON p.id = o.person_id WHERE o.subtopic_id = s.id), '') AS owners,
    s.deadline, s.deadline_text, s.status, s.closed_date, s.code, ${plainSelect(SUBTOPIC, 's').join(', ')}
  FROM topics t LEFT JOIN subtopics s ON s.topic_id = t.id
  WHERE t.campaign_id = @campaign AND (@branch IS NULL OR t.branch_id = @branch)
  ORDER BY CAST(t.code AS INTEGER), t.code, t.created_at, t.id, s.seq, s.created_at, s.id`;

/** A row as SQLite gives it (raw: an array, cheaper than an object per row); the plain fields follow in SUB_PLAIN's order. */
type SubRow = [topicId: string, title: string | null, owners: string, deadline: string | null, deadlineText: string, status: SubtopicStatus, closedDate: string | null, code: string, ...plain: PlainValue[]];
const FIRST_PLAIN = 8;

/**
 * The ledger a topic at a time, streamed from SQLite (nothing but the topic
 * heads, a few thousand, is held in memory): the export writes each topic's
 * rows as they come. Consume it in one synchronous stretch: the statement
 * keeps the connection busy until the iteration ends.
 */
export function* iterateLedgerTopics(ctx: CoreContext, filter: LedgerFilter): Generator<LedgerTopic> {
  if (!filter.campaignId) return;
  const params = { campaign: filter.campaignId, branch: filter.branchId ?? null };
  const heads = new Map<string, Omit<LedgerTopic, 'subs'>>();
  for (const t of stmt(ctx.db, TOPICS_SQL).all(params) as (Omit<LedgerTopic, 'subs'> & Row)[]) heads.set(t.id, t);
  const t = today(ctx);
  let topic = null as LedgerTopic | null;
  let anyOverdue = false;
  for (const r of stmt(ctx.db, ROWS_SQL).raw(true).iterate(params) as IterableIterator<SubRow>) {
    if (topic?.id !== r[0]) {
      if (topic && (!filter.overdue || anyOverdue)) yield topic;
      topic = { ...heads.get(r[0])!, subs: [] };
      anyOverdue = false;
    }
    if (r[1] === null) continue; // a topic without sub-topics
    const status = r[5];
    const deadline = r[3];
    const overdue = status !== '已销号' && deadline !== null && deadline < t;
    anyOverdue ||= overdue;
    const plain: Record<string, PlainValue> = {};
    for (let i = 0; i < SUB_PLAIN.length; i++) plain[SUB_PLAIN[i]!] = r[FIRST_PLAIN + i] as PlainValue;
    topic.subs.push({ code: r[7], title: r[1], owners: r[2], deadline, deadlineText: r[4], status, closedDate: r[6], overdue, plain });
  }
  if (topic && (!filter.overdue || anyOverdue)) yield topic;
}

export function readLedgerTopics(ctx: CoreContext, filter: LedgerFilter): LedgerTopic[] {
  return [...iterateLedgerTopics(ctx, filter)];
}

/** A row of a simple sheet: its values by column key (the import's field keys, shared/fields). */
export type SheetRow = Record<string, PlainValue | boolean>;

export interface RosterRow extends SheetRow {
  name: string;
  unit: string;
  politicalStatus: string;
  category: string;
}

/** Everyone in the ledger: the roster is the ledger's, not one campaign's (a person serves in several). */
export function readRoster(ctx: CoreContext): RosterRow[] {
  return stmt(
    ctx.db,
    `SELECT p.name, ifnull(u.name, '') AS unit, ifnull(p.political_status, '') AS politicalStatus, ifnull(p.category, '') AS category,
            ${plainSelect(PERSON, 'p').join(', ')}
     FROM people p LEFT JOIN units u ON u.id = p.unit_id ORDER BY u.name, p.name`,
  ).all() as RosterRow[];
}

export interface IndicatorRow extends SheetRow {
  topic: string;
  name: string;
  unit: string;
  baseline: number | null;
  target: number | null;
  actual: number | null;
  met: boolean | null;
}

export function readIndicatorRows(ctx: CoreContext, campaignId: string | null): IndicatorRow[] {
  if (!campaignId) return [];
  const rows = stmt(
    ctx.db,
    `SELECT t.title AS topic, i.name, i.unit, i.baseline, i.target, i.actual, i.higher_is_better AS hib, ${plainSelect(INDICATOR, 'i').join(', ')}
     FROM indicators i JOIN topics t ON t.id = i.topic_id WHERE t.campaign_id = ?
     ORDER BY CAST(t.code AS INTEGER), t.code, t.created_at, i.seq, i.created_at`,
  ).all(campaignId) as (IndicatorRow & { hib: number })[];
  return rows.map(({ hib, ...r }) => ({ ...r, met: indicatorMet({ target: r.target, actual: r.actual, higherIsBetter: hib === 1 }) }));
}

export interface ChecklistRow extends SheetRow {
  topic: string;
  /** 序号 within its topic. */
  seq: number;
  item: string;
  owner: string;
  closed: boolean;
}

export function readChecklistRows(ctx: CoreContext, campaignId: string | null): ChecklistRow[] {
  if (!campaignId) return [];
  const rows = stmt(
    ctx.db,
    `SELECT t.id AS topicId, t.title AS topic, c.item, coalesce(p.name, nullif(c.owner_name, ''), '') AS owner, c.closed, ${plainSelect(CHECKLIST, 'c').join(', ')}
     FROM checklist_items c JOIN topics t ON t.id = c.topic_id LEFT JOIN people p ON p.id = c.owner_id
     WHERE t.campaign_id = ? ORDER BY CAST(t.code AS INTEGER), t.code, t.created_at, c.seq, c.created_at`,
  ).all(campaignId) as (Omit<ChecklistRow, 'seq' | 'closed'> & { topicId: string; closed: number })[];
  let last = '';
  let no = 0;
  return rows.map(({ topicId, closed, ...r }) => {
    no = topicId === last ? no + 1 : 1;
    last = topicId;
    return { ...r, seq: no, closed: closed === 1 } as ChecklistRow;
  });
}
