import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { listBackups } from '../../electron/core/db/backup';
import { runCli } from '../helpers/cli';
import { fileCore, tempDir } from '../helpers/core';

/** `ledger package export|import` on ledger files, as an office's IT helper runs them. */
describe('CLI: package export and import', () => {
  it('exports a branch, imports a folder of packages at the committee with a backup, and refuses a damaged one', async () => {
    const dir = tempDir('exchange-cli-');
    const branch = path.join(dir, '支部.db');
    const committee = path.join(dir, '党委.db');
    expect((await runCli('demo', '--db', branch)).code).toBe(0);
    fileCore(committee).close();

    const out = path.join(dir, 'up');
    fs.mkdirSync(out);
    const exp = await runCli('package', 'export', '--db', branch, '--unit', '寄递事业部党支部', '--out', path.join(out, '寄递.ldgx'));
    expect(exp).toMatchObject({ code: 0, err: '' });
    expect(exp.out).toMatch(/^已导出「寄递事业部党支部」的数据包：.*寄递\.ldgx（第 1–1 号变更，\d+ 字节）/);
    await runCli('package', 'export', '--db', branch, '--unit', '渠道平台部党支部', '--out', path.join(out, '渠道.ldgx'));

    const imp = await runCli('package', 'import', out, '--db', committee, '--json');
    expect(imp.code).toBe(0);
    const r = JSON.parse(imp.out) as { backupFile: string; packages: { sourceUnit: string; applied: number[]; counts: { inserted: number } }[] };
    expect(r.packages.map((p) => [p.sourceUnit, p.applied])).toEqual([['寄递事业部党支部', [1]], ['渠道平台部党支部', [1]]]); // by file name
    expect(r.packages.every((p) => p.counts.inserted > 0)).toBe(true);
    expect(listBackups(path.join(dir, 'backups')).map((b) => b.reason)).toEqual(['exchange']);
    expect(fs.existsSync(r.backupFile)).toBe(true);
    // The two branches' topics, nobody else's: the committee's figures are theirs.
    const stats = JSON.parse((await runCli('stats', '--db', committee, '--json')).out) as { topics: number };
    const topicsOf = async (unit: string) => (JSON.parse((await runCli('stats', '--db', branch, '--unit', unit, '--json')).out) as { topics: number }).topics;
    expect(stats.topics).toBe((await topicsOf('寄递事业部党支部')) + (await topicsOf('渠道平台部党支部')));

    // Again: nothing new, said so.
    const again = await runCli('package', 'import', out, '--db', committee);
    expect(again).toMatchObject({ code: 0, out: '寄递.ldgx（寄递事业部党支部）：已导入过，无变化。\n渠道.ldgx（渠道平台部党支部）：已导入过，无变化。\n' });

    // A package cut short on the USB stick: exit 2, one Chinese line, nothing written.
    const cut = path.join(dir, '坏.ldgx');
    const bytes = fs.readFileSync(path.join(out, '寄递.ldgx'));
    fs.writeFileSync(cut, bytes.subarray(0, bytes.length >> 1));
    const bad = await runCli('package', 'import', cut, '--db', committee);
    expect(bad).toMatchObject({ code: 2, out: '', err: '数据包「坏.ldgx」已损坏、不完整或被改动过（校验不符），未导入任何数据。\n' });
    expect(await runCli('package', 'export', '--db', committee)).toMatchObject({ code: 2 });
  });
});
