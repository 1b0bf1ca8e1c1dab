import { columnLetter } from '../../../shared/excel';
import type ExcelJS from 'exceljs';
import { loadExcelJS } from '../lazyLibs';
import {
  CHECKLIST_SHEET,
  DATE_NUMFMT,
  INDICATOR_SHEET,
  LEDGER_COLUMNS,
  LEDGER_SHEET,
  ROSTER_SHEET,
  SUBTOPIC_KEYS,
  TOPIC_KEYS,
  chineseDate,
  excelDay,
  yesNo,
  type CellKind,
  type ColumnSpec,
  type SheetSpec,
} from './columns';
import type { PlainValue } from '../../../shared/fields';
import type { ChecklistRow, IndicatorRow, LedgerSub, LedgerTopic, RosterRow, SheetRow } from './ledgerData';

/*
 * The standard ledger workbook, written with exceljs's streaming writer (rows
 * go to the zip as they are committed, so 50,000 rows cost little memory).
 * Style objects are shared: exceljs caches a style id per object, so a cell
 * style costs one WeakMap lookup. That holds for rows too: a row's own style
 * is a fresh {} that exceljs serialises to find its id, once per row, unless
 * every row is given the one shared ROW_STYLE. Days are written as Excel day
 * numbers under the date format (the same XML as a Date, without the Date).
 */

export interface WorkbookContent {
  title: string;
  unit: string;
  /** 填报日期, 'YYYY-MM-DD' (empty: left blank to fill in by hand). */
  date: string;
  /**
   * The topics with their sub-topics, in ledger order: an array, or a stream
   * read from the ledger while the sheet is written (see iterateLedgerTopics).
   */
  ledger: Iterable<LedgerTopic>;
  roster: readonly RosterRow[];
  indicators: readonly IndicatorRow[];
  checklist: readonly ChecklistRow[];
  /** Blank bordered rows under the header (the template's rows to fill by hand). */
  blankRows?: number;
}

type Style = Partial<ExcelJS.Style>;
const thin: Partial<ExcelJS.Border> = { style: 'thin', color: { argb: 'FF000000' } };
const border: Partial<ExcelJS.Borders> = { top: thin, left: thin, bottom: thin, right: thin };
const bodyFont: Partial<ExcelJS.Font> = { name: '宋体', size: 10.5 };

const CELL_STYLES: Record<CellKind, Style> = {
  text: { font: bodyFont, border, alignment: { vertical: 'middle' } },
  wrap: { font: bodyFont, border, alignment: { vertical: 'middle', wrapText: true } },
  center: { font: bodyFont, border, alignment: { vertical: 'middle', horizontal: 'center', wrapText: true } },
  date: { font: bodyFont, border, numFmt: DATE_NUMFMT, alignment: { vertical: 'middle', horizontal: 'center' } },
  number: { font: bodyFont, border, alignment: { vertical: 'middle', horizontal: 'right' } },
};
const HEADER_STYLE: Style = {
  font: { name: '宋体', size: 10.5, bold: true },
  border,
  fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } },
  alignment: { vertical: 'middle', horizontal: 'center', wrapText: true },
};
const TITLE_STYLE: Style = { font: { name: '宋体', size: 18, bold: true }, alignment: { vertical: 'middle', horizontal: 'center' } };
const META_LEFT: Style = { font: { name: '宋体', size: 11 }, alignment: { vertical: 'middle', horizontal: 'left' } };
const META_RIGHT: Style = { font: { name: '宋体', size: 11 }, alignment: { vertical: 'middle', horizontal: 'right' } };

/** The style of every row we write (nothing: the cells carry theirs). Shared, so exceljs hashes it once. */
const ROW_STYLE: Partial<ExcelJS.Style> = {};

type Value = string | number | Date | null;

interface Sheet {
  ws: ExcelJS.Worksheet;
  spec: SheetSpec;
  styles: Style[];
  /** The first data row (1-based). */
  first: number;
  next: number;
}

