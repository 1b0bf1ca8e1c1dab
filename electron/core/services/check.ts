import type { CheckReport } from '../../../shared/contract/admin';
import type { CoreContext } from '../context';
import { stmt } from '../db/statements';

/** The app's own rules that SQLite's constraints cannot state, each as a query that lists breaking records. */
const CONSISTENCY_RULES: { entity: string; message: string; sql: string }[] = [
  {
    entity: 'topic',
    message: '课题已结题或已验收，但仍有未销号的小课题',
    sql: `SELECT DISTINCT t.id FROM topics t JOIN subtopics s ON s.topic_id = t.id
          WHERE t.status IN ('已结题', '已验收') AND s.status <> '已销号'`,
  },
  {
    entity: 'topic',
    message: '课题已验收，但没有评审记录',
    sql: `SELECT t.id FROM topics t WHERE t.status = '已验收' AND NOT EXISTS (SELECT 1 FROM reviews r WHERE r.topic_id = t.id)`,
  },
  {
    entity: 'topic',
    message: '课题已结题，但没有已提交的结题报告',
    sql: `SELECT t.id FROM topics t WHERE t.status IN ('已结题', '已验收')
          AND NOT EXISTS (SELECT 1 FROM closures c WHERE c.topic_id = t.id AND c.submitted_date IS NOT NULL)`,
  },
  {
    entity: 'topic',
    message: '课题的小课题计数与实际不符（计数由触发器维护，可能被外部程序改动）',
    sql: `SELECT t.id FROM topics t
          WHERE t.subtopic_count <> (SELECT count(*) FROM subtopics s WHERE s.topic_id = t.id)
             OR t.closed_subtopic_count <> (SELECT count(*) FROM subtopics s WHERE s.topic_id = t.id AND s.status = '已销号')`,
  },
  {
    entity: 'subtopic',
    message: '小课题的完成时限早于所属课题的开始日期',
    sql: `SELECT s.id FROM subtopics s JOIN topics t ON t.id = s.topic_id WHERE t.start_date IS NOT NULL AND s.deadline < t.start_date`,
  },
  {
    entity: 'person',
    message: '人员类别为“党员”，但政治面貌不是中共党员或预备党员',
    sql: `SELECT id FROM people WHERE category = '党员' AND political_status IS NOT NULL AND political_status NOT IN ('中共党员', '中共预备党员')`,
  },
  {
    entity: 'evidence',
    message: '佐证材料的文件内容缺失',
    sql: `SELECT e.id FROM evidence e WHERE NOT EXISTS (SELECT 1 FROM evidence_blobs b WHERE b.sha256 = e.sha256)`,
  },
  {
    entity: 'evidence',
    message: '佐证材料所属的记录已不存在',
    sql: `SELECT e.id FROM evidence e WHERE
            (e.owner_type = 'subtopic' AND NOT EXISTS (SELECT 1 FROM subtopics x WHERE x.id = e.owner_id))
         OR (e.owner_type = 'progress' AND NOT EXISTS (SELECT 1 FROM progress_entries x WHERE x.id = e.owner_id))
         OR (e.owner_type = 'checklist' AND NOT EXISTS (SELECT 1 FROM checklist_items x WHERE x.id = e.owner_id))
         OR (e.owner_type = 'closure' AND NOT EXISTS (SELECT 1 FROM topics x WHERE x.id = e.owner_id))`,
  },
];

/** SQLite's full integrity check, its foreign-key check, and the rules above. */
export function checkLedger(ctx: Pick<CoreContext, 'db'>): CheckReport {
  const integrity = (ctx.db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check).filter((s) => s !== 'ok');
  const foreignKeys = (ctx.db.pragma('foreign_key_check') as { table: string; rowid: number; parent: string }[]).map(
    (r) => `表 ${r.table} 第 ${r.rowid} 行引用的 ${r.parent} 记录不存在`,
  );
  const problems = CONSISTENCY_RULES.flatMap((rule) =>
    (stmt(ctx.db, rule.sql).all() as { id: string }[]).map((r) => ({ entity: rule.entity, id: r.id, message: rule.message })),
  );
  return { ok: !integrity.length && !foreignKeys.length && !problems.length, integrity, foreignKeys, problems };
}
