// Row schemas (src/schema.ts): the one year parser, on text and on bytes, held to the same answers.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDate, parseDateBytes, parseFlag, parseFlagBytes, parseYear, parseYearBytes } from '../src/validate/schema.js';
import { dayOf, isoDay } from '../src/dates.js';

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

const bytesOf = (text: string, parse: (buf: Uint8Array, s: number, e: number) => number) => {
  const buf = Buffer.from(`x,${text},y`, 'utf8');
  return parse(buf, 2, buf.length - 2);
};

describe('parseFlag (organizations\' exemplary): yes/no, có/không, x, TRUE/FALSE; blank is no', () => {
  it.each([
    ['', false],
    ['   ', false],
    ['x', true],
    ['X', true],
    [' x ', true],
    ['yes', true],
    ['YES', true],
    ['Yes', true],
    ['y', true],
    ['có', true],
    ['Có', true],
    ['CÓ', true],
    ['co', true],
    ['có'.normalize('NFD'), true],
    ['no', false],
    ['No', false],
    ['n', false],
    ['không', false],
    ['Không', false],
    ['KHONG', false],
    ['TRUE', true], // Excel's boolean cell, as the sheet reader gives it
    ['FALSE', false],
    ['tiêu biểu', undefined],
    ['1', undefined],
    ['0', undefined],
    ['xx', undefined],
    ['yes!', undefined],
    ['-', false], // (a separator folds to blank, as headers do)
  ])('%j → %s', (cell, flag) => {
    expect(parseFlag(cell)).toBe(flag);
  });

  it('parseFlagBytes reads what it takes as parseFlag does, and leaves the rest to it', () => {
    const cells = ['', 'TRUE', 'FALSE', 'x', 'X', 'yes', 'Yes', 'YES', 'y', 'no', 'NO', 'n', 'co', 'CO', 'khong', 'KHONG', 'có', 'không', ' x', 'x ', '1', 'xx', 'yess', 'khongg', 'tiêu biểu'];
    const random = fc.sample(fc.stringMatching(/^[xXyYnNoOcCkKhHgGeEsS ]{0,6}$/), 2000);
    for (const c of [...cells, ...random, ...fc.sample(fc.string({ maxLength: 6 }), 500)]) {
      if (c.includes(',')) continue;
      const bytes = bytesOf(c, parseFlagBytes);
      const text = parseFlag(c);
      if (bytes >= 0) expect(bytes === 1, JSON.stringify(c)).toBe(text);
      else if (/^[A-Za-z]*$/.test(c)) expect(text, JSON.stringify(c)).toBeUndefined(); // plain ASCII it declines is no flag
    }
    expect(bytesOf('', parseFlagBytes)).toBe(0);
    expect(bytesOf('X', parseFlagBytes)).toBe(1);
    expect(bytesOf('có', parseFlagBytes)).toBe(-1); // accented: the string path reads it
  });
});

describe('parseDate (members\' admitted_on): YYYY-MM-DD, DD/MM/YYYY, Excel serial', () => {
  it.each([
    ['2017-03-15', '2017-03-15'],
    ['2017-3-5', '2017-03-05'],
    [' 2017-03-15 ', '2017-03-15'],
    ['15/03/2017', '2017-03-15'],
    ['5/3/2017', '2017-03-05'],
    ['05/03/2017', '2017-03-05'],
    ['29/02/2016', '2016-02-29'],
    ['45667', '2025-01-10'],
    ['45667.0', '2025-01-10'],
    ['45667,0', '2025-01-10'],
    ['42809', '2017-03-15'],
    ['01/01/1930', '1930-01-01'],
    ['31/12/2100', '2100-12-31'],
    ['29/02/2017', undefined],
    ['31/04/2017', undefined],
    ['2017-13-01', undefined],
    ['2017-00-10', undefined],
    ['15/13/2017', undefined],
    ['03/15/2017', undefined],
    ['15-03-2017', undefined],
    ['15.03.2017', undefined],
    ['2017/03/15', undefined],
    ['45667.5', undefined],
    ['2017', undefined], // a year is no date: serial 2017 is in 1905
    ['31/12/1929', undefined],
    ['0', undefined],
    ['', undefined],
    ['hôm qua', undefined],
    ['15/03/17', undefined],
  ])('%j → %s', (cell, iso) => {
    const day = parseDate(cell);
    expect(day === undefined ? undefined : isoDay(day)).toBe(iso);
  });

  it('the day number is Excel\'s serial number', () => {
    expect(dayOf(2025, 1, 10)).toBe(45667);
    expect(parseDate('10/01/2025')).toBe(45667);
  });

  it('parseDateBytes reads what it takes as parseDate does, and every ISO and DD/MM/YYYY date on bytes', () => {
    const cells = ['2017-03-15', '2017-3-5', '15/03/2017', '5/3/2017', '29/02/2017', '45667', '45667.0', '2017', '0', '1', '999999', '2017-03-', '/03/2017', '2017-003-1', '15//2017', '１５/03/2017'];
    const shaped = fc.sample(fc.stringMatching(/^[0-9]{0,4}[-/]?[0-9]{0,3}[-/]?[0-9]{0,5}$/), 3000);
    const dates = fc.sample(fc.date({ min: new Date('1930-01-01T00:00:00Z'), max: new Date('2100-12-31T00:00:00Z'), noInvalidDate: true }), 500);
    for (const d of dates) {
      const [y, m, day] = d.toISOString().slice(0, 10).split('-');
      for (const c of [`${y}-${m}-${day}`, `${day}/${m}/${y}`, `${Number(day)}/${Number(m)}/${y}`]) {
        expect(bytesOf(c, parseDateBytes), c).toBe(parseDate(c));
        expect(parseDate(c), c).toBeDefined();
      }
    }
    for (const c of [...cells, ...shaped, ...fc.sample(fc.string({ maxLength: 10 }), 500)]) {
      if (c.includes(',') || c.trim() === '') continue;
      const bytes = bytesOf(c, parseDateBytes);
      if (bytes >= 0) expect(bytes, JSON.stringify(c)).toBe(parseDate(c));
    }
  });
});
