// The tree of one year's organizations (the contract's "The tree of organizations"), worked out once the table
// is valid: the base organization each cell belongs to (directly, or through a đảng bộ bộ phận), the upper
// committee (đảng bộ cấp trên cơ sở) each base organization and each cell outside a base organization sits
// under, and those cells (chi bộ directly under the reporting committee or an upper committee). Pure.
import { KINDS, type Level } from '../schemes.js';
import type { OrgTable } from './org-table.js';
import { orderByIds } from './order.js';

export interface Tree {
  /** The base organization of each organization (itself for a base; -1 for upper committees and cells outside any). */
  baseOf: Int32Array;
  /** The upper committees, as organization indexes in id order. */
  uppers: Int32Array;
  /** The position in `uppers` each organization sits under (its own for an upper committee), or -1. */
  upperAt: Int32Array;
  /**
   * The cells outside any base organization, grouped by what they sit under (group 0: the reporting
   * committee itself; group k + 1: uppers[k]) and in id order within it: direct[directStart[g] .. directStart[g + 1]).
   */
  direct: Int32Array;
  directStart: Int32Array;
}

export function levelOf(orgs: OrgTable, i: number): Level | undefined {
  const kind = orgs.kind(i);
  return kind === undefined ? undefined : KINDS[kind].level;
}

export function buildTree(orgs: OrgTable): Tree {
  const n = orgs.size;
  const baseOf = new Int32Array(n).fill(-1);
  const upperOrg = new Int32Array(n).fill(-1);
  const upperList: number[] = [];
  // Valid rows: an upper committee has no parent; a base organization sits under an upper committee or none;
  // a đảng bộ bộ phận under a base organization; a cell under a base, a bộ phận, an upper committee or none.
  const climb = (i: number): void => {
    const level = levelOf(orgs, i);
    const p = orgs.parents[i]!;
    const parentLevel = p >= 0 ? levelOf(orgs, p) : undefined;
    if (level === 'upper') {
      upperOrg[i] = i;
      upperList.push(i);
    } else if (level === 'base') {
      baseOf[i] = i;
      if (parentLevel === 'upper') upperOrg[i] = p;
    } else if (level === 'part' || level === 'cell') {
      if (parentLevel === 'base') baseOf[i] = p;
      else if (parentLevel === 'part') baseOf[i] = orgs.parents[p]!;
      else if (parentLevel === 'upper') upperOrg[i] = p;
    }
  };
  for (let i = 0; i < n; i++) climb(i);
  // What is under a base organization sits under that base's upper committee.
  for (let i = 0; i < n; i++) if (baseOf[i]! >= 0 && baseOf[i] !== i) upperOrg[i] = upperOrg[baseOf[i]!]!;
  const uppers = Int32Array.from(orderByIds(upperList.map((i) => orgs.id(i))), (k) => upperList[k]!);
  const position = new Map<number, number>();
  uppers.forEach((u, k) => position.set(u, k));
  const upperAt = Int32Array.from(upperOrg, (u) => (u < 0 ? -1 : position.get(u)!));
  const groups: number[][] = Array.from({ length: uppers.length + 1 }, () => []);
  for (let i = 0; i < n; i++) if (levelOf(orgs, i) === 'cell' && baseOf[i]! < 0) groups[upperAt[i]! + 1]!.push(i);
  const directStart = new Int32Array(groups.length + 1);
  const direct: number[] = [];
  groups.forEach((g, k) => {
    for (const j of orderByIds(g.map((i) => orgs.id(i)))) direct.push(g[j]!);
    directStart[k + 1] = direct.length;
  });
  return { baseOf, uppers, upperAt, direct: Int32Array.from(direct), directStart };
}
