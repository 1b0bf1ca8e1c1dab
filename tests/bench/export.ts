import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import ExcelJS from 'exceljs';
import { createCore, type Core } from '../../electron/core';
import { openLedger } from '../../electron/core/db/open';
import { excelDay } from '../../shared/excel';
import { ledgerWorkbookContent } from '../../electron/core/excel/export';
import { readLedgerTopics } from '../../electron/core/excel/ledgerData';
import type { WorkbookContent } from '../../electron/core/excel/workbook';
import { buildProvinceLedger } from './province';
import { median } from './median';

const NOW = new Date('2024-06-15T09:00:00+08:00');

function memory(): Core {
  const { db, migration } = openLedger(':memory:', { skipCheck: true });
  return createCore(db, { now: () => NOW, operator: 'bench' }, migration);
}

/**
 * The baseline: exceljs's streaming writer writing the same rows bare: the
 * same sheets, rows and values (days as the same Excel day numbers, which is
 * the XML exceljs writes for a Date), but no styles, merges, validations or
 * print setup, and from rows already in memory. The export's time includes
 * reading the ledger from SQLite and everything the bare write leaves out.
 */
async function bareWrite(file: string, c: WorkbookContent): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useStyles: false, useSharedStrings: false });
  const ledger = wb.addWorksheet('课题台账');
  for (const t of c.ledger) {
    for (const s of t.subs) {
      ledger
        .addRow([t.code, t.title, t.source, t.leadDepartment, t.branch, t.leader, t.status, s.title, s.plain.measures, s.owners,
          excelDay(s.deadline) ?? s.deadlineText, s.plain.budget, s.plain.progress, s.status, s.status === '已销号' ? '是' : '否', excelDay(s.closedDate), s.plain.note])
        .commit();
    }
  }
  ledger.commit();
  const roster = wb.addWorksheet('责任人名册');
  c.roster.forEach((p, i) => roster.addRow([i + 1, p.name, p.unit, p.politicalStatus, p.category, p.position, p.phone, p.note]).commit());
  roster.commit();
  const ind = wb.addWorksheet('成效指标');
  for (const r of c.indicators) ind.addRow([r.topic, r.name, r.unit, r.baseline, r.target, r.actual, excelDay(r.asOf as string | null), r.met === null ? '' : r.met ? '是' : '否', r.note]).commit();
  ind.commit();
  const chk = wb.addWorksheet('销号清单');
  for (const r of c.checklist) chk.addRow([r.topic, r.seq, r.item, r.area, r.owner, excelDay(r.plannedDate as string | null), excelDay(r.doneDate as string | null), r.closed ? '是' : '否', r.note]).commit();
  chk.commit();
  await wb.commit();
}

async function benchWorkbook(dir: string): Promise<void> {
  const core = memory();
  const size = { topics: 2000, subtopics: 50000, people: 2000 };
  const t0 = performance.now();
  buildProvinceLedger(core, size);
  console.log(`  ledger built: ${size.topics} topics, ${size.subtopics} sub-topics, ${size.people} people (${Math.round(performance.now() - t0)} ms, setup)`);
  // The bare write gets the rows in memory; the export streams them from SQLite itself.
  const streamed = ledgerWorkbookContent(core.ctx, undefined);
  let t = performance.now();
  const content: WorkbookContent = { ...streamed, ledger: readLedgerTopics(core.ctx, { campaignId: streamed.campaignId }) };
  const read = performance.now() - t;

  const bare: number[] = [];
  const full: number[] = [];
  const ratios: number[] = [];
  for (let i = 0; i < 5; i++) {
    t = performance.now();
    await bareWrite(path.join(dir, 'bare.xlsx'), content);
    bare.push(performance.now() - t);
    t = performance.now();
    await core.call('export.ledger', { out: path.join(dir, 'export.xlsx') });
    full.push(performance.now() - t);
    ratios.push(full[i]! / bare[i]!);
  }
  const b = median(bare);
  const f = median(full);
  const r = median(ratios);
  const mb = (p: string) => (fs.statSync(path.join(dir, p)).size / 1e6).toFixed(1);
  console.log(`  bare exceljs streaming write of the same rows and values (no styles, merges, validations; rows in memory): ${Math.round(b)} ms (${mb('bare.xlsx')} MB)`);
  console.log(`  export.ledger (reads the ledger from SQLite as it writes; styles, merges, validations, print setup): ${Math.round(f)} ms (${mb('export.xlsx')} MB)`);
  console.log(`    of which reading the ledger (measured alone, materialised): ~${Math.round(read)} ms`);
  console.log(`  ratio export / bare, per run: ${ratios.map((x) => x.toFixed(2)).join(' ')}`);
  console.log(`  ratio export / bare (median of the runs): ${r.toFixed(2)}  (goal ≤ 1.30) ${r <= 1.3 ? 'OK' : 'OVER'}`);
  core.close();
}

