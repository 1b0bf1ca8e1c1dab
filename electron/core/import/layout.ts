import type { SheetKind, SheetMapping } from '../../../shared/contract/imports';
import { FIELDS, KINDS, fieldLabel, score } from './fields';
import { HEADER_SCAN_ROWS, MAX_COLUMNS } from './limits';
import { columnIndex, columnLetter } from '../../../shared/excel';
import type { CellValue, RawSheet } from './raw';
import { cellText, headerKey, isEmptyCell } from './values';

/*
 * The layout of one sheet: which row is the header (one row, or two where the
 * upper row groups columns), what kind of sheet it is, and which column holds
 * which field, each with how sure the scorer is.
 */

/** Cell values with merged ranges filled in (a merged topic cell reads the same on every row it spans). */
export class Grid {
  /**
   * Per column, the merged ranges crossing it as [top, bottom, masterRow, masterColumn] runs sorted by top:
   * a lookup is a binary search, and building costs one entry per merge and column rather than one per cell
   * (a province ledger merges 4 columns over 50,000 rows).
   */
  private readonly ranges = new Map<number, number[]>();

  constructor(readonly sheet: RawSheet) {
    let budget = 2_000_000; // column entries at most; a hostile merge of every column stops here
    for (const m of sheet.merges) {
      const right = Math.min(m.right, MAX_COLUMNS);
      for (let c = m.left; c <= right && budget > 0; c++, budget--) {
        let runs = this.ranges.get(c);
        if (!runs) this.ranges.set(c, (runs = []));
        runs.push(m.top, m.bottom, m.top, m.left);
      }
    }
    for (const [c, runs] of this.ranges) {
      const order = Array.from({ length: runs.length / 4 }, (_, i) => i).sort((a, b) => runs[a * 4]! - runs[b * 4]!);
      this.ranges.set(c, order.flatMap((i) => runs.slice(i * 4, i * 4 + 4)));
    }
  }

  /** The top-left cell (row * 1024 + column) of the merged range covering (r, c), when (r, c) is not that cell itself. */
  private masterOf(r: number, c: number): number | undefined {
    const runs = this.ranges.get(c);
    if (!runs) return undefined;
    let lo = 0;
    let hi = runs.length / 4 - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (runs[mid * 4]! <= r) lo = mid + 1;
      else hi = mid - 1;
    }
    // hi: the last range that starts at row r or above it.
    if (hi < 0 || runs[hi * 4 + 1]! < r) return undefined;
    const masterRow = runs[hi * 4 + 2]!;
    const masterColumn = runs[hi * 4 + 3]!;
    return masterRow === r && masterColumn === c ? undefined : masterRow * 1024 + masterColumn;
  }

  get rowCount(): number {
    return this.sheet.rows.length;
  }

  own(r: number, c: number): CellValue {
    return this.sheet.rows[r - 1]?.[c - 1] ?? null;
  }

  value(r: number, c: number): CellValue {
    const v = this.own(r, c);
    if (v !== null) return v;
    const master = this.masterOf(r, c);
    return master === undefined ? null : this.own(Math.floor(master / 1024), master % 1024);
  }

  /** True when the cell is part of a merged range that spans more than one row. */
  mergedDown(r: number, c: number): boolean {
    return this.masterOf(r, c) !== undefined || this.masterOf(r + 1, c) !== undefined;
  }

  width(r: number): number {
    return this.sheet.rows[r - 1]?.length ?? 0;
  }

  /** Answers of spansRows: the header search asks about the same few row pairs for every kind of sheet. */
  private readonly spans = new Map<string, boolean>();

  /** Rows r1 and r2 share a merged cell spanning both (a two-row header). */
  spansRows(r1: number, r2: number): boolean {
    const key = `${r1}:${r2}`;
    let spans = this.spans.get(key);
    if (spans === undefined) {
      // One pass over every merge (a province ledger has 8,000 of them), once per pair of rows.
      spans = this.sheet.merges.some((m) => m.top <= r1 && m.bottom >= r2 && m.top < m.bottom);
      this.spans.set(key, spans);
    }
    return spans;
  }

  isBlank(r: number): boolean {
    const row = this.sheet.rows[r - 1];
    return !row || row.every(isEmptyCell);
  }
}

export interface Column {
  index: number;
  header: string;
  field: string | null;
  confidence: number;
}

export interface Layout {
  kind: SheetKind;
  headerRows: number[];
  columns: Column[];
  /** field key → 1-based column */
  byField: Map<string, number>;
  score: number;
}

type Labels = { keys: string[]; text: string }[];

function labelsFor(grid: Grid, rows: number[]): Labels {
  const width = Math.max(...rows.map((r) => grid.width(r)), 0);
  const out: Labels = [];
  for (let c = 1; c <= width; c++) {
    const texts = rows.map((r) => cellText(grid.value(r, c))).filter(Boolean);
    const unique = [...new Set(texts)];
    // Lower row first: under a group heading (课题信息) it names the column itself.
    out.push({ keys: unique.map((t) => headerKey(t)).reverse(), text: unique.join('/') });
  }
  return out;
}

