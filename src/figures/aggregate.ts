// Valid rows → the figures. Members are counted by a reducer as they stream past (addMember, addReason),
// then finalize() joins them with the year's organizations, units and cells in id order (order.ts).
// Pure: plain data in, plain data out.
import { blockCodes, fold, isCommittee, isSpecial, RATING_CODES, SPECIAL_CODES, type RatingCode, type SpecialCode } from '../schemes.js';
import type { OrgTable } from './org-table.js';
import { buildTree, levelOf, type Tree } from './tree.js';
export type { ScoreFigures } from './scores.js';
import { orderByIds } from './order.js';
import { firstDayOf, lastDayOf } from '../dates.js';
import { addScore, mergeScores, newScoreTally, scoreFigures, type ScoreFigures, type ScoreTally } from './scores.js';

export type ByRating = Partial<Record<RatingCode, number>>;

export interface Block {
  total: number;
  byRating: ByRating;
}

export interface ReasonCount {
  reason: string;
  count: number;
  /** The members whose reason was not kept apart: past MAX_REASONS different reasons, free text is counted together. */
  other?: true;
}

/**
 * How many different reasons are counted apart, for each of the SPECIAL_CODES in a year. Reasons are free
 * text: a file may hold as many as it has rows; past this many, the members of any new reason are counted
 * together ("các lý do khác"), so memory stays bounded. A district's exports hold a handful.
 */
export const MAX_REASONS = 1000;
/** The key of the members counted together (no cleaned cell is a lone NUL). */
export const OTHER_REASONS = '\u0000';

/** Counts `n` members for `reason`, or with the other reasons once MAX_REASONS are kept. */
export function countReason(m: Map<string, number>, reason: string, n = 1): void {
  const had = m.get(reason);
  if (had !== undefined) m.set(reason, had + n);
  else if (m.size < MAX_REASONS) m.set(reason, n);
  else m.set(OTHER_REASONS, (m.get(OTHER_REASONS) ?? 0) + n);
}

export interface Figures {
  year: number;
  /** `kinds`: the same block for each kind of base organization (its byRating split by kind). */
  /** `exemplary`: the units marked tiêu biểu (all rated exemplaryRating(year)); null when the file has no such column. */
  /** `scores` (every block): the 100-point scores given, null when the file has no score column. */
  baseOrganizations: Block & { committees: number; cellBases: number; kinds: Record<BaseKind, Block>; exemplary: number | null; scores: ScoreFigures | null };
  /** `direct`: the cells outside any base organization (under the reporting committee or an upper committee). */
  cells: Block & { committees: number; exemplary: number | null; direct: Block; scores: ScoreFigures | null };
  /** The đảng bộ cấp trên cơ sở rows (their own ratings). */
  upperCommittees: Block & { scores: ScoreFigures | null };
  /** `admitted`: members admitted in the year (admitted_on within it); null when the file has no such column. */
  members: Block & { reasons: Record<SpecialCode, ReasonCount[]>; admitted: number | null; scores: ScoreFigures | null };
  /** The year's organizations: ids, names, ratings, lines by organization index. */
  orgs: OrgTable;
  /** The base organizations in id order, as organization indexes (the units of the appendix). */
  units: Int32Array;
  /** The cells under units[k] in id order: cellOrder[cellStart[k]] up to cellOrder[cellStart[k + 1]] (excluded). */
  cellStart: Int32Array;
  cellOrder: Int32Array;
  /** Per unit k, by CODE_INDEX at [k * NCODES + c]: its cells by rating, and its members (its own and its cells'). */
  unitCells: Int32Array;
  unitMembers: Int32Array;
  /** Members by organization and rating, [index * NCODES + CODE_INDEX[code]]: read with membersAt. */
  memberCounts: Int32Array;
  /** Members admitted in the year by organization index (all 0 without the admitted_on column). */
  admittedCounts: Int32Array;
  /** The tree: upper committees in id order, the cells outside base organizations. */
  tree: Tree;
  /** Per upper committee k (tree.uppers[k]), by CODE_INDEX at [k * NCODES + c]: its base organizations, cells and members at any depth. */
  upperBases: Int32Array;
  upperCells: Int32Array;
  upperMembers: Int32Array;
}

/** The kinds of base organization, in the order reports name them ("1 đảng bộ, 7 chi bộ cơ sở"). */
export const BASE_KINDS = ['dang_bo_co_so', 'chi_bo_co_so'] as const;
export type BaseKind = (typeof BASE_KINDS)[number];

/** What the appendix and the JSON show of unit k (the k-th base organization in id order). */
export interface UnitFigures {
  id: string;
  name: string;
  kind: BaseKind;
  rating: RatingCode;
  line: number;
  cells: Block;
  members: Block;
}

