import type { PdfProfile } from '../../../shared/contract/output';
import { A4, mm } from '../pdf/layout';

/*
 * A report title in lines, the way GB/T 9704-2012 (7.3.3) asks: a line never
 * breaks inside a word, and the lines are of similar length, set as a
 * trapezoid or a diamond, instead of a full line and a stray 报告 under it.
 * One function for the PDF and the Word file, so both break alike.
 */

/** Closing punctuation never starts a line; opening punctuation never ends one. */
const CLOSING = /^[”’」』）》〉】〕，。、；：！？,.;:!?)\]}%％]+$/u;
const OPENING = /^[“‘「『（《〈【〔(\[{]+$/u;
const HAN = /^\p{Script=Han}$/u;

let segmenter: Intl.Segmenter | null = null;

/**
 * The title's unbreakable pieces. Intl.Segmenter (ICU's dictionary for
 * Chinese, built into Node) finds the words; a run of single characters it
 * could not place in a word (电|商, 结|题) stays together, since those are
 * usually one word ICU does not know, and so does a number with its
 * measure word (2026年); punctuation sticks to its neighbour.
 */
export function titleWords(text: string): string[] {
  segmenter ??= new Intl.Segmenter('zh', { granularity: 'word' });
  const words: string[] = [];
  let glueNext = false;
  let prevSingleHan = false;
  for (const { segment } of segmenter.segment(text)) {
    const singleHan = HAN.test(segment);
    const last = words.length - 1;
    if (last >= 0 && (glueNext || CLOSING.test(segment) || /^\s+$/u.test(segment) || (singleHan && (prevSingleHan || /\d$/u.test(words[last]!))))) words[last] += segment;
    else words.push(segment);
    glueNext = OPENING.test(segment);
    prevSingleHan = singleHan;
  }
  return words.filter((w) => w.trim() !== '');
}

/** Width in full-width characters: a Latin letter or digit takes half. */
export function textUnits(s: string): number {
  let n = 0;
  for (const ch of s) n += ch.codePointAt(0)! < 0x2e80 && !/[“”‘’—…]/u.test(ch) ? 0.5 : 1;
  return n;
}

/**
 * The title in as few lines as fit `maxUnits` full-width characters each,
 * broken only between words, the lines as even as the words allow (least
 * sum of squared line widths); on a tie the longer line goes first (a
 * trapezoid). A word longer than a line is left to the layout to wrap.
 */
export function balancedTitleLines(title: string, maxUnits: number): string[] {
  const text = title.trim();
  if (!text || textUnits(text) <= maxUnits) return text ? [text] : [];
  const words = titleWords(text);
  const widths = words.map(textUnits);
  const n = words.length;
  const lineWidth = (from: number, to: number) => widths.slice(from, to).reduce((a, b) => a + b, 0);
  const linesNeeded = Math.ceil(textUnits(text) / maxUnits);
  // best[k][i]: the cheapest way to set words[0..i) in k lines; DP over the break points.
  for (let lines = linesNeeded; lines <= n; lines++) {
    const cost: number[][] = Array.from({ length: lines + 1 }, () => Array<number>(n + 1).fill(Infinity));
    const from: number[][] = Array.from({ length: lines + 1 }, () => Array<number>(n + 1).fill(-1));
    cost[0]![0] = 0;
    for (let k = 1; k <= lines; k++) {
      for (let i = 1; i <= n; i++) {
        for (let j = k - 1; j < i; j++) {
          const w = lineWidth(j, i);
          if (w > maxUnits && i - j > 1) continue;
          const c = cost[k - 1]![j]! + w * w;
          // ≤: among equal costs the later break wins, so earlier lines come out longer.
          if (c <= cost[k]![i]!) {
            cost[k]![i] = c;
            from[k]![i] = j;
          }
        }
      }
    }
    if (cost[lines]![n] === Infinity) continue;
    const out: string[] = [];
    for (let k = lines, i = n; k > 0; k--) {
      const j = from[k]![i]!;
      out.unshift(words.slice(j, i).join('').trim());
      i = j;
    }
    return out;
  }
  return [text];
}

/** How many full-width characters of the title's size fit on a line of the profile's text block (A4 portrait). */
export function titleLineUnits(p: PdfProfile): number {
  return Math.floor((A4.width - mm(p.marginLeftMm) - mm(p.marginRightMm)) / p.titleSize);
}
