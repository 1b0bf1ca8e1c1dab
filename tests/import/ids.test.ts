import { validate, version } from 'uuid';
import { describe, expect, it } from 'vitest';
import { bulkUuid7 } from '../../electron/core/import/ids';

/** A UUID v7: version 7, RFC variant (10xx). */
const V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('bulkUuid7 (the ids of a large import)', () => {
  it('gives valid, distinct UUID v7s carrying the time they were made', () => {
    const before = Date.now();
    const ids = Array.from({ length: 20_000 }, () => bulkUuid7());
    const after = Date.now();
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of [ids[0]!, ids[9_999]!, ids[19_999]!]) {
      expect(validate(id)).toBe(true);
      expect(version(id)).toBe(7);
      expect(id).toMatch(V7);
      const ms = parseInt(id.replace(/-/g, '').slice(0, 12), 16);
      expect(ms).toBeGreaterThanOrEqual(before);
      expect(ms).toBeLessThanOrEqual(after);
    }
    // Every id has the v7 shape (the variant and version bits are set whatever the random bytes are).
    expect(ids.every((id) => V7.test(id))).toBe(true);
    // Monotonic: every id sorts after the one made before it, within a millisecond too (many share one).
    for (let k = 1; k < ids.length; k++) if (!(ids[k - 1]! < ids[k]!)) throw new Error(`id ${k} sorts before id ${k - 1}: ${ids[k - 1]} ${ids[k]}`);
    const perMs = new Map<string, number>();
    for (const id of ids) perMs.set(id.slice(0, 13), (perMs.get(id.slice(0, 13)) ?? 0) + 1);
    expect(Math.max(...perMs.values())).toBeGreaterThan(1);
  });

  it('counts up within a millisecond and keeps 32 random bits per id', () => {
    const ids = Array.from({ length: 2_000 }, () => bulkUuid7());
    const counter = (id: string) => {
      const hex = id.replace(/-/g, '');
      // rand_a (12 bits) and the top 30 bits of rand_b (after the 2 variant bits).
      return parseInt(hex.slice(13, 16), 16) * 2 ** 30 + (parseInt(hex.slice(16, 24), 16) & 0x3fffffff);
    };
    const sameMs = ids.filter((id) => id.slice(0, 13) === ids[0]!.slice(0, 13));
    for (let k = 1; k < sameMs.length; k++) expect(counter(sameMs[k]!) - counter(sameMs[k - 1]!)).toBe(1);
    // The last 8 hex digits are random: 2,000 ids do not all share them.
    expect(new Set(ids.map((id) => id.slice(-8))).size).toBeGreaterThan(1_990);
  });
});
