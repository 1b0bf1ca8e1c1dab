import path from 'node:path';
import type { ImportMapping } from '../../../shared/contract/imports';
import type { Core } from '../index';
import { LedgerError } from '../errors';

/*
 * The import commands of the CLI:
 *   import FILE [--campaign 活动] [--dry-run] [--map JSON] [--skip-errors] [--clear-blank] [--failed-rows OUT.xlsx] [--json]
 *   imports                  list import batches
 *   import-undo BATCH        undo a whole batch
 * Exit 0 done; 2 refused (unreadable file, rows with errors, bad --map); nothing is written then.
 */

export const IMPORT_USAGE = `  import   文件 [--campaign 活动] [--dry-run] [--map JSON] [--skip-errors] [--clear-blank] [--failed-rows 失败行.xlsx]
                                              导入旧台账（.xlsx/.xls/.csv）；--dry-run 只检查不写入；
                                              --clear-blank 空白单元格清空台账中已有的内容（默认保留）
  imports                                     导入批次列表
  import-undo 批次编号                         撤销一次导入`;

export interface ImportCliOptions {
  args?: string[];
  json?: boolean;
  campaign?: string;
  'dry-run'?: boolean;
  map?: string;
  'skip-errors'?: boolean;
  'clear-blank'?: boolean;
  'failed-rows'?: string;
}

type Print = (text: string) => void;

function parseMap(json: string | undefined, usage: (m: string) => Error): ImportMapping | undefined {
  if (!json) return undefined;
  try {
    return JSON.parse(json) as ImportMapping;
  } catch {
    throw usage('--map 应为 JSON，例如 {"Sheet1":{"headerRow":3,"columns":{"C":"owners","F":null}}}');
  }
}

export async function runImportCommand(command: string, opts: ImportCliOptions, core: Core, print: Print, usage: (m: string) => Error): Promise<boolean> {
  switch (command) {
    case 'import': {
      const file = opts.args?.[0];
      if (!file) throw usage('请指定要导入的文件：npm run ledger -- import 文件.xlsx');
      const input = { file: path.resolve(file), campaign: opts.campaign, mapping: parseMap(opts.map, usage), clearBlank: opts['clear-blank'] ?? false };
      const analysis = await core.call('import.analyze', input);
      const errors = analysis.issues.filter((i) => i.severity === 'error');
      let failedRows: { file: string; rows: number } | null = null;
      if (opts['failed-rows'] && errors.length) failedRows = await core.call('import.failedRows', { ...input, output: path.resolve(opts['failed-rows']) });
      let result = null;
      let refused: LedgerError | null = null;
      if (!opts['dry-run']) {
        try {
          result = await core.call('import.commit', { ...input, skipErrorRows: opts['skip-errors'] ?? false });
        } catch (err) {
          if (!(err instanceof LedgerError)) throw err;
          refused = err;
        }
      }
      if (opts.json) {
        const { fields: _fields, ...shown } = analysis;
        print(JSON.stringify({ analysis: shown, result, failedRows, error: refused?.toData() ?? null }, null, 2));
      } else {
        print(`文件：${analysis.file.name}（${analysis.file.format}${analysis.file.encoding ? `，${analysis.file.encoding}` : ''}）→ 活动「${analysis.campaign.name}」${analysis.campaign.exists ? '' : '（新建）'}`);
        for (const s of analysis.sheets) {
          print(`  工作表「${s.name}」：${s.kindLabel}${s.headerRows.length ? `，表头第 ${s.headerRows.join('、')} 行，数据 ${s.rows} 行` : ''}${s.note ? `。${s.note}` : ''}`);
          const unsure = s.columns.filter((c) => c.field && !c.sure);
          if (unsure.length) print(`    待确认的列：${unsure.map((c) => `${c.letter}「${c.header}」→${c.fieldLabel}`).join('，')}`);
        }
        const c = analysis.counts;
        print(`  文件中：课题 ${c.topics}，小课题 ${c.subtopics}，人员 ${c.people}，指标 ${c.indicators}，销号事项 ${c.checklist}`);
        for (const i of analysis.issues.slice(0, 50)) print(`  [${i.severity === 'error' ? '错误' : '提示'}] ${i.sheet}${i.row ? ` 第${i.row}行` : ''}${i.column ? ` ${i.column}列` : ''}${i.value ? `「${i.value}」` : ''}：${i.message}`);
        if (analysis.issues.length > 50) print(`  ……共 ${analysis.issues.length} 条`);
        if (failedRows) print(`失败的 ${failedRows.rows} 行已保存到 ${failedRows.file}`);
        if (result) {
          const line = (label: string, t: { added: number; updated: number; unchanged: number }) => `${label}新增 ${t.added}、更新 ${t.updated}、未变 ${t.unchanged}`;
          const k = result.counts;
          print(`已导入（批次 ${result.batchId}）：${[line('课题', k.topics), line('小课题', k.subtopics), line('人员', k.people), line('指标', k.indicators), line('销号事项', k.checklist)].join('；')}`);
          if (result.skippedRows) print(`跳过有错误的行 ${result.skippedRows} 行。`);
          if (result.backupFile) print(`导入前的备份：${result.backupFile}`);
        } else if (opts['dry-run']) print('（试运行，未写入）');
      }
      if (refused) {
        if (!opts.json) print(refused.message);
        process.exitCode = refused.code === 'VALIDATION' || refused.code === 'BAD_FILE' || refused.code === 'BAD_STATE' ? 2 : 1;
      }
      return true;
    }
    case 'imports': {
      const batches = await core.call('importBatch.list', {});
      if (opts.json) print(JSON.stringify(batches, null, 2));
      else for (const b of batches) print(`${b.id}  ${b.importedAt.slice(0, 19).replace('T', ' ')}  ${b.fileName}  ${b.operator}${b.undoneAt ? '  （已撤销）' : ''}`);
      return true;
    }
    case 'import-undo': {
      const batchId = opts.args?.[0];
      if (!batchId) throw usage('请指定导入批次编号（见 npm run ledger -- imports）');
      const r = await core.call('import.undo', { batchId });
      if (opts.json) print(JSON.stringify(r, null, 2));
      else print(`已撤销导入批次 ${r.batchId}：还原 ${r.reverted} 条记录。${r.backupFile ? `撤销前的台账已备份到 ${r.backupFile}` : ''}`);
      return true;
    }
    default:
      return false;
  }
}
