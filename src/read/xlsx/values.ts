// A cell's stored value → the text the checkers read, as the user meant it: a number as Excel shows it in
// General format (2025, not 2025.0; 15 significant digits, so 0.1+0.2 is 0.3; a long id in full, not
// 1.23457E+11), a date as YYYY-MM-DD (the 1900 system with its fictitious 29/02/1900, or the 1904 system),
// TRUE/FALSE for a boolean. Which number formats are dates is decided here too.
import { isoDay } from '../../dates.js';

/** The built-in number formats that show a date (ECMA-376 §18.8.30, and the East Asian ones 27–36, 50–58). */
const BUILTIN_DATES = new Set([14, 15, 16, 17, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 50, 51, 52, 53, 54, 55, 56, 57, 58]);

/**
 * Whether a number format shows a date: a built-in date format, or a custom code with a day or a year in it
 * once its quoted text, escaped characters and bracketed parts (`[Red]`, `[$-42A]`) are taken out. A format
 * of hours and minutes alone is a time, not a date.
 */
export function isDateFormat(id: number, code: string | undefined): boolean {
  if (BUILTIN_DATES.has(id)) return true;
  if (code === undefined) return false;
  const bare = code.replace(/"[^"]*"|\\.|\[[^\]]*\]|_.|\*./g, '');
  return /[dy]/i.test(bare);
}

/** Days from 1899-12-30 to 1904-01-01: the 1904 date system's serial 0. */
const EPOCH_1904 = 1462;
/** The largest serial Excel has: 9999-12-31. */
const MAX_SERIAL = 2_958_465;

/**
 * A date serial number as YYYY-MM-DD (the time of day dropped), or undefined when it is no date Excel has.
 * In the 1900 system serials before 61 are a day off (Excel counts a 29 February 1900 that never was).
 */
export function serialToIso(serial: number, date1904: boolean): string | undefined {
  if (!Number.isFinite(serial) || serial < 0 || serial > MAX_SERIAL) return undefined;
  let day = Math.floor(serial);
  if (date1904) day += EPOCH_1904;
  else if (day < 61) day += 1;
  return isoDay(day);
}

/** A stored number as Excel's General format shows it, but for a whole number, which is written in full. */
export function numberText(stored: string): string {
  const v = stored.trim();
  if (isPlainInteger(v)) return v;
  const x = Number(v);
  if (v === '' || !Number.isFinite(x)) return v;
  if (Number.isInteger(x) && Math.abs(x) <= Number.MAX_SAFE_INTEGER) return String(x);
  return String(Number(x.toPrecision(15)));
}

/** Digits, maybe after a minus sign, and at most 15 of them (a double holds them exactly). */
function isPlainInteger(v: string): boolean {
  const n = v.length;
  if (n === 0 || n > 16) return false;
  let i = v.charCodeAt(0) === 45 ? 1 : 0;
  if (i === n || n - i > 15) return false;
  for (; i < n; i++) {
    const c = v.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** A boolean cell as Excel shows it. */
export const booleanText = (stored: string): string => (stored.trim() === '1' || stored.trim().toLowerCase() === 'true' ? 'TRUE' : 'FALSE');

/** A date cell stored as ISO 8601 text (`t="d"`, written by some programs): its date. */
export function isoDateText(stored: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})/.exec(stored.trim());
  return m ? m[1]! : stored.trim();
}
