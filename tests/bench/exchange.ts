import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { v7 as uuidv7 } from 'uuid';
import { createCore, openCore, type Core } from '../../electron/core';
import { backupLedger } from '../../electron/core/db/backup';
import { openLedger } from '../../electron/core/db/open';
import { decodeChangeset } from '../../electron/core/exchange/changeset';
import { readPackage } from '../../electron/core/exchange/packageFile';
import { EXCHANGED_TABLES } from '../../electron/core/exchange/scope';
import { median } from './median';

const NOW = new Date('2024-06-15T09:00:00+08:00');
/** `BENCH_BRANCHES=N` for a quick look at the setup with fewer branches (the totals shrink with it). */
const BRANCHES = Number(process.env.BENCH_BRANCHES) || 185;
const TOPICS = Math.round((300 * BRANCHES) / 185);
const SUBTOPICS = Math.round((1200 * BRANCHES) / 185);
const ENTRIES = Math.round((20000 * BRANCHES) / 185);
const COMMITTEE = '中共某省邮政分公司委员会';
const CAMPAIGN = '2024年度领题破题活动（全省）';

/**
 * Branch i's own ledger, typed there: its committee, its branch, two
 * departments shared by name with other branches, its people, the campaign,
 * and its share of the province's topics, sub-topics and ledger entries.
 * Written straight into the tables (setup, not measured), then exported as
 * the branch would.
 */
async function branchPackage(i: number, dir: string): Promise<string> {
  const { db, migration } = openLedger(':memory:', { skipCheck: true });
  const core: Core = createCore(db, { now: () => NOW, operator: `支部${i}` }, migration);
  const now = NOW.toISOString();
  const share = (total: number) => Math.floor(total / BRANCHES) + (i < total % BRANCHES ? 1 : 0);
  const unit = db.prepare('INSERT INTO units (id, name, kind, parent_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)');
  const person = db.prepare("INSERT INTO people (id, name, unit_id, political_status, category, created_at, updated_at) VALUES (?, ?, ?, '中共党员', ?, ?, ?)");
  const topic = db.prepare("INSERT INTO topics (id, campaign_id, code, title, source, lead_department_id, branch_id, leader_id, assignment, goal, status, created_at, updated_at) VALUES (?, ?, ?, ?, '规定课题', ?, ?, ?, '点题', ?, '破题中', ?, ?)");
  const sub = db.prepare("INSERT INTO subtopics (id, topic_id, seq, title, measures, deadline, status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, '2024-09-30', '推进中', ?, ?)");
  const owner = db.prepare('INSERT INTO subtopic_owners (subtopic_id, person_id, seq) VALUES (?, ?, ?)');
  const entry = db.prepare("INSERT INTO progress_entries (id, topic_id, subtopic_id, entry_date, kind, content, reporter_id, created_at, updated_at) VALUES (?, ?, ?, ?, '每周汇报', ?, ?, ?, ?)");
  let branchId = '';
  db.transaction(() => {
    const committee = uuidv7();
    unit.run(committee, COMMITTEE, '党委', null, now, now);
    branchId = uuidv7();
    unit.run(branchId, `第${i + 1}党支部`, '党支部', committee, now, now);
    const dept = uuidv7();
    unit.run(dept, `业务部门${(i % 40) + 1}`, '部门', committee, now, now);
    const people = Array.from({ length: 8 }, (_, k) => {
      const id = uuidv7();
      person.run(id, `第${i + 1}支部人员${k + 1}`, k < 4 ? branchId : dept, k % 2 ? '业务骨干' : '党员', now, now);
      return id;
    });
    const campaign = uuidv7();
    db.prepare('INSERT INTO campaigns (id, name, year, committee_id, created_at, updated_at) VALUES (?, ?, 2024, ?, ?, ?)').run(campaign, CAMPAIGN, committee, now, now);
    // This branch's topics, sub-topics and entries: the province's totals split over the branches.
    const topicIds = Array.from({ length: Math.max(1, share(TOPICS)) }, (_, t) => {
      const id = uuidv7();
      topic.run(id, campaign, String(t + 1), `提升第${(t % 50) + 1}类业务质效`, dept, branchId, people[0], `目标${t + 1}`, now, now);
      return id;
    });
    const subs = Array.from({ length: share(SUBTOPICS) }, (_, s) => {
      const id = uuidv7();
      const topicId = topicIds[s % topicIds.length]!;
      sub.run(id, topicId, s, `小课题${s + 1}`, `推进措施${s + 1}：逐户走访、每周通报`, now, now);
      owner.run(id, people[s % 8], 0);
      owner.run(id, people[(s + 3) % 8], 1);
      return { id, topicId };
    });
    for (let e = 0; e < share(ENTRIES); e++) {
      const s = subs[e % subs.length]!;
      entry.run(uuidv7(), s.topicId, s.id, `2024-0${1 + (e % 6)}-1${e % 10}`, `第${e + 1}次汇报：走访商户${e % 30}户，新增客户${e % 7}户`, people[e % 8], now, now);
    }
  })();
  const file = path.join(dir, `branch-${String(i + 1).padStart(3, '0')}.ldgx`);
  await core.call('exchange.export', { unitId: branchId, out: file });
  core.close();
  return file;
}

