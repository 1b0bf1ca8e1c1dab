import path from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import type { importContract } from '../../../shared/contract/imports';
import { stamp, type CoreContext } from '../context';
import { backupLedger } from '../db/backup';
import { asOnlyImport } from '../db/importLock';
import { withIndexesDeferred, worthDeferring } from '../db/deferredIndexes';
import { withTopicCountersDeferred } from '../db/topicCounters';
import { LedgerError } from '../errors';
import { writeFailedRows } from '../import/failedRows';
import { forgetWorkbook, prepareImport, type Prepared } from '../import';
import { checkUndoable, undoBatch } from '../import/undo';
import { writeImport } from '../import/write';
import type { Handlers } from './handlers';

/**
 * The tables this import adds enough rows to for rebuilding their plain
 * indexes to beat updating them row by row (db/deferredIndexes.ts). Measured
 * on the 50,000-row bench ledger, the one that matters is the owner links'
 * index by person, whose entries land all over it; the sub-topics' indexes
 * cost about the same either way.
 */
function deferrable(ctx: CoreContext, parsed: Prepared['parsed']): string[] {
  const owners = parsed.topics.reduce((n, t) => t.subtopics.reduce((m, s) => m + s.owners.length, n), 0);
  return worthDeferring(ctx.db, 'subtopic_owners', owners) ? ['subtopic_owners'] : [];
}

/** A backup of a ledger file (an in-memory ledger has none) in the folder its host keeps backups in. */
async function backupFileLedger(ctx: CoreContext, reason: 'import' | 'undo') {
  const file = ctx.db.memory ? '' : ctx.db.name;
  return file && file !== ':memory:' ? backupLedger(ctx.db, ctx.backupDir(file), reason, { now: ctx.now() }) : null;
}

/*
 * The import methods. They are self-transacted (see dispatch.ts): the file is
 * read and analysed outside any transaction, then the commit writes in one
 * better-sqlite3 transaction, after a backup of a file ledger.
 */
const importHandlersAsWritten: Handlers<typeof importContract> = {
  'import.analyze': async (ctx, input) => (await prepareImport(ctx, input)).analysis,

  'import.commit': async (ctx, input) => {
    const prep = await prepareImport(ctx, input);
    const { parsed, analysis } = prep;
    const errors = analysis.issues.filter((i) => i.severity === 'error');
    if (!parsed.sheets.some((s) => s.kind !== 'unknown' && s.rows > 0)) {
      throw new LedgerError('BAD_FILE', `文件「${analysis.file.name}」中没有可识别的台账内容，未导入任何数据。`, errors.slice(0, 50).map((e) => ({ path: `${e.sheet}/${e.row}/${e.column}`, message: e.message })));
    }
    if (errors.length && !input.skipErrorRows) {
      throw new LedgerError(
        'VALIDATION',
        `文件中有 ${analysis.errorRows} 行无法导入，本次未导入任何数据。请修改后重新导入，或选择“跳过有错误的行”只导入其余的行。`,
        errors.slice(0, 200).map((e) => ({ path: `${e.sheet}/${e.row}/${e.column}`, message: e.message })),
      );
    }
    // A backup of a file ledger first: the clerk can always go back to the state before the import.
    const backup = await backupFileLedger(ctx, 'import');
    const batchId = uuidv7();
    // All or nothing: one transaction, through the WAL like every other write.
    const result = ctx.db.transaction(() => {
      ctx.db
        .prepare('INSERT INTO import_batches (id, file_name, file_sha256, campaign_id, imported_at, operator, summary) VALUES (?, ?, ?, ?, ?, ?, ?)')
        .run(batchId, analysis.file.name, prep.sha256, prep.campaign.id, stamp(ctx), ctx.operator(), '{}');
      ctx.importBatchId = batchId;
      try {
        // The topic counters are recounted once at the end instead of by a trigger per sub-topic row.
        const r = withIndexesDeferred(ctx.db, deferrable(ctx, parsed), () => withTopicCountersDeferred(ctx.db, () => writeImport(ctx, parsed, prep.campaign, { skipErrorRows: input.skipErrorRows, topicOf: prep.topicOf, clearBlank: input.clearBlank })));
        ctx.db
          .prepare('UPDATE import_batches SET campaign_id = ?, summary = ? WHERE id = ?')
          .run(r.campaignId, JSON.stringify({ counts: r.counts, skippedRows: r.skippedRows, sheets: analysis.sheets.map((s) => ({ name: s.name, kind: s.kind, rows: s.rows })) }), batchId);
        return r;
      } finally {
        ctx.importBatchId = null;
      }
    })();
    forgetWorkbook();
    return { batchId, backupFile: backup?.file ?? null, ...result, issues: [...analysis.issues, ...result.issues] };
  },

  'import.failedRows': async (ctx, { output, ...input }) => {
    const { parsed } = await prepareImport(ctx, input);
    return writeFailedRows(parsed, output);
  },

  'import.undo': async (ctx, { batchId }) => {
    // An undo deletes what the batch added in bulk: the state before it is kept too (once the undo is known to be possible).
    checkUndoable(ctx, batchId);
    const backup = await backupFileLedger(ctx, 'undo');
    return { ...ctx.db.transaction(() => undoBatch(ctx, batchId))(), backupFile: backup?.file ?? null };
  },
};

const samePath = (a: string, b: string) => (process.platform === 'win32' ? path.resolve(a).toLowerCase() === path.resolve(b).toLowerCase() : path.resolve(a) === path.resolve(b));

/**
 * The writing imports run one at a time per ledger, never on a read-only
 * one (db/importLock.ts); the failed rows never overwrite the file being imported.
 */
export const importHandlers: Handlers<typeof importContract> = {
  ...importHandlersAsWritten,
  'import.commit': (ctx, input) => asOnlyImport(ctx, async () => importHandlersAsWritten['import.commit'](ctx, input)),
  'import.undo': (ctx, input) => asOnlyImport(ctx, async () => importHandlersAsWritten['import.undo'](ctx, input)),
  'import.failedRows': (ctx, input) => {
    if (samePath(input.output, input.file)) throw new LedgerError('VALIDATION', '失败行不能保存到正在导入的文件上，请换一个文件名。');
    return importHandlersAsWritten['import.failedRows'](ctx, input);
  },
};
