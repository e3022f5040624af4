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
 * or a cell without a parent (under the unit's own committee) is placed under that row, and so is one whose
 * parent is the unit's own row when its rows hold one (`self`: it is the unit, not added again). Ids stay as
 * written (each unit's its own: they are shown, never looked up again).
 */
export function joinUnits(year: number, units: readonly RollupUnit[]): Joined {
  const size = units.reduce((n, u) => n + 1 + u.part.orgs.size, 0);
  const orgs = new OrgTable(year, units.some((u) => u.part.orgs.hasExemplary), units.some((u) => u.part.orgs.hasScore || !Number.isNaN(u.score)));
  const unitOf = new Int32Array(size);
  const counts = newMemberCounts(year, size);
  const orgScores: OrgScoreTallies = {};
  units.forEach((unit, k) => {
    const upper = orgs.addJoined(unit.id, unit.name, 'dang_bo_cap_tren_co_so', -1, unit.rating, 0, 0, unit.score);
    const own = unit.part.orgs;
    const self = ownRow(unit.part);
    // Where each of the unit's organizations is here (its own row is the unit's upper row), and its parent here.
    const at = new Int32Array(own.size);
    for (let i = 0, next = upper + 1; i < own.size; i++) at[i] = i === self ? upper : next++;
    const parents = new Int32Array(own.size);
    for (let i = 0; i < own.size; i++) {
      const p = own.parents[i]!;
      const level = p >= 0 ? undefined : levelOf(own, i);
      parents[i] = p >= 0 ? at[p]! : level === 'base' || level === 'cell' ? upper : -1;
    }
    // Copied in one run, or two around the unit's own row.
    if (self < 0) orgs.addJoinedFrom(own, 0, own.size, parents);
    else {
      orgs.addJoinedFrom(own, 0, self, parents);
      orgs.addJoinedFrom(own, self + 1, own.size, parents);
    }
    unitOf.fill(k, upper, orgs.size);
    addCounts(counts, unit.part.counts, at);
    for (const [level, t] of Object.entries(unit.part.orgScores ?? {}) as [keyof OrgScoreTallies, Float64Array][]) mergeScores((orgScores[level] ??= newScoreTally()), t);
  });
  return { orgs, counts, orgScores, unitOf: unitOf.subarray(0, orgs.size) };
}

/** Adds a unit's member counts, its organization `i` being `at[i]` here. */
function addCounts(into: MemberCounts, from: MemberCounts, at: Int32Array): void {
  for (let c = 0; c < NCODES; c++) into.byRating[c]! += from.byRating[c]!;
  for (const [code, m] of from.reasons) for (const [r, n] of m) countReason(into.reasons.get(code)!, r, n);
  into.admittedColumn ||= from.admittedColumn;
  if (from.scores) mergeScores((into.scores ??= newScoreTally()), from.scores);
  // The organizations land in runs (each unit's in order, its own row on the upper row): added a run at a time.
  for (let i = 0; i < at.length; ) {
    let j = i + 1;
    while (j < at.length && at[j] === at[j - 1]! + 1) j++;
    addRange(into.byOrg, at[i]! * NCODES, from.byOrg, i * NCODES, (j - i) * NCODES);
    addRange(into.admitted, at[i]!, from.admitted, i, j - i);
    i = j;
  }
}

/** into[to + k] += from[start + k] for k < n (from may be shorter: its missing counts are 0). */
function addRange(into: Int32Array, to: number, from: Int32Array, start: number, n: number): void {
  const end = Math.min(n, from.length - start);
  for (let k = 0; k < end; k++) into[to + k]! += from[start + k]!;
}

/** The unit's own row, when its rows hold exactly one upper committee (the unit itself); else -1. */
export function ownRow(part: UnitPart): number {
  const uppers = uppersWithin(part);
  return uppers.length === 1 ? uppers[0]! : -1;
}

/** The organizations of a unit that are upper committees (a unit may hold its own row, and no other). */
export function uppersWithin(part: UnitPart): number[] {
  const out: number[] = [];
  for (let i = 0; i < part.orgs.size; i++) if (KINDS[part.orgs.kind(i)!].level === 'upper') out.push(i);
  return out;
}
