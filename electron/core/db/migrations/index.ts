import * as m0001 from './0001_init';
import * as m0002 from './0002_list_indexes';
import * as m0003 from './0003_topic_progress_counts';
import * as m0004 from './0004_owner_links';
import * as m0006 from './0006_restore_open_deadline_index';
import * as m0007 from './0007_subtopic_budget';
import * as m0008 from './0008_exchange';

export interface Migration {
  id: string;
  sql: string;
}

/**
 * In the order they run. A new migration is a new file plus one line here;
 * never edit or remove a landed one (a fix is a new migration), and never
 * reuse a number in STRAY_MIGRATIONS. The README's "Migrations: rules for the
 * next engineer" says why.
 */
export const MIGRATIONS: readonly Migration[] = [m0001, m0002, m0003, m0004, m0006, m0007, m0008];

export interface StrayMigration {
  id: string;
  /** The build that recorded it. */
  build: string;
  /** The migration that undoes what it did. */
  repairedBy: string;
}

/**
 * Ids that a build which never landed recorded in some ledgers. They stay
 * recorded (the ledger's history), are not taken for a newer program's, and
 * their numbers are never used again, so a ledger that has one and a clean
 * ledger run the same migrations from there and end with the same schema.
 */
export const STRAY_MIGRATIONS: readonly StrayMigration[] = [
  // Dropped subtopics_open_deadline; reverted in c4dfd62 after ledgers had been opened with it.
  { id: '0005_drop_open_deadline_index', build: 'c1b6a17', repairedBy: m0006.id },
];
