import type { z } from 'zod';
import type { FieldDesc } from '../../../shared/fields';
import { headerWords, readClipboardTable } from '../../../shared/values';

/*
 * A block copied from Excel or WPS and pasted into a tab (成效指标, 台账):
 * its rows and cells as Excel put them on the clipboard (shared/values/
 * clipboard.ts: a quoted cell may hold line breaks), its columns either in a
 * fixed order or, when the first row is a header (its cells are the fields'
 * header words, shared/fields), as that header says. Pure: the tabs' previews
 * and the Node tests read the same functions.
 */

export interface PasteColumn<K extends string = string> {
  key: K;
  /** The column's name in the preview and in every problem (第 3 行「目标值」：…). */
  label: string;
  /** Normalised header words that name it (the field's synonyms). */
  words: readonly string[];
}

/** The paste columns of an entity, in `keys` order, named and matched by the fields' own header words. */
export function pasteColumns<K extends string>(fields: readonly FieldDesc[], keys: readonly K[]): PasteColumn<K>[] {
  return keys.map((key) => {
    const field = fields.find((f) => f.key === key)!;
    return { key, label: field.excel?.header ?? field.synonyms[0] ?? field.label, words: field.synonyms.length ? field.synonyms : [headerWords(field.label)] };
  });
}

export interface PastedRow<K extends string> {
  /** The row's number in what was copied (a header row is row 1). */
  line: number;
  /** The pasted cells by column, trimmed; a column not pasted is absent. */
  cells: Partial<Record<K, string>>;
  problems: string[];
}

export interface PastedTable<K extends string> {
  /** True when the first row was a header, used to place the columns and not read as data. */
  header: boolean;
  /** The columns read, in the order they were pasted (null: a column not read). */
  columns: (PasteColumn<K> | null)[];
  /** What the preview says about the table as a whole (the header used, columns not read). */
  notes: string[];
  /** What stops the whole table being saved (a column named twice, a required column missing). */
  problems: string[];
  rows: PastedRow<K>[];
}

/** 第 3 行「目标值」：… — where a problem is, as the clerk finds it in the sheet. */
export const cellProblem = (line: number, label: string, message: string) => `第 ${line} 行「${label}」：${message}`;

/** The first message of a zod rule's refusal of `value`, or null when it passes. */
export function ruleProblem(rule: z.ZodType, value: unknown): string | null {
  const r = rule.safeParse(value);
  return r.success ? null : (r.error.issues[0]?.message ?? '内容不符合要求');
}

/** A cell as text: Excel's CRLF inside a quoted cell as a line break, surrounding spaces gone. */
const cellText = (c: string) => c.replace(/\r\n?/g, '\n').trim();

/**
 * The pasted rows by column. Without a header the cells are `columns` in
 * order, and a cell past the last column is a problem on its row (a copy
 * with an extra column would otherwise shift into the wrong field). With a
 * header, each header cell names its column; `ignored` header words (a
 * derived column such as 是否达标, the topic's name) are columns left unread.
 */
export function readPastedTable<K extends string>(text: string, columns: readonly PasteColumn<K>[], opts: { ignored?: readonly string[]; required?: readonly K[] } = {}): PastedTable<K> {
  const grid = readClipboardTable(text).map((cells, i) => ({ line: i + 1, cells: cells.map(cellText) }));
  const filled = grid.filter((r) => r.cells.some(Boolean));
  const first = filled[0];
  const notes: string[] = [];
  const problems: string[] = [];
  const headed = first ? headerColumns(first.cells, columns, opts.ignored ?? []) : null;
  let placed: (PasteColumn<K> | null)[] = [...columns];
  if (headed && first) {
    placed = headed;
    notes.push(`第 ${first.line} 行是表头，已按表头对应各列（不作为数据）。`);
    first.cells.forEach((c, i) => {
      if (c && !headed[i]) notes.push(`第 ${i + 1} 列「${c}」不是可粘贴的列，未读取。`);
    });
    const seen = new Map<K, number>();
    headed.forEach((col, i) => {
      if (!col) return;
      const before = seen.get(col.key);
      if (before !== undefined) problems.push(`表头中「${col.label}」出现了两次（第 ${before + 1} 列和第 ${i + 1} 列），请只保留一列后重新复制。`);
      else seen.set(col.key, i);
    });
    for (const key of opts.required ?? []) {
      if (!seen.has(key)) problems.push(`表头中没有「${columns.find((c) => c.key === key)!.label}」列，请一并复制这一列。`);
    }
  }
  const rows = filled.slice(headed ? 1 : 0).map(({ line, cells }) => {
    const row: PastedRow<K> = { line, cells: {}, problems: [] };
    cells.forEach((c, i) => {
      const col = placed[i];
      if (col) {
        if (row.cells[col.key] === undefined) row.cells[col.key] = c;
      } else if (c && !headed) {
        row.problems.push(`第 ${line} 行第 ${i + 1} 列「${c.length > 20 ? `${c.slice(0, 20)}…` : c}」：多出的一列（应为 ${columns.map((x) => x.label).join('、')}，共 ${columns.length} 列；带表头复制可只取其中几列）`);
      }
    });
    return row;
  });
  return { header: Boolean(headed), columns: placed, notes, problems, rows };
}

/**
 * The columns a first row names, when it is a header: each non-empty cell
 * a known header word, or at least two naming columns and they the majority
 * (a header with a column of its own, 备注说明, is still a header). Else null.
 */
function headerColumns<K extends string>(cells: readonly string[], columns: readonly PasteColumn<K>[], ignored: readonly string[]): (PasteColumn<K> | null)[] | null {
  const words = cells.map(headerWords);
  const named = words.map((w) => (w ? (columns.find((c) => c.words.includes(w)) ?? null) : null));
  const nonEmpty = words.filter(Boolean).length;
  const matched = named.filter(Boolean).length;
  const known = words.filter((w, i) => w && (named[i] || ignored.includes(w))).length;
  if (!matched) return null;
  return known === nonEmpty || (matched >= 2 && matched * 2 > nonEmpty) ? named : null;
}

/**
 * People found by name on the roster, as the breakdown's paste finds 责任人:
 * the one of that name, or of several the one in the topic's branch.
 */
export function rosterByName<P extends { name: string; unitId: string | null }>(roster: readonly P[], branchId: string | null): (name: string) => { person: P } | { found: number } {
  const byName = new Map<string, P[]>();
  for (const p of roster) byName.set(p.name, [...(byName.get(p.name) ?? []), p]);
  return (name) => {
    const found = byName.get(name) ?? [];
    const inBranch = found.filter((p) => p.unitId === branchId);
    const person = found.length === 1 ? found[0] : inBranch.length === 1 ? inBranch[0] : undefined;
    return person ? { person } : { found: found.length };
  };
}
