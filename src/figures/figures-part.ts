// A unit of a roll-up sent as figures (figures.json: the JSON `assess report --format json` printed for it)
// laid out as the organizations its figures describe, so that it joins the other units like rows do
// (./rollup.ts). What the figures say is kept exactly: base organizations by kind and rating (each one by name
// when the figures list them, as ours do), cells by rating under their base organization or directly under
// the unit, the weak cells by name, members by rating and where they are, reasons, admissions, tiêu biểu and
// scores. What figures do not say (which cell a member is in, the name of a cell that is not weak) is not
// made up: such organizations carry line -1 (no row), and nothing lists them one by one. Pure.
import { CODE_INDEX, countReason, newMemberCounts, NCODES, OTHER_REASONS, type Block, type ReasonCount } from './aggregate.js';
import { OrgTable } from './org-table.js';
import type { UnitPart } from './rollup.js';
import { tallyOf, type ScoreFigures } from './scores.js';
import { blockCodes, exemplaryRating, schemeFor, SPECIAL_CODES, wordsFor, type RatingCode } from '../schemes.js';

/** The shape of the figures `--format json` prints (its `figuresVersion`): raised when a roll-up could no longer read older ones as they are. */
export const FIGURES_VERSION = 1;

/** Line of an organization that is no row of a file (laid out from figures). */
export const NO_ROW = -1;

export interface FiguresUnit {
  id: string;
  name: string;
  kind: 'dang_bo_co_so' | 'chi_bo_co_so';
  rating: RatingCode;
  cells: Block;
  members: Block;
}

export interface FiguresWeakGroup {
  name: string;
  direct: boolean;
  cells: { name: string; ratingLabel: string }[];
}

/** A unit's figures as a figures.json gives them (checked: ../validate/figures-json.ts). */
export interface FiguresIn {
  year: number;
  baseOrganizations: Block & { committees: number; kinds?: Record<'dang_bo_co_so' | 'chi_bo_co_so', Block> | undefined; exemplary?: { count: number } | undefined };
  cells: Block & { committees: number; direct?: Block | undefined; exemplary?: { count: number } | undefined };
  members: Block & { reasons?: Partial<Record<'UNRANKED' | 'PENDING', ReasonCount[]>> | undefined; admitted?: number | undefined };
  scores?: Partial<Record<'baseOrganizations' | 'cells' | 'members', ScoreFigures>> | undefined;
  units?: FiguresUnit[] | undefined;
  weak?: FiguresWeakGroup[] | undefined;
}

/** Each code of a block as many times as it counts, best first. */
function ratingsOf(year: number, kind: 'org' | 'member', b: Block): RatingCode[] {
  const out: RatingCode[] = [];
  for (const code of [...blockCodes(year, kind)]) for (let n = b.byRating[code] ?? 0; n > 0; n--) out.push(code);
  return out;
}

const minus = (a: Block, b: Block): Block => {
  const byRating: Partial<Record<RatingCode, number>> = {};
  for (const [code, n] of Object.entries(a.byRating) as [RatingCode, number][]) byRating[code] = n - (b.byRating[code] ?? 0);
  return { total: a.total - b.total, byRating };
};

const sum = (blocks: readonly Block[]): Block => {
  const byRating: Partial<Record<RatingCode, number>> = {};
  let total = 0;
  for (const b of blocks) {
    total += b.total;
    for (const [code, n] of Object.entries(b.byRating) as [RatingCode, number][]) byRating[code] = (byRating[code] ?? 0) + n;
  }
  return { total, byRating };
};

/**
 * The base organizations the figures list (ours do), or, from the blocks alone, as many as they count: the
 * committees first (by kind when the figures split them, else the first `committees`), the cells of the unit
 * shared among the committees that have cells.
 */
function unitsOf(year: number, f: FiguresIn, unitId: string): FiguresUnit[] {
  if (f.units) return f.units;
  const kinds = f.baseOrganizations.kinds;
  const bases: { kind: FiguresUnit['kind']; rating: RatingCode }[] = kinds
    ? [...ratingsOf(year, 'org', kinds.dang_bo_co_so).map((rating) => ({ kind: 'dang_bo_co_so' as const, rating })), ...ratingsOf(year, 'org', kinds.chi_bo_co_so).map((rating) => ({ kind: 'chi_bo_co_so' as const, rating }))]
    : ratingsOf(year, 'org', f.baseOrganizations).map((rating, i) => ({ kind: i < f.baseOrganizations.committees ? ('dang_bo_co_so' as const) : ('chi_bo_co_so' as const), rating }));
  const direct = f.cells.direct ?? { total: 0, byRating: {} };
  const underBases = ratingsOf(year, 'org', minus(f.cells, direct));
  const withCells = f.cells.committees;
  const empty = (): Block => ({ total: 0, byRating: {} });
  const units = bases.map((b, i): FiguresUnit => ({ id: `${unitId}-${i + 1}`, name: `Tổ chức cơ sở đảng ${i + 1} (${unitId})`, ...b, cells: empty(), members: empty() }));
  const holders = units.filter((u) => u.kind === 'dang_bo_co_so').slice(0, withCells);
  underBases.forEach((code, j) => {
    const u = holders[j % Math.max(1, holders.length)];
    if (!u) return;
    u.cells.total++;
    u.cells.byRating[code] = (u.cells.byRating[code] ?? 0) + 1;
  });
  return units;
}

