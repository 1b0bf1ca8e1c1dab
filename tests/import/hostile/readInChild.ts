import { workbookCells } from '../../../electron/core/import/cells';
import { readWorkbook } from '../../../electron/core/import/read';

/*
 * Reads one workbook as the import does, in a process of its own, and prints
 * what happened with the time it took and the process's peak memory: the
 * hostile-file test runs each crafted file through this so that one file's
 * memory is measured alone (and a runaway cannot take the test runner down).
 */

async function main(): Promise<void> {
  const file = process.argv[2]!;
  const started = performance.now();
  let result: { ok: true; sheets: { name: string; rows: number }[]; notes: string[] } | { ok: false; error: string };
  try {
    const wb = await readWorkbook(file);
    result = { ok: true, sheets: workbookCells(wb).map((s) => ({ name: s.name, rows: s.rows.length })), notes: wb.notes ?? [] };
  } catch (err) {
    result = { ok: false, error: (err as Error).message };
  }
  const ms = Math.round(performance.now() - started);
  process.stdout.write(JSON.stringify({ ...result, ms, peakMB: Math.round(process.resourceUsage().maxRSS / 1024) }));
}

void main();
