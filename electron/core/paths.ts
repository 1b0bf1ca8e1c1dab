import os from 'node:os';
import path from 'node:path';

export const APP_DIR_NAME = '领题破题台账';
export const DEFAULT_LEDGER_FILE = 'ledger.db';

/**
 * The folder that holds the ledger: the user's *local* data folder (on
 * Windows %LOCALAPPDATA%, which is neither roaming nor synced by OneDrive:
 * a SQLite file in a synced folder gets corrupted).
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform, home = os.homedir()): string {
  if (platform === 'win32') return path.win32.join(env.LOCALAPPDATA ?? path.win32.join(home, 'AppData', 'Local'), APP_DIR_NAME);
  if (platform === 'darwin') return path.posix.join(home, 'Library', 'Application Support', APP_DIR_NAME);
  return path.posix.join(env.XDG_DATA_HOME || path.posix.join(home, '.local', 'share'), 'topic-ledger');
}

export function defaultLedgerPath(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  return (platform === 'win32' ? path.win32 : path.posix).join(defaultDataDir(env, platform), DEFAULT_LEDGER_FILE);
}
