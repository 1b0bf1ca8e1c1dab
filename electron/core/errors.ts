import type { ErrorCode, IssueDetail, LedgerErrorData } from '../../shared/contract/types';

/** An error meant for the clerk: a Chinese sentence, a code the UI can act on, and where. */
export class LedgerError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: IssueDetail[],
  ) {
    super(message);
    this.name = 'LedgerError';
  }

  toData(): LedgerErrorData {
    return this.details?.length ? { code: this.code, message: this.message, details: this.details } : { code: this.code, message: this.message };
  }
}

export const notFound = (what: string, id?: string) => new LedgerError('NOT_FOUND', `找不到该${what}${id ? `（编号 ${id}）` : ''}，可能已被删除。`);
