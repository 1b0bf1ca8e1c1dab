import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { writeFileAtomicallySync } from '../core/atomicFile';

/*
 * The shell's own small settings (which ledger was open last, the window's
 * place), in a JSON file in the local data folder. The ledger's settings
 * (operator, rubric) live in the ledger itself. A damaged or missing file
 * is simply the defaults: nothing here is worth refusing to start over.
 */

export const SETTINGS_FILE = 'settings.json';

const Bounds = z.object({ x: z.number().int(), y: z.number().int(), width: z.number().int().positive(), height: z.number().int().positive() });

export const ShellSettings = z.object({
  /** The ledger file opened last (reopened on start). */
  lastLedger: z.string().optional(),
  /** Recently opened ledgers, newest first (offices may keep one per year). */
  recentLedgers: z.array(z.string()).default([]),
  window: z.object({ bounds: Bounds, maximized: z.boolean().default(false) }).optional(),
});
export type ShellSettings = z.infer<typeof ShellSettings>;
export type WindowSettings = NonNullable<ShellSettings['window']>;

export interface SettingsStore {
  read: () => ShellSettings;
  update: (patch: Partial<ShellSettings>) => ShellSettings;
}

export function settingsStore(dataDir: string): SettingsStore {
  const file = path.join(dataDir, SETTINGS_FILE);
  const read = (): ShellSettings => {
    try {
      const parsed = ShellSettings.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
      if (parsed.success) return parsed.data;
    } catch {
      // missing or unreadable: defaults
    }
    return ShellSettings.parse({});
  };
  const update = (patch: Partial<ShellSettings>): ShellSettings => {
    const next = { ...read(), ...patch };
    fs.mkdirSync(dataDir, { recursive: true });
    // Write-then-rename: a crash mid-write leaves the old file, never half a file.
    writeFileAtomicallySync(file, JSON.stringify(next, null, 2));
    return next;
  };
  return { read, update };
}

export const MAX_RECENT = 8;

/** The ledger list with `file` first, without duplicates (paths compared case-insensitively on Windows). */
export function withRecent(recent: readonly string[], file: string, platform: NodeJS.Platform = process.platform): string[] {
  const same = (a: string, b: string) => (platform === 'win32' ? a.toLowerCase() === b.toLowerCase() : a === b);
  return [file, ...recent.filter((f) => !same(f, file))].slice(0, MAX_RECENT);
}
