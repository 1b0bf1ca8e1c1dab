import type { organisationContract } from '../../../shared/contract/organisation';
import type { Campaign, Person, Unit } from '../../../shared/domain/schemas';
import type { CoreContext } from '../context';
import { camelRow, likeArg, stmt, type Row } from '../db/statements';
import { tables } from '../db/tables';
import { LedgerError, notFound } from '../errors';
import { onConflict, requireRef, requireUnitKind } from './guards';
import type { Handlers } from './handlers';
import { CAMPAIGN_ORDER, assertOrder, merged } from './rules';

const UNIT_SQL = `SELECT u.*, p.name AS parent_name FROM units u LEFT JOIN units p ON p.id = u.parent_id`;
const PERSON_SQL = `SELECT p.*, u.name AS unit_name FROM people p LEFT JOIN units u ON u.id = p.unit_id`;
const CAMPAIGN_SQL = `SELECT c.*, u.name AS committee_name FROM campaigns c LEFT JOIN units u ON u.id = c.committee_id`;

export function readUnit(ctx: CoreContext, id: string): Unit {
  const row = stmt(ctx.db, `${UNIT_SQL} WHERE u.id = ?`).get(id) as Row | undefined;
  if (!row) throw notFound('组织', id);
  return camelRow(row) as Unit;
}
export function readPerson(ctx: CoreContext, id: string): Person {
  const row = stmt(ctx.db, `${PERSON_SQL} WHERE p.id = ?`).get(id) as Row | undefined;
  if (!row) throw notFound('人员', id);
  return camelRow(row) as Person;
}
export function readCampaign(ctx: CoreContext, id: string): Campaign {
  const row = stmt(ctx.db, `${CAMPAIGN_SQL} WHERE c.id = ?`).get(id) as Row | undefined;
  if (!row) throw notFound('活动', id);
  return camelRow(row) as Campaign;
}

/** A unit may not become its own ancestor. */
function assertNoCycle(ctx: CoreContext, id: string, parentId: string | null | undefined): void {
  if (!parentId) return;
  const hit = stmt(
    ctx.db,
    `WITH RECURSIVE up(id) AS (SELECT ? UNION SELECT u.parent_id FROM units u JOIN up ON u.id = up.id WHERE u.parent_id IS NOT NULL)
     SELECT 1 FROM up WHERE id = ?`,
  ).get(parentId, id);
  if (hit) throw new LedgerError('VALIDATION', '「上级组织」不能是该组织自己或它的下级。');
}

/** Why a record cannot be deleted, counted from what still points at it. */
function usage(ctx: CoreContext, checks: [sql: string, what: string][], id: string): string[] {
  const uses: string[] = [];
  for (const [sql, what] of checks) {
    const placeholders = sql.split('?').length - 1;
    const { n } = stmt(ctx.db, sql).get(...Array<string>(placeholders).fill(id)) as { n: number };
    if (n > 0) uses.push(`${n} ${what}`);
  }
  return uses;
}

const personConflict = (ctx: CoreContext, name: string, unitId: string | null | undefined) =>
  `${unitId ? `「${readUnit(ctx, unitId).name}」中` : '未填单位的人员中'}已有名为「${name}」的人员（同一单位同名视为同一人）。`;

