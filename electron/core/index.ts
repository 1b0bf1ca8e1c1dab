import { backupsBesideLedger, type CoreContext } from './context';
import { closeLedger, openLedger, type Db, type OpenOptions } from './db/open';
import { caller, createDispatch, type Dispatch, type DispatchOptions } from './dispatch';
import type { MigrationResult } from './db/migrate';
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

export function openCore(file: string, opts: CoreOptions & OpenOptions = {}): Core {
  const { db, migration } = openLedger(file, opts);
  return createCore(db, opts, migration);
}

export { LedgerError } from './errors';
export type { Dispatch } from './dispatch';
