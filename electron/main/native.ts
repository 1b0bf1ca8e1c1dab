import fs from 'node:fs';
import path from 'node:path';

/*
 * better-sqlite3's addon for the packaged app. scripts/electron-native.mjs
 * puts a checked copy of the Electron-loadable binary into
 * resources/native/<os>-<arch>/, which electron-builder ships as
 * <resources>/native/better_sqlite3.node. When it is there, the shell hands it
 * to better-sqlite3 (`nativeBinding`); otherwise (development, tests)
 * better-sqlite3 finds its own binary in node_modules.
 */
export const NATIVE_ADDON = 'better_sqlite3.node';

export function nativeBindingPath(resourcesPath: string | undefined, exists: (file: string) => boolean = fs.existsSync): string | undefined {
  if (!resourcesPath) return undefined;
  const file = path.join(resourcesPath, 'native', NATIVE_ADDON);
  return exists(file) ? file : undefined;
}
