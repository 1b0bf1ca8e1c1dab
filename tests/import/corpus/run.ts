import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { workbookCells, type SheetCells } from '../../../electron/core/import/cells';
import { readWorkbook } from '../../../electron/core/import/read';
import { compareWorkbooks, type Mismatch } from './compare';
import { exceljsCells, sheetjsCells } from './references';

/*
 * The corpus test: every real-world workbook in ../shared/corpus/xlsx (1,450
 * files from Excel, LibreOffice, WPS, POI, strict OOXML… — sources in
 * SOURCES.tsv; never copied into the project) read by the importer and by
 * SheetJS, with exceljs as the tie-breaker. It fails on
 * - a cell where the importer differs from SheetJS while exceljs agrees with
 *   SheetJS (or cannot read the file): compare.ts says what is tolerated;
 * - a refusal of a file both references read with content;
 * - a fast-reader failure nobody planned for (the app falls back to SheetJS
 *   there, so a user would not see it, but it is a bug).
 * exceljs is asked only where the importer and SheetJS differ or where the
 * importer refuses: where they agree it cannot turn the cell into a mismatch.
 * The files are split into shards that run as separate test files, so the
 * two cores of the CI machine share the work.
 */

export const CORPUS = path.resolve(__dirname, '../../../../shared/corpus/xlsx');
const UNPLANNED = '文件的结构与常见工作簿不同';

const hasContent = (book: SheetCells[] | null) => Boolean(book?.some((s) => s.rows.some((r) => r.some((v) => v !== null))));

async function orNull<T>(read: () => Promise<T>): Promise<T | null> {
  try {
    return await read();
  } catch {
    return null;
  }
}

interface Finding {
  file: string;
  problem: string;
  examples?: Mismatch[];
}

export function corpusShard(shard: number, shards: number): void {
  const present = fs.existsSync(CORPUS);
  if (!present) console.warn(`corpus test skipped: ${CORPUS} is not here (it sits beside the checkout on the team's machines and in CI)`);
  describe.skipIf(!present)(`real-world workbooks, shard ${shard + 1} of ${shards}`, () => {
    it('reads every cell as SheetJS and exceljs do, and refuses none they read', { timeout: 30 * 60_000 }, async () => {
      const files = fs.readdirSync(CORPUS).filter((f) => /\.xlsx$/i.test(f)).sort().filter((_, i) => i % shards === shard);
      expect(files.length).toBeGreaterThan(100);
      const findings: Finding[] = [];
      let cells = 0;
      let disputed = 0;
      let fallbacks = 0;
      let refusedRightly = 0;
      for (const f of files) {
        const file = path.join(CORPUS, f);
        let ours: SheetCells[] | null = null;
        let error = '';
        try {
          const wb = await readWorkbook(file);
          const notes = wb.notes ?? [];
          if (notes.some((n) => n.includes(UNPLANNED))) findings.push({ file: f, problem: `the fast reader failed unexpectedly: ${notes.join(' ')}` });
          if (notes.some((n) => n.includes('备用方式'))) fallbacks++;
          ours = workbookCells(wb);
        } catch (err) {
          error = (err as Error).message;
          if (!/[\u4e00-\u9fff]/.test(error)) findings.push({ file: f, problem: `refused with a message that is not Chinese: ${error}` });
        }
        const sheetjs = await orNull(() => sheetjsCells(file));
        if (!ours) {
          if (hasContent(sheetjs) && hasContent(await orNull(() => exceljsCells(file)))) findings.push({ file: f, problem: `refused although both references read it: ${error}` });
          else refusedRightly++;
          continue;
        }
        if (!sheetjs) continue;
        let result = compareWorkbooks(ours, sheetjs, null);
        if (result.mismatches.length) result = compareWorkbooks(ours, sheetjs, await orNull(() => exceljsCells(file)));
        cells += result.cells;
        disputed += result.disputed;
        if (result.mismatches.length) findings.push({ file: f, problem: `${result.mismatches.length} cells differ`, examples: result.mismatches.slice(0, 3) });
      }
      console.log(
        `corpus shard ${shard + 1}/${shards}: ${files.length} files, ${cells} cells compared, ${disputed} where the references disagree, ` +
          `${fallbacks} read by the SheetJS fallback, ${refusedRightly} refused where a reference also found nothing, ${findings.length} findings`,
      );
      expect(findings).toEqual([]);
    });
  });
}
