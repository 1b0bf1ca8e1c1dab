import type { Content, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces';
import type { PdfProfile } from '../../../shared/contract/output';
import { chineseDate } from '../excel/columns';
import type { LedgerTopic } from '../excel/ledgerData';
import { textUnits } from '../report/titleLines';
import { FORM_LAYOUT, A4, baseDocument, pageMargins, shortDate, th } from './layout';

/*
 * 台账 as an A4 landscape table, compact: column widths follow what the
 * columns hold (推进措施 gets the most), a long row may break across pages
 * (the two header rows repeat on every page), and a topic's cells stand in
 * its first row and again in its first row on each further page its rows
 * reach. Filtered to one branch or to overdue sub-topics when asked (the
 * title line says so).
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

const PAD = 3;
/** Cell padding above and below, and the line pitch: a little tighter than the reports' forms, the ledger being a list to scan. */
const PAD_V = 2;
const LINE_HEIGHT = 1.0;
const COLUMNS = ['序号', '课题名称', '领题支部', '牵头部门', '负责人', '小课题', '推进措施', '责任人', '完成时限', '进展情况', '销号'] as const;
type Column = (typeof COLUMNS)[number];
/** The topic's own columns, written in its first row (and where its rows continue on a new page). */
const TOPIC_COLUMNS = 5;

/** Narrowest a column may be, in full-width characters: its header, or the name, date or figure it holds. */
const MIN_UNITS: Record<Column, number> = { 序号: 2, 课题名称: 4, 领题支部: 4, 牵头部门: 4, 负责人: 3, 小课题: 5, 推进措施: 8, 责任人: 5, 完成时限: 5, 进展情况: 5, 销号: 5 };
/** Columns whose width is just their minimum (short values: dates, 序号, one name); the others share the rest by content. */
const FIXED: ReadonlySet<Column> = new Set(['序号', '负责人', '完成时限', '销号']);

interface Row {
  topic: LedgerTopic;
  /** First row of its topic. */
  first: boolean;
  /** A topic without sub-topics: one row saying （未分解）. */
  empty: boolean;
  cells: string[];
}

function rowsOf(r: LedgerReportInput): Row[] {
  const rows: Row[] = [];
  for (const t of r.topics) {
    const subs = r.overdueOnly ? t.subs.filter((s) => s.overdue) : t.subs;
    const topicCells = [t.code, t.title, t.branch, t.leadDepartment, t.leader];
    if (!subs.length) rows.push({ topic: t, first: true, empty: true, cells: [...topicCells, '', '', '', '', '', ''] });
    subs.forEach((s, i) => {
      const closed = s.status === '已销号' ? `是\n${shortDate(s.closedDate)}` : s.overdue ? '否\n超期' : '否';
      const title = s.code ? `${s.code} ${s.title}` : s.title;
      rows.push({ topic: t, first: i === 0, empty: false, cells: [...topicCells, title, s.measures, s.owners, s.deadline ? shortDate(s.deadline) : s.deadlineText, s.progress, closed] });
    });
  }
  return rows;
}

/**
 * Widths in points. A row is as tall as its fullest cell, so each column
 * that wraps gets a share of the free width in proportion to the text it
 * holds per row (a topic's cells count once per topic, as they stand once):
 * their lines come out alike, and 推进措施, the longest, is the widest.
 */
export function ledgerColumnWidths(rows: readonly Row[], fontSize: number, textWidth: number): number[] {
  const pt = (units: number) => units * fontSize + 2 * PAD + 1;
  const need = COLUMNS.map(() => 0);
  for (const r of rows) {
    r.cells.forEach((c, i) => {
      if (i < TOPIC_COLUMNS && !r.first) return;
      need[i]! += textUnits(c);
    });
  }
  const perRow = need.map((n) => n / Math.max(1, rows.length));
  const width = COLUMNS.map((c) => pt(MIN_UNITS[c]));
  // The short columns: as wide as their longest line (a date; two names of 责任人, up to 7 characters), within bounds.
  COLUMNS.forEach((c, i) => {
    if (!FIXED.has(c) && c !== '责任人') return;
    const longest = Math.max(0, ...rows.flatMap((r) => r.cells[i]!.split('\n').map(textUnits)));
    width[i] = pt(Math.min(Math.max(MIN_UNITS[c], longest), c === '责任人' ? 7 : 6));
  });
  const flexible = COLUMNS.map((_, i) => i).filter((i) => !FIXED.has(COLUMNS[i]!) && COLUMNS[i] !== '责任人');
  // Hand out what is left above the minimums in proportion to each column's text per row, a column never below its minimum.
  const free = textWidth - width.reduce((a, b) => a + b, 0);
  const total = flexible.reduce((s, i) => s + perRow[i]!, 0) || 1;
  for (const i of flexible) width[i]! += (free * perRow[i]!) / total;
  return width.map((w) => Math.floor(w * 10) / 10);
}

/** Cell borders: a topic's columns are one box over its rows (no rules between them). */
function topicBorder(r: Row, next: Row | undefined): [boolean, boolean, boolean, boolean] {
  return [true, r.first, true, !next || next.topic !== r.topic];
}

export interface LedgerLayout {
  doc: TDocumentDefinitions;
  /** Given the pages each row and topic name was laid on: the document again with the topic's cells where its rows continue on a page without its name, or null when nothing changes. */
  relayout: (pagesOf: ReadonlyMap<string, readonly number[]>) => TDocumentDefinitions | null;
}

export function ledgerReportLayout(r: LedgerReportInput, p: PdfProfile): LedgerLayout {
  const rows = rowsOf(r);
  const fontSize = Math.min(p.tableSize, 9);
  const [left, , right] = pageMargins(p, true);
  const widths = ledgerColumnWidths(rows, fontSize, A4.height - left - right - 0.6 * (COLUMNS.length + 1));
  const subCount = r.topics.reduce((n, t) => n + (r.overdueOnly ? t.subs.filter((s) => s.overdue).length : t.subs.length), 0);

  const build = (showTopic: ReadonlySet<number>): TDocumentDefinitions => {
    const body: TableCell[][] = [
      [th('课题信息', { colSpan: 5 }), {}, {}, {}, {}, th('破题分解', { colSpan: 4 }), {}, {}, {}, th('推进落实', { colSpan: 2 }), {}],
      COLUMNS.map((c) => th(c)),
    ];
    rows.forEach((row, n) => {
      const shown = showTopic.has(n);
      const border = topicBorder(row, rows[n + 1]);
      const topicCells: TableCell[] = row.cells.slice(0, TOPIC_COLUMNS).map((text, i) => ({
        text: shown ? (i === 1 && !row.first ? `${text}（续）` : text) : '',
        alignment: i === 0 || i === 4 ? 'center' : 'left',
        border,
        ...(i === 1 && shown ? { id: `topic${n}` } : {}),
      }));
      const sub = row.cells.slice(TOPIC_COLUMNS);
      if (row.empty) {
        body.push([...topicCells, { text: '（未分解）', colSpan: 6, alignment: 'center', color: '#666666', id: `row${n}` }, {}, {}, {}, {}, {}]);
        return;
      }
      const overdue = row.cells[10]!.includes('超期');
      const red = overdue ? '#c0392b' : '#000000';
      body.push([
        ...topicCells,
        { text: sub[0]!, id: `row${n}` },
        { text: sub[1]! },
        { text: sub[2]!, alignment: 'center' },
        { text: sub[3]!, alignment: 'center', color: red },
        { text: sub[4]! },
        { text: sub[5]!, alignment: 'center', color: red },
      ]);
    });
    const content: Content[] = [
      { text: r.title, style: 'title', fontSize: Math.min(p.titleSize, 20), margin: [0, 0, 0, 6] },
      {
        columns: [
          { text: `填报单位：${r.unit}`, width: '*' },
          { text: [r.filterNote, `共 ${r.topics.length} 项课题、${subCount} 项小课题。`].filter(Boolean).join('；'), width: 'auto', alignment: 'center' },
          { text: `填报日期：${chineseDate(r.date)}`, width: '*', alignment: 'right' },
        ],
        style: 'note',
        fontSize: p.tableSize + 1,
        margin: [0, 0, 0, 6],
      },
      {
        style: 'table',
        fontSize,
        lineHeight: LINE_HEIGHT,
        layout: { ...FORM_LAYOUT, paddingLeft: () => PAD, paddingRight: () => PAD, paddingTop: () => PAD_V, paddingBottom: () => PAD_V },
        table: { headerRows: 2, widths, body },
      },
    ];
    return baseDocument(p, r.title, content, true);
  };

  const firstRows = new Set(rows.flatMap((row, n) => (row.first ? [n] : [])));
  let shown: Set<number> = firstRows;
  return {
    doc: build(shown),
    relayout: (pagesOf) => {
      // A topic is named in its first row, and again in its first row that starts on a page where its name is not to be read.
      const wanted = new Set(firstRows);
      let named = new Set<number>();
      rows.forEach((row, n) => {
        const starts = pagesOf.get(`row${n}`)?.[0];
        if (row.first || starts === undefined) {
          named = new Set(pagesOf.get(`topic${n}`) ?? []);
          return;
        }
        if (named.has(starts)) return;
        wanted.add(n);
        named = new Set([...named, ...(pagesOf.get(`topic${n}`) ?? [starts])]);
      });
      if (wanted.size === shown.size && [...wanted].every((n) => shown.has(n))) return null;
      shown = wanted;
      return build(shown);
    },
  };
}
