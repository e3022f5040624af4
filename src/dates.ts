// Calendar days as numbers, the form a parsed date cell takes (validate/schema.ts parseDate) and the figures
// compare (a member admitted in the year): Excel's serial numbers, days since 1899-12-30, so that every date
// of 1930–2100 is a positive number (-1 can mean "none" on the byte path). No clock: arithmetic on dates.
import { FIRST_YEAR, LAST_YEAR } from './schemes.js';

const DAY = 86_400_000;

/** 1970-01-01 as a day number (Excel's serial for it). */
const UNIX = 25569;

/** The day number of a calendar date, or undefined when there is no such day (31/02) or the year is outside 1930–2100. */
export function dayOf(y: number, m: number, d: number): number | undefined {
  if (y < FIRST_YEAR || y > LAST_YEAR || m < 1 || m > 12 || d < 1 || d > 31) return undefined;
  const t = Date.UTC(y, m - 1, d);
  return new Date(t).getUTCDate() === d ? t / DAY + UNIX : undefined;
}

/** The calendar year of a day number. */
export const yearOfDay = (day: number): number => new Date((day - UNIX) * DAY).getUTCFullYear();

/** The first and the last day of `year`. */
export const firstDayOf = (year: number): number => Date.UTC(year, 0, 1) / DAY + UNIX;
export const lastDayOf = (year: number): number => Date.UTC(year, 11, 31) / DAY + UNIX;

/** A day number as YYYY-MM-DD, for messages. */
export const isoDay = (day: number): string => new Date((day - UNIX) * DAY).toISOString().slice(0, 10);

/** The day `months` calendar months before `day` (the 31st of a shorter month falls on its last day). */
export function monthsBefore(day: number, months: number): number {
  const t = new Date((day - UNIX) * DAY);
  const y = t.getUTCFullYear();
  const m = t.getUTCMonth() - months;
  const last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return Date.UTC(y, m, Math.min(t.getUTCDate(), last)) / DAY + UNIX;
}

/** A day number as the documents write it: 31/12/2026. */
export const vnDay = (day: number): string => {
  const [y, m, d] = isoDay(day).split('-');
  return `${d}/${m}/${y}`;
};

/** "2026-12-31" (a valid ISO date) as a day number. */
export function dayOfIso(iso: string): number {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d) / DAY + UNIX;
}
