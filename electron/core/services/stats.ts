import type { Stats } from '../../../shared/domain/schemas';
import { today, type CoreContext } from '../context';
import { stmt } from '../db/statements';

/** The sentence the committee quotes, built only from the ledger's numbers. */
export function summarySentence(s: Pick<Stats, 'topics' | 'subtopics' | 'people' | 'party' | 'backbone'>): string {
  return `${s.topics}项课题细化分解为${s.subtopics}项小课题，明确责任人${s.people}人，其中党员${s.party}人、业务骨干${s.backbone}人`;
}

export interface StatsScope {
  campaignId?: string;
  /** A unit as 领题支部 or 牵头部门, including every unit under it. */
  unitId?: string;
  /** The office (our unit) whose packages brought the topics: the topics exchanged in from it (exchange_provenance). */
  sourceUnitId?: string;
}

/** The ids of the topics last written by a package from the office @source (our unit id of it). */
export const TOPICS_FROM_SOURCE = `SELECT p.row_id FROM exchange_provenance p
  JOIN exchange_inbox i ON i.source_ledger_id = p.source_ledger_id AND i.source_unit_name = p.source_unit_name
  WHERE p.tbl = 'topics' AND i.local_unit_id = @source`;

/** The topics in scope, as a WHERE clause over `t` (built per scope shape, so SQLite can use the right index). */
function topicScope(scope: StatsScope): string {
  const conds: string[] = [];
  if (scope.campaignId) conds.push('t.campaign_id = @campaign');
  if (scope.unitId) {
    conds.push(`(t.branch_id IN (SELECT id FROM scope_units) OR t.lead_department_id IN (SELECT id FROM scope_units))`);
  }
  if (scope.sourceUnitId) conds.push(`t.id IN (${TOPICS_FROM_SOURCE})`);
  return conds.length ? conds.join(' AND ') : '1';
}

/**
 * The scope's topics, materialised first; `x IN (SELECT id FROM t)` then walks
 * from them to their rows through the topic_id indexes, instead of letting the
 * planner start from 50,000 sub-topics and look each topic up.
 */
function scopeCte(scope: StatsScope, where: string): string {
  const units = scope.unitId ? `scope_units(id) AS (SELECT @unit UNION SELECT u.id FROM units u JOIN scope_units su ON u.parent_id = su.id), ` : '';
  return `WITH RECURSIVE ${units}t AS MATERIALIZED (SELECT t.id, t.leader_id FROM topics t WHERE ${where})`;
}

/** 党员 by 人员类别, or by 政治面貌 where the category is empty; 业务骨干 by category. */
const CATEGORY = `CASE WHEN p.category IS NOT NULL THEN p.category WHEN p.political_status IN ('中共党员', '中共预备党员') THEN '党员' END`;

/*
 * Responsible people are those named as 责任人 of a sub-topic or as 课题负责人,
 * each counted once. Two query shapes for one answer: a whole campaign asks
 * each person "do you own anything in scope?" (stops at the first hit); a unit
 * scope is small, so it walks its own topics' owners instead.
 */
function peopleSql(scope: StatsScope, where: string): string {
  if (scope.unitId) {
    return `${scopeCte(scope, where)},
      ppl AS (SELECT o.person_id AS id FROM subtopic_owners o WHERE o.subtopic_id IN (SELECT s.id FROM subtopics s WHERE s.topic_id IN (SELECT id FROM t))
              UNION SELECT leader_id FROM t WHERE leader_id IS NOT NULL)
      SELECT count(*) AS people, ifnull(sum(cat = '党员'), 0) AS party, ifnull(sum(cat = '业务骨干'), 0) AS backbone
      FROM (SELECT ${CATEGORY} AS cat FROM ppl JOIN people p ON p.id = ppl.id)`;
  }
  return `SELECT count(*) AS people, ifnull(sum(cat = '党员'), 0) AS party, ifnull(sum(cat = '业务骨干'), 0) AS backbone
    FROM (SELECT ${CATEGORY} AS cat FROM people p
          WHERE EXISTS (SELECT 1 FROM subtopic_owners o JOIN subtopics s ON s.id = o.subtopic_id JOIN topics t ON t.id = s.topic_id
                        WHERE o.person_id = p.id AND ${where})
             OR EXISTS (SELECT 1 FROM topics t WHERE t.leader_id = p.id AND ${where}))`;
}

function countsSql(scope: StatsScope, where: string): string {
  return `${scopeCte(scope, where)},
    sub AS (SELECT count(*) AS subtopics, ifnull(sum(s.status = '已销号'), 0) AS closedSubtopics,
                   ifnull(sum(s.status <> '已销号' AND s.deadline < @today), 0) AS overdueSubtopics
            FROM subtopics s WHERE s.topic_id IN (SELECT id FROM t)),
    ind AS (SELECT count(*) AS indicators,
                   ifnull(sum(i.target IS NOT NULL AND i.actual IS NOT NULL
                     AND ((i.higher_is_better = 1 AND i.actual >= i.target) OR (i.higher_is_better = 0 AND i.actual <= i.target))), 0) AS indicatorsMet
            FROM indicators i WHERE i.topic_id IN (SELECT id FROM t)),
    chk AS (SELECT count(*) AS checklist, ifnull(sum(c.closed = 1), 0) AS checklistDone FROM checklist_items c WHERE c.topic_id IN (SELECT id FROM t))
  SELECT (SELECT count(*) FROM t) AS topics, sub.*, ind.*, chk.* FROM sub, ind, chk`;
}

export function computeStats(ctx: CoreContext, scope: StatsScope): Stats {
  const where = topicScope(scope);
  const params: Record<string, string> = { today: today(ctx) };
  if (scope.campaignId) params.campaign = scope.campaignId;
  if (scope.unitId) params.unit = scope.unitId;
  if (scope.sourceUnitId) params.source = scope.sourceUnitId;
  const counts = stmt(ctx.db, countsSql(scope, where)).get(params) as Omit<Stats, 'summary' | 'people' | 'party' | 'backbone'>;
  const { today: _today, ...scopeParams } = params; // the people query has no date in it
  const people = stmt(ctx.db, peopleSql(scope, where)).get(scopeParams) as Pick<Stats, 'people' | 'party' | 'backbone'>;
  const stats = { ...counts, ...people };
  return { ...stats, summary: summarySentence(stats) };
}
