import ExcelJS from 'exceljs';
import path from 'node:path';

/*
 * Legacy ledgers as offices make them, generated per test (no binaries in
 * the repository): title and filler rows, a two-row grouped header, merged
 * and blank-below topic cells, every date spelling, people lists, tick-offs,
 * numbers with units, 合计 and blank rows, plus roster, indicators, check-off
 * and an unrecognisable sheet.
 */

export const LEDGER_TITLE = '汉中市分公司党支部"领题破题"活动台账';

export interface LegacyOptions {
  /** Replace some sub-topic rows' cells (by sub-topic title) to make an "edited" file. */
  edit?: Record<string, Partial<Record<'measures' | 'owners' | 'deadline' | 'progress' | 'closed', ExcelJS.CellValue>>>;
  extraRows?: ExcelJS.CellValue[][];
}

/** Ledger data rows: [序号, 课题名称, 牵头部门, 领题支部, 小课题, 推进措施, 责任人, 完成时限, 进展情况, 是否销号]. */
export function ledgerRows(opts: LegacyOptions = {}): ExcelJS.CellValue[][] {
  const rows: ExcelJS.CellValue[][] = [
    // Topic 1: merged over 4 rows (B..D merged in the sheet).
    ['1', '提升揽投服务质效', '寄递事业部', '城区揽投部党支部', '商户走访登记', '每周走访10户', '方芳、方芳波', new Date(Date.UTC(2023, 4, 31)), '已走访120户', '是'],
    ['1', '提升揽投服务质效', '寄递事业部', '城区揽投部党支部', '优化揽投段道', '重新划分段道', '张伟,李娜', '2023年6月30日', '推进中', '否'],
    ['1', '提升揽投服务质效', '寄递事业部', '城区揽投部党支部', '补充揽收人员', '招聘3人', '王强；赵敏', '2023/7/31', '', '√'],
    ['1', '提升揽投服务质效', '寄递事业部', '城区揽投部党支部', '成本测算', '按月测算', '刘洋 陈静', '2023.8.31', '', '×'],
    // Topic 2: written once, blank below (fill down).
    ['2', '普惠金融进村入户', '金融业务部', '农村网点党支部', '建立村级服务站', '每村一站', '孙丽，周杰', '2023-09-30', '已建站8个', '已销号'],
    [null, null, null, null, '开展防诈宣传', '每月一次', '方芳', '2023年12月底', '', '未销号'],
    [null, null, null, null, '走访新型农业主体', '上门服务', '吴刚;郑爽', '5月31日前', '', '已完成'],
    [null, null, null, null, '长效机制', '建立制度', '方芳波', '长期坚持', '', ''],
    [null, null, null, null, '季度复盘', '季度总结', '郑爽', '２０２３年１０月８日', '', '否'],
    ['合计', null, null, null, null, null, null, null, null, null],
    [],
    [],
  ];
  for (const r of rows) {
    const key = r[4] as string;
    const e = key ? opts.edit?.[key] : undefined;
    if (!e) continue;
    if ('measures' in e) r[5] = e.measures!;
    if ('owners' in e) r[6] = e.owners!;
    if ('deadline' in e) r[7] = e.deadline!;
    if ('progress' in e) r[8] = e.progress!;
    if ('closed' in e) r[9] = e.closed!;
  }
  if (opts.extraRows) rows.splice(9, 0, ...opts.extraRows);
  return rows;
}

export async function legacyWorkbook(file: string, opts: LegacyOptions = {}): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('台账');
  ws.addRow([LEDGER_TITLE]);
  ws.mergeCells('A1:J1');
  ws.addRow(['填报单位：汉中市分公司', null, null, null, null, null, '填报日期：2023年6月5日']);
  // Two-row header: 课题信息 groups three columns; the others are merged over both rows.
  ws.addRow(['序号', '课题信息', null, null, '任务分解', '具体措施', '责任人员', '时间节点', '推进情况', '销号情况']);
  ws.addRow([null, '课题名称', '牵头单位', '责任支部', null, null, null, null, null, null]);
  ws.mergeCells('B3:D3');
  for (const c of ['A', 'E', 'F', 'G', 'H', 'I', 'J']) ws.mergeCells(`${c}3:${c}4`);
  const rows = ledgerRows(opts);
  rows.forEach((r, i) => {
    const row = ws.getRow(5 + i);
    r.forEach((v, c) => {
      // Merged topic rows: only the top cell of a merge holds the value.
      if (i >= 1 && i <= 3 && c <= 3) return;
      if (v !== null && v !== undefined) row.getCell(c + 1).value = v;
    });
  });
  for (const c of ['A', 'B', 'C', 'D']) ws.mergeCells(`${c}5:${c}8`);
  ws.getCell('H5').numFmt = 'yyyy-mm-dd';
  // Rich text and a formula result must read as plain values.
  ws.getCell('F6').value = { richText: [{ text: '重新' }, { text: '划分段道', font: { bold: true } }] };
  ws.getCell('I9').value = { formula: '"已建站"&8&"个"', result: '已建站8个' };

  const roster = wb.addWorksheet('责任人名册');
  roster.addRow(['序号', '姓名', '所在单位', '政治面貌', '人员类别']);
  const people: [string, string, string, string][] = [
    ['方芳', '城区揽投部', '中共党员', '党员'],
    ['方芳波', '城区揽投部', '群众', '业务骨干'],
    ['张伟', '城区揽投部', '中共党员', '党员'],
    ['李娜', '城区揽投部', '群众', '业务骨干'],
    ['孙丽', '农村网点党支部', '中共预备党员', '党员'],
    ['周杰', '金融业务部', '共青团员', '业务骨干'],
  ];
  people.forEach((p, i) => roster.addRow([i + 1, ...p]));

  const ind = wb.addWorksheet('成效指标');
  ind.addRow(['所属课题', '指标名称', '单位', '基期值', '目标值', '完成值', '统计截止']);
  ind.addRow(['提升揽投服务质效', '揽收收入', '', '800万元', '1000万元', '1,050万元', '2023年6月30日']);
  ind.addRow(['提升揽投服务质效', '揽收量', '万件', 15, '17.11万件', 16.5, '2023/6/30']);
  ind.addRow(['普惠金融进村入户', '服务覆盖率', '%', '40%', '65%', '50%', '6月30日']);
  ind.addRow(['普惠金融进村入户', '宣传覆盖人次', '', null, '6万余人次', '约5万人次', '长期']);
  ind.addRow(['普惠金融进村入户', '客户投诉率', '%', 2, 1, 0.8, null]);

  const chk = wb.addWorksheet('销号清单');
  chk.addRow(['序号', '所属课题', '商户名称', '所属商圈', '走访人', '计划时间', '完成日期', '是否销号']);
  chk.addRow([1, '提升揽投服务质效', '汉中大润发', '汉台商圈', '张伟', '2023/6/30', '2023/6/10', '是']);
  chk.addRow([2, '提升揽投服务质效', '天汉大道便利店', '汉台商圈', '李娜', '2023/6/30', null, '否']);
  chk.addRow([3, '提升揽投服务质效', '兴汉新区菜市场', '兴汉商圈', '不认识的人', '2023/7/31', '2023/7/2', '√']);

  const other = wb.addWorksheet('填表说明');
  other.addRow(['本表由各支部按月填报，报送党建工作部。']);
  other.addRow(['联系人：王某 电话 0916-1234567']);

  const out = path.resolve(file);
  await wb.xlsx.writeFile(out);
  return out;
}
