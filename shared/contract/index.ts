import '../validation';
import type { z } from 'zod';
import { adminContract } from './admin';
import { exchangeContract } from './exchange';
import { importContract } from './imports';
import { organisationContract } from './organisation';
import { outputContract } from './output';
import { recordsContract } from './records';
import { topicContract } from './topics';
import type { ContractGroup } from './types';

export * from './types';

/** Every group of methods; a method name appearing in two groups is refused at start-up. */
export const CONTRACT_GROUPS = [organisationContract, topicContract, recordsContract, adminContract, outputContract, importContract, exchangeContract] as const;

export function mergeGroups<G extends readonly ContractGroup[]>(groups: G): ContractGroup {
  const merged: ContractGroup = {};
  for (const group of groups) {
    for (const [name, spec] of Object.entries(group)) {
      if (name in merged) throw new Error(`契约中方法重名：${name}`);
      merged[name] = spec;
    }
  }
  return merged;
}

export const contract = mergeGroups(CONTRACT_GROUPS) as typeof organisationContract &
  typeof topicContract &
  typeof recordsContract &
  typeof adminContract &
  typeof outputContract &
  typeof importContract &
  typeof exchangeContract;

export type Contract = typeof contract;
export type Method = keyof Contract;
/** What a caller passes (defaults may be left out). */
export type Args<M extends Method> = z.input<Contract[M]['input']>;
/** What the core receives after validation (defaults filled in). */
export type Input<M extends Method> = z.output<Contract[M]['input']>;
export type Output<M extends Method> = z.output<Contract[M]['output']>;

export const METHODS = Object.keys(contract) as Method[];
export function isMethod(name: unknown): name is Method {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(contract, name);
}
