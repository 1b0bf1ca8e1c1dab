import type { Content, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces';
import type { PdfProfile } from '../../../shared/contract/output';
import type { Deadline, Stats } from '../../../shared/domain/schemas';
import { chineseDate } from '../excel/columns';
import { FORM_LAYOUT, baseDocument, paragraphs, td, th } from './layout';

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

function unitTable(label: string, rows: readonly UnitStats[]): Content {
  const body: TableCell[][] = [[th(label), th('课题'), th('小课题'), th('责任人'), th('党员'), th('业务骨干'), th('已销号'), th('销号率'), th('超期')]];
  for (const { name, stats: s } of rows) {
    body.push([
      td(name),
      td(s.topics, 'right'),
      td(s.subtopics, 'right'),
      td(s.people, 'right'),
      td(s.party, 'right'),
      td(s.backbone, 'right'),
      td(s.closedSubtopics, 'right'),
      td(pct(s.closedSubtopics, s.subtopics), 'right'),
      { text: String(s.overdueSubtopics), alignment: 'right', color: s.overdueSubtopics ? '#c0392b' : '#000000' },
    ]);
  }
  if (!rows.length) body.push([{ text: '（无）', colSpan: 9, alignment: 'center' }, {}, {}, {}, {}, {}, {}, {}, {}]);
  return { style: 'table', layout: FORM_LAYOUT, table: { headerRows: 1, dontBreakRows: true, widths: ['*', 26, 34, 34, 26, 42, 34, 38, 26], body } };
}

function overdueTable(rows: readonly Deadline[]): Content {
  const body: TableCell[][] = [[th('序号'), th('课题'), th('小课题'), th('领题支部'), th('责任人'), th('完成时限'), th('超期天数')]];
  rows.forEach((d, i) =>
    body.push([
      td(i + 1, 'center'),
      td(d.topicTitle),
      td(`${d.subtopicTitle}${d.supervised ? '（督办）' : ''}`),
      td(d.branchName),
      td(d.owners, 'center'),
      td(chineseDate(d.deadline), 'center'),
      td(-d.daysLeft, 'right'),
    ]),
  );
  if (!rows.length) body.push([{ text: '（无超期小课题）', colSpan: 7, alignment: 'center' }, {}, {}, {}, {}, {}, {}]);
  return { style: 'table', layout: FORM_LAYOUT, table: { headerRows: 1, dontBreakRows: true, widths: [24, '*', '*', 70, 50, 78, 50], body } };
}

export function summaryReportDocument(r: SummaryInput, p: PdfProfile): TDocumentDefinitions {
  const s = r.stats;
  const lead =
    `截至${chineseDate(r.date)}，${s.summary}。已销号小课题${s.closedSubtopics}项，销号率${pct(s.closedSubtopics, s.subtopics)}；` +
    `超期未销号${s.overdueSubtopics}项。成效指标${s.indicators}项，已达标${s.indicatorsMet}项；销号清单事项${s.checklist}项，已完成${s.checklistDone}项。`;
  const content: Content[] = [
    { text: r.title, style: 'title' },
    ...(r.unit ? [{ text: r.unit, style: 'subtitle' } as Content] : []),
    { text: '一、总体情况', style: 'h1', headlineLevel: 1 },
    ...paragraphs(lead, p),
    { text: '二、各领题支部情况', style: 'h1', headlineLevel: 1 },
    unitTable('领题支部', r.byBranch),
    { text: '三、各牵头部门情况', style: 'h1', headlineLevel: 1 },
    unitTable('牵头部门', r.byDepartment),
    { text: '四、超期未销号小课题', style: 'h1', headlineLevel: 1 },
    overdueTable(r.overdue),
  ];
  return baseDocument(p, r.title, content);
}
