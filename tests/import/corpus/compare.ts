import type { JsonCell, SheetCells } from '../../../electron/core/import/cells';
import { columnLetter } from '../../../shared/excel';

/*
 * One cell of the project's reading against the references'. What is
 * tolerated, and why (nothing else is):
 * - CRLF vs LF and surrounding whitespace: readers differ on XML line-end
 *   handling and on xml:space; a ledger's parser trims every cell anyway.
 * - a date off by less than a second: readers round the day fraction differently.
 * - a date before 1900-03-01 off by whole days: Excel's fictitious 1900-02-29
 *   is handled differently by each library; no ledger date is that old.
 * - error cells (#N/A, #DIV/0!): every reader leaves them empty or says
 *   "error"; the import treats them as empty.
 */

const text = (s: string) => s.replace(/\r\n?/g, '\n').trim();
const ISO = /^\d{4,}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/;
const EARLY = Date.UTC(1900, 2, 1);

export function sameCell(a: JsonCell, b: JsonCell): boolean {
  if (typeof a === 'string' && typeof b === 'string' && ISO.test(a) && ISO.test(b)) {
    const x = Date.parse(a);
    const y = Date.parse(b);
    if (Math.abs(x - y) < 1000) return true;
    if (Math.min(x, y) < EARLY) {
      const days = (x - y) / 86_400_000;
      return Math.abs(days - Math.round(days)) < 1 / 86400;
    }
    return false;
  }
  if (typeof a === 'string') a = text(a) || null;
  if (typeof b === 'string') b = text(b) || null;
  if (typeof a === 'number' && typeof b === 'number') return a === b || Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a));
  return a === b;
}

export interface Mismatch {
  sheet: string;
  cell: string;
  ours: JsonCell;
  reference: JsonCell;
}

const at = (s: SheetCells | undefined, r: number, c: number): JsonCell => s?.rows[r]?.[c] ?? null;

/**
 * Cells where the project differs from the references while they agree with
 * each other (only SheetJS counts where exceljs could not read the file).
 */
export function compareWorkbooks(ours: SheetCells[], sheetjs: SheetCells[], exceljs: SheetCells[] | null): { mismatches: Mismatch[]; disputed: number; cells: number } {
  const mismatches: Mismatch[] = [];
  let disputed = 0;
  let cells = 0;
  for (const ref of sheetjs) {
    const mine = ours.find((s) => s.name === ref.name);
    const other = exceljs?.find((s) => s.name === ref.name);
    const height = Math.max(ref.rows.length, mine?.rows.length ?? 0);
    for (let r = 0; r < height; r++) {
      const width = Math.max(ref.rows[r]?.length ?? 0, mine?.rows[r]?.length ?? 0);
      for (let c = 0; c < width; c++) {
        const s = at(ref, r, c);
        const o = at(mine, r, c);
        if (s === null && o === null) continue;
        cells++;
        if (sameCell(o, s)) continue;
        if (exceljs && !sameCell(s, at(other, r, c))) {
          disputed++;
          continue;
        }
        mismatches.push({ sheet: ref.name, cell: `${columnLetter(c + 1)}${r + 1}`, ours: o, reference: s });
      }
    }
  }
  return { mismatches, disputed, cells };
}
