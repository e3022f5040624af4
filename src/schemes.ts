// Rating schemes, organization kinds and every spelling users write for them: all data, no branches.
// Adding a scheme or an alias is a one-line change here (and a row in test/schemes.test.ts).
import { remember } from './cache.js';

export const RATING_CODES = ['TSVM', 'HTXSNV', 'HTTNV', 'HTNV', 'HTNV_HC', 'YEU', 'KHTNV', 'UNRANKED', 'PENDING'] as const;
export type RatingCode = (typeof RATING_CODES)[number];

/** Not ratings of a scheme: exempt / not yet assessed. Every scheme accepts them. */
export const SPECIAL_CODES = ['UNRANKED', 'PENDING'] as const satisfies readonly RatingCode[];
export type SpecialCode = (typeof SPECIAL_CODES)[number];

/** Whether a code is one of SPECIAL_CODES (those whose members' reasons are counted). */
export const isSpecial = (code: RatingCode): code is SpecialCode => (SPECIAL_CODES as readonly RatingCode[]).includes(code);

export interface RatingInfo {
  /** The full name, as written in documents. */
  name: string;
  /** The short form officials use in running text. */
  short: string;
  /** Other spellings that mean this code (the code and `name` are always accepted). */
  aliases: readonly string[];
}

export const RATINGS: Record<RatingCode, RatingInfo> = {
  TSVM: { name: 'Trong sạch vững mạnh', short: 'TSVM', aliases: [] },
  HTXSNV: { name: 'Hoàn thành xuất sắc nhiệm vụ', short: 'HTXSNV', aliases: [] },
  HTTNV: { name: 'Hoàn thành tốt nhiệm vụ', short: 'HTTNV', aliases: [] },
  HTNV: { name: 'Hoàn thành nhiệm vụ', short: 'HTNV', aliases: [] },
  HTNV_HC: {
    name: 'Đủ tư cách hoàn thành nhiệm vụ nhưng có hạn chế',
    short: 'HTNV có hạn chế',
    aliases: ['Đủ tư cách hoàn thành nhiệm vụ nhưng có hạn chế từng mặt', 'Hoàn thành nhiệm vụ nhưng còn hạn chế', 'Hoàn thành nhiệm vụ nhưng có hạn chế'],
  },
  YEU: { name: 'Yếu kém', short: 'Yếu kém', aliases: ['Yếu'] },
  KHTNV: { name: 'Không hoàn thành nhiệm vụ', short: 'KHTNV', aliases: [] },
  UNRANKED: { name: 'Không xếp loại', short: 'Không xếp loại', aliases: ['Không phân loại'] },
  PENDING: { name: 'Chưa xếp loại', short: 'Chưa xếp loại', aliases: ['Chưa phân loại', ''] },
};

export interface Scheme {
  /** First and last year the scheme applies to (inclusive). */
  from: number;
  to: number;
  /** Ratings of organizations, best first (without UNRANKED / PENDING). */
  org: readonly RatingCode[];
  /** Ratings of members, best first (without UNRANKED / PENDING). */
  member: readonly RatingCode[];
  /** The ratings that count as weak: the units readers ask to consolidate. */
  weak: readonly RatingCode[];
}

/** Earliest and latest year `assess` accepts: before the first scheme or far in the future is a typo. */
export const FIRST_YEAR = 1930;
export const LAST_YEAR = 2100;

export const SCHEMES: readonly Scheme[] = [
  { from: FIRST_YEAR, to: 2017, org: ['TSVM', 'HTTNV', 'HTNV', 'YEU'], member: ['HTXSNV', 'HTTNV', 'HTNV', 'HTNV_HC', 'KHTNV'], weak: ['YEU', 'KHTNV'] },
  { from: 2018, to: LAST_YEAR, org: ['HTXSNV', 'HTTNV', 'HTNV', 'KHTNV'], member: ['HTXSNV', 'HTTNV', 'HTNV', 'KHTNV'], weak: ['KHTNV'] },
];

