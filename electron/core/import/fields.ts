import type { SheetKind } from '../../../shared/contract/imports';

/*
 * The header words legacy ledgers use, per field and per kind of sheet. The
 * first synonym is the label shown to the clerk. An exact match scores 1, a
 * header that contains a synonym less (see score()); `key` fields decide the
 * kind of a sheet.
 */
export interface FieldDef {
  key: string;
  synonyms: readonly string[];
  /** Must be found (or mapped) for the sheet to be of this kind. */
  required?: boolean;
}

export const FIELDS: Record<Exclude<SheetKind, 'unknown'>, readonly FieldDef[]> = {
  ledger: [
    { key: 'code', synonyms: ['序号', '编号', '课题编号', '序'] },
    { key: 'topic', synonyms: ['课题名称', '课题', '题目', '课题题目', '大课题', '领题课题', '课题名'], required: true },
    { key: 'leadDepartment', synonyms: ['牵头部门', '牵头单位', '责任部门', '牵头科室'] },
    { key: 'branch', synonyms: ['领题支部', '责任支部', '党支部', '支部', '领题党支部'] },
    { key: 'leader', synonyms: ['课题负责人', '负责人', '牵头领导', '课题牵头人'] },
    { key: 'source', synonyms: ['课题来源', '课题类型', '来源'] },
    { key: 'topicStatus', synonyms: ['课题状态', '课题进度'] },
    { key: 'goal', synonyms: ['课题目标', '目标', '工作目标'] },
    { key: 'subtopic', synonyms: ['小课题', '子课题', '任务分解', '小课题名称', '分解任务', '小课题内容', '具体任务'] },
    { key: 'measures', synonyms: ['推进措施', '具体措施', '工作措施', '措施', '主要措施', '工作举措'] },
    { key: 'owners', synonyms: ['责任人', '责任人员', '具体责任人', '小课题责任人'] },
    { key: 'deadline', synonyms: ['完成时限', '时间节点', '完成时间', '时限', '完成期限', '计划完成时间'] },
    { key: 'progress', synonyms: ['进展情况', '完成情况', '推进情况', '工作进展', '进度'] },
    { key: 'closed', synonyms: ['是否销号', '销号情况', '销号', '销号状态'] },
    { key: 'subtopicStatus', synonyms: ['小课题状态', '子课题状态', '任务状态'] },
    { key: 'closedDate', synonyms: ['销号日期', '销号时间'] },
    { key: 'note', synonyms: ['备注', '说明'] },
  ],
  roster: [
    { key: 'seq', synonyms: ['序号', '编号'] },
    { key: 'name', synonyms: ['姓名', '名字', '人员姓名'], required: true },
    { key: 'unit', synonyms: ['所在单位', '单位', '所在部门', '部门', '所在支部', '工作单位'] },
    { key: 'politicalStatus', synonyms: ['政治面貌'] },
    { key: 'category', synonyms: ['人员类别', '身份', '类别', '人员身份'] },
    { key: 'position', synonyms: ['职务', '岗位', '职务岗位'] },
    { key: 'phone', synonyms: ['联系电话', '电话', '手机', '手机号码'] },
    { key: 'note', synonyms: ['备注'] },
  ],
  indicators: [
    { key: 'seq', synonyms: ['序号', '编号'] },
    { key: 'topic', synonyms: ['所属课题', '课题名称', '课题'] },
    { key: 'name', synonyms: ['指标名称', '指标', '成效指标', '指标项'], required: true },
    { key: 'unit', synonyms: ['单位', '计量单位'] },
    { key: 'baseline', synonyms: ['基期值', '起始值', '基数', '基期', '基础值'] },
    { key: 'target', synonyms: ['目标值', '目标'] },
    { key: 'actual', synonyms: ['完成值', '实际完成', '实际值', '完成数', '当前值'] },
    { key: 'asOf', synonyms: ['统计截止', '截至日期', '截止日期', '统计截止日期', '统计日期', '截至'] },
    { key: 'note', synonyms: ['备注'] },
  ],
  checklist: [
    { key: 'seq', synonyms: ['序号', '编号'] },
    { key: 'topic', synonyms: ['所属课题', '课题名称', '课题'] },
    { key: 'item', synonyms: ['事项', '商户名称', '销号事项', '走访对象', '商户', '事项名称', '清单事项'], required: true },
    { key: 'area', synonyms: ['所属区域', '所属商圈', '区域', '商圈', '片区'] },
    { key: 'owner', synonyms: ['走访人', '责任人', '负责人'] },
    { key: 'plannedDate', synonyms: ['计划完成', '计划日期', '计划时间', '计划完成时间', '计划完成日期'] },
    { key: 'doneDate', synonyms: ['完成日期', '实际完成日期', '走访日期', '完成时间', '销号日期'] },
    { key: 'closed', synonyms: ['是否销号', '销号', '销号情况'] },
    { key: 'note', synonyms: ['备注'] },
  ],
};

export const KINDS = Object.keys(FIELDS) as Exclude<SheetKind, 'unknown'>[];

export const fieldLabel = (kind: SheetKind, key: string) => (kind === 'unknown' ? key : (FIELDS[kind].find((f) => f.key === key)?.synonyms[0] ?? key));

/** How well a normalised header matches a field: 1 exact, 0.5–0.8 containing a synonym, else 0. */
export function score(header: string, field: FieldDef): number {
  if (!header) return 0;
  let best = 0;
  for (const syn of field.synonyms) {
    if (header === syn) return 1;
    if (syn.length >= 2 && header.includes(syn)) best = Math.max(best, 0.5 + 0.3 * (syn.length / header.length));
  }
  return best;
}
