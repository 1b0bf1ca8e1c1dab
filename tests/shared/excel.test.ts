import { describe, expect, it } from 'vitest';
import { columnIndex, columnLetter, excelDay, excelSerialToDate } from '../../shared/excel';

describe("Excel's numbering (shared by the import and the export)", () => {
  it('names columns as Excel does, and reads the names back', () => {
    expect([1, 26, 27, 52, 53, 702, 703, 16384].map(columnLetter)).toEqual(['A', 'Z', 'AA', 'AZ', 'BA', 'ZZ', 'AAA', 'XFD']);
    expect(columnLetter(0)).toBe('');
    for (let n = 1; n <= 16384; n++) expect(columnIndex(columnLetter(n))).toBe(n);
    expect(columnIndex('xfd')).toBe(16384);
  });

  it('turns a day into the serial Excel stores and back, in both date systems', () => {
    expect(excelDay('1970-01-01')).toBe(25569);
    expect(excelDay('2024-05-31')).toBe(45443);
    expect(excelDay(null)).toBeNull();
    expect(excelSerialToDate(45443).toISOString()).toBe('2024-05-31T00:00:00.000Z');
    expect(excelSerialToDate(45443 - 1462, true).toISOString()).toBe('2024-05-31T00:00:00.000Z');
    // A time of day is rounded to the second, as Excel shows it.
    expect(excelSerialToDate(45443.5 + 0.4 / 86400).toISOString()).toBe('2024-05-31T12:00:00.000Z');
    for (let day = Date.UTC(1990, 0, 1); day < Date.UTC(2040, 0, 1); day += 86_400_000 * 37) {
      const iso = new Date(day).toISOString().slice(0, 10);
      expect(excelSerialToDate(excelDay(iso)!).toISOString().slice(0, 10)).toBe(iso);
    }
  });
});
