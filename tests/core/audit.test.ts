import { describe, expect, it } from 'vitest';
import { memoryCore } from '../helpers/core';

describe('the audit log', () => {
  it('records every write with when, who, what, before and after', async () => {
    const core = memoryCore({ operator: '张会计' });
    const unit = await core.call('unit.create', { name: '寄递党支部', kind: '党支部' });
    await core.call('unit.update', { id: unit.id, note: '2024 年换届' });
    await core.call('unit.update', { id: unit.id, note: '2024 年换届' }); // no change, no line
    await core.call('unit.delete', { id: unit.id });
    const log = await core.call('audit.list', { entityId: unit.id });
    expect(log.map((l) => l.action)).toEqual(['delete', 'update', 'create']);
    expect(log.every((l) => l.operator === '张会计' && l.entity === 'unit' && l.at === '2024-06-15T01:00:00.000Z')).toBe(true);
    expect(log[2]).toMatchObject({ before: null, after: { name: '寄递党支部', note: '' } });
    expect(log[1]).toMatchObject({ before: { note: '' }, after: { note: '2024 年换届' } });
    expect(log[0]).toMatchObject({ before: { name: '寄递党支部' }, after: null });
  });

  it('names the operator from the ledger setting when none is given', async () => {
    const core = memoryCore();
    const { db } = core;
    const { createCore } = await import('../../electron/core');
    const plain = createCore(db, { now: () => new Date('2024-06-15T01:00:00Z') });
    await plain.call('settings.set', { operator: '李文书' });
    const u = await plain.call('unit.create', { name: '机关党支部', kind: '党支部' });
    expect((await plain.call('audit.list', { entityId: u.id }))[0]?.operator).toBe('李文书');
    const settingLog = await plain.call('audit.list', { entity: 'setting' });
    expect(settingLog[0]).toMatchObject({ entityId: 'operator', before: '', after: '李文书' });
  });

  it('writes nothing to the log for a refused call', async () => {
    const core = memoryCore();
    await core.dispatch('unit.create', { name: '', kind: '党支部' });
    await core.dispatch('unit.create', { name: '支部', kind: '协会' });
    expect(await core.call('audit.list', {})).toEqual([]);
  });
});
