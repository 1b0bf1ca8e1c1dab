import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PickedFiles, createShellDispatch } from '../../electron/main/ipc';
import { createShellHandlers, safeFileName, type Dialogs } from '../../electron/main/shellHandlers';
import { scriptedPrompts, tempDir, testSession } from './helpers';

async function setup(answers: { open?: (string | null)[]; save?: (string | null)[]; confirm?: boolean[] } = {}) {
  const t = testSession();
  await t.session.start(scriptedPrompts({ firstRun: 'demo' }).prompts);
  const asked: string[] = [];
  const dialogs: Dialogs = {
    openFile: async ({ title }) => (asked.push(`open:${title}`), answers.open?.shift() ?? null),
    saveFile: async ({ title, defaultPath }) => (asked.push(`save:${title}:${path.basename(defaultPath)}`), answers.save?.shift() ?? null),
    confirm: async ({ message }) => (asked.push(`confirm:${message}`), answers.confirm?.shift() ?? false),
    info: async ({ message }) => void asked.push(`info:${message}`),
  };
  const opened: string[] = [];
  const printed: string[] = [];
  let changed = 0;
  const picked = new PickedFiles();
  const { handlers, menuActions } = createShellHandlers({
    session: t.session,
    dialogs,
    picked,
    documentsDir: tempDir('docs-'),
    openPath: async (f) => (opened.push(f), ''),
    printPdf: async (f) => (printed.push(f), { printed: true }),
    ledgerChanged: () => void changed++,
    appVersion: '0.1.0',
  });
  const call = createShellDispatch(handlers);
  return { t, call, asked, opened, printed, picked, dialogs, menuActions, changed: () => changed };
}

