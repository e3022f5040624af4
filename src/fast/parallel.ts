// The members file on two threads, the pure part: what goes between them and how their results join.
// The organizations packed for the worker (packOrgs) and unpacked there only if a row needs them, a
// result packed (typed arrays moved, not copied) and unpacked, the two results merged exactly (counts add
// up, the id buckets are searched together, the problems join), and the worker's share of the body.
// io/parallel.ts reads the file, starts the worker (io/worker.ts) and uses these.
import { mergeCounts, newMemberCounts, type MemberCounts } from '../figures/aggregate.js';
import { OrgTable, type OrgIndex } from '../figures/org-table.js';
import { ProblemList, type ProblemData } from '../problems.js';
import { ORG_KINDS, type OrgKind, type SpecialCode } from '../schemes.js';
import { CellTable, type CellTableData } from './cell-table.js';
import { HashedIdSet, type PackedIds } from './hashed-ids.js';
import type { ScanOrgs, ScanResult } from './scan-members.js';

/**
 * Organizations as compact arrays for another thread (only what the members' checks use): the ids end to
 * end in one string (one copy to send instead of 360 000 strings), their lengths, kinds and lines.
 */
export type PackedOrgs = { year: number; ids: string; lengths: Int32Array; kinds: Int8Array; lines: Int32Array }[];

export function packOrgs(orgs: OrgIndex): PackedOrgs {
  return [...orgs].map(([year, table]) => {
    const ids = Array.from({ length: table.size }, (_, i) => table.id(i));
    return {
      year,
      ids: ids.join(''),
      lengths: Int32Array.from(ids, (id) => id.length),
      kinds: table.kinds.slice(0, table.size),
      lines: table.lines.slice(0, table.size),
    };
  });
}

/** The organizations as the worker's scan needs them: the main thread's cell tables (shared memory), the packed index. */
export function packedScanOrgs(packed: PackedOrgs, tables: [number, CellTableData][]): ScanOrgs {
  const cells = new Map(tables.map(([year, data]) => [year, new CellTable(data)]));
  let index: OrgIndex | undefined;
  return {
    cells: (year) => cells.get(year)!,
    size: (year) => packed.find((x) => x.year === year)?.lengths.length ?? 0,
    index: () => (index ??= unpackOrgs(packed)),
  };
}

/** Ids, kinds and lines: what the members' checks read (names and ratings stay on the main thread). */
function unpackOrgs(packed: PackedOrgs): OrgIndex {
  const orgs: OrgIndex = new Map();
  for (const { year, ids, lengths, kinds, lines } of packed) {
    const table = new OrgTable(year);
    for (let index = 0, at = 0; index < lengths.length; at += lengths[index]!, index++) {
      const kind: OrgKind | undefined = kinds[index]! < 0 ? undefined : ORG_KINDS[kinds[index]!];
      table.add(ids.slice(at, at + lengths[index]!), '', kind, '', undefined, lines[index]!);
    }
    orgs.set(year, table);
  }
  return orgs;
}

export interface PackedResult {
  problems: ProblemData;
  counts: { year: number; byRating: Float64Array; byOrg: Int32Array; reasons: [string, [string, number][]][]; admitted: Int32Array; admittedColumn: boolean; scores: Float64Array | null }[];
  yearsSeen: [number, number][];
  ids: ({ year: number } & PackedIds)[];
  endedInRecord: boolean;
}

export function packResult(r: ScanResult): { packed: PackedResult; transfer: ArrayBuffer[] } {
  const ids = [...r.ids].map(([year, set]) => ({ year, ...set.export() }));
  const counts = [...r.counts.values()].map((c) => ({
    year: c.year,
    byRating: c.byRating,
    byOrg: c.byOrg,
    reasons: [...c.reasons].map(([k, m]) => [k, [...m]] as [string, [string, number][]]),
    admitted: c.admitted,
    admittedColumn: c.admittedColumn,
    scores: c.scores,
  }));
  const transfer = [
    ...ids.flatMap((s) => [s.slab, ...s.overflow].flatMap((a) => (a ? [a.buffer as ArrayBuffer] : []))),
    ...counts.flatMap((c) => [c.byOrg.buffer as ArrayBuffer, c.admitted.buffer as ArrayBuffer]),
  ];
  return { packed: { problems: r.problems.data(), counts, yearsSeen: [...r.yearsSeen], ids, endedInRecord: r.endedInRecord }, transfer: [...new Set(transfer)] };
}

export function unpackResult(p: PackedResult): ScanResult {
  const counts = new Map<number, MemberCounts>();
  for (const c of p.counts) {
    const m = newMemberCounts(c.year, 0);
    counts.set(c.year, {
      ...m,
      byRating: c.byRating,
      byOrg: c.byOrg,
      reasons: new Map(c.reasons.map(([k, e]) => [k as SpecialCode, new Map(e)])),
      admitted: c.admitted,
      admittedColumn: c.admittedColumn,
      scores: c.scores,
    });
  }
  const problems = new ProblemList(p.problems.max);
  problems.absorb(p.problems);
  return {
    problems,
    counts,
    yearsSeen: new Map(p.yearsSeen),
    ids: new Map(p.ids.map((s) => [s.year, HashedIdSet.from(s)])),
    endedInRecord: p.endedInRecord,
  };
}

/**
 * The worker's share of the body: more than half, because this thread first counts the lines before the
 * split and builds the cell tables (measured on 6 M members: both threads then finish together).
 */
export const WORKER_SHARE = 0.55;

/**
 * The two threads' results as one: the worker's (the first part of the body) and this thread's (the rest).
 * Both counted into the same shared cell tables (`cells`): drained once, now that both are done; the id
 * buckets are searched together; the problems join, the worker's first.
 */
export function mergeResults(theirs: ScanResult, ours: ScanResult, cells: ScanOrgs): ScanResult {
  for (const [year, c] of ours.counts) {
    cells.cells(year).drainInto(c);
    mergeCounts(c, theirs.counts.get(year)!);
  }
  for (const [year, n] of theirs.yearsSeen) ours.yearsSeen.set(year, (ours.yearsSeen.get(year) ?? 0) + n);
  for (const [year, set] of ours.ids) set.absorb(theirs.ids.get(year)!, 0);
  theirs.problems.absorb(ours.problems);
  return { ...ours, problems: theirs.problems };
}
