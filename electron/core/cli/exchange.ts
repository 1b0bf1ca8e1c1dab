import fs from 'node:fs';
import path from 'node:path';
import { mergeCountsText } from '../../../shared/contract/exchange';
import type { Core } from '../index';

/*
 * The exchange commands of the CLI:
 *   package export --unit 组织 --out 文件.ldgx   a unit's part of this ledger, for the other office
 *   package import 文件或文件夹... [--json]       packages from other offices (a folder: every .ldgx in it)
 * Exit 0 done; 2 refused (a damaged, foreign or older package: nothing written).
 */

export const EXCHANGE_USAGE = `  package export --unit 组织 --out 文件.ldgx   导出本组织的数据包（交给上级党委或下级支部）
  package import 文件或文件夹... [--json]     导入其他单位的数据包（文件夹：其中所有 .ldgx）`;

export interface ExchangeCliOptions {
  args?: string[];
  json?: boolean;
  unit?: string;
  out?: string;
}

type Print = (text: string) => void;

/** The files named, a folder standing for the .ldgx files in it (sorted by name). */
export function packageFiles(paths: readonly string[]): string[] {
  return paths.flatMap((p) =>
    fs.statSync(p, { throwIfNoEntry: false })?.isDirectory()
      ? fs.readdirSync(p).filter((n) => n.toLowerCase().endsWith('.ldgx')).sort().map((n) => path.join(p, n))
      : [p],
  );
}

export async function runExchangeCommand(
  command: string,
  opts: ExchangeCliOptions,
  core: Core,
  print: Print,
  helpers: { usage: (m: string) => Error; resolveUnit: (core: Core, ref: string | undefined) => Promise<string | undefined> },
): Promise<boolean> {
  if (command !== 'package') return false;
  const [sub, ...rest] = opts.args ?? [];
  if (sub === 'export') {
    if (!opts.unit || !opts.out) throw helpers.usage(`请指定 --unit 组织 和 --out 文件.ldgx。\n${EXCHANGE_USAGE}`);
    const unitId = (await helpers.resolveUnit(core, opts.unit))!;
    const r = await core.call('exchange.export', { unitId, out: path.resolve(opts.out) });
    if (opts.json) return print(JSON.stringify(r, null, 2)), true;
    print(`已导出「${r.unit}」的数据包：${r.file}（${r.seqs.length ? `第 ${r.seqs[0]}–${r.seqs.at(-1)} 号变更` : '无新的变更'}，${r.bytes} 字节）`);
    return true;
  }
  if (sub === 'import') {
    const files = packageFiles(rest.map((f) => path.resolve(f)));
    if (!files.length) throw helpers.usage(`请指定要导入的数据包文件或文件夹。\n${EXCHANGE_USAGE}`);
    const r = await core.call('exchange.import', { files });
    if (opts.json) return print(JSON.stringify(r, null, 2)), true;
    for (const p of r.packages) {
      if (!p.applied.length) {
        print(`${p.file}（${p.sourceUnit}）：已导入过，无变化。`);
        continue;
      }
      print(`${p.file}（${p.sourceUnit}，第 ${p.applied[0]}–${p.applied.at(-1)} 号）：${mergeCountsText(p.counts)}`);
      for (const m of p.mappings) print(`  按名称对应：${m.name}`);
    }
    if (r.backupFile) print(`导入前的备份：${r.backupFile}`);
    const open = await core.call('exchange.conflicts', { status: 'open' });
    if (open.length) print(`有 ${open.length} 处冲突待处理（两边都改过），请在「交换」页面逐条决定。`);
    return true;
  }
  throw helpers.usage(`package 后应为 export 或 import。\n${EXCHANGE_USAGE}`);
}
