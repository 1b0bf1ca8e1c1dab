import * as m0001 from './0001_init';
import * as m0002 from './0002_list_indexes';
import * as m0003 from './0003_topic_progress_counts';
import * as m0004 from './0004_owner_links';

export interface Migration {
  id: string;
  sql: string;
}

/** In the order they run. A new migration is a new file plus one line here; never edit a released one. */
export const MIGRATIONS: readonly Migration[] = [m0001, m0002, m0003, m0004];
