// The part of the report model that the tree after the 2025 reform adds (./model.ts joins it in): the reporting
// committee as documents name it, the upper committees (đảng bộ cấp trên cơ sở) as a block and one line each,
// the cells outside base organizations, the scores of Quy định 366, and how the compared year can be compared
// (unit by unit from 2025 on; across the reform of 1/7/2025 in totals only). Pure.
import { upperAt, type Block, type Figures, type ScoreFigures } from '../figures/aggregate.js';
import { blockModel, type BlockModel } from './blocks.js';
import { shareBasisPoints } from '../format.js';
import { schemeFor, wordsFor, type RatingCode } from '../schemes.js';

/** The unit's name → its committee, as documents name it: "xã Hòa Bình" → "Đảng ủy xã Hòa Bình" (short "Đảng ủy xã"). */
const COMMITTEES: readonly { unit: RegExp; short: (m: RegExpExecArray) => string; name: (m: RegExpExecArray) => string }[] = [
  { unit: /^(xã|phường|đặc khu|thị trấn)\s+(.+)$/iu, short: (m) => `Đảng ủy ${m[1]!.toLowerCase()}`, name: (m) => `Đảng ủy ${m[1]!.toLowerCase()} ${m[2]}` },
  { unit: /^(tỉnh)\s+(.+)$/iu, short: () => 'Tỉnh ủy', name: (m) => `Tỉnh ủy ${m[2]}` },
  { unit: /^(thành phố)\s+(.+)$/iu, short: () => 'Thành ủy', name: (m) => `Thành ủy ${m[2]}` },
  { unit: /^(huyện)\s+(.+)$/iu, short: () => 'Huyện ủy', name: (m) => `Huyện ủy ${m[2]}` },
  { unit: /^(quận)\s+(.+)$/iu, short: () => 'Quận ủy', name: (m) => `Quận ủy ${m[2]}` },
  { unit: /^(thị xã)\s+(.+)$/iu, short: () => 'Thị ủy', name: (m) => `Thị ủy ${m[2]}` },
  { unit: /^đảng (?:bộ|ủy|uỷ)\s+(xã|phường|đặc khu|thị trấn)\s+(.+)$/iu, short: (m) => `Đảng ủy ${m[1]!.toLowerCase()}`, name: (m) => `Đảng ủy ${m[1]!.toLowerCase()} ${m[2]}` },
  { unit: /^đảng (?:bộ|ủy|uỷ)\s+(.+)$/iu, short: () => 'Đảng ủy', name: (m) => `Đảng ủy ${m[1]}` },
];

export function committeeOf(unit: string | null): { name: string; short: string } | null {
  if (unit === null) return null;
  for (const c of COMMITTEES) {
    const m = c.unit.exec(unit.trim());
    if (m) return { name: c.name(m), short: c.short(m) };
  }
  return null;
}

export interface ScoreLine {
  code: RatingCode;
  label: string;
  count: number;
  average: number;
  min: number;
  max: number;
}

/** The scores of a block, each rating's spread best first; null without the column or with no score given. */
export interface ScoreModel {
  given: number;
  average: number;
  lines: ScoreLine[];
}

export function scoreModel(year: number, block: 'org' | 'member', s: ScoreFigures | null): ScoreModel | null {
  if (!s || s.given === 0 || s.average === null) return null;
  const lines = schemeFor(year)[block].flatMap((code) => {
    const l = s.byRating[code];
    return l ? [{ code, label: wordsFor(year, block, code).label, ...l }] : [];
  });
  return { given: s.given, average: s.average, lines };
}

/** The counts of a block in the appendix's columns. */
const counted = (b: Block, codes: readonly RatingCode[]) => ({ ...b, counts: codes.map((c) => b.byRating[c] ?? 0) });

export interface UpperLine {
  no: number;
  id: string;
  name: string;
  rating: RatingCode;
  label: string;
  /** Its rating in the compared year (from 2025 on, where the same id was there), and which way it moved. */
  before: { rating: RatingCode; label: string; move: 'lên' | 'xuống' | 'không đổi' | null } | null;
  baseOrganizations: Block & { counts: number[] };
  cells: Block & { counts: number[] };
  members: Block & { counts: number[] };
}

/**
 * The quota of Quy định 366 (from 2025) over a whole block: its HTXSNV as a share of its HTTNV, against 20% (25%
 * with leave). The rule is per committee (the warnings say which); this is the block's overall figure.
 */
export interface Quota {
  excellent: number;
  good: number;
  /** HTXSNV as a share of HTTNV, in percent (0 without HTTNV). */
  share: number;
  over: boolean;
  overMax: boolean;
}

function quota(b: Block): Quota | null {
  const excellent = b.byRating.HTXSNV ?? 0;
  const good = b.byRating.HTTNV ?? 0;
  if (excellent === 0) return null;
  return { excellent, good, share: good > 0 ? shareBasisPoints(excellent, good) / 100 : 0, over: excellent * 5 > good, overMax: excellent * 4 > good };
}

