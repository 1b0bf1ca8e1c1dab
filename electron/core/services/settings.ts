import { SETTINGS, SETTING_DEFAULTS, type SettingKey } from '../../../shared/contract/admin';
import type { GradeBand, RubricCriterion } from '../../../shared/domain/enums';
import { audit } from '../audit';
import type { CoreContext } from '../context';
import { stmt } from '../db/statements';

type SettingValue<K extends SettingKey> = (typeof SETTING_DEFAULTS)[K];

export function getSetting<K extends SettingKey>(ctx: Pick<CoreContext, 'db'>, key: K): SettingValue<K> {
  const row = stmt(ctx.db, 'SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined;
  if (!row) return SETTING_DEFAULTS[key];
  // A value written by hand or by an older program falls back to the default rather than breaking the screen.
  const parsed = SETTINGS[key].safeParse(JSON.parse(row.value));
  return (parsed.success ? parsed.data : SETTING_DEFAULTS[key]) as SettingValue<K>;
}

export function setSetting<K extends SettingKey>(ctx: CoreContext, key: K, value: SettingValue<K>): void {
  const before = getSetting(ctx, key);
  if (JSON.stringify(before) === JSON.stringify(value)) return;
  stmt(ctx.db, 'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, JSON.stringify(value));
  audit(ctx, { action: 'update', entity: 'setting', entityId: key, before, after: value });
}

export function allSettings(ctx: Pick<CoreContext, 'db'>) {
  return { operator: getSetting(ctx, 'operator'), rubric: getSetting(ctx, 'rubric'), gradeBands: getSetting(ctx, 'gradeBands') };
}

/** The grade of a total: the first band (highest minimum first) whose minimum the total reaches. */
export function gradeOf(total: number, bands: readonly GradeBand[]): string {
  const sorted = [...bands].sort((a, b) => b.min - a.min);
  return (sorted.find((b) => total >= b.min) ?? sorted[sorted.length - 1]!).grade;
}

export function rubricTotal(scores: Record<string, number>, rubric: readonly RubricCriterion[]): number {
  return Math.round(rubric.reduce((sum, c) => sum + (scores[c.name] ?? 0), 0) * 100) / 100;
}
