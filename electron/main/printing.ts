import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { LedgerError } from '../core/errors';

/*
 * PDF reports leave the program two ways: opened in the system's PDF
 * viewer (after the core wrote them where the clerk chose), or sent to the
 * printer from a hidden window showing the PDF, with the system print
 * dialog. Electron's pieces come in through PrintDeps.
 */

export interface PrintWindow {
  loadURL: (url: string) => Promise<void>;
  webContents: { print: (options: { silent: boolean; printBackground: boolean }, callback: (success: boolean, failureReason: string) => void) => void };
  destroy: () => void;
}

export interface PrintDeps {
  /** Electron's shell.openPath: resolves '' on success, else an error text. */
  openPath: (file: string) => Promise<string>;
  /** A hidden, sandboxed window that can show a PDF (plugins on, nothing else). */
  createHiddenWindow: () => PrintWindow;
  /** Wait for the PDF viewer to lay out the pages before printing. */
  settleMs?: number;
}

function assertFile(file: string, ext?: string): void {
  if (!fs.existsSync(file)) throw new LedgerError('NOT_FOUND', `找不到文件「${path.basename(file)}」，可能尚未生成或已被移动。`);
  if (ext && path.extname(file).toLowerCase() !== ext) throw new LedgerError('VALIDATION', `只能打印 PDF 文件（${path.basename(file)}）。`);
}

/** Opens a saved file with the system's program for it (PDF viewer, Excel/WPS). */
export async function openInViewer(file: string, openPath: PrintDeps['openPath']): Promise<{ opened: boolean }> {
  assertFile(file);
  const error = await openPath(file);
  if (error) throw new LedgerError('INTERNAL', `无法打开「${path.basename(file)}」：${error}。请确认电脑上装有 PDF 阅读器或表格软件。`);
  return { opened: true };
}

/**
 * Sends a PDF to the printer: the hidden window loads it, the system print
 * dialog lets the clerk pick the printer. Resolves false when the clerk
 * cancelled; when printing itself fails, the PDF is opened in the system
 * viewer instead so it can be printed from there.
 */
export async function printPdf(file: string, deps: PrintDeps): Promise<{ printed: boolean }> {
  assertFile(file, '.pdf');
  const win = deps.createHiddenWindow();
  try {
    await win.loadURL(pathToFileURL(file).href);
    await new Promise((r) => setTimeout(r, deps.settleMs ?? 800));
    const { success, reason } = await new Promise<{ success: boolean; reason: string }>((resolve) =>
      win.webContents.print({ silent: false, printBackground: true }, (success, reason) => resolve({ success, reason })),
    );
    if (success) return { printed: true };
    if (/cancel/i.test(reason)) return { printed: false };
    throw new Error(reason || 'print failed');
  } catch {
    await openInViewer(file, deps.openPath);
    throw new LedgerError('INTERNAL', '未能直接打印，已用系统的 PDF 阅读器打开该文件，请在阅读器中选择“打印”。');
  } finally {
    win.destroy();
  }
}
