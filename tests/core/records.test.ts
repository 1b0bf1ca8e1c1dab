import { describe, expect, it } from 'vitest';
import { count, memoryCore } from '../helpers/core';
import { seedSmall } from '../helpers/fixtures';

const b64 = (s: string) => Buffer.from(s).toString('base64');

describe('progress, indicators, check-off lists and evidence', () => {
  it('logs progress against a topic or one of its sub-topics', async () => {
    const core = memoryCore();
    const f = await seedSmall(core);
    await core.call('progress.create', { topicId: f.t1.id, entryDate: '2024-06-07', kind: '每周汇报', content: '新增客户 6 户', reporterId: f.p.wang.id });
    await core.call('progress.create', { topicId: f.t1.id, subtopicId: f.s.a.id, entryDate: '2024-06-01', kind: '公开承诺', content: '党员公开承诺' });
    const list = await core.call('progress.list', { topicId: f.t1.id });
    expect(list.map((p) => [p.entryDate, p.kind, p.subtopicTitle])).toEqual([
      ['2024-06-07', '每周汇报', null],
      ['2024-06-01', '公开承诺', '商户走访'],
    ]);
    expect(await core.call('progress.list', { topicId: f.t1.id, subtopicId: f.s.a.id })).toHaveLength(1);
    const foreign = await core.dispatch('progress.create', { topicId: f.t1.id, subtopicId: f.s.d.id, entryDate: '2024-06-01', content: 'x' });
    expect(foreign.ok || foreign.error.message).toBe('「所属小课题」不属于该课题，请重新选择。');
    const badKind = await core.dispatch('progress.create', { topicId: f.t1.id, entryDate: '2024-06-01', kind: '闲聊', content: 'x' });
    expect(badKind.ok || badKind.error.message).toBe('填写有误：记录类型应为：每周汇报、推进会、公开承诺、现场指导、其他。');
    const updated = await core.call('progress.update', { id: list[0]!.id, problems: '部分商户已签约他家' });
    expect(updated).toMatchObject({ problems: '部分商户已签约他家', content: '新增客户 6 户' });
  });

  it('shows 汇报人 by the roster name, or as a legacy sheet wrote it (timeline and closure PDF read this)', async () => {
    const core = memoryCore();
    const f = await seedSmall(core);
    const byRoster = await core.call('progress.create', { topicId: f.t1.id, entryDate: '2024-06-07', content: '走访商户', reporterId: f.p.wang.id });
    expect(byRoster.reporterName).toBe('王建华');
    const asText = await core.call('progress.create', { topicId: f.t1.id, entryDate: '2024-06-08', content: '推进会', reporterName: '老支书' });
    expect(asText).toMatchObject({ reporterId: null, reporterName: '老支书' });
    await core.call('person.update', { id: f.p.wang.id, name: '王建华（支部书记）' });
    const detail = await core.call('topic.get', { id: f.t1.id });
    expect(detail.progress.map((p) => p.reporterName)).toEqual(['老支书', '王建华（支部书记）']);
  });

  it('edits an entry: every field, with an audit line holding the entry before and after', async () => {
    const core = memoryCore();
    const f = await seedSmall(core);
    const entry = await core.call('progress.create', { topicId: f.t1.id, subtopicId: f.s.a.id, entryDate: '2024-06-07', content: '走访商户', reporterId: f.p.wang.id });
    const edited = await core.call('progress.update', {
      id: entry.id, subtopicId: null, entryDate: '2024-06-08', kind: '推进会', content: '支部推进会', problems: '场地紧张', nextSteps: '月底选址', reporterId: f.p.li.id,
    });
    expect(edited).toMatchObject({ subtopicId: null, subtopicTitle: null, entryDate: '2024-06-08', kind: '推进会', content: '支部推进会', reporterName: '李敏' });
    const [line] = await core.call('audit.list', { entity: 'progress', entityId: entry.id, limit: 1 });
    expect(line).toMatchObject({ action: 'update', before: { content: '走访商户', subtopicId: f.s.a.id }, after: { content: '支部推进会', subtopicId: null } });
    const foreign = await core.dispatch('progress.update', { id: entry.id, subtopicId: f.s.d.id });
    expect(foreign.ok || foreign.error.message).toBe('「所属小课题」不属于该课题，请重新选择。');
    expect((await core.call('progress.list', { topicId: f.t1.id }))[0]).toMatchObject({ content: '支部推进会', subtopicId: null });
  });

  it('tells whether an indicator is met, for more-is-better and less-is-better', async () => {
    const core = memoryCore();
    const f = await seedSmall(core);
    const income = await core.call('indicator.create', { topicId: f.t1.id, name: '特快业务收入', unit: '万元', baseline: 590, target: 680, actual: 612.5, asOf: '2024-06-14' });
    expect(income).toMatchObject({ met: false, seq: 0 });
    expect(await core.call('indicator.update', { id: income.id, actual: 680 })).toMatchObject({ met: true, baseline: 590 });
    const complaints = await core.call('indicator.create', { topicId: f.t1.id, name: '投诉率', unit: '%', target: 0.5, actual: 0.3, higherIsBetter: false });
    expect(complaints).toMatchObject({ met: true, seq: 1 });
    const noActual = await core.call('indicator.create', { topicId: f.t1.id, name: '新客户', unit: '户', target: 50 });
    expect(noActual.met).toBeNull();
    const text = await core.dispatch('indicator.create', { topicId: f.t1.id, name: '收入', target: '680万元' });
    expect(text.ok || text.error.message).toBe('填写有误：目标值应为数字。');
  });

  it('counts check-off items done', async () => {
    const core = memoryCore();
    const f = await seedSmall(core);
    for (let i = 1; i <= 5; i++) await core.call('checklist.create', { topicId: f.t1.id, item: `商户${i}`, area: '天汉商圈', closed: i <= 2, doneDate: i <= 2 ? '2024-06-01' : null });
    const list = await core.call('checklist.list', { topicId: f.t1.id });
    expect(list.map((c) => c.seq)).toEqual([0, 1, 2, 3, 4]);
    expect(list.filter((c) => c.closed)).toHaveLength(2);
    await core.call('checklist.update', { id: list[4]!.id, closed: true, doneDate: '2024-06-14' });
    expect((await core.call('stats.get', {})).checklistDone).toBe(3);
  });

  it('stores evidence inside the ledger once per content and removes it with its record', async () => {
    const core = memoryCore();
    const f = await seedSmall(core);
    const photo = b64('走访照片的字节');
    const a = await core.call('evidence.add', { ownerType: 'subtopic', ownerId: f.s.a.id, fileName: '走访1.jpg', mime: 'image/jpeg', contentBase64: photo });
    await core.call('evidence.add', { ownerType: 'closure', ownerId: f.t1.id, fileName: '同一张照片.jpg', contentBase64: photo });
    expect(a.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(a.size).toBe(Buffer.from('走访照片的字节').length);
    expect(count(core, 'evidence')).toBe(2);
    expect(count(core, 'evidence_blobs')).toBe(1);
    const got = await core.call('evidence.get', { id: a.id });
    expect(Buffer.from(got.contentBase64, 'base64').toString()).toBe('走访照片的字节');
    expect((await core.call('evidence.list', { topicId: f.t1.id })).map((e) => e.fileName).sort()).toEqual(['同一张照片.jpg', '走访1.jpg']);
    await core.call('subtopic.delete', { id: f.s.a.id });
    expect(count(core, 'evidence')).toBe(1);
    expect(count(core, 'evidence_blobs')).toBe(1);
    await core.call('topic.delete', { id: f.t1.id });
    expect(count(core, 'evidence') + count(core, 'evidence_blobs')).toBe(0);
  });

  it('refuses an empty or mis-encoded file and an owner that does not exist', async () => {
    const core = memoryCore();
    const f = await seedSmall(core);
    const empty = await core.dispatch('evidence.add', { ownerType: 'subtopic', ownerId: f.s.a.id, fileName: '空.jpg', contentBase64: '' });
    expect(empty.ok || empty.error.message).toBe('文件「空.jpg」是空文件。');
    const garbage = await core.dispatch('evidence.add', { ownerType: 'subtopic', ownerId: f.s.a.id, fileName: 'x.jpg', contentBase64: '这不是base64' });
    expect(garbage.ok || garbage.error.message).toBe('填写有误：文件内容编码不正确。');
    const orphan = await core.dispatch('evidence.add', { ownerType: 'progress', ownerId: f.s.a.id, fileName: 'x.jpg', contentBase64: b64('x') });
    expect(orphan.ok || orphan.error.message).toBe('要附加材料的台账记录不存在，可能已被删除。');
  });
});
