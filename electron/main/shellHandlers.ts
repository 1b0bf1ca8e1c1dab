import path from 'node:path';
import dayjs from 'dayjs';
import { listBackups, reasonLabel } from '../core/db/backup';
import { LedgerError } from '../core/errors';
import type { SaveKind } from '../../shared/contract/shell';
import type { PickedFiles, ShellHandlers } from './ipc';
import type { LedgerSession } from './ledgerSession';

/*
 * What `shell.*` methods and the menu do. The dialogs and the OS come in
 * through narrow interfaces (Electron's dialog, shell.openPath, a print
 * window), so the behaviour is tested without Electron.
 */

export interface FileFilter {
  name: string;
  extensions: string[];
}

export interface Dialogs {
  openFile: (opts: { title: string; filters: FileFilter[]; defaultPath?: string }) => Promise<string | null>;
  /** Several files at once (the exchange's packages); a host without it offers one at a time. */
  openFiles?: (opts: { title: string; filters: FileFilter[]; defaultPath?: string }) => Promise<string[]>;
  saveFile: (opts: { title: string; filters: FileFilter[]; defaultPath: string }) => Promise<string | null>;
  /** A yes/no question; true when the clerk chose `ok`. */
  confirm: (opts: { title: string; message: string; detail?: string; ok: string }) => Promise<boolean>;
  info: (opts: { title: string; message: string; detail?: string; error?: boolean }) => Promise<void>;
}

export interface ShellDeps {
  session: LedgerSession;
  dialogs: Dialogs;
  picked: PickedFiles;
  /** Where save dialogs start (the user's Documents). */
  documentsDir: string;
  openPath: (file: string) => Promise<string>;
  printPdf: (file: string) => Promise<{ printed: boolean }>;
  /** After the open ledger changed (switch, new, restore): reload the windows, retitle, rebuild the menu. */
  ledgerChanged: () => void;
  appVersion: string;
}

export const LEDGER_FILTERS: FileFilter[] = [{ name: '台账数据库', extensions: ['db', 'sqlite', 'ledger'] }];
/** Only what the import reads: a file of any other kind is never offered (nor a ledger, nor a saved report). */
export const IMPORT_FILTERS: FileFilter[] = [{ name: 'Excel 工作簿或 CSV', extensions: ['xlsx', 'xls', 'csv'] }];
/** The exchange's packages between offices (electron/core/exchange). */
export const PACKAGE_FILTERS: FileFilter[] = [{ name: '台账交换数据包', extensions: ['ldgx'] }];
const SAVE_FILTERS: Record<SaveKind, FileFilter[]> = {
  pdf: [{ name: 'PDF 文件', extensions: ['pdf'] }],
  xlsx: [{ name: 'Excel 工作簿', extensions: ['xlsx'] }],
  docx: [{ name: 'Word 文档', extensions: ['docx'] }],
  ldgx: PACKAGE_FILTERS,
};
const SAVE_TITLES: Record<SaveKind, string> = { pdf: '保存 PDF', xlsx: '保存 Excel', docx: '保存 Word 文档', ldgx: '保存数据包' };

