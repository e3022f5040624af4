// A block of the report model (base organizations, cells or members): its ratings with their era's words and
// shares, the changes against the compared year, the cumulative "… trở lên", coverage, the exemplary units and
// the members admitted. Used by the template model (./model.ts) and the JSON report (./json-report.ts).
import { BASE_KINDS, type BaseKind, type Block } from '../figures/aggregate.js';
import { formatHundredths, shareBasisPoints } from '../format.js';
import { eraFor, exemplaryRating, RATINGS, schemeFor, wordsFor, type RatingCode } from '../schemes.js';

/** A change against the compared year: which way, and by how much (always ≥ 0). */
export interface Delta {
  word: 'tăng' | 'giảm' | 'không đổi';
  /** The same way as a change from → to reads it: "từ 14 xuống 12". */
  to: 'lên' | 'xuống' | 'không đổi';
  amount: number;
}

export interface RatingLine {
  code: RatingCode;
  /** Full name in the words of the year's era, capitalized as in documents: "Trong sạch vững mạnh"; up to 2013 a member's "Đủ tư cách, hoàn thành tốt nhiệm vụ". */
  name: string;
  /** Full name in running text, in the era's words: "trong sạch vững mạnh", "vi phạm tư cách hoặc không hoàn thành nhiệm vụ". */
  label: string;
  short: string;
  /** The rating as a predicate, after "22 tổ chức" or "số tổ chức": "đạt trong sạch vững mạnh", "xếp loại yếu kém", "hoàn thành tốt nhiệm vụ". */
  phrase: string;
  /**
   * The predicate when no unit has it, unambiguous: "không có tổ chức nào xếp loại hoàn thành nhiệm vụ" (never "… nào
   * hoàn thành nhiệm vụ", which reads as if none did its tasks); "không có đảng viên nào không hoàn thành nhiệm vụ".
   */
  nonePhrase: string;
  count: number;
  /** Share of the rated units of the block, in percent, two decimals at most (half up). */
  share: number;
  /** Share of all the units of the block (rated or not), the same way: "19/2.645 (0,72%)". */
  shareOfTotal: number;
  /** The era's reports name this rating only when some unit has it (HTNV_HC before 2018): a zero is not printed. */
  seldom: boolean;
  /** In baseOrganizations: how many of `count` are đảng bộ cơ sở and chi bộ cơ sở ("8 tổ chức (1 đảng bộ, 7 chi bộ cơ sở)"); else null. */
  byKind: Record<BaseKind, number> | null;
  /**
   * Against the compared year, when it had this rating too and both years have rated units in the block:
   * count, and share in percentage points; that year's count and share; and whether count and share moved
   * opposite ways (the count fell while the share rose, or the reverse).
   */
  change: { count: Delta; points: Delta & { text: string }; before: { count: number; share: number }; opposite: boolean } | null;
}

/** "Hoàn thành tốt nhiệm vụ trở lên": the scheme's goodOrBetter ratings together, its best said "trong đó". */
export interface Cumulative {
  /** The ratings counted, best first: HTXSNV, HTTNV (before 2018 for organizations TSVM, HTTNV). */
  codes: RatingCode[];
  /** In running text, the era's words: "hoàn thành tốt nhiệm vụ trở lên". */
  label: string;
  count: number;
  /** Of the rated units, and of all the units of the block, in percent. */
  share: number;
  shareOfTotal: number;
  /** The best of them ("trong đó 135 đảng viên hoàn thành xuất sắc nhiệm vụ"): its code, words, count and shares. */
  within: { code: RatingCode; name: string; label: string; count: number; share: number; shareOfTotal: number };
}

