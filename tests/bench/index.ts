import { benchCore } from './core';
import { benchExchange } from './exchange';
import { benchExport } from './export';
import { benchGrids } from './grids';
import { benchImport } from './import';
import { benchScreens } from './screens';

/*
 * `npm run bench`: every figure is printed with a baseline measured in the
 * same run, so the ratios mean something on any machine. Sections are added
 * by the issues that own them (import, export, PDF). Opt-in sections run only
 * when named (`npm run bench -- grids`): the grid comparison takes minutes and
 * measures a choice, not the app.
 */
const sections: [string, () => Promise<void>, { optIn?: boolean }?][] = [
  ['core', benchCore],
  ['export', benchExport],
  ['import', benchImport],
  ['screens', benchScreens],
  ['exchange', benchExchange],
  ['grids', benchGrids, { optIn: true }],
];

async function main(only?: string): Promise<void> {
  for (const [name, run, opts] of sections) if (only ? only === name : !opts?.optIn) await run();
}

void main(process.argv[2]);
