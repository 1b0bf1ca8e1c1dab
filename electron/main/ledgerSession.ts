import fs from 'node:fs';
import path from 'node:path';
import { createCore, type Core } from '../core';
import { sweepPartials } from '../core/atomicFile';
import { backupLedger, backupTo, listBackups, reasonLabel, type BackupInfo } from '../core/db/backup';
import { upgradeDue } from '../core/db/migrate';
import { openLedgerWhenFree } from '../core/db/open';
import type { WaitOptions } from '../core/db/waitWhileBusy';
import { LedgerError, explainSystemError } from '../core/errors';
import { DEFAULT_LEDGER_FILE } from '../core/paths';
import type { BackupEntry, LedgerInfo } from '../../shared/contract/shell';
import { backupDirFor, checkLedgerFile, copyLedgerOver, dailyBackup, newestGoodBackup, setAsideDamaged, stillDamaged } from './backups';
import { withRecent, type SettingsStore } from './settings';

/*
 * Which ledger file is open, and everything that happens around opening one:
 * an integrity check, a backup before a schema upgrade, the day's automatic
 * backup, remembering it for the next start; switching to another file,
 * creating a new one, restoring a backup. No Electron here: the questions to
 * the clerk come in as `StartPrompts`, so the tests answer them.
 */

export interface SessionDeps {
  dataDir: string;
  settings: SettingsStore;
  /** better-sqlite3's addon for Electron, when the package ships one. */
  nativeBinding?: string;
  now?: () => Date;
  logError?: (method: string, err: unknown) => void;
  platform?: NodeJS.Platform;
  /** How long an open waits for another program holding the ledger (default waitWhileBusy's 5 minutes). */
  busyWaitMs?: number;
  /** Folders besides the data folder and the ledger's where saved files may have been left half-written (Documents). */
  outputDirs?: string[];
}

export type BrokenChoice = 'restore' | 'retry' | 'other' | 'new' | 'quit';

export interface StartPrompts {
  /** No ledger yet: start with the demo data or an empty ledger. */
  firstRun: () => Promise<'demo' | 'empty'>;
  /**
   * The ledger cannot be opened. `backup` is the newest backup that passes the
   * check, offered only when the ledger itself is `damaged`; `busy` when another
   * program still holds it after the wait (then 'retry' is a choice, restoring never).
   */
  broken: (p: { file: string; message: string; backup?: BackupInfo; busy: boolean; damaged: boolean }) => Promise<BrokenChoice>;
  /**
   * Another program holds the ledger (an import): shows `message` until
   * `done` aborts. Resolves earlier if the clerk chose to quit instead of waiting.
   */
  waiting?: (message: string, done: AbortSignal) => Promise<void>;
  /** Open dialog for another ledger; null when cancelled. */
  pickExisting: () => Promise<string | null>;
  /** Save dialog for a new ledger; null when cancelled. */
  pickNew: () => Promise<string | null>;
  /** A one-line notice (the ledger opened last is gone, …). */
  notice: (message: string) => Promise<void>;
}

const SYNCED = /onedrive|dropbox|icloud|google drive|坚果云|nutstore|百度网盘|baidunetdisk|wps云|seafile|同步/i;

export class LedgerSession {
  private current: { core: Core; file: string } | undefined;
  private readonly now: () => Date;