export interface BlockModel extends Block {
  /** Total less UNRANKED and PENDING: the base of every share. */
  rated: number;
  unranked: number;
  pending: number;
  shares: Partial<Record<RatingCode, number>>;
  /** Every code of byRating (UNRANKED and PENDING too) as a share of the total, in percent. */
  sharesOfTotal: Partial<Record<RatingCode, number>>;
  /** How many units were rated of how many: "543/545 chi bộ (99,6%)"; share = rated / total in percent (0 when total is 0). */
  coverage: { rated: number; total: number; share: number };
  /** "Hoàn thành tốt nhiệm vụ trở lên". */
  goodOrBetter: Cumulative;
  /** Every rating of the year's scheme, best first; those with at least one unit; those with none. */
  ratings: RatingLine[];
  present: RatingLine[];
  /** Of those with none, the ones a report states ("không có tổ chức nào xếp loại yếu kém"): not the era's `seldom` ones. */
  absent: RatingLine[];
  /** The ratings a table lists: present, or absent and stated. */
  listed: RatingLine[];
  /** The block's total against the compared year, or null; the ratings both years have; those that changed. */
  totalChange: Delta | null;
  compared: RatingLine[];
  changed: RatingLine[];
  /** The compared year's PENDING and rated units in the block (0 without a comparison). */
  pendingBefore: number;
  ratedBefore: number;
  /**
   * The changes must be worded from → to, each year's count and share side by side, with the base of the
   * shares said: either year has PENDING units in the block (its figures are not final), or some rating's
   * count and share moved opposite ways. "Giảm 2 tổ chức (tăng 16,67 điểm phần trăm)" would read as a
   * contradiction. False without a comparison.
   */
  fromTo: boolean;
}
/**
 * The units marked tiêu biểu (organizations' optional `exemplary` column), all within one rating (`code`: TSVM up
 * to 2017, "trong sạch vững mạnh tiêu biểu"; HTXSNV from 2018, its "trong sạch, vững mạnh" title).
 */
export interface Exemplary {
  code: RatingCode;
  /** In running text: "trong sạch vững mạnh tiêu biểu", "trong sạch, vững mạnh". */
  label: string;
  count: number;
  /** Share of the block's rated units, and of the units rated `code` (in percent). */
  share: number;
  shareOfRating: number;
  /** How many units are rated `code`. */
  ofRating: number;
}

/** The block's exemplary units, or null when the file has no `exemplary` column. */
export function exemplaryModel(year: number, b: Block & { exemplary: number | null }): Exemplary | null {
  if (b.exemplary === null) return null;
  const code = exemplaryRating(year);
  const rated = b.total - (b.byRating.UNRANKED ?? 0) - (b.byRating.PENDING ?? 0);
  const ofRating = b.byRating[code] ?? 0;
  const label = code === 'TSVM' ? `${wordsFor(year, 'org', code).label} tiêu biểu` : 'trong sạch, vững mạnh';
  return { code, label, count: b.exemplary, share: shareBasisPoints(b.exemplary, rated) / 100, shareOfRating: shareBasisPoints(b.exemplary, ofRating) / 100, ofRating };
}

/** Members admitted in the year (optional `admitted_on` column), or null without it. */
export interface Admitted {
  count: number;
  /** Share of all members of the block, in percent. */
  shareOfTotal: number;
}

export function admittedModel(m: Block & { admitted: number | null }): Admitted | null {
  return m.admitted === null ? null : { count: m.admitted, shareOfTotal: shareBasisPoints(m.admitted, m.total) / 100 };
}

function delta(now: number, before: number): Delta {
  const [word, to] = now > before ? (['tăng', 'lên'] as const) : now < before ? (['giảm', 'xuống'] as const) : (['không đổi', 'không đổi'] as const);
  return { word, to, amount: Math.abs(now - before) };
}

