import { describe, expect, it } from 'vitest';
import type { Deadline, TopicListRow } from '../../shared/domain/schemas';
import { buildProvinceLedger } from '../bench/province';
import { count, memoryCore } from '../helpers/core';

/*
 * The calls that keep the screens small at province scale (issue 16): the
 * dashboard summarised in the core, people searched instead of listed whole,
 * checklist items added in one call. Each is checked against the long way
 * round it replaces, on a generated ledger large enough for lists to matter.
 */

function progressTheLongWay(rows: TopicListRow[], key: 'branchName' | 'leadDepartmentName') {
  const groups = new Map<string, { done: number; total: number; topics: number }>();
  for (const r of rows) {
    const g = groups.get(r[key] ?? '（未指定）') ?? { done: 0, total: 0, topics: 0 };
    g.done += r.closedSubtopics;
    g.total += r.subtopics;
    g.topics += 1;
    groups.set(r[key] ?? '（未指定）', g);
  }
  return [...groups.entries()].map(([name, g]) => ({ name, ...g, pct: g.total ? Math.round((g.done / g.total) * 100) : 0 }));
}

const byName = <T extends { name: string }>(xs: T[]) => [...xs].sort((a, b) => a.name.localeCompare(b.name));

describe('province-scale screens', () => {
  const core = memoryCore();
  const { campaignId } = buildProvinceLedger(core, { topics: 300, subtopics: 6_000, people: 500, branches: 40, departments: 12 });

  it('dashboard.get: the statistics, progress per branch and department, and the first rows of the deadline lists with their totals', async () => {
    const d = await core.call('dashboard.get', { campaignId, rows: 25 });
    expect(d.stats).toEqual(await core.call('stats.get', { campaignId }));
    const topics = await core.call('topic.list', { campaignId });
    expect(byName(d.byBranch)).toEqual(byName(progressTheLongWay(topics, 'branchName')));
    expect(byName(d.byDepartment)).toEqual(byName(progressTheLongWay(topics, 'leadDepartmentName')));
    expect(d.byBranch.map((g) => g.pct)).toEqual([...d.byBranch.map((g) => g.pct)].sort((a, b) => b - a));
    const overdue: Deadline[] = await core.call('subtopic.overdue', { campaignId });
    const upcoming: Deadline[] = await core.call('subtopic.upcoming', { campaignId, days: 14 });
    expect(overdue.length).toBeGreaterThan(25);
    expect(d.overdue).toEqual({ total: overdue.length, rows: overdue.slice(0, 25) });
    expect(d.upcoming).toEqual({ total: upcoming.length, rows: upcoming.slice(0, 25) });
    expect(d.stats.overdueSubtopics).toBe(overdue.length);
    // The whole answer stays small: the old screen downloaded every topic and every overdue row.
    expect(JSON.stringify(d).length).toBeLessThan(JSON.stringify(overdue).length / 10);
  });

  it('person.list searches in the core: names starting with the text first, a limit, and chosen people by id', async () => {
    const all = await core.call('person.list', {});
    expect(all).toHaveLength(500);
    const found = await core.call('person.list', { q: '人员1', limit: 5 });
    expect(found.map((p) => p.name)).toEqual(['人员1', '人员10', '人员11', '人员12', '人员13']);
    const someone = all[123]!;
    const chosen = await core.call('person.list', { ids: [someone.id, all[7]!.id] });
    expect(chosen.map((p) => p.id).sort()).toEqual([someone.id, all[7]!.id].sort());
    // LIKE's own characters are text, not patterns.
    expect(await core.call('person.list', { q: '%' })).toEqual([]);
  });

  it('checklist.createMany adds a pasted block in one call, and adds none when one item is refused', async () => {
    const [topic] = await core.call('topic.list', { campaignId });
    const items = Array.from({ length: 300 }, (_, i) => ({ item: `走访商户${i + 1}`, area: `网点${i % 7}` }));
    const before = count(core, 'checklist_items');
    const added = await core.call('checklist.createMany', { topicId: topic!.id, items });
    expect(added.map((c) => c.item)).toEqual(items.map((i) => i.item));
    expect(count(core, 'checklist_items')).toBe(before + 300);
    await expect(core.call('checklist.createMany', { topicId: topic!.id, items: [{ item: '新事项' }, { item: '走访商户5' }] })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: '第 2 项「走访商户5」：该课题的销号清单中已有事项「走访商户5」。本次没有添加任何事项。',
    });
    expect(count(core, 'checklist_items')).toBe(before + 300);
  });
});
