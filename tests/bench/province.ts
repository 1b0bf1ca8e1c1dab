import dayjs from 'dayjs';
import { v7 as uuidv7 } from 'uuid';
import type { Core } from '../../electron/core';
import { PERSON_CATEGORIES, POLITICAL_STATUSES, SUBTOPIC_STATUSES, TOPIC_STATUSES } from '../../shared/domain/enums';

export interface ProvinceSize {
  topics: number;
  subtopics: number;
  people: number;
  branches?: number;
  departments?: number;
}

/** A deterministic pseudo-random sequence, so every bench run builds the same ledger. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/**
 * A province-scale ledger written straight into the tables (setup, not the
 * thing measured): one campaign, `topics` topics spread over branches and
 * departments, `subtopics` sub-topics with 1–3 owners each, deadlines around
 * the core's today, indicators and check-off items.
 */
export function buildProvinceLedger(core: Core, size: ProvinceSize): { campaignId: string; branchIds: string[]; departmentIds: string[] } {
  const { db } = core;
  const rand = rng(20240615);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
  const now = core.ctx.now().toISOString();
  const today = dayjs(core.ctx.now());
  const unitIns = db.prepare('INSERT INTO units (id, name, kind, parent_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)');
  const personIns = db.prepare('INSERT INTO people (id, name, unit_id, political_status, category, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
  const topicIns = db.prepare(
    `INSERT INTO topics (id, campaign_id, code, title, source, lead_department_id, branch_id, leader_id, assignment, goal, status, start_date, end_date, created_at, updated_at)
     VALUES (?, ?, ?, ?, '规定课题', ?, ?, ?, '点题', ?, ?, ?, ?, ?, ?)`,
  );
  const subIns = db.prepare(
    `INSERT INTO subtopics (id, topic_id, seq, code, title, measures, deadline, deadline_text, status, closed_date, progress, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const ownerIns = db.prepare('INSERT INTO subtopic_owners (subtopic_id, person_id, seq) VALUES (?, ?, ?)');
  const indIns = db.prepare('INSERT INTO indicators (id, topic_id, seq, name, unit, baseline, target, actual, created_at, updated_at) VALUES (?, ?, 0, ?, ?, ?, ?, ?, ?, ?)');
  const chkIns = db.prepare('INSERT INTO checklist_items (id, topic_id, seq, item, area, closed, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');

  let result!: { campaignId: string; branchIds: string[]; departmentIds: string[] };
  db.transaction(() => {
    const committee = uuidv7();
    unitIns.run(committee, '中共某省邮政分公司委员会', '党委', null, now, now);
    const branchIds = Array.from({ length: size.branches ?? 185 }, (_, i) => {
      const id = uuidv7();
      unitIns.run(id, `第${i + 1}党支部`, '党支部', committee, now, now);
      return id;
    });
    const departmentIds = Array.from({ length: size.departments ?? 40 }, (_, i) => {
      const id = uuidv7();
      unitIns.run(id, `业务部门${i + 1}`, '部门', committee, now, now);
      return id;
    });
    const people = Array.from({ length: size.people }, (_, i) => {
      const id = uuidv7();
      const category = pick(PERSON_CATEGORIES);
      personIns.run(id, `人员${i + 1}`, pick(branchIds), category === '党员' ? '中共党员' : pick(POLITICAL_STATUSES), category, now, now);
      return id;
    });
    const campaignId = uuidv7();
    db.prepare('INSERT INTO campaigns (id, name, year, committee_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)').run(campaignId, `${today.year()}年度领题破题活动（全省）`, today.year(), committee, now, now);
    let sub = 0;
    for (let t = 0; t < size.topics; t++) {
      const topicId = uuidv7();
      topicIns.run(topicId, campaignId, String(t + 1), `课题${t + 1}：提升第${(t % 50) + 1}类业务质效`, pick(departmentIds), pick(branchIds), pick(people), `目标${t + 1}`, pick(TOPIC_STATUSES.slice(0, 3)), today.subtract(200, 'day').format('YYYY-MM-DD'), today.add(60, 'day').format('YYYY-MM-DD'), now, now);
      const n = Math.floor(size.subtopics / size.topics) + (t < size.subtopics % size.topics ? 1 : 0);
      for (let k = 0; k < n; k++, sub++) {
        const id = uuidv7();
        const status = pick(SUBTOPIC_STATUSES);
        const deadline = rand() < 0.1 ? null : today.add(Math.floor(rand() * 240) - 120, 'day').format('YYYY-MM-DD');
        subIns.run(id, topicId, k, `${t + 1}.${k + 1}`, `小课题${sub + 1}`, `推进措施${sub + 1}：逐户走访、每周通报`, deadline, deadline ? '' : '长期坚持', status, status === '已销号' ? today.format('YYYY-MM-DD') : null, '', now, now);
        const owners = new Set(Array.from({ length: 1 + Math.floor(rand() * 3) }, () => pick(people)));
        [...owners].forEach((p, seq) => ownerIns.run(id, p, seq));
      }
      for (let i = 0; i < 3; i++) indIns.run(uuidv7(), topicId, `指标${i + 1}`, '万元', 100, 120, 80 + Math.floor(rand() * 60), now, now);
      for (let i = 0; i < 5; i++) chkIns.run(uuidv7(), topicId, i, `事项${i + 1}`, `区域${i % 3}`, rand() < 0.5 ? 1 : 0, now, now);
    }
    result = { campaignId, branchIds, departmentIds };
  })();
  db.pragma('optimize');
  return result;
}