/** A topic of the size the issue names: 12 sub-topics, 40 progress entries, 8 indicators (so a chart). */
async function closureTopic(core: Core): Promise<string> {
  const committee = await core.call('unit.create', { name: '中共某市邮政分公司委员会', kind: '党委' });
  const branch = await core.call('unit.create', { name: '寄递事业部党支部', kind: '党支部', parentId: committee.id });
  const dept = await core.call('unit.create', { name: '市寄递事业部', kind: '部门', parentId: committee.id });
  const people = [];
  for (const name of ['王建华', '李敏', '张伟', '赵丽', '陈刚', '刘洋']) people.push((await core.call('person.create', { name, unitId: branch.id, category: '党员' })).id);
  const campaign = await core.call('campaign.create', { name: '2024年度党支部“领题破题”活动', year: 2024, committeeId: committee.id });
  const topic = await core.call('topic.create', {
    campaignId: campaign.id, code: '1', title: '提升特快业务收入', branchId: branch.id, leadDepartmentId: dept.id, leaderId: people[0]!,
    goal: '全年特快业务收入达到680万元，同比增长15%。', startDate: '2024-01-01', endDate: '2024-12-31', status: '破题中',
  });
  const subs = [];
  for (let i = 1; i <= 12; i++) {
    subs.push((await core.call('subtopic.create', {
      topicId: topic.id, title: `第${i}项小课题：重点商圈商户走访`, measures: '组建党员先锋队，对重点商圈商户逐户走访，建立客户台账，每周通报进度。',
      ownerIds: [people[i % 6]!, people[(i + 1) % 6]!], deadline: `2024-${String((i % 12) + 1).padStart(2, '0')}-28`,
    })).id);
  }
  for (let i = 0; i < 40; i++) {
    await core.call('progress.create', {
      topicId: topic.id, subtopicId: subs[i % 12]!, entryDate: `2024-${String((i % 5) + 1).padStart(2, '0')}-${String((i % 27) + 1).padStart(2, '0')}`,
      kind: '每周汇报', content: `第${i + 1}次汇报：本周新增特快协议客户${i % 7}户，收入环比增长${i % 9}%。`, problems: '部分商户已与其他快递签约。', reporterId: people[i % 6]!,
    });
  }
  for (let i = 0; i < 8; i++) {
    await core.call('indicator.create', { topicId: topic.id, name: `指标${i + 1}`, unit: '万元', baseline: 100 + i, target: 150 + i * 10, actual: 140 + i * 12, asOf: '2024-06-01' });
  }
  await core.call('closure.save', { topicId: topic.id, workDone: '支部以党建引领业务发展。'.repeat(20), results: '特快收入同比增长12%。'.repeat(10) });
  return topic.id;
}

async function benchClosure(dir: string): Promise<void> {
  const core = memory();
  const topicId = await closureTopic(core);
  let t = performance.now();
  const first = await core.call('report.closure', { topicId, out: path.join(dir, 'closure.pdf') });
  const cold = performance.now() - t;
  const warm: number[] = [];
  for (let i = 0; i < 5; i++) {
    t = performance.now();
    await core.call('report.closure', { topicId, out: path.join(dir, 'closure.pdf') });
    warm.push(performance.now() - t);
  }
  const w = median(warm);
  console.log(`  closure report (12 sub-topics, 40 progress entries, 8 indicators, chart; ${first.pages} pages, ${Math.round(first.bytes / 1024)} KB):`);
  console.log(`    cold (first in process: loads pdfmake and echarts, then the fonts): ${Math.round(cold)} ms`);
  console.log(`    warm (median of 5): ${Math.round(w)} ms  (goal < 1000 ms) ${w < 1000 ? 'OK' : 'OVER'}`);
  core.close();
}

/** Issue 4: the Excel export against a bare streaming write, and the closure report cold and warm. */
export async function benchExport(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-bench-export-'));
  try {
    console.log('export (issue 4)');
    await benchClosure(dir);
    await benchWorkbook(dir);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
