import type { exchangeContract } from '../../../shared/contract/exchange';
import { asOnlyImport } from '../db/importLock';
import { exportPackage, importPackages } from '../exchange';
import { exchangeHistory, exchangeSources, listConflicts, resolveConflict } from '../exchange/review';
import type { Handlers } from './handlers';

/**
 * The exchange between offices (electron/core/exchange). Export and import do
 * file work and are self-transacted (dispatch.ts); an import of packages takes
 * the ledger's import lock like an import of a workbook, so two never write at once.
 */
export const exchangeHandlers: Handlers<typeof exchangeContract> = {
  'exchange.export': (ctx, input) => exportPackage(ctx, input),
  'exchange.import': (ctx, { files }) => asOnlyImport(ctx, () => importPackages(ctx, files)),
  'exchange.conflicts': (ctx, { status }) => listConflicts(ctx, status),
  'exchange.resolve': (ctx, { id, choice }) => resolveConflict(ctx, id, choice),
  'exchange.sources': (ctx) => exchangeSources(ctx),
  'exchange.history': (ctx) => exchangeHistory(ctx),
};
