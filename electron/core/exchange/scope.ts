/**
 * What an exchange package carries: which tables and columns, which rows
 * belong to a unit's part of the ledger, and how a record created
 * independently at two offices is recognised as one.
 */

/** The tables exchanged, parents before children (the order changes are applied in). */
export const EXCHANGED_TABLES = [
  'units', 'people', 'campaigns', 'topics', 'subtopics', 'subtopic_owners', 'progress_entries', 'indicators', 'checklist_items',
  'closures', 'reviews', 'commendations', 'evidence_blobs', 'evidence',
] as const;
export type ExchangedTable = (typeof EXCHANGED_TABLES)[number];

/**
 * Columns never exchanged: the import batch is this ledger's own history;
 * updated_at is stamped by the write that changes a row (both offices change
 * it on every edit, so comparing it would make every edit a conflict); the
 * topic counters are kept by triggers from the sub-topics themselves.
 */
export const LOCAL_COLUMNS: ReadonlySet<string> = new Set(['import_batch_id', 'updated_at', 'subtopic_count', 'closed_subtopic_count']);

/**
 * Shared reference records made independently at several offices get
 * different ids: these match by name (and unit), once, and the mapping is
 * remembered per source ledger. Our record is kept as it is.
 */
export const REFERENCE_KEYS: Partial<Record<ExchangedTable, readonly string[]>> = {
  units: ['name'],
  people: ['name', 'unit_id'],
  campaigns: ['name'],
};

/**
 * A record the same office may have typed twice (the committee's 点题 and the
 * branch's own entry): a unique key of the ledger. A new record from a package
 * that meets one is matched to it (and its columns reviewed) instead of being
 * refused by the index. Topics: title within campaign and branch.
 */
export const UNIQUE_KEYS: Partial<Record<ExchangedTable, readonly string[]>> = {
  topics: ['campaign_id', 'branch_id', 'title'],
  subtopics: ['topic_id', 'title'],
  indicators: ['topic_id', 'name'],
  checklist_items: ['topic_id', 'item'],
  closures: ['topic_id'],
  reviews: ['topic_id'],
};

/** Reference records are never deleted by a package: another office's topics may still name them. */
export const NEVER_DELETED: ReadonlySet<string> = new Set(['units', 'people', 'campaigns', 'evidence_blobs']);

/**
 * The ids of each table's rows in a unit's part of the ledger, as SELECTs
 * over the schema `s` (a snapshot attached under that name), with the unit's
 * id as `:unit`. A unit's part: the topics whose 领题支部 is the unit or under
 * it, and topics not yet given to a branch (the committee's 出题); everything
 * under those topics; the people, units and campaigns they name.
 */
export function scopeQueries(s: string): Record<ScopeList, string> {
  const subtree = 'SELECT id FROM x_subtree';
  const topics = `SELECT id FROM ${s}.topics WHERE branch_id IS NULL OR branch_id IN (${subtree})`;
  const withParents = `WITH RECURSIVE t(id) AS (${topics} UNION SELECT p.parent_topic_id FROM ${s}.topics p JOIN t ON p.id = t.id WHERE p.parent_topic_id IS NOT NULL) SELECT id FROM t`;
  const inTopics = (table: string) => `SELECT id FROM ${s}.${table} WHERE topic_id IN (SELECT id FROM x_topics)`;
  const people = `SELECT leader_id FROM ${s}.topics WHERE id IN (SELECT id FROM x_topics)
    UNION SELECT person_id FROM ${s}.subtopic_owners WHERE subtopic_id IN (SELECT id FROM x_subtopics)
    UNION SELECT reporter_id FROM ${s}.progress_entries WHERE id IN (SELECT id FROM x_progress_entries)
    UNION SELECT owner_id FROM ${s}.checklist_items WHERE id IN (SELECT id FROM x_checklist_items)
    UNION SELECT id FROM ${s}.people WHERE unit_id IN (${subtree})`;
  const unitsNamed = `SELECT branch_id FROM ${s}.topics WHERE id IN (SELECT id FROM x_topics)
    UNION SELECT lead_department_id FROM ${s}.topics WHERE id IN (SELECT id FROM x_topics)
    UNION SELECT committee_id FROM ${s}.topics WHERE id IN (SELECT id FROM x_topics)
    UNION SELECT committee_id FROM ${s}.campaigns WHERE id IN (SELECT id FROM x_campaigns)
    UNION SELECT unit_id FROM ${s}.people WHERE id IN (SELECT id FROM x_people)
    UNION SELECT unit_id FROM ${s}.commendations WHERE id IN (SELECT id FROM x_commendations)
    UNION ${subtree}`;
  const units = `WITH RECURSIVE a(id) AS (${unitsNamed} UNION SELECT u.parent_id FROM ${s}.units u JOIN a ON u.id = a.id WHERE u.parent_id IS NOT NULL) SELECT id FROM a WHERE id IS NOT NULL`;
  return {
    subtree: `WITH RECURSIVE sub(id) AS (SELECT :unit UNION SELECT u.id FROM ${s}.units u JOIN sub ON u.parent_id = sub.id) SELECT id FROM sub`,
    topics: withParents,
    subtopics: inTopics('subtopics'),
    subtopic_owners: `SELECT subtopic_id FROM ${s}.subtopic_owners WHERE subtopic_id IN (SELECT id FROM x_subtopics)`,
    progress_entries: inTopics('progress_entries'),
    indicators: inTopics('indicators'),
    checklist_items: inTopics('checklist_items'),
    closures: inTopics('closures'),
    reviews: inTopics('reviews'),
    commendations: `SELECT id FROM ${s}.commendations WHERE topic_id IN (SELECT id FROM x_topics) OR unit_id IN (${subtree})`,
    campaigns: `SELECT campaign_id FROM ${s}.topics WHERE id IN (SELECT id FROM x_topics) UNION SELECT campaign_id FROM ${s}.commendations WHERE id IN (SELECT id FROM x_commendations)`,
    people,
    units,
    evidence: `SELECT id FROM ${s}.evidence WHERE (owner_type = 'subtopic' AND owner_id IN (SELECT id FROM x_subtopics))
      OR (owner_type = 'progress' AND owner_id IN (SELECT id FROM x_progress_entries))
      OR (owner_type = 'checklist' AND owner_id IN (SELECT id FROM x_checklist_items))
      OR (owner_type = 'closure' AND owner_id IN (SELECT id FROM x_topics))`,
    evidence_blobs: `SELECT sha256 FROM ${s}.evidence WHERE id IN (SELECT id FROM x_evidence)`,
  };
}

/** The order the scope's id lists are worked out in: each query reads the lists before it. */
export type ScopeList = ExchangedTable | 'subtree';
export const SCOPE_ORDER: readonly ScopeList[] = [
  'subtree', 'topics', 'subtopics', 'subtopic_owners', 'progress_entries', 'indicators', 'checklist_items', 'closures', 'reviews', 'commendations',
  'campaigns', 'people', 'units', 'evidence', 'evidence_blobs',
];

/** The column a scope list holds for a table (its key, or the first key column of a link table). */
export const SCOPE_KEY: Partial<Record<ExchangedTable, string>> = { subtopic_owners: 'subtopic_id', evidence_blobs: 'sha256' };