/** A block's model; `kinds` (base organizations only) splits each rating by kind of base organization. */
export function blockModel(year: number, kind: 'org' | 'member', b: Block, before: Block | undefined, kinds?: Record<BaseKind, Block>): BlockModel {
  const unranked = b.byRating.UNRANKED ?? 0;
  const pending = b.byRating.PENDING ?? 0;
  const rated = b.total - unranked - pending;
  const pendingBefore = before?.byRating.PENDING ?? 0;
  const ratedBefore = before ? before.total - (before.byRating.UNRANKED ?? 0) - pendingBefore : 0;
  const ratings = schemeFor(year)[kind].map((code): RatingLine => {
    const count = b.byRating[code] ?? 0;
    const { name, label } = wordsFor(year, kind, code);
    const was = before?.byRating[code];
    let change: RatingLine['change'] = null;
    // A year with no rated unit in the block has no shares: "0%" of nothing is not a figure to compare.
    if (was !== undefined && rated > 0 && ratedBefore > 0) {
      const share = shareBasisPoints(count, rated);
      const shareBefore = shareBasisPoints(was, ratedBefore);
      const points = delta(share, shareBefore);
      const countDelta = delta(count, was);
      change = {
        count: countDelta,
        points: { ...points, text: formatHundredths(points.amount) },
        before: { count: was, share: shareBefore / 100 },
        opposite: countDelta.amount > 0 && points.amount > 0 && countDelta.word !== points.word,
      };
    }
    return {
      code,
      name,
      label,
      short: RATINGS[code].short,
      phrase: code === 'TSVM' ? `đạt ${label}` : code === 'YEU' ? `xếp loại ${label}` : label,
      nonePhrase: code === 'TSVM' ? `đạt ${label}` : code === 'KHTNV' ? label : `xếp loại ${label}`,
      count,
      share: shareBasisPoints(count, rated) / 100,
      shareOfTotal: shareBasisPoints(count, b.total) / 100,
      seldom: eraFor(year).seldom[kind].includes(code),
      byKind: kinds ? (Object.fromEntries(BASE_KINDS.map((k) => [k, kinds[k].byRating[code] ?? 0])) as Record<BaseKind, number>) : null,
      change,
    };
  });
  const shares: Partial<Record<RatingCode, number>> = {};
  for (const r of ratings) shares[r.code] = r.share;
  return {
    total: b.total,
    byRating: b.byRating,
    rated,
    unranked,
    pending,
    shares,
    ...totalShares(year, kind, b, rated),
    ratings,
    present: ratings.filter((r) => r.count > 0),
    absent: ratings.filter((r) => r.count === 0 && !r.seldom),
    listed: ratings.filter((r) => r.count > 0 || !r.seldom),
    totalChange: before ? delta(b.total, before.total) : null,
    compared: ratings.filter((r) => r.change !== null),
    changed: ratings.filter((r) => r.change !== null && (r.change.count.amount > 0 || r.change.points.amount > 0)),
    pendingBefore,
    ratedBefore,
    fromTo: before !== undefined && (pending > 0 || pendingBefore > 0 || ratings.some((r) => r.change?.opposite === true)),
  };
}

/** A block's shares of its total, its coverage and its "hoàn thành tốt nhiệm vụ trở lên". */
function totalShares(year: number, kind: 'org' | 'member', b: Block, rated: number): Pick<BlockModel, 'sharesOfTotal' | 'coverage' | 'goodOrBetter'> {
  const ofTotal = (n: number) => shareBasisPoints(n, b.total) / 100;
  const sharesOfTotal: Partial<Record<RatingCode, number>> = {};
  for (const code of Object.keys(b.byRating) as RatingCode[]) sharesOfTotal[code] = ofTotal(b.byRating[code] ?? 0);
  const codes = [...schemeFor(year).goodOrBetter[kind]];
  const count = codes.reduce((n, c) => n + (b.byRating[c] ?? 0), 0);
  const best = codes[0]!;
  const bestCount = b.byRating[best] ?? 0;
  return {
    sharesOfTotal,
    coverage: { rated, total: b.total, share: ofTotal(rated) },
    goodOrBetter: {
      codes,
      label: `${wordsFor(year, kind, codes[codes.length - 1]!).label} trở lên`,
      count,
      share: shareBasisPoints(count, rated) / 100,
      shareOfTotal: ofTotal(count),
      within: { code: best, ...wordsFor(year, kind, best), count: bestCount, share: shareBasisPoints(bestCount, rated) / 100, shareOfTotal: ofTotal(bestCount) },
    },
  };
}
