import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { ImportAnalysis, ImportMapping } from '../../../shared/contract/imports';
import type { CoreContext } from '../context';
import { today } from '../context';
import { FIELDS, KINDS } from './fields';
import { parseWorkbook, type ParsedWithErrors } from './parse';
import { listClears } from './merge';
import { buildAnalysis, chooseCampaign, periodWarnings, resolveTopics, type CampaignChoice } from './plan';
import type { RawWorkbook } from './raw';
import { readWorkbook } from './read';

/*
 * Reading is the slow part of an import; analysis is cheap. The last file
 * read is kept (keyed by path, size and modification time), so the commit
 * right after the clerk's dry run does not read the file a second time.
 */
let cached: { key: string; raw: RawWorkbook & { size: number }; sha256: string } | null = null;

async function sha256Of(file: string): Promise<string> {
  const hash = crypto.createHash('sha256');
  for await (const chunk of fs.createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

export async function loadWorkbook(file: string): Promise<{ key: string; raw: RawWorkbook & { size: number }; sha256: string }> {
  let key = '';
  try {
    const st = fs.statSync(file);
    key = `${path.resolve(file)}|${st.size}|${st.mtimeMs}`;
  } catch {
    // readWorkbook gives the clerk's sentence for a missing file.
  }
  if (cached && key && cached.key === key) return cached;
  cached = null;
  parsedCache = null;
  const [raw, sha256] = await Promise.all([readWorkbook(file), sha256Of(file)]);
  cached = { key, raw, sha256 };
  return cached;
}

/*
 * The parse of the kept workbook is kept too (parsing 50,000 rows costs about
 * as much as reading them): the commit right after a dry run with the same
 * mapping reuses it. It is a pure function of the file and the options; the
 * plan adds issues to its copy, so each caller gets fresh issue lists.
 */
let parsedCache: { key: string; parsed: ParsedWithErrors } | null = null;

function parseCached(raw: RawWorkbook, rawKey: string, opts: Parameters<typeof parseWorkbook>[1]): ParsedWithErrors {
  const key = JSON.stringify([rawKey, opts.fileName, opts.mapping ?? null, opts.today]);
  if (!parsedCache || parsedCache.key !== key || !rawKey) {
    parsedCache = { key, parsed: parseWorkbook(raw, opts) as ParsedWithErrors };
  }
  const p = parsedCache.parsed;
  return { ...p, issues: [...p.issues], errorRowKeys: new Set(p.errorRowKeys) };
}

/** Drop the kept workbook and its parse (after a commit, or to free memory). */
export function forgetWorkbook(): void {
  cached = null;
  parsedCache = null;
}

export const FIELD_OPTIONS: ImportAnalysis['fields'] = KINDS.flatMap((kind) => FIELDS[kind].map((f) => ({ kind, key: f.key, label: f.synonyms[0]! })));

export interface Prepared {
  parsed: ParsedWithErrors;
  campaign: CampaignChoice;
  topicOf: Map<string, string>;
  analysis: ImportAnalysis;
  sha256: string;
}

export async function prepareImport(ctx: CoreContext, opts: { file: string; campaign?: string; mapping?: ImportMapping; clearBlank?: boolean }): Promise<Prepared> {
  const { key, raw, sha256 } = await loadWorkbook(opts.file);
  const parsed = parseCached(raw, key, { fileName: opts.file, mapping: opts.mapping, today: today(ctx) });
  const campaign = chooseCampaign(ctx, parsed, opts.file, opts.campaign);
  const topicOf = resolveTopics(ctx, parsed, campaign.id);
  parsed.issues.push(...periodWarnings(ctx, parsed, campaign.id));
  // What 清空空白单元格 would erase is said before anything is written (and again in the commit's issues).
  if (opts.clearBlank) parsed.issues.push(...listClears(ctx, parsed, campaign.id, topicOf));
  const analysis = buildAnalysis(parsed, { name: path.basename(opts.file), size: raw.size, sha256 }, campaign, FIELD_OPTIONS);
  return { parsed, campaign, topicOf, analysis, sha256 };
}
