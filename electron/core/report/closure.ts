import type { TopicDetail } from '../../../shared/contract/topics';
import { CLOSURE_SECTIONS, type RubricCriterion } from '../../../shared/domain/enums';
import type { Indicator } from '../../../shared/domain/schemas';
import { INDICATOR, type FieldDesc } from '../../../shared/fields';
import { chineseDate } from '../excel/columns';
import { emptyRow, headingNumberer, td, th, type Block, type Cell, type ReportModel } from './model';

/*
 * 结题报告 of one topic: facts, breakdown and tick-off, progress record,
 * indicators with a chart, the six closure sections, the review and the
 * signature lines. Headings numbered the official way: 一、 二、 …
 */

const num = (n: number | null) => (n === null ? '' : String(Math.round(n * 100) / 100));

function span(from: string | null, to: string | null): string {
  if (!from && !to) return '';
  return `${chineseDate(from) || '—'} 至 ${chineseDate(to) || '—'}`;
}

/** A form row of two label/value pairs; a value over three columns when `b` is absent. */
function formRow(a: string, av: string, b?: string, bv?: string): Cell[] {
  return b === undefined ? [th(a), { text: av, colSpan: 3 }] : [th(a), td(av), th(b), td(bv)];
}

function factsTable(d: TopicDetail): Block {
  const t = d.topic;
  return {
    kind: 'table',
    widths: [70, '*', 70, '*'],
    headerRows: 0,
    rows: [
      formRow('课题名称', t.title),
      formRow('领题支部', t.branchName ?? '', '牵头部门', t.leadDepartmentName ?? ''),
      formRow('课题负责人', t.leaderName ?? '', '课题来源', `${t.source}${t.assignment ? `（${t.assignment}）` : ''}`),
      formRow('起止时间', span(t.startDate, t.endDate), '课题状态', t.status),
      formRow('课题目标', t.goal || '（未填写）'),
    ],
  };
}

function breakdownTable(d: TopicDetail): Block {
  const rows: Cell[][] = [[th('序号'), th('小课题'), th('推进措施'), th('责任人'), th('完成时限'), th('销号')]];
  d.subtopics.forEach((s, i) => {
    const deadline = s.deadline ? chineseDate(s.deadline) : s.deadlineText;
    const closed = s.status === '已销号' ? `已销号\n${chineseDate(s.closedDate)}` : s.overdue ? `${s.status}（超期）` : s.status;
    // The sub-topic's own 编号 (3.1, kept from the source ledger on import) where it has one; else its place.
    rows.push([td(s.code || i + 1, 'center'), td(s.title), td(s.measures), td(s.owners.map((o) => o.name).join('、'), 'center'), td(deadline, 'center'), td(closed, 'center')]);
  });
  if (d.subtopics.length === 0) rows.push(emptyRow('（无小课题）', 6));
  return { kind: 'table', headerRows: 1, widths: [30, '*', '*', 54, 78, 72], rows };
}

function progressTable(d: TopicDetail): Block {
  const entries = [...d.progress].sort((a, b) => a.entryDate.localeCompare(b.entryDate));
  const rows: Cell[][] = [[th('日期'), th('类型'), th('工作内容'), th('汇报人')]];
  for (const e of entries) {
    const extra = [e.problems && `存在问题：${e.problems}`, e.nextSteps && `下步计划：${e.nextSteps}`].filter(Boolean).join('\n');
    rows.push([td(chineseDate(e.entryDate), 'center'), td(e.kind, 'center'), td(extra ? `${e.content}\n${extra}` : e.content), td(e.reporterName, 'center')]);
  }
  if (!entries.length) rows.push(emptyRow('（无记录）', 4));
  return { kind: 'table', headerRows: 1, widths: [78, 48, '*', 50], rows };
}

/** The indicator's printed columns: its described fields with a `pdf` width (shared/fields/indicator.ts). */
const INDICATOR_COLUMNS = INDICATOR.fields.filter((f) => f.pdf);

