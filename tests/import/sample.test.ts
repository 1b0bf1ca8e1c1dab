import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../electron/core/cli/main';
import { memoryCore, tempDir } from '../helpers/core';
import { legacyWorkbook } from './fixtures';

// CI runs in a fresh clone with the shared samples beside the repository (../shared).
const SAMPLE = path.resolve(__dirname, '../../../shared/samples/ankang-2024.xlsx');
const haveSample = fs.existsSync(SAMPLE);
if (!haveSample) console.warn(`跳过样例台账测试：找不到 ${SAMPLE}`);

describe('the ankang-2024 sample ledger', () => {
  it.skipIf(!haveSample)('imports with the numbers counted by hand', async () => {
    const core = memoryCore();
    const r = await core.call('import.commit', { file: SAMPLE });
    expect(r.issues).toEqual([]);
    const stats = await core.call('stats.get', { campaignId: r.campaignId });
    // 1 topic, 4 sub-topics (2 ticked 是), 8 people (4 党员, 4 业务骨干), 3 indicators, 40 check-off items of which 32 是.
    expect(stats).toMatchObject({ topics: 1, subtopics: 4, closedSubtopics: 2, people: 8, party: 4, backbone: 4, indicators: 3, checklist: 40, checklistDone: 32 });
    const topic = (await core.call('topic.list', {}))[0]!;
    expect([topic.code, topic.title, topic.leadDepartmentName]).toEqual(['1', '提升城区揽投服务响应速度', '寄递事业部']);
    const subs = await core.call('subtopic.list', { topicId: topic.id });
    expect(subs.map((s) => [s.code, s.title, s.owners.map((o) => `${o.name}/${o.unitName}`).join(','), s.deadline, s.deadlineText, s.status])).toEqual([
      ['1-1', '商圈商户走访登记', '范毅红/江北揽投部,严艳/江北揽投部', '2024-06-30', '', '已销号'],
      ['1-2', '优化揽投段道', '郑兰浩/江南揽投部,邱亮海/江南揽投部', '2024-09-30', '', '推进中'],
      ['1-3', '补充揽收人员', '严瑞刚/新城揽投部,程毅/新城揽投部', '2024-10-31', '', '已销号'],
      ['1-4', '开展成本损益测算', '范磊超/老城揽投部,段薇/老城揽投部', '2024-12-31', '2024年12月底', '推进中'],
    ]);
    const again = await core.call('import.commit', { file: SAMPLE });
    expect(Object.values(again.counts).every((t) => t.added === 0 && t.updated === 0)).toBe(true);
  });
});

describe('CLI', () => {
  it('ledger import … --json, a dry run, a refusal (exit 2), stats, imports and import-undo', async () => {
    const dir = tempDir('import-cli-');
    const db = path.join(dir, 'ledger.db');
    const file = await legacyWorkbook(path.join(dir, 'cli.xlsx'));
    const lines: string[] = [];
    const log = console.log;
    const err = console.error;
    console.log = (t: string) => lines.push(t);
    console.error = (t: string) => lines.push(t);
    try {
      expect(await main(['import', file, '--db', db, '--dry-run', '--json'])).toBe(0);
      const dry = JSON.parse(lines.pop()!);
      expect([dry.result, dry.analysis.counts.subtopics]).toEqual([null, 9]);
      expect(await main(['import', file, '--db', db, '--json'])).toBe(0);
      const done = JSON.parse(lines.pop()!);
      expect(done.result.counts.subtopics.added).toBe(9);
      expect(await main(['stats', '--db', db, '--json'])).toBe(0);
      expect(JSON.parse(lines.pop()!)).toMatchObject({ topics: 2, subtopics: 9, people: 12, closedSubtopics: 4, checklist: 3, checklistDone: 2 });
      const text = path.join(dir, 'text.xlsx');
      fs.writeFileSync(text, 'not a workbook');
      expect(await main(['import', text, '--db', db, '--json'])).toBe(2);
      expect(lines.pop()).toMatch(/不是 Excel 工作簿/);
      expect(await main(['import', file, '--db', db, '--map', '{bad', '--json'])).toBe(2);
      expect(await main(['imports', '--db', db, '--json'])).toBe(0);
      const batches = JSON.parse(lines.pop()!);
      expect(batches).toHaveLength(1);
      expect(await main(['import-undo', batches[0].id, '--db', db])).toBe(0);
      expect(lines.pop()).toMatch(/已撤销导入批次.*撤销前的台账已备份到 .*-undo\.db/);
    } finally {
      console.log = log;
      console.error = err;
      process.exitCode = undefined;
    }
  });
});
