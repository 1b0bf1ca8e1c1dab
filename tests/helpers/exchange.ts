import path from 'node:path';
import type { Core } from '../../electron/core';
import { memoryCore } from './core';

/**
 * Offices for the exchange tests: each its own ledger, typing its own
 * reference records (so the same unit or person has a different id at every
 * office, as in real life).
 */
export interface Office {
  core: Core;
  name: string;
  unitId: (name: string) => string;
  personId: (name: string) => string;
  campaignId: string;
}

export const COMMITTEE = '中共汉中市邮政分公司委员会';
export const CAMPAIGN = '2024年度党支部“领题破题”活动';

async function unitsOf(core: Core) {
  const byName = new Map<string, string>();
  for (const u of await core.call('unit.list', {})) byName.set(u.name, u.id);
  return byName;
}

/** An office's ledger with the committee, its own branch (if any), a department and the campaign, typed there. */
export async function openOffice(name: string, opts: { branch?: string; department?: string; operator?: string } = {}): Promise<Office> {
  const core = memoryCore({ operator: opts.operator ?? name });
  const committee = await core.call('unit.create', { name: COMMITTEE, kind: '党委' });
  if (opts.branch) await core.call('unit.create', { name: opts.branch, kind: '党支部', parentId: committee.id });
  if (opts.department) await core.call('unit.create', { name: opts.department, kind: '部门', parentId: committee.id });
  const campaign = await core.call('campaign.create', { name: CAMPAIGN, year: 2024, committeeId: committee.id });
  const office: Office = {
    core,
    name,
    campaignId: campaign.id,
    unitId: () => '',
    personId: () => '',
  };
  const units = await unitsOf(core);
  office.unitId = (n) => {
    const id = units.get(n) ?? (core.db.prepare('SELECT id FROM units WHERE name = ?').get(n) as { id: string } | undefined)?.id;
    if (!id) throw new Error(`no unit ${n} at ${name}`);
    return id;
  };
  office.personId = (n) => {
    const row = core.db.prepare('SELECT id FROM people WHERE name = ?').get(n) as { id: string } | undefined;
    if (!row) throw new Error(`no person ${n} at ${name}`);
    return row.id;
  };
  return office;
}

export const pkg = (dir: string, name: string) => path.join(dir, `${name}.ldgx`);
