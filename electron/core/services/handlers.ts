import type { z } from 'zod';
import type { ContractGroup } from '../../../shared/contract/types';
import type { CoreContext } from '../context';

/** The core side of a contract group: one function per method, typed from its zod schemas. */
export type Handlers<G extends ContractGroup> = {
  [M in keyof G]: (ctx: CoreContext, input: z.output<G[M]['input']>) => z.input<G[M]['output']> | Promise<z.input<G[M]['output']>>;
};