/** An indicator's cell: 是否达标 in words, numbers to two places, days in Chinese, text as it is. */
function indicatorCell(f: FieldDesc, i: Indicator): Cell {
  const v = (i as unknown as Record<string, unknown>)[f.key];
  if (f.key === 'met') return td(i.met === null ? '—' : i.met ? '达标' : '未达标', 'center');
  if (f.kind === 'number') return td(num(v as number | null), 'right');
  if (f.kind === 'date') return td(chineseDate(v as string | null), 'center');
  return td(v as string, (f.max ?? Infinity) <= 20 ? 'center' : 'left');
}

function indicatorTable(d: TopicDetail): Block {
  const rows: Cell[][] = [INDICATOR_COLUMNS.map((f) => th(f.pdf!.header ?? f.excel?.header ?? f.label))];
  for (const i of d.indicators) rows.push(INDICATOR_COLUMNS.map((f) => indicatorCell(f, i)));
  if (!d.indicators.length) rows.push(emptyRow('（无成效指标）', INDICATOR_COLUMNS.length));
  return { kind: 'table', headerRows: 1, widths: INDICATOR_COLUMNS.map((f) => f.pdf!.width), rows };
}

function reviewBlocks(d: TopicDetail, rubric: readonly RubricCriterion[]): Block[] {
  const out: Block[] = [];
  const c = d.closure;
  if (c?.outcome) {
    const extra = c.outcome === '延期结题' && c.extendedUntil ? `，延期至${chineseDate(c.extendedUntil)}` : '';
    out.push({ kind: 'paragraphs', text: `结题结论：${c.outcome}${extra}${c.outcomeNote ? `。${c.outcomeNote}` : ''}` });
  }
  const r = d.review;
  if (!r) {
    out.push({ kind: 'paragraphs', text: '（尚未评审）' });
    return out;
  }
  const names = [...new Set([...rubric.map((k) => k.name), ...Object.keys(r.scores)])];
  const max = new Map(rubric.map((k) => [k.name, k.max]));
  out.push({
    kind: 'table',
    widths: [70, '*', 70, '*'],
    headerRows: 0,
    rows: [
      formRow('评审日期', chineseDate(r.reviewDate), '评审人', r.reviewers.join('、')),
      formRow('评分', names.map((n) => `${n} ${num(r.scores[n] ?? 0)}${max.has(n) ? `/${max.get(n)}` : ''}`).join('；')),
      formRow('总分', num(r.total), '等次', r.grade),
      formRow('评审意见', r.opinion || '（无）'),
    ],
  });
  return out;
}

export function closureReportTitle(d: TopicDetail): string {
  return `“${d.topic.title}”课题结题报告`;
}

export function closureReportModel(d: TopicDetail, rubric: readonly RubricCriterion[]): ReportModel {
  const h1 = headingNumberer();
  const t = d.topic;
  const subtitle = [t.branchName, d.closure?.submittedDate ? chineseDate(d.closure.submittedDate) : null].filter(Boolean).join('　');
  const title = closureReportTitle(d);
  const blocks: Block[] = [
    { kind: 'title', text: title },
    ...(subtitle ? [{ kind: 'subtitle', text: subtitle } as const] : []),
    h1('课题基本情况'),
    factsTable(d),
    h1('破题分解及销号情况'),
    breakdownTable(d),
    h1('推进台账'),
    progressTable(d),
    h1('成效指标完成情况'),
    indicatorTable(d),
    { kind: 'chart', caption: '目标与完成对比（以目标为100%）', indicators: d.indicators },
  ];
  for (const s of CLOSURE_SECTIONS) blocks.push(h1(s.label), { kind: 'paragraphs', text: d.closure?.[s.key] ?? '' });
  blocks.push(h1('评审情况'), ...reviewBlocks(d, rubric));
  blocks.push({ kind: 'signatures', signers: ['支部书记', '牵头部门负责人'], approval: '党委审核意见：', stamp: '（盖章）      年    月    日' });
  return { title, blocks };
}