export function schemeFor(year: number): Scheme {
  const s = SCHEMES.find((x) => year >= x.from && year <= x.to);
  if (!s) throw new RangeError(`no rating scheme for ${year}`);
  return s;
}

export const ORG_KINDS = ['dang_bo_co_so', 'chi_bo_co_so', 'chi_bo_truc_thuoc'] as const;
export type OrgKind = (typeof ORG_KINDS)[number];

export const KINDS: Record<OrgKind, { name: string; aliases: readonly string[]; base: boolean; cell: boolean }> = {
  dang_bo_co_so: { name: 'Đảng bộ cơ sở', aliases: [], base: true, cell: false },
  chi_bo_co_so: { name: 'Chi bộ cơ sở', aliases: [], base: true, cell: true },
  chi_bo_truc_thuoc: {
    name: 'Chi bộ trực thuộc đảng ủy cơ sở',
    aliases: ['Chi bộ trực thuộc', 'Chi bộ trực thuộc đảng bộ cơ sở'],
    base: false,
    cell: true,
  },
};

/** A base organization with cells under it, its own committee (dang_bo_co_so): base, not a cell. */
export const isCommittee = (kind: OrgKind): boolean => KINDS[kind].base && !KINDS[kind].cell;
/** A cell under a committee (chi_bo_truc_thuoc): not base, so it has a parent, a committee of its year. */
export const underCommittee = (kind: OrgKind): boolean => !KINDS[kind].base;

/**
 * The forgiving comparison key for labels and headers: letter case, diacritics (NFC or NFD), `đ`,
 * surrounding and repeated spaces, and `_` `-` `.` `,` are all ignored.
 */
export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[\s_\-.,;:()/]+/g, ' ')
    .trim();
}

function aliasTable<K extends string>(entries: Record<K, { name: string; aliases: readonly string[] }>): Map<string, K> {
  const table = new Map<string, K>();
  for (const [code, info] of Object.entries(entries) as [K, { name: string; aliases: readonly string[] }][]) {
    for (const spelling of [code, info.name, ...info.aliases]) {
      const key = fold(spelling);
      const taken = table.get(key);
      if (taken !== undefined && taken !== code) throw new Error(`alias "${spelling}" means both ${taken} and ${code}`);
      table.set(key, code);
    }
  }
  return table;
}

const RATING_BY_SPELLING = aliasTable(RATINGS);
const KIND_BY_SPELLING = aliasTable(KINDS);

/** Folds each distinct raw cell once: a column holds few distinct spellings, repeated on every row. */
function memoized<K>(table: Map<string, K>): (cell: string) => K | undefined {
  const seen = new Map<string, K | null>();
  return (cell) => {
    let code = seen.get(cell);
    if (code === undefined) {
      code = remember(seen, cell, table.get(fold(cell)) ?? null);
    }
    return code ?? undefined;
  };
}

/** The rating code a cell means, or undefined when it is no known spelling. Empty means PENDING. */
export const ratingOf: (cell: string) => RatingCode | undefined = memoized(RATING_BY_SPELLING);

/** The kind of organization a cell means, or undefined when it is no known spelling. */
export const kindOf: (cell: string) => OrgKind | undefined = memoized(KIND_BY_SPELLING);

/** The codes a block's `byRating` holds for a year: the scheme's, then UNRANKED and PENDING. */
export function blockCodes(year: number, block: 'org' | 'member'): readonly RatingCode[] {
  const s = schemeFor(year);
  let codes = BLOCK_CODES.get(s);
  if (!codes) BLOCK_CODES.set(s, (codes = { org: [...s.org, ...SPECIAL_CODES], member: [...s.member, ...SPECIAL_CODES] }));
  return codes[block];
}

/** blockCodes worked out once per scheme (it is asked for every unit of a report). */
const BLOCK_CODES = new Map<Scheme, Record<'org' | 'member', readonly RatingCode[]>>();
