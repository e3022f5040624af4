// Row schemas: the text cells of one CSV record → a typed row, or issues naming the column and carrying
// their problem code (problemCodeOf). Each schema has its quick check beside it (fastOrg, fastMember: the
// common row without zod), and the year read on text and on bytes (parseYear, parseYearBytes).
//
// Blank-cell policy (one place, decided per column, never by coercion):
// - every cell is trimmed of surrounding spaces first, and its accents composed (NFC: an id typed with
//   decomposed accents is the same id);
// - id, org_id, year, kind, organization name: blank is a problem;
// - rating: blank means PENDING (chưa xếp loại), as the contract says;
// - parent_id: blank means "no parent" (right for base organizations, a problem for a chi_bo_truc_thuoc);
// - member name, reason: blank is fine;
// - exemplary, disciplined (organizations, optional): blank means no; admitted_on (members, optional) and
//   score (both, optional): blank means not given.
import * as z from 'zod/mini';
import { FIRST_YEAR, fold, kindOf, LAST_YEAR, ratingOf, type OrgKind, type RatingCode } from '../schemes.js';
import { dayOf, yearOfDay } from '../dates.js';
import { digits } from '../digits.js';
import type { ProblemCode } from '../problems.js';
import type { MemberKey, OrgKey } from './columns.js';

/** Four digits; Excel writes a number cell with a zero decimal part (`2025.0`, `2025,0`): the same year. */
const YEAR = /^(\d{4})(?:[.,]0+)?$/;

/** The year a cell names, or undefined when it is not a plausible four-digit year. */
export function parseYear(raw: string): number | undefined {
  const m = YEAR.exec(raw.trim());
  if (!m) return undefined;
  const y = Number(m[1]);
  return y >= FIRST_YEAR && y <= LAST_YEAR ? y : undefined;
}

/**
 * parseYear on the bytes [s, e) of a plain cell (the byte paths): the year, or -1 when the cell is anything
 * else (the string path then reads it, and says what is wrong). test/schema.test.ts holds the two together.
 */
export function parseYearBytes(buf: Uint8Array, s: number, e: number): number {
  if (e - s < 4) return -1;
  let y = 0;
  for (let i = s; i < s + 4; i++) {
    const d = buf[i]! - 48;
    if (d < 0 || d > 9) return -1;
    y = y * 10 + d;
  }
  if (e - s > 4) {
    if ((buf[s + 4] !== 46 && buf[s + 4] !== 44) || e - s === 5) return -1; // "." or ",", then zeros
    for (let i = s + 5; i < e; i++) if (buf[i] !== 48) return -1;
  }
  return y >= FIRST_YEAR && y <= LAST_YEAR ? y : -1;
}

/** The spellings of a flag cell (`exemplary`), folded (case and accents aside): blank is no. */
const FLAGS: ReadonlyMap<string, boolean> = new Map([
  ['', false], ['x', true], ['yes', true], ['y', true], ['co', true], ['no', false], ['n', false], ['khong', false],
  // A check box or a TRUE/FALSE cell of Excel.
  ['true', true], ['false', false],
]);

/** A flag cell (yes/no, có/không, x, TRUE/FALSE, blank = no, in any case, with or without accents), or undefined when it is none of these. */
export function parseFlag(raw: string): boolean | undefined {
  return FLAGS.get(fold(raw));
}

/**
 * parseFlag on the bytes [s, e) of a plain cell: 1 (yes), 0 (no, or blank), or -1 when the cell is not plain
 * ASCII of a known spelling (the string path then reads it: `có`, `không`, or a value it says is wrong).
 */
export function parseFlagBytes(buf: Uint8Array, s: number, e: number): number {
  if (e - s > 5) return -1;
  let word = '';
  for (let i = s; i < e; i++) {
    const b = buf[i]!;
    if (b >= 65 && b <= 90) word += String.fromCharCode(b + 32);
    else if (b >= 97 && b <= 122) word += String.fromCharCode(b);
    else return -1;
  }
  const v = FLAGS.get(word);
  return v === undefined ? -1 : v ? 1 : 0;
}

/** A score of Quy định 366-QĐ/TW: 0 to 100, a decimal point or comma (`85`, `85.5`, `85,5`). */
const SCORE = /^(\d{1,3})(?:[.,](\d{1,3}))?$/;

/** A score cell: the number, or undefined when it is not a number from 0 to 100. Blank is the caller's (not given). */
export function parseScore(raw: string): number | undefined {
  const m = SCORE.exec(raw.trim());
  if (!m) return undefined;
  const v = Number(`${m[1]}.${m[2] ?? '0'}`);
  return v <= 100 ? v : undefined;
}

