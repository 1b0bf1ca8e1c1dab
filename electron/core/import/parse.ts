import path from 'node:path';
import type { ImportIssue, ImportMapping, SheetKind } from '../../../shared/contract/imports';
import { SHEET_KIND_LABELS } from '../../../shared/contract/imports';
import { PERSON_CATEGORIES, POLITICAL_STATUSES, SUBTOPIC_STATUSES, TOPIC_SOURCES, TOPIC_STATUSES, type PersonCategory, type PoliticalStatus } from '../../../shared/domain/enums';
import { HEADER_SCAN_ROWS, MAX_ISSUES } from './limits';
import { Grid, describeColumns, detectLayout, type Layout } from './layout';
import { columnLetter } from '../../../shared/excel';
import type { CellValue, RawWorkbook } from './raw';
import { splitLeadingNumber } from './numbering';
import { cellText, halfWidth, isEmptyCell, parseDate, parseTick, quantityIn, splitPeople, yearIn } from './values';
import { parseQuantity } from '../../../shared/values';
import { CHECKLIST, INDICATOR, PERSON, SUBTOPIC, TOPIC, fieldOf, higherIsBetterByName, INDICATOR_FIGURES, plainFields, type EntityDesc, type FieldDesc, type PlainValue } from '../../../shared/fields';

/*
 * From the raw grid to records: one pass over each sheet's data rows, filling
 * topic cells down, skipping 合计/blank/filler rows and collecting every
 * problem as an issue on its row. Nothing here touches the ledger; the plan
 * (plan.ts) matches the records against it.
 */

/** The plain fields of a record (shared/fields) by key, as read from the sheet; a column the sheet lacks reads empty. */
export type PlainValues = Record<string, PlainValue>;

export interface SubtopicRecord {
  row: number;
  code: string;
  title: string;
  /** The title as the sheet wrote it, when its leading number was taken into `code` (an earlier import stored it so). */
  writtenTitle?: string;
  owners: string[];
  deadline: string | null;
  deadlineText: string;
  closed: boolean;
  closedDate: string | null;
  /** 小课题状态 as written, when it is one of the states ('' otherwise; the tick-off column decides 已销号). */
  status: string;
  /** 推进措施, 进展情况, 备注 and every other plain field of a sub-topic. */
  plain: PlainValues;
}

export interface TopicRecord {
  sheet: string;
  row: number;
  code: string;
  title: string;
  leadDepartment: string;
  branch: string;
  leader: string;
  goal: string;
  /** 课题来源 and 课题状态 as written (validated against the vocabularies; '' when absent or not recognised). */
  source: string;
  status: string;
  subtopics: SubtopicRecord[];
}

export interface PersonRecord {
  sheet: string;
  row: number;
  name: string;
  unit: string;
  politicalStatus: PoliticalStatus | null;
  category: PersonCategory | null;
  /** 职务, 联系电话, 备注… */
  plain: PlainValues;
}

export interface IndicatorRecord {
  sheet: string;
  row: number;
  topic: string;
  name: string;
  unit: string;
  baseline: number | null;
  target: number | null;
  actual: number | null;
  higherIsBetter: boolean;
  /** 统计截止, 备注… */
  plain: PlainValues;
}

export interface ChecklistRecord {
  sheet: string;
  row: number;
  topic: string;
  item: string;
  ownerName: string;
  /** null when the sheet does not say (an empty 是否销号 cell, or no such column and no 完成日期). */
  closed: boolean | null;
  /** 所属区域, 计划日期, 完成日期, 备注… */
  plain: PlainValues;
}

export interface ParsedSheet {
  name: string;
  kind: SheetKind;
  layout: Layout;
  rows: number;
  skippedRows: number;
  note: string;
  /** Row numbers of the data rows read, for the failed-rows export. */
  dataRows: number[];
}