  constructor(private readonly deps: SessionDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  get dataDir(): string {
    return this.deps.dataDir;
  }

  get defaultFile(): string {
    return path.join(this.deps.dataDir, DEFAULT_LEDGER_FILE);
  }

  get core(): Core | undefined {
    return this.current?.core;
  }

  get file(): string | undefined {
    return this.current?.file;
  }

  backupDir(file: string | undefined = this.file): string {
    if (!file) throw new LedgerError('BAD_STATE', '当前没有打开的台账。');
    return backupDirFor(this.deps.dataDir, file, this.deps.platform);
  }

  private requireCore(): { core: Core; file: string } {
    if (!this.current) throw new LedgerError('BAD_STATE', '当前没有打开的台账。');
    return this.current;
  }

  /**
   * Opens (or, with `create`, makes) a ledger and makes it the current one;
   * the previous one is closed only after the new one opened. An existing
   * file is checked first, and backed up before its schema is upgraded.
   */
  async open(file: string, opts: { create?: boolean; demo?: boolean; wait?: WaitOptions } = {}): Promise<Core> {
    file = path.resolve(file);
    if (this.current && this.current.file === file) return this.current.core;
    const exists = fs.existsSync(file) && fs.statSync(file).size > 0;
    if (!exists && !opts.create) throw new LedgerError('NOT_FOUND', `找不到台账文件「${file}」。`);
    if (exists && opts.create) throw new LedgerError('CONFLICT', `文件「${path.basename(file)}」已存在，新建台账请换一个文件名。`);
    // Another program holding the ledger (the CLI importing) is waited for, never taken for damage.
    const wait = { waitMs: this.deps.busyWaitMs, ...opts.wait };
    if (exists) await this.checkAndBackupBeforeUpgrade(file, wait);

    const { db, migration, readOnly } = await openLedgerWhenFree(file, { nativeBinding: this.deps.nativeBinding, skipCheck: exists, ...wait });
    // The core's backup before an import goes into this ledger's own backup folder, with the daily ones.
    const core = createCore(db, { now: this.now, logError: this.deps.logError, backupDir: (f) => this.backupDir(f), readOnly, wait: { waitMs: this.deps.busyWaitMs } }, migration);
    try {
      if (opts.demo) await core.call('ledger.demo', {});
    } catch (err) {
      core.close();
      throw err;
    }
    const previous = this.current;
    this.current = { core, file };
    previous?.core.close();
    const s = this.deps.settings.read();
    this.deps.settings.update({ lastLedger: file, recentLedgers: withRecent(s.recentLedgers, file, this.deps.platform) });
    try {
      await dailyBackup(core.db, this.backupDir(file), this.now());
    } catch (err) {
      // A full disk must not keep the clerk from working; the error goes to the log.
      this.deps.logError?.('backup.daily', err);
    }
    return core;
  }

  /**
   * The start-up check (quick_check) on a read-only connection, and a backup
   * when an upgrade is due (db/backup.ts backupIfUpgradeDue does the same for
   * the CLI, without the wait for a busy ledger).
   */
  private async checkAndBackupBeforeUpgrade(file: string, wait: WaitOptions): Promise<void> {
    const { db } = await openLedgerWhenFree(file, { readonly: true, nativeBinding: this.deps.nativeBinding, ...wait });
    try {
      if (upgradeDue(db)) await backupLedger(db, this.backupDir(file), 'upgrade', { now: this.now() });
    } finally {
      db.close();
    }
  }

  /**
   * The first start and every later one: reopen the last ledger (or the
   * default one); offer demo or empty when there is none; when a ledger
   * cannot be opened, offer the newest good backup, another file or a new one.
   * Resolves false when the clerk chose to quit.
   */
  async start(prompts: StartPrompts, opts: { file?: string } = {}): Promise<boolean> {
    const { lastLedger } = opts.file ? { lastLedger: undefined } : this.deps.settings.read();
    let file = opts.file ? path.resolve(opts.file) : this.defaultFile;
    if (lastLedger && fs.existsSync(lastLedger)) file = lastLedger;
    else if (lastLedger && path.resolve(lastLedger) !== this.defaultFile) {
      await prompts.notice(`上次使用的台账文件「${lastLedger}」已找不到（可能已移动、删除或 U 盘未插入），现在打开默认台账。`);
    }
    let create = false;
    let demo = false;
    if (!fs.existsSync(file)) {
      create = true;
      demo = (await prompts.firstRun()) === 'demo';
    }
    this.sweepLeftovers(file);
    for (;;) {
      // While another program holds the ledger, the clerk sees a note (and may quit) instead of an error.
      const quit = new AbortController();
      const shown = new AbortController();
      const onWait = (message: string) => {
        void prompts.waiting?.(message, shown.signal).then(() => shown.signal.aborted || quit.abort());
      };
      try {
        await this.open(file, { create, demo, wait: { onWait, signal: quit.signal } });
        return true;
      } catch (err) {
        shown.abort();
        if (quit.signal.aborted) return false;
        this.deps.logError?.('ledger.open', err);
        const explained = explainSystemError(err);
        const message = explained?.message ?? (err instanceof Error ? err.message : String(err));
        const busy = explained?.code === 'BUSY';
        // Only a damaged ledger is offered a restore: not a busy one, not a full disk, not a folder we may not write.
        const damaged = explained?.code === 'BAD_FILE' && fs.existsSync(file);
        const backup = damaged ? newestGoodBackup(this.backupDir(file), this.deps.nativeBinding) : undefined;
        const choice = await prompts.broken({ file, message, backup, busy, damaged });
        if (choice === 'quit') return false;
        if (choice === 'retry') continue;
        if (choice === 'restore' && backup) {
          // The clerk may have waited at the question: the ledger is moved aside only if it is still found damaged now.
          if (!stillDamaged(file, this.deps.nativeBinding)) continue;
          try {
            setAsideDamaged(file, this.now());
            await copyLedgerOver(backup.file, file, this.deps.nativeBinding);
            create = false;
            demo = false;
          } catch (e) {
            this.deps.logError?.('backup.restore', e);
          }
          continue;
        }
        const picked = choice === 'new' ? await prompts.pickNew() : choice === 'other' ? await prompts.pickExisting() : null;
        if (picked) {
          file = path.resolve(picked);
          create = choice === 'new';
          demo = false;
        }
      } finally {
        shown.abort();
      }
    }
  }

  /**
   * Temporary files that killed or crashed writes left (atomicFile.ts): in the
   * data folder, every ledger's backup folder, the ledger's own folder and
   * where the clerk saves files. Only names of that pattern, only of processes
   * that are gone.
   */
  private sweepLeftovers(file: string): void {
    const backupsRoot = path.join(this.deps.dataDir, 'backups');
    const backupDirs = fs.existsSync(backupsRoot) ? fs.readdirSync(backupsRoot).map((d) => path.join(backupsRoot, d)) : [];
    for (const dir of new Set([this.deps.dataDir, backupsRoot, ...backupDirs, path.dirname(file), ...(this.deps.outputDirs ?? [])])) sweepPartials(dir);
  }

  /** A backup of the open ledger now (before an import, on request). */
  async backup(reason: string): Promise<BackupInfo> {
    const { core, file } = this.requireCore();
    return backupLedger(core.db, this.backupDir(file), reason, { now: this.now() });
  }

  backups(): BackupEntry[] {
    if (!this.file) return [];
    return listBackups(this.backupDir()).map((b) => ({ name: b.name, reason: b.reason, reasonLabel: reasonLabel(b.reason), size: b.size, createdAt: b.createdAt }));
  }

  /** The backup file behind a name from `backups()`; names only, so the renderer cannot point anywhere else. */
  backupFile(name: string): string {
    const found = listBackups(this.backupDir()).find((b) => b.name === name);
    if (!found) throw new LedgerError('NOT_FOUND', `找不到备份「${name}」，可能已被清理。`);
    return found.file;
  }

  /**
   * Replaces the open ledger with a backup (the confirmation is the caller's):
   * backs up the current state first, closes it (checkpointing the WAL),
   * writes the backup over it through SQLite's backup API, reopens. If the
   * reopen fails, the state before the restore is put back.
   */
  async restore(backupFile: string): Promise<BackupInfo> {
    const check = checkLedgerFile(backupFile, this.deps.nativeBinding);
    if (!check.ok) throw new LedgerError('BAD_FILE', `该备份无法使用：${check.message}`);
    const { core, file } = this.requireCore();
    const before = await backupLedger(core.db, this.backupDir(file), 'restore', { now: this.now() });
    this.current = undefined;
    core.close();
    try {
      await copyLedgerOver(backupFile, file, this.deps.nativeBinding);
      await this.open(file);
    } catch (err) {
      this.deps.logError?.('backup.restore', err);
      if (!this.current) {
        await copyLedgerOver(before.file, file, this.deps.nativeBinding);
        await this.open(file);
      }
      throw err instanceof LedgerError ? err : new LedgerError('INTERNAL', `恢复未完成，台账已保持恢复前的状态：${err instanceof Error ? err.message : String(err)}`);
    }
    return before;
  }

  /** A consistent copy of the open ledger at a place the clerk chose. */
  async saveCopy(target: string): Promise<void> {
    const { core, file } = this.requireCore();
    if (path.resolve(target) === file) throw new LedgerError('VALIDATION', '不能把备份保存到正在使用的台账文件上，请换一个文件名。');
    // A copy replacing an older one at that place: the older stays until the new one is complete.
    await backupTo(core.db, target);
  }

  info(): LedgerInfo {
    const { core, file } = this.requireCore();
    const backups = listBackups(this.backupDir(file));
    return {
      file,
      name: path.basename(file),
      dataDir: this.deps.dataDir,
      isDefault: file === this.defaultFile,
      warning: SYNCED.test(file) ? '台账文件位于网盘同步文件夹中，同步可能损坏数据库文件。建议用「另存备份」保存副本，台账本身放在本机数据文件夹。' : null,
      backups: backups.length,
      lastBackupAt: backups[0]?.createdAt ?? null,
      readOnly: core.readOnly,
    };
  }

  /** Clean shutdown: the WAL folded back into the file. */
  close(): void {
    const c = this.current;
    this.current = undefined;
    c?.core.close();
  }
}
