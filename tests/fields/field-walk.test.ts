import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core';
import { headerKey } from '../../electron/core/import/values';
import { CHECKLIST, INDICATOR, PERSON, PROGRESS, SHEETS, SUBTOPIC, TOPIC, excelColumns, type EntityDesc, type FieldDesc } from '../../shared/fields';
import { fileCore, memoryCore, tempDir } from '../helpers/core';
import { pdfText, squash } from '../pdf/pdfText';

/*
 * Every described field of every entity, walked through each layer that
 * carries it: the form's rule (the zod rule the forms and the contract share),
 * the exported workbook, a re-import into an empty ledger (the value read back
 * equals the one written) and the printed ledger. The values are made from
 * each field's kind, so a field added to a description is walked without a
 * line here; a field the workbook does not carry must say why (offSheet).
 */

const ENTITIES: readonly EntityDesc[] = [TOPIC, SUBTOPIC, PERSON, INDICATOR, CHECKLIST, PROGRESS];

/** The names the links are made with: a link travels as the name the sheet shows. */
const NAMES = { leadDepartmentId: '市寄递事业部', branchId: '寄递事业部党支部', leaderId: '王建华', ownerIds: '张伟', unitId: '寄递事业部党支部' } as Record<string, string>;
/** Values the core's own rules ask for (a topic with sub-topics is 破题中; an edit sets only the states an edit may set). */
const CHOSEN: Record<string, unknown> = { 'topic.status': '破题中', 'subtopic.status': '推进中' };

/** A value of the field's kind, distinct per field (the field's place in its entity). */
function sample(entity: EntityDesc, f: FieldDesc): unknown {
  const i = entity.fields.indexOf(f);
  const chosen = CHOSEN[`${entity.name}.${f.key}`];
  if (chosen !== undefined) return chosen;
  switch (f.kind) {
    case 'text':
      // Short enough for the field and for a narrow printed column (序号).
      return f.max !== null && f.max <= 50 ? `${f.label.slice(0, 2)}${i}` : `${f.label}的样例文字${i}`;
    case 'number':
      return 10 + i + 0.25;
    case 'date':
      return `2026-03-${String(10 + i).padStart(2, '0')}`;
    case 'enum': {
      // Not the default: a value that only arrives if the field travels.
      const fallback = f.zod!.safeParse(undefined).data;
      return f.values!.find((v) => v !== fallback);
    }
    case 'bool':
      return f.zod!.parse(undefined) === true ? false : true;
    default:
      return undefined;
  }
}

describe('every described field, form rule', () => {
  for (const entity of ENTITIES) {
    for (const f of entity.fields) {
      it(`${entity.label}「${f.label}」`, () => {
        // Either the contract takes it, with the rule its form shows, or it is derived and says so in its kind.
        if (!f.zod) return expect(f.kind).toBe('derived');
        // A field the standard workbook does not carry says why.
        if (!f.excel) expect(f.offSheet, `${entity.label}「${f.label}」不在标准台账中，却没有说明原因`).toBeTruthy();
        const v = sample(entity, f);
        if (v !== undefined) expect(f.zod.safeParse(v).success, `${f.label} = ${String(v)}`).toBe(true);
        if (f.kind === 'text' && f.max !== null) {
          // Over-long input is refused with a Chinese sentence naming the field: never cut.
          const r = f.zod.safeParse('字'.repeat(f.max + 1));
          expect(r.success).toBe(false);
          expect(r.error?.issues[0]?.message).toBe(`${f.label}不能超过 ${f.max} 个字`);
        }
        if (f.kind === 'text' && f.required) expect(f.zod.safeParse('').error?.issues[0]?.message).toBe(`${f.label}不能为空`);
        if (f.kind === 'number') expect(f.zod.safeParse('一百').error?.issues[0]?.message).toBe(`${f.label}应为数字`);
        if (f.kind === 'date') expect(f.zod.safeParse('2026-02-30').success).toBe(false);
      });
    }
  }
});

describe('every workbook column the import reads back is headed with one of its own words', () => {
  for (const sheet of SHEETS) {
    for (const { field, excel } of excelColumns(sheet).filter((c) => c.field.reimport !== 'notImported')) {
      it(`${sheet.name}「${excel.header}」`, () => expect(field.synonyms).toContain(headerKey(excel.header)));
    }
  }
});

/** The fields a record is created with: every described field that has a sample, links by the ids made for their names. */
function valuesOf(entity: EntityDesc, ids: Record<string, string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of entity.fields) {
    if (!f.zod || f.kind === 'id' || f.kind === 'order') continue;
    if (f.kind === 'ref' || f.kind === 'people') {
      const name = NAMES[f.key];
      if (name) out[f.key] = f.kind === 'people' ? [ids[name]] : ids[name];
      continue;
    }
    if (!f.excel) continue; // what the workbook does not carry is not walked through it
    const v = sample(entity, f);
    if (v !== undefined) out[f.key] = v;
  }
  return out;
}

