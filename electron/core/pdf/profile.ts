import { PDF_PROFILE_DEFAULTS, PdfProfile } from '../../../shared/contract/output';
import { audit } from '../audit';
import type { CoreContext } from '../context';
import { stmt } from '../db/statements';

/** The settings key of the PDF layout profile (the settings table is key → JSON). */
export const PDF_PROFILE_KEY = 'pdfProfile';

/** The stored profile over the defaults; a field that no longer validates falls back to its default. */
export function getPdfProfile(ctx: Pick<CoreContext, 'db'>): PdfProfile {
  const row = stmt(ctx.db, 'SELECT value FROM settings WHERE key = ?').get(PDF_PROFILE_KEY) as { value: string } | undefined;
  if (!row) return { ...PDF_PROFILE_DEFAULTS };
  let stored: Record<string, unknown> = {};
  try {
    stored = JSON.parse(row.value) as Record<string, unknown>;
  } catch {
    return { ...PDF_PROFILE_DEFAULTS };
  }
  const out: Record<string, unknown> = { ...PDF_PROFILE_DEFAULTS };
  for (const [key, schema] of Object.entries(PdfProfile.shape)) {
    const parsed = schema.safeParse(stored[key]);
    if (parsed.success) out[key] = parsed.data;
  }
  return out as PdfProfile;
}

export function setPdfProfile(ctx: CoreContext, patch: Partial<PdfProfile>): PdfProfile {
  const before = getPdfProfile(ctx);
  const after = { ...before, ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) } as PdfProfile;
  if (JSON.stringify(before) === JSON.stringify(after)) return before;
  stmt(ctx.db, 'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(PDF_PROFILE_KEY, JSON.stringify(after));
  audit(ctx, { action: 'update', entity: 'setting', entityId: PDF_PROFILE_KEY, before, after });
  return after;
}
