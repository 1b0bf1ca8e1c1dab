import ExcelJS from 'exceljs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { Core } from '../../electron/core';
import { main } from '../../electron/core/cli/main';
import { fileCore, memoryCore, tempDir } from '../helpers/core';

/*
 * Re-importing a sheet must never erase what the ledger holds unless the
 * clerk asks: a column the sheet lacks changes nothing, an empty cell keeps
 * the stored value, and only with 清空空白单元格 (clearBlank) is an empty cell
 * written as empty, after the dry run listed every field it would clear.
 */

const dir = tempDir('import-merge-');

type Sheet = Record<string, ExcelJS.CellValue>[];

/** One row per sheet, by header (each header the field's first synonym, so it is recognised for sure). */
const FULL: Record<string, Sheet> = {
  台账: [
    {
      序号: '1', 课题名称: '提升揽投服务质效', 牵头部门: '寄递事业部', 领题支部: '城区揽投部党支部', 课题负责人: '张伟', 课题目标: '收入增长一成',
      小课题: '商户走访登记', 推进措施: '每周走访10户', 责任人: '张伟、李娜', 完成时限: '2023/6/30', 进展情况: '已走访120户', 备注: '小课题备注',
    },
  ],
  责任人名册: [{ 姓名: '张伟', 所在单位: '城区揽投部', 政治面貌: '中共党员', 人员类别: '党员', 职务: '投递员', 联系电话: '13800000000', 备注: '名册备注' }],
  成效指标: [{ 所属课题: '提升揽投服务质效', 指标名称: '揽收收入', 单位: '万元', 基期值: 800, 目标值: 1000, 完成值: 900, 统计截止: '2023/6/30', 备注: '指标备注' }],
  销号清单: [{ 所属课题: '提升揽投服务质效', 事项: '汉中大润发', 所属区域: '汉台商圈', 走访人: '张伟', 计划完成: '2023/6/30', 完成日期: '2023/6/10', 是否销号: '是', 备注: '清单备注' }],
};

/** Each file is named apart, so every call names the campaign (else it would be taken from the file name). */
const campaign = '2023年领题破题';
let files = 0;
/** FULL as a workbook, with some columns of one sheet left out or some cells emptied. */
async function workbook(change: { sheet?: string; drop?: string[]; blank?: string[] } = {}, sheets = FULL): Promise<string> {
  const wb = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(sheets)) {
    const ws = wb.addWorksheet(name);
    const headers = Object.keys(rows[0]!).filter((h) => name !== change.sheet || !change.drop?.includes(h));
    ws.addRow(headers);
    for (const row of rows) ws.addRow(headers.map((h) => (name === change.sheet && change.blank?.includes(h) ? null : row[h])));
  }
  const file = path.join(dir, `merge-${++files}.xlsx`);
  await wb.xlsx.writeFile(file);
  return file;
}

const one = <T>(core: Core, sql: string) => core.db.prepare(sql).get() as T;

/**
 * Per entity: the sheet, the columns whose stored fields are checked, and those fields as the ledger holds them (by header).
 * `neverCleared`: kept even when clearing (序号 may number the topic or its sub-topics, so an empty one says nothing).
 */