/** Unit k as an object (made when asked: a national report has 60 000 of them). */
export function unitAt(f: Figures, k: number): UnitFigures {
  const i = f.units[k]!;
  return {
    id: f.orgs.id(i),
    name: f.orgs.name(i),
    kind: f.orgs.kind(i) as UnitFigures['kind'],
    rating: f.orgs.rating(i)!,
    line: f.orgs.lines[i]!,
    cells: block(f.year, 'org', f.unitCells.subarray(k * NCODES, k * NCODES + NCODES)),
    members: block(f.year, 'member', f.unitMembers.subarray(k * NCODES, k * NCODES + NCODES)),
  };
}

/** The units one by one, made as they are read. */
export function* eachUnit(f: Figures): Generator<UnitFigures> {
  for (let k = 0; k < f.units.length; k++) yield unitAt(f, k);
}

/** The member counts of the organization at `index`, by CODE_INDEX (a view, not a copy). */
export function membersAt(f: Figures, index: number): Int32Array {
  return f.memberCounts.subarray(index * NCODES, index * NCODES + NCODES);
}

/** Position of each rating code in the count arrays. */
export const CODE_INDEX = Object.fromEntries(RATING_CODES.map((c, i) => [c, i])) as Record<RatingCode, number>;
export const NCODES = RATING_CODES.length;

export interface MemberCounts {
  year: number;
  /** Members by rating code (indexed by CODE_INDEX). */
  byRating: Float64Array;
  /** Members by organization and rating: [org.index * NCODES + CODE_INDEX[code]]. */
  byOrg: Int32Array;
  /** Each of SPECIAL_CODES → reason as written (trimmed) → count; grouped when finalized. */
  reasons: Map<SpecialCode, Map<string, number>>;
  /** Members admitted in the year (admitted_on within it), by organization index. */
  admitted: Int32Array;
  /** The file has the optional admitted_on column (else the figures say nothing of admissions). */
  admittedColumn: boolean;
  /** The members' scores, null when the file has no score column. */
  scores: ScoreTally | null;
}

/** Counts for a year whose organizations number `orgs`. */
export function newMemberCounts(year: number, orgs: number): MemberCounts {
  return {
    year,
    byRating: new Float64Array(NCODES),
    byOrg: new Int32Array(orgs * NCODES),
    reasons: new Map(SPECIAL_CODES.map((c) => [c, new Map()])),
    admitted: new Int32Array(orgs),
    admittedColumn: false,
    scores: null,
  };
}

const bump = <K>(m: Map<K, number>, k: K, n = 1): void => {
  m.set(k, (m.get(k) ?? 0) + n);
};

/**
 * Counts one valid member of the organization at `orgIndex` (the string path; the byte path counts ratings
 * in its cell table, fast/cell-table.ts, drained into the same MemberCounts, and reasons with addReason).
 */
export function addMember(counts: MemberCounts, orgIndex: number, rating: RatingCode, reason: string, admittedOn: number | null = null, score: number | null = null): void {
  const c = CODE_INDEX[rating];
  if (score !== null && counts.scores) addScore(counts.scores, c, score);
  counts.byRating[c]!++;
  counts.byOrg[orgIndex * NCODES + c]!++;
  if (isSpecial(rating)) addReason(counts, rating, reason);
  if (admittedOn !== null && admittedOn >= firstDayOf(counts.year) && admittedOn <= lastDayOf(counts.year)) counts.admitted[orgIndex]!++;
}


/** Counts the reason of one member rated with a special code: both paths count reasons here. */
export function addReason(counts: MemberCounts, rating: SpecialCode, reason: string): void {
  countReason(counts.reasons.get(rating)!, reason);
}

/** Adds `other` (counts of another part of the same file) into `into`. */
export function mergeCounts(into: MemberCounts, other: MemberCounts): void {
  for (let i = 0; i < NCODES; i++) into.byRating[i]! += other.byRating[i]!;
  for (let i = 0; i < into.byOrg.length; i++) into.byOrg[i]! += other.byOrg[i]!;
  for (const [code, m] of other.reasons) for (const [r, n] of m) countReason(into.reasons.get(code)!, r, n);
  for (let i = 0; i < into.admitted.length && i < other.admitted.length; i++) into.admitted[i]! += other.admitted[i]!;
  into.admittedColumn ||= other.admittedColumn;
  if (other.scores) mergeScores((into.scores ??= newScoreTally()), other.scores);
}

