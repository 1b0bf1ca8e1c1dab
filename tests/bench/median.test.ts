import { describe, expect, it } from 'vitest';
import { median, ratioInterval } from './median';

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

  it('refuses rounds that are not paired', () => {
    expect(() => ratioInterval([1, 2], [1])).toThrow(/paired/);
    expect(() => ratioInterval([], [])).toThrow(/paired/);
  });
});
