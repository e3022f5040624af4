// Row schemas (src/schema.ts): the one year parser, on text and on bytes, held to the same answers.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseYear, parseYearBytes } from '../src/validate/schema.js';

const onBytes = (text: string) => {
  const buf = Buffer.from(`x,${text},y`, 'utf8');
  return parseYearBytes(buf, 2, buf.length - 2);
};

describe('parseYear', () => {
  it.each([
    ['2025', 2025],
    [' 2025 ', 2025],
    ['2025.0', 2025],
    ['2025,0', 2025],
    ['2025.00', 2025],
    ['1930', 1930],
    ['2100', 2100],
    ['2025.5', undefined],
    ['2025.', undefined],
    ['2025,', undefined],
    ['25', undefined],
    ['20251', undefined],
    ['1929', undefined],
    ['2101', undefined],
    ['', undefined],
    ['năm 2025', undefined],
    ['2.025', undefined],
    ['2025-01-01', undefined],
  ])('%j → %s', (cell, year) => {
    expect(parseYear(cell)).toBe(year);
  });
});

describe('parseYearBytes agrees with parseYear on every cell it takes', () => {
  it('on the table above and on random cells', () => {
    const cells = ['2025', '2025.0', '2025,0', '2025.00', '2025.5', '2025.', '1929', '2101', '0000', '2025,00', '２０２５'];
    const digits = fc.stringMatching(/^[0-9]{0,5}([.,][0-9]{0,3})?$/);
    for (const c of [...cells, ...fc.sample(digits, 2000), ...fc.sample(fc.string({ maxLength: 8 }), 500)]) {
      if (c.includes(',') && c.length > 7) continue;
      const bytes = onBytes(c);
      // The byte path may decline a cell (-1: the string path reads it); what it accepts, it reads the same.
      if (bytes >= 0) expect(bytes).toBe(parseYear(c));
      else if (c.trim() === c) expect(parseYear(c)).toBeUndefined();
    }
  });
});
