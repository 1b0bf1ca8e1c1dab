import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ledger } from '../helpers/cli';
import { tempDir } from '../helpers/core';

const ROOT = path.resolve(__dirname, '../..');

describe('the ledger CLI', () => {
  const db = path.join(tempDir(), '台账.db');

  it('fills the demo, prints statistics and topics as JSON, and checks the ledger', async () => {
    expect(await ledger('demo', '--db', db)).toMatchObject({ code: 0, out: '已填入示例活动：4 项课题、9 项小课题。\n' });
    const stats = await ledger('stats', '--db', db, '--json');
    expect(stats.code).toBe(0);
    const s = JSON.parse(stats.out);
    expect(Object.keys(s).sort()).toEqual(
      ['topics', 'subtopics', 'people', 'party', 'backbone', 'closedSubtopics', 'overdueSubtopics', 'indicators', 'indicatorsMet', 'checklist', 'checklistDone', 'summary'].sort(),
    );
    expect(s).toMatchObject({ topics: 4, subtopics: 9, people: 11, party: 7, backbone: 4 });

    const topics = JSON.parse((await ledger('topics', '--db', db, '--json', '--status', '破题中')).out);
    expect(topics).toHaveLength(2);
    expect(Object.keys(topics[0]).sort()).toEqual(['branch', 'code', 'id', 'leadDepartment', 'leader', 'overdue', 'status', 'subtopics', 'title'].sort());
    expect(topics[0]).toMatchObject({ code: '1', title: '提升特快业务收入', branch: '寄递事业部党支部', leadDepartment: '市寄递事业部', leader: '王建华', subtopics: 4 });

    const topicCount = JSON.parse((await ledger('topics', '--db', db, '--json')).out).length;
    expect(topicCount).toBe(4);
    expect(await ledger('check', '--db', db)).toMatchObject({ code: 0, out: '检查通过：数据库完整，数据一致。\n' });
  });

  it('fails with one Chinese line and a non-zero code', async () => {
    const bad = await ledger('topics', '--db', db, '--status', '进行中');
    expect(bad).toMatchObject({ code: 2, err: '课题状态应为：已出题、已领题、破题中、已结题、已验收\n' });
    const unknownCampaign = await ledger('stats', '--db', db, '--campaign', '1999年度活动');
    expect(unknownCampaign.code).toBe(2);
    expect(unknownCampaign.err).toMatch(/^找不到活动「1999年度活动」/);
    const again = await ledger('demo', '--db', db);
    expect(again).toMatchObject({ code: 2, err: '台账中已有数据，示例数据只能填入空台账。请新建一个台账文件后再试。\n' });
    const notALedger = await ledger('stats', '--db', path.join(ROOT, 'package.json'));
    expect(notALedger).toMatchObject({ code: 2, err: '文件「package.json」不是台账数据库文件，无法打开。\n' });
    expect((await ledger('frobnicate', '--db', db)).code).toBe(2);
  });

  it('runs as its own process through npm run ledger, exiting with the code', () => {
    const r = spawnSync(path.join(ROOT, 'node_modules', '.bin', 'tsx'), [path.join(ROOT, 'electron/core/cli/main.ts'), 'stats', '--db', db], { encoding: 'utf8', cwd: ROOT });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^4项课题细化分解为9项小课题，明确责任人11人，其中党员7人、业务骨干4人\n/);
    const bad = spawnSync(path.join(ROOT, 'node_modules', '.bin', 'tsx'), [path.join(ROOT, 'electron/core/cli/main.ts'), 'stats', '--db', path.join(ROOT, 'package.json')], { encoding: 'utf8', cwd: ROOT });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toBe('文件「package.json」不是台账数据库文件，无法打开。\n');
  });
});
