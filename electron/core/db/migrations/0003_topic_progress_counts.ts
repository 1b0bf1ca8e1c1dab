/**
 * Each topic carries its number of sub-topics and of ticked-off ones, kept by
 * triggers, so the topic list (2,000 rows, the screen a clerk opens most) does
 * not count 50,000 sub-topics on every refresh. Overdue counts depend on the
 * day and are still counted, from the partial index of open items.
 * `ledger check` compares the counters with a recount.
 */
export const id = '0003_topic_progress_counts';

/**
 * The counters' triggers; a bulk import drops them for its one transaction and recounts at the end
 * (db/topicCounters.ts). Changing them later takes a new migration, never an edit here.
 */
export const TOPIC_COUNT_TRIGGER_NAMES = ['topic_counts_on_insert', 'topic_counts_on_delete', 'topic_counts_on_update'] as const;
export const TOPIC_COUNT_TRIGGERS = /* sql */ `
CREATE TRIGGER topic_counts_on_insert AFTER INSERT ON subtopics BEGIN
  UPDATE topics SET subtopic_count = subtopic_count + 1, closed_subtopic_count = closed_subtopic_count + (NEW.status = '已销号')
  WHERE id = NEW.topic_id;
END;
CREATE TRIGGER topic_counts_on_delete AFTER DELETE ON subtopics BEGIN
  UPDATE topics SET subtopic_count = subtopic_count - 1, closed_subtopic_count = closed_subtopic_count - (OLD.status = '已销号')
  WHERE id = OLD.topic_id;
END;
CREATE TRIGGER topic_counts_on_update AFTER UPDATE OF status, topic_id ON subtopics
WHEN OLD.status IS NOT NEW.status OR OLD.topic_id IS NOT NEW.topic_id BEGIN
  UPDATE topics SET subtopic_count = subtopic_count - 1, closed_subtopic_count = closed_subtopic_count - (OLD.status = '已销号')
  WHERE id = OLD.topic_id;
  UPDATE topics SET subtopic_count = subtopic_count + 1, closed_subtopic_count = closed_subtopic_count + (NEW.status = '已销号')
  WHERE id = NEW.topic_id;
END;
`;

export const sql = /* sql */ `
ALTER TABLE topics ADD COLUMN subtopic_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE topics ADD COLUMN closed_subtopic_count INTEGER NOT NULL DEFAULT 0;
UPDATE topics SET
  subtopic_count = (SELECT count(*) FROM subtopics s WHERE s.topic_id = topics.id),
  closed_subtopic_count = (SELECT count(*) FROM subtopics s WHERE s.topic_id = topics.id AND s.status = '已销号');

${TOPIC_COUNT_TRIGGERS}`;