/** Title, the optional 填报单位/填报日期 line, the (grouped) header; widths, frozen panes, print setup. */
function startSheet(wb: ExcelJS.stream.xlsx.WorkbookWriter, spec: SheetSpec, title: string, meta: { unit: string; date: string } | null): Sheet {
  const n = spec.columns.length;
  const last = columnLetter(n);
  const headerTop = meta ? 3 : 2;
  const headerBottom = spec.groups ? headerTop + 1 : headerTop;
  const ws = wb.addWorksheet(spec.name, {
    views: [{ state: 'frozen', xSplit: spec.groups ? 2 : 0, ySplit: headerBottom, activeCell: `A${headerBottom + 1}` }],
    pageSetup: {
      paperSize: 9, // A4
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      printTitlesRow: `${headerTop}:${headerBottom}`,
      margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    },
    headerFooter: { oddFooter: '&C第 &P 页，共 &N 页', evenFooter: '&C第 &P 页，共 &N 页' },
  });
  ws.columns = spec.columns.map((c) => ({ key: c.key, width: c.width }));

  const titleRow = ws.getRow(1);
  titleRow.height = 34;
  const t = titleRow.getCell(1);
  t.value = title;
  t.style = TITLE_STYLE;
  ws.mergeCells(`A1:${last}1`);
  titleRow.commit();

  if (meta) {
    const row = ws.getRow(2);
    row.height = 20;
    const split = Math.max(1, n - 4);
    const left = row.getCell(1);
    left.value = `填报单位：${meta.unit}`;
    left.style = META_LEFT;
    const right = row.getCell(split + 1);
    right.value = `填报日期：${meta.date ? chineseDate(meta.date) : '        年    月    日'}`;
    right.style = META_RIGHT;
    ws.mergeCells(`A2:${columnLetter(split)}2`);
    ws.mergeCells(`${columnLetter(split + 1)}2:${last}2`);
    row.commit();
  }

  if (spec.groups) {
    const top = ws.getRow(headerTop);
    const bottom = ws.getRow(headerBottom);
    top.height = 20;
    bottom.height = 22;
    for (const [i, c] of spec.columns.entries()) {
      top.getCell(i + 1).style = HEADER_STYLE;
      const cell = bottom.getCell(i + 1);
      cell.value = c.header;
      cell.style = HEADER_STYLE;
    }
    for (const g of spec.groups) {
      const from = spec.columns.findIndex((c) => c.key === g.keys[0]) + 1;
      const to = from + g.keys.length - 1;
      top.getCell(from).value = g.label;
      ws.mergeCells(`${columnLetter(from)}${headerTop}:${columnLetter(to)}${headerTop}`);
    }
    bottom.commit();
  } else {
    const row = ws.getRow(headerTop);
    row.height = 22;
    for (const [i, c] of spec.columns.entries()) {
      const cell = row.getCell(i + 1);
      cell.value = c.header;
      cell.style = HEADER_STYLE;
    }
    row.commit();
  }
  return { ws, spec, styles: spec.columns.map((c) => CELL_STYLES[c.kind]), first: headerBottom + 1, next: headerBottom + 1 };
}

/** Height of the template's blank rows (a row without values is only written when it has a height). */
const BLANK_ROW_HEIGHT = 24;

function writeRow(sheet: Sheet, values: readonly Value[]): void {
  const row = sheet.ws.getRow(sheet.next++);
  // Row#style is exceljs's (its typings leave it out).
  (row as unknown as { style: Partial<ExcelJS.Style> }).style = ROW_STYLE;
  if (values.length === 0) row.height = BLANK_ROW_HEIGHT;
  const styles = sheet.styles;
  for (let i = 0; i < styles.length; i++) {
    const cell = row.getCell(i + 1);
    const v = values[i];
    if (v !== null && v !== undefined && v !== '') cell.value = v;
    cell.style = styles[i]!;
  }
  row.commit();
}

/** Drop-down lists on the data rows (and some rows below, for additions by hand). */
function finishSheet(sheet: Sheet): void {
  const last = Math.max(sheet.next + 200, sheet.first + 999);
  for (const [i, c] of sheet.spec.columns.entries()) {
    if (!c.list) continue;
    const col = columnLetter(i + 1);
    // The streaming worksheet has `dataValidations` (exceljs's typings only declare it on cells).
    (sheet.ws as unknown as { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } }).dataValidations.add(`${col}${sheet.first}:${col}${last}`, {
      type: 'list',
      allowBlank: true,
      formulae: [`"${c.list.join(',')}"`],
      showErrorMessage: true,
      errorStyle: 'stop',
      errorTitle: c.header,
      error: `${c.header}应为：${c.list.join('、')}`,
    });
  }
  sheet.ws.commit();
}

/**
 * A value as its column's cell holds it: a day as Excel's day number in a date
 * column (text there, such as 长期坚持, stays text), a yes/no as 是/否.
 */
function cellValue(column: ColumnSpec, v: PlainValue | boolean | undefined): Value {
  if (v === undefined || v === null) return null;
  if (typeof v === 'boolean') return yesNo(v);
  if (column.kind === 'date' && typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v)) return excelDay(v);
  return v;
}

/** The ledger sheet's columns whose value is not the record's field of the same key (names, derived marks). */
const TOPIC_CELLS: Record<string, (t: LedgerTopic) => PlainValue> = {
  code: (t) => t.code,
  topic: (t) => t.title,
  source: (t) => t.source,
  leadDepartment: (t) => t.leadDepartment,
  branch: (t) => t.branch,
  leader: (t) => t.leader,
  topicStatus: (t) => t.status,
};
const SUBTOPIC_CELLS: Record<string, (s: LedgerSub) => PlainValue | boolean> = {
  subtopic: (s) => s.title,
  owners: (s) => s.owners,
  deadline: (s) => s.deadline ?? s.deadlineText,
  subtopicStatus: (s) => s.status,
  closed: (s) => s.status === '已销号',
  closedDate: (s) => s.closedDate,
};
const byColumn = (keys: readonly string[]) => keys.map((k) => LEDGER_COLUMNS.find((c) => c.key === k)!);
const TOPIC_COLUMNS = byColumn(TOPIC_KEYS);
const TOPIC_COLS = TOPIC_KEYS.map((k) => columnLetter(LEDGER_COLUMNS.findIndex((c) => c.key === k) + 1));
// A plain field (shared/fields) is read from the sub-topic's plain values by its key: nothing to add here for one.
const SUBTOPIC_GETTERS = byColumn(SUBTOPIC_KEYS).map((c) => {
  const special = SUBTOPIC_CELLS[c.key];
  const key = c.field.key;
  return { column: c, get: special ?? ((s: LedgerSub) => s.plain[key]) };
});
for (const c of TOPIC_COLUMNS) if (!TOPIC_CELLS[c.key]) throw new Error(`课题台账：「${c.header}」一列没有取值方法`);

