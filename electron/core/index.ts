import { backupsBesideLedger, type CoreContext } from './context';
import { backupIfUpgradeDue, type BackupInfo } from './db/backup';
import { closeLedger, openLedger, type Db, type OpenOptions } from './db/open';
import { caller, createDispatch, type Dispatch, type DispatchOptions } from './dispatch';
import type { MigrationResult } from './db/migrate';
import { LedgerError } from './errors';
import { getSetting } from './services/settings';

export interface CoreOptions extends DispatchOptions {
  now?: () => Date;
  /** Overrides the ledger's 操作员 setting (the CLI passes the OS user, tests a fixed name). */
  operator?: string;
  /** Where backups before an import go (default: `backups` beside the ledger file). */
  backupDir?: (ledgerFile: string) => string;
}

export interface Core {
  db: Db;
  ctx: CoreContext;
  dispatch: Dispatch;
  call: ReturnType<typeof caller>;
  migration: MigrationResult;
  close: () => void;
}

/** The core over an open database: the same object the Electron shell, the CLI, the tests and the bench use. */
export function createCore(db: Db, opts: CoreOptions = {}, migration: MigrationResult = { applied: [], upgraded: false }): Core {
  const ctx: CoreContext = {
    db,
    now: opts.now ?? (() => new Date()),
    operator: () => opts.operator ?? (getSetting({ db }, 'operator') || '未署名'),
    importBatchId: null,
    backupDir: opts.backupDir ?? backupsBesideLedger,
  };
  const dispatch = createDispatch(ctx, opts);
  return { db, ctx, dispatch, call: caller(dispatch), migration, close: () => closeLedger(db) };
}

/**
 * The core over a ledger file that needs no upgrade, or that its host has
 * backed up (openBackedUpCore does both). Upgrading an existing ledger
 * without a `beforeUpgrade` from the host is refused, file untouched: a
 * host that forgot the backup finds out on the first old ledger, not after
 * a failed upgrade.
 */
export function openCore(file: string, opts: CoreOptions & OpenOptions = {}): Core {
  const { db, migration } = openLedger(file, { ...opts, beforeUpgrade: opts.beforeUpgrade ?? refuseUpgradeWithoutBackup });
  return createCore(db, opts, migration);
}

function refuseUpgradeWithoutBackup(): never {
  throw new LedgerError('INTERNAL', '台账需要升级，但升级前没有先备份，已停止，台账未作任何改动。');
}

/**
 * openCore for a host that may meet a ledger made by an older program (the
 * CLI): when the schema will be upgraded, an online backup first, into the
 * folder where this core's backups go (`backupDir`, by default `backups`
 * beside the ledger), then the open that upgrades it.
 */
export async function openBackedUpCore(file: string, opts: CoreOptions & OpenOptions = {}): Promise<{ core: Core; upgradeBackup: BackupInfo | null }> {
  const dir = (opts.backupDir ?? backupsBesideLedger)(file);
  const upgradeBackup = await backupIfUpgradeDue(file, dir, { now: opts.now?.(), nativeBinding: opts.nativeBinding });
  // Without a backup above, an upgrade found due after all (the file changed in between) is refused by openCore.
  const core = openCore(file, upgradeBackup ? { ...opts, beforeUpgrade: opts.beforeUpgrade ?? (() => {}) } : opts);
  return { core, upgradeBackup };
}

export { LedgerError } from './errors';
export type { Dispatch } from './dispatch';
