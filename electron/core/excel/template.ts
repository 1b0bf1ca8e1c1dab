import { writeAtomically } from '../atomicFile';
import type { CoreContext } from '../context';
import { LEDGER_SHEET } from './columns';
import { writeLedgerWorkbook } from './workbook';

/** Blank bordered rows under each header, for offices that fill the sheets by hand and print them. */
export const TEMPLATE_BLANK_ROWS = 20;

/** The standard workbook with no data: same sheets, headers, formats, drop-downs and print setup. */
export async function exportTemplate(_ctx: CoreContext, input: { out: string }) {
  return writeAtomically(input.out, async (tmp) => {
    await writeLedgerWorkbook(tmp, {
      title: LEDGER_SHEET.title,
      unit: '',
      date: '',
      ledger: [],
      roster: [],
      indicators: [],
      checklist: [],
      blankRows: TEMPLATE_BLANK_ROWS,
    });
  });
}