export const organisationHandlers: Handlers<typeof organisationContract> = {
  'unit.create': (ctx, input) => {
    requireRef(ctx, 'units', input.parentId, '上级组织');
    const id = onConflict(`已有名为「${input.name}」的组织。`, () => tables.unit.insert(ctx, input), 'name');
    return readUnit(ctx, id);
  },
  'unit.update': (ctx, { id, ...patch }) => {
    tables.unit.get(ctx, id);
    requireRef(ctx, 'units', patch.parentId, '上级组织');
    assertNoCycle(ctx, id, patch.parentId);
    onConflict(`已有名为「${patch.name}」的组织。`, () => tables.unit.update(ctx, id, patch), 'name');
    return readUnit(ctx, id);
  },
  'unit.delete': (ctx, { id }) => {
    const unit = readUnit(ctx, id);
    const uses = usage(
      ctx,
      [
        ['SELECT count(*) AS n FROM units WHERE parent_id = ?', '个下级组织'],
        ['SELECT count(*) AS n FROM people WHERE unit_id = ?', '名人员'],
        ['SELECT count(*) AS n FROM topics WHERE branch_id = ? OR lead_department_id = ? OR committee_id = ?', '项课题'],
        ['SELECT count(*) AS n FROM campaigns WHERE committee_id = ?', '个活动'],
      ],
      id,
    );
    if (uses.length) throw new LedgerError('IN_USE', `组织「${unit.name}」仍有${uses.join('、')}，不能删除。`);
    tables.unit.remove(ctx, id);
    return { id, deleted: true as const };
  },
  'unit.list': (ctx, { kind }) => {
    const rows = kind
      ? stmt(ctx.db, `${UNIT_SQL} WHERE u.kind = ? ORDER BY u.kind, u.name`).all(kind)
      : stmt(ctx.db, `${UNIT_SQL} ORDER BY u.kind, u.name`).all();
    return (rows as Row[]).map(camelRow) as Unit[];
  },

  'person.create': (ctx, input) => {
    requireRef(ctx, 'units', input.unitId, '所在单位');
    const id = onConflict(personConflict(ctx, input.name, input.unitId), () => tables.person.insert(ctx, input), 'name');
    return readPerson(ctx, id);
  },
  'person.update': (ctx, { id, ...patch }) => {
    const before = tables.person.get(ctx, id);
    requireRef(ctx, 'units', patch.unitId, '所在单位');
    const name = patch.name ?? (before.name as string);
    const unitId = patch.unitId !== undefined ? patch.unitId : (before.unitId as string | null);
    onConflict(personConflict(ctx, name, unitId), () => tables.person.update(ctx, id, patch), 'name');
    return readPerson(ctx, id);
  },
  'person.delete': (ctx, { id }) => {
    const person = readPerson(ctx, id);
    const uses = usage(
      ctx,
      [
        ['SELECT count(*) AS n FROM subtopic_owners WHERE person_id = ?', '项小课题的责任人'],
        ['SELECT count(*) AS n FROM topics WHERE leader_id = ?', '项课题的负责人'],
      ],
      id,
    );
    if (uses.length) throw new LedgerError('IN_USE', `「${person.name}」仍是${uses.join('、')}，不能删除；请先更换责任人。`);
    tables.person.remove(ctx, id);
    return { id, deleted: true as const };
  },
  'person.list': (ctx, { unitId, q, ids, limit }) => {
    const where: string[] = [];
    const params: unknown[] = [];
    if (unitId) {
      where.push('p.unit_id = ?');
      params.push(unitId);
    }
    if (q) {
      where.push("p.name LIKE ? ESCAPE '\\'");
      params.push(likeArg(q));
    }
    if (ids) {
      where.push(`p.id IN (SELECT value FROM json_each(?))`);
      params.push(JSON.stringify(ids));
    }
    // A search lists the names that start with what was typed first.
    const order = q ? "ORDER BY (p.name LIKE ? ESCAPE '\\') DESC, length(p.name), p.name, u.name" : 'ORDER BY u.name, p.name';
    if (q) params.push(likeArg(q).slice(1));
    const sql = `${PERSON_SQL} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ${order} LIMIT ?`;
    return (stmt(ctx.db, sql).all(...params, limit ?? -1) as Row[]).map(camelRow) as Person[];
  },

  'campaign.create': (ctx, input) => {
    requireUnitKind(ctx, input.committeeId, '出题党委', ['党委']);
    assertOrder(input, CAMPAIGN_ORDER);
    const id = onConflict(`已有名为「${input.name}」的活动。`, () => tables.campaign.insert(ctx, input), 'name');
    return readCampaign(ctx, id);
  },
  'campaign.update': (ctx, { id, ...patch }) => {
    const stored = tables.campaign.get(ctx, id);
    requireUnitKind(ctx, patch.committeeId, '出题党委', ['党委']);
    assertOrder(merged(stored, patch), CAMPAIGN_ORDER);
    onConflict(`已有名为「${patch.name}」的活动。`, () => tables.campaign.update(ctx, id, patch), 'name');
    return readCampaign(ctx, id);
  },
  'campaign.delete': (ctx, { id }) => {
    const campaign = readCampaign(ctx, id);
    const { n } = stmt(ctx.db, 'SELECT count(*) AS n FROM topics WHERE campaign_id = ?').get(id) as { n: number };
    if (n) throw new LedgerError('IN_USE', `活动「${campaign.name}」下还有 ${n} 项课题，不能删除。`);
    tables.campaign.remove(ctx, id);
    return { id, deleted: true as const };
  },
  'campaign.list': (ctx) => (stmt(ctx.db, `${CAMPAIGN_SQL} ORDER BY c.year DESC, c.name`).all() as Row[]).map(camelRow) as Campaign[],
};
