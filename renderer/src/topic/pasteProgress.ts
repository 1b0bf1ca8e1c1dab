import type { Args } from '../../../shared/contract';
import { PROGRESS_KINDS } from '../../../shared/domain/enums';
import { ProgressFields, type Person, type Subtopic, type Topic } from '../../../shared/domain/schemas';
import { PROGRESS } from '../../../shared/fields';
import { formatDay, halfWidth, readDay, splitPeople } from '../../../shared/values';
import { cellProblem, pasteColumns, readPastedTable, rosterByName, ruleProblem, type PastedTable } from './pasteTable';

/*
 * 台账记录 pasted from Excel, one entry a row: 日期、记录类型、对应小课题、
 * 工作内容、存在问题、下步计划、汇报人 (or as a header row names them).
 * The date is read as the forms read it (2026年6月5日, 6月5日, 本月底);
 * 记录类型 is one of PROGRESS_KINDS, empty meaning 每周汇报; the sub-topic is
 * found by its 编号 or its exact name within the topic; 汇报人 is linked to
 * the roster when the name is there, else kept as the written name, as a
 * legacy sheet's names are (the entry shows it; the edit form can link it).
 */

const F = ProgressFields.shape;
const KEYS = ['entryDate', 'kind', 'subtopicId', 'content', 'problems', 'nextSteps', 'reporterName'] as const;
type Key = (typeof KEYS)[number];
export const PROGRESS_PASTE_COLUMNS = pasteColumns(PROGRESS.fields, KEYS);
const LABEL = Object.fromEntries(PROGRESS_PASTE_COLUMNS.map((c) => [c.key, c.label])) as Record<Key, string>;

export type ProgressRowInput = Args<'progress.createMany'>['entries'][number];

export interface PastedEntry {
  line: number;
  /** = 2026年6月5日 */
  date: string;
  kind: string;
  /** The sub-topic as found (编号. 名称), '' for the whole topic. */
  subtopic: string;
  content: string;
  problems: string;
  nextSteps: string;
  reporter: string;
  /** Said, not refused: a 汇报人 kept as written because the roster has no (single) person of that name. */
  note: string | null;
  send: ProgressRowInput;
  /** What stops this row being saved (第 3 行「日期」：…). */
  errors: string[];
}

export interface PastedEntries extends Omit<PastedTable<Key>, 'rows'> {
  rows: PastedEntry[];
}

const subtopicLabel = (s: Pick<Subtopic, 'code' | 'title'>) => (s.code ? `${s.code}. ${s.title}` : s.title);

/** A sub-topic of the topic by what a cell says: its 编号, its name, or both as the form lists it (1. 商户走访). */
function subtopicFinder(subtopics: readonly Pick<Subtopic, 'id' | 'code' | 'title'>[]) {
  return (cell: string) => {
    const s = halfWidth(cell).trim();
    const byCode = subtopics.filter((x) => x.code && x.code === s);
    if (byCode.length === 1) return byCode[0]!;
    return subtopics.find((x) => x.title === cell) ?? subtopics.find((x) => subtopicLabel(x) === cell) ?? null;
  };
}

/** The rows of a pasted ledger table; `today` ('YYYY-MM-DD') reads 6月5日 and 本月底 as the form does. */
export function readPastedEntries(text: string, topic: Pick<Topic, 'branchId'>, subtopics: readonly Pick<Subtopic, 'id' | 'code' | 'title'>[], roster: readonly Person[], today: string): PastedEntries {
  const table = readPastedTable(text, PROGRESS_PASTE_COLUMNS, { required: ['entryDate', 'content'] });
  const findSubtopic = subtopicFinder(subtopics);
  const findPerson = rosterByName(roster, topic.branchId);
  const dateContext = { year: Number(today.slice(0, 4)), today };

  const rows = table.rows.map(({ line, cells, problems: errors }): PastedEntry => {
    const at = (key: Key, message: string) => errors.push(cellProblem(line, LABEL[key], message));
    const checked = (key: 'content' | 'problems' | 'nextSteps') => {
      const v = cells[key] ?? '';
      const p = ruleProblem(F[key], v);
      if (p) at(key, p);
      return v;
    };

    let entryDate = '';
    let date = '';
    const d = readDay(cells.entryDate ?? '', dateContext);
    if (d.kind === 'empty') at('entryDate', '请填写日期');
    else if (d.kind === 'invalid') at('entryDate', `「${d.text}」${d.message}`);
    else if (d.kind === 'date') {
      entryDate = d.date;
      date = `= ${formatDay(d.date)}`;
    }

    const kindCell = halfWidth(cells.kind ?? '').replace(/\s+/g, '') || PROGRESS_KINDS[0];
    const kindProblem = ruleProblem(F.kind, kindCell);
    if (kindProblem) at('kind', `「${kindCell}」不是记录类型：${kindProblem}`);
    const kind = kindProblem ? PROGRESS_KINDS[0] : (kindCell as (typeof PROGRESS_KINDS)[number]);

    let subtopicId: string | null = null;
    let subtopic = '';
    if (cells.subtopicId) {
      const s = findSubtopic(cells.subtopicId);
      if (s) {
        subtopicId = s.id;
        subtopic = subtopicLabel(s);
      } else at('subtopicId', `本课题没有小课题「${cells.subtopicId}」（按编号或名称填写；空着表示记在整个课题上）`);
    }

    const content = checked('content');
    const problems = checked('problems');
    const nextSteps = checked('nextSteps');

    // 汇报人: linked when the roster has exactly that person; otherwise the written name, said as a note.
    const written = cells.reporterName ?? '';
    const names = splitPeople(written, { dropNotes: true });
    const found = names.length === 1 ? findPerson(names[0]!) : null;
    let reporterId: string | null = null;
    let reporterName = '';
    let note: string | null = null;
    if (found && 'person' in found) reporterId = found.person.id;
    else if (written) {
      reporterName = written;
      const p = ruleProblem(F.reporterName, written);
      if (p) at('reporterName', p);
      note = found ? (found.found ? `名册中有 ${found.found} 个「${names[0]}」，按文字记为汇报人` : `名册中没有「${names[0]}」，按文字记为汇报人`) : '多人汇报，按文字记为汇报人';
    }

    return {
      line,
      date,
      kind,
      subtopic,
      content,
      problems,
      nextSteps,
      reporter: reporterId ? names[0]! : reporterName,
      note,
      send: { entryDate, kind, subtopicId, content, problems, nextSteps, reporterId, reporterName },
      errors,
    };
  });
  return { ...table, rows };
}
