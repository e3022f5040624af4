// Valid rows → the figures. Members are counted by a reducer as they stream past (addMember), then
// finalize() joins them with the year's organizations. Pure: plain data in, plain data out.
import { blockCodes, fold, RATING_CODES, type RatingCode } from './schemes.js';
import type { OrgEntry } from './validate.js';

export type ByRating = Partial<Record<RatingCode, number>>;

export interface Block {
  total: number;
  byRating: ByRating;
}

export interface ReasonCount {
  reason: string;
  count: number;
}

/** One base organization with what hangs under it, for the appendix and the rule checks. */
export interface UnitFigures {
  id: string;
  name: string;
  kind: 'dang_bo_co_so' | 'chi_bo_co_so';
  rating: RatingCode;
  line: number;
  cells: Block;
  members: Block;
  /** Its position in `Figures.memberCounts`, and its cells (chi_bo_truc_thuoc). */
  index: number;
  cellList: CellFigures[];
}

/** A cell under a committee; its members are `Figures.memberCounts` at its index. */
export interface CellFigures {
  id: string;
  name: string;
  rating: RatingCode;
  line: number;
  index: number;
}

export interface Figures {
  year: number;
  baseOrganizations: Block & { committees: number; cellBases: number };
  cells: Block & { committees: number };
  members: Block & { reasons: { UNRANKED: ReasonCount[]; PENDING: ReasonCount[] } };
  units: UnitFigures[];
  /** Members by organization and rating, [index * NCODES + CODE_INDEX[code]]: read with membersAt. */
  memberCounts: Int32Array;
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
  /** UNRANKED / PENDING → reason as written (trimmed) → count; grouped when finalized. */
  reasons: Map<'UNRANKED' | 'PENDING', Map<string, number>>;
}

/** Counts for a year whose organizations number `orgs`. */
export function newMemberCounts(year: number, orgs: number): MemberCounts {
  return { year, byRating: new Float64Array(NCODES), byOrg: new Int32Array(orgs * NCODES), reasons: new Map([['UNRANKED', new Map()], ['PENDING', new Map()]]) };
}

const bump = <K>(m: Map<K, number>, k: K, n = 1): void => {
  m.set(k, (m.get(k) ?? 0) + n);
};

/** Counts one valid member of the organization at `orgIndex`. */
export function addMember(counts: MemberCounts, orgIndex: number, rating: RatingCode, reason: string): void {
  const c = CODE_INDEX[rating];
  counts.byRating[c]!++;
  counts.byOrg[orgIndex * NCODES + c]!++;
  if (rating === 'UNRANKED' || rating === 'PENDING') bump(counts.reasons.get(rating)!, reason);
}

/** Adds `other` (counts of another part of the same file) into `into`. */
export function mergeCounts(into: MemberCounts, other: MemberCounts): void {
  for (let i = 0; i < NCODES; i++) into.byRating[i]! += other.byRating[i]!;
  for (let i = 0; i < into.byOrg.length; i++) into.byOrg[i]! += other.byOrg[i]!;
  for (const [code, m] of other.reasons) for (const [r, n] of m) bump(into.reasons.get(code)!, r, n);
}

function block(year: number, kind: 'org' | 'member', counts: Iterable<[RatingCode, number]>): Block {
  const byRating: ByRating = {};
  for (const code of blockCodes(year, kind)) byRating[code] = 0;
  let total = 0;
  for (const [code, n] of counts) {
    byRating[code] = (byRating[code] ?? 0) + n;
    total += n;
  }
  return { total, byRating };
}

/** Reasons grouped regardless of case and accents, most frequent first, each shown in its commonest spelling. */
function reasonList(raw: Map<string, number>): ReasonCount[] {
  const groups = new Map<string, Map<string, number>>();
  for (const [spelling, n] of raw) {
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
  return out.sort((a, b) => b.count - a.count || (a.reason < b.reason ? -1 : a.reason > b.reason ? 1 : 0));
}

/** Counts by CODE_INDEX → (code, count) pairs for block(). */
function pairs(counts: ArrayLike<number>): [RatingCode, number][] {
  const out: [RatingCode, number][] = [];
  for (let i = 0; i < NCODES; i++) if (counts[i]! > 0) out.push([RATING_CODES[i]!, counts[i]!]);
  return out;
}

/**
 * Ids in natural order (CS2 before CS10), by code units otherwise: the same on every machine (no ICU),
 * and the same however the rows of the file are ordered.
 */
export function compareIds(a: string, b: string): number {
  const x = a.match(/\d+|\D+/g) ?? [];
  const y = b.match(/\d+|\D+/g) ?? [];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const p = x[i]!;
    const q = y[i]!;
    if (p === q) continue;
    const numeric = /^\d/.test(p) && /^\d/.test(q);
    if (numeric && Number(p) !== Number(q)) return Number(p) - Number(q);
    return p < q ? -1 : 1;
  }
  return x.length - y.length || (a < b ? -1 : a > b ? 1 : 0);
}

/** Joins the year's organizations (all valid) with the member counts; units and cells in id order. */
export function finalize(orgs: Iterable<OrgEntry>, counts: MemberCounts): Figures {
  const year = counts.year;
  const all = [...orgs].sort((a, b) => compareIds(a.id, b.id));
  const cellsOf = new Map<string, OrgEntry[]>();
  for (const o of all) {
    if (o.kind !== 'chi_bo_truc_thuoc') continue;
    let list = cellsOf.get(o.parentId);
    if (!list) cellsOf.set(o.parentId, (list = []));
    list.push(o);
  }
  const byOrg = counts.byOrg;
  const units: UnitFigures[] = [];
  const cellTotals = new Int32Array(NCODES);
  const baseTotals = new Int32Array(NCODES);
  let committees = 0;
  let committeesWithCells = 0;
  for (const o of all) {
    if (o.kind !== 'dang_bo_co_so' && o.kind !== 'chi_bo_co_so') continue;
    const cells = cellsOf.get(o.id) ?? [];
    const cellRatings = new Int32Array(NCODES);
    const members = byOrg.slice(o.index * NCODES, o.index * NCODES + NCODES);
    for (const c of cells) {
      cellRatings[CODE_INDEX[c.rating!]]!++;
      for (let i = 0; i < NCODES; i++) members[i]! += byOrg[c.index * NCODES + i]!;
    }
    for (let i = 0; i < NCODES; i++) cellTotals[i]! += cellRatings[i]!;
    baseTotals[CODE_INDEX[o.rating!]]!++;
    if (o.kind === 'dang_bo_co_so') {
      committees++;
      if (cells.length > 0) committeesWithCells++;
    }
    units.push({
      id: o.id,
      name: o.name,
      kind: o.kind,
      rating: o.rating!,
      line: o.line,
      cells: block(year, 'org', pairs(cellRatings)),
      members: block(year, 'member', pairs(members)),
      index: o.index,
      cellList: cells.map((c) => ({ id: c.id, name: c.name, rating: c.rating!, line: c.line, index: c.index })),
    });
  }
  return {
    year,
    baseOrganizations: { ...block(year, 'org', pairs(baseTotals)), committees, cellBases: units.length - committees },
    cells: { ...block(year, 'org', pairs(cellTotals)), committees: committeesWithCells },
    members: {
      ...block(year, 'member', pairs(counts.byRating)),
      reasons: { UNRANKED: reasonList(counts.reasons.get('UNRANKED')!), PENDING: reasonList(counts.reasons.get('PENDING')!) },
    },
    units,
    memberCounts: byOrg,
  };
}