/** A committee ledger file with its own committee and campaign, typed there. */
function committeeLedger(dir: string): string {
  const file = path.join(dir, `committee-${uuidv7()}.db`);
  const core = openCore(file, { now: () => NOW, operator: '党委' });
  const now = NOW.toISOString();
  const committee = uuidv7();
  core.db.prepare("INSERT INTO units (id, name, kind, created_at, updated_at) VALUES (?, ?, '党委', ?, ?)").run(committee, COMMITTEE, now, now);
  core.db.prepare('INSERT INTO campaigns (id, name, year, committee_id, created_at, updated_at) VALUES (?, ?, 2024, ?, ?, ?)').run(uuidv7(), CAMPAIGN, committee, now, now);
  core.close();
  return file;
}

/**
 * The baseline: the same rows, read from the same packages, written bare
 * into a committee ledger of the same kind: a backup first, then one
 * transaction of plain INSERT OR IGNORE per row (a shared committee, unit or
 * campaign is simply skipped), foreign keys off. No per-column
 * review, no matching by name, no provenance or audit.
 */
async function bareImport(ledger: string, files: readonly string[]): Promise<number> {
  const core = openCore(ledger, { now: () => NOW, operator: '党委' });
  try {
    const t0 = performance.now();
    const packs = files.map(readPackage);
    await backupLedger(core.db, path.join(path.dirname(ledger), 'backups'), 'exchange');
    let rows = 0;
    // Bare: the shared committee and campaign rows are skipped, so the branches' rows naming theirs are not checked.
    core.db.pragma('foreign_keys = OFF');
    core.db.transaction(() => {
      for (const p of packs) {
        const blocks = p.changesets.flatMap((c) => decodeChangeset(c));
        for (const t of EXCHANGED_TABLES) {
          const cols = p.header.columns[t]!;
          const hasUpdated = !['subtopic_owners', 'evidence_blobs'].includes(t);
          const all = [...cols, ...(hasUpdated ? ['updated_at'] : [])];
          const ins = core.db.prepare(`INSERT OR IGNORE INTO ${t} (${all.join(', ')}) VALUES (${all.map(() => '?').join(', ')})`);
          for (const b of blocks) {
            if (b.table !== t) continue;
            for (const c of b.changes) {
              if (c.op !== 'insert') continue;
              ins.run(...c.new!.map((v) => (v === undefined ? null : v instanceof Uint8Array ? Buffer.from(v) : v)), ...(hasUpdated ? [NOW.toISOString()] : []));
              rows++;
            }
          }
        }
      }
    })();
    const ms = performance.now() - t0;
    core.db.pragma('foreign_keys = ON');
    if (rows < ENTRIES) throw new Error(`bare import wrote only ${rows} rows`);
    return ms;
  } finally {
    core.close();
  }
}

async function mergeImport(ledger: string, files: readonly string[]): Promise<{ ms: number; stats: { topics: number; subtopics: number } }> {
  const core = openCore(ledger, { now: () => NOW, operator: '党委' });
  try {
    const t0 = performance.now();
    const r = await core.call('exchange.import', { files: [...files] });
    const ms = performance.now() - t0;
    if (r.packages.length !== BRANCHES || r.packages.some((p) => p.applied.length !== 1)) throw new Error('not every package was merged');
    const stats = await core.call('stats.get', {});
    return { ms, stats };
  } finally {
    core.close();
  }
}

/**
 * `npm run bench -- exchange`: the committee merges 185 branch packages
 * (about 300 topics, 1,200 sub-topics, 20,000 ledger entries in all) into its
 * ledger file, backup included, against the bare import of the same rows;
 * goal: under 10 s. Three rounds each, in turns; medians compared.
 */
export async function benchExchange(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-exchange-'));
  try {
    const t0 = performance.now();
    const files: string[] = [];
    for (let i = 0; i < BRANCHES; i++) files.push(await branchPackage(i, dir));
    const bytes = files.reduce((n, f) => n + fs.statSync(f).size, 0);
    console.log(`exchange: ${BRANCHES} branch packages (${(bytes / 1e6).toFixed(1)} MB) made in ${((performance.now() - t0) / 1000).toFixed(1)} s (setup, not measured)`);
    const merged: number[] = [];
    const bare: number[] = [];
    let stats: { topics: number; subtopics: number } | undefined;
    for (let round = 0; round < 3; round++) {
      bare.push(await bareImport(committeeLedger(dir), files));
      const m = await mergeImport(committeeLedger(dir), files);
      merged.push(m.ms);
      stats = m.stats;
      console.log(`  round ${round + 1}: merge ${m.ms.toFixed(0)} ms, bare import ${bare.at(-1)!.toFixed(0)} ms`);
    }
    const mm = median(merged);
    const mb = median(bare);
    console.log(`  committee after the merge: ${stats!.topics} topics, ${stats!.subtopics} sub-topics`);
    console.log(`  merge of ${BRANCHES} packages: ${(mm / 1000).toFixed(2)} s (goal < 10 s) ${mm < 10000 ? 'OK' : 'SLOW'}; bare import of the same rows ${(mb / 1000).toFixed(2)} s; ratio ${(mm / mb).toFixed(2)}×`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
