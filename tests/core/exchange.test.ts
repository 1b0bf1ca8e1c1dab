import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core';
import { decodeChangeset, encodeChangeset } from '../../electron/core/exchange/changeset';
import { encodePackage, readPackage } from '../../electron/core/exchange/packageFile';
import { summarySentence } from '../../electron/core/services/stats';
import { count, tempDir } from '../helpers/core';
import { COMMITTEE, openOffice, pkg, type Office } from '../helpers/exchange';

/*
 * Three ledgers, as at three offices: two branches (A, B) and the city
 * committee (C), each typing its own units, people and campaign, exchanging
 * .ldgx packages both ways over several rounds.
 */

const A = '寄递事业部党支部';
const B = '城固县分公司党支部';
const DEPT = '市寄递事业部';
const TITLE = '提升特快业务收入';

/** Everything a refused import must leave as it was. */
function fingerprint(core: Core): string {
  const tables = ['units', 'people', 'campaigns', 'topics', 'subtopics', 'subtopic_owners', 'progress_entries', 'indicators', 'commendations', 'audit_log', 'exchange_log', 'exchange_inbox', 'exchange_conflicts', 'exchange_id_map'];
  return JSON.stringify([tables.map((t) => count(core, t)), core.db.prepare('SELECT id, goal, note, status FROM topics ORDER BY id').all()]);
}

const stat = async (o: Office) => {
  const s = await o.core.call('stats.get', {});
  return { topics: s.topics, subtopics: s.subtopics, people: s.people, party: s.party, backbone: s.backbone, closedSubtopics: s.closedSubtopics, indicators: s.indicators, indicatorsMet: s.indicatorsMet };
};
const sum = (a: Record<string, number>, b: Record<string, number>) => Object.fromEntries(Object.keys(a).map((k) => [k, a[k]! + b[k]!]));

async function topicAt(o: Office, title: string, branch: string) {
  const id = o.unitId(branch);
  const row = o.core.db.prepare('SELECT * FROM topics WHERE title = ? AND branch_id = ?').get(title, id) as Record<string, unknown> | undefined;
  if (!row) throw new Error(`${o.name} has no topic ${title} of ${branch}`);
  return row;
}

/** A changeset whose new topics carry another status (re-encoded, checksum and all: only the ledger's rules can refuse it). */
function withTopicStatus(changeset: Uint8Array, columns: string[], status: string): Uint8Array {
  const at = columns.indexOf('status');
  const blocks = decodeChangeset(changeset).map((b) =>
    b.table !== 'topics' ? b : { ...b, changes: b.changes.map((c) => (c.new ? { ...c, new: c.new.map((v, i) => (i === at ? status : v)) } : c)) },
  );
  // The codec reads back what it writes.
  expect(decodeChangeset(encodeChangeset(decodeChangeset(changeset)))).toEqual(decodeChangeset(changeset));
  return encodeChangeset(blocks);
}

/** When the committee's last import happened (its exchange log). */
const r1ExchangedAt = (o: Office) => (o.core.db.prepare("SELECT max(at) AS at FROM exchange_log WHERE direction = 'import'").get() as { at: string }).at;

