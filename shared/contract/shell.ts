import { z } from 'zod';
import '../validation';
import type { ContractGroup } from './types';

/*
 * What the desktop shell (electron/main) answers itself: dialogs, ledger
 * files, backups, printing. Same shape as the core's contract, same channel
 * and `call(method, args)`, but dispatched by the shell, never by the core.
 * Paths appear only where the clerk picked them in a dialog (or as the
 * current ledger's location, for display); the renderer never makes one up.
 */

/** A file the clerk picked in a dialog; `null` when the dialog was cancelled. */
/** A backup's file name: `<ledger>-<date>-<time>-<reason>[-n].db`; a hidden temporary copy (`.…partial-…`) is not one. */
export const BACKUP_FILE_NAME = /^[^./\\][^/\\]*-\d{8}-\d{6}-[a-z]+(-\d+)?\.db$/;

export const PickedFile = z.object({ file: z.string(), name: z.string() }).nullable();

export const LedgerInfo = z.object({
  /** The open ledger file (shown to the clerk: "where is my data"). */
  file: z.string(),
  name: z.string(),
  /** The program's local data folder (settings, backups). */
  dataDir: z.string(),
  /** Whether the file is the default one in the local data folder. */
  isDefault: z.boolean(),
  /** A warning when the file sits in a synced folder (OneDrive etc.), where SQLite files get damaged. */
  warning: z.string().nullable(),
  backups: z.number().int(),
  lastBackupAt: z.string().nullable(),
  /** Why the ledger is open read-only (a read-only folder, a full disk): shown as 只读 with this sentence; null when it can be changed. */
  readOnly: z.string().nullable(),
});
export type LedgerInfo = z.infer<typeof LedgerInfo>;

export const BackupEntry = z.object({
  /** The backup's file name: the handle the renderer passes back to restore it. */
  name: z.string(),
  reason: z.string(),
  reasonLabel: z.string(),
  size: z.number().int(),
  createdAt: z.string(),
});
export type BackupEntry = z.infer<typeof BackupEntry>;

/** What a save dialog may save: a PDF, an Excel workbook or a Word document. */
export const SAVE_KINDS = ['pdf', 'xlsx', 'docx', 'ldgx'] as const;
export type SaveKind = (typeof SAVE_KINDS)[number];

const none = z.object({}).default({});
const userFile = z.string().min(1).max(1000).describe('文件');

export const shellContract = {
  'shell.ledgerInfo': { input: none, output: LedgerInfo },
  /** Open dialog for a ledger file; switches to it (the window reloads). */
  'shell.openLedger': { input: none, output: LedgerInfo.nullable() },
  /** Save dialog for a new ledger file; creates it, optionally with the demo data, and switches to it. */
  'shell.newLedger': { input: z.object({ demo: z.boolean().default(false).describe('示例数据') }).default({ demo: false }), output: LedgerInfo.nullable() },
  /** A consistent copy of the open ledger (SQLite online backup) where the clerk chooses, e.g. a USB stick. */
  'shell.saveBackupAs': { input: none, output: PickedFile },
  'shell.backups': { input: none, output: z.array(BackupEntry) },
  'shell.backupNow': { input: none, output: BackupEntry },
  /** Restore one of this ledger's backups (by name, from `shell.backups`) after the clerk confirms. */
  'shell.restoreBackup': {
    input: z.object({ name: z.string().regex(BACKUP_FILE_NAME, { message: '不是本程序的备份文件名' }).describe('备份') }),
    output: z.object({ restored: z.boolean(), info: LedgerInfo }),
  },
  'shell.openDataFolder': { input: none, output: z.object({ opened: z.boolean() }) },
  /** Open dialog for an Excel workbook to import. */
  'shell.pickImportFile': { input: none, output: PickedFile },
  /** Open dialog for the exchange's packages (.ldgx), several at once; empty when cancelled. */
  'shell.pickPackages': { input: none, output: z.array(z.object({ file: z.string(), name: z.string() })) },
  /** Save dialog for an export (PDF, Excel, Word or an exchange package); the core then writes to the picked file. */
  'shell.saveFileAs': {
    input: z.object({
      kind: z.enum(SAVE_KINDS).describe('文件类型'),
      suggestedName: z.string().min(1).max(120).describe('文件名'),
    }),
    output: PickedFile,
  },
  /** Open a file the clerk saved (a PDF report, an Excel export) in the system viewer. */
  'shell.openFile': { input: z.object({ file: userFile }), output: z.object({ opened: z.boolean() }) },
  /** Send a saved PDF to the printer (system print dialog). */
  'shell.printPdf': { input: z.object({ file: userFile }), output: z.object({ printed: z.boolean() }) },
} satisfies ContractGroup;

export type ShellContract = typeof shellContract;
export type ShellMethod = keyof ShellContract;
export type ShellArgs<M extends ShellMethod> = z.input<ShellContract[M]['input']>;
export type ShellInput<M extends ShellMethod> = z.output<ShellContract[M]['input']>;
export type ShellOutput<M extends ShellMethod> = z.output<ShellContract[M]['output']>;

export const SHELL_PREFIX = 'shell.';
export function isShellMethod(name: unknown): name is ShellMethod {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(shellContract, name);
}
