import type { FieldDesc } from './describe';

/*
 * A described field in a form cell: what the clerk sees and types, and the
 * value the contract takes, checked by the field's own zod rule so the form
 * says the same Chinese sentence (naming the field) the core would.
 */

/** The text a form cell shows for a stored value. */
export const toFormText = (v: unknown): string => (v === null || v === undefined ? '' : String(v));

const FULL_WIDTH_DIGITS = /[０-９．－]/g;

/** What a form cell's text means for the field: its value, or the Chinese sentence saying what is wrong. */
export function fromFormText(f: FieldDesc, input: string): { ok: true; value: unknown } | { ok: false; message: string } {
  let value: unknown = input;
  if (f.kind === 'number') {
    const t = input.trim().replace(/[,，\s]/g, '').replace(FULL_WIDTH_DIGITS, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
    value = t === '' ? null : Number(t);
    if (typeof value === 'number' && !Number.isFinite(value)) return { ok: false, message: `${f.label}应为数字，例如 12.5` };
  }
  if (!f.zod) return { ok: true, value };
  const r = f.zod.safeParse(value);
  return r.success ? { ok: true, value: r.data } : { ok: false, message: r.error.issues[0]?.message ?? `${f.label}填写不正确` };
}
