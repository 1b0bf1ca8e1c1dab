import { describe, expect, it } from 'vitest';
import type { Indicator, Person } from '../../shared/domain/schemas';
import { writeClipboardTable } from '../../shared/values';
import { readPastedIndicators } from '../../renderer/src/topic/pasteIndicators';
import { readPastedEntries } from '../../renderer/src/topic/pasteProgress';

/*
 * Reading a table pasted from Excel into 成效指标 and 台账 (issue 16): what
 * each row will create or change, and each problem named by row and column,
 * before anything is saved. The text is what Excel puts on the clipboard
 * (tabs, CRLF, a cell with a line break in quotes).
 */

const TODAY = '2026-06-15';

const stored = (over: Partial<Indicator>): Indicator => ({
  id: `id-${over.name}`,
  topicId: 't',
  seq: 0,
  name: '',
  unit: '',
  baseline: null,
  target: null,
  actual: null,
  asOf: null,
  higherIsBetter: true,
  met: null,
  note: '',
  importBatchId: null,
  createdAt: '2026-01-01',
  updatedAt: '2026-01-01',
  ...over,
}) as Indicator;

describe('a pasted indicator table', () => {
  const income = stored({ name: '特快业务收入', unit: '万元', baseline: 590, target: 680, actual: 600, asOf: '2026-05-31', note: '财务口径' });

  it('reads the sheet columns in order: quantities with their unit, dates, new and changed rows', () => {
    const text = writeClipboardTable([
      ['农村揽收量', '件', '8000', '1.2万', '9,500', '2026年6月底', ''],
      ['特快业务收入', '万元', '590', '680', '650万元', '2026-06-30', '财务口径'],
      ['网点投诉率', '%', '', '0.5', '0.3', '', ''],
      ['代理金融收入', '', '', '1.5亿元', '', '', ''],
    ]);
    const r = readPastedIndicators(text, [income], TODAY);
    expect(r.header).toBe(false);
    expect(r.rows.map((x) => [x.line, x.action, x.send, x.problems])).toEqual([
      [1, '新增', { name: '农村揽收量', unit: '件', baseline: 8000, target: 12000, actual: 9500, asOf: '2026-06-30' }, []],
      [2, '修改', { name: '特快业务收入', unit: '万元', baseline: 590, target: 680, actual: 650, asOf: '2026-06-30', note: '财务口径' }, []],
      [3, '新增', { name: '网点投诉率', unit: '%', target: 0.5, actual: 0.3 }, []],
      // No unit given: the first figure's unit becomes the indicator's, as in the form and the import.
      [4, '新增', { name: '代理金融收入', unit: '亿元', target: 1.5 }, []],
    ]);
    expect(r.rows[0]!.shown).toMatchObject({ target: '= 12,000 件', asOf: '= 2026年6月30日' });
    // A change shows old → new, only for what changes.
    expect(r.rows[1]!.changed).toEqual(['actual', 'asOf']);
    expect(r.rows[1]!.shown).toMatchObject({ actual: '600 万元 → 650 万元', asOf: '2026年5月31日 → 2026年6月30日', target: '680 万元' });
    expect(r.rows.map((x) => x.lowerIsBetter)).toEqual([false, false, true, false]);
  });

  it('uses a header row to place the columns, pastes only those, and says so', () => {
    const text = writeClipboardTable([
      ['指标名称', '完成值', '是否达标', '统计截止'],
      ['特快业务收入', '612.5', '否', '2026.6.30'],
      ['特快业务收入2', '', '', ''],
    ]);
    const r = readPastedIndicators(text, [income], TODAY);
    expect(r.header).toBe(true);
    expect(r.notes[0]).toBe('第 1 行是表头，已按表头对应各列（不作为数据）。');
    expect(r.rows[0]).toMatchObject({ line: 2, action: '修改', send: { name: '特快业务收入', actual: 612.5, asOf: '2026-06-30' }, problems: [] });
    // Target, baseline, unit and note were not pasted: nothing about them goes to the core.
    expect(Object.keys(r.rows[0]!.send!).sort()).toEqual(['actual', 'asOf', 'name']);
    expect(r.rows[1]).toMatchObject({ line: 3, action: '新增', send: { name: '特快业务收入2' } });
  });

  it('names each problem by row and column, and refuses a name given twice', () => {
    const text = writeClipboardTable([
      ['指标名称', '单位', '基期值', '目标值', '完成值', '统计截止', '备注'],
      ['农村揽收量', '件', '', '5万元', '', '2026-02-30', ''],
      ['', '件', '', '100', '', '', ''],
      ['农村揽收量', '件', '', 'abc', '', '', ''],
      ['特快业务收入', '万件', '', '', '700', '', ''],
    ]);
    const r = readPastedIndicators(text, [income], TODAY);
    expect(r.rows.map((x) => x.problems)).toEqual([
      ['第 2 行「目标值」：「5万元」的单位「万元」与指标单位「件」不一致', '第 2 行「统计截止」：「2026-02-30」不是有效的日期（该月没有这一天）'],
      ['第 3 行「指标名称」：指标名称不能为空'],
      ['第 4 行「目标值」：「abc」不是数字，目标值请填写数字，可带 万、亿、% 等单位', '第 4 行「指标名称」：与第 2 行是同一个指标「农村揽收量」，请合并为一行'],
      // 590 and 680 were 万元: under 万件 they would mean something else.
      ['第 5 行「单位」：单位由「万元」改为「万件」，已有的基期值、目标值会按新单位理解；请一并粘贴基期值、目标值'],
    ]);
  });

  it('reads a cell Excel quoted for its line break as one cell, and refuses a column too many', () => {
    const text = '新增客户\t户\t\t50\t32\t2026-06-30\t"第一行说明\r\n第二行说明"\r\n新增网点\t个\t\t5\t3\t\t\t是\r\n';
    const r = readPastedIndicators(text, [], TODAY);
    expect(r.rows).toHaveLength(2);
    expect(r.rows[0]).toMatchObject({ line: 1, send: { name: '新增客户', note: '第一行说明\n第二行说明' }, problems: [] });
    expect(r.rows[1]!.problems).toEqual(['第 2 行第 8 列「是」：多出的一列（应为 指标名称、单位、基期值、目标值、完成值、统计截止、备注，共 7 列；带表头复制可只取其中几列）']);
  });

  it('says nothing changes when the pasted values are the stored ones', () => {
    const r = readPastedIndicators('特快业务收入\t万元\t590\t680\t600\n', [income], TODAY);
    expect(r.rows[0]).toMatchObject({ action: '不变', send: null, problems: [] });
  });
});

