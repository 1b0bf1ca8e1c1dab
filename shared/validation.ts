import { z } from 'zod';
import type { IssueDetail } from './contract/types';

const TYPE_NAMES: Record<string, string> = {
  string: '文字',
  number: '数字',
  int: '整数',
  boolean: '是/否',
  array: '列表',
  object: '对象',
  date: '日期',
};

/*
 * Chinese messages for zod's generic checks. Fields with a message of their
 * own (see domain/primitives) keep it; this covers everything else, so no
 * English ever reaches the clerk.
 */
z.config({
  customError: (iss) => {
    switch (iss.code) {
      case 'invalid_type':
        return iss.input === undefined || iss.input === null ? '必须填写' : `应为${TYPE_NAMES[iss.expected] ?? iss.expected}`;
      case 'too_small':
        if (iss.origin === 'string') return Number(iss.minimum) <= 1 ? '不能为空' : `至少 ${iss.minimum} 个字`;
        if (iss.origin === 'array') return `至少 ${iss.minimum} 项`;
        return `不能小于 ${iss.minimum}`;
      case 'too_big':
        if (iss.origin === 'string') return `不能超过 ${iss.maximum} 个字`;
        if (iss.origin === 'array') return `最多 ${iss.maximum} 项`;
        return `不能大于 ${iss.maximum}`;
      case 'invalid_value':
        return `应为：${iss.values.map(String).join('、')}`;
      case 'invalid_format':
        return '格式不正确';
      case 'not_multiple_of':
        return `应为 ${iss.divisor} 的倍数`;
      case 'unrecognized_keys':
        return `包含不认识的字段：${iss.keys.join('、')}`;
      case 'invalid_union':
        return '取值不正确';
      default:
        return '取值不正确';
    }
  },
});

type AnyDef = { type: string; innerType?: z.ZodType; in?: z.ZodType; shape?: Record<string, z.ZodType>; element?: z.ZodType; valueType?: z.ZodType };
const defOf = (s: z.ZodType) => (s as unknown as { _zod: { def: AnyDef } })._zod.def;

/** The field's Chinese label (its `.describe()`), found by walking the schema along the issue's path. */
export function labelAt(schema: z.ZodType, path: readonly PropertyKey[]): string | undefined {
  let current: z.ZodType | undefined = schema;
  let label: string | undefined;
  for (const key of [...path, null]) {
    // Unwrap optional/nullable/default/pipe, picking up a description on the way.
    for (let guard = 0; current && guard < 10; guard++) {
      label = current.description ?? label;
      const def = defOf(current);
      const inner: z.ZodType | undefined = def.innerType ?? (def.type === 'pipe' ? def.in : undefined);
      if (!inner) break;
      current = inner;
    }
    if (key === null || !current) break;
    const def = defOf(current);
    if (def.type === 'object' && typeof key === 'string') current = def.shape?.[key];
    else if (def.type === 'array') current = def.element;
    else if (def.type === 'record') current = def.valueType;
    else current = undefined;
    label = undefined;
  }
  return label;
}

/** Labels for keys that carry no `.describe()` of their own (ids and filters); never show a raw English key. */
const KEY_LABELS: Record<string, string> = {
  id: '编号',
  ids: '编号列表',
  topicId: '课题',
  subtopicId: '小课题',
  campaignId: '活动',
  unitId: '组织',
  ownerId: '归属记录',
  branchId: '领题支部',
  leadDepartmentId: '牵头部门',
  limit: '条数',
  days: '天数',
  kind: '类型',
};

/** zod's issues as one Chinese sentence plus a detail per field. */
export function describeIssues(schema: z.ZodType, error: z.ZodError): { message: string; details: IssueDetail[] } {
  const details = error.issues.map((iss) => {
    const last = iss.path[iss.path.length - 1];
    const label = labelAt(schema, iss.path) ?? (typeof last === 'string' ? (KEY_LABELS[last] ?? '') : '');
    const message = label && !iss.message.startsWith(label) ? `${label}${/^[应不必至最包格取]/.test(iss.message) ? '' : '：'}${iss.message}` : iss.message;
    return { path: iss.path.map(String).join('.'), message };
  });
  const unique = [...new Set(details.map((d) => d.message))];
  return { message: `填写有误：${unique.slice(0, 5).join('；')}${unique.length > 5 ? `；等 ${unique.length} 处` : ''}。`, details };
}
