import { EDITABLE_SUBTOPIC_STATUSES } from '../../../shared/domain/enums';
import type { Person, Subtopic, Topic } from '../../../shared/domain/schemas';
import { SUBTOPIC, fromFormText, toFormText, type FieldDesc } from '../../../shared/fields';
import { deadlineFields, deadlineOutsidePeriod, formatDay, headerWords, readClipboardTable, readDate, splitPeople } from '../../../shared/values';
import { cellProblem, readPastedTable, rosterByName, type PasteColumn } from './pasteTable';

/*
 * The breakdown grid as a sheet: its columns, a sub-topic as the row of cells
 * it copies out to Excel, and a block pasted from Excel or WPS read into the
 * rows it would create or change. Pure functions (no React), so Node tests
 * read pasted text exactly as the grid does.
 */

/** Fields with a control of their own in the grid (a person list, a date box, a status list). */
const CONTROLLED = ['ownerIds', 'deadline', 'status'];
/** The grid's columns, in the fields' order (shared/fields/subtopic.ts): 编号、小课题名称、推进措施、责任人、完成时限、预算（万元）、状态. */
export const SHEET_FIELDS: readonly FieldDesc[] = SUBTOPIC.fields.filter((f) => CONTROLLED.includes(f.key) || (f.form && (f.kind === 'text' || f.kind === 'number')));
/** The typed cells among them. */
export const CELL_FIELDS: readonly FieldDesc[] = SHEET_FIELDS.filter((f) => !CONTROLLED.includes(f.key));
/** A column's title in the grid (the status field's label is 小课题状态; the grid says 状态). */
export const columnTitle = (f: FieldDesc) => (f.key === 'status' ? '状态' : f.label);

/** How a deadline shows in its cell: the day, or the words written instead of one. */
export const deadlineLabel = (s: { deadline: string | null; deadlineText: string }) => s.deadline ?? s.deadlineText;

/** A sub-topic's cell as the grid shows it: 责任人 by name, 完成时限 as the day or its words. */
function cellText(field: FieldDesc, s: Subtopic): string {
  if (field.key === 'ownerIds') return s.owners.map((o) => o.name).join('、');
  if (field.key === 'deadline') return deadlineLabel(s);
  return toFormText((s as unknown as Record<string, unknown>)[field.key]);
}

/** One sub-topic as the grid's cells, for the clipboard. */
export const sheetRowOf = (s: Subtopic): string[] => SHEET_FIELDS.map((f) => cellText(f, s));

/** One pasted cell as understood: the value saved, the text shown in the preview. */
interface Cell {
  field: FieldDesc;
  /** The contract's fields this cell sets (deadline sets deadline and deadlineText). */
  values: Record<string, unknown>;
  shown: string;
}

export interface PastedRow {
  /** The row number in the copied block (1 = its first row), as the clerk sees it in Excel. */
  line: number;
  /** The grid row it writes over; absent for a row that adds a sub-topic. */
  target?: Subtopic;
  cells: Cell[];
  /** For a row over an existing sub-topic: what changes, 「推进措施：配齐设备 → 每周走访」. Empty: the row is as it was. */
  changes: string[];
  problems: string[];
  /** A deadline outside the topic's period: saved only once the clerk says so. */
  warning: string | null;
}

export interface PastedBlock {
  rows: PastedRow[];
  /** The grid's columns the block fills, in the order they were copied. */
  columns: FieldDesc[];
  /** The block's first row named its columns (a header copied with the data): it was used to place them and is not a row. */
  headerRow: boolean;
  /** What the preview says about the block as a whole (the header used, columns not read). */
  notes: string[];
  /** What stops the whole block being saved (a column named twice in the header). */
  problems: string[];
}

/** The grid's columns as paste columns: named by their title, matched in a header by the field's import synonyms. */
const PASTE_COLUMNS: readonly PasteColumn[] = SHEET_FIELDS.map((f) => ({ key: f.key, label: columnTitle(f), words: [...new Set([headerWords(f.label), headerWords(columnTitle(f)), ...f.synonyms])] }));

/** Whether clipboard text is a block (more than one cell) rather than one cell's text. */
export function isBlock(text: string): boolean {
  const rows = withoutTrailingBlanks(readClipboardTable(text));
  return rows.length > 1 || (rows[0]?.length ?? 0) > 1;
}

/** The text of a single copied cell as it belongs in the cell: Excel's trailing line break dropped, its quotes around a multi-line cell removed. */
export function singleCellText(text: string): string {
  return withoutTrailingBlanks(readClipboardTable(text))[0]?.[0] ?? '';
}

const withoutTrailingBlanks = (rows: string[][]) => {
  const out = [...rows];
  while (out.length && out[out.length - 1]!.every((c) => !c.trim())) out.pop();
  return out;
};

/**
 * A block copied from Excel or WPS, as the rows it would create or change.
 * Columns as copied: from the focused cell's column on (`firstColumn`), or by
 * the names in a copied header row (pasteTable.ts, as on the other tabs).
 * Rows as copied: over the grid's rows from the focused one on (`over`: that
 * row and the ones below it), then new rows. Every cell is read by the parser
 * the grid's own cell uses. Over an existing row a blank cell changes
 * nothing, as in a re-import: a cell is cleared in the grid, not by a paste.
 */