/** A file name without characters Windows refuses, with the wanted extension. */
export function safeFileName(name: string, ext: string): string {
  const base = name
    .replace(/[<>:"/\\|?*\u0000-\u001f]/g, '_')
    .replace(/[. ]+$/, '')
    .trim()
    .slice(0, 120);
  const withExt = base.toLowerCase().endsWith(`.${ext}`) ? base : `${base || '未命名'}.${ext}`;
  return withExt;
}

/** A save-dialog answer with the extension added when the clerk typed a name without it. */
function withExtension(file: string, ext: string): string {
  return path.extname(file).toLowerCase() === `.${ext}` ? file : `${file}.${ext}`;
}

const describe = (b: { createdAt: string; reason: string }) => `${dayjs(b.createdAt).format('YYYY年M月D日 HH:mm')}（${reasonLabel(b.reason)}）`;

export function createShellHandlers(d: ShellDeps) {
  const { session, dialogs, picked } = d;

  const newLedger = async (demo: boolean) => {
    const defaultPath = path.join(d.documentsDir, `领题破题台账-${dayjs().format('YYYY')}.db`);
    const chosen = await dialogs.saveFile({ title: '新建台账', filters: LEDGER_FILTERS, defaultPath });
    if (!chosen) return null;
    const file = withExtension(chosen, 'db');
    await session.open(file, { create: true, demo });
    d.ledgerChanged();
    return session.info();
  };

  const openLedger = async () => {
    const file = await dialogs.openFile({ title: '打开台账', filters: LEDGER_FILTERS, defaultPath: session.file ? path.dirname(session.file) : d.documentsDir });
    if (!file) return null;
    await session.open(file);
    d.ledgerChanged();
    return session.info();
  };

  const openRecent = async (file: string) => {
    await session.open(file);
    d.ledgerChanged();
    return session.info();
  };

  /** Restore after the clerk confirmed; `label` says which backup in the question. */
  const restoreFile = async (file: string, label: string) => {
    const ok = await dialogs.confirm({
      title: '从备份恢复',
      message: `确定用 ${label} 的备份替换当前台账吗？`,
      detail: `当前台账「${session.file ?? ''}」的内容会先自动备份，恢复后如有需要仍可再恢复回来。`,
      ok: '恢复',
    });
    if (!ok) return { restored: false, info: session.info() };
    await session.restore(file);
    d.ledgerChanged();
    return { restored: true, info: session.info() };
  };

  /** The menu's 从备份恢复: pick a backup file (this ledger's backup folder to start with). */
  const restoreFromPickedFile = async () => {
    const file = await dialogs.openFile({ title: '选择要恢复的备份', filters: LEDGER_FILTERS, defaultPath: session.backupDir() });
    if (!file) return { restored: false, info: session.info() };
    const known = listBackups(path.dirname(file)).find((b) => b.file === file);
    return restoreFile(file, known ? describe(known) : `「${path.basename(file)}」`);
  };

  const saveBackupAs = async () => {
    const name = `${path.basename(session.file ?? 'ledger.db', '.db')}-备份-${dayjs().format('YYYYMMDD-HHmm')}.db`;
    const chosen = await dialogs.saveFile({ title: '另存备份', filters: LEDGER_FILTERS, defaultPath: path.join(d.documentsDir, name) });
    if (!chosen) return null;
    const file = withExtension(chosen, 'db');
    await session.saveCopy(file);
    return { file, name: path.basename(file) };
  };

  const openDataFolder = async () => {
    const error = await d.openPath(session.dataDir);
    if (error) throw new LedgerError('INTERNAL', `无法打开数据文件夹：${error}`);
    return { opened: true };
  };

  /** Only a file the clerk saved through our save dialog opens or prints: never a file picked for import. */
  const requireSaved = (file: string) => {
    if (!picked.has(file, 'save')) throw new LedgerError('VALIDATION', '只能打开或打印在对话框中选择保存的文件。');
    return file;
  };

  const handlers: ShellHandlers = {
    'shell.ledgerInfo': () => session.info(),
    'shell.openLedger': () => openLedger(),
    'shell.newLedger': ({ demo }) => newLedger(demo),
    'shell.saveBackupAs': () => saveBackupAs(),
    'shell.backups': () => session.backups(),
    'shell.backupNow': async () => {
      const b = await session.backup('manual');
      return { name: b.name, reason: b.reason, reasonLabel: reasonLabel(b.reason), size: b.size, createdAt: b.createdAt };
    },
    'shell.restoreBackup': async ({ name }) => {
      const file = session.backupFile(name);
      const info = listBackups(path.dirname(file)).find((b) => b.name === name);
      return restoreFile(file, info ? describe(info) : `「${name}」`);
    },
    'shell.openDataFolder': () => openDataFolder(),
    'shell.pickImportFile': async () => {
      const file = await dialogs.openFile({ title: '选择要导入的文件', filters: IMPORT_FILTERS, defaultPath: d.documentsDir });
      return file ? { file: picked.add(file, 'read'), name: path.basename(file) } : null;
    },
    'shell.pickPackages': async () => {
      const opts = { title: '选择要导入的数据包（可多选）', filters: PACKAGE_FILTERS, defaultPath: d.documentsDir };
      const files = dialogs.openFiles ? await dialogs.openFiles(opts) : [await dialogs.openFile(opts)].filter((f): f is string => Boolean(f));
      return files.map((file) => ({ file: picked.add(file, 'read'), name: path.basename(file) }));
    },
    'shell.saveFileAs': async ({ kind, suggestedName }) => {
      const chosen = await dialogs.saveFile({ title: SAVE_TITLES[kind], filters: SAVE_FILTERS[kind], defaultPath: path.join(d.documentsDir, safeFileName(suggestedName, kind)) });
      if (!chosen) return null;
      const file = withExtension(chosen, kind);
      return { file: picked.add(file, 'save'), name: path.basename(file) };
    },
    'shell.openFile': async ({ file }) => {
      const error = await d.openPath(requireSaved(file));
      if (error) throw new LedgerError('INTERNAL', `无法打开「${path.basename(file)}」：${error}`);
      return { opened: true };
    },
    'shell.printPdf': ({ file }) => d.printPdf(requireSaved(file)),
  };

  /** The menu's actions: the same work, errors shown in a dialog instead of returned. */
  const guard = (work: () => Promise<unknown>) => () => {
    void work().catch((err: unknown) =>
      dialogs.info({ title: '操作未完成', message: err instanceof Error ? err.message : String(err), error: true }),
    );
  };
  const about = () =>
    dialogs.info({
      title: '关于',
      message: `领题破题台账 ${d.appVersion}`,
      detail: `当前台账：${session.file ?? '（未打开）'}\n数据文件夹：${session.dataDir}\n备份：${session.backups().length} 份，保存在数据文件夹的 backups 下（保留最近 30 份）。`,
    });
  const menuActions = {
    newLedger: guard(() => newLedger(false)),
    openLedger: guard(() => openLedger()),
    openRecent: (file: string) => guard(() => openRecent(file))(),
    saveBackupAs: guard(async () => {
      const saved = await saveBackupAs();
      if (saved) await dialogs.info({ title: '另存备份', message: `备份已保存：${saved.file}` });
    }),
    restoreBackup: guard(() => restoreFromPickedFile()),
    openDataFolder: guard(() => openDataFolder()),
    about: guard(() => about()),
  };

  return { handlers, menuActions };
}
