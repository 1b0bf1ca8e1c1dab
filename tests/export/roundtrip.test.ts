import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core';
import { fileCore, memoryCore, tempDir } from '../helpers/core';

/*
 * Export → import into an empty ledger → export again: the two workbooks carry
 * the same values (every field the sheets carry), and a second import of the
 * export changes nothing.
 */

/**
 * What a workbook cannot bring back by design: 已结题/已验收 are reached only by
 * submitting a closure report (and a review), which the workbook does not
 * carry, so the import takes such topics in as 破题中 and says so in a warning.
 */
const LOCKED_STATUS_COLUMN = 7;
const LOCKED_STATUSES = ['已结题', '已验收'];

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
        if (n === 2) values = values.map((v) => (typeof v === 'string' && v.startsWith('填报日期') ? '填报日期' : v));
        if (n > 4) values = values.map((v, i) => (i + 1 === LOCKED_STATUS_COLUMN && LOCKED_STATUSES.includes(v as string) ? '破题中' : v));
      }
      rows.push(values);
    });
    // Compared as a set of rows: the order of topics with equal 序号 is not part of the ledger.
    out[ws.name] = ws.name === '课题台账' ? [...rows.slice(0, 4), ...rows.slice(4).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)))] : rows;
  }
  return out;
}

async function importFile(core: Core, file: string, campaign: string) {
  const r = await core.dispatch('import.commit', { file, campaign });
  if (!r.ok) throw new Error(`导入失败：${r.error.message}`);
  return r.data as { counts: Record<string, { added: number; updated: number; unchanged: number }>; issues: { severity: string }[] };
}

describe('export → import round trip', () => {
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
    // The 填报单位 line brings the committee back; a topic without sub-topics keeps its 序号; sources come back.
    expect((await target.call('campaign.list', {}))[0]?.committeeName).toBe((await source.call('campaign.list', {}))[0]?.committeeName);
    const topicsOf = async (core: Core) => (await core.call('topic.list', {})).map((t) => [t.code, t.title, t.source, t.status === '已验收' ? '破题中' : t.status]);
    expect(await topicsOf(target)).toEqual(await topicsOf(source));
    expect(await target.call('stats.get', {})).toMatchObject({
      topics: 4,
      subtopics: 9,
      closedSubtopics: (await source.call('stats.get', {})).closedSubtopics,
    });

    // The import recounts the topic counters it deferred: the ledger checks out whole.
    expect(await target.call('ledger.check', {})).toEqual({ ok: true, integrity: [], foreignKeys: [], problems: [] });
    expect((await target.call('topic.list', {})).map((t) => t.subtopics)).toEqual((await source.call('topic.list', {})).map((t) => t.subtopics));

    const again = await importFile(target, first, campaign!.name);
    for (const [kind, tally] of Object.entries(again.counts)) expect({ kind, added: tally.added, updated: tally.updated }).toEqual({ kind, added: 0, updated: 0 });
    target.close();
  });
});
