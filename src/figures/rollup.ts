// Roll-up (the contract's "Many units in one run"): units at the đảng bộ cấp trên cơ sở level (communes, wards,
// khối), each checked on its own, joined into one year's organizations and member counts as if one folder held
// them all under one dang_bo_cap_tren_co_so row each; finalize() then makes the figures, so a roll-up's figures
// are by construction those of the whole. A unit sent as figures (figures.json) is first laid out as the
// organizations its figures describe (./figures-part.ts). Pure.
import { countReason, newMemberCounts, NCODES, type MemberCounts, type OrgScoreTallies } from './aggregate.js';
import { OrgTable } from './org-table.js';
import { mergeScores, newScoreTally } from './scores.js';
import { KINDS, type RatingCode } from '../schemes.js';
import { levelOf } from './tree.js';

/** One unit's year: its organizations (parents resolved) and its members counted by them. */
export interface UnitPart {
  orgs: OrgTable;
  counts: MemberCounts;
  /** Organizations' scores that have no row (a unit sent as figures). */
  orgScores?: OrgScoreTallies;
}

export interface RollupUnit {
  /** The folder's name: the upper committee's id. */
  id: string;
  /** report.json's `unit`, else the folder's name. */
  name: string;
  /** report.json's `rating`, else PENDING (not given is not yet rated). */
  rating: RatingCode;
  /** report.json's `score`, NaN when not given. */
  score: number;
  part: UnitPart;
}

export interface Joined {
  orgs: OrgTable;
  counts: MemberCounts;
  orgScores: OrgScoreTallies;
  /** The unit (position in the list joined) each organization comes from. */
  unitOf: Int32Array;
}

/**
 * The units as one year's data: each unit's upper committee row, then its organizations; a base organization
 * or a cell without a parent (under the unit's own committee) is placed under that row. Ids stay as written
 * (each unit's its own: they are shown, never looked up again). Units hold no upper committee row of their own
 * (a problem found before joining).
 */
export function joinUnits(year: number, units: readonly RollupUnit[]): Joined {
  const size = units.reduce((n, u) => n + 1 + u.part.orgs.size, 0);
  const orgs = new OrgTable(year, units.some((u) => u.part.orgs.hasExemplary), units.some((u) => u.part.orgs.hasScore || !Number.isNaN(u.score)));
  const unitOf = new Int32Array(size);
  const counts = newMemberCounts(year, size);
  const orgScores: OrgScoreTallies = {};
  units.forEach((unit, k) => {
    const upper = orgs.addJoined(unit.id, unit.name, 'dang_bo_cap_tren_co_so', -1, unit.rating, 0, 0, unit.score);
    unitOf[upper] = k;
    const own = unit.part.orgs;
    const offset = upper + 1;
    for (let i = 0; i < own.size; i++) {
      const p = own.parents[i]!;
      const level = levelOf(own, i);
      const parent = p >= 0 ? offset + p : level === 'base' || level === 'cell' ? upper : -1;
      const at = orgs.addJoined(own.id(i), own.name(i), own.kind(i)!, parent, own.rating(i)!, own.lines[i]!, own.exemplary[i]!, own.scores[i]!);
      unitOf[at] = k;
    }
    addCounts(counts, unit.part.counts, offset);
    for (const [level, t] of Object.entries(unit.part.orgScores ?? {}) as [keyof OrgScoreTallies, Float64Array][]) mergeScores((orgScores[level] ??= newScoreTally()), t);
  });
  return { orgs, counts, orgScores, unitOf };
}

/** Adds a unit's member counts, its organization `i` being `offset + i` here. */
function addCounts(into: MemberCounts, from: MemberCounts, offset: number): void {
  for (let c = 0; c < NCODES; c++) into.byRating[c]! += from.byRating[c]!;
  for (const [code, m] of from.reasons) for (const [r, n] of m) countReason(into.reasons.get(code)!, r, n);
  into.admittedColumn ||= from.admittedColumn;
  if (from.scores) mergeScores((into.scores ??= newScoreTally()), from.scores);
  for (let j = 0; j < from.byOrg.length; j++) into.byOrg[offset * NCODES + j]! += from.byOrg[j]!;
  for (let j = 0; j < from.admitted.length; j++) into.admitted[offset + j]! += from.admitted[j]!;
}

/** The organizations of a unit that are upper committees (a unit is one; it cannot hold others). */
export function uppersWithin(part: UnitPart): number[] {
  const out: number[] = [];
  for (let i = 0; i < part.orgs.size; i++) if (KINDS[part.orgs.kind(i)!].level === 'upper') out.push(i);
  return out;
}
