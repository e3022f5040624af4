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

/** An id cut into its runs of digits and of other characters, each digit run with its value. */
interface IdKey {
  runs: string[];
  /** The value of each run of digits; NaN for the other runs. */
  values: number[];
}

const digit = (c: number): boolean => c >= 48 && c <= 57;

function idKey(id: string): IdKey {
  const runs: string[] = [];
  const values: number[] = [];
  let start = 0;
  for (let i = 1; i <= id.length; i++) {
    if (i === id.length || digit(id.charCodeAt(i)) !== digit(id.charCodeAt(start))) {
      const run = id.slice(start, i);
      runs.push(run);
      values.push(digit(id.charCodeAt(start)) ? Number(run) : NaN);
      start = i;
    }
  }
  return { runs, values };
}

/**
 * Ids in natural order (CS2 before CS10): run by run, runs of digits by value when both are digits and
 * differ, else by code units; then fewer runs first, then the ids by code units. The same on every
 * machine (no ICU), and the same however the rows of the file are ordered.
 */
function compareKeys(a: IdKey, b: IdKey, ida: string, idb: string): number {
  const n = Math.min(a.runs.length, b.runs.length);
  for (let i = 0; i < n; i++) {
    const p = a.runs[i]!;
    const q = b.runs[i]!;
    if (p === q) continue;
    const x = a.values[i]!;
    const y = b.values[i]!;
    if (x === x && y === y && x !== y) return x - y; // both runs of digits (not NaN), different values
    return p < q ? -1 : 1;
  }
  return a.runs.length - b.runs.length || (ida < idb ? -1 : ida > idb ? 1 : 0);
}

/** The list sorted by id in natural order (a new array); each id is cut into runs once, not at each comparison. */
export function sortByIds<T extends { id: string }>(list: readonly T[]): T[] {
  if (list.length < 2) return [...list];
  const keys = list.map((o) => idKey(o.id));
  const order = list.map((_, i) => i);
  order.sort((i, j) => compareKeys(keys[i]!, keys[j]!, list[i]!.id, list[j]!.id));
  return order.map((i) => list[i]!);
}

/** Joins the year's organizations (all valid) with the member counts; units and cells in id order. */
export function finalize(orgs: Iterable<OrgEntry>, counts: MemberCounts): Figures {
  const year = counts.year;
  // Base organizations sorted once; each one's cells sorted among themselves (a few each).
  const bases: OrgEntry[] = [];
  const cellsOf = new Map<string, OrgEntry[]>();
  for (const o of orgs) {
    if (o.kind !== 'chi_bo_truc_thuoc') {
      bases.push(o);
      continue;
    }
    let list = cellsOf.get(o.parentId);
    if (!list) cellsOf.set(o.parentId, (list = []));
    list.push(o);
  }
  const all = sortByIds(bases);
  const byOrg = counts.byOrg;
  const units: UnitFigures[] = [];
  const cellTotals = new Int32Array(NCODES);
  const baseTotals = new Int32Array(NCODES);
  let committees = 0;
  let committeesWithCells = 0;
  const cellRatings = new Int32Array(NCODES);
  const members = new Int32Array(NCODES);
  for (const o of all) {
    if (o.kind !== 'dang_bo_co_so' && o.kind !== 'chi_bo_co_so') continue;
    const cells = sortByIds(cellsOf.get(o.id) ?? []);
    cellRatings.fill(0);
    for (let i = 0; i < NCODES; i++) members[i] = byOrg[o.index * NCODES + i]!;
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
      cells: block(year, 'org', cellRatings),
      members: block(year, 'member', members),
      index: o.index,
      cellList: cells.map((c) => ({ id: c.id, name: c.name, rating: c.rating!, line: c.line, index: c.index })),
    });
  }
  return {
    year,
    baseOrganizations: { ...block(year, 'org', baseTotals), committees, cellBases: units.length - committees },
    cells: { ...block(year, 'org', cellTotals), committees: committeesWithCells },
    members: {
      ...block(year, 'member', counts.byRating),
      reasons: { UNRANKED: reasonList(counts.reasons.get('UNRANKED')!), PENDING: reasonList(counts.reasons.get('PENDING')!) },
    },
    units,
    memberCounts: byOrg,
  };
}