const ENTITIES: {
  entity: string;
  count: 'topics' | 'subtopics' | 'people' | 'indicators' | 'checklist';
  sheet: string;
  columns: string[];
  neverCleared?: string[];
  stored: (core: Core) => Record<string, unknown>;
}[] = [
  {
    entity: '课题',
    count: 'topics',
    sheet: '台账',
    columns: ['序号', '牵头部门', '领题支部', '课题负责人', '课题目标'],
    neverCleared: ['序号'],
    stored: (core) =>
      one(core, `SELECT t.code AS 序号, d.name AS 牵头部门, b.name AS 领题支部, p.name AS 课题负责人, t.goal AS 课题目标 FROM topics t
        LEFT JOIN units d ON d.id = t.lead_department_id LEFT JOIN units b ON b.id = t.branch_id LEFT JOIN people p ON p.id = t.leader_id`),
  },
  {
    entity: '小课题',
    count: 'subtopics',
    sheet: '台账',
    columns: ['推进措施', '责任人', '完成时限', '进展情况', '备注'],
    stored: (core) =>
      one(core, `SELECT s.measures AS 推进措施, (SELECT group_concat(p.name, '、') FROM (SELECT * FROM subtopic_owners o WHERE o.subtopic_id = s.id ORDER BY o.seq) o JOIN people p ON p.id = o.person_id) AS 责任人,
        s.deadline AS 完成时限, s.progress AS 进展情况, s.note AS 备注 FROM subtopics s`),
  },
  {
    entity: '人员',
    count: 'people',
    sheet: '责任人名册',
    columns: ['政治面貌', '人员类别', '职务', '联系电话', '备注'],
    stored: (core) => one(core, "SELECT political_status AS 政治面貌, category AS 人员类别, position AS 职务, phone AS 联系电话, note AS 备注 FROM people WHERE name = '张伟'"),
  },
  {
    entity: '指标',
    count: 'indicators',
    sheet: '成效指标',
    columns: ['单位', '基期值', '目标值', '完成值', '统计截止', '备注'],
    stored: (core) => one(core, 'SELECT unit AS 单位, baseline AS 基期值, target AS 目标值, actual AS 完成值, as_of AS 统计截止, note AS 备注 FROM indicators'),
  },
  {
    entity: '销号事项',
    count: 'checklist',
    sheet: '销号清单',
    columns: ['所属区域', '走访人', '计划完成', '完成日期', '是否销号', '备注'],
    stored: (core) =>
      one(core, `SELECT c.area AS 所属区域, c.owner_name || '/' || ifnull(p.name, '') AS 走访人, c.planned_date AS 计划完成, c.done_date AS 完成日期, c.closed AS 是否销号, c.note AS 备注
        FROM checklist_items c LEFT JOIN people p ON p.id = c.owner_id`),
  },
];

/** Stored values as the dry run shows them. */
const shown: Record<string, string> = {
  序号: '1', 牵头部门: '寄递事业部', 领题支部: '城区揽投部党支部', 课题负责人: '张伟', 课题目标: '收入增长一成',
  推进措施: '每周走访10户', 责任人: '张伟、李娜', 完成时限: '2023-06-30', 进展情况: '已走访120户',
  政治面貌: '中共党员', 人员类别: '党员', 职务: '投递员', 联系电话: '13800000000',
  单位: '万元', 基期值: '800', 目标值: '1000', 完成值: '900', 统计截止: '2023-06-30',
  所属区域: '汉台商圈', 走访人: '张伟', 计划完成: '2023-06-30', 完成日期: '2023-06-10', 是否销号: '是',
};
const NOTES: Record<string, string> = { 台账: '小课题备注', 责任人名册: '名册备注', 成效指标: '指标备注', 销号清单: '清单备注' };

const clearIssues = (issues: { message: string }[]) => issues.filter((i) => i.message.startsWith('将清空'));

async function imported(): Promise<Core> {
  const core = memoryCore();
  await core.call('import.commit', { file: await workbook(), campaign });
  return core;
}

