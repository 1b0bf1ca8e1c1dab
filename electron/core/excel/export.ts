import { writeAtomically } from '../atomicFile';
import { today, type CoreContext } from '../context';
import { LEDGER_SHEET } from './columns';
import { iterateLedgerTopics, pickCampaign, readChecklistRows, readIndicatorRows, readRoster } from './ledgerData';
import { writeLedgerWorkbook, type WorkbookContent } from './workbook';

/** `${活动名称}台账`, or the generic title when the campaign name does not say 领题破题. */
export function ledgerTitle(campaignName: string | null): string {
  if (!campaignName) return LEDGER_SHEET.title;
  return /领题破题/.test(campaignName) ? `${campaignName}台账` : `${campaignName}“领题破题”活动台账`;
}

/**
 * Everything the workbook shows, read in one synchronous stretch (nothing can
 * write in between on the one JavaScript thread), so the file is one
 * consistent state of the ledger even though writing it is asynchronous.
 * The ledger itself is a stream: writeLedgerWorkbook reads it to the end
 * before its first await, so it belongs to the same stretch.
 */
export function ledgerWorkbookContent(ctx: CoreContext, campaignId: string | undefined): WorkbookContent & { campaignId: string | null } {
  const campaign = pickCampaign(ctx, campaignId);
  const id = campaign?.id ?? null;
  return {
    campaignId: id,
    title: ledgerTitle(campaign?.name ?? null),
    unit: campaign?.committeeName ?? '',
    date: today(ctx),
    ledger: iterateLedgerTopics(ctx, { campaignId: id }),
    roster: readRoster(ctx),
    indicators: readIndicatorRows(ctx, id),
    checklist: readChecklistRows(ctx, id),
  };
}

export async function exportLedger(ctx: CoreContext, input: { out: string; campaignId?: string }) {
  const content = ledgerWorkbookContent(ctx, input.campaignId);
  let counts = { topics: 0, subtopics: 0 };
  const file = await writeAtomically(input.out, async (tmp) => {
    counts = await writeLedgerWorkbook(tmp, content);
  });
  return {
    ...file,
    campaignId: content.campaignId,
    rows: {
      ...counts,
      people: content.roster.length,
      indicators: content.indicators.length,
      checklist: content.checklist.length,
    },
  };
}
