import { TOPIC_COUNT_TRIGGERS, TOPIC_COUNT_TRIGGER_NAMES } from './migrations/0003_topic_progress_counts';
import type { Db } from './open';

/**
 * Runs a bulk write (an import of 50,000 sub-topics) without the per-row
 * counter triggers, then recounts every topic once and puts the triggers back.
 * SQLite's DDL is transactional: inside the caller's transaction, a failure
 * rolls the dropped triggers back with everything else.
 */
export function withTopicCountersDeferred<T>(db: Db, work: () => T): T {
  if (!db.inTransaction) throw new Error('withTopicCountersDeferred must run inside a transaction');
  for (const name of TOPIC_COUNT_TRIGGER_NAMES) db.exec(`DROP TRIGGER ${name}`);
  const result = work();
  db.exec(`UPDATE topics SET
    subtopic_count = (SELECT count(*) FROM subtopics s WHERE s.topic_id = topics.id),
    closed_subtopic_count = (SELECT count(*) FROM subtopics s WHERE s.topic_id = topics.id AND s.status = '已销号')`);
  db.exec(TOPIC_COUNT_TRIGGERS);
  return result;
}
