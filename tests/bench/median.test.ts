import { describe, expect, it } from 'vitest';
import { median, quietRatio, ratioInterval } from './median';

describe('bench statistics', () => {
  it('median takes the middle (the upper middle of an even count)', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(3);
  });

  it('the interval of a ratio is exact when the rounds do not vary, and brackets it when they do', () => {
    expect(ratioInterval([2, 2, 2], [3, 3, 3])).toEqual([1.5, 1.5]);
    const base = [2.68, 2.15, 2.26, 2.97, 2.7, 2.7, 1.73];
    const measured = [2.78, 3.36, 3.31, 3.39, 2.27, 2.38, 2.15];
    const [low, high] = ratioInterval(base, measured);
    const point = median(measured) / median(base);
    expect(low).toBeLessThan(point);
    expect(high).toBeGreaterThan(point);
    expect(low).toBeGreaterThan(0.7);
    expect(high).toBeLessThan(1.6);
    // Seeded: the same timings give the same interval on every run.
    expect(ratioInterval(base, measured)).toEqual([low, high]);
    // A wider level gives a wider (or equal) interval.
    const [low99, high99] = ratioInterval(base, measured, 0.99);
    expect(low99).toBeLessThanOrEqual(low);
    expect(high99).toBeGreaterThanOrEqual(high);
  });

  it('the quiet ratio takes the third of the rounds whose pair was fastest, whichever side was slow in the others', () => {
    // Rounds 1–3 ran on a quiet host (ratio 1.2); in 4–9 the host was busy and the baseline slowed down most.
    const base = [1.0, 1.1, 1.2, 2.2, 2.4, 2.6, 2.3, 2.5, 2.7];
    const measured = [1.2, 1.32, 1.44, 2.1, 2.2, 2.3, 2.0, 2.2, 2.4];
    expect(median(measured) / median(base)).toBeLessThan(1);
    const quiet = quietRatio(base, measured);
    expect(quiet.rounds).toBe(3);
    expect(quiet.ratio).toBeCloseTo(1.2, 10);
    // The order of the rounds does not matter, only each pair's time.
    expect(quietRatio([...base].reverse(), [...measured].reverse())).toEqual(quiet);
    // A round whose baseline alone was lucky (0.5 s, then a slow 3 s import) is not a quiet one.
    expect(quietRatio([1, 1, 1, 0.5, 3, 3], [1.2, 1.2, 1.2, 3, 3, 3]).ratio).toBeCloseTo(1.2, 10);
    // One round is its own quiet third.
    expect(quietRatio([2], [3])).toEqual({ ratio: 1.5, rounds: 1 });
  });

  it('refuses rounds that are not paired', () => {
    expect(() => ratioInterval([1, 2], [1])).toThrow(/paired/);
    expect(() => ratioInterval([], [])).toThrow(/paired/);
    expect(() => quietRatio([1, 2], [1])).toThrow(/paired/);
    expect(() => quietRatio([], [])).toThrow(/paired/);
  });
});