export interface ParsedWorkbook {
  sheets: ParsedSheet[];
  topics: TopicRecord[];
  people: PersonRecord[];
  indicators: IndicatorRecord[];
  checklist: ChecklistRecord[];
  issues: ImportIssue[];
  /** The ledger sheet's title line (for the campaign name) and the year the sheets speak of. */
  title: string;
  /** The 填报单位 named above the header, if any (becomes the campaign's 出题党委 when it is a committee). */
  reportingUnit: string;
  year: number;
  raw: RawWorkbook;
}

const TOTAL_WORDS = /^(合计|小计|总计|累计|合计数)$/;
const FILLER = /^(填报|制表|审核|填表|联系人|联系电话|负责人|单位负责人|报送|注[:：]|说明[:：]|备注[:：]|主要负责人|分管领导|审批)/;

const POLITICAL_ALIASES: Record<string, PoliticalStatus> = {
  党员: '中共党员',
  共产党员: '中共党员',
  预备党员: '中共预备党员',
  团员: '共青团员',
  共青团员: '共青团员',
  无党派: '无党派人士',
};
const CATEGORY_ALIASES: Record<string, PersonCategory> = {
  中共党员: '党员',
  预备党员: '党员',
  中共预备党员: '党员',
  共产党员: '党员',
  骨干: '业务骨干',
  业务能手: '业务骨干',
  群众: '员工',
  职工: '员工',
  一般员工: '员工',
  普通员工: '员工',
};

class IssueList {
  readonly items: ImportIssue[] = [];
  readonly errorRows = new Set<string>();
  dropped = 0;

  add(sheet: string, row: number, column: number, value: CellValue | string, message: string, severity: 'error' | 'warning' = 'error'): void {
    if (severity === 'error') this.errorRows.add(`${sheet}\u0000${row}`);
    if (this.items.length >= MAX_ISSUES) {
      this.dropped++;
      return;
    }
    this.items.push({ sheet, row, column: column ? columnLetter(column) : '', value: typeof value === 'string' ? value : cellText(value), message, severity });
  }

  hasError(sheet: string, row: number): boolean {
    return this.errorRows.has(`${sheet}\u0000${row}`);
  }
}

/** The first text of a row (title and filler lines are one merged cell or two). */
function rowText(grid: Grid, r: number): string {
  const texts: string[] = [];
  for (let c = 1; c <= grid.width(r); c++) {
    const t = cellText(grid.own(r, c));
    if (t) texts.push(t);
  }
  return texts.join(' ');
}

/** 合计 rows and filler lines (填报人：…). Runs on every row, so the cheap tests come first. */
function isFiller(grid: Grid, r: number): boolean {
  const row = grid.sheet.rows[r - 1];
  if (!row) return true;
  let filled = 0;
  let first = '';
  for (const v of row) {
    if (v === null || typeof v !== 'string') {
      if (v !== null) filled++;
      continue;
    }
    // Every total word has 计 in it: the regex runs only on the few cells that do.
    if (v.length <= 8 && v.includes('计') && TOTAL_WORDS.test(halfWidth(v).replace(/\s+/g, ''))) return true;
    if (v.trim()) {
      filled++;
      first ||= v;
    }
  }
  return filled === 0 || (filled <= 3 && FILLER.test(halfWidth(first).replace(/\s+/g, '')));
}

/** A copy of the header repeated below (printed ledgers repeat it on every page). */
function isRepeatedHeader(grid: Grid, r: number, headers: [number, string][]): boolean {
  let same = 0;
  for (const [c, h] of headers) if (grid.own(r, c) === h && ++same >= 2) return true;
  return false;
}

/** The described fields the rows below read by name (their length and label come from shared/fields). */
const field = (entity: EntityDesc, key: string): FieldDesc => fieldOf(entity, key) ?? (() => { throw new Error(`${entity.label}没有字段 ${key}`); })();
const F = {
  code: field(TOPIC, 'code'),
  topicTitle: field(TOPIC, 'title'),
  leadDepartment: field(TOPIC, 'leadDepartmentId'),
  branch: field(TOPIC, 'branchId'),
  leader: field(TOPIC, 'leaderId'),
  goal: field(TOPIC, 'goal'),
  subtopicTitle: field(SUBTOPIC, 'title'),
  deadlineText: field(SUBTOPIC, 'deadlineText'),
  personName: field(PERSON, 'name'),
  personUnit: field(PERSON, 'unitId'),
  indicatorName: field(INDICATOR, 'name'),
  indicatorUnit: field(INDICATOR, 'unit'),
  checklistItem: field(CHECKLIST, 'item'),
  checklistOwner: field(CHECKLIST, 'ownerName'),
};

