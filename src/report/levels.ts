// The units of each level of the tree, one row each: its own rating and how its cells and members were rated.
// One table of levels (LEVELS), read by the workbook (a sheet per level, ./xlsx/figures.ts) and the Word
// document's appendix (./docx/document.ts). A new level (the upper committees, đảng bộ cấp trên cơ sở) is a row
// here, with its code and how its units are found in the figures.
import { CODE_INDEX, membersAt, NCODES, type Figures } from '../figures/aggregate.js';
import { NO_ROW } from '../figures/figures-part.js';
import { blockCodes, KINDS, RATINGS, schemeFor, wordsFor, type OrgKind, type RatingCode } from '../schemes.js';

/** A column of counts: a rating code with its short and full names. */
export interface CodeColumn {
  code: RatingCode;
  short: string;
  name: string;
}

export interface UnitRow {
  id: string;
  name: string;
  kind: OrgKind;
  kindName: string;
  /** The unit it belongs to (a cell's base organization), or null. */
  parent: string | null;
  rating: RatingCode;
  ratingName: string;
  /** "HTTNV" (the short forms of RATINGS), for a narrow column. */
  ratingShort: string;
  /** Its cells: how many, and by rating in the order of the level's cell columns; null at a level without cells. */
  cells: { total: number; counts: number[] } | null;
  /** Its members (its cells' included): how many, and by rating in the order of the member columns. */
  members: { total: number; counts: number[] };
}

export interface LevelTable {
  /** The level's code (a sheet's, a test's handle). */
  code: string;
  /** Its name as a heading or a sheet's tab reads: "Tổ chức cơ sở đảng". */
  name: string;
  /** The columns of the cells' and members' counts (the scheme's codes; UNRANKED and PENDING where some unit has them). */
  cellCodes: CodeColumn[] | null;
  memberCodes: CodeColumn[];
  rows: UnitRow[];
}

/** The codes of a block's columns: the scheme's, and the two specials where some unit has them. */
function columns(year: number, kind: 'org' | 'member', used: (code: RatingCode) => boolean): CodeColumn[] {
  return blockCodes(year, kind)
    .filter((c) => schemeFor(year)[kind].includes(c) || used(c))
    .map((code) => ({ code, short: RATINGS[code].short, name: wordsFor(year, kind, code).name }));
}

const counted = (counts: ArrayLike<number>, cols: readonly CodeColumn[]) => cols.map((c) => counts[CODE_INDEX[c.code]] ?? 0);
function sum(counts: ArrayLike<number>): number {
  let n = 0;
  for (let i = 0; i < counts.length; i++) n += counts[i]!;
  return n;
}

/** A unit's row; `cells` its cells' counts by CODE_INDEX (null at a level without cells). */
function row(f: Figures, i: number, parent: string | null, members: ArrayLike<number>, cellCounts: ArrayLike<number> | null, level: { cellCodes: CodeColumn[] | null; memberCodes: CodeColumn[] }): UnitRow {
  const kind = f.orgs.kind(i)!;
  const rating = f.orgs.rating(i)!;
  return {
    id: f.orgs.id(i),
    name: f.orgs.name(i),
    kind,
    kindName: KINDS[kind].name,
    parent,
    rating,
    ratingName: wordsFor(f.year, 'org', rating).name,
    ratingShort: RATINGS[rating].short,
    cells: cellCounts && level.cellCodes ? { total: sum(cellCounts), counts: counted(cellCounts, level.cellCodes) } : null,
    members: { total: sum(members), counts: counted(members, level.memberCodes) },
  };
}

/** The base organizations, in id order: each with its cells and members by rating. */
function baseOrganizations(f: Figures): LevelTable {
  const slice = (a: Int32Array, k: number) => a.subarray(k * NCODES, k * NCODES + NCODES);
  const anyUnit = (a: Int32Array, code: RatingCode) => Array.from(f.units, (_u, k) => slice(a, k)[CODE_INDEX[code]]!).some((n) => n > 0);
  const level = {
    cellCodes: columns(f.year, 'org', (c) => anyUnit(f.unitCells, c)),
    memberCodes: columns(f.year, 'member', (c) => anyUnit(f.unitMembers, c)),
  };
  const rows = Array.from(f.units, (i, k) => row(f, i, null, slice(f.unitMembers, k), slice(f.unitCells, k), level));
  return { code: 'base', name: 'Tổ chức cơ sở đảng', ...level, rows };
}

/**
 * The cells under base committees (chi bộ trực thuộc), by committee then id: each with its members by rating.
 * A roll-up unit sent as figures has no list of its cells (they are counted, not rows): they are not listed.
 */
function cells(f: Figures): LevelTable {
  const all = Array.from(f.cellOrder).filter((i) => f.orgs.lines[i] !== NO_ROW);
  const level = { cellCodes: null, memberCodes: columns(f.year, 'member', (c) => all.some((i) => membersAt(f, i)[CODE_INDEX[c]]! > 0)) };
  const rows: UnitRow[] = [];
  for (let k = 0; k < f.units.length; k++) {
    const parent = f.orgs.name(f.units[k]!);
    for (const i of f.cellOrder.subarray(f.cellStart[k]!, f.cellStart[k + 1]!)) if (f.orgs.lines[i] !== NO_ROW) rows.push(row(f, i, parent, membersAt(f, i), null, level));
  }
  return { code: 'cells', name: 'Chi bộ trực thuộc', ...level, rows };
}

/** The levels, from the top down; a level with no unit is left out by whoever lists them. */
export const LEVELS: readonly { code: string; table: (f: Figures) => LevelTable }[] = [
  { code: 'base', table: baseOrganizations },
  { code: 'cells', table: cells },
];
