import type { Content, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces';
import type { PdfProfile } from '../../../shared/contract/output';
import { chineseDate } from '../excel/columns';
import type { LedgerTopic } from '../excel/ledgerData';
import { FORM_LAYOUT, baseDocument, shortDate, th } from './layout';

/*
 * 台账 as an A4 landscape table: topic cells span their sub-topic rows, the
 * two header rows repeat on every page. Filtered to one branch or to overdue
 * sub-topics when asked (the title line says so).
 */

export interface LedgerReportInput {
  title: string;
  unit: string;
  date: string;
  filterNote: string;
  topics: readonly LedgerTopic[];
  /** Show only the overdue sub-topics of each topic. */
  overdueOnly: boolean;
}

// 序号 wide enough for its two characters, 责任人 for two names of two or three characters, 销号 for a date like 2026.10.28.
const WIDTHS = [24, '*', 50, 50, 34, '*', '*', 56, 50, '*', 54];

export function ledgerReportDocument(r: LedgerReportInput, p: PdfProfile): TDocumentDefinitions {
  const body: TableCell[][] = [
    [th('课题信息', { colSpan: 5 }), {}, {}, {}, {}, th('破题分解', { colSpan: 4 }), {}, {}, {}, th('推进落实', { colSpan: 2 }), {}],
    [th('序号'), th('课题名称'), th('领题支部'), th('牵头部门'), th('负责人'), th('小课题'), th('推进措施'), th('责任人'), th('完成时限'), th('进展情况'), th('销号')],
  ];
  let subCount = 0;
  for (const t of r.topics) {
    const subs = r.overdueOnly ? t.subs.filter((s) => s.overdue) : t.subs;
    const n = Math.max(1, subs.length);
    subCount += subs.length;
    for (let i = 0; i < n; i++) {
      const s = subs[i];
      const topicCells: TableCell[] =
        i === 0
          ? [
              { text: t.code, alignment: 'center', rowSpan: n },
              { text: t.title, rowSpan: n },
              { text: t.branch, rowSpan: n },
              { text: t.leadDepartment, rowSpan: n },
              { text: t.leader, alignment: 'center', rowSpan: n },
            ]
          : [{}, {}, {}, {}, {}];
      if (!s) {
        body.push([...topicCells, { text: '（未分解）', colSpan: 6, alignment: 'center', color: '#666666' }, {}, {}, {}, {}, {}]);
        continue;
      }
      const closed = s.status === '已销号' ? `是\n${shortDate(s.closedDate)}` : s.overdue ? '否\n超期' : '否';
      body.push([
        ...topicCells,
        { text: s.title },
        { text: s.measures },
        { text: s.owners, alignment: 'center' },
        { text: s.deadline ? shortDate(s.deadline) : s.deadlineText, alignment: 'center', color: s.overdue ? '#c0392b' : '#000000' },
        { text: s.progress },
        { text: closed, alignment: 'center', color: s.overdue ? '#c0392b' : '#000000' },
      ]);
    }
  }
  const content: Content[] = [
    { text: r.title, style: 'title', fontSize: Math.min(p.titleSize, 20), margin: [0, 0, 0, 6] },
    {
      columns: [
        { text: `填报单位：${r.unit}`, width: '*' },
        { text: r.filterNote, width: 'auto', alignment: 'center' },
        { text: `填报日期：${chineseDate(r.date)}`, width: '*', alignment: 'right' },
      ],
      style: 'note',
      fontSize: p.tableSize + 1,
      margin: [0, 0, 0, 6],
    },
    { style: 'table', fontSize: Math.min(p.tableSize, 9.5), layout: { ...FORM_LAYOUT, paddingLeft: () => 3, paddingRight: () => 3 }, table: { headerRows: 2, dontBreakRows: true, widths: WIDTHS, body } },
    { text: `共 ${r.topics.length} 项课题、${subCount} 项小课题。`, style: 'note', margin: [0, 6, 0, 0] },
  ];
  return baseDocument(p, r.title, content, true);
}