export interface TreeModel {
  /** The reporting committee: "Đảng ủy xã Hòa Bình" (short "Đảng ủy xã"), "Tỉnh ủy Nghệ An"; null when the unit does not say. */
  committee: { name: string; short: string } | null;
  /** The upper committees' own ratings, when the data has any. */
  upper: BlockModel | null;
  uppers: UpperLine[];
  /** Against the compared year, unit by unit (both years 2025 or later): how many upper committees moved up, down, or kept their rating. */
  upperMoves: { up: number; down: number; same: number } | null;
  /** The cells outside base organizations (chi bộ thôn, tổ dân phố under the commune's committee), when there are any; `noun` names them. */
  direct: (BlockModel & { noun: string }) | null;
  /** The cells under base committees (the cells' total less the direct ones). */
  cellsInBases: number;
  scores: { upper: ScoreModel | null; base: ScoreModel | null; cells: ScoreModel | null; members: ScoreModel | null };
  /** The compared year is before the reform of 1/7/2025 and the reported one after: compared in totals only. */
  reform: { before: number } | null;
  /** From 2025: each block's HTXSNV against its HTTNV (null before 2025, or with no HTXSNV). */
  quotas: { upper: Quota | null; base: Quota | null; cells: Quota | null; members: Quota | null };
  /** No organization of any level is left unrated or exempt: "100% tổ chức đảng đã hoàn thành …". */
  everyOrgRated: boolean;
}

/** The first year after the reform of 1/7/2025 (no district level; communes compile): units compare unit by unit from here on. */
export const REFORM_YEAR = 2025;

/** Up, down or the same, by the scheme's order (best first); null when either is not a rating of the scheme. */
function move(year: number, now: RatingCode, before: RatingCode): 'lên' | 'xuống' | 'không đổi' | null {
  const order = schemeFor(year).org;
  const a = order.indexOf(now);
  const b = order.indexOf(before);
  if (a < 0 || b < 0) return null;
  return a < b ? 'lên' : a > b ? 'xuống' : 'không đổi';
}

export function treeModel(f: Figures, unit: string | null, codes: { org: RatingCode[]; member: RatingCode[] }, previous?: Figures): TreeModel {
  const year = f.year;
  const label = (code: RatingCode) => wordsFor(year, 'org', code).label;
  const unitByUnit = previous !== undefined && previous.year >= REFORM_YEAR && year >= REFORM_YEAR;
  const beforeRatings = new Map<string, RatingCode>();
  if (unitByUnit) for (let k = 0; k < previous.tree.uppers.length; k++) beforeRatings.set(previous.orgs.id(previous.tree.uppers[k]!), previous.orgs.rating(previous.tree.uppers[k]!)!);
  const uppers = Array.from({ length: f.tree.uppers.length }, (_, k): UpperLine => {
    const u = upperAt(f, k);
    const was = beforeRatings.get(u.id);
    return {
      no: k + 1,
      id: u.id,
      name: u.name,
      rating: u.rating,
      label: label(u.rating),
      before: was === undefined ? null : { rating: was, label: wordsFor(previous!.year, 'org', was).label, move: move(year, u.rating, was) },
      baseOrganizations: counted(u.baseOrganizations, codes.org),
      cells: counted(u.cells, codes.org),
      members: counted(u.members, codes.member),
    };
  });
  const moves = uppers.filter((u) => u.before?.move);
  const committee = committeeOf(unit);
  const direct = f.cells.direct;
  return {
    committee,
    upper: f.upperCommittees.total > 0 ? blockModel(year, 'org', f.upperCommittees, unitByUnit ? previous.upperCommittees : undefined) : null,
    uppers,
    upperMoves: unitByUnit && moves.length > 0
      ? { up: moves.filter((u) => u.before!.move === 'lên').length, down: moves.filter((u) => u.before!.move === 'xuống').length, same: moves.filter((u) => u.before!.move === 'không đổi').length }
      : null,
    direct: direct.total > 0
      ? { ...blockModel(year, 'org', direct, unitByUnit ? previous.cells.direct : undefined), noun: uppers.length > 0 ? 'chi bộ trực thuộc đảng ủy cấp trên cơ sở' : `chi bộ trực thuộc ${committee?.short ?? 'cấp ủy'}` }
      : null,
    cellsInBases: f.cells.total - direct.total,
    scores: {
      upper: scoreModel(year, 'org', f.upperCommittees.scores),
      base: scoreModel(year, 'org', f.baseOrganizations.scores),
      cells: scoreModel(year, 'org', f.cells.scores),
      members: scoreModel(year, 'member', f.members.scores),
    },
    reform: previous !== undefined && previous.year < REFORM_YEAR && year >= REFORM_YEAR ? { before: previous.year } : null,
    quotas: year >= REFORM_YEAR
      ? { upper: quota(f.upperCommittees), base: quota(f.baseOrganizations), cells: quota(f.cells), members: quota(f.members) }
      : { upper: null, base: null, cells: null, members: null },
    everyOrgRated: [f.upperCommittees, f.baseOrganizations, f.cells].every((b) => (b.byRating.UNRANKED ?? 0) + (b.byRating.PENDING ?? 0) === 0),
  };
}
