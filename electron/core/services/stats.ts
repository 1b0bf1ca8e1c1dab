import type { Stats } from '../../../shared/domain/schemas';
import { today, type CoreContext } from '../context';
import { stmt } from '../db/statements';

/** The sentence the committee quotes, built only from the ledger's numbers. */
export function summarySentence(s: Pick<Stats, 'topics' | 'subtopics' | 'people' | 'party' | 'backbone'>): string {
  return `${s.topics}项课题细化分解为${s.subtopics}项小课题，明确责任人${s.people}人，其中党员${s.party}人、业务骨干${s.backbone}人`;
}

/*
 * Scope: the topics of a campaign and/or of a unit (as 领题支部 or 牵头部门, the
 * unit or any unit under it). Responsible people are those named as 责任人 of
 * a sub-topic or as 课题负责人, each counted once. A person counts as 党员 by
 * 人员类别, or by 政治面貌 (中共党员/中共预备党员) where the category is empty.
 */
const STATS_SQL = `
WITH RECURSIVE
  scope_units(id) AS (SELECT @unit WHERE @unit IS NOT NULL UNION SELECT u.id FROM units u JOIN scope_units su ON u.parent_id = su.id),
  t AS (SELECT id, leader_id FROM topics
        WHERE (@campaign IS NULL OR campaign_id = @campaign)
          AND (@unit IS NULL OR branch_id IN scope_units OR lead_department_id IN scope_units)),
  s AS (SELECT s.id, s.status, s.deadline FROM subtopics s JOIN t ON t.id = s.topic_id),
  ppl AS (SELECT o.person_id AS id FROM subtopic_owners o JOIN s ON s.id = o.subtopic_id
          UNION SELECT leader_id FROM t WHERE leader_id IS NOT NULL),
  cls AS (SELECT
            CASE WHEN p.category IS NOT NULL THEN p.category
                 WHEN p.political_status IN ('中共党员', '中共预备党员') THEN '党员' END AS cat
          FROM ppl JOIN people p ON p.id = ppl.id)
SELECT
  (SELECT count(*) FROM t) AS topics,
  (SELECT count(*) FROM s) AS subtopics,
  (SELECT count(*) FROM cls) AS people,
  (SELECT count(*) FROM cls WHERE cat = '党员') AS party,
  (SELECT count(*) FROM cls WHERE cat = '业务骨干') AS backbone,
  (SELECT count(*) FROM s WHERE status = '已销号') AS closedSubtopics,
  (SELECT count(*) FROM s WHERE status <> '已销号' AND deadline < @today) AS overdueSubtopics,
  (SELECT count(*) FROM indicators i JOIN t ON t.id = i.topic_id) AS indicators,
  (SELECT count(*) FROM indicators i JOIN t ON t.id = i.topic_id
     WHERE i.target IS NOT NULL AND i.actual IS NOT NULL
       AND ((i.higher_is_better = 1 AND i.actual >= i.target) OR (i.higher_is_better = 0 AND i.actual <= i.target))) AS indicatorsMet,
  (SELECT count(*) FROM checklist_items c JOIN t ON t.id = c.topic_id) AS checklist,
  (SELECT count(*) FROM checklist_items c JOIN t ON t.id = c.topic_id WHERE c.closed = 1) AS checklistDone`;

export function computeStats(ctx: CoreContext, scope: { campaignId?: string; unitId?: string }): Stats {
  const row = stmt(ctx.db, STATS_SQL).get({ campaign: scope.campaignId ?? null, unit: scope.unitId ?? null, today: today(ctx) }) as Omit<Stats, 'summary'>;
  return { ...row, summary: summarySentence(row) };
}
