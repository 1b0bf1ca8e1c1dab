import type { TDocumentDefinitions } from 'pdfmake/interfaces';
import type { PdfProfile } from '../../../shared/contract/output';
import type { TopicDetail } from '../../../shared/contract/topics';
import type { RubricCriterion } from '../../../shared/domain/enums';
import { closureReportModel } from '../report/closure';
import { pdfDocument } from './fromModel';

/** 结题报告 of one topic as a PDF document (its content: report/closure.ts). */
export async function closureReportDocument(d: TopicDetail, p: PdfProfile, rubric: readonly RubricCriterion[]): Promise<TDocumentDefinitions> {
  return pdfDocument(closureReportModel(d, rubric), p);
}