/** Each branch's first state: the same prescribed topic title at both, sub-topics, owners, entries. */
async function setUp() {
  const dir = tempDir('exchange-');
  const a = await openOffice('A', { branch: A, department: DEPT });
  const b = await openOffice('B', { branch: B, department: DEPT });
  // The committee typed A's branch and one of its people itself, before any exchange.
  const c = await openOffice('C', { branch: A, department: DEPT });
  await c.core.call('person.create', { name: '王建华', unitId: c.unitId(A), politicalStatus: '中共党员', category: '党员' });

  const wang = await a.core.call('person.create', { name: '王建华', unitId: a.unitId(A), politicalStatus: '中共党员', category: '党员' });
  const li = await a.core.call('person.create', { name: '李敏', unitId: a.unitId(DEPT), category: '业务骨干' });
  const ta = await a.core.call('topic.create', { campaignId: a.campaignId, title: TITLE, source: '规定课题', branchId: a.unitId(A), leadDepartmentId: a.unitId(DEPT), leaderId: wang.id, status: '破题中', goal: 'A目标1' });
  const sa1 = await a.core.call('subtopic.create', { topicId: ta.id, title: '商户走访', ownerIds: [wang.id, li.id], deadline: '2024-05-31', measures: '逐户走访' });
  await a.core.call('subtopic.create', { topicId: ta.id, title: '党员承诺', ownerIds: [wang.id], deadlineText: '长期坚持' });
  const pa = await a.core.call('progress.create', { topicId: ta.id, subtopicId: sa1.id, entryDate: '2024-06-01', kind: '每周汇报', content: '走访20户' });
  await a.core.call('indicator.create', { topicId: ta.id, name: '特快业务收入', unit: '万元', target: 680, actual: 700 });

  const yang = await b.core.call('person.create', { name: '杨帆', unitId: b.unitId(B), politicalStatus: '中共党员', category: '党员' });
  const zhou = await b.core.call('person.create', { name: '周静', unitId: b.unitId(B), category: '业务骨干' });
  const tb = await b.core.call('topic.create', { campaignId: b.campaignId, title: TITLE, source: '规定课题', branchId: b.unitId(B), leadDepartmentId: b.unitId(DEPT), leaderId: yang.id, status: '破题中', goal: 'B目标1' });
  await b.core.call('subtopic.create', { topicId: tb.id, title: '县域揽收', ownerIds: [yang.id, zhou.id], deadline: '2024-08-31' });
  return { dir, a, b, c, ids: { wang: wang.id, ta: ta.id, sa1: sa1.id, pa: pa.id, tb: tb.id } };
}

