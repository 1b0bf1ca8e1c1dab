import type { z } from 'zod';

/** One method: what it takes and what it gives back. */
export interface MethodSpec {
  input: z.ZodType;
  output: z.ZodType;
}
export type ContractGroup = Record<string, MethodSpec>;

export const ERROR_CODES = [
  'VALIDATION', // the arguments are wrong: say which field and why
  'NOT_FOUND',
  'LOCKED', // a ticked-off sub-topic or a closed topic: re-open first
  'CONFLICT', // a duplicate natural key (same title in a campaign, same person in a unit)
  'IN_USE', // still referenced: cannot delete
  'BAD_STATE', // the action does not fit the record's status
  'NEEDS_CONFIRMATION', // a warning the clerk may accept: call again with `acceptWarning: true`, and the acceptance is audited
  'BAD_FILE', // an import file that cannot be read, or a damaged ledger
  'BUSY', // another program holds the ledger (an import in progress): wait and retry, never restore
  'UNKNOWN_METHOD',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface IssueDetail {
  /** Where: a field path, or for files "sheet/row/column". */
  path: string;
  message: string;
}
export interface LedgerErrorData {
  code: ErrorCode;
  /** A whole sentence in Chinese for the clerk. */
  message: string;
  details?: IssueDetail[];
}

/** Every call answers with one of these: nothing is thrown across the IPC boundary. */
export type Result<T> = { ok: true; data: T } | { ok: false; error: LedgerErrorData };
