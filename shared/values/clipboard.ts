/*
 * Cells as Excel, WPS and LibreOffice put them on the clipboard, and back.
 *
 * Their text form is tab-separated rows ending in CRLF. A cell is wrapped in
 * double quotes (inner quotes doubled) only when it holds a line break; a
 * cell such as 「"重点"商户走访」 or 「"重点"」 is put there as it is. A CSV
 * parser (papaparse was tried) reads those two wrongly: the first swallows
 * every row after it, the second silently loses its quotes. So the rule here
 * is Excel's own: a quoted cell is unwrapped only when the closing quote ends
 * the cell, no tab lies inside (Excel's quoted cells have none) and what it
 * wraps holds a line break or a doubled quote (how this module writes a cell
 * that starts with a quote); anything else is literal.
 */

/** The rows and cells of clipboard text; a trailing line break adds no row. Blank lines stay (as `['']`) so row numbers match the copy. */
export function readClipboardTable(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let i = 0;
  const n = text.length;
  const endRow = () => {
    rows.push(row);
    row = [];
  };
  while (i < n) {
    const quoted = text[i] === '"' ? quotedCellAt(text, i) : null;
    let cell: string;
    if (quoted) {
      cell = quoted.value;
      i = quoted.end;
    } else {
      let j = i;
      while (j < n && text[j] !== '\t' && text[j] !== '\n' && text[j] !== '\r') j++;
      cell = text.slice(i, j);
      i = j;
    }
    row.push(cell);
    if (i >= n) break;
    if (text[i] === '\t') {
      i++;
      if (i >= n) row.push(''); // a trailing tab: one more empty cell
      continue;
    }
    // A line break: CRLF, LF or a lone CR.
    i += text[i] === '\r' && text[i + 1] === '\n' ? 2 : 1;
    endRow();
  }
  if (row.length) endRow();
  return rows;
}

/** The cell Excel wrote in quotes at `start`, or null when the quotes there are the cell's own text. */
function quotedCellAt(text: string, start: number): { value: string; end: number } | null {
  let value = '';
  let i = start + 1;
  for (;;) {
    const q = text.indexOf('"', i);
    if (q < 0) return null; // never closed: literal
    value += text.slice(i, q);
    if (text[q + 1] === '"') {
      value += '"';
      i = q + 2;
      continue;
    }
    const after = text[q + 1];
    const endsCell = after === undefined || after === '\t' || after === '\n' || after === '\r';
    const wrapped = text.slice(start + 1, q);
    // Excel quotes a cell only for its line breaks: without one (or a doubled quote), the quotes belong to the text.
    return endsCell && !wrapped.includes('\t') && (/[\r\n]/.test(value) || wrapped.includes('""')) ? { value, end: q + 1 } : null;
  }
}

/** Rows as Excel writes them: tabs between cells, CRLF after each row; a cell with a line break, or starting with a quote, quoted. */
export function writeClipboardTable(rows: readonly (readonly string[])[]): string {
  return rows.map((cells) => cells.map(clipboardCell).join('\t') + '\r\n').join('');
}

function clipboardCell(cell: string): string {
  // A tab inside a cell would split it in two on paste; Excel has none, so it is written as a space.
  const text = cell.replace(/\t/g, ' ');
  // A leading quote is quoted too (so doubled), else a later quoted cell could be read as closing it.
  return /[\r\n]|^"/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * The same rows as an HTML table: Excel and WPS prefer it when pasting, so a
 * cell's line breaks stay inside the cell. Cells Excel would turn into
 * numbers and so change (编号 01, a 12-digit phone number) are marked as text.
 */
export function clipboardHtml(rows: readonly (readonly string[])[]): string {
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/\r?\n/g, '<br style="mso-data-placement:same-cell;">');
  const td = (c: string) => (/^0\d|^\d{12,}$/.test(c) ? `<td style="mso-number-format:'\\@'">${esc(c)}</td>` : `<td>${esc(c)}</td>`);
  const body = rows.map((cells) => `<tr>${cells.map(td).join('')}</tr>`).join('');
  return `<html><head><meta charset="utf-8"></head><body><table>${body}</table></body></html>`;
}
