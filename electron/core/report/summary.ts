import type { Deadline, Stats } from '../../../shared/domain/schemas';
import { chineseDate } from '../excel/columns';
import { emptyRow, headingNumberer, td, th, type Block, type Cell, type ReportModel } from './model';

/*
 * 活动汇总: the statistics and the sentence the committee quotes, the same
 * figures per 领题支部 and per 牵头部门, and the overdue sub-topics.
 */

export interface UnitStats {
  name: string;
  stats: Stats;
}

export interface SummaryInput {
  title: string;
  unit: string;
  date: string;
  stats: Stats;
  byBranch: readonly UnitStats[];
  byDepartment: readonly UnitStats[];
  overdue: readonly Deadline[];
}

const pct = (a: number, b: number) => (b ? `${Math.round((a / b) * 1000) / 10}%` : '—');

function unitTable(label: string, units: readonly UnitStats[]): Block {
  const rows: Cell[][] = [[th(label), th('课题'), th('小课题'), th('责任人'), th('党员'), th('业务骨干'), th('已销号'), th('销号率'), th('超期')]];
  for (const { name, stats: s } of units) {
    rows.push([
      td(name),
      td(s.topics, 'right'),
      td(s.subtopics, 'right'),
      td(s.people, 'right'),
      td(s.party, 'right'),
      td(s.backbone, 'right'),
      td(s.closedSubtopics, 'right'),
      td(pct(s.closedSubtopics, s.subtopics), 'right'),
      { ...td(s.overdueSubtopics, 'right'), alert: s.overdueSubtopics > 0 },
    ]);
  }
  if (!units.length) rows.push(emptyRow('（无）', 9));
  return { kind: 'table', headerRows: 1, widths: ['*', 26, 34, 34, 26, 42, 34, 38, 26], rows };
}

function overdueTable(items: readonly Deadline[]): Block {
  const rows: Cell[][] = [[th('序号'), th('课题'), th('小课题'), th('领题支部'), th('责任人'), th('完成时限'), th('超期天数')]];
  items.forEach((d, i) =>
    rows.push([
      td(i + 1, 'center'),
      td(d.topicTitle),
      td(`${d.subtopicTitle}${d.supervised ? '（督办）' : ''}`),
      td(d.branchName),
      td(d.owners, 'center'),
      td(chineseDate(d.deadline), 'center'),
      td(-d.daysLeft, 'right'),
    ]),
  );
  if (!items.length) rows.push(emptyRow('（无超期小课题）', 7));
  return { kind: 'table', headerRows: 1, widths: [24, '*', '*', 70, 50, 78, 50], rows };
}

export function summaryReportModel(r: SummaryInput): ReportModel {
  const s = r.stats;
  const h1 = headingNumberer();
  const lead =
    `截至${chineseDate(r.date)}，${s.summary}。已销号小课题${s.closedSubtopics}项，销号率${pct(s.closedSubtopics, s.subtopics)}；` +
    `超期未销号${s.overdueSubtopics}项。成效指标${s.indicators}项，已达标${s.indicatorsMet}项；销号清单事项${s.checklist}项，已完成${s.checklistDone}项。`;
  return {
    title: r.title,
    blocks: [
      { kind: 'title', text: r.title },
      ...(r.unit ? [{ kind: 'subtitle', text: r.unit } as const] : []),
      h1('总体情况'),
      { kind: 'paragraphs', text: lead },
      h1('各领题支部情况'),
      unitTable('领题支部', r.byBranch),
      h1('各牵头部门情况'),
      unitTable('牵头部门', r.byDepartment),
      h1('超期未销号小课题'),
      overdueTable(r.overdue),
    ],
  };
}
