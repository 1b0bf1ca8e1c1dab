import { PERSON_CATEGORIES, POLITICAL_STATUSES } from '../domain/enums';
import { enumField, otherField, refField, textField, type EntityDesc } from './describe';

/** 人员: a row of the 责任人名册 sheet. */
export const PERSON_FIELDS = [
  otherField({ key: 'rowNo', label: '序号', kind: 'derived', zod: undefined, column: 'seq', excel: { header: '序号', width: 6, cell: 'center' }, synonyms: ['序号', '编号'], reimport: 'notImported' }),
  textField({
    key: 'name',
    label: '姓名',
    max: 50,
    required: true,
    plain: false,
    reimport: 'key',
    identifies: true,
    excel: { header: '姓名', width: 10, cell: 'center' },
    synonyms: ['姓名', '名字', '人员姓名'],
  }),
  refField({
    key: 'unitId',
    label: '所在单位',
    max: 100,
    column: 'unit',
    reimport: 'key',
    excel: { header: '所在单位', width: 24, cell: 'wrap' },
    synonyms: ['所在单位', '单位', '所在部门', '部门', '所在支部', '工作单位'],
  }),
  enumField({
    key: 'politicalStatus',
    label: '政治面貌',
    values: POLITICAL_STATUSES,
    zod: (e) => e.nullable().default(null),
    excel: { header: '政治面貌', width: 13, cell: 'center', list: POLITICAL_STATUSES },
    synonyms: ['政治面貌'],
  }),
  enumField({
    key: 'category',
    label: '人员类别',
    values: PERSON_CATEGORIES,
    zod: (e) => e.nullable().default(null),
    excel: { header: '人员类别', width: 10, cell: 'center', list: PERSON_CATEGORIES },
    synonyms: ['人员类别', '身份', '类别', '人员身份'],
  }),
  textField({ key: 'position', label: '职务', max: 100, excel: { header: '职务', width: 14, cell: 'wrap' }, synonyms: ['职务', '岗位', '职务岗位'] }),
  textField({ key: 'phone', label: '联系电话', max: 50, excel: { header: '联系电话', width: 15, cell: 'text' }, synonyms: ['联系电话', '电话', '手机', '手机号码'] }),
  textField({ key: 'note', label: '备注', max: 500, excel: { header: '备注', width: 16, cell: 'wrap' }, synonyms: ['备注'] }),
] as const;

export const PERSON: EntityDesc<typeof PERSON_FIELDS> = { name: 'person', label: '人员', fields: PERSON_FIELDS };