/** A stored record's value of a field, links as names (what the sheet carries). */
function storedValue(f: FieldDesc, record: Record<string, unknown>, names: Map<string, string>): unknown {
  const v = record[f.key];
  if (f.kind === 'people') return (record.owners as { name: string }[]).map((o) => o.name);
  if (f.kind === 'ref') return v ? names.get(v as string) : v;
  return v;
}
const expectedValue = (f: FieldDesc, v: unknown, names: Map<string, string>) =>
  f.kind === 'people' ? (v as string[]).map((id) => names.get(id)) : f.kind === 'ref' ? names.get(v as string) : v;

describe('every field the workbook carries: export → import → same value → printed', () => {
  const dir = tempDir();
  let source: Core;
  let target: Core;
  const written = new Map<EntityDesc, Record<string, unknown>>();
  const sourceNames = new Map<string, string>();
  const targetNames = new Map<string, string>();
  let read: Map<EntityDesc, Record<string, unknown>>;
  let printed = '';

  beforeAll(async () => {
    source = memoryCore();
    const campaign = await source.call('campaign.create', { name: '2026年度“领题破题”活动', year: 2026 });
    const ids: Record<string, string> = {};
    const dept = await source.call('unit.create', { name: NAMES.leadDepartmentId!, kind: '部门' });
    const branch = await source.call('unit.create', { name: NAMES.branchId!, kind: '党支部' });
    ids[dept.name] = dept.id;
    ids[branch.name] = branch.id;
    const leader = await source.call('person.create', { name: NAMES.leaderId!, unitId: branch.id });
    ids[leader.name] = leader.id;
    const person = { ...valuesOf(PERSON, ids), name: NAMES.ownerIds!, unitId: branch.id };
    const owner = await source.call('person.create', person as never);
    ids[owner.name] = owner.id;
    written.set(PERSON, person);
    for (const [name, id] of Object.entries(ids)) sourceNames.set(id, name);

    const topic = { ...valuesOf(TOPIC, ids), campaignId: campaign.id };
    const t = await source.call('topic.create', topic as never);
    written.set(TOPIC, topic);
    const sub = { ...valuesOf(SUBTOPIC, ids), topicId: t.id };
    await source.call('subtopic.create', sub as never);
    written.set(SUBTOPIC, sub);
    const indicator = { ...valuesOf(INDICATOR, ids), topicId: t.id };
    await source.call('indicator.create', indicator as never);
    written.set(INDICATOR, indicator);
    const item = { ...valuesOf(CHECKLIST, ids), topicId: t.id };
    await source.call('checklist.create', item as never);
    written.set(CHECKLIST, item);

    const file = path.join(dir, 'walk.xlsx');
    await source.call('export.ledger', { out: file });
    target = fileCore(path.join(dir, 'target.db'));
    const r = await target.dispatch('import.commit', { file, campaign: '2026年度“领题破题”活动' });
    if (!r.ok) throw new Error(r.error.message);
    expect((r.data as { issues: { severity: string; message: string }[] }).issues.filter((i) => i.severity === 'error')).toEqual([]);

    for (const u of await target.call('unit.list', {})) targetNames.set(u.id, u.name);
    const people = await target.call('person.list', {});
    for (const p of people) targetNames.set(p.id, p.name);
    const [back] = await target.call('topic.list', {});
    const detail = await target.call('topic.get', { id: back!.id });
    read = new Map<EntityDesc, Record<string, unknown>>([
      [TOPIC, detail.topic],
      [SUBTOPIC, detail.subtopics[0]!],
      [PERSON, people.find((p) => p.name === NAMES.ownerIds)!],
      [INDICATOR, detail.indicators[0]!],
      [CHECKLIST, detail.checklist[0]!],
    ] as [EntityDesc, Record<string, unknown>][]);

    // Topics and sub-topics are printed in the ledger, indicators in the closure report.
    const ledgerPdf = path.join(dir, 'walk.pdf');
    await target.call('report.ledger', { out: ledgerPdf });
    const closurePdf = path.join(dir, 'closure.pdf');
    await target.call('report.closure', { topicId: back!.id, out: closurePdf });
    printed = squash(pdfText(ledgerPdf, { raw: true }) + pdfText(closurePdf, { raw: true }));
  });

  for (const entity of [TOPIC, SUBTOPIC, PERSON, INDICATOR, CHECKLIST]) {
    for (const f of entity.fields.filter((x) => x.excel && x.zod && x.kind !== 'id' && x.kind !== 'order')) {
      it(`${entity.label}「${f.label}」`, () => {
        const w = written.get(entity)!;
        expect(w[f.key], `${f.label} was not written`).not.toBeUndefined();
        const want = expectedValue(f, w[f.key], sourceNames);
        expect(storedValue(f, read.get(entity)!, targetNames)).toEqual(want);
        if (f.pdf) {
          const [y, m, d] = f.kind === 'date' ? (want as string).split('-').map(Number) : [];
          const text = Array.isArray(want) ? [want.join('、')] : f.kind === 'date' ? [`${y}.${m}.${d}`, `${y}年${m}月${d}日`] : [String(want)];
          expect(text.some((t) => printed.includes(squash(t))), `「${f.label}」 is not printed`).toBe(true);
        }
      });
    }
  }
});