/** Greedy best-first assignment: each column to at most one field and each field to one column. */
function assign(kind: Exclude<SheetKind, 'unknown'>, labels: Labels): { columns: Column[]; score: number; ok: boolean } {
  const pairs: { c: number; field: string; s: number; order: number }[] = [];
  FIELDS[kind].forEach((f, order) => {
    labels.forEach((l, i) => {
      const s = Math.max(0, ...l.keys.map((k) => score(k, f)));
      if (s >= 0.5) pairs.push({ c: i + 1, field: f.key, s, order });
    });
  });
  pairs.sort((a, b) => b.s - a.s || a.order - b.order || a.c - b.c);
  const takenCol = new Map<number, { field: string; s: number }>();
  const takenField = new Set<string>();
  for (const p of pairs) {
    if (takenCol.has(p.c) || takenField.has(p.field)) continue;
    takenCol.set(p.c, { field: p.field, s: p.s });
    takenField.add(p.field);
  }
  const columns = labels.map((l, i) => ({ index: i + 1, header: l.text, field: takenCol.get(i + 1)?.field ?? null, confidence: takenCol.get(i + 1)?.s ?? 0 }));
  const total = [...takenCol.values()].reduce((a, b) => a + b.s, 0);
  const ok = FIELDS[kind].filter((f) => f.required).every((f) => takenField.has(f.key)) && takenCol.size >= 2;
  return { columns, score: total, ok };
}

function layoutAt(grid: Grid, kind: Exclude<SheetKind, 'unknown'>, row: number): Layout {
  // A merged cell spanning this row and the one above (序号 over two rows) makes a two-row header.
  const upper = row > 1 && !grid.isBlank(row - 1) && grid.spansRows(row - 1, row);
  const lower = !upper && row < grid.rowCount && !grid.isBlank(row + 1) && grid.spansRows(row, row + 1);
  const headerRows = upper ? [row - 1, row] : lower ? [row, row + 1] : [row];
  const a = assign(kind, labelsFor(grid, headerRows));
  const byField = new Map<string, number>();
  for (const c of a.columns) if (c.field) byField.set(c.field, c.index);
  return { kind, headerRows, columns: a.columns, byField, score: a.ok ? a.score : 0 };
}

/** The best (row, kind) in the first rows, or the clerk's choice; unknown when nothing scores. */
export function detectLayout(grid: Grid, override: SheetMapping | undefined): Layout {
  const kinds = override?.kind && override.kind !== 'unknown' ? [override.kind] : KINDS;
  const rows = override?.headerRow ? [override.headerRow] : Array.from({ length: Math.min(HEADER_SCAN_ROWS, grid.rowCount) }, (_, i) => i + 1);
  let best: Layout = { kind: 'unknown', headerRows: [], columns: [], byField: new Map(), score: 0 };
  if (override?.kind === 'unknown') return best;
  for (const r of rows) {
    if (grid.isBlank(r)) continue;
    for (const kind of kinds) {
      const l = layoutAt(grid, kind, r);
      if (l.score > best.score + 1e-9) best = l;
    }
  }
  if (best.kind === 'unknown' && override?.kind && override.headerRow) {
    best = layoutAt(grid, override.kind as Exclude<SheetKind, 'unknown'>, override.headerRow);
  }
  if (best.kind !== 'unknown' && override?.columns) applyColumns(best, override.columns);
  return best;
}

/** The clerk's column choices win over the scorer: by letter ("C") or by header text. */
function applyColumns(layout: Layout, columns: Record<string, string | null>): void {
  const kind = layout.kind as Exclude<SheetKind, 'unknown'>;
  for (const [ref, field] of Object.entries(columns)) {
    const byLetter = /^[A-Z]{1,3}$/i.test(ref) ? columnIndex(ref) : 0;
    const col = layout.columns.find((c) => c.index === byLetter) ?? layout.columns.find((c) => c.header === ref || headerKey(c.header) === headerKey(ref));
    const target = col ?? (byLetter ? { index: byLetter, header: '', field: null, confidence: 0 } : undefined);
    if (!target) continue;
    if (!col) layout.columns.push(target);
    if (field && !FIELDS[kind].some((f) => f.key === field)) continue;
    for (const c of layout.columns) {
      if (field && c.field === field) {
        c.field = null;
        c.confidence = 0;
      }
    }
    target.field = field;
    target.confidence = field ? 1 : 0;
  }
  layout.columns.sort((a, b) => a.index - b.index);
  layout.byField = new Map(layout.columns.filter((c) => c.field).map((c) => [c.field!, c.index]));
}

export function describeColumns(layout: Layout) {
  return layout.columns.map((c) => ({
    index: c.index,
    letter: columnLetter(c.index),
    header: c.header,
    field: c.field,
    fieldLabel: c.field ? fieldLabel(layout.kind, c.field) : null,
    confidence: Math.round(c.confidence * 100) / 100,
    sure: c.field === null || c.confidence >= 0.9,
  }));
}
