import { execFileSync } from 'node:child_process';

/** The text of a PDF as poppler's pdftotext extracts it (what a reader would copy out). */
export function pdfText(file: string, opts: { layout?: boolean; raw?: boolean; page?: number } = {}): string {
  // -raw keeps the drawing order: a table cell's wrapped lines stay together.
  const args = [...(opts.layout ? ['-layout'] : []), ...(opts.raw ? ['-raw'] : []), ...(opts.page ? ['-f', String(opts.page), '-l', String(opts.page)] : []), file, '-'];
  return execFileSync('pdftotext', args, { encoding: 'utf8' });
}

/** Pages by pdfinfo, independent of what the core reports. */
export function pdfPages(file: string): number {
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  return Number(/^Pages:\s+(\d+)/m.exec(info)?.[1]);
}

/** The fonts a PDF embeds, by pdffonts: name, type, embedded and subset flags. */
export function pdfFonts(file: string): { name: string; embedded: boolean; subset: boolean }[] {
  const lines = execFileSync('pdffonts', [file], { encoding: 'utf8' }).split('\n').slice(2).filter(Boolean);
  return lines.map((l) => {
    const name = l.split(/\s+/)[0]!;
    const flags = l.trim().split(/\s+/).slice(-5);
    return { name, embedded: flags[0] === 'yes', subset: flags[1] === 'yes' };
  });
}

/** Text with all whitespace removed, so wrapped table cells still match. */
export const squash = (s: string) => s.replace(/\s+/g, '');