/** One row of the ledger sheet; `values` is reused from row to row (exceljs copies what it keeps). */
function ledgerValues(values: Value[], topic: LedgerTopic, sub: LedgerSub | undefined, first: boolean): Value[] {
  values.length = 0;
  for (const c of TOPIC_COLUMNS) values.push(first ? cellValue(c, TOPIC_CELLS[c.key]!(topic)) : null);
  if (!sub) return values;
  for (const g of SUBTOPIC_GETTERS) values.push(cellValue(g.column, g.get(sub)));
  return values;
}

/** A simple sheet's row: each column's value by its key. */
const sheetValues = (spec: SheetSpec, row: SheetRow): Value[] => spec.columns.map((c) => cellValue(c, row[c.key]));

/**
 * The topic cells merged over their sub-topic rows: tens of thousands of
 * merges. exceljs's mergeCells checks each new merge against every earlier
 * one (quadratic: seconds for a province ledger) and then marks each covered
 * cell by its address (a string built and parsed per cell). Neither is needed
 * here: our merges never overlap (one block of rows per topic), and a covered
 * cell is written exactly as the styled empty cell it already is
 * (`<c r=".." s=".."/>`). So the ranges are collected and handed to the
 * sheet's merge list once all rows are written, where exceljs only prints
 * them (`<mergeCell ref="A5:A9"/>`).
 */
function blockMerges(ws: ExcelJS.Worksheet) {
  // The streaming worksheet's own list (exceljs hangs a method on the array, so it is appended to in place).
  const merges = (ws as unknown as { _merges?: unknown[] })._merges;
  if (!Array.isArray(merges)) throw new Error('exceljs: the streaming worksheet has no merge list');
  const ranges: string[] = [];
  return {
    add(col: string, top: number, bottom: number) {
      ranges.push(`${col}${top}:${col}${bottom}`);
    },
    /** After the last mergeCells of the sheet (exceljs would compare later merges with these strings). */
    finish() {
      for (const r of ranges) merges.push(r);
    },
  };
}

function writeLedgerSheet(wb: ExcelJS.stream.xlsx.WorkbookWriter, c: WorkbookContent): { topics: number; subtopics: number } {
  const sheet = startSheet(wb, LEDGER_SHEET, c.title, { unit: c.unit, date: c.date });
  const merges = blockMerges(sheet.ws);
  const values: Value[] = [];
  let topics = 0;
  let subtopics = 0;
  for (const topic of c.ledger) {
    const top = sheet.next;
    const n = Math.max(1, topic.subs.length);
    for (let i = 0; i < n; i++) writeRow(sheet, ledgerValues(values, topic, topic.subs[i], i === 0));
    if (n > 1) for (const col of TOPIC_COLS) merges.add(col, top, top + n - 1);
    topics++;
    subtopics += topic.subs.length;
  }
  for (let i = 0; i < (c.blankRows ?? 0); i++) writeRow(sheet, []);
  merges.finish();
  finishSheet(sheet);
  return { topics, subtopics };
}

function writeSimpleSheet(wb: ExcelJS.stream.xlsx.WorkbookWriter, spec: SheetSpec, rows: Iterable<Value[]>, blank: number): void {
  const sheet = startSheet(wb, spec, spec.title, null);
  for (const values of rows) writeRow(sheet, values);
  for (let i = 0; i < blank; i++) writeRow(sheet, []);
  finishSheet(sheet);
}

/** Write the whole workbook to `file`. */
export async function writeLedgerWorkbook(file: string, c: WorkbookContent): Promise<{ topics: number; subtopics: number }> {
  const Excel = await loadExcelJS();
  const wb = new Excel.stream.xlsx.WorkbookWriter({ filename: file, useStyles: true, useSharedStrings: false });
  wb.creator = '领题破题台账';
  const blank = c.blankRows ?? 0;
  const counts = writeLedgerSheet(wb, c);
  writeSimpleSheet(wb, ROSTER_SHEET, c.roster.map((p, i) => sheetValues(ROSTER_SHEET, { ...p, seq: i + 1 })), blank);
  writeSimpleSheet(wb, INDICATOR_SHEET, c.indicators.map((r) => sheetValues(INDICATOR_SHEET, r)), blank);
  writeSimpleSheet(wb, CHECKLIST_SHEET, c.checklist.map((r) => sheetValues(CHECKLIST_SHEET, r)), blank);
  await wb.commit();
  return counts;
}
