// The members file on both cores: a worker scans the first part (55 %) while this thread counts the lines up
// to the split (to number its own lines) and then scans the rest. The results merge exactly: counts
// add up, the id buckets are searched together, the problems join. A split that cuts a record (an odd
// number of quotes before it, or a record still open at the worker's end) is not used: one thread then.
import { open, stat } from 'node:fs/promises';
import { Worker } from 'node:worker_threads';
import { mergeCounts, newMemberCounts, type MemberCounts } from '../figures/aggregate.js';
import { HashedIdSet } from '../validate/idset.js';
import { ProblemList, type ProblemData } from '../problems.js';
import type { Progress } from './progress.js';
import { scanOrgs, scanRange, type ScanJob, type ScanOrgs, type ScanResult } from '../fast/scan-members.js';
import { ORG_KINDS, type OrgKind } from '../schemes.js';
import { CellTable, type CellTableData } from '../fast/cell-table.js';
import { OrgTable, type OrgIndex } from '../figures/org-table.js';

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

interface PackedResult {
  problems: ProblemData;
  counts: { year: number; byRating: Float64Array; byOrg: Int32Array; reasons: [string, [string, number][]][] }[];
  yearsSeen: [number, number][];
  ids: { year: number; buckets: Int32Array[]; used: Int32Array }[];
  endedInRecord: boolean;
}

export function packResult(r: ScanResult): { packed: PackedResult; transfer: ArrayBuffer[] } {
  const ids = [...r.ids].map(([year, set]) => ({ year, ...set.export() }));
  const counts = [...r.counts.values()].map((c) => ({ year: c.year, byRating: c.byRating, byOrg: c.byOrg, reasons: [...c.reasons].map(([k, m]) => [k, [...m]] as [string, [string, number][]]) }));
  const transfer = [...ids.flatMap((s) => s.buckets.map((b) => b.buffer as ArrayBuffer)), ...counts.map((c) => c.byOrg.buffer as ArrayBuffer)];
  return { packed: { problems: r.problems.data(), counts, yearsSeen: [...r.yearsSeen], ids, endedInRecord: r.endedInRecord }, transfer: [...new Set(transfer)] };
}

function unpackResult(p: PackedResult): ScanResult {
  const counts = new Map<number, MemberCounts>();
  for (const c of p.counts) {
    const m = newMemberCounts(c.year, 0);
    counts.set(c.year, { ...m, byRating: c.byRating, byOrg: c.byOrg, reasons: new Map(c.reasons.map(([k, e]) => [k as 'UNRANKED' | 'PENDING', new Map(e)])) });
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
const WORKER_SHARE = 0.55;

/** The chunks of a stream, telling `seen` the size of each as it passes. */
export async function* counted(stream: AsyncIterable<unknown>, seen: (bytes: number) => void): AsyncGenerator<Buffer> {
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    seen(chunk.length);
    yield chunk;
  }
}

/**
 * Bytes [start, end) of a file in chunks of a megabyte, read into two buffers used in turn: no allocation per
 * chunk (a fresh megabyte each time is garbage the collector must find). A chunk is valid until the next but
 * one is read: MemberScanner.push keeps nothing of a chunk beyond the next call.
 */
export async function* readRange(path: string, start: number, end: number): AsyncGenerator<Buffer> {
  const fh = await open(path, 'r');
  try {
    const buffers = [Buffer.allocUnsafe(1 << 20), Buffer.allocUnsafe(1 << 20)];
    for (let at = start, turn = 0; at < end; turn ^= 1) {
      const buf = buffers[turn]!;
      const { bytesRead } = await fh.read(buf, 0, Math.min(buf.length, end - at), at);
      if (bytesRead === 0) return;
      at += bytesRead;
      yield buf.subarray(0, bytesRead);
    }
  } finally {
    await fh.close();
  }
}

/** Lines and quotes in bytes [0, end) of the file. */
async function countLinesAndQuotes(path: string, end: number): Promise<{ lines: number; quotes: number }> {
  let lines = 0;
  let quotes = 0;
  for await (const chunk of readRange(path, 0, end)) {
    for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lines++;
    for (let i = chunk.indexOf(34); i !== -1; i = chunk.indexOf(34, i + 1)) quotes++;
  }
  return { lines, quotes };
}

/** The first line start at or after `at`, or -1 when none comes within a megabyte. */
async function lineStartAfter(path: string, at: number): Promise<number> {
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(1 << 20);
    const { bytesRead } = await fh.read(buf, 0, buf.length, at);
    const nl = buf.subarray(0, bytesRead).indexOf(10);
    return nl === -1 ? -1 : at + nl + 1;
  } finally {
    await fh.close();
  }
}

/**
 * Scans the members file on two threads; undefined when it cannot be split at a record boundary (the
 * caller then scans it on one). `bodyStart`: the byte after the header line.
 */
export async function scanInParallel(path: string, job: ScanJob, orgs: OrgIndex, bodyStart: number, progress?: Progress): Promise<ScanResult | undefined> {
  const { size } = await stat(path);
  const split = await lineStartAfter(path, bodyStart + Math.floor((size - bodyStart) * WORKER_SHARE));
  if (split <= bodyStart || split >= size) return undefined;
  // Bundled, the worker is dist/worker.js beside the CLI; in tests (src/), io/worker.ts runs through vitest.
  // The cell tables are built here once, in shared memory: both threads count into them (atomically).
  const mine = scanOrgs(orgs, true);
  const tables: [number, CellTableData][] = job.years.map((y) => [y, mine.cells(y).data()]);
  const worker = new Worker(new URL('./worker.js', import.meta.url), {
    workerData: { path, start: bodyStart, end: split, job: { ...job, expected: Math.ceil(job.expected * WORKER_SHARE) }, orgs: packOrgs(orgs), tables },
  });
  // Progress: the bytes both threads have scanned (the worker says how far it is as it goes).
  const perRow = size / Math.max(1, job.expected);
  let theirBytes = 0;
  let myBytes = 0;
  const tell = () => progress?.(path, bodyStart + theirBytes + myBytes, size, perRow);
  const fromWorker = new Promise<PackedResult>((resolve, reject) => {
    worker.on('message', (m: PackedResult | { progress: number }) => {
      if ('progress' in m) {
        theirBytes = m.progress;
        tell();
      } else resolve(m);
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the members worker stopped (exit ${code})`)));
  });
  fromWorker.catch(() => {}); // awaited below; a failure before then must not go unhandled
  const { lines, quotes } = await countLinesAndQuotes(path, split);
  if (quotes % 2 !== 0) {
    await worker.terminate();
    return undefined;
  }
  const ours = await scanRange({ ...job, firstLine: lines + 1, expected: Math.ceil(job.expected * (1 - WORKER_SHARE)) }, mine, counted(readRange(path, split, size), (n) => {
    myBytes += n;
    tell();
  }));
  const theirs = unpackResult(await fromWorker);
  await worker.terminate();
  if (theirs.endedInRecord) return undefined;
  // Both threads counted into the same (shared) cell tables: drained once, now that both are done.
  for (const [year, c] of ours.counts) {
    mine.cells(year).drainInto(c);
    mergeCounts(c, theirs.counts.get(year)!);
  }
  for (const [year, n] of theirs.yearsSeen) ours.yearsSeen.set(year, (ours.yearsSeen.get(year) ?? 0) + n);
  for (const [year, set] of ours.ids) set.absorb(theirs.ids.get(year)!, 0);
  theirs.problems.absorb(ours.problems);
  return { ...ours, problems: theirs.problems };
}
