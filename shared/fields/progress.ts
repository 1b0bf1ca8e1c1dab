import { PROGRESS_KINDS } from '../domain/enums';
import { DateStr, Id } from '../domain/primitives';
import { LONG_TEXT, enumField, otherField, refField, textField, type EntityDesc } from './describe';

const NO_SHEET = '台账记录不在标准工作簿中';

/** 台账记录: an entry of a topic's weekly ledger (its own form; printed in the closure report's 推进过程). */
export const PROGRESS_FIELDS = [
  otherField({ key: 'topicId', label: '所属课题', kind: 'id', zod: Id.describe('所属课题'), offSheet: NO_SHEET }),
  refField({ key: 'subtopicId', label: '所属小课题', offSheet: NO_SHEET }),
  otherField({ key: 'entryDate', label: '日期', kind: 'date', zod: DateStr.describe('日期'), plain: false, offSheet: NO_SHEET }),
  enumField({ key: 'kind', label: '记录类型', values: PROGRESS_KINDS, zod: (e) => e.default('每周汇报'), offSheet: NO_SHEET }),
  textField({ key: 'content', label: '工作内容', max: LONG_TEXT, required: true, plain: false, offSheet: NO_SHEET }),
  textField({ key: 'problems', label: '存在问题', max: LONG_TEXT, plain: false, offSheet: NO_SHEET }),
  textField({ key: 'nextSteps', label: '下步计划', max: LONG_TEXT, plain: false, offSheet: NO_SHEET }),
  refField({ key: 'reporterId', label: '汇报人', offSheet: NO_SHEET }),
  textField({ key: 'reporterName', label: '汇报人', max: 50, plain: false, offSheet: NO_SHEET }),
] as const;

export const PROGRESS: EntityDesc<typeof PROGRESS_FIELDS> = { name: 'progress', label: '台账记录', fields: PROGRESS_FIELDS };