/** parseScore on the bytes [s, e) of a plain, non-blank cell: the score, or -1 for anything else (the string path says why). */
export function parseScoreBytes(buf: Uint8Array, s: number, e: number): number {
  let whole = 0;
  let i = s;
  for (; i < e && i - s < 4; i++) {
    const d = buf[i]! - 48;
    if (d < 0 || d > 9) break;
    whole = whole * 10 + d;
  }
  const digits = i - s;
  if (digits === 0 || digits > 3) return -1;
  let frac = 0;
  let scale = 1;
  if (i < e) {
    if ((buf[i] !== 46 && buf[i] !== 44) || e - i - 1 < 1 || e - i - 1 > 3) return -1;
    for (let j = i + 1; j < e; j++) {
      const d = buf[j]! - 48;
      if (d < 0 || d > 9) return -1;
      frac = frac * 10 + d;
      scale *= 10;
    }
  }
  const v = whole + frac / scale;
  return v <= 100 ? v : -1;
}

const ISO_DATE = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;
const VN_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;
/** Excel's date serial number: a whole number of days (`45667`, `45667.0`, `45667,0`). */
const SERIAL = /^(\d{1,6})(?:[.,]0+)?$/;

/**
 * A date cell (`admitted_on`): YYYY-MM-DD, DD/MM/YYYY (one or two digits for day and month), or Excel's date
 * serial number; as a day number (dates.ts: Excel's serial), or undefined when unreadable (or outside 1930–2100). Blank is the
 * caller's (not given).
 */
export function parseDate(raw: string): number | undefined {
  const t = raw.trim();
  let m = ISO_DATE.exec(t);
  if (m) return dayOf(Number(m[1]), Number(m[2]), Number(m[3]));
  m = VN_DATE.exec(t);
  if (m) return dayOf(Number(m[3]), Number(m[2]), Number(m[1]));
  m = SERIAL.exec(t);
  if (m) {
    const day = Number(m[1]);
    const y = yearOfDay(day);
    return y >= FIRST_YEAR && y <= LAST_YEAR ? day : undefined;
  }
  return undefined;
}


/**
 * parseDate on the bytes [s, e) of a plain, non-blank cell: YYYY-MM-DD, DD/MM/YYYY and the serial number with
 * their days, or -1 for anything else (the string path then reads it and says what is wrong). Held to
 * parseDate by test/schema.test.ts.
 */
export function parseDateBytes(buf: Uint8Array, s: number, e: number): number {
  const n = e - s;
  if (n >= 8 && n <= 10 && buf[s + 4] === 45) {
    // YYYY-M(M)-D(D)
    const dash = buf[s + 6] === 45 ? s + 6 : buf[s + 7] === 45 ? s + 7 : -1;
    if (dash < 0 || e - dash - 1 < 1 || e - dash - 1 > 2) return -1;
    const y = digits(buf, s, s + 4);
    const m = digits(buf, s + 5, dash);
    const d = digits(buf, dash + 1, e);
    return y < 0 || m < 0 || d < 0 ? -1 : (dayOf(y, m, d) ?? -1);
  }
  if (n >= 8 && n <= 10 && buf[e - 5] === 47) {
    // D(D)/M(M)/YYYY
    const slash = buf[s + 1] === 47 ? s + 1 : buf[s + 2] === 47 ? s + 2 : -1;
    if (slash < 0 || e - 5 - slash - 1 < 1 || e - 5 - slash - 1 > 2) return -1;
    const d = digits(buf, s, slash);
    const m = digits(buf, slash + 1, e - 5);
    const y = digits(buf, e - 4, e);
    return y < 0 || m < 0 || d < 0 ? -1 : (dayOf(y, m, d) ?? -1);
  }
  if (n >= 1 && n <= 6) {
    const v = digits(buf, s, e);
    if (v < 0) return -1;
    const y = yearOfDay(v);
    return y >= FIRST_YEAR && y <= LAST_YEAR ? v : -1;
  }
  return -1;
}

/**
 * A text cell read by `read`, which returns undefined when it cannot: then `message` is the problem and
 * `code` its problem code, carried by the zod issue itself (problemCodeOf reads it back).
 */
function cell<T>(read: (raw: string) => T | undefined, message: string, code: CellCode) {
  return z.pipe(
    z.string(),
    z.transform((raw: string, ctx): T => {
      const v = read(raw);
      if (v === undefined) {
        ctx.issues.push({ code: 'custom', input: raw, message, params: { code } });
        return z.NEVER;
      }
      return v;
    }),
  );
}

