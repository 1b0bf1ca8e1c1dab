import { benchCore } from './core';
import { benchExchange } from './exchange';
import { benchExport } from './export';
import { benchImport } from './import';
import { benchScreens } from './screens';

/*
 * `npm run bench`: every figure is printed with a baseline measured in the
 * same run, so the ratios mean something on any machine. Sections are added
 * by the issues that own them (import, export, PDF).
 */
const sections: [string, () => Promise<void>][] = [
  ['core', benchCore],
  ['export', benchExport],
  ['import', benchImport],
  ['screens', benchScreens],
  ['exchange', benchExchange],
];

async function main(only?: string): Promise<void> {
  for (const [name, run] of sections) if (!only || only === name) await run();
}

void main(process.argv[2]);
