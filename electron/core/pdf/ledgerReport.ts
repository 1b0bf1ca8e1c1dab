import type { Content, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces';
import type { PdfProfile } from '../../../shared/contract/output';
import { SUBTOPIC, TOPIC, type EntityDesc, type FieldDesc, type PlainValue } from '../../../shared/fields';
import { chineseDate } from '../excel/columns';
import type { LedgerSub, LedgerTopic } from '../excel/ledgerData';
import { textUnits } from '../report/titleLines';
import { FORM_LAYOUT, A4, baseDocument, pageMargins, shortDate, th } from './layout';

/*
 * 台账 as an A4 landscape table, compact: the columns are the described
 * fields with a `pdf` entry (shared/fields), their widths follow what they
 * hold (推进措施 gets the most), a long row may break across pages (the two
 * header rows repeat on every page), and a topic's cells stand in its first
 * row and again in its first row on each further page its rows reach.
 * Filtered to one branch or to overdue sub-topics when asked (the title line
 * says so).
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
const RED = '#c0392b';
const BLACK = '#000000';

/** A printed column: a described field with a `pdf` entry, the topic's or the sub-topic's. */
interface PrintColumn {
  field: FieldDesc;
  header: string;
  group: string;
  /** Narrowest it may be, in full-width characters: its header, or the name, date or figure it holds. */
  min: number;
  /** Just as wide as its longest line (short values: dates, 序号, names, figures); the others share the rest by content. */
  fitted: boolean;
  /** Widest a fitted column may be, in full-width characters. */
  max: number;
  center: boolean;
  /** A field the offices' ledgers do not all keep (预算…): printed only when some row has a value. */
  optional: boolean;
}

/** Columns whose bounds are known from the ledgers offices keep; a new field gets its header's width and, when short-valued, fits its content. */
const KNOWN: Record<string, Partial<Pick<PrintColumn, 'min' | 'fitted' | 'max' | 'center'>>> = {
  'topic.code': { min: 2, fitted: true, max: 6, center: true },
  'topic.title': { min: 4 },
  'topic.branchId': { min: 4 },
  'topic.leadDepartmentId': { min: 4 },
  'topic.leaderId': { min: 3, fitted: true, max: 6, center: true },
  'subtopic.title': { min: 5 },
  'subtopic.measures': { min: 8 },
  'subtopic.ownerIds': { min: 5, fitted: true, max: 7, center: true },
  'subtopic.deadline': { min: 5, fitted: true, max: 6, center: true },
  'subtopic.progress': { min: 5 },
  'subtopic.closed': { min: 5, fitted: true, max: 6, center: true },
};

const printColumns = (e: EntityDesc, entity: 'topic' | 'subtopic'): PrintColumn[] =>
  e.fields.flatMap((f) => {
    if (!f.pdf) return [];
    const header = f.pdf.header ?? f.excel?.header ?? f.label;
    const short = f.kind === 'number' || f.kind === 'date';
    const known = KNOWN[`${entity}.${f.key}`] ?? {};
    // A new short-valued field (a figure, a day) is as narrow as its values; its header wraps if need be.
    const min = known.min ?? (short ? 3 : Math.max(2, textUnits(header)));
    const optional = !KNOWN[`${entity}.${f.key}`];
    return [{ field: f, header, group: f.excel?.group ?? '', min, fitted: known.fitted ?? short, max: known.max ?? 6, center: known.center ?? f.kind === 'date', optional }];
  });
const TOPIC_COLUMNS = printColumns(TOPIC, 'topic');
const SUB_COLUMNS = printColumns(SUBTOPIC, 'subtopic');
const COLUMNS = [...TOPIC_COLUMNS, ...SUB_COLUMNS];
const TITLE_COLUMN = TOPIC_COLUMNS.findIndex((c) => c.field.key === 'title');

/** The topic's cells, by field key (the topic has no plain fields). */
const TOPIC_TEXT: Record<string, (t: LedgerTopic) => string> = {
  code: (t) => t.code,
  title: (t) => t.title,
  leadDepartmentId: (t) => t.leadDepartment,
  branchId: (t) => t.branch,
  leaderId: (t) => t.leader,
};
for (const c of TOPIC_COLUMNS) if (!TOPIC_TEXT[c.field.key]) throw new Error(`台账打印：课题的「${c.header}」一列没有取值方法`);

/** The sub-topic's cells with rules of their own; a plain field (推进措施, 预算…) is printed by its kind. */
const SUB_TEXT: Record<string, (s: LedgerSub) => string> = {
  // The sub-topic's own 编号 (3.1) once, before its name.
  title: (s) => (s.code ? `${s.code} ${s.title}` : s.title),
  ownerIds: (s) => s.owners,
  deadline: (s) => (s.deadline ? shortDate(s.deadline) : s.deadlineText),
  closed: (s) => (s.status === '已销号' ? `是\n${shortDate(s.closedDate)}` : s.overdue ? '否\n超期' : '否'),
};
/** Columns printed red for an overdue sub-topic. */
const WARNS = new Set(['deadline', 'closed']);

function plainText(f: FieldDesc, v: PlainValue | undefined): string {
  if (v === null || v === undefined) return '';
  return f.kind === 'date' ? shortDate(String(v)) : String(v);
}
const subText = (c: PrintColumn, s: LedgerSub): string => SUB_TEXT[c.field.key]?.(s) ?? plainText(c.field, s.plain[c.field.key]);

interface Row {
  topic: LedgerTopic;
  /** First row of its topic. */
  first: boolean;
  /** A topic without sub-topics: one row saying （未分解）. */
  empty: boolean;
  overdue: boolean;
  cells: string[];
}

function rowsOf(r: LedgerReportInput): Row[] {
  const rows: Row[] = [];
  for (const t of r.topics) {
    const subs = r.overdueOnly ? t.subs.filter((s) => s.overdue) : t.subs;
    const topicCells = TOPIC_COLUMNS.map((c) => TOPIC_TEXT[c.field.key]!(t));
    if (!subs.length) rows.push({ topic: t, first: true, empty: true, overdue: false, cells: [...topicCells, ...SUB_COLUMNS.map(() => '')] });
    subs.forEach((s, i) => rows.push({ topic: t, first: i === 0, empty: false, overdue: s.overdue, cells: [...topicCells, ...SUB_COLUMNS.map((c) => subText(c, s))] }));
  }
  return rows;
}

/**
 * Widths in points. A row is as tall as its fullest cell, so each column
 * that wraps gets a share of the free width in proportion to the text it
 * holds per row (a topic's cells count once per topic, as they stand once):
 * their lines come out alike, and 推进措施, the longest, is the widest.
 */
export function ledgerColumnWidths(columns: readonly PrintColumn[], rows: readonly Row[], fontSize: number, textWidth: number): number[] {
  const pt = (units: number) => units * fontSize + 2 * PAD + 1;
  const need = columns.map(() => 0);
  for (const r of rows) {
    r.cells.forEach((c, i) => {
      if (i < TOPIC_COLUMNS.length && !r.first) return;
      need[i]! += textUnits(c);
    });
  }
  const perRow = need.map((n) => n / Math.max(1, rows.length));
  const width = columns.map((c, i) => {
    if (!c.fitted) return pt(c.min);
    const longest = Math.max(0, ...rows.flatMap((r) => r.cells[i]!.split('\n').map(textUnits)));
    return pt(Math.min(Math.max(c.min, longest), Math.max(c.min, c.max)));
  });
  const flexible = columns.map((_, i) => i).filter((i) => !columns[i]!.fitted);
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

/** The two header rows: the groups (课题信息, 破题分解, 推进落实) over the columns. */
function headerRows(columns: readonly PrintColumn[]): TableCell[][] {
  const top: TableCell[] = [];
  for (let i = 0; i < columns.length; ) {
    let n = 1;
    while (i + n < columns.length && columns[i + n]!.group === columns[i]!.group) n++;
    top.push(th(columns[i]!.group, n > 1 ? { colSpan: n } : {}));
    for (let k = 1; k < n; k++) top.push({});
    i += n;
  }
  return [top, columns.map((c) => th(c.header))];
}

export interface LedgerLayout {
  doc: TDocumentDefinitions;
  /** Given the pages each row and topic name was laid on: the document again with the topic's cells where its rows continue on a page without its name, or null when nothing changes. */
  relayout: (pagesOf: ReadonlyMap<string, readonly number[]>) => TDocumentDefinitions | null;
}

export function ledgerReportLayout(r: LedgerReportInput, p: PdfProfile): LedgerLayout {
  // An optional column nobody filled in is left out: the page's width goes to the columns that hold something.
  const all = rowsOf(r);
  const keep = COLUMNS.map((c, i) => !c.optional || all.some((row) => row.cells[i]));
  const columns = COLUMNS.filter((_, i) => keep[i]);
  const subColumns = columns.slice(TOPIC_COLUMNS.length);
  const rows = all.map((row) => ({ ...row, cells: row.cells.filter((_, i) => keep[i]) }));
  const fontSize = Math.min(p.tableSize, 9);
  const [left, , right] = pageMargins(p, true);
  const widths = ledgerColumnWidths(columns, rows, fontSize, A4.height - left - right - 0.6 * (columns.length + 1));
  const subCount = r.topics.reduce((n, t) => n + (r.overdueOnly ? t.subs.filter((s) => s.overdue).length : t.subs.length), 0);

  const build = (showTopic: ReadonlySet<number>): TDocumentDefinitions => {
    const body: TableCell[][] = headerRows(columns);
    rows.forEach((row, n) => {
      const shown = showTopic.has(n);
      const border = topicBorder(row, rows[n + 1]);
      const topicCells: TableCell[] = TOPIC_COLUMNS.map((c, i) => {
        const text = row.cells[i]!;
        return {
          text: shown ? (i === TITLE_COLUMN && !row.first ? `${text}（续）` : text) : '',
          alignment: c.center ? 'center' : 'left',
          border,
          ...(i === TITLE_COLUMN && shown ? { id: `topic${n}` } : {}),
        };
      });
      if (row.empty) {
        body.push([...topicCells, { text: '（未分解）', colSpan: subColumns.length, alignment: 'center', color: '#666666', id: `row${n}` }, ...subColumns.slice(1).map(() => ({}))]);
        return;
      }
      const color = row.overdue ? RED : BLACK;
      body.push([
        ...topicCells,
        ...subColumns.map((c, k): TableCell => {
          const text = row.cells[TOPIC_COLUMNS.length + k]!;
          const align = c.field.kind === 'number' ? 'right' : c.center ? 'center' : 'left';
          return { text, alignment: align, ...(WARNS.has(c.field.key) ? { color } : {}), ...(k === 0 ? { id: `row${n}` } : {}) };
        }),
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