function block(year: number, kind: 'org' | 'member', counts: ArrayLike<number>): Block {
  const byRating: ByRating = {};
  for (const code of blockCodes(year, kind)) byRating[code] = 0;
  let total = 0;
  for (let i = 0; i < NCODES; i++) {
    const n = counts[i]!;
    if (n === 0) continue;
    const code = RATING_CODES[i]!;
    byRating[code] = (byRating[code] ?? 0) + n;
    total += n;
  }
  return { total, byRating };
}

/** Reasons grouped regardless of case and accents, most frequent first, each shown in its commonest spelling. */
function reasonList(raw: Map<string, number>): ReasonCount[] {
  const groups = new Map<string, Map<string, number>>();
  for (const [spelling, n] of raw) {
    if (spelling === OTHER_REASONS) continue;
    const key = fold(spelling);
    let g = groups.get(key);
    if (!g) groups.set(key, (g = new Map()));
    bump(g, spelling, n);
  }
  const out: ReasonCount[] = [];
  for (const spellings of groups.values()) {
    let count = 0;
    let best = '';
    let bestN = -1;
    for (const [spelling, n] of spellings) {
      count += n;
      if (n > bestN || (n === bestN && spelling < best)) [best, bestN] = [spelling, n];
    }
    out.push({ reason: best, count });
  }
  out.sort((a, b) => b.count - a.count || (a.reason < b.reason ? -1 : a.reason > b.reason ? 1 : 0));
  const other = raw.get(OTHER_REASONS);
  if (other) out.push({ reason: 'Các lý do khác', count: other, other: true });
  return out;
}

/** The organizations' scores tallied elsewhere (units of a roll-up sent as figures), by level. */
export type OrgScoreTallies = Partial<Record<'upper' | 'base' | 'cell', ScoreTally>>;