export function readPastedBlock(
  text: string,
  ctx: { roster: readonly Person[]; topic: Pick<Topic, 'startDate' | 'endDate' | 'branchId'>; today: string; firstColumn?: number; over?: readonly Subtopic[] },
): PastedBlock {
  const table = readPastedTable(text, PASTE_COLUMNS.slice(ctx.firstColumn ?? 0));
  // With a header the columns are found among all of the grid's, not only those right of the cursor.
  const placed = table.header ? readPastedTable(text, PASTE_COLUMNS) : table;
  const fieldOf = (key: string) => SHEET_FIELDS.find((f) => f.key === key)!;
  const findPerson = rosterByName(ctx.roster, ctx.topic.branchId);
  const over = [...(ctx.over ?? [])];

  const rows = placed.rows.map(({ line, cells, problems: shape }): PastedRow => {
    const target = over.shift();
    const problems = [...shape];
    const read: Cell[] = [];
    for (const [key, raw = ''] of Object.entries(cells) as [string, string | undefined][]) {
      if (target && !raw) continue;
      const field = fieldOf(key);
      const cell = readCell(field, raw, findPerson, ctx);
      if ('problem' in cell) problems.push(cellProblem(line, columnTitle(field), cell.problem));
      else read.push({ field, ...cell });
    }
    const values = Object.assign({}, ...read.map((c) => c.values)) as Record<string, unknown>;
    if (!target && !values.title) problems.unshift(cellProblem(line, '小课题名称', '新增的小课题需要填写名称'));
    if (target?.status === '已销号') problems.unshift(`第 ${line} 行：第 ${target.code || target.seq + 1} 项「${target.title}」已销号，不能粘贴覆盖；如需修改，请先“重新打开”`);
    const changes = target ? read.filter((c) => !sameValue(c, target)).map((c) => `${columnTitle(c.field)}：${cellText(c.field, target) || '（空）'} → ${c.shown.replace(/^= /, '') || '（空）'}`) : [];
    // Only a deadline this paste sets is checked, as in the grid: one left as it was was accepted when written.
    const due = read.find((c) => c.field.key === 'deadline');
    const warning = due && (!target || !sameValue(due, target)) ? deadlineOutsidePeriod(due.values.deadline as string | null, ctx.topic) : null;
    return { line, target, cells: read, changes, problems, warning };
  });
  const columns = placed.columns.filter((c): c is PasteColumn => Boolean(c)).map((c) => fieldOf(c.key));
  return { rows, columns, headerRow: placed.header, notes: placed.notes, problems: placed.problems };
}

/** One cell read as the grid reads it: the field's own rule, the roster for names, the date parser for 完成时限. */
function readCell(field: FieldDesc, raw: string, findPerson: ReturnType<typeof rosterByName<Person>>, ctx: { today: string }): Omit<Cell, 'field'> | { problem: string } {
  if (field.key === 'ownerIds') {
    const names = splitPeople(raw, { dropNotes: true });
    const ids: string[] = [];
    for (const name of names) {
      // Two people of one name: the one in the topic's branch, else the clerk must say which.
      const found = findPerson(name);
      if (!('person' in found)) return { problem: found.found ? `名册中有 ${found.found} 个「${name}」，请粘贴后在表格中选择` : `名册中没有「${name}」，请先在人员名册中添加` };
      ids.push(found.person.id);
    }
    return { values: { ownerIds: ids }, shown: names.join('、') };
  }
  if (field.key === 'deadline') {
    const parsed = deadlineFields(readDate(raw, { year: Number(ctx.today.slice(0, 4)), today: ctx.today }));
    if ('message' in parsed) return { problem: `「${raw}」${parsed.message}` };
    // The day as the grid's hint says it (= 2026年9月30日); words that are no day as written.
    return { values: parsed, shown: parsed.deadline ? `= ${formatDay(parsed.deadline)}` : parsed.deadlineText };
  }
  if (field.key === 'status') {
    const status = raw || '未开始';
    if (!(EDITABLE_SUBTOPIC_STATUSES as readonly string[]).includes(status))
      return { problem: status === '已销号' ? '销号请用“销号”按钮（需填写验收意见），不能粘贴' : `「${raw}」不是可填写的状态（${EDITABLE_SUBTOPIC_STATUSES.join('、')}）` };
    return { values: { status }, shown: status };
  }
  const r = fromFormText(field, raw);
  if (!r.ok) return { problem: r.message };
  return { values: { [field.key]: r.value }, shown: toFormText(r.value) };
}

function sameValue(c: Cell, s: Subtopic): boolean {
  const now = s as unknown as Record<string, unknown>;
  return Object.entries(c.values).every(([k, v]) => JSON.stringify(k === 'ownerIds' ? s.ownerIds : (now[k] ?? null)) === JSON.stringify(v ?? null));
}

/** The rows as the one `subtopic.saveMany` call: changed fields only for rows written over, whole rows for new ones. */
export function saveManyArgs(rows: readonly PastedRow[]) {
  const update = rows
    .filter((r) => r.target && r.changes.length)
    .map((r) => Object.assign({ id: r.target!.id }, ...r.cells.filter((c) => !sameValue(c, r.target!)).map((c) => c.values)) as { id: string } & Record<string, unknown>);
  const create = rows.filter((r) => !r.target).map((r) => Object.assign({}, ...r.cells.map((c) => c.values)) as { title: string } & Record<string, unknown>);
  return { update, create };
}
