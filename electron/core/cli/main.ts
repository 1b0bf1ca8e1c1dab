import os from 'node:os';
import { parseArgs } from 'node:util';
import { TOPIC_STATUSES, type TopicStatus } from '../../../shared/domain/enums';
import path from 'node:path';
import { sweepPartials } from '../atomicFile';
import { backupsBesideLedger } from '../context';
import { openBackedUpCore, type Core } from '../index';
import { explainSystemError } from '../errors';
import { defaultLedgerPath } from '../paths';
import { CELLS_USAGE, runCellsCommand } from './cells';
import { EXCHANGE_USAGE, runExchangeCommand, type ExchangeCliOptions } from './exchange';
import { IMPORT_USAGE, runImportCommand, type ImportCliOptions } from './imports';
import { OUTPUT_USAGE, runOutputCommand, type OutputOptions } from './output';

/*
 * `npm run ledger -- <command>`: the same core as the app, for batch work and scripts.
 * Exit codes: 0 done, 1 failed, 2 refused (bad arguments or bad input; nothing written).
 */

const USAGE = `用法: npm run ledger -- <命令> [选项]

命令:
  stats    [--campaign 活动] [--unit 组织]    统计数字和汇报用语
  topics   [--campaign 活动] [--status 状态]  课题列表
  demo                                        向空台账填入示例数据
  check                                       完整性检查和一致性检查
${OUTPUT_USAGE}
${IMPORT_USAGE}
${CELLS_USAGE}
${EXCHANGE_USAGE}

通用选项:
  --db 文件        台账文件（默认 ${defaultLedgerPath()}）
  --json           以 JSON 输出
  --operator 姓名  操作日志中记录的操作员（默认为台账设置或系统用户名）`;

export class UsageError extends Error {}

interface Options extends OutputOptions, ImportCliOptions, ExchangeCliOptions {
  db?: string;
  json?: boolean;
  campaign?: string;
  unit?: string;
  status?: string;
  operator?: string;
}

async function resolveCampaign(core: Core, ref: string | undefined): Promise<string | undefined> {
  if (!ref) return undefined;
  const campaigns = await core.call('campaign.list', {});
  const hit = campaigns.find((c) => c.id === ref || c.name === ref || String(c.year) === ref);
  if (!hit) throw new UsageError(`找不到活动「${ref}」。现有活动：${campaigns.map((c) => c.name).join('、') || '（无）'}`);
  return hit.id;
}

async function resolveUnit(core: Core, ref: string | undefined): Promise<string | undefined> {
  if (!ref) return undefined;
  const units = await core.call('unit.list', {});
  const hit = units.find((u) => u.id === ref || u.name === ref);
  if (!hit) throw new UsageError(`找不到组织「${ref}」。`);
  return hit.id;
}

type Print = (text: string) => void;

export async function runCommand(command: string, opts: Options, core: Core, print: Print): Promise<void> {
  switch (command) {
    case 'stats': {
      const stats = await core.call('stats.get', { campaignId: await resolveCampaign(core, opts.campaign), unitId: await resolveUnit(core, opts.unit) });
      if (opts.json) return print(JSON.stringify(stats, null, 2));
      print(stats.summary);
      print(`已销号小课题 ${stats.closedSubtopics} 项，超期 ${stats.overdueSubtopics} 项；成效指标 ${stats.indicators} 项，已达标 ${stats.indicatorsMet} 项；销号清单 ${stats.checklistDone}/${stats.checklist}。`);
      return;
    }
    case 'topics': {
      let status: TopicStatus[] | undefined;
      if (opts.status) {
        if (!TOPIC_STATUSES.includes(opts.status as TopicStatus)) throw new UsageError(`课题状态应为：${TOPIC_STATUSES.join('、')}`);
        status = [opts.status as TopicStatus];
      }
      const rows = await core.call('topic.list', { campaignId: await resolveCampaign(core, opts.campaign), status });
      const out = rows.map((t) => ({
        id: t.id,
        code: t.code,
        title: t.title,
        branch: t.branchName,
        leadDepartment: t.leadDepartmentName,
        leader: t.leaderName,
        status: t.status,
        subtopics: t.subtopics,
        overdue: t.overdue,
      }));
      if (opts.json) return print(JSON.stringify(out, null, 2));
      for (const t of out) {
        print(`${t.code.padEnd(4)} ${t.title}  [${t.status}]  ${t.branch ?? '-'} / ${t.leadDepartment ?? '-'}  负责人 ${t.leader ?? '-'}  小课题 ${t.subtopics}${t.overdue ? `（超期 ${t.overdue}）` : ''}`);
      }
      print(`共 ${out.length} 项课题`);
      return;
    }
    case 'demo': {
      const r = await core.call('ledger.demo', {});
      if (opts.json) return print(JSON.stringify(r, null, 2));
      print(`已填入示例活动：${r.topics} 项课题、${r.subtopics} 项小课题。`);
      return;
    }
    case 'check': {
      const report = await core.call('ledger.check', {});
      if (opts.json) print(JSON.stringify(report, null, 2));
      else if (report.ok) print('检查通过：数据库完整，数据一致。');
      else {
        for (const line of [...report.integrity, ...report.foreignKeys]) print(`数据库：${line}`);
        for (const p of report.problems) print(`${p.message}（${p.entity} ${p.id}）`);
      }
      if (!report.ok) process.exitCode = 1;
      return;
    }
    default:
      if (await runImportCommand(command, opts, core, print, (m) => new UsageError(m))) return;
      if (await runExchangeCommand(command, opts, core, print, { usage: (m) => new UsageError(m), resolveUnit })) return;
      if (await runOutputCommand(command, opts, core, print, { usage: (m) => new UsageError(m), resolveCampaign, resolveUnit })) return;
      throw new UsageError(`未知命令「${command}」。\n${USAGE}`);
  }
}

