/** The middle of the samples (the upper middle of an even count): what the benches compare, as single runs swing. */
export const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** A small seeded generator (mulberry32): the same timings always give the same interval. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * How far the ratio of medians (measured / baseline) could move on this
 * machine: the rounds are resampled with replacement, each round keeping its
 * pair (the two ran a few seconds apart, on the same machine state), and the
 * ratio of medians of each resample is taken. Returns the `level` interval of
 * those ratios. A single bench run here swings by ±0.1 in this ratio; the
 * interval says so next to the figure instead of in a footnote.
 */
export function ratioInterval(baseline: readonly number[], measured: readonly number[], level = 0.9, resamples = 2000): [number, number] {
  if (baseline.length !== measured.length || baseline.length === 0) throw new Error('ratioInterval needs paired rounds');
  const random = seeded(0x5eed);
  const n = baseline.length;
  const ratios: number[] = [];
  const b: number[] = new Array<number>(n);
  const m: number[] = new Array<number>(n);
  for (let k = 0; k < resamples; k++) {
    for (let i = 0; i < n; i++) {
      const j = Math.floor(random() * n);
      b[i] = baseline[j]!;
      m[i] = measured[j]!;
    }
    ratios.push(median(m) / median(b));
  }
  ratios.sort((x, y) => x - y);
  const tail = (1 - level) / 2;
  return [ratios[Math.floor(tail * (resamples - 1))]!, ratios[Math.ceil((1 - tail) * (resamples - 1))]!];
}

/**
 * The ratio of medians over the quietest third of the rounds: those whose
 * pair (baseline and measured, run back to back) took the least time
 * together. Load from other machines on this host does not slow both sides
 * alike: measured here, exceljs's read slows down more than the import does,
 * so a run on a busy host makes the import look cheaper than it is on a quiet
 * one. The quiet third is the fair figure; picking rounds by the pair's sum,
 * not by either side alone, keeps one side's lucky run from choosing them.
 */
export function quietRatio(baseline: readonly number[], measured: readonly number[]): { ratio: number; rounds: number } {
  if (baseline.length !== measured.length || baseline.length === 0) throw new Error('quietRatio needs paired rounds');
  const rounds = Math.max(1, Math.round(baseline.length / 3));
  const quiet = baseline
    .map((b, i) => ({ b, m: measured[i]! }))
    .sort((x, y) => x.b + x.m - (y.b + y.m))
    .slice(0, rounds);
  return { ratio: median(quiet.map((r) => r.m)) / median(quiet.map((r) => r.b)), rounds };
}
