import { z } from 'zod';
import { Id, text } from '../domain/primitives';
import type { ContractGroup } from './types';

/*
 * Import of legacy ledgers (Excel .xlsx/.xls, CSV). The caller passes the path
 * of the file the clerk picked; the core reads it, says what it understood
 * (analysis), and writes it in one transaction (commit). The same options go
 * to both calls, so what the dry run showed is what gets written.
 */

export const SHEET_KINDS = ['ledger', 'roster', 'indicators', 'checklist', 'unknown'] as const;
export type SheetKind = (typeof SHEET_KINDS)[number];
export const SHEET_KIND_LABELS: Record<SheetKind, string> = {
  ledger: '课题台账',
  roster: '责任人名册',
  indicators: '成效指标',
  checklist: '销号清单',
  unknown: '未识别',
};

const FilePath = z.string({ message: '请选择要导入的文件' }).trim().min(1, { message: '请选择要导入的文件' }).max(4096).describe('文件');

/**
 * The clerk's corrections, per sheet name: the kind of sheet, the header row
 * (1-based, the lower row of a two-row header) and columns by letter ("C")
 * or by header text, mapped to a field key or to null (ignore the column).
 */
export const SheetMapping = z.object({
  kind: z.enum(SHEET_KINDS).optional().describe('工作表类型'),
  headerRow: z.number().int().min(1).max(10000).optional().describe('表头行'),
  columns: z.record(z.string().max(200), z.string().max(50).nullable()).optional().describe('列对应'),
});
export type SheetMapping = z.infer<typeof SheetMapping>;
export const ImportMapping = z.record(z.string().max(200), SheetMapping).describe('列对应');
export type ImportMapping = z.infer<typeof ImportMapping>;

export const ImportOptions = z.object({
  file: FilePath,
  /** The campaign to import into, by name; created when absent. Default: the sheet's title, else the file name. */
  campaign: text('活动名称', 200).optional(),
  mapping: ImportMapping.optional(),
  /**
   * 清空空白单元格: an empty cell clears what the ledger holds for a matched record
   * (the dry run lists each such value). Off, an empty cell keeps it; a column
   * the sheet lacks never changes anything either way.
   */
  clearBlank: z.boolean().default(false).describe('清空空白单元格'),
});
export type ImportOptions = z.infer<typeof ImportOptions>;

export const ImportIssue = z.object({
  sheet: z.string(),
  /** 1-based row number as Excel shows it; 0 when the issue is about the whole sheet or file. */
  row: z.number().int(),
  /** Column letter ("C") or '' for the whole row. */
  column: z.string(),
  value: z.string(),
  message: z.string(),
  severity: z.enum(['error', 'warning']),
});
export type ImportIssue = z.infer<typeof ImportIssue>;

export const ColumnMapping = z.object({
  /** 1-based column index and its letter. */
  index: z.number().int(),
  letter: z.string(),
  header: z.string(),
  field: z.string().nullable(),
  fieldLabel: z.string().nullable(),
  /** 0..1: 1 an exact header word, lower a partial match; 1 also when the clerk mapped it. */
  confidence: z.number(),
  /** False when the scorer was unsure: the UI asks the clerk to confirm. */
  sure: z.boolean(),
});

export const SheetAnalysis = z.object({
  name: z.string(),
  kind: z.enum(SHEET_KINDS),
  kindLabel: z.string(),
  /** 1-based header rows (two for a grouped header); empty for a skipped sheet. */
  headerRows: z.array(z.number().int()),
  columns: z.array(ColumnMapping),
  /** Data rows read (after skipping blank, 合计 and filler rows). */
  rows: z.number().int(),
  skippedRows: z.number().int(),
  /** Why a sheet is skipped (not recognised, empty). */
  note: z.string(),
  /** The first parsed records, as the commit would write them. */
  preview: z.array(z.record(z.string(), z.unknown())),
});

export const FieldOption = z.object({ kind: z.enum(SHEET_KINDS), key: z.string(), label: z.string() });

const Counts = z.object({
  topics: z.number().int(),
  subtopics: z.number().int(),
  people: z.number().int(),
  indicators: z.number().int(),
  checklist: z.number().int(),
});

export const ImportAnalysis = z.object({
  file: z.object({ name: z.string(), format: z.enum(['xlsx', 'xls', 'csv']), size: z.number().int(), sha256: z.string(), encoding: z.string() }),
  campaign: z.object({ name: z.string(), year: z.number().int(), exists: z.boolean(), source: z.enum(['option', 'title', 'file']) }),
  sheets: z.array(SheetAnalysis),
  /** Distinct records found in the file (what a person counts by hand). */
  counts: Counts,
  errorRows: z.number().int(),
  issues: z.array(ImportIssue),
  /** Every field a column can be mapped to, for the mapping step. */
  fields: z.array(FieldOption),
});
export type ImportAnalysis = z.infer<typeof ImportAnalysis>;

const Tally = z.object({ added: z.number().int(), updated: z.number().int(), unchanged: z.number().int() });
export const ImportResult = z.object({
  batchId: Id.nullable(),
  campaignId: Id,
  backupFile: z.string().nullable(),
  counts: z.object({ topics: Tally, subtopics: Tally, people: Tally, indicators: Tally, checklist: Tally, units: Tally }),
  /** Rows left out because they had errors (only with skipErrorRows). */
  skippedRows: z.number().int(),
  issues: z.array(ImportIssue),
});
export type ImportResult = z.infer<typeof ImportResult>;

export const importContract = {
  /** Read and analyse a file: sheets, header rows, column mapping, preview, issues. Writes nothing. */
  'import.analyze': { input: ImportOptions, output: ImportAnalysis },
  /**
   * Write the file into the ledger: backup first, one transaction. Refused when
   * any row has an error, unless skipErrorRows (then those rows are left out).
   */
  'import.commit': { input: ImportOptions.extend({ skipErrorRows: z.boolean().default(false).describe('跳过有错误的行') }), output: ImportResult },
  /** Save the rows that have errors, as they were, plus a 失败原因 column, to an .xlsx the clerk can fix. */
  'import.failedRows': {
    input: ImportOptions.extend({ output: FilePath.describe('保存位置') }),
    output: z.object({ file: z.string(), rows: z.number().int() }),
  },
  /** Undo a whole import batch (created records removed, updated ones restored). */
  'import.undo': {
    input: z.object({ batchId: Id.describe('导入批次') }),
    output: z.object({ batchId: Id, reverted: z.number().int(), backupFile: z.string().nullable() }),
  },
} satisfies ContractGroup;