export async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        db: { type: 'string' },
        json: { type: 'boolean' },
        campaign: { type: 'string' },
        unit: { type: 'string' },
        status: { type: 'string' },
        operator: { type: 'string' },
        out: { type: 'string' },
        topic: { type: 'string' },
        branch: { type: 'string' },
        overdue: { type: 'boolean' },
        'dry-run': { type: 'boolean' },
        map: { type: 'string' },
        'skip-errors': { type: 'boolean' },
        'clear-blank': { type: 'boolean' },
        'failed-rows': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (err) {
    console.error(`参数有误：${(err as Error).message}`);
    return 2;
  }
  const [command] = parsed.positionals;
  if (!command || parsed.values.help) {
    console.log(USAGE);
    return command ? 0 : 2;
  }
  const opts = { ...parsed.values, args: parsed.positionals.slice(1) } as Options;
  // Reading a workbook's cells needs no ledger: none is opened (or created).
  if (command === 'cells') {
    if (!opts.args?.length) {
      console.error(`请指定要查看的文件。\n${CELLS_USAGE}`);
      return 2;
    }
    return runCellsCommand(opts.args, Boolean(opts.json), (t) => console.log(t));
  }
  let core: Core | undefined;
  const file = path.resolve(opts.db ?? defaultLedgerPath());
  // Progress and warnings go to stderr, so `--json` output stays clean.
  const say = (message: string) => console.error(message);
  try {
    // What a killed write of an earlier run left: temporary files beside the ledger and among its backups.
    for (const dir of [path.dirname(file), backupsBesideLedger(file)]) sweepPartials(dir);
    const opened = await openBackedUpCore(file, { operator: opts.operator ?? (os.userInfo().username || undefined), onWait: say, wait: { onWait: say } });
    core = opened.core;
    if (opened.upgradeBackup) say(`台账已升级到本程序的版本，升级前的备份：${opened.upgradeBackup.file}`);
    if (core.readOnly) say(`注意：${core.readOnly}`);
    await runCommand(command, opts, core, (t) => console.log(t));
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (err) {
    if (err instanceof UsageError) {
      console.error(err.message);
      return 2;
    }
    const explained = explainSystemError(err);
    if (explained) {
      console.error(explained.message);
      return explained.code === 'VALIDATION' || explained.code === 'BAD_FILE' || explained.code === 'BAD_STATE' ? 2 : 1;
    }
    console.error(`出错了：${(err as Error).message}`);
    return 1;
  } finally {
    core?.close();
  }
}

// Run when started as a program (not when imported by the tests).
if (process.argv[1] && /cli[\\/]main\.[cm]?[jt]s$/.test(process.argv[1])) {
  // Exit once stdout is flushed: into a pipe it is written asynchronously, and process.exit would cut it at 64 KB.
  main(process.argv.slice(2)).then((code) => process.stdout.write('', () => process.exit(code)));
}
