import type { ImportIssue, SheetKind } from '../../../shared/contract/imports';
import type { CoreContext } from '../context';
import { plainSelect, stmt } from '../db/statements';
import { isTopicLocked } from '../services/guards';
import { fieldLabel } from './fields';
import { MAX_ISSUES } from './limits';
import { rowKey, type ParsedWithErrors } from './parse';
import { columnLetter } from '../../../shared/excel';
import { CHECKLIST, INDICATOR, PERSON, SUBTOPIC, TOPIC, type EntityDesc, type FieldDesc } from '../../../shared/fields';

/*
 * The rule for a record the ledger already holds: a legacy sheet often has
 * fewer columns than the ledger has fields, and clerks leave cells empty that
 * they did not mean to erase. So a field is written only when the sheet says
 * something for it; a column the sheet lacks never changes a stored field, and
 * an empty cell keeps the stored value unless the clerk chose 清空空白单元格
 * (clearBlank). A value the parse could not read and left empty (its warning
 * says 已留空) counts as an empty cell. The dry run lists every stored value
 * the option would clear (listClears), so nothing is erased without a word.
 */

/**
 * Per kind of record: each sheet column (field key of fields.ts) that can be
 * cleared, and the record's fields read from it. 序号 is left out on purpose:
 * legacy sheets number topics and sub-topics in the same column, so an empty
 * 序号 for a record says nothing. Vocabulary fields (来源, 状态) are never
 * cleared either: the ledger has no empty value for them.
 */
export type Entity = 'topic' | 'subtopic' | 'person' | 'indicator' | 'checklist';
const ENTITIES: Record<Entity, EntityDesc> = { topic: TOPIC, subtopic: SUBTOPIC, person: PERSON, indicator: INDICATOR, checklist: CHECKLIST };

/**
 * The parsed record's key of a field: a link is read as the name the sheet
 * gives (牵头部门, 责任人), under its column's key; anything else under its own.
 */
const recordKey = (f: FieldDesc) => (f.kind === 'ref' || f.kind === 'people' ? f.column : f.key);

/** From the descriptions (reimport: 'clearable'): each clearable column, with every field read from it (完成时限: the day and the text). */
function clearable(e: EntityDesc): Record<string, readonly string[]> {
  const out: Record<string, string[]> = {};
  for (const f of e.fields) if (f.reimport === 'clearable') out[f.column] = [];
  for (const f of e.fields) if (out[f.column] && f.kind !== 'derived') out[f.column]!.push(recordKey(f));
  return out;
}
export const CLEARABLE = Object.fromEntries(Object.entries(ENTITIES).map(([k, e]) => [k, clearable(e)])) as Record<Entity, Record<string, readonly string[]>>;
const KIND: Record<Entity, SheetKind> = { topic: 'ledger', subtopic: 'ledger', person: 'roster', indicator: 'indicators', checklist: 'checklist' };

const isBlank = (v: unknown) => v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0);
/** A parsed record's value of a field: its own, or among its plain values (parse.ts). */
const valueOf = (r: Record<string, unknown>, k: string) => (k in r ? r[k] : (r.plain as Record<string, unknown> | undefined)?.[k]);

/** The columns (field keys) each sheet has, after the clerk's mapping. */
export function presentColumns(parsed: ParsedWithErrors): Map<string, ReadonlySet<string>> {
  return new Map(parsed.sheets.map((s) => [s.name, new Set(s.layout.byField.keys())]));
}

/** The clearable columns a record leaves empty (whether the sheet has them or not). */
function blankColumns(entity: Entity, record: object): string[] {
  const r = record as Record<string, unknown>;
  return Object.entries(CLEARABLE[entity]).filter(([, keys]) => keys.every((k) => isBlank(valueOf(r, k)))).map(([column]) => column);
}

/**
 * The record's fields whose stored values stay as they are: those of the
 * columns it leaves empty, except, with clearBlank, of columns the sheet has.
 * (The writer itself leaves out the fields that are never cleared when they are empty.)
 */
export function keptFields(entity: Entity, record: object, present: ReadonlySet<string>, clearBlank: boolean): Set<string> {
  return new Set(blankColumns(entity, record).filter((c) => !(clearBlank && present.has(c))).flatMap((c) => CLEARABLE[entity][c]!));
}

/** A stored record's clearable fields as the clerk reads them, by column: '' or null when empty. */
type Shown = Record<string, string | number | null>;

const TOPICS_SQL = `SELECT t.id, t.title, t.status, d.name AS leadDepartment, b.name AS branch, p.name AS leader, t.goal
  FROM topics t LEFT JOIN units d ON d.id = t.lead_department_id LEFT JOIN units b ON b.id = t.branch_id LEFT JOIN people p ON p.id = t.leader_id
  WHERE t.campaign_id = ?`;
const SUBTOPICS_SQL = `SELECT s.title, s.status, coalesce(nullif(s.deadline_text, ''), s.deadline) AS deadline, ${plainSelect(SUBTOPIC, 's').join(', ')},
  (SELECT group_concat(name, '、') FROM (SELECT p.name FROM subtopic_owners o JOIN people p ON p.id = o.person_id WHERE o.subtopic_id = s.id ORDER BY o.seq)) AS owners
  FROM subtopics s WHERE s.topic_id = ?`;
