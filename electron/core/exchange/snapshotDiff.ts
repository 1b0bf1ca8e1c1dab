import { DatabaseSync, constants } from 'node:sqlite';
import { LOCAL_COLUMNS, SCOPE_KEY, SCOPE_ORDER, EXCHANGED_TABLES, scopeQueries, type ExchangedTable } from './scope';

/**
 * The changeset from what the other office is believed to hold to a unit's
 * part of a snapshot of this ledger now, made by SQLite's session extension
 * (node:sqlite) — never on the live ledger file, which better-sqlite3 holds
 * (two SQLite libraries on one file in one process can corrupt it), but on a
 * copy: `snapshot` is a VACUUM INTO file of the ledger, and the baseline is
 * rebuilt in memory by replaying this ledger's outbox for the unit (what it
 * sent, and what it heard the other office holds) in the order it was written.
 * A session then records the baseline being brought to the snapshot's rows,
 * which is exactly the changes since: old and new values of every changed column.
 */
export interface SnapshotDiff {
  changeset: Uint8Array;
  /** The exchanged tables' columns, in the changeset's order. */
  columns: Record<string, string[]>;
  /** The outbox's last entry replayed (0 for none): the export is refused if another was written since. */
  lastOutboxN: number;
}

/** An SQL identifier, quoted. */
export const q = (name: string) => `"${name.replace(/"/g, '""')}"`;

export interface TableShape {
  columns: string[];
  pk: string[];
}

/** Each exchanged table's exchanged columns and primary key, read from a ledger's schema. */
export function tableShapes(all: (sql: string) => { name: string; pk: number }[]): Record<ExchangedTable, TableShape> {
  const out = {} as Record<ExchangedTable, TableShape>;
  for (const t of EXCHANGED_TABLES) {
    const info = all(`PRAGMA table_info(${q(t)})`);
    out[t] = {
      columns: info.filter((c) => !LOCAL_COLUMNS.has(c.name)).map((c) => c.name),
      pk: info.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk).map((c) => c.name),
    };
  }
  return out;
}

/** An in-memory database holding the exchanged tables' shape: no types (values stay as stored), no constraints but the key. */
export function baselineDb(shapes: Record<ExchangedTable, TableShape>): DatabaseSync {
  const db = new DatabaseSync(':memory:', { enableForeignKeyConstraints: false });
  for (const t of EXCHANGED_TABLES) {
    const { columns, pk } = shapes[t];
    db.exec(`CREATE TABLE ${q(t)} (${columns.map(q).join(', ')}, PRIMARY KEY (${pk.map(q).join(', ')}))`);
  }
  return db;
}

/** Replays outbox entries into a baseline; a 'sent' entry that does not fit is a damaged outbox. */
export function replay(db: DatabaseSync, entries: Iterable<{ kind: string; data: Uint8Array }>): void {
  for (const e of entries) {
    let broken = false;
    db.applyChangeset(e.data, {
      onConflict: (type: number) => {
        if (e.kind === 'sent') {
          broken = true;
          return constants.SQLITE_CHANGESET_ABORT;
        }
        // What the other office holds, as they told us: it wins over what we had believed.
        return type === constants.SQLITE_CHANGESET_DATA || type === constants.SQLITE_CHANGESET_CONFLICT ? constants.SQLITE_CHANGESET_REPLACE : constants.SQLITE_CHANGESET_OMIT;
      },
    });
    if (broken) throw new Error('本台账的交换记录不一致（已发送的数据无法重放）');
  }
}

export function diffSnapshot(snapshot: string, unitId: string): SnapshotDiff {
  const probe = new DatabaseSync(snapshot, { readOnly: true });
  let shapes: Record<ExchangedTable, TableShape>;
  let outbox: { n: number; kind: string; data: Uint8Array }[];
  try {
    shapes = tableShapes((sql) => probe.prepare(sql).all() as { name: string; pk: number }[]);
    outbox = probe.prepare('SELECT n, kind, data FROM exchange_outbox WHERE unit_id = ? ORDER BY n').all(unitId) as typeof outbox;
  } finally {
    probe.close();
  }
  const db = baselineDb(shapes);
  try {
    replay(db, outbox);
    db.prepare('ATTACH DATABASE ? AS s').run(snapshot);
    const scope = scopeQueries('s');
    for (const t of SCOPE_ORDER) {
      db.exec(`CREATE TEMP TABLE x_${t} (id PRIMARY KEY) WITHOUT ROWID`);
      const fill = db.prepare(`INSERT OR IGNORE INTO x_${t} SELECT * FROM (${scope[t]}) WHERE 1`);
      if (scope[t].includes(':unit')) fill.run({ unit: unitId });
      else fill.run();
    }
    const session = db.createSession();
    for (const t of EXCHANGED_TABLES) {
      const { columns, pk } = shapes[t];
      const key = SCOPE_KEY[t] ?? 'id';
      const inScope = `${q(key)} IN (SELECT id FROM x_${t})`;
      const samePk = pk.map((c) => `r.${q(c)} = main.${q(t)}.${q(c)}`).join(' AND ');
      db.exec(`DELETE FROM main.${q(t)} WHERE NOT EXISTS (SELECT 1 FROM s.${q(t)} r WHERE ${samePk} AND r.${inScope})`);
      const rest = columns.filter((c) => !pk.includes(c));
      const upsert = rest.length ? `DO UPDATE SET ${rest.map((c) => `${q(c)} = excluded.${q(c)}`).join(', ')}` : 'DO NOTHING';
      db.exec(`INSERT INTO main.${q(t)} (${columns.map(q).join(', ')}) SELECT ${columns.map(q).join(', ')} FROM s.${q(t)} WHERE ${inScope} ON CONFLICT (${pk.map(q).join(', ')}) ${upsert}`);
    }
    const changeset = session.changeset();
    session.close();
    return {
      changeset,
      columns: Object.fromEntries(EXCHANGED_TABLES.map((t) => [t, shapes[t].columns])),
      lastOutboxN: outbox.length ? outbox[outbox.length - 1]!.n : 0,
    };
  } finally {
    db.close();
  }
}
