import { reportFormat, type outputContract, type PdfProfile } from '../../../shared/contract/output';
import type { TopicDetail } from '../../../shared/contract/topics';
import type { Deadline } from '../../../shared/domain/schemas';
import { today, type CoreContext } from '../context';
import { stmt } from '../db/statements';
import { exportLedger, ledgerTitle } from '../excel/export';
import { pickCampaign, readLedgerTopics } from '../excel/ledgerData';
import { exportTemplate } from '../excel/template';
import { ledgerReportLayout } from '../pdf/ledgerReport';
import { getPdfProfile, setPdfProfile } from '../pdf/profile';
import { renderPdf } from '../pdf/render';
import { pdfDocument } from '../pdf/fromModel';
import { closureReportModel } from '../report/closure';
import type { ReportModel } from '../report/model';
import { summaryReportModel, type UnitStats } from '../report/summary';
import { renderDocx } from '../word/docx';
import type { Handlers } from './handlers';
import { readUnit } from './organisation';
import { getSetting } from './settings';
import { computeStats, TOPICS_FROM_SOURCE } from './stats';
import { subtopicHandlers } from './subtopics';
import { topicHandlers } from './topics';

/*
 * Export and print. Each handler reads everything it needs synchronously
 * (one consistent state of the ledger), then lays out and writes the file
 * asynchronously; these methods are in SELF_TRANSACTED_METHODS and write
 * nothing to the ledger.
 */

function unitStats(ctx: CoreContext, campaignId: string, column: 'branch_id' | 'lead_department_id', sourceUnitId?: string): UnitStats[] {
  const units = stmt(
    ctx.db,
    `SELECT DISTINCT u.id, u.name FROM topics t JOIN units u ON u.id = t.${column} WHERE t.campaign_id = @campaign${sourceUnitId ? ` AND t.id IN (${TOPICS_FROM_SOURCE})` : ''} ORDER BY u.name`,
  ).all({ campaign: campaignId, ...(sourceUnitId ? { source: sourceUnitId } : {}) }) as { id: string; name: string }[];
  return units.map((u) => ({ name: u.name, stats: computeStats(ctx, { campaignId, unitId: u.id, sourceUnitId }) }));
}

/** A report as the file's extension asks: a PDF, or a Word file with the same content and layout. */
async function writeReport(model: ReportModel, p: PdfProfile, out: string) {
  return reportFormat(out) === 'docx' ? renderDocx(model, p, out) : renderPdf(await pdfDocument(model, p), out);
}

export const outputHandlers: Handlers<typeof outputContract> = {
  'export.ledger': (ctx, input) => exportLedger(ctx, input),
  'export.template': (ctx, input) => exportTemplate(ctx, input),
  'report.closure': async (ctx, { topicId, out }) => {
    const detail = topicHandlers['topic.get'](ctx, { id: topicId }) as TopicDetail;
    return writeReport(closureReportModel(detail, getSetting(ctx, 'rubric')), getPdfProfile(ctx), out);
  },
  'report.ledger': (ctx, { out, campaignId, branchId, overdue }) => {
    const campaign = pickCampaign(ctx, campaignId);
    const branch = branchId ? readUnit(ctx, branchId) : null;
    const topics = readLedgerTopics(ctx, { campaignId: campaign?.id ?? null, branchId, overdue });
    const filterNote = [branch ? `领题支部：${branch.name}` : '', overdue ? '仅列超期未销号小课题' : ''].filter(Boolean).join('；');
    const { doc, relayout } = ledgerReportLayout(
      { title: ledgerTitle(campaign?.name ?? null), unit: branch?.name ?? campaign?.committeeName ?? '', date: today(ctx), filterNote, topics, overdueOnly: !!overdue },
      getPdfProfile(ctx),
    );
    return renderPdf(doc, out, { relayout });
  },
  'report.summary': (ctx, { out, campaignId, sourceUnitId }) => {
    const campaign = pickCampaign(ctx, campaignId);
    const id = campaign?.id;
    const model = summaryReportModel({
        title: campaign ? `${campaign.name}推进情况汇总` : '“领题破题”活动推进情况汇总',
        unit: campaign?.committeeName ?? '',
        date: today(ctx),
        stats: computeStats(ctx, { campaignId: id, sourceUnitId }),
        byBranch: id ? unitStats(ctx, id, 'branch_id', sourceUnitId) : [],
        byDepartment: id ? unitStats(ctx, id, 'lead_department_id', sourceUnitId) : [],
        overdue: id ? (subtopicHandlers['subtopic.overdue'](ctx, { campaignId: id }) as Deadline[]) : [],
    });
    return writeReport(model, getPdfProfile(ctx), out);
  },
  'pdfProfile.get': (ctx) => getPdfProfile(ctx),
  'pdfProfile.set': (ctx, patch) => setPdfProfile(ctx, patch),
};