const person = (id: string, name: string, unitId: string | null): Person => ({ id, name, unitId }) as Person;

describe('pasted ledger entries', () => {
  const subtopics = [
    { id: 's1', code: '1', title: '商户走访' },
    { id: 's2', code: '2', title: '党员承诺' },
  ];
  const roster = [person('p1', '王建华', 'b1'), person('p2', '李敏', 'b1'), person('p3', '李敏', 'b2'), person('p4', '张伟', 'x'), person('p5', '张伟', 'y')];

  it('reads dates, kinds, sub-topics by 编号 or name, and links 汇报人 to the roster or keeps the name', () => {
    const text = writeClipboardTable([
      ['2026年6月5日', '', '1', '走访商户 12 户', '', '', '王建华'],
      ['6月12日', '推进会', '党员承诺', '支部推进会\n明确分工', '场地紧张', '月底选址', '李敏'],
      ['2026-06-19', '现场指导', '', '上级来站指导', '', '', '老支书'],
      ['2026-06-20', '', '', '周报', '', '', '张伟'],
    ]);
    const r = readPastedEntries(text, { branchId: 'b1' }, subtopics, roster, TODAY);
    expect(r.rows.map((x) => x.send)).toEqual([
      { entryDate: '2026-06-05', kind: '每周汇报', subtopicId: 's1', content: '走访商户 12 户', problems: '', nextSteps: '', reporterId: 'p1', reporterName: '' },
      // Two people called 李敏: the one in the topic's branch.
      { entryDate: '2026-06-12', kind: '推进会', subtopicId: 's2', content: '支部推进会\n明确分工', problems: '场地紧张', nextSteps: '月底选址', reporterId: 'p2', reporterName: '' },
      { entryDate: '2026-06-19', kind: '现场指导', subtopicId: null, content: '上级来站指导', problems: '', nextSteps: '', reporterId: null, reporterName: '老支书' },
      { entryDate: '2026-06-20', kind: '每周汇报', subtopicId: null, content: '周报', problems: '', nextSteps: '', reporterId: null, reporterName: '张伟' },
    ]);
    expect(r.rows.map((x) => [x.date, x.subtopic, x.note, x.errors])).toEqual([
      ['= 2026年6月5日', '1. 商户走访', null, []],
      ['= 2026年6月12日', '2. 党员承诺', null, []],
      ['= 2026年6月19日', '', '名册中没有「老支书」，按文字记为汇报人', []],
      ['= 2026年6月20日', '', '名册中有 2 个「张伟」，按文字记为汇报人', []],
    ]);
  });

  it('names each problem by row and column', () => {
    const text = writeClipboardTable([
      ['日期', '记录类型', '对应小课题', '工作内容', '汇报人'],
      ['2026-02-30', '闲聊', '9', '走访', ''],
      ['2026年6月底', '', '', '', ''],
      ['长期坚持', '', '商户走访', '走访', ''],
    ]);
    const r = readPastedEntries(text, { branchId: 'b1' }, subtopics, roster, TODAY);
    expect(r.header).toBe(true);
    expect(r.rows.map((x) => x.errors)).toEqual([
      [
        '第 2 行「日期」：「2026-02-30」不是有效的日期（该月没有这一天）',
        '第 2 行「记录类型」：「闲聊」不是记录类型：记录类型应为：每周汇报、推进会、公开承诺、现场指导、其他',
        '第 2 行「对应小课题」：本课题没有小课题「9」（按编号或名称填写；空着表示记在整个课题上）',
      ],
      ['第 3 行「工作内容」：工作内容不能为空'],
      ['第 4 行「日期」：「长期坚持」这里需要具体日期，例如 2026-09-30 或 2026年9月底'],
    ]);
    expect(r.rows[1]!.send.entryDate).toBe('2026-06-30');
  });

  it('refuses a header without 工作内容, and reads a header that names columns of its own as a header', () => {
    const r = readPastedEntries('日期\t汇报人\n2026-06-05\t王建华\n', { branchId: 'b1' }, subtopics, roster, TODAY);
    expect(r.problems).toEqual(['表头中没有「工作内容」列，请一并复制这一列。']);
    const own = readPastedEntries('日期\t工作内容\t所属网点\n2026-06-05\t走访\t城东\n', { branchId: 'b1' }, subtopics, roster, TODAY);
    expect(own.header).toBe(true);
    expect(own.notes).toContain('第 3 列「所属网点」不是可粘贴的列，未读取。');
    expect(own.rows[0]!.send).toMatchObject({ entryDate: '2026-06-05', content: '走访' });
  });
});
