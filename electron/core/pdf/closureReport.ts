import type { Content, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces';
import type { TopicDetail } from '../../../shared/contract/topics';
import type { PdfProfile } from '../../../shared/contract/output';
import { CLOSURE_SECTIONS, type RubricCriterion } from '../../../shared/domain/enums';
import type { Indicator } from '../../../shared/domain/schemas';
import { INDICATOR, type FieldDesc } from '../../../shared/fields';
import { chineseDate } from '../excel/columns';
import { indicatorChartSvg } from './chart';
import { FAMILY } from './fonts';
import { A4, FORM_LAYOUT, baseDocument, mm, paragraphs, td, th } from './layout';

/*
 * 结题报告 of one topic: facts, breakdown and tick-off, progress record,
 * indicators with a chart, the six closure sections, the review and the
 * signature lines. Headings numbered the official way: 一、 二、 …
 */

const NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二', '十三', '十四', '十五'];
const num = (n: number | null) => (n === null ? '' : String(Math.round(n * 100) / 100));

function span(from: string | null, to: string | null): string {
  if (!from && !to) return '';
  return `${chineseDate(from) || '—'} 至 ${chineseDate(to) || '—'}`;
}

function factsTable(d: TopicDetail): Content {
  const t = d.topic;
  const row = (a: string, av: string, b: string, bv: string): TableCell[] => [th(a), td(av), th(b), td(bv)];
  return {
    style: 'table',
    layout: FORM_LAYOUT,
    table: {
      widths: [70, '*', 70, '*'],
      body: [
        [th('课题名称'), { text: t.title, colSpan: 3 }, {}, {}],
        row('领题支部', t.branchName ?? '', '牵头部门', t.leadDepartmentName ?? ''),
        row('课题负责人', t.leaderName ?? '', '课题来源', `${t.source}${t.assignment ? `（${t.assignment}）` : ''}`),
        row('起止时间', span(t.startDate, t.endDate), '课题状态', t.status),
        [th('课题目标'), { text: t.goal || '（未填写）', colSpan: 3 }, {}, {}],
      ],
    },
  };
}

function breakdownTable(d: TopicDetail): Content {
  const body: TableCell[][] = [[th('序号'), th('小课题'), th('推进措施'), th('责任人'), th('完成时限'), th('销号')]];
  d.subtopics.forEach((s, i) => {
    const deadline = s.deadline ? chineseDate(s.deadline) : s.deadlineText;
    const closed = s.status === '已销号' ? `已销号\n${chineseDate(s.closedDate)}` : s.overdue ? `${s.status}（超期）` : s.status;
    body.push([td(i + 1, 'center'), td(s.title), td(s.measures), td(s.owners.map((o) => o.name).join('、'), 'center'), td(deadline, 'center'), td(closed, 'center')]);
  });
  if (d.subtopics.length === 0) body.push([{ text: '（无小课题）', colSpan: 6, alignment: 'center' }, {}, {}, {}, {}, {}]);
  return { style: 'table', layout: FORM_LAYOUT, table: { headerRows: 1, keepWithHeaderRows: 1, dontBreakRows: true, widths: [24, '*', '*', 54, 78, 72], body } };
}

function progressTable(d: TopicDetail): Content {
  const entries = [...d.progress].sort((a, b) => a.entryDate.localeCompare(b.entryDate));
  const body: TableCell[][] = [[th('日期'), th('类型'), th('工作内容'), th('汇报人')]];
  for (const e of entries) {
    const extra = [e.problems && `存在问题：${e.problems}`, e.nextSteps && `下步计划：${e.nextSteps}`].filter(Boolean).join('\n');
    body.push([td(chineseDate(e.entryDate), 'center'), td(e.kind, 'center'), td(extra ? `${e.content}\n${extra}` : e.content), td(e.reporterName, 'center')]);
  }
  if (!entries.length) body.push([{ text: '（无记录）', colSpan: 4, alignment: 'center' }, {}, {}, {}]);
  return { style: 'table', layout: FORM_LAYOUT, table: { headerRows: 1, keepWithHeaderRows: 1, dontBreakRows: true, widths: [78, 48, '*', 50], body } };
}

/** The indicator's printed columns: its described fields with a `pdf` width (shared/fields/indicator.ts). */
const INDICATOR_COLUMNS = INDICATOR.fields.filter((f) => f.pdf);

/** An indicator's cell: 是否达标 in words, numbers to two places, days in Chinese, text as it is. */
function indicatorCell(f: FieldDesc, i: Indicator): TableCell {
  const v = (i as unknown as Record<string, unknown>)[f.key];
  if (f.key === 'met') return td(i.met === null ? '—' : i.met ? '达标' : '未达标', 'center');
  if (f.kind === 'number') return td(num(v as number | null), 'right');
  if (f.kind === 'date') return td(chineseDate(v as string | null), 'center');
  return td(v as string, (f.max ?? Infinity) <= 20 ? 'center' : 'left');
}

function indicatorTable(d: TopicDetail): Content {
  const body: TableCell[][] = [INDICATOR_COLUMNS.map((f) => th(f.pdf!.header ?? f.excel?.header ?? f.label))];
  for (const i of d.indicators) body.push(INDICATOR_COLUMNS.map((f) => indicatorCell(f, i)));
  if (!d.indicators.length) body.push([{ text: '（无成效指标）', colSpan: INDICATOR_COLUMNS.length, alignment: 'center' }, ...INDICATOR_COLUMNS.slice(1).map(() => ({}))]);
  return { style: 'table', layout: FORM_LAYOUT, table: { headerRows: 1, keepWithHeaderRows: 1, dontBreakRows: true, widths: INDICATOR_COLUMNS.map((f) => f.pdf!.width), body } };
}

function reviewBlock(d: TopicDetail, rubric: readonly RubricCriterion[], p: PdfProfile): Content[] {
  const out: Content[] = [];
  const c = d.closure;
  if (c?.outcome) {
    const extra = c.outcome === '延期结题' && c.extendedUntil ? `，延期至${chineseDate(c.extendedUntil)}` : '';
    out.push({ text: `结题结论：${c.outcome}${extra}${c.outcomeNote ? `。${c.outcomeNote}` : ''}`, style: 'body', leadingIndent: p.bodySize * 2 });
  }
  const r = d.review;
  if (!r) {
    out.push({ text: '（尚未评审）', style: 'body', leadingIndent: p.bodySize * 2 });
    return out;
  }
  const names = [...new Set([...rubric.map((k) => k.name), ...Object.keys(r.scores)])];
  const max = new Map(rubric.map((k) => [k.name, k.max]));
  out.push({
    style: 'table',
    layout: FORM_LAYOUT,
    margin: [0, 4, 0, 0],
    table: {
      widths: [70, '*', 70, '*'],
      body: [
        [th('评审日期'), td(chineseDate(r.reviewDate)), th('评审人'), td(r.reviewers.join('、'))],
        [th('评分'), { text: names.map((n) => `${n} ${num(r.scores[n] ?? 0)}${max.has(n) ? `/${max.get(n)}` : ''}`).join('；'), colSpan: 3 }, {}, {}],
        [th('总分'), td(num(r.total)), th('等次'), td(r.grade)],
        [th('评审意见'), { text: r.opinion || '（无）', colSpan: 3 }, {}, {}],
      ],
    },
  });
  return out;
}

function signatures(p: PdfProfile): Content {
  const line = (label: string): TableCell[] => [
    { text: `${label}（签字）：`, margin: [0, 14, 0, 0] },
    { text: '________________', margin: [0, 14, 0, 0] },
    { text: '日期：      年    月    日', margin: [0, 14, 0, 0] },
  ];
  return {
    unbreakable: true,
    stack: [
      {
        font: FAMILY[p.bodyFont],
        fontSize: p.bodySize - 2,
        layout: 'noBorders',
        table: { widths: ['auto', '*', 'auto'], body: [line('支部书记'), line('牵头部门负责人')] },
      },
      {
        margin: [0, 14, 0, 0],
        font: FAMILY[p.bodyFont],
        fontSize: p.bodySize - 2,
        layout: FORM_LAYOUT,
        table: {
          widths: ['*'],
          heights: [mm(30)],
          body: [[{ stack: [{ text: '党委审核意见：' }, { text: '（盖章）      年    月    日', alignment: 'right', margin: [0, mm(16), 0, 0] }] }]],
        },
      },
    ],
  };
}

export async function closureReportDocument(d: TopicDetail, p: PdfProfile, rubric: readonly RubricCriterion[]): Promise<TDocumentDefinitions> {
  const textWidth = A4.width - mm(p.marginLeftMm) - mm(p.marginRightMm);
  let n = 0;
  const h1 = (text: string): Content => ({ text: `${NUMERALS[n++]}、${text}`, style: 'h1', headlineLevel: 1 });
  const t = d.topic;
  const subtitle = [t.branchName, d.closure?.submittedDate ? chineseDate(d.closure.submittedDate) : null].filter(Boolean).join('　');
  const content: Content[] = [
    { text: `“${t.title}”课题结题报告`, style: 'title' },
    ...(subtitle ? [{ text: subtitle, style: 'subtitle' } as Content] : []),
    h1('课题基本情况'),
    factsTable(d),
    h1('破题分解及销号情况'),
    breakdownTable(d),
    h1('推进台账'),
    progressTable(d),
    h1('成效指标完成情况'),
    indicatorTable(d),
  ];
  const svg = await indicatorChartSvg(d.indicators, { width: Math.round(textWidth), height: 230 });
  if (svg) content.push({ text: '目标与完成对比（以目标为100%）', style: 'h2', alignment: 'center', headlineLevel: 2 }, { svg, width: textWidth, font: FAMILY[p.tableFont] } as Content);
  for (const s of CLOSURE_SECTIONS) content.push(h1(s.label), ...paragraphs(d.closure?.[s.key] ?? '', p));
  content.push(h1('评审情况'), ...reviewBlock(d, rubric, p));
  content.push({ text: '', margin: [0, p.bodySize, 0, 0] }, signatures(p));
  return baseDocument(p, `“${t.title}”课题结题报告`, content);
}
