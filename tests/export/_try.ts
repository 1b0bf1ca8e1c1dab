import { memoryCore } from '../helpers/core';
(async () => {
  const core = memoryCore();
  const demo = await core.call('ledger.demo', {});
  let t = Date.now();
  console.log(await core.call('export.ledger', { out: '/tmp/out4/ledger.xlsx' }), Date.now() - t);
  console.log(await core.call('export.template', { out: '/tmp/out4/template.xlsx' }));
  const topics = await core.call('topic.list', { campaignId: demo.campaignId });
  for (const tp of topics) {
    t = Date.now();
    console.log(tp.title, await core.call('report.closure', { topicId: tp.id, out: `/tmp/out4/closure-${tp.code}.pdf` }), Date.now() - t);
  }
  t = Date.now();
  console.log(await core.call('report.ledger', { out: '/tmp/out4/ledger.pdf' }), Date.now() - t);
  console.log(await core.call('report.ledger', { out: '/tmp/out4/ledger-overdue.pdf', overdue: true }));
  console.log(await core.call('report.summary', { out: '/tmp/out4/summary.pdf' }));
})().catch((e) => { console.error(e); process.exit(1); });
