import { z } from 'zod';
import { Id } from '../domain/primitives';
import { YES_NO, dateField, otherField, refField, textField, type EntityDesc } from './describe';

/** 销号清单事项: a row of the 销号清单 sheet. */
export const CHECKLIST_FIELDS = [
  otherField({ key: 'topicId', label: '所属课题', kind: 'id', zod: Id.describe('所属课题'), column: 'topic', reimport: 'key', excel: { header: '课题名称', width: 24, cell: 'wrap' }, synonyms: ['所属课题', '课题名称', '课题'] }),
  otherField({ key: 'rowNo', label: '序号', kind: 'derived', zod: undefined, column: 'seq', excel: { header: '序号', width: 6, cell: 'center' }, synonyms: ['序号', '编号'], reimport: 'notImported' }),
  otherField({ key: 'seq', label: '排序', kind: 'order', zod: z.number().int().min(0).optional().describe('排序'), offSheet: '行的先后就是排序' }),
  textField({
    key: 'item',
    label: '事项',
    max: 300,
    required: true,
    plain: false,
    reimport: 'key',
    identifies: true,
    excel: { header: '事项', width: 28, cell: 'wrap' },
    synonyms: ['事项', '商户名称', '销号事项', '走访对象', '商户', '事项名称', '清单事项'],
  }),
  textField({ key: 'area', label: '所属区域', max: 100, excel: { header: '所属区域', width: 14, cell: 'wrap' }, synonyms: ['所属区域', '所属商圈', '区域', '商圈', '片区'] }),
  refField({ key: 'ownerId', label: '责任人', offSheet: '由责任人姓名关联' }),
  textField({ key: 'ownerName', label: '责任人', max: 50, plain: false, column: 'owner', excel: { header: '责任人', width: 10, cell: 'center' }, synonyms: ['走访人', '责任人', '负责人'] }),
  dateField({ key: 'plannedDate', label: '计划日期', excel: { header: '计划日期', width: 15, cell: 'date' }, synonyms: ['计划完成', '计划日期', '计划时间', '计划完成时间', '计划完成日期'] }),
  dateField({ key: 'doneDate', label: '完成日期', excel: { header: '完成日期', width: 15, cell: 'date' }, synonyms: ['完成日期', '实际完成日期', '走访日期', '完成时间', '销号日期'] }),
  otherField({ key: 'closed', label: '是否销号', kind: 'bool', zod: z.boolean().default(false).describe('是否销号'), excel: { header: '是否销号', width: 9, cell: 'center', list: YES_NO }, synonyms: ['是否销号', '销号', '销号情况'], reimport: 'clearable' }),
  textField({ key: 'note', label: '备注', max: 2000, excel: { header: '备注', width: 16, cell: 'wrap' }, synonyms: ['备注'] }),
] as const;

export const CHECKLIST: EntityDesc<typeof CHECKLIST_FIELDS> = { name: 'checklist', label: '销号清单事项', fields: CHECKLIST_FIELDS };
