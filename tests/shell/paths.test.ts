import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openLedger } from '../../electron/core/db/open';
import { defaultDataDir, defaultLedgerPath } from '../../electron/core/paths';
import { backupDirFor } from '../../electron/main/backups';
import { nativeBindingPath } from '../../electron/main/native';
import { MAX_RECENT, SETTINGS_FILE, settingsStore, withRecent } from '../../electron/main/settings';
import { tempDir } from './helpers';

describe('where the data lives', () => {
  const env = { LOCALAPPDATA: 'C:\\Users\\张三\\AppData\\Local', APPDATA: 'C:\\Users\\张三\\AppData\\Roaming' };

  it('on Windows: the local (not roaming, not OneDrive) app data folder', () => {
    expect(defaultDataDir(env, 'win32', 'C:\\Users\\张三')).toBe('C:\\Users\\张三\\AppData\\Local\\领题破题台账');
    expect(defaultLedgerPath(env, 'win32')).toBe('C:\\Users\\张三\\AppData\\Local\\领题破题台账\\ledger.db');
    expect(defaultDataDir(env, 'win32', 'C:\\Users\\张三')).not.toMatch(/Roaming|OneDrive/);
    // Without LOCALAPPDATA (a stripped environment), still Local under the profile.
    expect(defaultDataDir({}, 'win32', 'C:\\Users\\张三')).toBe('C:\\Users\\张三\\AppData\\Local\\领题破题台账');
  });

  it('backups stay in the local data folder, even for a ledger kept elsewhere', () => {
    const data = defaultDataDir(env, 'win32', 'C:\\Users\\张三');
    expect(backupDirFor(data, 'E:\\U盘\\2024年台账.db', 'win32').startsWith(`${data}\\backups\\`)).toBe(true);
  });
});

describe('settings file', () => {
  it('remembers values, survives a damaged file, writes atomically', () => {
    const dir = tempDir();
    const store = settingsStore(dir);
    expect(store.read()).toEqual({ recentLedgers: [] });
    store.update({ lastLedger: '/a.db', window: { bounds: { x: 1, y: 2, width: 1200, height: 800 }, maximized: false } });
    expect(settingsStore(dir).read()).toMatchObject({ lastLedger: '/a.db', window: { maximized: false } });
    fs.writeFileSync(path.join(dir, SETTINGS_FILE), '{ broken');
    expect(store.read()).toEqual({ recentLedgers: [] });
    expect(fs.existsSync(path.join(dir, `${SETTINGS_FILE}.tmp`))).toBe(false);
  });

  it('recent ledgers: newest first, no duplicates (case-insensitive on Windows), at most a few', () => {
    expect(withRecent(['C:\\a.db', 'C:\\b.db'], 'c:\\B.DB', 'win32')).toEqual(['c:\\B.DB', 'C:\\a.db']);
    expect(withRecent(['/a.db', '/A.db'], '/a.db', 'linux')).toEqual(['/a.db', '/A.db']);
    expect(withRecent(Array.from({ length: 20 }, (_, i) => `/${i}.db`), '/x.db', 'linux')).toHaveLength(MAX_RECENT);
  });
});

describe('better-sqlite3 native binding', () => {
  it('is used only when the packaged copy exists', () => {
    expect(nativeBindingPath(undefined)).toBeUndefined();
    expect(nativeBindingPath('/opt/app/resources', () => false)).toBeUndefined();
    expect(nativeBindingPath('/opt/app/resources', () => true)).toBe(path.join('/opt/app/resources', 'native', 'better_sqlite3.node'));
  });

  it.runIf(process.platform === 'linux' && process.arch === 'x64')('openLedger loads an explicit Node-API binary (the way the packaged app does)', () => {
    const binding = path.resolve('node_modules/better-sqlite3/prebuilds/linux-x64.node');
    const { db } = openLedger(path.join(tempDir(), 'n.db'), { nativeBinding: binding });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
  });
});