/** Each entity's plain fields, found once (a sheet's rows read them thousands of times). */
const PLAIN = new Map<EntityDesc, readonly FieldDesc[]>([SUBTOPIC, PERSON, INDICATOR, CHECKLIST].map((e) => [e, plainFields(e)]));

/** What the dry run says of a value longer than its field holds. */
export const tooLongMessage = (f: FieldDesc, length: number) => `${f.label}超过 ${f.max} 个字（本格 ${length} 个字），请删减后再导入`;

export interface ParseOptions {
  fileName: string;
  mapping?: ImportMapping;
  /** The import date (YYYY-MM-DD): the last fallback for the year. */
  today: string;
}

export function parseWorkbook(raw: RawWorkbook, opts: ParseOptions): ParsedWorkbook {
  const issues = new IssueList();
  const out: ParsedWorkbook = { sheets: [], topics: [], people: [], indicators: [], checklist: [], issues: issues.items, title: '', reportingUnit: '', year: 0, raw };
  const fileYear = yearIn(path.basename(opts.fileName));
  const grids = raw.sheets.map((s) => new Grid(s));
  const layouts = grids.map((g) => detectLayout(g, opts.mapping?.[g.sheet.name]));

  // The year the sheets speak of: a 填报日期 line above a header, else a year in a title, the file name, today.
  let year: number | null = null;
  let title = '';
  grids.forEach((g, i) => {
    const top = layouts[i]!.headerRows[0] ?? Math.min(HEADER_SCAN_ROWS, g.rowCount) + 1;
    for (let r = 1; r < top; r++) {
      const t = rowText(g, r);
      if (!t) continue;
      if (/(填报|报送|统计|截至|截止)?(日期|时间)/.test(t) && year === null) year = yearIn(t.slice(t.search(/日期|时间/)));
      if (!title && layouts[i]!.kind === 'ledger' && !/[:：]/.test(t) && t.length >= 4) title = t;
      if (!out.reportingUnit) out.reportingUnit = /填报单位[:：]\s*([^\s:：]+)/.exec(t)?.[1] ?? '';
    }
  });
  out.year = year ?? (title ? yearIn(title) : null) ?? fileYear ?? Number(opts.today.slice(0, 4));
  out.title = title;

  const topicsByTitle = new Map<string, TopicRecord>();
  /** Each topic's sub-topic titles and the row of each (a topic may have thousands: no linear search). */
  const subtopicRows = new Map<TopicRecord, Map<string, number>>();
  const peopleSeen = new Map<string, number>();
  const indicatorSeen = new Map<string, number>();
  const checklistSeen = new Map<string, number>();

  grids.forEach((grid, i) => {
    const layout = layouts[i]!;
    const sheet = grid.sheet.name;
    const parsed: ParsedSheet = { name: sheet, kind: layout.kind, layout, rows: 0, skippedRows: 0, note: '', dataRows: [] };
    out.sheets.push(parsed);
    if (layout.kind === 'unknown') {
      parsed.note = grid.sheet.rows.some(Boolean) ? '未能识别表头（不是课题台账、责任人名册、成效指标或销号清单），已跳过；如需导入请指定表头行和各列对应的字段。' : '空工作表，已跳过。';
      return;
    }
    const colOf: Record<string, number> = Object.fromEntries(layout.byField);
    const col = (f: string) => colOf[f] ?? 0;
    const get = (row: number, f: string): CellValue => (col(f) ? grid.value(row, col(f)) : null);
    // The current row's texts are read several times each (checks, then the record): kept by column, stamped
    // with their row (cheaper than emptying the array on every row).
    const rowTexts: string[] = [];
    const rowTextRow: number[] = [];
    const text = (row: number, f: string) => {
      const c = col(f);
      if (!c) return '';
      if (row !== r) return cellText(grid.value(row, c));
      if (rowTextRow[c] === r) return rowTexts[c]!;
      rowTextRow[c] = r;
      return (rowTexts[c] = cellText(grid.value(row, c)));
    };
    const start = layout.headerRows[layout.headerRows.length - 1]! + 1;
    let current: TopicRecord | null = null;
    const headers = layout.columns.filter((c) => c.field && c.header).map((c): [number, string] => [c.index, c.header.split('/').pop()!]);
    const mapped = layout.columns.filter((c) => c.field).map((c) => c.index);

    // The row being read; the helpers below read it (defined once per sheet, not once per row).
    let r = start - 1;
    /** A value from a fixed vocabulary (课题来源, 状态): '' and a warning when the sheet says something else. */
    const vocabulary = (f: string, values: readonly string[], label: string): string => {
      const t = text(r, f);
      if (!t) return '';
      if (values.includes(t)) return t;
      issues.add(sheet, r, col(f), t, `${label}应为：${values.join('、')}，已忽略`, 'warning');
      return '';
    };
    /**
     * A text cell of a described field, within the field's length. Longer is an error on the row, for every field
     * alike: an import never cuts a value without a word (the row is refused, or skipped with 跳过有错误的行).
     */
    const checked = (field: FieldDesc): string => {
      const t = text(r, field.column);
      if (field.max !== null && t.length > field.max) issues.add(sheet, r, col(field.column), t.slice(0, 50), tooLongMessage(field, t.length));
      return t;
    };
    /** The plain fields of an entity (shared/fields), each read by its kind. */
    const plain = (entity: EntityDesc): PlainValues => {
      const out: PlainValues = {};
      for (const f of PLAIN.get(entity)!) out[f.key] = f.kind === 'text' ? checked(f) : f.kind === 'number' ? numberCell(f) : dateCell(f);
      return out;
    };
    const numberCell = (f: FieldDesc): number | null => {
      const v = get(r, f.column);
      const q = parseQuantity(v);
      if (q.problem) issues.add(sheet, r, col(f.column), v, `${f.label}${q.problem}，已留空`, 'warning');
      else if (q.unit && !f.label.includes(q.unit)) issues.add(sheet, r, col(f.column), v, `${f.label}写有单位「${q.unit}」，已按数字 ${q.value} 导入，请核对`, 'warning');
      return q.value;
    };
    const dateCell = (f: FieldDesc): string | null => {
      const v = get(r, f.column);
      const d = parseDate(v, out.year);
      if (d.problem) issues.add(sheet, r, col(f.column), v, `${f.label}${d.problem}`, 'warning');
      return d.date;
    };
    /**
     * The natural key of an indicator or check-off row: its topic and its name.
     * An empty name or a second row with the same key is an error, and the row is left out.
     */
    const keyedRow = (field: FieldDesc, seen: Map<string, number>, what: string) => {
      const value = checked(field);
      const f = field.column;
      if (!value) {
        issues.add(sheet, r, col(f), '', `${field.label}为空`);
        return null;
      }
      const topic = text(r, 'topic');
      const key = `${topic}\u0000${value}`;
      if (seen.has(key)) {
        issues.add(sheet, r, col(f), value, `与第 ${seen.get(key)} 行是同一课题的同名${what}`);
        return null;
      }
      seen.set(key, r);
      return { topic, value };
    };

    const hasMappedText = () => mapped.some((c) => !isEmptyCell(grid.own(r, c)));

    /** A 台账 row: a sub-topic of the current topic (or of the one named on this row). */
    const ledgerRow = (): void => {
      let topicTitle = checked(F.topicTitle);
      const filledDown = !topicTitle && current !== null;
      if (filledDown) topicTitle = current!.title;
      if (!topicTitle) {
        issues.add(sheet, r, col('topic'), '', '课题名称为空，且上方没有可沿用的课题');
        return;
      }
      if (!current || current.title !== topicTitle) {
        // A topic named again after another one is still the same topic (its natural key): its rows are added to it.
        const existing = topicsByTitle.get(topicTitle);
        current = existing ?? {
          sheet,
          row: r,
          code: '',
          title: topicTitle,
          leadDepartment: '',
          branch: '',
          leader: '',
          goal: '',
          source: '',
          status: '',
          subtopics: [],
        };
        if (!existing) {
          topicsByTitle.set(topicTitle, current);
          out.topics.push(current);
        }
      }
      const t = current;
      // Topic-level cells: merged down, or written on the first row only; the first value given wins.
      t.leadDepartment ||= checked(F.leadDepartment);
      t.branch ||= checked(F.branch);
      if (!t.leader) {
        t.leader = splitPeople(get(r, 'leader'))[0] ?? '';
        if (t.leader.length > F.leader.max!) issues.add(sheet, r, col('leader'), t.leader.slice(0, 50), tooLongMessage(F.leader, t.leader.length));
      }
      t.goal ||= checked(F.goal);
      t.source ||= vocabulary('source', TOPIC_SOURCES, '课题来源');
      t.status ||= vocabulary('topicStatus', TOPIC_STATUSES, '课题状态');
      const codeText = text(r, 'code');
      // 序号 names the topic when it is merged over the topic's rows or left blank below it; else it numbers the row.
      const startsTopic = !filledDown && (r === start || text(r - 1, 'topic') !== topicTitle);
      const nextCodeBlank = r >= grid.rowCount || grid.isBlank(r + 1) || !cellText(grid.own(r + 1, col('code')));
      const codeMerged = col('code') ? grid.mergedDown(r, col('code')) || (codeText !== '' && startsTopic && nextCodeBlank) : false;
      if (codeText.length > F.code.max!) issues.add(sheet, r, col('code'), codeText.slice(0, 50), tooLongMessage(F.code, codeText.length));
      if (!t.code && codeText) t.code = codeMerged ? codeText : (/^(\d+)[-－.]\d+$/.exec(halfWidth(codeText))?.[1] ?? (col('subtopic') ? '' : codeText));

      let subTitle = col('subtopic') ? checked(F.subtopicTitle) : '';
      // "3.1 成立惠农专班": the number is the sub-topic's 编号, shown once in the 序号 column, not again in the title.
      const numbered = subTitle ? splitLeadingNumber(subTitle) : null;
      const writtenTitle = numbered ? subTitle : undefined;
      if (numbered) subTitle = numbered.title;
      const measures = text(r, 'measures');
      if (!col('subtopic') && measures) {
        // No 小课题 column: the measure names the sub-topic (its first 300 characters; the measure itself is kept whole).
        subTitle = measures.slice(0, F.subtopicTitle.max!);
        if (measures.length > subTitle.length) issues.add(sheet, r, col('measures'), measures.slice(0, 50), `表中没有小课题一列，小课题名称取推进措施的前 ${F.subtopicTitle.max} 个字`, 'warning');
      }
      const hasSubDetail = Boolean(measures || text(r, 'owners') || text(r, 'deadline') || text(r, 'progress'));
      if (!subTitle) {
        // A topic's only row without a sub-topic: its 序号 is the topic's.
        if (!t.code && codeText && !hasSubDetail) t.code = codeText;
        if (hasSubDetail && col('subtopic')) issues.add(sheet, r, col('subtopic'), '', '小课题名称为空（本行填了措施、责任人或时限）');
        return;
      }
      let rowsOfTopic = subtopicRows.get(t);
      if (!rowsOfTopic) subtopicRows.set(t, (rowsOfTopic = new Map()));
      const dupRow = rowsOfTopic.get(subTitle);
      if (dupRow !== undefined) {
        issues.add(sheet, r, col('subtopic'), subTitle, `与第 ${dupRow} 行是同一课题下的同名小课题`);
        return;
      }
      const owners = splitPeople(get(r, 'owners'));
      let longNames = false;
      for (const n of owners) {
        if (n.length > 50) {
          longNames = true;
          issues.add(sheet, r, col('owners'), n.slice(0, 50), '责任人姓名超过 50 个字');
        }
      }
      if (!owners.length && col('owners')) issues.add(sheet, r, col('owners'), '', '未填写责任人', 'warning');
      const dl = parseDate(get(r, 'deadline'), out.year);
      if (dl.problem) issues.add(sheet, r, col('deadline'), get(r, 'deadline'), `完成时限${dl.problem}`, 'warning');
      if (dl.text.length > F.deadlineText.max!) issues.add(sheet, r, col('deadline'), dl.text.slice(0, 50), tooLongMessage(F.deadlineText, dl.text.length));
      const tick = parseTick(get(r, 'closed'));
      if (tick === null) issues.add(sheet, r, col('closed'), get(r, 'closed'), '销号栏应为 是/否、已销号/未销号、√/×，按未销号处理', 'warning');
      const cd = parseDate(get(r, 'closedDate'), out.year);
      if (cd.problem) issues.add(sheet, r, col('closedDate'), get(r, 'closedDate'), `销号日期${cd.problem}`, 'warning');
      rowsOfTopic.set(subTitle, r);
      t.subtopics.push({
        row: r,
        code: numbered?.code ?? (codeMerged ? '' : codeText),
        title: subTitle,
        ...(writtenTitle ? { writtenTitle } : {}),
        owners: longNames ? owners.filter((n) => n.length <= 50) : owners,
        deadline: dl.date,
        deadlineText: dl.text,
        closed: tick === true,
        closedDate: cd.date,
        status: vocabulary('subtopicStatus', SUBTOPIC_STATUSES, '小课题状态'),
        plain: plain(SUBTOPIC),
      });
    };

    /** A 名册 row: one person. */
    const rosterRow = (): void => {
      const name = text(r, 'name');
      if (!name) {
        issues.add(sheet, r, col('name'), '', '姓名为空');
        return;
      }
      if (name.length > F.personName.max!) {
        issues.add(sheet, r, col('name'), name.slice(0, 50), tooLongMessage(F.personName, name.length));
        return;
      }
      if (splitPeople(name).length > 1) {
        issues.add(sheet, r, col('name'), name.slice(0, 50), '姓名栏应只填一个人的姓名');
        return;
      }
      const unit = checked(F.personUnit);
      const key = `${name}\u0000${unit}`;
      if (peopleSeen.has(key)) {
        issues.add(sheet, r, col('name'), name, `与第 ${peopleSeen.get(key)} 行重复（同一单位同名视为同一人），本行已忽略`, 'warning');
        return;
      }
      peopleSeen.set(key, r);
      const ps = halfWidth(text(r, 'politicalStatus')).replace(/\s+/g, '');
      let politicalStatus: PoliticalStatus | null = null;
      if (ps) {
        politicalStatus = (POLITICAL_STATUSES as readonly string[]).includes(ps) ? (ps as PoliticalStatus) : (POLITICAL_ALIASES[ps] ?? null);
        if (!politicalStatus) issues.add(sheet, r, col('politicalStatus'), ps, `政治面貌应为：${POLITICAL_STATUSES.join('、')}，已留空`, 'warning');
      }
      const cat = halfWidth(text(r, 'category')).replace(/\s+/g, '');
      let category: PersonCategory | null = null;
      if (cat) {
        category = (PERSON_CATEGORIES as readonly string[]).includes(cat) ? (cat as PersonCategory) : (CATEGORY_ALIASES[cat] ?? null);
        if (!category) issues.add(sheet, r, col('category'), cat, `人员类别应为：${PERSON_CATEGORIES.join('、')}，已留空`, 'warning');
      }
      out.people.push({ sheet, row: r, name, unit, politicalStatus, category, plain: plain(PERSON) });
    };

    /** A 指标 row. */
    const indicatorRow = (): void => {
      const keyed = keyedRow(F.indicatorName, indicatorSeen, '指标');
      if (!keyed) return;
      const { topic, value: name } = keyed;
      let unit = checked(F.indicatorUnit);
      const nums: Record<string, number | null> = {};
      for (const [f, label] of INDICATOR_FIGURES) {
        // The unit column (or the first value's unit) decides what 1.2万 means: 12,000 件, or 1.2 万元.
        const q = quantityIn(get(r, f), unit);
        if (q.problem) issues.add(sheet, r, col(f), get(r, f), `${label}${q.problem}，已留空`, 'warning');
        // No silent cut: a unit longer than its field holds is an error on the row (issue 19).
        if (q.unit !== unit && q.unit.length > F.indicatorUnit.max!) issues.add(sheet, r, col(f), get(r, f), tooLongMessage(F.indicatorUnit, q.unit.length));
        unit = q.unit;
        nums[f] = q.value;
      }
      out.indicators.push({
        sheet,
        row: r,
        topic,
        name,
        unit,
        baseline: nums.baseline ?? null,
        target: nums.target ?? null,
        actual: nums.actual ?? null,
        higherIsBetter: higherIsBetterByName(name),
        plain: plain(INDICATOR),
      });
    };

    /** A 销号清单 row. */
    const checklistRow = (): void => {
      const keyed = keyedRow(F.checklistItem, checklistSeen, '事项');
      if (!keyed) return;
      const { topic, value: item } = keyed;
      const values = plain(CHECKLIST);
      const tick = get(r, 'closed');
      let closed = col('closed') ? (isEmptyCell(tick) ? null : parseTick(tick)) : values.doneDate !== null || null;
      if (closed === null && !isEmptyCell(tick)) {
        issues.add(sheet, r, col('closed'), get(r, 'closed'), '销号栏应为 是/否、已销号/未销号、√/×，按未销号处理', 'warning');
        closed = false;
      }
      const ownerName = splitPeople(get(r, 'owner')).join('、');
      if (ownerName.length > F.checklistOwner.max!) issues.add(sheet, r, col('owner'), ownerName.slice(0, 50), tooLongMessage(F.checklistOwner, ownerName.length));
      out.checklist.push({ sheet, row: r, topic, item, ownerName, closed, plain: values });
    };

    // One function per row (not one long loop body): V8 optimises a function called 50,000 times as soon as it is
    // hot, where a loop inside a function called once per sheet waits for on-stack replacement.
    const readRow = { ledger: ledgerRow, roster: rosterRow, indicators: indicatorRow, checklist: checklistRow }[layout.kind];
    while (++r <= grid.rowCount) {
      if (grid.isBlank(r)) continue;
      if (isFiller(grid, r) || isRepeatedHeader(grid, r, headers)) {
        parsed.skippedRows++;
        continue;
      }
      // Only the mapped columns count: a row with text only in unmapped columns is a remark, not a record.
      if (!hasMappedText()) {
        parsed.skippedRows++;
        continue;
      }
      parsed.rows++;
      parsed.dataRows.push(r);
      readRow();
    }
    if (!parsed.rows) parsed.note = `${SHEET_KIND_LABELS[layout.kind]}表头下没有数据行。`;
  });

  if (!out.sheets.some((s) => s.kind !== 'unknown')) {
    issues.add('', 0, 0, '', '文件中没有可识别的台账：未找到“课题名称/小课题/责任人”等表头。请确认选择了正确的文件，或手动指定表头行和各列对应的字段。');
  }
  if (issues.dropped) issues.items.push({ sheet: '', row: 0, column: '', value: '', message: `另有 ${issues.dropped} 条问题未列出`, severity: 'warning' });
  return Object.assign(out, { errorRowKeys: issues.errorRows });
}

export type ParsedWithErrors = ParsedWorkbook & { errorRowKeys: Set<string> };

export const rowKey = (sheet: string, row: number) => `${sheet}\u0000${row}`;

export function describeSheets(parsed: ParsedWorkbook, preview: (sheet: ParsedSheet) => Record<string, unknown>[]) {
  return parsed.sheets.map((s) => ({
    name: s.name,
    kind: s.kind,
    kindLabel: SHEET_KIND_LABELS[s.kind],
    headerRows: s.layout.headerRows,
    columns: describeColumns(s.layout),
    rows: s.rows,
    skippedRows: s.skippedRows,
    note: s.note,
    preview: preview(s),
  }));
}
