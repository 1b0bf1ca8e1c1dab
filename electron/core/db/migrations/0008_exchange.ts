/**
 * Offline exchange between offices (.ldgx packages, electron/core/exchange/).
 * Numbered 0008: 0007 is 0007_subtopic_budget, landed on main while this was
 * written (it runs first; the two touch different things).
 *
 * - A topic's title is unique per branch within a campaign, no longer per
 *   campaign: the province's prescribed topics are taken by many branches,
 *   and the committee's ledger holds all of them.
 * - The bookkeeping of the exchange lives in its own tables, never in the
 *   records' rows, so a changeset carries only the records themselves.
 */
export const id = '0008_exchange';

export const sql = /* sql */ `
DROP INDEX topics_campaign_title;
CREATE UNIQUE INDEX topics_campaign_branch_title ON topics(campaign_id, ifnull(branch_id, ''), title);

-- This ledger's own id, written at its first exchange (a file copied before then gets its own).
CREATE TABLE exchange_ledger (
  id TEXT PRIMARY KEY
);

-- What this ledger sent (kind 'sent', numbered seq 1, 2, ... per unit) and what it learnt the other
-- office holds (kind 'heard', from their packages): replayed in order (n) they give the state the
-- other office is believed to have, the baseline of the next package.
CREATE TABLE exchange_outbox (
  n INTEGER PRIMARY KEY AUTOINCREMENT,
  unit_id TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('sent','heard')),
  seq INTEGER,
  exported_at TEXT NOT NULL,
  data BLOB NOT NULL,
  CHECK ((kind = 'sent') = (seq IS NOT NULL))
);
CREATE UNIQUE INDEX exchange_outbox_seq ON exchange_outbox(unit_id, seq) WHERE seq IS NOT NULL;

-- Per unit this ledger exports for: the highest seq the other office said it applied.
CREATE TABLE exchange_acks (
  unit_id TEXT PRIMARY KEY,
  acked_seq INTEGER NOT NULL
);

-- Per stream received (their ledger, their unit): the highest seq applied here.
CREATE TABLE exchange_inbox (
  source_ledger_id TEXT NOT NULL,
  source_unit_id TEXT NOT NULL,
  source_unit_name TEXT NOT NULL,
  local_unit_id TEXT,
  applied_seq INTEGER NOT NULL,
  last_at TEXT NOT NULL,
  PRIMARY KEY (source_ledger_id, source_unit_id)
);

-- Their id of a record created independently at both offices, and ours (matched by name and unit once).
CREATE TABLE exchange_id_map (
  source_ledger_id TEXT NOT NULL,
  tbl TEXT NOT NULL,
  their_id TEXT NOT NULL,
  our_id TEXT NOT NULL,
  matched_by TEXT NOT NULL,
  PRIMARY KEY (source_ledger_id, tbl, their_id)
);

-- One line per package merged: where from, what it did.
CREATE TABLE exchange_log (
  id TEXT PRIMARY KEY,
  at TEXT NOT NULL,
  operator TEXT NOT NULL DEFAULT '',
  direction TEXT NOT NULL CHECK (direction IN ('import','export')),
  file_name TEXT NOT NULL,
  source_ledger_id TEXT NOT NULL,
  source_unit_name TEXT NOT NULL,
  from_seq INTEGER,
  to_seq INTEGER,
  summary TEXT NOT NULL DEFAULT '{}',
  backup_file TEXT
);

-- A column both offices changed: shown side by side until a person decides.
CREATE TABLE exchange_conflicts (
  id TEXT PRIMARY KEY,
  exchange_id TEXT NOT NULL REFERENCES exchange_log(id) ON DELETE CASCADE,
  tbl TEXT NOT NULL,
  row_id TEXT NOT NULL,
  col TEXT NOT NULL,
  base_value TEXT,
  their_value TEXT,
  our_value TEXT,
  status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open','theirs','ours')),
  decided_at TEXT,
  decided_by TEXT NOT NULL DEFAULT ''
);
CREATE INDEX exchange_conflicts_open ON exchange_conflicts(status, tbl, row_id);

-- Which office a record came from and when it was last exchanged.
CREATE TABLE exchange_provenance (
  tbl TEXT NOT NULL,
  row_id TEXT NOT NULL,
  source_ledger_id TEXT NOT NULL,
  source_unit_name TEXT NOT NULL,
  exchanged_at TEXT NOT NULL,
  PRIMARY KEY (tbl, row_id)
) WITHOUT ROWID;
`;
