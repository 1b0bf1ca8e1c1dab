import type { FormInstance, FormRule as Rule } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { z } from 'zod';
import '../../shared/validation';
import { orderProblem } from '../../shared/values';

/**
 * An antd Form rule from the contract's own zod field, so the form says the
 * same Chinese sentence the core would, while the clerk types; a field the
 * contract does not let be empty carries the required mark.
 * `toValue` maps the control's value to the contract's (e.g. Dayjs → 'YYYY-MM-DD').
 */
export function zodRule(schema: z.ZodType, toValue: (v: unknown) => unknown = (v) => v): Rule {
  return {
    // Only for the usual mark beside the label: with a validator of its own, antd leaves the checking to it.
    required: [undefined, null, ''].every((empty) => !schema.safeParse(toValue(empty)).success),
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
 * The core's rule "an end not before its start" (shared/values/periods) on the end field of a form, with the
 * same sentence the core would give; the field lists `dependencies={[startName]}` so it is checked again when the start changes.
 */
export function orderRule(startName: string, startLabel: string, endLabel: string): Rule {
  return ({ getFieldValue }) => ({
    validator: async (_rule, value: Dayjs | null | undefined) => {
      const problem = orderProblem(toDateStr(getFieldValue(startName) as Dayjs | null), toDateStr(value), startLabel, endLabel);
      if (problem) throw new Error(problem);
    },
  });
}
