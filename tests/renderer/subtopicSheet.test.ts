import { describe, expect, it } from 'vitest';
import type { Person, Subtopic } from '../../shared/domain/schemas';
import { writeClipboardTable } from '../../shared/values';
import { SHEET_FIELDS, columnTitle, isBlock, readPastedBlock, saveManyArgs, sheetRowOf, singleCellText } from '../../renderer/src/topic/subtopicSheet';

const person = (id: string, name: string, unitId: string | null = null) => ({ id, name, unitId }) as Person;
const roster = [person('p1', '王建华'), person('p2', '李敏'), person('p3', '张伟', 'u1'), person('p4', '张伟', 'u2')];
const topic = { startDate: '2026-01-01', endDate: '2026-12-31', branchId: 'u1' };
const ctx = { roster, topic, today: '2026-03-15' };
const sub = (over: Partial<Subtopic>): Subtopic =>
  ({ id: 's1', code: '1', seq: 0, title: '建设服务站', measures: '配齐设备', owners: [{ id: 'p1', name: '王建华' }], ownerIds: ['p1'], deadline: '2026-09-30', deadlineText: '', budget: null, status: '推进中', ...over }) as Subtopic;

describe('the breakdown grid as a sheet', () => {
  it('has the grid’s columns in the fields’ order', () => {
    expect(SHEET_FIELDS.map(columnTitle)).toEqual(['编号', '小课题名称', '推进措施', '责任人', '完成时限', '预算（万元）', '状态']);
  });

  it('tells a block from one cell, and gives one copied cell its text only', () => {
    expect(isBlock('a\tb')).toBe(true);
    expect(isBlock('a\r\nb\r\n')).toBe(true);
    expect(isBlock('建设服务站\r\n')).toBe(false); // Excel puts one cell on the clipboard with a line break after it
    expect(isBlock('"第一步\n第二步"\r\n')).toBe(false); // one multi-line cell
    expect(singleCellText('"第一步\n第二步"\r\n')).toBe('第一步\n第二步');
    expect(singleCellText('建设服务站\r\n')).toBe('建设服务站');
  });

  it('reads pasted rows from the focused column on, each cell by the grid’s own parser', () => {
    const text = '建设服务站\t"摸底\n建站"\t王建华、李敏\t2026年9月底\t1.5\r\n防诈宣传\t每月一次\t赵六\t2026-02-30\t一万\t已销号\r\n';
    const block = readPastedBlock(text, { ...ctx, firstColumn: 1 });
    expect(block.columns.map(columnTitle)).toEqual(['小课题名称', '推进措施', '责任人', '完成时限', '预算（万元）', '状态']);
    const [a, b] = block.rows;
    expect(a!.problems).toEqual([]);
    expect(a!.cells.map((c) => c.shown)).toEqual(['建设服务站', '摸底\n建站', '王建华、李敏', '= 2026年9月30日', '1.5']);
    expect(b!.line).toBe(2);
    expect(b!.problems).toEqual([
      '第 2 行「责任人」：名册中没有「赵六」，请先在人员名册中添加',
      expect.stringMatching(/^第 2 行「完成时限」：「2026-02-30」不是有效的日期/),
      expect.stringMatching(/^第 2 行「预算（万元）」：/),
      '第 2 行「状态」：销号请用“销号”按钮（需填写验收意见），不能粘贴',
    ]);
    expect(saveManyArgs([a!]).create).toEqual([{ title: '建设服务站', measures: '摸底\n建站', ownerIds: ['p1', 'p2'], deadline: '2026-09-30', deadlineText: '2026年9月底', budget: 1.5 }]);
  });

  it('picks the namesake in the topic’s branch, and asks where that does not decide', () => {
    expect(readPastedBlock('a\t\t张伟', { ...ctx, firstColumn: 1 }).rows[0]!.problems).toEqual([]);
    const row = readPastedBlock('\tx\t\t张伟', { ...ctx, topic: { ...topic, branchId: 'u9' } }).rows[0]!;
    expect(row.problems).toContain('第 1 行「责任人」：名册中有 2 个「张伟」，请粘贴后在表格中选择');
  });

  it('places columns by a copied header row, listing the ones it leaves out', () => {
    const block = readPastedBlock('序号\t小课题\t责任人\t时间节点\r\n1\t走访商户\t李敏\t长期坚持\r\n', ctx);
    expect(block.headerRow).toBe(true);
    expect(block.notes).toEqual(['第 1 行是表头，已按表头对应各列（不作为数据）。', '第 1 列「序号」不是可粘贴的列，未读取。']);
    expect(block.rows.map((r) => [r.line, r.cells.map((c) => c.shown)])).toEqual([[2, ['走访商户', '李敏', '长期坚持']]]);
  });

  it('writes over the focused row and those below, naming what changes; more rows than there are become new ones', () => {
    const over = [sub({}), sub({ id: 's2', code: '2', seq: 1, title: '防诈宣传', status: '已销号' })];
    const block = readPastedBlock('配齐设备\t李敏\r\n每月一次\t\r\n新的一项\t\r\n', { ...ctx, firstColumn: 2, over: over.slice(0, 1) });
    const [first, second] = block.rows;
    expect(first!.target?.id).toBe('s1');
    expect(first!.changes).toEqual(['责任人：王建华 → 李敏']); // 推进措施 is as it was
    expect(second!.target).toBeUndefined();
    expect(second!.problems).toEqual(['第 2 行「小课题名称」：新增的小课题需要填写名称']);
    expect(saveManyArgs([first!]).update).toEqual([{ id: 's1', ownerIds: ['p2'] }]);

    const cleared = readPastedBlock('\t\r\n', { ...ctx, firstColumn: 2, over }).rows;
    expect(cleared).toEqual([]); // a blank block is no row
    const locked = readPastedBlock('x\r\ny\r\n', { ...ctx, firstColumn: 2, over }).rows[1]!;
    expect(locked.problems[0]).toBe('第 2 行：第 2 项「防诈宣传」已销号，不能粘贴覆盖；如需修改，请先“重新打开”');
  });

  it('keeps what a blank pasted over a row would clear (as a re-import does), and warns of a deadline outside the topic’s period only when the paste sets it', () => {
    const [row] = readPastedBlock('\t王建华\t2027-03-31', { ...ctx, firstColumn: 2, over: [sub({})] }).rows;
    expect(row!.changes).toEqual(['完成时限：2026-09-30 → 2027年3月31日']);
    expect(saveManyArgs([row!]).update).toEqual([{ id: 's1', deadline: '2027-03-31', deadlineText: '' }]);
    expect(row!.warning).toMatch(/晚于课题计划完成日期/);
    expect(readPastedBlock('配齐设备\t王建华\t2026-09-30', { ...ctx, firstColumn: 2, over: [sub({ deadline: '2026-09-30' })] }).rows[0]!.warning).toBeNull();
  });

  it('copies rows out as the grid shows them, and reads them back to the same values', () => {
    const s = sub({ measures: '第一步\n第二步', owners: [{ id: 'p1', name: '王建华' }, { id: 'p2', name: '李敏' }] as Subtopic['owners'], ownerIds: ['p1', 'p2'], budget: 1.5 });
    const row = sheetRowOf(s);
    expect(row).toEqual(['1', '建设服务站', '第一步\n第二步', '王建华、李敏', '2026-09-30', '1.5', '推进中']);
    const back = readPastedBlock(writeClipboardTable([row]), { ...ctx, over: [s] }).rows[0]!;
    expect(back.problems).toEqual([]);
    expect(back.changes).toEqual([]);
  });
});
