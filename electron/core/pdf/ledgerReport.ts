import type { Content, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces';
import type { PdfProfile } from '../../../shared/contract/output';
import { chineseDate } from '../excel/columns';
import type { LedgerSub, LedgerTopic } from '../excel/ledgerData';
import { SUBTOPIC, TOPIC, type EntityDesc, type FieldDesc, type PlainValue } from '../../../shared/fields';
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

/** A printed column: a described field with a `pdf` width (shared/fields), the topic's or the sub-topic's. */
interface PrintColumn {
  field: FieldDesc;
  header: string;
  width: number | '*';
  group: string;
}
const printColumns = (e: EntityDesc): PrintColumn[] =>
  e.fields.flatMap((f) => (f.pdf ? [{ field: f, header: f.pdf.header ?? f.excel?.header ?? f.label, width: f.pdf.width, group: f.excel?.group ?? '' }] : []));
// 序号 wide enough for its two characters, 责任人 for two names of two or three characters, 销号 for a date like 2026.10.28.
const TOPIC_COLUMNS = printColumns(TOPIC);
const SUB_COLUMNS = printColumns(SUBTOPIC);
const COLUMNS = [...TOPIC_COLUMNS, ...SUB_COLUMNS];

const RED = '#c0392b';
const BLACK = '#000000';

/** The topic's cells that are not a plain text of the same key. */
/** A cell's text and alignment (the topic's cells span its rows). */
type TextCell = { text: string; alignment?: 'center' };
const TOPIC_CELLS: Record<string, (t: LedgerTopic) => TextCell> = {
  code: (t) => ({ text: t.code, alignment: 'center' }),
  title: (t) => ({ text: t.title }),
  leadDepartmentId: (t) => ({ text: t.leadDepartment }),
  branchId: (t) => ({ text: t.branch }),
  leaderId: (t) => ({ text: t.leader, alignment: 'center' }),
};
for (const c of TOPIC_COLUMNS) if (!TOPIC_CELLS[c.field.key]) throw new Error(`台账打印：课题的「${c.header}」一列没有取值方法`);

/** The sub-topic's cells with their own rules; a plain field (推进措施, 预算…) is printed by its kind. */
const SUB_CELLS: Record<string, (s: LedgerSub) => TableCell> = {
  title: (s) => ({ text: s.title }),
  ownerIds: (s) => ({ text: s.owners, alignment: 'center' }),
  deadline: (s) => ({ text: s.deadline ? shortDate(s.deadline) : s.deadlineText, alignment: 'center', color: s.overdue ? RED : BLACK }),
  closed: (s) => ({ text: s.status === '已销号' ? `是\n${shortDate(s.closedDate)}` : s.overdue ? '否\n超期' : '否', alignment: 'center', color: s.overdue ? RED : BLACK }),
};
function plainCell(f: FieldDesc, v: PlainValue | undefined): TableCell {
  if (v === null || v === undefined) return { text: '' };
  if (f.kind === 'number') return { text: String(v), alignment: 'right' };
  if (f.kind === 'date') return { text: shortDate(String(v)), alignment: 'center' };
  return { text: String(v) };
}
const subCell = (c: PrintColumn, s: LedgerSub): TableCell => SUB_CELLS[c.field.key]?.(s) ?? plainCell(c.field, s.plain[c.field.key]);

/** The two header rows: the groups (课题信息, 破题分解, 推进落实) over the columns. */
function headerRows(): TableCell[][] {
  const top: TableCell[] = [];
  for (let i = 0; i < COLUMNS.length; ) {
    let n = 1;
    while (i + n < COLUMNS.length && COLUMNS[i + n]!.group === COLUMNS[i]!.group) n++;
    top.push(th(COLUMNS[i]!.group, n > 1 ? { colSpan: n } : {}));
    for (let k = 1; k < n; k++) top.push({});
    i += n;
  }
  return [top, COLUMNS.map((c) => th(c.header))];
}

export function ledgerReportDocument(r: LedgerReportInput, p: PdfProfile): TDocumentDefinitions {
  const body: TableCell[][] = headerRows();
  const blankTopic: TableCell[] = TOPIC_COLUMNS.map(() => ({}));
  let subCount = 0;
  for (const t of r.topics) {
    const subs = r.overdueOnly ? t.subs.filter((s) => s.overdue) : t.subs;
    const n = Math.max(1, subs.length);
    subCount += subs.length;
    for (let i = 0; i < n; i++) {
      const s = subs[i];
      const topicCells: TableCell[] = i === 0 ? TOPIC_COLUMNS.map((c): TableCell => ({ ...TOPIC_CELLS[c.field.key]!(t), rowSpan: n })) : blankTopic;
      if (!s) {
        body.push([...topicCells, { text: '（未分解）', colSpan: SUB_COLUMNS.length, alignment: 'center', color: '#666666' }, ...SUB_COLUMNS.slice(1).map(() => ({}))]);
        continue;
      }
      body.push([...topicCells, ...SUB_COLUMNS.map((c) => subCell(c, s))]);
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
    { style: 'table', fontSize: Math.min(p.tableSize, 9.5), layout: { ...FORM_LAYOUT, paddingLeft: () => 3, paddingRight: () => 3 }, table: { headerRows: 2, dontBreakRows: true, widths: COLUMNS.map((c) => c.width), body } },
    { text: `共 ${r.topics.length} 项课题、${subCount} 项小课题。`, style: 'note', margin: [0, 6, 0, 0] },
  ];
  return baseDocument(p, r.title, content, true);
}
