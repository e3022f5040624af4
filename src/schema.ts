// Row schemas: the text cells of one CSV record → a typed row, or issues naming the column.
//
// Blank-cell policy (one place, decided per column, never by coercion):
// - every cell is trimmed of surrounding spaces first;
// - id, org_id, year, kind, organization name: blank is a problem;
// - rating: blank means PENDING (chưa xếp loại), as the contract says;
// - parent_id: blank means "no parent" (right for base organizations, a problem for a chi_bo_truc_thuoc);
// - member name, reason: blank is fine.
import { z } from 'zod';
import { FIRST_YEAR, kindOf, LAST_YEAR, ratingOf, type OrgKind, type RatingCode } from './schemes.js';

const YEAR = /^\d{4}$/;

/** The year a cell names, or undefined when it is not a plausible four-digit year. */
export function parseYear(raw: string): number | undefined {
  const t = raw.trim();
  if (!YEAR.test(t)) return undefined;
  const y = Number(t);
  return y >= FIRST_YEAR && y <= LAST_YEAR ? y : undefined;
}

const text = z.string().transform((s) => s.trim());

const required = z
  .string()
  .transform((s) => s.trim())
  .refine((s) => s !== '', { error: 'ô này không được để trống' });

const year = z.string().transform((raw, ctx): number => {
  const y = parseYear(raw);
  if (y === undefined) {
    ctx.issues.push({ code: 'custom', input: raw, message: `không phải năm hợp lệ (cần 4 chữ số, từ ${FIRST_YEAR} đến ${LAST_YEAR}, ví dụ 2017)` });
    return z.NEVER;
  }
  return y;
});

const kind = z.string().transform((raw, ctx): OrgKind => {
  const k = kindOf(raw);
  if (k === undefined) {
    ctx.issues.push({ code: 'custom', input: raw, message: 'không phải loại tổ chức nào (dang_bo_co_so, chi_bo_co_so, chi_bo_truc_thuoc hoặc tên đầy đủ)' });
    return z.NEVER;
  }
  return k;
});

const rating = z.string().transform((raw, ctx): RatingCode => {
  const r = ratingOf(raw);
  if (r === undefined) {
    ctx.issues.push({ code: 'custom', input: raw, message: 'không phải mức xếp loại nào' });
    return z.NEVER;
  }
  return r;
});

export const orgRow = z.object({
  id: required,
  name: required,
  kind,
  parent_id: text,
  year,
  rating,
});

export const memberRow = z.object({
  id: required,
  name: text,
  org_id: required,
  year,
  rating,
  reason: text,
});

export type OrgRow = z.output<typeof orgRow>;
export type MemberRow = z.output<typeof memberRow>;
export type OrgInput = z.input<typeof orgRow>;
export type MemberInput = z.input<typeof memberRow>;
