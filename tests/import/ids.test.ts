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
    // Time-ordered: a later id never sorts before an earlier millisecond.
    const prefixes = ids.map((id) => id.slice(0, 13));
    expect([...prefixes].sort()).toEqual(prefixes);
  });
});
