/**
 * subtopics_open_deadline (per-topic overdue counts: one range scan of a
 * topic's open items below today) is missing from two kinds of ledgers:
 * - those whose 0002 ran before that index was added to it: 0002 was edited
 *   after it had shipped (commit 66ae6d9), and a ledger that had recorded 0002
 *   never ran it again;
 * - those opened by the unlanded build c1b6a17, whose migration 0005 dropped
 *   it (a known stray id, see STRAY_MIGRATIONS).
 * IF NOT EXISTS, so every other ledger is left as it is and all converge on
 * one schema. The statement is written out here, not borrowed from 0002: a
 * landed migration never changes, whatever happens to the others.
 */
export const id = '0006_restore_open_deadline_index';

export const sql = /* sql */ `
CREATE INDEX IF NOT EXISTS subtopics_open_deadline ON subtopics(topic_id, deadline) WHERE status <> '已销号';
`;
