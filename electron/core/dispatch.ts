import { contract, isMethod, type Args, type LedgerErrorData, type Method, type Output, type Result } from '../../shared/contract';
import { describeIssues } from '../../shared/validation';
import type { CoreContext } from './context';
import { LedgerError, explainSystemError } from './errors';
import { adminHandlers } from './services/admin';
import { exchangeHandlers } from './services/exchange';
import type { Handlers } from './services/handlers';
import { importHandlers } from './services/imports';
import { organisationHandlers } from './services/organisation';
import { outputHandlers } from './services/output';
import { recordsHandlers } from './services/records';
import { subtopicHandlers } from './services/subtopics';
import { topicHandlers } from './services/topics';

type AllHandlers = Handlers<typeof contract>;

/** Every method of the contract has exactly one handler; the type checker proves it. */
export const handlers: AllHandlers = {
  ...organisationHandlers,
  ...topicHandlers,
  ...subtopicHandlers,
  ...recordsHandlers,
  ...adminHandlers,
  ...outputHandlers,
  ...importHandlers,
  ...exchangeHandlers,
};

/**
 * Methods that do file work (read a workbook, write a PDF) are async and open
 * their own transaction around the writing part, after the slow reading is done.
 */
export const SELF_TRANSACTED_METHODS: ReadonlySet<string> = new Set<string>(['export.ledger', 'export.template', 'report.closure', 'report.ledger', 'report.summary', 'import.analyze', 'import.commit', 'import.failedRows', 'import.undo', 'exchange.export', 'exchange.import']);

export type Dispatch = (method: string, args: unknown) => Promise<Result<unknown>>;

export interface DispatchOptions {
  /** Also check what the core returns against the contract (tests turn this on). */
  validateOutput?: boolean;
  /** Where unexpected errors (bugs) are reported with their stack; the caller only sees a Chinese sentence. */
  logError?: (method: string, err: unknown) => void;
}

/** Any error as {code, message} for the caller; `readOnly` is the open ledger's read-only reason, which a refused write repeats. */
export function toErrorData(err: unknown, readOnly: string | null = null): LedgerErrorData {
  const code = (err as { code?: string } | null)?.code ?? '';
  if (readOnly && code.startsWith('SQLITE_READONLY')) return { code: 'BAD_STATE', message: readOnly };
  const explained = explainSystemError(err);
  if (explained) return explained.toData();
  if (code === 'SQLITE_CONSTRAINT_FOREIGNKEY') return { code: 'VALIDATION', message: '所选的关联记录不存在，或该记录仍被其他数据引用。' };
  if (code === 'SQLITE_CONSTRAINT_UNIQUE') return { code: 'CONFLICT', message: '已存在相同的记录。' };
  return { code: 'INTERNAL', message: `程序内部错误，操作未执行：${err instanceof Error ? err.message : String(err)}` };
}

/**
 * The one entry to the core: validate the arguments against the contract, run
 * the handler inside one transaction (all or nothing), answer `{ok, data|error}`.
 * Electron's ipcMain, the CLI and the tests all come through here.
 */
export function createDispatch(ctx: CoreContext, opts: DispatchOptions = {}): Dispatch {
  return async (method, args) => {
    if (!isMethod(method)) return { ok: false, error: { code: 'UNKNOWN_METHOD', message: `未知的操作：${String(method)}` } };
    const spec = contract[method];
    const parsed = spec.input.safeParse(args ?? undefined);
    if (!parsed.success) return { ok: false, error: { code: 'VALIDATION', ...describeIssues(spec.input, parsed.error) } };
    try {
      const handler = handlers[method] as (ctx: CoreContext, input: unknown) => unknown;
      const data = SELF_TRANSACTED_METHODS.has(method) ? await handler(ctx, parsed.data) : await runInTransaction(ctx, () => handler(ctx, parsed.data));
      if (opts.validateOutput) {
        const out = spec.output.safeParse(data);
        if (!out.success) throw new Error(`${method} 的返回值不符合契约：${JSON.stringify(out.error.issues.slice(0, 3))}`);
      }
      return { ok: true, data };
    } catch (err) {
      if (!(err instanceof LedgerError)) opts.logError?.(method, err);
      return { ok: false, error: toErrorData(err, ctx.readOnly) };
    }
  };
}

/** Synchronous handlers run in one SQLite transaction; async ones (file work) open their own. */
async function runInTransaction<T>(ctx: CoreContext, work: () => T): Promise<T> {
  if (ctx.db.inTransaction) return work();
  let result: T | undefined;
  ctx.db.transaction(() => {
    result = work();
    if (result instanceof Promise) throw new Error('异步操作不能在同步事务中执行');
  })();
  return result as T;
}

/** Typed convenience for callers in the same process (CLI, tests, demo): unwraps or throws a LedgerError. */
export function caller(dispatch: Dispatch) {
  return async function call<M extends Method>(method: M, args: Args<M>): Promise<Output<M>> {
    const result = await dispatch(method, args);
    if (!result.ok) throw new LedgerError(result.error.code, result.error.message, result.error.details);
    return result.data as Output<M>;
  };
}
