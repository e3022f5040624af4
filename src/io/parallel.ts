// The members file on both cores, the file and thread part: a worker (io/worker.ts) scans the first part
// (fast/parallel.ts's WORKER_SHARE) while this thread counts the lines up to the split (to number its own
// lines) and then scans the rest; the results merge exactly (fast/parallel.ts). A UTF-16 file is split at a
// line end of its own (read/utf16.ts) and each thread transcodes its part. A split that cuts a record (the
// worker, which read everything before it as one thread would, ends inside one) is not used: one thread then.
import { open, stat } from 'node:fs/promises';
import type { Progress } from './progress.js';
import { scanOrgs, scanRange, type ScanJob, type ScanResult } from '../fast/scan-members.js';
import type { CellTableData } from '../fast/cell-table.js';
import type { OrgIndex } from '../figures/org-table.js';
import { mergeResults, packOrgs, unpackResult, WORKER_SHARE, type PackedResult } from '../fast/parallel.js';
import type { Encoding } from '../read/decode.js';
import { LineEnds, lineStartAfter, toUtf8 } from '../read/utf16.js';

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

/** Line ends in bytes [0, end) of the file, in its encoding. */
async function countLines(path: string, end: number, encoding: Encoding): Promise<number> {
  const lines = new LineEnds(encoding);
  for await (const chunk of readRange(path, 0, end)) lines.push(chunk);
  return lines.count;
}

/** The first line start at or after `at` (even, in UTF-16), or -1 when none comes within a megabyte. */
async function lineStartFrom(path: string, at: number, encoding: Encoding): Promise<number> {
  const from = encoding === 'utf-8' ? at : at - (at & 1);
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(1 << 20);
    const { bytesRead } = await fh.read(buf, 0, buf.length, from);
    const next = lineStartAfter(buf.subarray(0, bytesRead), 0, encoding);
    return next === -1 ? -1 : from + next;
  } finally {
    await fh.close();
  }
}

/**
 * Scans the members file on two threads; undefined when it cannot be split at a record boundary (the
 * caller then scans it on one). `bodyStart`: the byte after the header line.
 */
export async function scanInParallel(path: string, job: ScanJob, orgs: OrgIndex, body: { start: number; encoding: Encoding }, progress?: Progress): Promise<ScanResult | undefined> {
  const { size } = await stat(path);
  const { start: bodyStart, encoding } = body;
  const split = await lineStartFrom(path, bodyStart + Math.floor((size - bodyStart) * WORKER_SHARE), encoding);
  if (split <= bodyStart || split >= size) return undefined;
  // Bundled, the worker is dist/worker.js beside the CLI; in tests (src/), io/worker.ts runs through vitest.
  // The cell tables are built here once, in shared memory: both threads count into them (atomically).
  const mine = scanOrgs(orgs, true);
  const tables: [number, CellTableData][] = job.years.map((y) => [y, mine.cells(y).data()]);
  const { Worker } = await import('node:worker_threads'); // (loaded for a file large enough to share)
  const worker = new Worker(new URL('./worker.js', import.meta.url), {
    workerData: { path, start: bodyStart, end: split, encoding, job: { ...job, expected: Math.ceil(job.expected * WORKER_SHARE) }, orgs: packOrgs(orgs), tables },
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
  const lines = await countLines(path, split, encoding);
  const mineRaw = counted(readRange(path, split, size), (n) => {
    myBytes += n;
    tell();
  });
  const ours = await scanRange({ ...job, firstLine: lines + 1, expected: Math.ceil(job.expected * (1 - WORKER_SHARE)) }, mine, toUtf8(mineRaw, encoding));
  const theirs = unpackResult(await fromWorker);
  await worker.terminate();
  // The worker read from the header on, as one thread would: if it ended outside a record, the split is a
  // record boundary, and this thread's reading from it is one thread's too.
  if (theirs.endedInRecord) return undefined;
  return mergeResults(theirs, ours, mine);
}
