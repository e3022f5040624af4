// The byte path's id sets: two 32-bit hashes and the line in typed arrays (12 bytes an id instead of ~100
// for a Map of strings), behind validate/idset.ts's IdSet. A hash hit is only a *candidate*: candidates are
// confirmed against the ids themselves (a second look at just those rows: idsAtLines reads their records
// again, confirmDuplicates compares) before any duplicate is reported. Exact all the same. The hash (src/hash.ts) is the one the cell table and the
// organizations' table find ids by.
import { TextDecoder } from 'node:util';
import { HASH, hashString } from '../hash.js';
import { MAX_RECORD_CHARS, Tokenizer, type CsvIssue, type Delimiter } from '../read/tokenize.js';
import type { IdSet } from '../validate/idset.js';
import { clean } from '../validate/schema.js';

const BUCKETS = 256;
/** A bucket before its first id (replaced, never written). */
const NONE = new Int32Array(0);
const LF = 10;

/**
 * Hashed ids, partitioned: each (h1, h2, line) is appended to one of 256 buckets by the top byte of h1,
 * so the scan only ever writes at 256 ends (all in cache) instead of probing a table of the whole file.
 * Duplicates are looked for afterwards, bucket by bucket, with a small table that stays in cache.
 */
export class HashedIdSet implements IdSet {
  private readonly buckets: Int32Array[] = [];
  private readonly used = new Int32Array(BUCKETS);
  /** Sets of later parts of the same file, with their line offsets: searched together with this one. */
  private readonly later: { set: HashedIdSet; offset: number }[] = [];

  /** Int32s a bucket takes at its first id. */
  private readonly per: number;

  /**
   * Sized for about `expected` ids (buckets grow past that). A bucket's memory is taken at its first id: a year
   * that has no rows (the year compared with, absent from the file) costs nothing.
   */
  constructor(expected = 1 << 12) {
    this.per = Math.max(16, Math.ceil((expected * 1.1) / BUCKETS)) * 3;
    for (let b = 0; b < BUCKETS; b++) this.buckets.push(NONE);
  }

  /** Never answers "duplicate" at once: equal hashes become candidates, confirmed later. */
  add(id: string, line: number): undefined {
    hashString(id);
    this.addHash(HASH.h1, HASH.h2, line);
    return undefined;
  }

  addHash(h1: number, h2: number, line: number): void {
    const b = h1 >>> 24;
    let arr = this.buckets[b]!;
    const n = this.used[b]!;
    if (n + 3 > arr.length) {
      const bigger = new Int32Array(Math.max(this.per, arr.length * 2));
      bigger.set(arr);
      this.buckets[b] = arr = bigger;
    }
    arr[n] = h1;
    arr[n + 1] = h2;
    arr[n + 2] = line;
    this.used[b] = n + 3;
  }

  /** The buckets, to send to another thread (transferable), and back. */
  export(): { buckets: Int32Array[]; used: Int32Array } {
    return { buckets: this.buckets.map((b, i) => (b === NONE ? new Int32Array(0) : b.subarray(0, this.used[i]))), used: this.used };
  }

  static from(data: { buckets: Int32Array[]; used: Int32Array }): HashedIdSet {
    const s = new HashedIdSet(0);
    data.buckets.forEach((b, i) => (s.buckets[i] = b));
    s.used.set(data.used);
    return s;
  }

  /** Adds the ids of a later part of the same file, whose lines are shifted by `offset`. */
  absorb(set: HashedIdSet, offset: number): void {
    this.later.push({ set, offset });
  }

