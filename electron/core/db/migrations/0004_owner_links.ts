/**
 * A sub-topic's 责任人 links become a lean link table keyed by the pair of
 * UUIDs it joins. A link has no identity of its own: it is written and
 * removed with its sub-topic (whose audit line carries `ownerIds`, and whose
 * row carries the import batch), and two UUIDs make a key that cannot collide
 * when branch ledgers are merged at the committee, the reason every record has
 * a UUID. Without the link's own UUID, its batch column and the index on that
 * UUID, each link is two b-tree entries instead of four, and half the pages:
 * a province import writes 100,000 links for its 50,000 sub-topics.
 */
export const id = '0004_owner_links';

export const sql = /* sql */ `
CREATE TABLE subtopic_owners_new (
  subtopic_id TEXT NOT NULL REFERENCES subtopics(id) ON DELETE CASCADE,
  person_id TEXT NOT NULL REFERENCES people(id) ON DELETE RESTRICT,
  seq INTEGER NOT NULL,
  PRIMARY KEY (subtopic_id, person_id)
) WITHOUT ROWID;
INSERT INTO subtopic_owners_new (subtopic_id, person_id, seq) SELECT subtopic_id, person_id, seq FROM subtopic_owners;
DROP TABLE subtopic_owners;
ALTER TABLE subtopic_owners_new RENAME TO subtopic_owners;
-- The person's sub-topics (and the check before a person is deleted); the key's subtopic_id is in every entry.
CREATE INDEX subtopic_owners_person ON subtopic_owners(person_id);
`;
