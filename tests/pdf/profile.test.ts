import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PDF_PROFILE_DEFAULTS } from '../../shared/contract/output';
import { pageMargins } from '../../electron/core/pdf/layout';
import { memoryCore, tempDir } from '../helpers/core';
import { pdfPages } from './pdfText';

describe('pdfProfile: the page layout, stored in the ledger', () => {
  it('defaults to GB/T 9704-2012: A4, top 37 mm, binding 28 mm, text block 156 × 225 mm, 二号 title, 三号 body', async () => {
    const core = memoryCore();
    const p = await core.call('pdfProfile.get', {});
    expect(p).toEqual(PDF_PROFILE_DEFAULTS);
    expect(p).toMatchObject({ marginTopMm: 37, marginLeftMm: 28, titleSize: 22, bodySize: 16, bodyFont: '仿宋', titleFont: '黑体' });
    expect(210 - p.marginLeftMm - p.marginRightMm).toBe(156);
    expect(297 - p.marginTopMm - p.marginBottomMm).toBe(225);
    const [left, top] = pageMargins(p);
    expect(left).toBeCloseTo((28 * 72) / 25.4);
    expect(top).toBeCloseTo((37 * 72) / 25.4);
  });

  it('is changed per field, kept in the ledger, audited, and used by the next report', async () => {
    const core = memoryCore();
    await core.call('ledger.demo', {});
    const topic = (await core.call('topic.list', {})).find((t) => t.code === '3')!;
    const dir = tempDir();
    const before = await core.call('report.closure', { topicId: topic.id, out: path.join(dir, 'a.pdf') });

    const p = await core.call('pdfProfile.set', { bodySize: 22, marginTopMm: 50, bodyFont: '楷体' });
    expect(p).toMatchObject({ bodySize: 22, marginTopMm: 50, bodyFont: '楷体', titleSize: 22 });
    expect(await core.call('pdfProfile.get', {})).toEqual(p);
    expect((await core.call('audit.list', { entity: 'setting' }))[0]).toMatchObject({ entityId: 'pdfProfile', action: 'update' });

    const after = await core.call('report.closure', { topicId: topic.id, out: path.join(dir, 'b.pdf') });
    expect(after.pages).toBeGreaterThan(before.pages!);
    expect(after.pages).toBe(pdfPages(path.join(dir, 'b.pdf')));
  });

  it('refuses values out of range, with the field named', async () => {
    const core = memoryCore();
    await expect(core.call('pdfProfile.set', { marginTopMm: 2 })).rejects.toMatchObject({ code: 'VALIDATION', message: expect.stringContaining('上边距') });
    await expect(core.call('pdfProfile.set', { bodyFont: '宋体' as '仿宋' })).rejects.toMatchObject({ code: 'VALIDATION' });
    expect(await core.call('pdfProfile.get', {})).toEqual(PDF_PROFILE_DEFAULTS);
  });

  it('falls back per field when a stored value no longer validates', async () => {
    const core = memoryCore();
    core.db.prepare("INSERT INTO settings (key, value) VALUES ('pdfProfile', ?)").run(JSON.stringify({ bodySize: 'big', tableSize: 9 }));
    expect(await core.call('pdfProfile.get', {})).toEqual({ ...PDF_PROFILE_DEFAULTS, tableSize: 9 });
  });
});
