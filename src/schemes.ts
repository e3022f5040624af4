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
  /**
   * The ratings of "hoàn thành tốt nhiệm vụ trở lên", best first, per block: the cumulative figure the
   * reports print, with the first (the best) as its "trong đó".
   */
  goodOrBetter: Record<'org' | 'member', readonly RatingCode[]>;
}

/** Earliest and latest year `assess` accepts: before the first scheme or far in the future is a typo. */
export const FIRST_YEAR = 1930;
export const LAST_YEAR = 2100;

/** The rating scales: the codes a year accepts (the validation's table). The eras below give each its words. */
export const SCHEMES: readonly Scheme[] = [
  {
    from: FIRST_YEAR,
    to: 2017,
    org: ['TSVM', 'HTTNV', 'HTNV', 'YEU'],
    member: ['HTXSNV', 'HTTNV', 'HTNV', 'HTNV_HC', 'KHTNV'],
    weak: ['YEU', 'KHTNV'],
    goodOrBetter: { org: ['TSVM', 'HTTNV'], member: ['HTXSNV', 'HTTNV'] },
  },
  {
    from: 2018,
    to: LAST_YEAR,
    org: ['HTXSNV', 'HTTNV', 'HTNV', 'KHTNV'],
    member: ['HTXSNV', 'HTTNV', 'HTNV', 'KHTNV'],
    weak: ['KHTNV'],
    goodOrBetter: { org: ['HTXSNV', 'HTTNV'], member: ['HTXSNV', 'HTTNV'] },
  },
];

/**
 * The rating an organization's `exemplary` flag (tiêu biểu) picks out within: TSVM (trong sạch vững mạnh tiêu
 * biểu) up to 2017, HTXSNV (with its "trong sạch, vững mạnh" title) from 2018: the scheme's best.
 */
export function exemplaryRating(year: number): RatingCode {
  return schemeFor(year).org[0]!;
}

export function schemeFor(year: number): Scheme {
  const s = SCHEMES.find((x) => year >= x.from && year <= x.to);
  if (!s) throw new RangeError(`no rating scheme for ${year}`);
  return s;
}

/** A rating as an era's documents write it: the full name, and the same in running text. */
export interface Words {
  name: string;
  label: string;
}

/**
 * An era of the rating guidance (the contract's "Rating schemes by era"): its scale, the words its documents
 * and reports use for each rating where they differ from RATINGS (per block: an organization is not "đủ tư
 * cách"), and the spellings its files hold. Eras share a scale and may differ in words only.
 */
export interface Era {
  from: number;
  to: number;
  /** The documents the era's ratings follow, or null. */
  basis: string | null;
  /** The era's names, where they differ from RATINGS[code].name (the label is the name in lower case). */
  words: Record<'org' | 'member', Partial<Record<RatingCode, string>>>;
  /**
   * Spellings the era's exports hold, beyond RATINGS' aliases. Accepted in every year, as ratingOf has no year
   * (none of them can mean another code); the year's scale still decides whether the code is allowed.
   */
  aliases: Partial<Record<RatingCode, readonly string[]>>;
  /** Ratings the era's reports name only when some unit has one: a zero of them is not printed. */
  seldom: Record<'org' | 'member', readonly RatingCode[]>;
}

export const ERAS: readonly Era[] = [
  {
    from: FIRST_YEAR,
    to: 2013,
    basis: 'Hướng dẫn số 20-HD/BTCTW ngày 10/10/2008 của Ban Tổ chức Trung ương',
    words: {
      org: {},
      member: {
        HTXSNV: 'Đủ tư cách, hoàn thành xuất sắc nhiệm vụ',
        HTTNV: 'Đủ tư cách, hoàn thành tốt nhiệm vụ',
        HTNV: 'Đủ tư cách, hoàn thành nhiệm vụ',
        KHTNV: 'Vi phạm tư cách hoặc không hoàn thành nhiệm vụ',
      },
    },
    aliases: {
      HTXSNV: ['Đủ tư cách, hoàn thành xuất sắc nhiệm vụ'],
      HTTNV: ['Đủ tư cách, hoàn thành tốt nhiệm vụ'],
      HTNV: ['Đủ tư cách, hoàn thành nhiệm vụ'],
      KHTNV: ['Vi phạm tư cách', 'Vi phạm tư cách hoặc không hoàn thành nhiệm vụ', 'Chưa hoàn thành nhiệm vụ, vi phạm tư cách'],
    },
    seldom: { org: [], member: ['HTNV_HC'] },
  },
  { from: 2014, to: 2017, basis: null, words: { org: {}, member: {} }, aliases: {}, seldom: { org: [], member: ['HTNV_HC'] } },
  { from: 2018, to: 2024, basis: 'Quy định số 132-QĐ/TW ngày 08/3/2018 của Bộ Chính trị', words: { org: {}, member: {} }, aliases: {}, seldom: { org: [], member: [] } },
  { from: 2025, to: LAST_YEAR, basis: 'Quy định số 366-QĐ/TW; Hướng dẫn số 43-HD/BTCTW', words: { org: {}, member: {} }, aliases: {}, seldom: { org: [], member: [] } },
];

export function eraFor(year: number): Era {
  const e = ERAS.find((x) => year >= x.from && year <= x.to);
  if (!e) throw new RangeError(`no rating era for ${year}`);
  return e;
}

/** A rating in the words of the year's era, for organizations or members. */
export function wordsFor(year: number, block: 'org' | 'member', code: RatingCode): Words {
  const name = eraFor(year).words[block][code] ?? RATINGS[code].name;
  return { name, label: name.toLowerCase() };
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

/** Every spelling of RATINGS and of the eras' exports. */
const RATING_BY_SPELLING = aliasTable(withEraAliases());

function withEraAliases(): Record<RatingCode, { name: string; aliases: readonly string[] }> {
  const all = { ...RATINGS };
  for (const code of RATING_CODES) all[code] = { ...RATINGS[code], aliases: [...RATINGS[code].aliases, ...ERAS.flatMap((e) => e.aliases[code] ?? [])] };
  return all;
}
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