/** The unit's organizations and member counts, laid out from its figures. */
export function partFromFigures(year: number, f: FiguresIn, unitId: string): UnitPart {
  const scores = f.scores ?? {};
  const hasExemplary = f.baseOrganizations.exemplary !== undefined || f.cells.exemplary !== undefined;
  const orgs = new OrgTable(year, hasExemplary, false);
  const units = unitsOf(year, f, unitId);
  const weakCodes = new Set(schemeFor(year).weak);
  const codeOfLabel = new Map([...weakCodes].map((c) => [wordsFor(year, 'org', c).label, c]));
  // The weak cells' names, by the base organization (or the unit, for direct cells) they are listed under.
  const weakNames = (group: FiguresWeakGroup | undefined, code: RatingCode): string[] => (group?.cells ?? []).filter((c) => codeOfLabel.get(c.ratingLabel) === code).map((c) => c.name);
  const groups = [...(f.weak ?? [])];
  const takeGroup = (name: string, direct: boolean) => {
    const at = groups.findIndex((g) => g.name === name && g.direct === direct);
    return at < 0 ? undefined : groups.splice(at, 1)[0];
  };
  const cellsOf = (parent: number, ownerId: string, b: Block, group: FiguresWeakGroup | undefined) => {
    const made: number[] = [];
    const named = new Map([...weakCodes].map((c) => [c, weakNames(group, c)]));
    ratingsOf(year, 'org', b).forEach((code, j) => {
      const name = named.get(code)?.shift() ?? `${ownerId}: chi bộ ${j + 1}`;
      made.push(orgs.addJoined(`${ownerId}/${j + 1}`, name, 'chi_bo_truc_thuoc', parent, code, NO_ROW));
    });
    return made;
  };
  const placed: { org: number; members: Block }[] = [];
  for (const u of units) {
    const base = orgs.addJoined(u.id, u.name, u.kind, -1, u.rating, NO_ROW);
    cellsOf(base, u.id, u.cells, takeGroup(u.name, false));
    placed.push({ org: base, members: u.members });
  }
  const listedCells = sum(units.map((u) => u.cells));
  const direct = cellsOf(-1, unitId, minus(f.cells, listedCells), groups.find((g) => g.direct));
  // Members not in a listed base organization are in the cells directly under the unit (all in the first: which one is not said).
  const rest = minus(f.members, sum(units.map((u) => u.members)));
  const restAt = direct[0] ?? placed[0]?.org;
  if (rest.total > 0 && restAt !== undefined) placed.push({ org: restAt, members: rest });
  markExemplary(orgs, year, 'base', f.baseOrganizations.exemplary?.count ?? 0);
  markExemplary(orgs, year, 'cell', f.cells.exemplary?.count ?? 0);
  const full = Object.assign(newMemberCounts(year, orgs.size), { admittedColumn: f.members.admitted !== undefined });
  for (const { org, members } of placed) {
    for (const [code, n] of Object.entries(members.byRating) as [RatingCode, number][]) {
      full.byOrg[org * NCODES + CODE_INDEX[code]]! += n;
      full.byRating[CODE_INDEX[code]]! += n;
    }
  }
  if (f.members.admitted && placed[0]) full.admitted[placed[0].org] = f.members.admitted;
  for (const code of SPECIAL_CODES) for (const r of f.members.reasons?.[code] ?? []) countReason(full.reasons.get(code)!, r.other ? OTHER_REASONS : r.reason, r.count);
  if (scores.members) full.scores = tallyOf(scores.members);
  return {
    orgs,
    counts: full,
    orgScores: { ...(scores.baseOrganizations ? { base: tallyOf(scores.baseOrganizations) } : {}), ...(scores.cells ? { cell: tallyOf(scores.cells) } : {}) },
  };
}

/** Marks the first `count` organizations of a level rated the year's best as tiêu biểu (which ones the figures do not say). */
function markExemplary(orgs: OrgTable, year: number, level: 'base' | 'cell', count: number): void {
  const best = exemplaryRating(year);
  const kinds = level === 'base' ? ['dang_bo_co_so', 'chi_bo_co_so'] : ['chi_bo_truc_thuoc'];
  for (let i = 0; i < orgs.size && count > 0; i++) {
    if (kinds.includes(orgs.kind(i)!) && orgs.rating(i) === best) {
      orgs.exemplary[i] = 1;
      count--;
    }
  }
}
