/**
 * subtopics_open_deadline (topic_id, deadline) for open items duplicated what
 * subtopics_topic_status_deadline (topic_id, status, deadline) already covers:
 * a topic's overdue count reads its few dozen entries there without touching
 * the table (measured on 2,000 topics / 50,000 sub-topics: the topic list
 * with overdue counts stays under 50 ms, `npm run bench -- core`). Every
 * index costs on every sub-topic written; a province import writes 50,000.
 */
export const id = '0005_drop_open_deadline_index';

export const sql = /* sql */ `
DROP INDEX IF EXISTS subtopics_open_deadline;
`;
