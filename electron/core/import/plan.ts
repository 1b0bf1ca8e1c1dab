import path from 'node:path';
import type { ImportAnalysis, ImportIssue } from '../../../shared/contract/imports';
import { deadlineOutsidePeriod } from '../../../shared/values';
import type { CoreContext } from '../context';
import { stmt } from '../db/statements';
import { PREVIEW_ROWS } from './limits';
import { columnLetter } from '../../../shared/excel';
import { describeSheets, rowKey, type ParsedSheet, type ParsedWithErrors } from './parse';

/*
 * The part of the analysis that needs the ledger: which campaign the file
 * goes into, and which topic an indicator or check-off item without a 课题
 * column belongs to. Shared by the dry run and the commit, so both agree.
 */

export interface CampaignChoice {
  id: string | null;
  name: string;
  year: number;
  source: 'option' | 'title' | 'file';
}

/** 汉中市分公司党支部"领题破题"活动台账 → 汉中市分公司党支部"领题破题"活动 (the campaign, not the sheet). */
export function campaignNameFromTitle(title: string): string {
  return title
    .replace(/\s+/g, '')
    .replace(/(工作)?(台账|一览表|登记表|明细表|汇总表|统计表|推进表|分解表)$/, '')
    .slice(0, 200);
}

export function chooseCampaign(ctx: CoreContext, parsed: ParsedWithErrors, fileName: string, option?: string): CampaignChoice {
  const name = option?.trim()
    ? { name: option.trim(), source: 'option' as const }
    : parsed.title && campaignNameFromTitle(parsed.title)
      ? { name: campaignNameFromTitle(parsed.title), source: 'title' as const }
      : { name: path.basename(fileName, path.extname(fileName)).slice(0, 200), source: 'file' as const };
  const row = stmt(ctx.db, 'SELECT id, year FROM campaigns WHERE name = ?').get(name.name) as { id: string; year: number } | undefined;
  return { id: row?.id ?? null, name: name.name, year: row?.year ?? parsed.year, source: name.source };
}

/**
 * Indicators and check-off items name their topic in a 课题 column; without
 * one they belong to the only topic there is (in the file, else in the
 * campaign). Anything else is an error on the row.
 */
export function resolveTopics(ctx: CoreContext, parsed: ParsedWithErrors, campaignId: string | null): Map<string, string> {
  const fileTopics = new Set(parsed.topics.map((t) => t.title));
  const ledgerTopics = campaignId ? (stmt(ctx.db, 'SELECT title FROM topics WHERE campaign_id = ?').all(campaignId) as { title: string }[]).map((t) => t.title) : [];
  const known = new Set([...fileTopics, ...ledgerTopics]);
  const only = fileTopics.size === 1 ? [...fileTopics][0]! : fileTopics.size === 0 && ledgerTopics.length === 1 ? ledgerTopics[0]! : null;
  const out = new Map<string, string>();
  const add = (issue: Omit<ImportIssue, 'severity'>) => {
    parsed.issues.push({ ...issue, severity: 'error' });
    parsed.errorRowKeys.add(rowKey(issue.sheet, issue.row));
  };
  for (const rec of [...parsed.indicators, ...parsed.checklist]) {
    const sheet = parsed.sheets.find((s) => s.name === rec.sheet)!;
    const letter = describeColumnLetter(sheet, 'topic');
    if (rec.topic) {
      if (known.has(rec.topic)) out.set(rowKey(rec.sheet, rec.row), rec.topic);
      else add({ sheet: rec.sheet, row: rec.row, column: letter, value: rec.topic, message: `找不到课题「${rec.topic}」（文件和台账中都没有这个课题）` });
    } else if (only) out.set(rowKey(rec.sheet, rec.row), only);
    else add({ sheet: rec.sheet, row: rec.row, column: letter, value: '', message: '无法确定所属课题：文件中有多个课题，请增加“所属课题”列' });
  }
  return out;
}

/**
 * A sub-topic deadline outside its topic's period (a topic already in the
 * ledger with 开始日期 / 计划完成日期): the same warning the services give a
 * form, listed in the dry run; importing after reading it is the acceptance.
 */