  /** The lines of every row whose (h1, h2) equals another row's: to confirm against the ids. */
  candidates(): number[] {
    const out: number[] = [];
    const parts = [{ set: this as HashedIdSet, offset: 0 }, ...this.later];
    let table = new Int32Array(1 << 10);
    // One scratch for every bucket (sized for the largest): 256 arrays of a few hundred kilobytes each
    // would be garbage the size of the whole set.
    let most = 0;
    for (let b = 0; b < BUCKETS; b++) {
      let n = 0;
      for (const p of parts) n += p.set.used[b]! / 3;
      most = Math.max(most, n);
    }
    const flatAll = new Int32Array(most * 3);
    const flaggedAll = new Uint8Array(most);
    for (let b = 0; b < BUCKETS; b++) {
      let n = 0;
      for (const p of parts) n += p.set.used[b]! / 3;
      if (n < 2) continue;
      let size = 1 << 10;
      while (size < n * 2) size <<= 1;
      if (table.length < size) table = new Int32Array(size);
      const slots = table.subarray(0, size).fill(-1);
      const mask = size - 1;
      // Entries are numbered across the parts: part p's entry i is (p.base + i).
      const flat = flatAll.subarray(0, n * 3);
      let at = 0;
      for (const p of parts) {
        const arr = p.set.buckets[b]!;
        const used = p.set.used[b]!;
        for (let i = 0; i < used; i += 3) {
          flat[at++] = arr[i]!;
          flat[at++] = arr[i + 1]!;
          flat[at++] = arr[i + 2]! + p.offset;
        }
      }
      const flagged = flaggedAll.subarray(0, n).fill(0);
      for (let e = 0; e < n; e++) {
        const h1 = flat[e * 3]!;
        const h2 = flat[e * 3 + 1]!;
        let i = (h2 ^ (h1 >>> 11)) & mask;
        for (;;) {
          const j = slots[i]!;
          if (j === -1) {
            slots[i] = e;
            break;
          }
          if (flat[j * 3] === h1 && flat[j * 3 + 1] === h2) {
            if (!flagged[j]) out.push(flat[j * 3 + 2]!);
            flagged[j] = 1;
            out.push(flat[e * 3 + 2]!);
            break;
          }
          i = (i + 1) & mask;
        }
      }
    }
    return out;
  }
}

/**
 * Confirms candidates: `idAt` gives the id read at each candidate line. Returns each true duplicate as
 * [line, first line with the same id], by line.
 */
export function confirmDuplicates(candidates: readonly number[], idAt: ReadonlyMap<number, string>): [number, number][] {
  const firstOf = new Map<string, number>();
  const out: [number, number][] = [];
  for (const line of [...new Set(candidates)].sort((a, b) => a - b)) {
    const id = idAt.get(line);
    if (id === undefined) continue;
    const first = firstOf.get(id);
    if (first === undefined) firstOf.set(id, line);
    else out.push([line, first]);
  }
  return out;
}

/**
 * The id (cleaned, as the string path reads it) of the record that starts at each of `lines` (sorted, each a
 * record's first line), from the body's bytes (`chunks`, whose first byte starts physical line `firstLine`):
 * line ends are counted on bytes and only those records are tokenized, from their first line to their end.
 * A whole file read through the string path again, for one duplicate, cost as much as the first reading.
 */
export async function idsAtLines(chunks: AsyncIterable<Buffer>, firstLine: number, lines: readonly number[], delimiter: Delimiter, idColumn: number): Promise<Map<number, string>> {
  const ids = new Map<number, string>();
  let line = firstLine;
  let k = 0;
  let tok: Tokenizer | undefined;
  let decoder: TextDecoder | undefined;
  const read = (records: { fields: string[]; line: number }[], issues: CsvIssue[]) => {
    if (records.length === 0 && issues.length === 0) return; // the record goes on over the next line
    if (records[0]?.line === lines[k]) ids.set(lines[k]!, clean(records[0]!.fields[idColumn] ?? ''));
    line = tok!.nextLine;
    tok = undefined;
    k++;
  };
  for await (const buf of chunks) {
    for (let pos = 0; pos < buf.length && k < lines.length; ) {
      if (tok) {
        const nl = buf.indexOf(LF, pos);
        const stop = nl === -1 ? buf.length : nl + 1;
        const issues: CsvIssue[] = [];
        read(tok.push(decoder!.decode(buf.subarray(pos, stop), { stream: true }), issues), issues);
        pos = stop;
      } else if (lines[k]! < line) k++; // (not a record's first line: never asked)
      else if (lines[k] === line) {
        tok = new Tokenizer(delimiter, MAX_RECORD_CHARS, line);
        decoder = new TextDecoder('utf-8', { ignoreBOM: true });
      } else {
        const nl = buf.indexOf(LF, pos);
        if (nl === -1) break;
        line++;
        pos = nl + 1;
      }
    }
    if (k >= lines.length) break;
  }
  if (tok) {
    // the file ended inside the record (its last line has no line end)
    const issues: CsvIssue[] = [];
    read([...tok.push(decoder!.decode(), issues), ...tok.end(issues)], issues);
  }
  return ids;
}
