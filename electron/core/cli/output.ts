import type { Core } from '../index';

/*
 * The export and print commands of the CLI:
 *   export FILE.xlsx [--campaign 活动]
 *   template FILE.xlsx
 *   report closure --topic 课题 --out FILE.pdf|FILE.docx
 *   report ledger --out FILE.pdf [--campaign 活动] [--branch 支部] [--overdue]
 *   report summary --out FILE.pdf|FILE.docx [--campaign 活动]
 * The closure report and the summary are written as Word files when the name ends in .docx.
 */

export const OUTPUT_USAGE = `  export   文件.xlsx [--campaign 活动]          导出标准台账工作簿（默认最近的活动）
  template 文件.xlsx                           生成空白台账模板
  report closure --topic 课题 --out 文件.pdf|.docx
                                              课题结题报告（课题可写名称、序号或编号；.docx 为 Word 文件）
  report ledger  --out 文件.pdf [--campaign 活动] [--branch 支部] [--overdue]
                                              打印台账（A4 横向；可按支部、仅超期）
  report summary --out 文件.pdf|.docx [--campaign 活动]  活动汇总（.docx 为 Word 文件）`;

export interface OutputOptions {
  json?: boolean;
  campaign?: string;
  topic?: string;
  branch?: string;
  out?: string;
  overdue?: boolean;
  args?: string[];
}

export interface OutputHelpers {
  usage: (message: string) => Error;
  resolveCampaign: (core: Core, ref: string | undefined) => Promise<string | undefined>;
  resolveUnit: (core: Core, ref: string | undefined) => Promise<string | undefined>;
}

async function resolveTopic(core: Core, ref: string | undefined, campaignId: string | undefined, h: OutputHelpers): Promise<string> {
  if (!ref) throw h.usage('请用 --topic 指定课题（名称、序号或编号）。');
  const topics = await core.call('topic.list', { campaignId });
  const hits = topics.filter((t) => t.id === ref || t.title === ref || (t.code !== '' && t.code === ref));
  if (hits.length === 1) return hits[0]!.id;
  if (hits.length > 1) throw h.usage(`「${ref}」对应多项课题，请加 --campaign 或改用课题编号。`);
  throw h.usage(`找不到课题「${ref}」。`);
}

type Print = (text: string) => void;

/** Runs an output command; false when `command` is not one of them. */
export async function runOutputCommand(command: string, opts: OutputOptions, core: Core, print: Print, h: OutputHelpers): Promise<boolean> {
  const show = (what: string, r: { path: string; bytes: number; pages?: number; missingGlyphs?: string[] }) => {
    if (opts.json) return print(JSON.stringify(r, null, 2));
    print(`已生成${what}：${r.path}（${r.pages ? `${r.pages} 页，` : ''}${Math.max(1, Math.round(r.bytes / 1024))} KB）`);
    if (r.missingGlyphs?.length) print(`注意：以下字符没有可用字体，打印时可能显示为方框：${r.missingGlyphs.join(' ')}`);
  };
  const [first, second] = opts.args ?? [];
  switch (command) {
    case 'export': {
      const out = opts.out ?? first;
      if (!out) throw h.usage('用法：export 文件.xlsx [--campaign 活动]');
      const r = await core.call('export.ledger', { out, campaignId: await h.resolveCampaign(core, opts.campaign) });
      if (opts.json) print(JSON.stringify(r, null, 2));
      else print(`已导出：${r.path}（课题 ${r.rows.topics} 项，小课题 ${r.rows.subtopics} 项，人员 ${r.rows.people} 人，指标 ${r.rows.indicators} 项，销号清单 ${r.rows.checklist} 项）`);
      return true;
    }
    case 'template': {
      const out = opts.out ?? first;
      if (!out) throw h.usage('用法：template 文件.xlsx');
      show('空白模板', await core.call('export.template', { out }));
      return true;
    }
    case 'report': {
      const out = opts.out ?? second;
      if (!out) throw h.usage('请用 --out 指定 PDF 文件（结题报告和活动汇总也可为 Word 文件 .docx）。');
      const campaignId = await h.resolveCampaign(core, opts.campaign);
      if (first === 'closure') {
        show('结题报告', await core.call('report.closure', { topicId: await resolveTopic(core, opts.topic, campaignId, h), out }));
      } else if (first === 'ledger') {
        show('台账', await core.call('report.ledger', { out, campaignId, branchId: await h.resolveUnit(core, opts.branch), overdue: opts.overdue }));
      } else if (first === 'summary') {
        show('活动汇总', await core.call('report.summary', { out, campaignId }));
      } else throw h.usage(`report 后应为 closure、ledger 或 summary。\n${OUTPUT_USAGE}`);
      return true;
    }
    default:
      return false;
  }
}