/** Joins the year's organizations (all valid, parents resolved) with the member counts; units and cells in id order. */
export function finalize(orgs: OrgTable, counts: MemberCounts, orgTallies: OrgScoreTallies = {}): Figures {
  const year = counts.year;
  const n = orgs.size;
  const tree = buildTree(orgs);
  // Base organizations sorted once; each one's cells (grouped by base, through a đảng bộ bộ phận too) sorted among themselves.
  const bases: number[] = [];
  const perBase = new Int32Array(n + 1);
  const inBase = (i: number) => levelOf(orgs, i) === 'cell' && tree.baseOf[i]! >= 0;
  for (let i = 0; i < n; i++) {
    const level = levelOf(orgs, i);
    if (level === 'base') bases.push(i);
    else if (inBase(i)) perBase[tree.baseOf[i]! + 1]!++;
  }
  for (let i = 0; i < n; i++) perBase[i + 1]! += perBase[i]!;
  const grouped = new Int32Array(perBase[n]!);
  const fill = perBase.slice(0, n);
  for (let i = 0; i < n; i++) if (inBase(i)) grouped[fill[tree.baseOf[i]!]!++] = i;
  const units = Int32Array.from(orderByIds(bases.map((i) => orgs.id(i))), (k) => bases[k]!);
  const byOrg = counts.byOrg;
  const cellStart = new Int32Array(units.length + 1);
  const cellOrder = new Int32Array(grouped.length);
  const unitCells = new Int32Array(units.length * NCODES);
  const unitMembers = new Int32Array(units.length * NCODES);
  const baseTotals = new Int32Array(NCODES);
  // Base organizations by rating, per kind: committees (dang_bo_co_so) at [c], chi bộ cơ sở at [NCODES + c].
  const kindTotals = new Int32Array(2 * NCODES);
  const cellTotals = new Int32Array(NCODES);
  const directTotals = new Int32Array(NCODES);
  const nu = tree.uppers.length;
  const upperTotals = new Int32Array(NCODES);
  const upperBases = new Int32Array(nu * NCODES);
  const upperCells = new Int32Array(nu * NCODES);
  const upperMembers = new Int32Array(nu * NCODES);
  let committees = 0;
  let committeesWithCells = 0;
  let baseExemplary = 0;
  let cellExemplary = 0;
  const exemplary = orgs.exemplary;
  const addInto = (into: Int32Array, at: number, from: ArrayLike<number>, fromAt: number) => {
    for (let c = 0; c < NCODES; c++) into[at + c]! += from[fromAt + c]!;
  };
  let at = 0;
  for (let k = 0; k < units.length; k++) {
    const u = units[k]!;
    const mine = grouped.subarray(perBase[u]!, perBase[u + 1]!);
    const ids = Array.from(mine, (i) => orgs.id(i));
    cellStart[k] = at;
    for (const j of orderByIds(ids)) cellOrder[at++] = mine[j]!;
    const uc = k * NCODES;
    addInto(unitMembers, uc, byOrg, u * NCODES);
    for (let p = cellStart[k]!; p < at; p++) {
      const cell = cellOrder[p]!;
      unitCells[uc + CODE_INDEX[orgs.rating(cell)!]]!++;
      cellExemplary += exemplary[cell]!;
      addInto(unitMembers, uc, byOrg, cell * NCODES);
    }
    addInto(cellTotals, 0, unitCells, uc);
    const r = CODE_INDEX[orgs.rating(u)!];
    baseTotals[r]!++;
    baseExemplary += exemplary[u]!;
    kindTotals[(isCommittee(orgs.kind(u)!) ? 0 : NCODES) + r]!++;
    if (isCommittee(orgs.kind(u)!)) {
      committees++;
      if (at > cellStart[k]!) committeesWithCells++;
    }
    const up = tree.upperAt[u]!;
    if (up >= 0) {
      upperBases[up * NCODES + r]!++;
      addInto(upperCells, up * NCODES, unitCells, uc);
      addInto(upperMembers, up * NCODES, unitMembers, uc);
    }
  }
  cellStart[units.length] = at;
  // The cells outside base organizations: in the cells' totals, and their upper committee's.
  for (const cell of tree.direct) {
    const r = CODE_INDEX[orgs.rating(cell)!];
    cellTotals[r]!++;
    directTotals[r]!++;
    cellExemplary += exemplary[cell]!;
    const up = tree.upperAt[cell]!;
    if (up >= 0) {
      upperCells[up * NCODES + r]!++;
      addInto(upperMembers, up * NCODES, byOrg, cell * NCODES);
    }
  }
  for (const u of tree.uppers) upperTotals[CODE_INDEX[orgs.rating(u)!]]!++;
  const orgScores = (level: keyof OrgScoreTallies) => {
    const extra = orgTallies[level];
    if (!orgs.hasScore && !extra) return null;
    const t = newScoreTally();
    if (orgs.hasScore) for (let i = 0; i < n; i++) if (levelOf(orgs, i) === level && !Number.isNaN(orgs.scores[i]!)) addScore(t, CODE_INDEX[orgs.rating(i)!], orgs.scores[i]!);
    if (extra) mergeScores(t, extra);
    return scoreFigures(year, 'org', t);
  };
  return {
    year,
    baseOrganizations: {
      ...block(year, 'org', baseTotals),
      committees,
      cellBases: units.length - committees,
      kinds: { dang_bo_co_so: block(year, 'org', kindTotals.subarray(0, NCODES)), chi_bo_co_so: block(year, 'org', kindTotals.subarray(NCODES)) },
      exemplary: orgs.hasExemplary ? baseExemplary : null,
      scores: orgScores('base'),
    },
    cells: { ...block(year, 'org', cellTotals), committees: committeesWithCells, exemplary: orgs.hasExemplary ? cellExemplary : null, direct: block(year, 'org', directTotals), scores: orgScores('cell') },
    upperCommittees: { ...block(year, 'org', upperTotals), scores: orgScores('upper') },
    members: {
      ...block(year, 'member', counts.byRating),
      admitted: counts.admittedColumn ? counts.admitted.reduce((a, b) => a + b, 0) : null,
      scores: counts.scores ? scoreFigures(year, 'member', counts.scores) : null,
      reasons: Object.fromEntries(SPECIAL_CODES.map((c) => [c, reasonList(counts.reasons.get(c)!)])) as Record<SpecialCode, ReasonCount[]>,
    },
    orgs,
    units,
    cellStart,
    cellOrder,
    unitCells,
    unitMembers,
    memberCounts: byOrg,
    admittedCounts: counts.admitted,
    tree,
    upperBases,
    upperCells,
    upperMembers,
  };
}

/** What the JSON's byUpper shows of upper committee k (tree.uppers[k]). */
export interface UpperFigures {
  id: string;
  name: string;
  rating: RatingCode;
  line: number;
  baseOrganizations: Block;
  cells: Block;
  members: Block;
}

export function upperAt(f: Figures, k: number): UpperFigures {
  const i = f.tree.uppers[k]!;
  const slice = (a: Int32Array) => a.subarray(k * NCODES, k * NCODES + NCODES);
  return {
    id: f.orgs.id(i),
    name: f.orgs.name(i),
    rating: f.orgs.rating(i)!,
    line: f.orgs.lines[i]!,
    baseOrganizations: block(f.year, 'org', slice(f.upperBases)),
    cells: block(f.year, 'org', slice(f.upperCells)),
    members: block(f.year, 'member', slice(f.upperMembers)),
  };
}
