import type { Dashboard, ProgressGroup } from '../../../shared/domain/schemas';
import type { CoreContext } from '../context';
import { stmt } from '../db/statements';
import { computeStats, TOPICS_FROM_SOURCE } from './stats';
import { deadlinePages } from './subtopics';

/*
 * The dashboard, summarised where the data is: at province scale (2,000
 * topics, 50,000 sub-topics) the screen once downloaded the whole topic list
 * and the whole overdue list (about 10 MB) to draw two charts and the first
 * rows of two tables, and showed the quoted sentence only after 6.5–8 s.
 */

const GROUP_SQL = (unitColumn: 'branch_id' | 'lead_department_id', bySource: boolean) => `
  SELECT ifnull(u.name, '（未指定）') AS name, count(*) AS topics,
         sum(t.closed_subtopic_count) AS done, sum(t.subtopic_count) AS total
    FROM topics t LEFT JOIN units u ON u.id = t.${unitColumn}
   WHERE t.campaign_id = @campaign${bySource ? ` AND t.id IN (${TOPICS_FROM_SOURCE})` : ''}
   GROUP BY 1`;

/** Ticked-off sub-topics over all sub-topics per branch or per lead department, best first (from the counters migration 0003 keeps). */
function progressGroups(ctx: CoreContext, campaignId: string, unitColumn: 'branch_id' | 'lead_department_id', sourceUnitId?: string): ProgressGroup[] {
  const rows = stmt(ctx.db, GROUP_SQL(unitColumn, !!sourceUnitId)).all({ campaign: campaignId, ...(sourceUnitId ? { source: sourceUnitId } : {}) }) as { name: string; topics: number; done: number; total: number }[];
  return rows
    .map((g) => ({ ...g, pct: g.total ? Math.round((g.done / g.total) * 100) : 0 }))
    .sort((a, b) => b.pct - a.pct || a.name.localeCompare(b.name, 'zh-CN'));
}

/** The dashboard; cut by source office (sourceUnitId), its figures and per-unit tables cover the topics that office's packages brought (the deadline lists stay whole). */
export function dashboard(ctx: CoreContext, q: { campaignId?: string; sourceUnitId?: string; rows: number; days: number }): Dashboard {
  const scope = q.campaignId ? { campaignId: q.campaignId } : {};
  return {
    stats: computeStats(ctx, { ...scope, sourceUnitId: q.sourceUnitId }),
    byBranch: q.campaignId ? progressGroups(ctx, q.campaignId, 'branch_id', q.sourceUnitId) : [],
    byDepartment: q.campaignId ? progressGroups(ctx, q.campaignId, 'lead_department_id', q.sourceUnitId) : [],
    ...deadlinePages(ctx, scope, q.rows, q.days),
  };
}
