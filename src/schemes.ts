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

export const ORG_KINDS = ['dang_bo_co_so', 'chi_bo_co_so', 'chi_bo_truc_thuoc', 'dang_bo_cap_tren_co_so', 'dang_bo_bo_phan'] as const;
export type OrgKind = (typeof ORG_KINDS)[number];

/**
 * Where a kind sits in the tree (the contract's "The tree of organizations"): `upper` a committee directly
 * above base organizations (đảng bộ xã, phường, đặc khu, khối); `base` a base organization; `part` a
 * đảng bộ bộ phận inside a đảng bộ cơ sở; `cell` a chi bộ trực thuộc.
 */
export type Level = 'upper' | 'base' | 'part' | 'cell';

export const KINDS: Record<OrgKind, { name: string; aliases: readonly string[]; level: Level; base: boolean; cell: boolean }> = {
  dang_bo_co_so: { name: 'Đảng bộ cơ sở', aliases: [], level: 'base', base: true, cell: false },
  chi_bo_co_so: { name: 'Chi bộ cơ sở', aliases: [], level: 'base', base: true, cell: true },
  chi_bo_truc_thuoc: {
    name: 'Chi bộ trực thuộc đảng ủy cơ sở',
    aliases: ['Chi bộ trực thuộc', 'Chi bộ trực thuộc đảng bộ cơ sở'],
    level: 'cell',
    base: false,
    cell: true,
  },
  dang_bo_cap_tren_co_so: { name: 'Đảng bộ cấp trên cơ sở', aliases: ['Đảng ủy cấp trên cơ sở'], level: 'upper', base: false, cell: false },
  dang_bo_bo_phan: { name: 'Đảng bộ bộ phận', aliases: [], level: 'part', base: false, cell: false },
};

/** The parents a kind may have in some years: kinds of the same year, or blank (the reporting unit itself). */
export interface ParentRule {
  from: number;
  to: number;
  kinds: readonly OrgKind[];
  blank: boolean;
  /** The rule as a message ends it: "cấp trên của chi bộ trực thuộc phải là …". */
  says: string;
}

/** The tree's rules, by kind and years: one row each (the contract's table). */
export const PARENTS: Record<OrgKind, readonly ParentRule[]> = {
  dang_bo_cap_tren_co_so: [{ from: FIRST_YEAR, to: LAST_YEAR, kinds: [], blank: true, says: 'đảng bộ cấp trên cơ sở trực thuộc đơn vị báo cáo nên ô cấp trên phải để trống' }],
  dang_bo_co_so: [{ from: FIRST_YEAR, to: LAST_YEAR, kinds: ['dang_bo_cap_tren_co_so'], blank: true, says: 'cấp trên của tổ chức cơ sở đảng là một đảng bộ cấp trên cơ sở cùng năm, hoặc để trống khi nó trực thuộc đơn vị báo cáo' }],
  chi_bo_co_so: [{ from: FIRST_YEAR, to: LAST_YEAR, kinds: ['dang_bo_cap_tren_co_so'], blank: true, says: 'cấp trên của tổ chức cơ sở đảng là một đảng bộ cấp trên cơ sở cùng năm, hoặc để trống khi nó trực thuộc đơn vị báo cáo' }],
  dang_bo_bo_phan: [{ from: FIRST_YEAR, to: LAST_YEAR, kinds: ['dang_bo_co_so'], blank: false, says: 'cấp trên của đảng bộ bộ phận phải là một đảng bộ cơ sở cùng năm' }],
  chi_bo_truc_thuoc: [
    { from: FIRST_YEAR, to: 2024, kinds: ['dang_bo_co_so', 'dang_bo_bo_phan'], blank: false, says: 'cấp trên của chi bộ trực thuộc phải là một đảng bộ cơ sở (hoặc đảng bộ bộ phận) cùng năm' },
    {
      from: 2025,
      to: LAST_YEAR,
      kinds: ['dang_bo_co_so', 'dang_bo_bo_phan', 'dang_bo_cap_tren_co_so'],
      blank: true,
      says: 'cấp trên của chi bộ trực thuộc phải là một đảng bộ cơ sở, đảng bộ bộ phận hoặc đảng bộ cấp trên cơ sở cùng năm, hoặc để trống khi chi bộ trực thuộc đơn vị báo cáo',
    },
  ],
};

/** The parent rule of a kind in a year. */
export function parentRule(kind: OrgKind, year: number): ParentRule {
  return PARENTS[kind].find((r) => year >= r.from && year <= r.to)!;
}

/**
 * A kind whose rows need the parent_id column (the contract: required when any row is a chi_bo_truc_thuoc),
 * even in the years its parent may be blank: a file of cells without the column has lost it, most likely.
 */
export const needsParentColumn = (kind: OrgKind): boolean => KINDS[kind].level === 'cell' || KINDS[kind].level === 'part';

/** A base organization with cells under it, its own committee (dang_bo_co_so). */
export const isCommittee = (kind: OrgKind): boolean => KINDS[kind].level === 'base' && !KINDS[kind].cell;

/**
 * The 100-point score of Quy định 366-QĐ/TW (from 2025): the best rating each band allows, best band first.
 * A rating above its band is a problem; below it is allowed (a condition unmet, a disqualifying case).
 */
export const SCORE_BANDS: readonly { from: number; min: number; best: RatingCode; words: string }[] = [
  { from: 2025, min: 90, best: 'HTXSNV', words: 'từ 90 điểm trở lên' },
  { from: 2025, min: 70, best: 'HTTNV', words: 'từ 70 đến dưới 90 điểm' },
  { from: 2025, min: 50, best: 'HTNV', words: 'từ 50 đến dưới 70 điểm' },
  { from: 2025, min: 0, best: 'KHTNV', words: 'dưới 50 điểm' },
];

/** The band of a score in a year (from 2025), or undefined before the bands applied. */
export function scoreBand(year: number, score: number): (typeof SCORE_BANDS)[number] | undefined {
  return SCORE_BANDS.find((b) => year >= b.from && score >= b.min);
}

/** Whether `rating` is above what `score` allows in `year` (a scheme's rating ranked before the band's best). */
export function aboveBand(year: number, block: 'org' | 'member', rating: RatingCode, score: number): boolean {
  const band = scoreBand(year, score);
  if (!band || isSpecial(rating)) return false;
  const order = schemeFor(year)[block];
  return order.indexOf(rating) < order.indexOf(band.best);
}

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
