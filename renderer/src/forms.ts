import type { FormInstance, FormRule as Rule } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { z } from 'zod';
import '../../shared/validation';

/**
 * An antd Form rule from the contract's own zod field, so the form says the
 * same Chinese sentence the core would, while the clerk types.
 * `toValue` maps the control's value to the contract's (e.g. Dayjs → 'YYYY-MM-DD').
 */
export function zodRule(schema: z.ZodType, toValue: (v: unknown) => unknown = (v) => v): Rule {
  return {
    validator: async (_rule, value) => {
      const r = schema.safeParse(toValue(value));
      if (!r.success) throw new Error(r.error.issues[0]?.message ?? '取值不正确');
    },
  };
}

/**
 * The form's values, or undefined when a rule failed. antd rejects with a
 * plain {errorFields} object after showing each message beside its field;
 * left to escape, that rejection is an uncaught page error on every failed
 * validation. Anything else is a real fault and is thrown on.
 */
export async function validValues<V>(form: FormInstance<V>): Promise<V | undefined> {
  try {
    return await form.validateFields();
  } catch (e) {
    if (e && typeof e === 'object' && 'errorFields' in e) return undefined;
    throw e;
  }
}

export const DATE_FORMAT = 'YYYY-MM-DD';
export const toDateStr = (d: Dayjs | null | undefined): string | null => (d ? d.format(DATE_FORMAT) : null);
export const fromDateStr = (s: string | null | undefined): Dayjs | null => (s ? dayjs(s) : null);
export const todayStr = () => dayjs().format(DATE_FORMAT);

/** Undefined/null form values become the contract's empty text. */
export const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/**
 * A date typed as a clerk would in Excel: 2024-6-30, 2024/6/30, 2024.6.30,
 * 2024年6月30日. Anything else (长期坚持, 2023年12月底) is kept as text.
 */
export function parseDeadline(input: string): { deadline: string | null; deadlineText: string } {
  const s = input.trim();
  if (!s) return { deadline: null, deadlineText: '' };
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(s);
  if (m) {
    const iso = `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
    const d = dayjs(iso);
    if (d.isValid() && d.format(DATE_FORMAT) === iso) return { deadline: iso, deadlineText: '' };
  }
  return { deadline: null, deadlineText: s };
}
export const deadlineLabel = (s: { deadline: string | null; deadlineText: string }) => s.deadline ?? s.deadlineText;