describe('exchange between two branches and the committee', () => {
  it('carries both ways over several rounds: mapping, three-way review, conflicts, lost and repeated packages, deletions', async () => {
    const { dir, a, b, c, ids } = await setUp();
    const statsA0 = await stat(a);
    const statsB0 = await stat(b);

    // ── Round 1: both branches send up; the committee imports a folder of packages at once.
    const up = path.join(dir, 'up1');
    fs.mkdirSync(up);
    await a.core.call('exchange.export', { unitId: a.unitId(A), out: pkg(up, 'A-1') });
    await b.core.call('exchange.export', { unitId: b.unitId(B), out: pkg(up, 'B-1') });
    const r1 = await c.core.call('exchange.import', { files: [pkg(up, 'A-1'), pkg(up, 'B-1')] });
    expect(r1.packages.map((p) => [p.sourceUnit, p.applied])).toEqual([[A, [1]], [B, [1]]]);
    // Records keep their ids: the same title twice in the campaign, one per branch.
    const topics = c.core.db.prepare('SELECT id, title FROM topics ORDER BY id').all();
    expect(topics).toEqual([{ id: ids.ta, title: TITLE }, { id: ids.tb, title: TITLE }].sort((x, y) => (x.id < y.id ? -1 : 1)));
    // Reference records typed at both offices became one, by name (and unit), and the clerk is told.
    const mappedA = r1.packages[0]!.mappings.map((m) => `${m.table}:${m.name}`).sort();
    expect(mappedA).toEqual(['campaigns:2024年度党支部“领题破题”活动', `people:王建华`, `units:${A}`, `units:${COMMITTEE}`, `units:${DEPT}`].sort());
    expect(count(c.core, 'units')).toBe(4); // committee, A, dept, B (new)
    expect(count(c.core, 'campaigns')).toBe(1);
    expect((await topicAt(c, TITLE, A)).leader_id).toBe(c.personId('王建华'));
    // The committee's figures are the sum of the branches'.
    expect(await stat(c)).toEqual(sum(statsA0, statsB0));
    // Where each record came from.
    expect(c.core.db.prepare("SELECT source_unit_name AS s FROM exchange_provenance WHERE tbl = 'topics' AND row_id = ?").get(ids.tb)).toEqual({ s: B });
    // …shown in the topic list and the topic's page: the office and when it was last exchanged.
    const listed = await c.core.call('topic.list', { campaignId: c.campaignId });
    expect(listed.map((t) => [t.id, t.sourceUnit]).sort()).toEqual([[ids.ta, A], [ids.tb, B]].sort());
    expect(listed.every((t) => t.exchangedAt === r1ExchangedAt(c))).toBe(true);
    expect((await c.core.call('topic.get', { id: ids.tb })).topic).toMatchObject({ sourceUnit: B, exchangedAt: r1ExchangedAt(c) });
    expect((await a.core.call('topic.get', { id: ids.ta })).topic).toMatchObject({ sourceUnit: null, exchangedAt: null }); // typed there

    // ── Round 2: A and the committee both change the topic's goal; A also a sub-topic, the committee a note.
    await a.core.call('topic.update', { id: ids.ta, goal: 'A目标2' });
    await a.core.call('subtopic.update', { id: ids.sa1, measures: '逐户走访，建立台账' });
    const topicC = (await topicAt(c, TITLE, A)).id as string;
    await c.core.call('topic.update', { id: topicC, goal: '党委改的目标', note: '党委备注' });
    await a.core.call('exchange.export', { unitId: a.unitId(A), out: pkg(dir, 'A-2') });
    const r2 = await c.core.call('exchange.import', { files: [pkg(dir, 'A-2')] });
    // The package carries 1 and 2 (the committee has not acknowledged 1 yet): 1 is skipped, 2 applied.
    expect(r2.packages[0]!.applied).toEqual([2]);
    expect(r2.packages[0]!.counts).toMatchObject({ updated: 1, conflicts: 1 });
    const afterR2 = await topicAt(c, TITLE, A);
    expect(afterR2).toMatchObject({ goal: '党委改的目标', note: '党委备注' }); // nothing overwritten silently
    expect(c.core.db.prepare('SELECT measures FROM subtopics WHERE id = ?').get(ids.sa1)).toEqual({ measures: '逐户走访，建立台账' });
    const [conflict] = await c.core.call('exchange.conflicts', {});
    expect(conflict).toMatchObject({ sourceUnit: A, entityLabel: '课题', record: TITLE, column: 'goal', base: '"A目标1"', theirs: '"A目标2"', ours: '"党委改的目标"', status: 'open' });
    expect(conflict!.columnLabel).not.toBe('goal'); // the field's Chinese label
    const decided = await c.core.call('exchange.resolve', { id: conflict!.id, choice: 'theirs' });
    expect(decided.status).toBe('theirs');
    expect((await topicAt(c, TITLE, A)).goal).toBe('A目标2');
    expect(await c.core.call('exchange.conflicts', {})).toEqual([]);

    // ── Down: the committee's note, a 点题 topic for B and a commendation for A go to the branches.
    const issued = await c.core.call('topic.create', { campaignId: c.campaignId, title: '网点服务提升', source: '细化课题', assignment: '点题', branchId: c.unitId(B), leadDepartmentId: c.unitId(DEPT) });
    await c.core.call('commendation.create', { campaignId: c.campaignId, topicId: topicC, unitId: c.unitId(A), award: '优秀课题' });
    await c.core.call('exchange.export', { unitId: c.unitId(A), out: pkg(dir, 'C-A-1') });
    await c.core.call('exchange.export', { unitId: c.unitId(B), out: pkg(dir, 'C-B-1') });
    const dA = await a.core.call('exchange.import', { files: [pkg(dir, 'C-A-1')] });
    expect(dA.packages[0]!.counts.conflicts).toBe(0);
    expect((await topicAt(a, TITLE, A))).toMatchObject({ goal: 'A目标2', note: '党委备注' });
    expect(await a.core.call('commendation.list', {})).toMatchObject([{ topicId: ids.ta, unitName: A, award: '优秀课题' }]);
    await b.core.call('exchange.import', { files: [pkg(dir, 'C-B-1')] });
    expect((await topicAt(b, '网点服务提升', B)).id).toBe(issued.id);
    // The issued topic is B's now: B names its own unit rows for it.
    expect(count(b.core, 'units')).toBe(3);

    // ── Round 3: A's package is lost on the way; the next one carries everything since.
    const pa2 = await a.core.call('progress.create', { topicId: ids.ta, entryDate: '2024-06-08', kind: '推进会', content: '第二次推进会' });
    await a.core.call('exchange.export', { unitId: a.unitId(A), out: pkg(dir, 'A-3-lost') });
    await a.core.call('progress.delete', { id: ids.pa });
    await a.core.call('subtopic.update', { id: ids.sa1, status: '推进中' });
    const a4 = await a.core.call('exchange.export', { unitId: a.unitId(A), out: pkg(dir, 'A-4') });
    expect(a4.seqs).toEqual([3, 4]); // the committee acknowledged 2 in its package down
    const r4 = await c.core.call('exchange.import', { files: [pkg(dir, 'A-4')] });
    expect(r4.packages[0]!.applied).toEqual([3, 4]);
    expect(c.core.db.prepare('SELECT content FROM progress_entries WHERE topic_id = ? ORDER BY entry_date').all(topicC)).toEqual([{ content: '第二次推进会' }]);
    expect(c.core.db.prepare('SELECT id FROM progress_entries WHERE id = ?').get(pa2.id)).toBeTruthy();

    // ── The same package again, and the lost one found later: nothing changes.
    const before = fingerprint(c.core);
    const again = await c.core.call('exchange.import', { files: [pkg(dir, 'A-4'), pkg(dir, 'A-3-lost')] });
    expect(again.packages.every((p) => p.applied.length === 0)).toBe(true);
    expect(again.backupFile).toBeNull();
    expect(fingerprint(c.core)).toBe(before);

    // ── B's own round: B works on the issued topic and both sides change the same field; the committee keeps its value.
    await b.core.call('topic.update', { id: issued.id, goal: 'B的目标', status: '破题中' });
    await c.core.call('topic.update', { id: issued.id, goal: '党委的目标' });
    await b.core.call('exchange.export', { unitId: b.unitId(B), out: pkg(dir, 'B-2') });
    const rb = await c.core.call('exchange.import', { files: [pkg(dir, 'B-2')] });
    expect(rb.packages[0]!.counts).toMatchObject({ conflicts: 1 });
    const [cb] = await c.core.call('exchange.conflicts', {});
    expect(cb).toMatchObject({ column: 'goal', theirs: '"B的目标"', ours: '"党委的目标"', base: '""' });
    expect((await topicAt(c, '网点服务提升', B)).status).toBe('破题中'); // the column only B changed was taken
    await c.core.call('exchange.resolve', { id: cb!.id, choice: 'ours' });
    // Kept here, and sent down: B, which still has its own value where the committee last knew it, takes the committee's.
    await c.core.call('exchange.export', { unitId: c.unitId(B), out: pkg(dir, 'C-B-2') });
    await b.core.call('exchange.import', { files: [pkg(dir, 'C-B-2')] });
    expect((await topicAt(b, '网点服务提升', B)).goal).toBe('党委的目标');

    // ── After every round the committee's figures are the sum of the branches'.
    await a.core.call('exchange.export', { unitId: a.unitId(A), out: pkg(dir, 'A-5') });
    await b.core.call('exchange.export', { unitId: b.unitId(B), out: pkg(dir, 'B-3') });
    await c.core.call('exchange.import', { files: [pkg(dir, 'A-5'), pkg(dir, 'B-3')] });
    expect(await stat(c)).toEqual(sum(await stat(a), await stat(b)));
    // Cut by office: each branch's figures at the committee are the branch's own.
    for (const [o, unit] of [[a, A], [b, B]] as const) {
      expect(await c.core.call('stats.get', { unitId: c.unitId(unit) })).toEqual(await o.core.call('stats.get', { unitId: o.unitId(unit) }));
    }
    // Cut by source office: the topics each branch's packages brought are the branch's own figures.
    for (const [o, unit] of [[a, A], [b, B]] as const) {
      const own = await o.core.call('stats.get', { unitId: o.unitId(unit) });
      expect(await c.core.call('stats.get', { sourceUnitId: c.unitId(unit) })).toEqual(own);
      const cut = await c.core.call('dashboard.get', { campaignId: c.campaignId, sourceUnitId: c.unitId(unit) });
      expect(cut.stats).toEqual(own);
      expect(cut.byBranch.map((g) => g.name)).toEqual([unit]);
    }
    // The roll-up at the committee: its quoted sentence is the sum of every imported branch, and its per-branch table lists each.
    const rollUp = await c.core.call('dashboard.get', { campaignId: c.campaignId });
    expect(rollUp.stats.summary).toBe(summarySentence(sum(await stat(a), await stat(b)) as Parameters<typeof summarySentence>[0]));
    expect(rollUp.byBranch.map((g) => g.name).sort()).toEqual([A, B].sort());
    expect(await c.core.call('exchange.conflicts', {})).toEqual([]);
    // Per office: how far its packages went in, and the records that came from it.
    expect(await c.core.call('exchange.sources', {})).toMatchObject([
      { sourceUnit: B, unitId: c.unitId(B), appliedSeq: 2, topics: 2, subtopics: 1, openConflicts: 0 },
      { sourceUnit: A, unitId: c.unitId(A), appliedSeq: 4, topics: 1, subtopics: 2, progress: 1, openConflicts: 0 },
    ].sort((x, y) => (x.sourceUnit < y.sourceUnit ? -1 : 1)));
    // The last two packages held nothing the committee lacked: each office already had the other's changes.
    // The history lists every package that changed something (A 1, 2, 3–4; B 1, 2) and every export, with the source office.
    const history = await c.core.call('exchange.history', {});
    expect(history.filter((h) => h.direction === 'import').map((h) => `${h.unit} ${h.fromSeq}-${h.toSeq}`).sort()).toEqual([`${A} 1-1`, `${A} 2-2`, `${A} 3-4`, `${B} 1-1`, `${B} 2-2`].sort());
    expect(history.filter((h) => h.direction === 'export')).toHaveLength(3);
    expect(c.core.db.prepare("SELECT count(*) AS n FROM audit_log WHERE entity = 'exchange' AND reason LIKE '%' || ? || '%'").get(A)).toEqual({ n: 3 });
  });

  it('refuses a tampered, truncated, foreign, own or older-schema package with a sentence, changing nothing', async () => {
    const { dir, a, c } = await setUp();
    await a.core.call('exchange.export', { unitId: a.unitId(A), out: pkg(dir, 'good') });
    const good = fs.readFileSync(pkg(dir, 'good'));
    const write = (name: string, data: Uint8Array) => {
      fs.writeFileSync(path.join(dir, name), data);
      return path.join(dir, name);
    };
    const tampered = Buffer.from(good);
    const at = tampered.indexOf(Buffer.from(TITLE));
    tampered.write('降低', at, 'utf8'); // same length, different title
    const { header, changesets } = readPackage(pkg(dir, 'good'));
    const badStatus = withTopicStatus(changesets[0]!, header.columns.topics!, '胡乱填写');
    const cases: [string, string, RegExp][] = [
      ['tampered', write('tampered.ldgx', tampered), /已损坏、不完整或被改动过/],
      ['truncated', write('truncated.ldgx', good.subarray(0, good.length - 100)), /已损坏、不完整或被改动过/],
      ['foreign', write('table.ldgx', Buffer.from('序号,课题\n1,提升\n')), /不是台账交换数据包/],
      ['older', write('older.ldgx', encodePackage({ ...header, schema: '0006_restore_open_deadline_index' }, changesets)), /旧版本的程序导出.*请「寄递事业部党支部」升级程序后重新导出/],
      ['newer', write('newer.ldgx', encodePackage({ ...header, schema: '0099_future' }, changesets)), /更新版本的程序/],
      ['missing', path.join(dir, 'nowhere.ldgx'), /不存在/],
      ['against the rules', write('rules.ldgx', encodePackage({ ...header, changesets: [{ ...header.changesets[0]!, bytes: badStatus.length }] }, [badStatus])), /不符合台账的规则/],
    ];
    const before = fingerprint(c.core);
    for (const [what, file, message] of cases) {
      // Beside a good package: a bad one refuses the whole import.
      const r = await c.core.dispatch('exchange.import', { files: [pkg(dir, 'good'), file] });
      expect(r.ok, what).toBe(false);
      if (!r.ok) expect(r.error.message, what).toMatch(message);
      if (!r.ok) expect(r.error.message, what).toMatch(/未导入任何数据/);
      expect(fingerprint(c.core), what).toBe(before);
    }
    const own = await a.core.dispatch('exchange.import', { files: [pkg(dir, 'good')] });
    expect(own).toMatchObject({ ok: false, error: { message: expect.stringMatching(/本台账自己导出的/) } });
    // The good package alone goes in.
    expect((await c.core.call('exchange.import', { files: [pkg(dir, 'good')] })).packages[0]!.applied).toEqual([1]);
  });

  it('refuses a package whose predecessor never arrived when the gap cannot be filled, changing nothing', async () => {
    const { dir, a, c } = await setUp();
    await a.core.call('exchange.export', { unitId: a.unitId(A), out: pkg(dir, 'A-1') });
    await c.core.call('exchange.import', { files: [pkg(dir, 'A-1')] });
    await a.core.call('topic.update', { id: (await topicAt(a, TITLE, A)).id as string, goal: '二' });
    await a.core.call('exchange.export', { unitId: a.unitId(A), out: pkg(dir, 'A-2') });
    // A package cut down to its second changeset only (as if the committee's ledger had been restored to before 1).
    const { header, changesets } = readPackage(pkg(dir, 'A-2'));
    const fresh = await openOffice('C2', { department: DEPT });
    fs.writeFileSync(pkg(dir, 'A-2-only'), encodePackage({ ...header, changesets: header.changesets.slice(1) }, changesets.slice(1)));
    const before = fingerprint(fresh.core);
    const r = await fresh.core.dispatch('exchange.import', { files: [pkg(dir, 'A-2-only')] });
    expect(r).toMatchObject({ ok: false, error: { message: expect.stringMatching(/缺少「寄递事业部党支部」第 1 号的数据/) } });
    expect(fingerprint(fresh.core)).toBe(before);
  });

  it('turns what a package changes under a topic closed here (已结题/已验收) into conflicts, never applying it silently', async () => {
    const { dir, a, c, ids } = await setUp();
    await a.core.call('exchange.export', { unitId: a.unitId(A), out: pkg(dir, 'A-1') });
    await c.core.call('exchange.import', { files: [pkg(dir, 'A-1')] });
    // The committee has the topic as 已结题 (as after the branch's closure was accepted there).
    c.core.db.prepare("UPDATE topics SET status = '已结题', closed_date = '2024-12-01' WHERE id = ?").run(ids.ta);
    const lockedBefore = JSON.stringify([
      c.core.db.prepare('SELECT goal FROM topics WHERE id = ?').get(ids.ta),
      c.core.db.prepare('SELECT id, measures FROM subtopics ORDER BY id').all(),
      c.core.db.prepare('SELECT id, content FROM progress_entries ORDER BY id').all(),
    ]);
    // Meanwhile the branch changes a field, a sub-topic, adds an entry and deletes one.
    await a.core.call('topic.update', { id: ids.ta, goal: '改过的目标' });
    await a.core.call('subtopic.update', { id: ids.sa1, measures: '改过的措施' });
    const added = await a.core.call('progress.create', { topicId: ids.ta, entryDate: '2024-12-05', kind: '推进会', content: '结题后补记' });
    await a.core.call('progress.delete', { id: ids.pa });
    await a.core.call('exchange.export', { unitId: a.unitId(A), out: pkg(dir, 'A-2') });
    const r = await c.core.call('exchange.import', { files: [pkg(dir, 'A-2')] });
    expect(r.packages[0]!.counts).toMatchObject({ inserted: 0, updated: 0, deleted: 0, conflicts: 4 });
    expect(JSON.stringify([
      c.core.db.prepare('SELECT goal FROM topics WHERE id = ?').get(ids.ta),
      c.core.db.prepare('SELECT id, measures FROM subtopics ORDER BY id').all(),
      c.core.db.prepare('SELECT id, content FROM progress_entries ORDER BY id').all(),
    ])).toBe(lockedBefore);
    const open = await c.core.call('exchange.conflicts', {});
    expect(open.map((x) => [x.entityLabel, x.column, x.record]).sort()).toEqual([
      ['课题', 'goal', TITLE], ['小课题', 'measures', '商户走访'], ['台账记录', '+', '结题后补记'], ['台账记录', '-', '走访20户'],
    ].sort());
    expect(open.find((x) => x.column === '+')!.columnLabel).toBe('整条记录（对方新增）');
    // A person decides: take the new entry and the deletion, keep the rest.
    for (const x of open) await c.core.call('exchange.resolve', { id: x.id, choice: x.column === '+' || x.column === '-' ? 'theirs' : 'ours' });
    expect(c.core.db.prepare('SELECT id, content FROM progress_entries ORDER BY id').all()).toEqual([{ id: added.id, content: '结题后补记' }]);
    expect((await topicAt(c, TITLE, A)).goal).toBe('A目标1');
    // The committee's acceptance still flows down: at the branch, closed too, 已结题 → 已验收 is taken.
    a.core.db.prepare("UPDATE topics SET status = '已结题', closed_date = '2024-12-01' WHERE id = ?").run(ids.ta);
    await a.core.call('exchange.export', { unitId: a.unitId(A), out: pkg(dir, 'A-3') });
    await c.core.call('exchange.import', { files: [pkg(dir, 'A-3')] });
    c.core.db.prepare("UPDATE topics SET status = '已验收' WHERE id = ?").run(ids.ta);
    await c.core.call('exchange.export', { unitId: c.unitId(A), out: pkg(dir, 'C-A-1') });
    await a.core.call('exchange.import', { files: [pkg(dir, 'C-A-1')] });
    expect((await topicAt(a, TITLE, A)).status).toBe('已验收');
  });

  it("refuses a package meant for another office (the committee's package for another branch), changing nothing", async () => {
    const { dir, a, c } = await setUp();
    await a.core.call('exchange.export', { unitId: a.unitId(A), out: pkg(dir, 'A-1') });
    await c.core.call('exchange.import', { files: [pkg(dir, 'A-1')] });
    const bAtC = await c.core.call('unit.create', { name: B, kind: '党支部', parentId: c.unitId(COMMITTEE) });
    await c.core.call('topic.create', { campaignId: c.campaignId, title: '网点服务提升', source: '细化课题', assignment: '点题', branchId: bAtC.id, leadDepartmentId: c.unitId(DEPT) });
    await c.core.call('exchange.export', { unitId: bAtC.id, out: pkg(dir, 'C-B-1') });
    const before = fingerprint(a.core);
    const r = await a.core.dispatch('exchange.import', { files: [pkg(dir, 'C-B-1')] });
    expect(r).toMatchObject({ ok: false, error: { message: `数据包「C-B-1.ldgx」是「${B}」的数据包，本台账只与「${A}」交换数据，可能拿错了文件，未导入任何数据。` } });
    expect(fingerprint(a.core)).toBe(before);
    // A's own package from the committee goes in; and a new office (B, no exchange yet) takes its package.
    await c.core.call('exchange.export', { unitId: c.unitId(A), out: pkg(dir, 'C-A-1') });
    expect((await a.core.call('exchange.import', { files: [pkg(dir, 'C-A-1')] })).packages[0]!.applied).toEqual([1]);
    const b = await openOffice('B', { branch: B, department: DEPT });
    expect((await b.core.call('exchange.import', { files: [pkg(dir, 'C-B-1')] })).packages[0]!.applied).toEqual([1]);
  });

  it('"keep ours" on a record deleted there and changed here sends the record back to the office that deleted it', async () => {
    const { dir, a, c, ids } = await setUp();
    await a.core.call('exchange.export', { unitId: a.unitId(A), out: pkg(dir, 'A-1') });
    await c.core.call('exchange.import', { files: [pkg(dir, 'A-1')] });
    await c.core.call('progress.update', { id: ids.pa, content: '走访20户（党委核实）' });
    await a.core.call('progress.delete', { id: ids.pa });
    // A sub-topic too: its 责任人 go with it (deleted there with it, kept here with it).
    const pledge = (c.core.db.prepare("SELECT id FROM subtopics WHERE title = '党员承诺'").get() as { id: string }).id;
    const ownersOf = (o: Office) => o.core.db.prepare('SELECT person_id AS p FROM subtopic_owners WHERE subtopic_id = ?').all(pledge);
    const owners = ownersOf(c);
    expect(owners).toHaveLength(1);
    await c.core.call('subtopic.update', { id: pledge, measures: '党委补充的措施' });
    await a.core.call('subtopic.delete', { id: pledge });
    await a.core.call('exchange.export', { unitId: a.unitId(A), out: pkg(dir, 'A-2') });
    await c.core.call('exchange.import', { files: [pkg(dir, 'A-2')] });
    const conflicts = await c.core.call('exchange.conflicts', {});
    expect(conflicts.map((x) => [x.column, x.rowId]).sort()).toEqual([['*', ids.pa], ['*', pledge]].sort());
    expect(ownersOf(c)).toEqual(owners);
    for (const x of conflicts) await c.core.call('exchange.resolve', { id: x.id, choice: 'ours' });
    await c.core.call('exchange.export', { unitId: c.unitId(A), out: pkg(dir, 'C-A-1') });
    const down = await a.core.call('exchange.import', { files: [pkg(dir, 'C-A-1')] });
    expect(down.packages[0]!.counts.conflicts).toBe(0);
    expect(a.core.db.prepare('SELECT id, content FROM progress_entries WHERE id = ?').get(ids.pa)).toEqual({ id: ids.pa, content: '走访20户（党委核实）' });
    expect(a.core.db.prepare('SELECT measures FROM subtopics WHERE id = ?').get(pledge)).toEqual({ measures: '党委补充的措施' });
    expect(ownersOf(a)).toEqual([{ p: ids.wang }]);
    // And the two ledgers agree from then on: the next round carries nothing back.
    await a.core.call('exchange.export', { unitId: a.unitId(A), out: pkg(dir, 'A-3') });
    const back = await c.core.call('exchange.import', { files: [pkg(dir, 'A-3')] });
    expect(back.packages[0]!.counts).toMatchObject({ inserted: 0, updated: 0, deleted: 0, conflicts: 0 });
  });
});
