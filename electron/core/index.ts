import { backupsBesideLedger, type CoreContext } from './context';
import { closeLedger, openLedger, openLedgerWhenFree, type Db, type OpenOptions, type OpenedLedger } from './db/open';
import type { WaitOptions } from './db/waitWhileBusy';
import { caller, createDispatch, type Dispatch, type DispatchOptions } from './dispatch';
import type { MigrationResult } from './db/migrate';
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

export function openCore(file: string, opts: CoreOptions & OpenOptions = {}): Core {
  return coreOver(openLedger(file, opts), opts);
}

/** openCore that waits (telling `onWait`) while another program holds the ledger. */
export async function openCoreWhenFree(file: string, opts: CoreOptions & OpenOptions & WaitOptions = {}): Promise<Core> {
  return coreOver(await openLedgerWhenFree(file, opts), opts);
}

export { LedgerError } from './errors';
export type { Dispatch } from './dispatch';
