import type { Statement } from 'better-sqlite3';
import type { Db } from './open';
import { columnName, plainFields, type EntityDesc } from '../../../shared/fields/describe';

const cache = new WeakMap<Db, Map<string, Statement>>();

/** Prepared once per connection: the hot paths (import, lists) reuse them. */
export function stmt(db: Db, sql: string): Statement {
  let byDb = cache.get(db);
  if (!byDb) cache.set(db, (byDb = new Map()));
  let s = byDb.get(sql);
  if (!s) byDb.set(sql, (s = db.prepare(sql)));
  return s;
}

/** camelCase → snake_case: a field's column (the rule is the descriptions', shared/fields). */
export const snake = columnName;

/** `alias.column AS "key"` for each plain field of an entity (shared/fields), for a SELECT list. */
export const plainSelect = (e: EntityDesc, alias: string): string[] => plainFields(e).map((f) => `${alias}.${columnName(f.key)} AS "${f.key}"`);
const camelNames = new Map<string, string>();
/** snake_case → camelCase, remembered: list reads convert the same few dozen column names thousands of times. */
export function camel(col: string): string {
  let name = camelNames.get(col);
  if (name === undefined) camelNames.set(col, (name = col.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase())));
  return name;
}

export type Row = Record<string, unknown>;

export function camelRow(row: Row): Row {
  const out: Row = {};
  for (const key in row) out[camel(key)] = row[key];
  return out;
}

/** A LIKE pattern that takes the user's text literally (a % in a title is a %); use with ESCAPE '\\'. */
export const likeArg = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
