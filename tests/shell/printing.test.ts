import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openInViewer, printPdf, type PrintWindow } from '../../electron/main/printing';
import { tempDir } from './helpers';

function fakeWindow(result: { success: boolean; reason: string }) {
  const log: string[] = [];
  const win: PrintWindow = {
    loadURL: async (url) => void log.push(`load ${url}`),
    webContents: { print: (opts, cb) => (log.push(`print silent=${opts.silent}`), cb(result.success, result.reason)) },
    destroy: () => void log.push('destroy'),
  };
  return { win, log };
}

const pdf = () => {
  const file = path.join(tempDir('pdf-'), '结题 报告.pdf');
  fs.writeFileSync(file, '%PDF-1.4');
  return file;
};

describe('printing', () => {
  it('loads the PDF in a hidden window, opens the print dialog, then closes the window', async () => {
    const file = pdf();
    const { win, log } = fakeWindow({ success: true, reason: '' });
    expect(await printPdf(file, { openPath: async () => '', createHiddenWindow: () => win, settleMs: 0 })).toEqual({ printed: true });
    expect(log[0]).toMatch(/^load file:\/\/.*%E7%BB%93%E9%A2%98%20%E6%8A%A5%E5%91%8A\.pdf$/);
    expect(log.slice(1)).toEqual(['print silent=false', 'destroy']);
  });

  it('cancelled is not an error', async () => {
    const { win } = fakeWindow({ success: false, reason: 'cancelled' });
    expect(await printPdf(pdf(), { openPath: async () => '', createHiddenWindow: () => win, settleMs: 0 })).toEqual({ printed: false });
  });

  it('a failed print opens the PDF in the system viewer and says so', async () => {
    const opened: string[] = [];
    const file = pdf();
    const { win, log } = fakeWindow({ success: false, reason: 'Print job failed' });
    await expect(printPdf(file, { openPath: async (f) => (opened.push(f), ''), createHiddenWindow: () => win, settleMs: 0 })).rejects.toThrow(/PDF 阅读器/);
    expect(opened).toEqual([file]);
    expect(log.at(-1)).toBe('destroy');
  });

  it('refuses missing files and non-PDFs', async () => {
    const { win } = fakeWindow({ success: true, reason: '' });
    await expect(printPdf('/nope.pdf', { openPath: async () => '', createHiddenWindow: () => win })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const txt = path.join(tempDir(), 'a.txt');
    fs.writeFileSync(txt, 'x');
    await expect(printPdf(txt, { openPath: async () => '', createHiddenWindow: () => win })).rejects.toMatchObject({ code: 'VALIDATION' });
  });

  it('openInViewer reports the system error in Chinese', async () => {
    await expect(openInViewer(pdf(), async () => 'No application is associated')).rejects.toThrow(/无法打开.*No application/);
  });
});
