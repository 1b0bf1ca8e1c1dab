import { z } from 'zod';

/** Every record's key: a UUID v7 as text, so ledgers of 185 branches merge without collisions. */
export const Id = z.uuid({ message: '编号格式不正确' });
export type Id = z.infer<typeof Id>;

function isRealDate(s: string): boolean {
  const [y, m, d] = s.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** A calendar day as 'YYYY-MM-DD' (no time, no zone: a deadline is a day in the office's calendar). */
export const DateStr = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: '日期应写成 年-月-日，例如 2024-05-31' })
  .refine(isRealDate, { message: '不是有效的日期' });
export type DateStr = z.infer<typeof DateStr>;

export const Timestamp = z.string();

/** Short text: trimmed, empty means "not given". */
export const text = (label: string, max = 200) =>
  z.string().trim().max(max, { message: `${label}不能超过 ${max} 个字` }).describe(label);

export const requiredText = (label: string, max = 200) =>
  z
    .string({ message: `${label}不能为空` })
    .trim()
    .min(1, { message: `${label}不能为空` })
    .max(max, { message: `${label}不能超过 ${max} 个字` })
    .describe(label);

export const longText = (label: string) => text(label, 20000);

export const optionalId = (label: string) => Id.nullable().describe(label);

export const enumOf = <T extends readonly [string, ...string[]]>(values: T, label: string) =>
  z.enum(values, { message: `${label}应为：${values.join('、')}` }).describe(label);

export const amount = (label: string) =>
  z.number({ message: `${label}应为数字` }).finite({ message: `${label}应为数字` }).describe(label);

/** The fields every stored record carries besides its own. */
export const RecordMeta = {
  id: Id,
  createdAt: Timestamp,
  updatedAt: Timestamp,
  importBatchId: Id.nullable(),
};