/** The problem codes a cell of a row schema can fail with. */
type CellCode = Extract<ProblemCode, 'empty-cell' | 'bad-year' | 'unknown-kind' | 'unknown-rating' | 'bad-flag' | 'bad-date' | 'bad-score'>;

/** The problem code a row schema's issue carries (set by `cell`); any other issue is a bug, said loudly. */
export function problemCodeOf(issue: z.core.$ZodIssue): CellCode {
  const code = issue.code === 'custom' ? (issue.params as { code?: CellCode } | undefined)?.code : undefined;
  if (code === undefined) throw new Error(`row schema issue without a problem code at ${String(issue.path[0])}: ${issue.message}`);
  return code;
}

/** A text cell as it is compared and printed: trimmed, accents composed. */
export const clean = (s: string): string => s.trim().normalize('NFC');

const text = z.pipe(z.string(), z.transform(clean));
const required = cell((s) => (s.trim() === '' ? undefined : clean(s)), 'ô này không được để trống', 'empty-cell');
const year = cell(parseYear, `không phải năm hợp lệ (cần 4 chữ số, từ ${FIRST_YEAR} đến ${LAST_YEAR}, ví dụ 2017)`, 'bad-year');
const kind = cell<OrgKind>(kindOf, 'không phải loại tổ chức nào (dang_bo_co_so, chi_bo_co_so, chi_bo_truc_thuoc, dang_bo_cap_tren_co_so, dang_bo_bo_phan hoặc tên đầy đủ)', 'unknown-kind');
const rating = cell<RatingCode>(ratingOf, 'không phải mức xếp loại nào', 'unknown-rating');
const flag = cell<boolean>(parseFlag, 'không phải giá trị đánh dấu (để trống hoặc ghi có/không, yes/no, x)', 'bad-flag');
/** Blank is null (not given). */
const date = cell<number | null>((s) => (s.trim() === '' ? null : parseDate(s)),
  `không phải ngày hợp lệ (cần dạng YYYY-MM-DD, DD/MM/YYYY hoặc số ngày kiểu Excel, ví dụ 2017-03-15, 15/03/2017 hoặc 42809; năm từ ${FIRST_YEAR} đến ${LAST_YEAR})`, 'bad-date');

/** Blank is null (not given). */
const score = cell<number | null>((s) => (s.trim() === '' ? null : parseScore(s)), 'không phải điểm hợp lệ (cần một số từ 0 đến 100, ví dụ 85 hoặc 85,5)', 'bad-score');

// Each row schema has its quick check (fastOrg, fastMember) right below it: the same answer without zod
// for the common, plainly valid row. A change to one is a change to the other (test/validate.test.ts).

export const orgRow = z.object({
  id: required,
  name: required,
  kind,
  parent_id: text,
  year,
  rating,
  exemplary: flag,
  score,
  disciplined: flag,
});

/**
 * orgRow's quick check: the same result as `orgRow.parse` when every cell is plainly valid, else
 * undefined (zod then checks the row and says what is wrong). test/validate.test.ts holds the two to the
 * same answers.
 */
export function fastOrg(obj: Record<OrgKey, string>, year: number): OrgRow | undefined {
  const id = clean(obj.id);
  const name = clean(obj.name);
  const kind = kindOf(obj.kind);
  const rating = ratingOf(obj.rating);
  const exemplary = parseFlag(obj.exemplary);
  const disciplined = parseFlag(obj.disciplined);
  const score = obj.score.trim() === '' ? null : parseScore(obj.score);
  if (id === '' || name === '' || kind === undefined || rating === undefined || exemplary === undefined || disciplined === undefined || score === undefined) return undefined;
  return { id, name, kind, parent_id: clean(obj.parent_id), year, rating, exemplary, score, disciplined };
}

export const memberRow = z.object({
  id: required,
  name: text,
  org_id: required,
  year,
  rating,
  reason: text,
  admitted_on: date,
  score,
});

/** memberRow's quick check, as fastOrg is orgRow's. */
export function fastMember(obj: Record<MemberKey, string>, year: number): MemberRow | undefined {
  const id = clean(obj.id);
  const orgId = clean(obj.org_id);
  const rating = ratingOf(obj.rating);
  const admitted = obj.admitted_on.trim() === '' ? null : parseDate(obj.admitted_on);
  const score = obj.score.trim() === '' ? null : parseScore(obj.score);
  if (id === '' || orgId === '' || rating === undefined || admitted === undefined || score === undefined) return undefined;
  return { id, name: clean(obj.name), org_id: orgId, year, rating, reason: clean(obj.reason), admitted_on: admitted, score };
}

export type OrgRow = z.output<typeof orgRow>;
export type MemberRow = z.output<typeof memberRow>;
