import { backupsBesideLedger, type CoreContext } from './context';
import { backupIfUpgradeDue, type BackupInfo } from './db/backup';
import { closeLedger, openLedger, openLedgerWhenFree, type Db, type OpenOptions, type OpenedLedger } from './db/open';
import type { WaitOptions } from './db/waitWhileBusy';
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
  /** Why the ledger is open read-only (openLedger's `readOnly`); writes are refused with this sentence. */
  readOnly?: string | null;
  /** How a call waits for another program (an import for another import), and where it says so. */
  wait?: WaitOptions;
}

export interface Core {
  db: Db;
  ctx: CoreContext;
  dispatch: Dispatch;
  call: ReturnType<typeof caller>;
  migration: MigrationResult;
  /** Why the ledger is read-only, or null when it can be changed. */
  readOnly: string | null;
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
    readOnly: opts.readOnly ?? null,
    wait: opts.wait ?? {},
  };
  const dispatch = createDispatch(ctx, opts);
  return { db, ctx, dispatch, call: caller(dispatch), migration, readOnly: ctx.readOnly, close: () => closeLedger(db) };
}

const coreOver = ({ db, migration, readOnly }: OpenedLedger, opts: CoreOptions) => createCore(db, { ...opts, readOnly }, migration);

/** The host's beforeUpgrade, or a refusal: upgrading an existing ledger is allowed only after a backup. */
const guarded = <T extends OpenOptions>(opts: T): T => ({ ...opts, beforeUpgrade: opts.beforeUpgrade ?? refuseUpgradeWithoutBackup });

/**
 * The core over a ledger file that needs no upgrade, or that its host has
 * backed up (openBackedUpCore does both). Upgrading an existing ledger
 * without a `beforeUpgrade` from the host is refused, file untouched: a
 * host that forgot the backup finds out on the first old ledger, not after
 * a failed upgrade.
 */
export function openCore(file: string, opts: CoreOptions & OpenOptions = {}): Core {
  return coreOver(openLedger(file, guarded(opts)), opts);
}

/** openCore that waits (telling `onWait`) while another program holds the ledger. */
export async function openCoreWhenFree(file: string, opts: CoreOptions & OpenOptions & WaitOptions = {}): Promise<Core> {
  return coreOver(await openLedgerWhenFree(file, guarded(opts)), opts);
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
export async function openBackedUpCore(file: string, opts: CoreOptions & OpenOptions & WaitOptions = {}): Promise<{ core: Core; upgradeBackup: BackupInfo | null }> {
  const dir = (opts.backupDir ?? backupsBesideLedger)(file);
  const upgradeBackup = await backupIfUpgradeDue(file, dir, { now: opts.now?.(), nativeBinding: opts.nativeBinding, waitMs: opts.waitMs, pollMs: opts.pollMs, onWait: opts.onWait, signal: opts.signal });
  // Without a backup above, an upgrade found due after all (the file changed in between) is refused by openCore.
  const core = await openCoreWhenFree(file, upgradeBackup ? { ...opts, beforeUpgrade: opts.beforeUpgrade ?? (() => {}) } : opts);
  return { core, upgradeBackup };
}

export { LedgerError } from './errors';
export type { Dispatch } from './dispatch';
