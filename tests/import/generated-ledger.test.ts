import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { workbookCells } from '../../electron/core/import/cells';
import { readWorkbook } from '../../electron/core/import/read';
import { writeBenchLedger } from '../bench/import';
import { tempDir } from '../helpers/core';
import { compareWorkbooks } from './corpus/compare';
import { sheetjsCells } from './corpus/references';

/*
 * The province-size Chinese ledger of the import bench (50,000 rows, 2,000
 * topics, merged cells, shared strings, dates and 年月底 text), read by the
 * importer and by SheetJS: every cell equal. Generated ledgers of this kind
 * once came in with names in the measures column (a shared string skipped at
 * an inflate edge shifted every later one), silently.
 */

describe('a generated 50,000-row Chinese ledger', () => {
  it('reads cell for cell as SheetJS does', { timeout: 120_000 }, async () => {
    const file = path.join(tempDir('generated-ledger-'), '台账.xlsx');
    await writeBenchLedger(file);
    const ours = workbookCells(await readWorkbook(file));
    const { mismatches, cells } = compareWorkbooks(ours, await sheetjsCells(file), null);
    expect(cells).toBeGreaterThan(300_000);
    expect(mismatches).toEqual([]);
    expect(ours[0]!.rows[4]!.slice(4, 7)).toEqual(['小课题1-1', '措施：第1项工作按周推进，责任到人，每周汇报', expect.stringMatching(/^\p{Script=Han}+、\p{Script=Han}+$/u)]);
  });
});
