import { z } from 'zod';
import { DateStr, amount, enumOf, longText, optionalId, requiredText, text } from '../domain/primitives';

/*
 * What a field is, said once: its key, its Chinese label, the kind of value,
 * the rule a form and the contract check (zod), whether it is required and
 * how long it may be, where it stands in the standard workbook (header, width,
 * cell kind, drop-down list), the header words a legacy sheet uses for it,
 * its column in the printed table, and what a re-import does with it. Every
 * layer reads these rows: the contract's schemas, the database row mapping,
 * the forms, the export and template, the import and the PDF tables.
 */

/** The kind of value. text/number/date are "plain": they travel through every layer by their kind alone. */
export type ValueKind = 'text' | 'number' | 'date' | 'enum' | 'bool' | 'people' | 'ref' | 'id' | 'order' | 'derived';
export const PLAIN_KINDS: readonly ValueKind[] = ['text', 'number', 'date'];

/** How a column's cells are written and styled in the workbook. */
export type CellKind = 'text' | 'wrap' | 'center' | 'date' | 'number';

export interface ExcelColumn {
  header: string;
  /** Excel character widths. */
  width: number;
  cell: CellKind;
  /** A drop-down list (data validation) of these values. */
  list?: readonly string[];
  /** The grouped header above the column (课题台账 only); neighbours with the same group share it. */
  group?: string;
}

/**
 * What a re-import of a sheet does with the field of a record the ledger holds:
 * `clearable` — an empty cell keeps the stored value, unless 清空空白单元格;
 * `neverCleared` — written when the cell says something, never cleared (序号, 来源, 状态);
 * `key` — the natural key the record is matched by; `notImported` — no sheet carries it.
 */
export type Reimport = 'clearable' | 'neverCleared' | 'key' | 'notImported';

export interface FieldDesc<K extends string = string, Z extends z.ZodType | undefined = z.ZodType | undefined> {
  key: K;
  label: string;
  kind: ValueKind;
  /** The contract's rule for the field (what a create call takes); undefined for what no call sets (derived). */
  zod: Z;
  required: boolean;
  /** The vocabulary of an enum field. */
  values?: readonly string[];
  /** Most characters the field holds (text), else null. */
  max: number | null;
  /** Travels through every layer by its kind alone: form cell, workbook cell, import cell, PDF cell. */
  plain: boolean;
  /** The key of its sheet column (the import's field key); the field's key unless two entities share a sheet. */
  column: string;
  excel?: ExcelColumn;
  /** Why a field the sheets could carry is not in the workbook (the field walk test reads it). */
  offSheet?: string;
  /** Header words of legacy sheets (normalised: no spaces, no bracketed parts, half-width). The first is the label shown. */
  synonyms: readonly string[];
  /** Must be found (or mapped) for a sheet to be of this entity's kind. */
  identifies: boolean;
  pdf?: { header?: string; width: number | '*' };
  /** A column of the entity's form grid (課題分解 for sub-topics), with its width in pixels. */
  form?: { width: number };
  reimport: Reimport;
}

interface Common<K extends string> {
  key: K;
  label: string;
  required?: boolean;
  column?: string;
  excel?: ExcelColumn;
  offSheet?: string;
  synonyms?: readonly string[];
  identifies?: boolean;
  pdf?: { header?: string; width: number | '*' };
  form?: { width: number };
  reimport?: Reimport;
  /** Plain fields default to true; a field with its own rules somewhere says false. */
  plain?: boolean;
}

function desc<K extends string, Z extends z.ZodType | undefined>(c: Common<K>, kind: ValueKind, zod: Z, max: number | null, values?: readonly string[]): FieldDesc<K, Z> {
  return {
    key: c.key,
    label: c.label,
    kind,
    zod,
    required: c.required ?? false,
    values,
    max,
    plain: c.plain ?? PLAIN_KINDS.includes(kind),
    column: c.column ?? c.key,
    excel: c.excel,
    offSheet: c.offSheet,
    synonyms: c.synonyms ?? [],
    identifies: c.identifies ?? false,
    pdf: c.pdf,
    form: c.form,
    reimport: c.reimport ?? (c.synonyms?.length ? 'clearable' : 'notImported'),
  };
}

