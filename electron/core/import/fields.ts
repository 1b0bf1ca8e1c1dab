import type { SheetKind } from '../../../shared/contract/imports';
import { SHEETS, importColumns } from '../../../shared/fields';

/*
 * The header words legacy ledgers use, per field and per kind of sheet, as
 * the field descriptions give them (shared/fields). The first synonym is the
 * label shown to the clerk. An exact match scores 1, a header that contains a
 * synonym less (see score()); `required` fields decide the kind of a sheet.
 */
export interface FieldDef {
  key: string;
  synonyms: readonly string[];
  /** Must be found (or mapped) for the sheet to be of this kind. */
  required?: boolean;
}

export const FIELDS = Object.fromEntries(SHEETS.map((s) => [s.key, importColumns(s)])) as unknown as Record<Exclude<SheetKind, 'unknown'>, readonly FieldDef[]>;

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
