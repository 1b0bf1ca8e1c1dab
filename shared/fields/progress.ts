import { PROGRESS_KINDS } from '../domain/enums';
import { DateStr, Id } from '../domain/primitives';
import { LONG_TEXT, enumField, otherField, refField, textField, type EntityDesc } from './describe';

const NO_SHEET = '台账记录不在标准工作簿中';

/** 台账记录: an entry of a topic's weekly ledger (its own form; printed in the closure report's 推进过程). No sheet carries it: the synonyms are the header words of a table pasted from Excel (renderer/src/topic/pasteProgress.ts). */
export const PROGRESS_FIELDS = [
  otherField({ key: 'topicId', label: '所属课题', kind: 'id', zod: Id.describe('所属课题'), offSheet: NO_SHEET }),
  refField({ key: 'subtopicId', label: '所属小课题', offSheet: NO_SHEET, synonyms: ['对应小课题', '所属小课题', '小课题', '小课题名称', '小课题编号'], reimport: 'notImported' }),
  otherField({ key: 'entryDate', label: '日期', kind: 'date', zod: DateStr.describe('日期'), plain: false, offSheet: NO_SHEET, synonyms: ['日期', '汇报日期', '记录日期', '时间'], reimport: 'notImported' }),
  enumField({ key: 'kind', label: '记录类型', values: PROGRESS_KINDS, zod: (e) => e.default('每周汇报'), offSheet: NO_SHEET, synonyms: ['记录类型', '类型', '类别'], reimport: 'notImported' }),
  textField({ key: 'content', label: '工作内容', max: LONG_TEXT, required: true, plain: false, offSheet: NO_SHEET, synonyms: ['工作内容', '内容', '推进情况', '进展情况', '工作进展'], reimport: 'notImported' }),
  textField({ key: 'problems', label: '存在问题', max: LONG_TEXT, plain: false, offSheet: NO_SHEET, synonyms: ['存在问题', '问题', '困难问题'], reimport: 'notImported' }),
  textField({ key: 'nextSteps', label: '下步计划', max: LONG_TEXT, plain: false, offSheet: NO_SHEET, synonyms: ['下步计划', '下一步计划', '下步打算', '下一步工作'], reimport: 'notImported' }),
  refField({ key: 'reporterId', label: '汇报人', offSheet: NO_SHEET }),
  textField({ key: 'reporterName', label: '汇报人', max: 50, plain: false, offSheet: NO_SHEET, synonyms: ['汇报人', '记录人', '填报人', '报告人'], reimport: 'notImported' }),
] as const;

export const PROGRESS: EntityDesc<typeof PROGRESS_FIELDS> = { name: 'progress', label: '台账记录', fields: PROGRESS_FIELDS };
