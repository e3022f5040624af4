// Valid rows → the figures. Members are counted by a reducer as they stream past (addMember), then
// finalize() joins them with the year's organizations. Pure: plain data in, plain data out.
import type { MemberRow } from './schema.js';
import { blockCodes, fold, type RatingCode } from './schemes.js';
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
  /** Its cells (chi_bo_truc_thuoc), each with its members. */
  cellList: { id: string; name: string; rating: RatingCode; line: number; members: Block }[];
}

export interface Figures {
  year: number;
  baseOrganizations: Block & { committees: number; cellBases: number };
  cells: Block & { committees: number };
  members: Block & { reasons: { UNRANKED: ReasonCount[]; PENDING: ReasonCount[] } };
  units: UnitFigures[];
}

export interface MemberCounts {
  year: number;
  byRating: Map<RatingCode, number>;
  /** org_id → counts by rating. */
  byOrg: Map<string, Map<RatingCode, number>>;
  /** UNRANKED / PENDING → folded reason → count and the spellings seen. */
  reasons: Map<'UNRANKED' | 'PENDING', Map<string, Map<string, number>>>;
}

export function newMemberCounts(year: number): MemberCounts {
  return { year, byRating: new Map(), byOrg: new Map(), reasons: new Map([['UNRANKED', new Map()], ['PENDING', new Map()]]) };
}

const bump = <K>(m: Map<K, number>, k: K, n = 1): void => {
  m.set(k, (m.get(k) ?? 0) + n);
};

export function addMember(counts: MemberCounts, row: MemberRow): void {
  bump(counts.byRating, row.rating);
  let org = counts.byOrg.get(row.org_id);
  if (!org) counts.byOrg.set(row.org_id, (org = new Map()));
  bump(org, row.rating);
  if (row.rating === 'UNRANKED' || row.rating === 'PENDING') {
    const byKey = counts.reasons.get(row.rating)!;
    const key = fold(row.reason);
    let spellings = byKey.get(key);
    if (!spellings) byKey.set(key, (spellings = new Map()));
    bump(spellings, row.reason);
  }
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
function reasonList(byKey: Map<string, Map<string, number>>): ReasonCount[] {
  const out: ReasonCount[] = [];
  for (const spellings of byKey.values()) {
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

const byLine = (a: { line: number }, b: { line: number }) => a.line - b.line;

/** Joins the year's organizations (all valid) with the member counts. */
export function finalize(orgs: Iterable<OrgEntry>, counts: MemberCounts): Figures {
  const year = counts.year;
  const all = [...orgs].sort(byLine);
  const cellsOf = new Map<string, OrgEntry[]>();
  for (const o of all) {
    if (o.kind !== 'chi_bo_truc_thuoc') continue;
    let list = cellsOf.get(o.parentId);
    if (!list) cellsOf.set(o.parentId, (list = []));
    list.push(o);
  }
  const membersOf = (id: string): [RatingCode, number][] => [...(counts.byOrg.get(id) ?? [])];
  const units: UnitFigures[] = [];
  for (const o of all) {
    if (o.kind !== 'dang_bo_co_so' && o.kind !== 'chi_bo_co_so') continue;
    const cells = cellsOf.get(o.id) ?? [];
    const cellList = cells.map((c) => ({ id: c.id, name: c.name, rating: c.rating!, line: c.line, members: block(year, 'member', membersOf(c.id)) }));
    units.push({
      id: o.id,
      name: o.name,
      kind: o.kind,
      rating: o.rating!,
      line: o.line,
      cells: block(year, 'org', cellList.map((c) => [c.rating, 1])),
      members: block(year, 'member', [...membersOf(o.id), ...cells.flatMap((c) => membersOf(c.id))]),
      cellList,
    });
  }
  const committees = units.filter((u) => u.kind === 'dang_bo_co_so');
  const cells = units.flatMap((u) => u.cellList);
  return {
    year,
    baseOrganizations: {
      ...block(year, 'org', units.map((u) => [u.rating, 1])),
      committees: committees.length,
      cellBases: units.length - committees.length,
    },
    cells: { ...block(year, 'org', cells.map((c) => [c.rating, 1])), committees: committees.filter((u) => u.cellList.length > 0).length },
    members: {
      ...block(year, 'member', counts.byRating),
      reasons: { UNRANKED: reasonList(counts.reasons.get('UNRANKED')!), PENDING: reasonList(counts.reasons.get('PENDING')!) },
    },
    units,
  };
}