export function periodWarnings(ctx: CoreContext, parsed: ParsedWithErrors, campaignId: string | null): ImportIssue[] {
  if (!campaignId) return [];
  const periods = new Map(
    (stmt(ctx.db, 'SELECT title, start_date AS startDate, end_date AS endDate FROM topics WHERE campaign_id = ? AND (start_date IS NOT NULL OR end_date IS NOT NULL)').all(campaignId) as {
      title: string;
      startDate: string | null;
      endDate: string | null;
    }[]).map((t) => [t.title, t]),
  );
  const out: ImportIssue[] = [];
  if (!periods.size) return out;
  for (const t of parsed.topics) {
    const period = periods.get(t.title);
    if (!period) continue;
    const letter = describeColumnLetter(parsed.sheets.find((s) => s.name === t.sheet)!, 'deadline');
    for (const s of t.subtopics) {
      const warning = deadlineOutsidePeriod(s.deadline, period);
      if (warning) out.push({ sheet: t.sheet, row: s.row, column: letter, value: s.deadlineText || s.deadline || '', message: warning, severity: 'warning' });
    }
  }
  return out;
}

function describeColumnLetter(sheet: ParsedSheet, field: string): string {
  const c = sheet.layout.byField.get(field);
  return c ? columnLetter(c) : '';
}

/** Distinct records in the file, as a person would count them by hand. */
export function fileCounts(parsed: ParsedWithErrors) {
  const rosterNames = new Set(parsed.people.map((p) => p.name));
  const rostered = new Set(parsed.people.map((p) => `${p.name}\u0000${p.unit}`));
  // Names the roster does not list, each once (a 50,000-row sheet names 100,000 owners: no key strings built per name).
  const unlisted = new Set<string>();
  let subtopics = 0;
  for (const t of parsed.topics) {
    if (t.leader && !rosterNames.has(t.leader)) unlisted.add(t.leader);
    subtopics += t.subtopics.length;
    for (const s of t.subtopics) for (const n of s.owners) if (!rosterNames.has(n)) unlisted.add(n);
  }
  return {
    topics: parsed.topics.length,
    subtopics,
    people: rostered.size + unlisted.size,
    indicators: parsed.indicators.length,
    checklist: parsed.checklist.length,
  };
}

/** A record with its plain values beside its own fields, as the preview lists them. */
const flat = ({ plain, ...r }: { plain: Record<string, unknown> }): Record<string, unknown> => ({ ...r, ...plain });

/** The first PREVIEW_ROWS records of a sheet (the walk stops there: a ledger sheet may hold 50,000). */
function preview(parsed: ParsedWithErrors, sheet: ParsedSheet): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  const pick = <T extends { sheet: string; plain: Record<string, unknown> }>(list: T[]) => {
    for (const r of list) if (r.sheet === sheet.name && out.push(flat(r)) >= PREVIEW_ROWS) break;
    return out;
  };
  switch (sheet.kind) {
    case 'ledger':
      for (const t of parsed.topics) {
        if (t.sheet !== sheet.name) continue;
        const topic = { topic: t.title, topicCode: t.code, leadDepartment: t.leadDepartment, branch: t.branch, leader: t.leader };
        for (const s of t.subtopics.length ? t.subtopics : [null]) if (out.push({ ...topic, ...(s ? flat(s) : {}) }) >= PREVIEW_ROWS) return out;
      }
      return out;
    case 'roster':
      return pick(parsed.people);
    case 'indicators':
      return pick(parsed.indicators);
    case 'checklist':
      return pick(parsed.checklist);
    default:
      return [];
  }
}

export function buildAnalysis(
  parsed: ParsedWithErrors,
  file: { name: string; size: number; sha256: string },
  campaign: CampaignChoice,
  fields: ImportAnalysis['fields'],
): ImportAnalysis {
  return {
    file: { name: file.name, format: parsed.raw.format, size: file.size, sha256: file.sha256, encoding: parsed.raw.encoding },
    campaign: { name: campaign.name, year: campaign.year, exists: campaign.id !== null, source: campaign.source },
    sheets: describeSheets(parsed, (s) => preview(parsed, s)),
    counts: fileCounts(parsed),
    errorRows: parsed.errorRowKeys.size,
    // What the reader skipped or was unsure of (a sheet over the limits, a file read by the SheetJS fallback) comes first.
    issues: [...readerNotes(parsed.raw.notes), ...parsed.issues],
    fields,
  };
}

const readerNotes = (notes: string[] | undefined): ImportAnalysis['issues'] =>
  (notes ?? []).map((message) => ({ sheet: '', row: 0, column: '', value: '', message, severity: 'warning' as const }));
