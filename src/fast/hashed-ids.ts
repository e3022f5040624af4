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
/** No ids yet (replaced at the first, never written). */
const NONE: Int32Array = new Int32Array(0);
const LF = 10;

/** The ids of a set, to send to another thread (every array transferable) and back. */
export interface PackedIds {
  slab: Int32Array;
  per: number;
  used: Int32Array;
  overflow: (Int32Array | undefined)[];
}

/**
 * Hashed ids, partitioned: each (h1, h2, line) is appended to one of 256 buckets by the top byte of h1,
 * so the scan only ever writes at 256 ends (all in cache) instead of probing a table of the whole file.
 * Duplicates are looked for afterwards, bucket by bucket, with a small table that stays in cache.
 * The buckets share one array (`slab`, each its room of `per` int32s), taken at the first id: a typed array
 * costs microseconds to make, and a roll-up makes sets by the hundred. A bucket that outgrows its room goes
 * on in an array of its own (`overflow`).
 */
export class HashedIdSet implements IdSet {
  private slab: Int32Array = NONE;
  private readonly overflow: (Int32Array | undefined)[] = [];
  /** Int32s of each bucket (its room in the slab, then its overflow). */
  private readonly used = new Int32Array(BUCKETS);
  /** Sets of later parts of the same file, with their line offsets: searched together with this one. */
  private readonly later: { set: HashedIdSet; offset: number }[] = [];

  /** Int32s of room each bucket has in the slab. */
  private readonly per: number;

  /**
   * Sized for about `expected` ids (buckets grow past that). The memory is taken at the first id: a year that
   * has no rows (the year compared with, absent from the file) costs nothing.
   */
  constructor(expected = 1 << 12, per = Math.max(16, Math.ceil((expected * 1.1) / BUCKETS)) * 3) {
    this.per = per;
  }

  /** Never answers "duplicate" at once: equal hashes become candidates, confirmed later. */
  add(id: string, line: number): undefined {
    hashString(id);
    this.addHash(HASH.h1, HASH.h2, line);
    return undefined;
  }

  addHash(h1: number, h2: number, line: number): void {
    const b = h1 >>> 24;
    const n = this.used[b]!;
    this.used[b] = n + 3;
    if (n < this.per) {
      if (this.slab === NONE) this.slab = new Int32Array(BUCKETS * this.per);
      const o = b * this.per + n;
      this.slab[o] = h1;
      this.slab[o + 1] = h2;
      this.slab[o + 2] = line;
      return;
    }
    const o = n - this.per;
    let arr = this.overflow[b] ?? NONE;
    if (o + 3 > arr.length) {
      const bigger = new Int32Array(Math.max(this.per, arr.length * 2));
      bigger.set(arr);
      this.overflow[b] = arr = bigger;
    }
    arr[o] = h1;
    arr[o + 1] = h2;
    arr[o + 2] = line;
  }

  /** The set, to send to another thread (transferable), and back. */
  export(): PackedIds {
    // (the shared empty array is never sent: a transfer would detach it)
    return { slab: this.slab === NONE ? new Int32Array(0) : this.slab, per: this.per, used: this.used, overflow: this.overflow };
  }

  static from(data: PackedIds): HashedIdSet {
    const s = new HashedIdSet(0, data.per);
    if (data.slab.length > 0) s.slab = data.slab;
    data.overflow.forEach((o, b) => (s.overflow[b] = o));
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
    let table = new Int32Array(16);
    // One scratch for every bucket (sized for the largest): 256 arrays of a few hundred kilobytes each
    // would be garbage the size of the whole set.
    let most = 0;
    for (let b = 0; b < BUCKETS; b++) {
      let n = 0;
      for (const p of parts) n += p.set.used[b]! / 3;
      most = Math.max(most, n);
    }
    const flat = new Int32Array(most * 3);
    const flagged = new Uint8Array(most);
    for (let b = 0; b < BUCKETS; b++) {
      let n = 0;
      for (const p of parts) n += p.set.used[b]! / 3;
      if (n < 2) continue;
      let size = 16; // a small file's buckets hold a few ids each: a table the size of the bucket
      while (size < n * 2) size <<= 1;
      if (table.length < size) table = new Int32Array(size);
      table.fill(-1, 0, size);
      const mask = size - 1;
      // Entries are numbered across the parts: part p's entry i is (p.base + i).
      let k = 0;
      for (const { set, offset } of parts) {
        const { slab, per } = set;
        const used = set.used[b]!;
        for (let i = 0, o = b * per; i < used && i < per; i += 3, o += 3) {
          flat[k++] = slab[o]!;
          flat[k++] = slab[o + 1]!;
          flat[k++] = slab[o + 2]! + offset;
        }
        const over = set.overflow[b];
        for (let o = 0; o < used - per; o += 3) {
          flat[k++] = over![o]!;
          flat[k++] = over![o + 1]!;
          flat[k++] = over![o + 2]! + offset;
        }
      }
      flagged.fill(0, 0, n);
      for (let e = 0; e < n; e++) {
        const h1 = flat[e * 3]!;
        const h2 = flat[e * 3 + 1]!;
        let i = (h2 ^ (h1 >>> 11)) & mask;
        for (;;) {
          const j = table[i]!;
          if (j === -1) {
            table[i] = e;
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
