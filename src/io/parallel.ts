// The members file on both cores, the file and thread part: a worker (io/worker.ts) scans the first part
// (fast/parallel.ts's WORKER_SHARE) while this thread counts the lines up to the split (to number its own
// lines) and then scans the rest; the results merge exactly (fast/parallel.ts). A split that cuts a record
// (an odd number of quotes before it, or a record still open at the worker's end) is not used: one thread then.
import { open, stat } from 'node:fs/promises';
import { Worker } from 'node:worker_threads';
import type { Progress } from './progress.js';
import { scanOrgs, scanRange, type ScanJob, type ScanResult } from '../fast/scan-members.js';
import type { CellTableData } from '../fast/cell-table.js';
import type { OrgIndex } from '../figures/org-table.js';
import { mergeResults, packOrgs, unpackResult, WORKER_SHARE, type PackedResult } from '../fast/parallel.js';

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
  return mergeResults(theirs, ours, mine);
}