/** The longest text any field holds (推进措施, 进展情况, 工作内容…). */
export const LONG_TEXT = 20000;

/** Text: trimmed, refused above `max` with a message naming the field. */
export function textField<K extends string>(c: Common<K> & { max: number; required: true }): FieldDesc<K, ReturnType<typeof requiredText>>;
export function textField<K extends string>(c: Common<K> & { max: number; required?: false }): FieldDesc<K, z.ZodDefault<ReturnType<typeof text>>>;
export function textField<K extends string>(c: Common<K> & { max: number }): FieldDesc<K, z.ZodType> {
  const zod = c.required ? requiredText(c.label, c.max) : c.max === LONG_TEXT ? longText(c.label).default('') : text(c.label, c.max).default('');
  return desc(c, 'text', zod, c.max);
}

/** A number, or empty (null). */
export function numberField<K extends string>(c: Common<K>) {
  return desc(c, 'number', amount(c.label).nullable().default(null), null);
}

/** A day 'YYYY-MM-DD', or empty (null). */
export function dateField<K extends string>(c: Common<K>) {
  return desc(c, 'date', DateStr.nullable().default(null).describe(c.label), null);
}

/** One of a fixed vocabulary. */
export function enumField<K extends string, T extends readonly [string, ...string[]], Z extends z.ZodType>(c: Common<K> & { values: T; zod: (e: z.ZodEnum<{ [V in T[number]]: V }>) => Z }) {
  return desc(c, 'enum', c.zod(enumOf(c.values, c.label) as z.ZodEnum<{ [V in T[number]]: V }>), null, c.values);
}

/** A link to another record (a unit, a person), or none; a sheet shows it by the other record's name. */
export function refField<K extends string>(c: Common<K> & { max?: number }) {
  return desc(c, 'ref', optionalId(c.label).default(null), c.max ?? null);
}

/** Anything else (ids, lists, order, flags): its rule given as it is. */
export function otherField<K extends string, Z extends z.ZodType | undefined>(c: Common<K> & { kind: ValueKind; zod: Z; max?: number }) {
  return desc(c, c.kind, c.zod, c.max ?? null);
}

export interface EntityDesc<F extends readonly FieldDesc[] = readonly FieldDesc[]> {
  name: string;
  label: string;
  fields: F;
}

/** The zod shape of an entity's fields that a call can set (derived ones are left out). */
export type ShapeOf<F extends readonly FieldDesc[]> = {
  [D in F[number] as D['zod'] extends z.ZodType ? D['key'] : never]: Exclude<D['zod'], undefined>;
};

export function shapeOf<F extends readonly FieldDesc[]>(fields: F): ShapeOf<F> {
  return Object.fromEntries(fields.filter((f) => f.zod).map((f) => [f.key, f.zod])) as ShapeOf<F>;
}

/** The stored fields of an entity by key (what the database row mapping writes and reads). */
export const storedKeys = (e: EntityDesc): string[] => e.fields.filter((f) => f.zod && f.kind !== 'derived' && f.kind !== 'people').map((f) => f.key);

export const fieldOf = (e: EntityDesc, key: string): FieldDesc | undefined => e.fields.find((f) => f.key === key);

export const YES_NO = ['是', '否'] as const;

/** The stored yes/no fields (0/1 in the database). */
export const boolKeys = (e: EntityDesc): string[] => e.fields.filter((f) => f.zod && f.kind === 'bool').map((f) => f.key);

/** A field's database column: its key in snake_case (budget → budget, deadlineText → deadline_text). */
export const columnName = (key: string) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** A value of a plain field: text, a number or a day 'YYYY-MM-DD'. */
export type PlainValue = string | number | null;

/** The plain fields of an entity: those every layer handles by their kind alone. */
export const plainFields = (e: EntityDesc): FieldDesc[] => e.fields.filter((f) => f.plain);
