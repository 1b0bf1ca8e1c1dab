/**
 * The ledger's first schema. Every record has a TEXT UUID v7 key (ledgers of
 * many branches are merged at the committee), created/updated stamps and the
 * import batch it came from, so a whole import can be listed and undone.
 * Dates are 'YYYY-MM-DD' text; booleans are 0/1.
 */
export const id = '0001_init';
export const sql = /* sql */ `
CREATE TABLE import_batches (
  id TEXT PRIMARY KEY,
  file_name TEXT NOT NULL,
  file_sha256 TEXT NOT NULL,
  campaign_id TEXT,
  imported_at TEXT NOT NULL,
  operator TEXT NOT NULL DEFAULT '',
  summary TEXT NOT NULL DEFAULT '{}',
  undone_at TEXT
);

CREATE TABLE units (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('党委','党支部','党小组','部门')),
  parent_id TEXT REFERENCES units(id) ON DELETE RESTRICT,
  note TEXT NOT NULL DEFAULT '',
  import_batch_id TEXT REFERENCES import_batches(id) ON DELETE SET NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX units_name ON units(name);

CREATE TABLE people (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  unit_id TEXT REFERENCES units(id) ON DELETE RESTRICT,
  political_status TEXT CHECK (political_status IN ('中共党员','中共预备党员','共青团员','民主党派','无党派人士','群众')),
  category TEXT CHECK (category IN ('党员','业务骨干','员工')),
  position TEXT NOT NULL DEFAULT '',
  phone TEXT NOT NULL DEFAULT '',
  note TEXT NOT NULL DEFAULT '',
  import_batch_id TEXT REFERENCES import_batches(id) ON DELETE SET NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
-- The same name in the same unit is one person; in two units, two people.
CREATE UNIQUE INDEX people_name_unit ON people(name, ifnull(unit_id, ''));

CREATE TABLE campaigns (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  year INTEGER NOT NULL,
  committee_id TEXT REFERENCES units(id) ON DELETE RESTRICT,
  start_date TEXT,
  end_date TEXT,
  note TEXT NOT NULL DEFAULT '',
  import_batch_id TEXT REFERENCES import_batches(id) ON DELETE SET NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

CREATE TABLE topics (
  id TEXT PRIMARY KEY,
  campaign_id TEXT NOT NULL REFERENCES campaigns(id) ON DELETE RESTRICT,
  code TEXT NOT NULL DEFAULT '',
  title TEXT NOT NULL,
  source TEXT NOT NULL DEFAULT '自定课题' CHECK (source IN ('规定课题','细化课题','自定课题')),
  parent_topic_id TEXT REFERENCES topics(id) ON DELETE SET NULL,
  committee_id TEXT REFERENCES units(id) ON DELETE RESTRICT,
  lead_department_id TEXT REFERENCES units(id) ON DELETE RESTRICT,
  branch_id TEXT REFERENCES units(id) ON DELETE RESTRICT,
  leader_id TEXT REFERENCES people(id) ON DELETE RESTRICT,
  assignment TEXT CHECK (assignment IN ('点题','认领')),
  goal TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL DEFAULT '已出题' CHECK (status IN ('已出题','已领题','破题中','已结题','已验收')),
  issued_date TEXT,
  claimed_date TEXT,
  start_date TEXT,
  end_date TEXT,
  closed_date TEXT,
  note TEXT NOT NULL DEFAULT '',
  import_batch_id TEXT REFERENCES import_batches(id) ON DELETE SET NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX topics_campaign_title ON topics(campaign_id, title);

CREATE TABLE subtopics (
  id TEXT PRIMARY KEY,
  topic_id TEXT NOT NULL REFERENCES topics(id) ON DELETE CASCADE,
  seq INTEGER NOT NULL DEFAULT 0,
  code TEXT NOT NULL DEFAULT '',
  title TEXT NOT NULL,
  measures TEXT NOT NULL DEFAULT '',
  deadline TEXT,
  deadline_text TEXT NOT NULL DEFAULT '',
  original_deadline TEXT,
  original_deadline_text TEXT NOT NULL DEFAULT '',
  extension_reason TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL DEFAULT '未开始' CHECK (status IN ('未开始','推进中','待验收','已销号','退回整改')),
  return_reason TEXT NOT NULL DEFAULT '',
  supervised INTEGER NOT NULL DEFAULT 0 CHECK (supervised IN (0,1)),
  supervision_note TEXT NOT NULL DEFAULT '',
  progress TEXT NOT NULL DEFAULT '',
  closed_date TEXT,
  close_opinion TEXT NOT NULL DEFAULT '',
  closed_by TEXT NOT NULL DEFAULT '',
  note TEXT NOT NULL DEFAULT '',
  import_batch_id TEXT REFERENCES import_batches(id) ON DELETE SET NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  CHECK ((status = '已销号') = (closed_date IS NOT NULL))
);
CREATE UNIQUE INDEX subtopics_topic_title ON subtopics(topic_id, title);

-- 责任人 of a sub-topic, in the order the ledger lists them.
CREATE TABLE subtopic_owners (
  id TEXT PRIMARY KEY,
  subtopic_id TEXT NOT NULL REFERENCES subtopics(id) ON DELETE CASCADE,
  person_id TEXT NOT NULL REFERENCES people(id) ON DELETE RESTRICT,
  seq INTEGER NOT NULL,
  import_batch_id TEXT REFERENCES import_batches(id) ON DELETE SET NULL,
  UNIQUE (subtopic_id, person_id)
);

CREATE TABLE progress_entries (
  id TEXT PRIMARY KEY,
  topic_id TEXT NOT NULL REFERENCES topics(id) ON DELETE CASCADE,
  subtopic_id TEXT REFERENCES subtopics(id) ON DELETE CASCADE,
  entry_date TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('每周汇报','推进会','公开承诺','现场指导','其他')),
  content TEXT NOT NULL,
  problems TEXT NOT NULL DEFAULT '',
  next_steps TEXT NOT NULL DEFAULT '',
  reporter_id TEXT REFERENCES people(id) ON DELETE SET NULL,
  reporter_name TEXT NOT NULL DEFAULT '',
  import_batch_id TEXT REFERENCES import_batches(id) ON DELETE SET NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

CREATE TABLE indicators (
  id TEXT PRIMARY KEY,
  topic_id TEXT NOT NULL REFERENCES topics(id) ON DELETE CASCADE,
  seq INTEGER NOT NULL DEFAULT 0,
  name TEXT NOT NULL,
  unit TEXT NOT NULL DEFAULT '',
  baseline REAL,
  target REAL,
  actual REAL,
  as_of TEXT,
  higher_is_better INTEGER NOT NULL DEFAULT 1 CHECK (higher_is_better IN (0,1)),
  note TEXT NOT NULL DEFAULT '',
  import_batch_id TEXT REFERENCES import_batches(id) ON DELETE SET NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX indicators_topic_name ON indicators(topic_id, name);

CREATE TABLE checklist_items (
  id TEXT PRIMARY KEY,
  topic_id TEXT NOT NULL REFERENCES topics(id) ON DELETE CASCADE,
  seq INTEGER NOT NULL DEFAULT 0,
  item TEXT NOT NULL,
  area TEXT NOT NULL DEFAULT '',
  owner_id TEXT REFERENCES people(id) ON DELETE SET NULL,
  owner_name TEXT NOT NULL DEFAULT '',
  planned_date TEXT,
  done_date TEXT,
  closed INTEGER NOT NULL DEFAULT 0 CHECK (closed IN (0,1)),
  note TEXT NOT NULL DEFAULT '',
  import_batch_id TEXT REFERENCES import_batches(id) ON DELETE SET NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX checklist_topic_item ON checklist_items(topic_id, item);

CREATE TABLE closures (
  id TEXT PRIMARY KEY,
  topic_id TEXT NOT NULL UNIQUE REFERENCES topics(id) ON DELETE CASCADE,
  work_done TEXT NOT NULL DEFAULT '',
  results TEXT NOT NULL DEFAULT '',
  institutional TEXT NOT NULL DEFAULT '',
  experience TEXT NOT NULL DEFAULT '',
  problems TEXT NOT NULL DEFAULT '',
  next_plans TEXT NOT NULL DEFAULT '',
  submitted_date TEXT,
  outcome TEXT CHECK (outcome IN ('通过','延期结题','终止')),
  extended_until TEXT,
  outcome_note TEXT NOT NULL DEFAULT '',
  import_batch_id TEXT REFERENCES import_batches(id) ON DELETE SET NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

CREATE TABLE reviews (
  id TEXT PRIMARY KEY,
  topic_id TEXT NOT NULL UNIQUE REFERENCES topics(id) ON DELETE CASCADE,
  reviewers TEXT NOT NULL DEFAULT '[]',
  scores TEXT NOT NULL DEFAULT '{}',
  total REAL NOT NULL,
  grade TEXT NOT NULL,
  opinion TEXT NOT NULL DEFAULT '',
  review_date TEXT NOT NULL,
  import_batch_id TEXT REFERENCES import_batches(id) ON DELETE SET NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

CREATE TABLE commendations (
  id TEXT PRIMARY KEY,
  campaign_id TEXT NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
  topic_id TEXT REFERENCES topics(id) ON DELETE CASCADE,
  unit_id TEXT REFERENCES units(id) ON DELETE RESTRICT,
  award TEXT NOT NULL CHECK (award IN ('优秀课题','最佳实践','一等奖','二等奖','三等奖','优秀组织奖')),
  awarded_date TEXT,
  note TEXT NOT NULL DEFAULT '',
  import_batch_id TEXT REFERENCES import_batches(id) ON DELETE SET NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

-- File contents, addressed by their SHA-256: the same photo attached twice is stored once,
-- and the ledger file (and so its backup) is complete by itself.
CREATE TABLE evidence_blobs (
  sha256 TEXT PRIMARY KEY,
  size INTEGER NOT NULL,
  data BLOB NOT NULL
);
CREATE TABLE evidence (
  id TEXT PRIMARY KEY,
  owner_type TEXT NOT NULL CHECK (owner_type IN ('subtopic','progress','checklist','closure')),
  owner_id TEXT NOT NULL,
  file_name TEXT NOT NULL,
  mime TEXT NOT NULL DEFAULT 'application/octet-stream',
  size INTEGER NOT NULL,
  sha256 TEXT NOT NULL REFERENCES evidence_blobs(sha256) ON DELETE RESTRICT,
  note TEXT NOT NULL DEFAULT '',
  import_batch_id TEXT REFERENCES import_batches(id) ON DELETE SET NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX evidence_owner ON evidence(owner_type, owner_id);
-- Evidence points at one of four tables, so no foreign key can cascade for it: these triggers do.
CREATE TRIGGER evidence_of_subtopic AFTER DELETE ON subtopics BEGIN
  DELETE FROM evidence WHERE owner_type = 'subtopic' AND owner_id = OLD.id;
END;
CREATE TRIGGER evidence_of_progress AFTER DELETE ON progress_entries BEGIN
  DELETE FROM evidence WHERE owner_type = 'progress' AND owner_id = OLD.id;
END;
CREATE TRIGGER evidence_of_checklist AFTER DELETE ON checklist_items BEGIN
  DELETE FROM evidence WHERE owner_type = 'checklist' AND owner_id = OLD.id;
END;
CREATE TRIGGER evidence_of_closure AFTER DELETE ON topics BEGIN
  DELETE FROM evidence WHERE owner_type = 'closure' AND owner_id = OLD.id;
END;
-- A file's content goes when the last record that shows it goes.
CREATE TRIGGER evidence_blob_release AFTER DELETE ON evidence BEGIN
  DELETE FROM evidence_blobs WHERE sha256 = OLD.sha256 AND NOT EXISTS (SELECT 1 FROM evidence WHERE sha256 = OLD.sha256);
END;

CREATE TABLE audit_log (
  id TEXT PRIMARY KEY,
  at TEXT NOT NULL,
  operator TEXT NOT NULL DEFAULT '',
  action TEXT NOT NULL,
  entity TEXT NOT NULL,
  entity_id TEXT NOT NULL,
  before TEXT,
  after TEXT,
  reason TEXT NOT NULL DEFAULT '',
  import_batch_id TEXT REFERENCES import_batches(id) ON DELETE SET NULL
);
CREATE INDEX audit_entity ON audit_log(entity, entity_id);
CREATE INDEX audit_batch ON audit_log(import_batch_id);

CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
`;
