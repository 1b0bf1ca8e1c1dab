import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCommand } from '../../electron/core/cli/main';
import { memoryCore, tempDir } from '../helpers/core';

describe('CLI: export, template, report', () => {
  it('writes each file and says where', async () => {
    const core = memoryCore();
    await core.call('ledger.demo', {});
    const dir = tempDir();
    const lines: string[] = [];
    const print = (t: string) => lines.push(t);
    await runCommand('export', { args: [path.join(dir, 'a.xlsx')] }, core, print);
    await runCommand('template', { args: [path.join(dir, 't.xlsx')] }, core, print);
    await runCommand('report', { args: ['closure'], topic: '农特产品寄递助农增收', out: path.join(dir, 'c.pdf') }, core, print);
    await runCommand('report', { args: ['ledger'], out: path.join(dir, 'l.pdf'), overdue: true, branch: '寄递事业部党支部' }, core, print);
    await runCommand('report', { args: ['summary'], out: path.join(dir, 's.pdf'), json: true }, core, print);
    expect(fs.readdirSync(dir).sort()).toEqual(['a.xlsx', 'c.pdf', 'l.pdf', 's.pdf', 't.xlsx']);
    expect(lines[0]).toMatch(/^已导出：.*a\.xlsx（课题 4 项，小课题 9 项，人员 12 人，指标 5 项，销号清单 3 项）$/);
    expect(lines[2]).toMatch(/^已生成结题报告：.*c\.pdf（\d+ 页，\d+ KB）$/);
    expect(JSON.parse(lines.slice(4).join('\n'))).toMatchObject({ pages: expect.any(Number), missingGlyphs: [] });
  });

  it('refuses a report without its arguments', async () => {
    const core = memoryCore();
    await core.call('ledger.demo', {});
    await expect(runCommand('report', { args: ['closure'], out: '/tmp/x.pdf' }, core, () => {})).rejects.toThrow('--topic');
    await expect(runCommand('report', { args: ['nonsense'], out: '/tmp/x.pdf' }, core, () => {})).rejects.toThrow('closure、ledger 或 summary');
    await expect(runCommand('export', {}, core, () => {})).rejects.toThrow('export 文件.xlsx');
  });
});