const PEOPLE_SQL = `SELECT p.name, ifnull(u.name, '') AS unit, p.political_status AS politicalStatus, p.category, ${plainSelect(PERSON, 'p').join(', ')}
  FROM people p LEFT JOIN units u ON u.id = p.unit_id`;
const INDICATORS_SQL = `SELECT t.title AS topic, t.status AS topicStatus, i.name, i.unit, i.baseline, i.target, i.actual, ${plainSelect(INDICATOR, 'i').join(', ')}
  FROM indicators i JOIN topics t ON t.id = i.topic_id WHERE t.campaign_id = ?`;
const CHECKLIST_SQL = `SELECT t.title AS topic, t.status AS topicStatus, c.item AS name, c.owner_name AS owner,
  CASE WHEN c.closed THEN '是' ELSE '' END AS closed, ${plainSelect(CHECKLIST, 'c').join(', ')}
  FROM checklist_items c JOIN topics t ON t.id = c.topic_id WHERE t.campaign_id = ?`;

/**
 * With clearBlank, the dry run's warnings: every stored value an empty cell
 * would clear, matched by the same natural keys the writer uses (write.ts) and
 * skipping what it does not write (rows with errors, locked topics, ticked-off
 * sub-topics). At most MAX_ISSUES in all, then one line says how many more.
 */
export function listClears(ctx: CoreContext, parsed: ParsedWithErrors, campaignId: string | null, topicOf: Map<string, string>): ImportIssue[] {
  const present = presentColumns(parsed);
  const room = Math.max(0, MAX_ISSUES - parsed.issues.length);
  const out: ImportIssue[] = [];
  let more = 0;
  const bad = (sheet: string, row: number) => parsed.errorRowKeys.has(rowKey(sheet, row));
  const check = (entity: Entity, rec: { sheet: string; row: number }, record: object, stored: Shown | undefined) => {
    if (!stored) return;
    const columns = present.get(rec.sheet)!;
    for (const column of blankColumns(entity, record)) {
      const value = stored[column];
      if (!columns.has(column) || value === null || value === undefined || value === '') continue;
      if (out.length >= room) {
        more++;
        continue;
      }
      const text = String(value);
      const label = fieldLabel(KIND[entity], column);
      const letter = parsed.sheets.find((s) => s.name === rec.sheet)!.layout.byField.get(column)!;
      out.push({ sheet: rec.sheet, row: rec.row, column: columnLetter(letter), value: text.slice(0, 100), message: `将清空已有的“${label}”：${text.length > 50 ? `${text.slice(0, 50)}…` : text}`, severity: 'warning' });
    }
  };

  // People are the ledger's, whatever the campaign: matched by name and unit.
  const people = new Map((stmt(ctx.db, PEOPLE_SQL).all() as Shown[]).map((p) => [`${p.name}\u0000${p.unit}`, p]));
  for (const p of parsed.people) if (!bad(p.sheet, p.row)) check('person', p, p, people.get(`${p.name}\u0000${p.unit}`));

  // Everything else belongs to a topic of the campaign: a new campaign holds nothing to clear.
  if (campaignId) {
    const topics = new Map((stmt(ctx.db, TOPICS_SQL).all(campaignId) as Shown[]).map((t) => [t.title as string, t]));
    for (const t of parsed.topics) {
      const stored = topics.get(t.title);
      const subs = t.subtopics.filter((s) => !bad(t.sheet, s.row));
      if (!stored || isTopicLocked(stored.status as never) || (bad(t.sheet, t.row) && !subs.length)) continue;
      check('topic', t, t, stored);
      if (!subs.length) continue;
      const storedSubs = new Map((stmt(ctx.db, SUBTOPICS_SQL).all(stored.id) as Shown[]).filter((s) => s.status !== '已销号').map((s) => [s.title as string, s]));
      for (const s of subs) check('subtopic', { sheet: t.sheet, row: s.row }, s, storedSubs.get(s.title));
    }
    // Under a locked topic nothing is written (write.ts topicIdOf).
    const byTopic = (sql: string) =>
      new Map((stmt(ctx.db, sql).all(campaignId) as Shown[]).filter((r) => !isTopicLocked(r.topicStatus as never)).map((r) => [`${r.topic}\u0000${r.name}`, r]));
    const indicators = byTopic(INDICATORS_SQL);
    for (const i of parsed.indicators) if (!bad(i.sheet, i.row)) check('indicator', i, i, indicators.get(`${topicOf.get(rowKey(i.sheet, i.row))}\u0000${i.name}`));
    const checklist = byTopic(CHECKLIST_SQL);
    for (const c of parsed.checklist) if (!bad(c.sheet, c.row)) check('checklist', c, c, checklist.get(`${topicOf.get(rowKey(c.sheet, c.row))}\u0000${c.item}`));
  }
  if (more) out.push({ sheet: '', row: 0, column: '', value: '', message: `另有 ${more} 处将被清空的已有内容未列出`, severity: 'warning' });
  return out;
}
