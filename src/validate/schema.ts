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
// - member name, reason: blank is fine.
import * as z from 'zod/mini';
import { FIRST_YEAR, kindOf, LAST_YEAR, ratingOf, type OrgKind, type RatingCode } from '../schemes.js';
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
type CellCode = Extract<ProblemCode, 'empty-cell' | 'bad-year' | 'unknown-kind' | 'unknown-rating'>;

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
const kind = cell<OrgKind>(kindOf, 'không phải loại tổ chức nào (dang_bo_co_so, chi_bo_co_so, chi_bo_truc_thuoc hoặc tên đầy đủ)', 'unknown-kind');
const rating = cell<RatingCode>(ratingOf, 'không phải mức xếp loại nào', 'unknown-rating');

// Each row schema has its quick check (fastOrg, fastMember) right below it: the same answer without zod
// for the common, plainly valid row. A change to one is a change to the other (test/validate.test.ts).

export const orgRow = z.object({
  id: required,
  name: required,
  kind,
  parent_id: text,
  year,
  rating,
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
  if (id === '' || name === '' || kind === undefined || rating === undefined) return undefined;
  return { id, name, kind, parent_id: clean(obj.parent_id), year, rating };
}

export const memberRow = z.object({
  id: required,
  name: text,
  org_id: required,
  year,
  rating,
  reason: text,
});

/** memberRow's quick check, as fastOrg is orgRow's. */
export function fastMember(obj: Record<MemberKey, string>, year: number): MemberRow | undefined {
  const id = clean(obj.id);
  const orgId = clean(obj.org_id);
  const rating = ratingOf(obj.rating);
  if (id === '' || orgId === '' || rating === undefined) return undefined;
  return { id, name: clean(obj.name), org_id: orgId, year, rating, reason: clean(obj.reason) };
}

export type OrgRow = z.output<typeof orgRow>;
export type MemberRow = z.output<typeof memberRow>;