describe.each(ENTITIES)('re-import of $entity', ({ count, sheet, columns, neverCleared = [], stored }) => {
  it('a column the sheet lacks keeps the stored field', async () => {
    const core = await imported();
    const before = stored(core);
    expect(Object.values(before).every((v) => v !== null && v !== '')).toBe(true);
    for (const column of columns) {
      const file = await workbook({ sheet, drop: [column] });
      // Even with 清空空白单元格: the option is about empty cells, not missing columns.
      for (const clearBlank of [false, true]) {
        expect(clearIssues((await core.call('import.analyze', { file, campaign, clearBlank })).issues)).toEqual([]);
        const r = await core.call('import.commit', { file, campaign, clearBlank });
        expect(stored(core), `without 「${column}」`).toEqual(before);
        expect(r.counts[count], `without 「${column}」`).toEqual({ added: 0, updated: 0, unchanged: 1 });
      }
    }
  });

  it('an empty cell keeps the stored value unless the clerk chose to clear empty cells; the dry run lists what would be cleared', async () => {
    const core = await imported();
    const before = stored(core);
    const file = await workbook({ sheet, blank: columns });

    expect(clearIssues((await core.call('import.analyze', { file, campaign })).issues)).toEqual([]);
    const kept = await core.call('import.commit', { file, campaign });
    expect(stored(core)).toEqual(before);
    expect(kept.counts[count]).toEqual({ added: 0, updated: 0, unchanged: 1 });

    const dryRun = await core.call('import.analyze', { file, campaign, clearBlank: true });
    const letters = (await core.call('import.analyze', { file: await workbook(), campaign })).sheets.find((s) => s.name === sheet)!.columns;
    const clearable = columns.filter((c) => !neverCleared.includes(c));
    expect(clearIssues(dryRun.issues)).toEqual(
      clearable.map((column) => {
        const value = column === '备注' ? NOTES[sheet]! : shown[column]!;
        return { sheet, row: 2, column: letters.find((c) => c.header === column)!.letter, value, message: `将清空已有的“${column}”：${value}`, severity: 'warning' };
      }),
    );
    const cleared = await core.call('import.commit', { file, campaign, clearBlank: true });
    expect(cleared.counts[count]).toEqual({ added: 0, updated: 1, unchanged: 0 });
    const after = stored(core);
    for (const column of clearable) expect(after[column] === null || after[column] === '' || after[column] === 0 || after[column] === '/', column).toBe(true);
    for (const column of neverCleared) expect(after[column], column).toEqual(before[column]);
    // Cleared once, there is nothing more to clear: the same file again changes nothing.
    expect(clearIssues((await core.call('import.analyze', { file, campaign, clearBlank: true })).issues)).toEqual([]);
    expect((await core.call('import.commit', { file, campaign, clearBlank: true })).counts[count]).toEqual({ added: 0, updated: 0, unchanged: 1 });
    // The audit kept what was cleared: undoing the batch brings it back.
    await core.call('import.undo', { batchId: cleared.batchId! });
    expect(stored(core)).toEqual(before);
  });
});

describe('a ticked-off sub-topic (locked: the import does not change it)', () => {
  it('is not reported as changed by a sheet that lacks columns, only by one that says something else', async () => {
    const core = memoryCore();
    const sheets = { 台账: [{ ...FULL.台账![0]!, 是否销号: '是' }] };
    await core.call('import.commit', { file: await workbook({}, sheets), campaign });
    const locked = (issues: { message: string }[]) => issues.filter((i) => i.message.includes('已销号，导入文件中的改动未写入'));
    const lacking = await core.call('import.commit', { file: await workbook({ sheet: '台账', drop: ['推进措施', '进展情况', '是否销号'] }, sheets), campaign });
    expect(locked(lacking.issues)).toEqual([]);
    const edited = await core.call('import.commit', { file: await workbook({}, { 台账: [{ ...sheets.台账[0], 进展情况: '改过的进展' }] }), campaign });
    expect(locked(edited.issues)).toHaveLength(1);
    expect(edited.counts.subtopics).toEqual({ added: 0, updated: 0, unchanged: 1 });
  });
});

describe('npm run ledger -- import FILE --clear-blank', () => {
  it('keeps stored values without the flag; with it the dry run lists what it would clear, and the import clears it', async () => {
    const db = path.join(tempDir('import-merge-cli-'), 'ledger.db');
    const out: string[] = [];
    const log = vi.spyOn(console, 'log').mockImplementation((t: string) => void out.push(t));
    const ledger = async (...args: string[]) => {
      expect(await main([...args, '--db', db, '--campaign', campaign, '--json'])).toBe(0);
      return JSON.parse(out.pop()!) as { analysis: { issues: { message: string }[] }; result: { counts: Record<string, { updated: number }> } | null };
    };
    const measures = () => {
      const core = fileCore(db);
      try {
        return ENTITIES[1]!.stored(core).推进措施;
      } finally {
        core.close();
      }
    };
    try {
      await ledger('import', await workbook());
      const file = await workbook({ sheet: '台账', blank: ['推进措施'] });
      expect((await ledger('import', file)).result!.counts.subtopics!.updated).toBe(0);
      expect(measures()).toBe('每周走访10户');
      const dry = await ledger('import', file, '--clear-blank', '--dry-run');
      expect([clearIssues(dry.analysis.issues).map((i) => i.message), dry.result]).toEqual([['将清空已有的“推进措施”：每周走访10户'], null]);
      expect(measures()).toBe('每周走访10户');
      expect((await ledger('import', file, '--clear-blank')).result!.counts.subtopics!.updated).toBe(1);
      expect(measures()).toBe('');
    } finally {
      log.mockRestore();
      process.exitCode = undefined;
    }
  });
});