describe('shell methods', () => {
  it('ledgerInfo shows where the ledger is', async () => {
    const s = await setup();
    const r = await s.call('shell.ledgerInfo', {});
    expect(r).toMatchObject({ ok: true, data: { file: s.t.session.file, dataDir: s.t.dataDir, isDefault: true, backups: 1 } });
    s.t.session.close();
  });

  it('a cancelled dialog answers null and changes nothing', async () => {
    const s = await setup();
    for (const m of ['shell.openLedger', 'shell.newLedger', 'shell.pickImportFile', 'shell.saveBackupAs'] as const) {
      expect(await s.call(m, {})).toEqual({ ok: true, data: null });
    }
    expect(s.changed()).toBe(0);
    s.t.session.close();
  });

  it('newLedger creates the picked file (adding .db) and switches to it', async () => {
    const dir = tempDir('new-');
    const s = await setup({ save: [path.join(dir, '2025年台账')] });
    const r = await s.call('shell.newLedger', { demo: false });
    expect(r).toMatchObject({ ok: true, data: { name: '2025年台账.db', isDefault: false } });
    expect(s.t.session.file).toBe(path.join(dir, '2025年台账.db'));
    expect(s.changed()).toBe(1);
    s.t.session.close();
  });

  it('saveFileAs returns the pick with the extension and allows it for the core; openFile/printPdf only take picked files', async () => {
    const dir = tempDir('out-');
    const s = await setup({ save: [path.join(dir, '汇总')] });
    const r = await s.call('shell.saveFileAs', { kind: 'pdf', suggestedName: '结题报告: 课题/一' });
    expect(s.asked[0]).toBe('save:保存 PDF:结题报告_ 课题_一.pdf');
    const file = path.join(dir, '汇总.pdf');
    expect(r).toEqual({ ok: true, data: { file, name: '汇总.pdf' } });
    expect(s.picked.has(file, 'save')).toBe(true);
    fs.writeFileSync(file, '%PDF-1.4');
    expect(await s.call('shell.openFile', { file })).toEqual({ ok: true, data: { opened: true } });
    expect(await s.call('shell.printPdf', { file })).toEqual({ ok: true, data: { printed: true } });
    expect(await s.call('shell.openFile', { file: '/etc/passwd' })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(s.opened).toEqual([file]);
    expect(s.printed).toEqual([file]);
    s.t.session.close();
  });

  it('saveFileAs saves a Word document as .docx, and the core writes the closure report there', async () => {
    const dir = tempDir('out-');
    const s = await setup({ save: [path.join(dir, '结题报告')] });
    const r = await s.call('shell.saveFileAs', { kind: 'docx', suggestedName: '农特产品结题报告' });
    expect(s.asked[0]).toBe('save:保存 Word 文档:农特产品结题报告.docx');
    const file = path.join(dir, '结题报告.docx');
    expect(r).toEqual({ ok: true, data: { file, name: '结题报告.docx' } });
    expect(s.picked.has(file, 'save')).toBe(true);
    s.t.session.close();
  });

  it('the import dialog offers only what the import reads, and a file picked for import is never opened or printed', async () => {
    const dir = tempDir('in-');
    const input = path.join(dir, '旧台账.xlsx');
    fs.writeFileSync(input, 'x');
    const filters: string[][] = [];
    const s = await setup({ open: [input] });
    const openFile = s.dialogs.openFile;
    s.dialogs.openFile = async (o) => (filters.push(o.filters.flatMap((f) => f.extensions)), openFile(o));
    expect(await s.call('shell.pickImportFile', {})).toEqual({ ok: true, data: { file: input, name: '旧台账.xlsx' } });
    expect(filters).toEqual([['xlsx', 'xls', 'csv']]);
    expect(s.picked.has(input, 'read')).toBe(true);
    expect(await s.call('shell.openFile', { file: input })).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: '只能打开或打印在对话框中选择保存的文件。' } });
    expect(await s.call('shell.printPdf', { file: input })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(s.opened).toEqual([]);
    expect(s.printed).toEqual([]);
    s.t.session.close();
  });

  it('backups lists names (no paths); restore asks first, and does nothing when declined', async () => {
    const s = await setup({ confirm: [false, true] });
    const list = await s.call('shell.backups', {});
    const entries = (list as { data: { name: string; reasonLabel: string }[] }).data;
    expect(entries[0]).toMatchObject({ reasonLabel: '每日自动' });
    expect(JSON.stringify(entries)).not.toContain(s.t.dataDir);
    expect(await s.call('shell.restoreBackup', { name: entries[0]!.name })).toMatchObject({ ok: true, data: { restored: false } });
    expect(s.changed()).toBe(0);
    expect(await s.call('shell.restoreBackup', { name: entries[0]!.name })).toMatchObject({ ok: true, data: { restored: true } });
    expect(s.asked.filter((a) => a.startsWith('confirm:'))[0]).toMatch(/每日自动/);
    expect(s.changed()).toBe(1);
    expect(await s.call('shell.restoreBackup', { name: '../../etc/passwd' })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    s.t.session.close();
  });

  it('backupNow and saveBackupAs', async () => {
    const dir = tempDir('usb-');
    const s = await setup({ save: [path.join(dir, 'copy')] });
    expect(await s.call('shell.backupNow', {})).toMatchObject({ ok: true, data: { reason: 'manual', reasonLabel: '手动' } });
    expect(await s.call('shell.saveBackupAs', {})).toEqual({ ok: true, data: { file: path.join(dir, 'copy.db'), name: 'copy.db' } });
    expect(fs.statSync(path.join(dir, 'copy.db')).size).toBeGreaterThan(0);
    s.t.session.close();
  });

  it('the data folder opens in the file manager', async () => {
    const s = await setup();
    expect(await s.call('shell.openDataFolder', {})).toEqual({ ok: true, data: { opened: true } });
    expect(s.opened).toEqual([s.t.dataDir]);
    s.t.session.close();
  });

  it('menu actions show errors in a dialog instead of throwing', async () => {
    const s = await setup({ open: [path.join(tempDir('x-'), 'missing.db')] });
    s.menuActions.openLedger();
    await new Promise((r) => setTimeout(r, 50));
    expect(s.asked.at(-1)).toMatch(/^info:找不到台账文件/);
    s.t.session.close();
  });
});

describe('safeFileName', () => {
  it('removes what Windows refuses and adds the extension', () => {
    expect(safeFileName('a<b>:c"d/e\\f|g?h*', 'pdf')).toBe('a_b__c_d_e_f_g_h_.pdf');
    expect(safeFileName('台账.xlsx', 'xlsx')).toBe('台账.xlsx');
    expect(safeFileName(' . ', 'pdf')).toBe('未命名.pdf');
  });
});
