import path from 'node:path';
import { workbookCells, type JsonCell } from '../import/cells';
import { readWorkbook } from '../import/read';

/*
 * `ledger cells FILE... [--json]`: exactly the cells the importer reads, before
 * any interpretation, for an IT helper whose clerk says "my sheet came in
 * wrong". It opens no ledger. With --json, one line per file:
 *   {"file","ok":true,"sheets":[{"name","rows":[[v,…],…],"merges":["A1:C1",…]}],"notes"?:[…]}
 *   {"file","ok":false,"error":"<中文说明>"}
 * rows[0][0] is A1; a date is an ISO 8601 date-time ending in Z; empty and
 * error cells are null. Exit 0 when every file was read, 2 when one was refused.
 */

export const CELLS_USAGE = `  cells    文件... [--json]                    显示导入时读到的单元格（不解释、不写入），用于核对读取结果`;

type Print = (text: string) => void;

const show = (v: JsonCell): string => (v === null ? '' : String(v).replace(/\r?\n/g, '⏎'));

export async function runCellsCommand(files: string[], json: boolean, print: Print): Promise<number> {
  let refused = 0;
  for (const file of files) {
    const name = path.basename(file);
    try {
      const wb = await readWorkbook(file);
      const sheets = workbookCells(wb);
      const notes = wb.notes ?? [];
      if (json) {
        print(JSON.stringify({ file, ok: true, sheets, ...(notes.length ? { notes } : {}) }));
        continue;
      }
      print(`文件「${name}」`);
      for (const n of notes) print(`  注意：${n}`);
      for (const s of sheets) {
        const width = s.rows.reduce((w, r) => Math.max(w, r.length), 0);
        print(`  工作表「${s.name}」：${s.rows.length} 行 × ${width} 列${s.merges.length ? `，合并单元格 ${s.merges.join(' ')}` : ''}`);
        s.rows.forEach((row, i) => {
          if (row.some((v) => v !== null)) print(`  ${i + 1}\t${row.map(show).join('\t')}`);
        });
      }
    } catch (err) {
      refused++;
      const error = (err as Error).message;
      print(json ? JSON.stringify({ file, ok: false, error }) : `文件「${name}」无法读取：${error}`);
    }
  }
  return refused ? 2 : 0;
}
