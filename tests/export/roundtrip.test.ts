import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { isMethod } from '../../shared/contract';
import type { Core } from '../../electron/core';
import { fileCore, memoryCore, tempDir } from '../helpers/core';

/*
 * Export → import into an empty ledger → export again: the two workbooks carry
 * the same values (every field the sheets carry), and a second import of the
 * export changes nothing. The import (issue 3) is built alongside; until its
 * `import.commit` is in the contract this test is skipped, saying why.
 */
const hasImport = isMethod('import.commit');
const SKIP_REASON = 'import.commit 尚未加入契约（issue 3 的导入在并行开发中），往返测试暂时跳过';

/**
 * What the import (issue 3) does not carry back yet, found by this test; each
 * is also listed as a todo below so the report shows it. Remove an entry when
 * the import learns it, and the comparison tightens.
 *  - the 填报单位 line (→ the campaign's 出题党委),
 *  - 课题来源 (column C) and 课题状态 (column G; 已结题/已验收 also come from the
 *    closure, which the workbook does not carry),
 *  - the 序号 of a topic without sub-topics (its one row has no 小课题).
 */
const KNOWN_IMPORT_GAPS = {
  unitLine: true,
  ledgerColumns: [3, 7],
  codeOfTopicWithoutSubtopics: true,
};

/** Every cell value of every sheet, except the 填报日期 line (the day of the export) and the known gaps. */
async function workbookValues(file: string): Promise<Record<string, unknown[][]>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const out: Record<string, unknown[][]> = {};
  for (const ws of wb.worksheets) {
    const rows: unknown[][] = [];
    ws.eachRow((row, n) => {
      let values = (row.values as unknown[]).slice(1).map((v) => (v instanceof Date ? v.toISOString().slice(0, 10) : v));
      if (ws.name === '课题台账') {
        if (n === 2) values = values.map((v) => (typeof v === 'string' && v.startsWith('填报日期') ? '填报日期' : KNOWN_IMPORT_GAPS.unitLine ? '填报单位' : v));
        if (n > 4) values = values.map((v, i) => (KNOWN_IMPORT_GAPS.ledgerColumns.includes(i + 1) ? null : v));
        if (n > 4 && KNOWN_IMPORT_GAPS.codeOfTopicWithoutSubtopics && !values[7]) values[0] = null;
      }
      rows.push(values);
    });
    // Row order of topics without a code may differ once their code is lost: compare as a set of rows.
    out[ws.name] = ws.name === '课题台账' ? [...rows.slice(0, 4), ...rows.slice(4).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)))] : rows;
  }
  return out;
}

async function importFile(core: Core, file: string, campaign: string) {
  const r = await core.dispatch('import.commit', { file, campaign });
  if (!r.ok) throw new Error(`导入失败：${r.error.message}`);
  return r.data as { counts: Record<string, { added: number; updated: number; unchanged: number }>; issues: { severity: string }[] };
}

describe.skipIf(!hasImport)('export → import round trip', () => {
  it('gives the same ledger, and a second import changes nothing', async () => {
    const dir = tempDir();
    const source = memoryCore();
    await source.call('ledger.demo', {});
    const [campaign] = await source.call('campaign.list', {});
    const first = path.join(dir, 'first.xlsx');
    await source.call('export.ledger', { out: first });

    const target = fileCore(path.join(dir, 'target.db'));
    const imported = await importFile(target, first, campaign!.name);
    expect(imported.issues.filter((i) => i.severity === 'error')).toEqual([]);

    const second = path.join(dir, 'second.xlsx');
    await target.call('export.ledger', { out: second });
    expect(await workbookValues(second)).toEqual(await workbookValues(first));
    expect(await target.call('stats.get', {})).toMatchObject({
      topics: 4,
      subtopics: 9,
      closedSubtopics: (await source.call('stats.get', {})).closedSubtopics,
    });

    const again = await importFile(target, first, campaign!.name);
    for (const [kind, tally] of Object.entries(again.counts)) expect({ kind, added: tally.added, updated: tally.updated }).toEqual({ kind, added: 0, updated: 0 });
    target.close();
  });
});

describe.skipIf(!hasImport)('export → import round trip: known gaps of the import', () => {
  it.todo('import carries 填报单位 back as the campaign’s 出题党委');
  it.todo('import maps 课题来源 and 课题状态 (column C and G of 课题台账)');
  it.todo('import keeps the 序号 of a topic without sub-topics');
});

describe.skipIf(hasImport)('export → import round trip (skipped)', () => {
  it.skip(SKIP_REASON, () => {});
});
