// Ids seen in one year, to find duplicates. Two kinds behind one interface:
// - ExactIdSet: a Map from id to its first line; answers at once. For organizations and small inputs.
// - HashedIdSet: two 32-bit hashes and the line in typed arrays (12 bytes an id instead of ~100 for a
//   Map of strings). A hash hit is only a *candidate*: candidates are confirmed against the ids
//   themselves (a second look at just those rows) before any duplicate is reported. Exact all the same.

export interface IdSet {
  /** Records `id` at `line`; returns the earlier line when the id is certainly a duplicate. */
  add(id: string, line: number): number | undefined;
}

export class ExactIdSet implements IdSet {
  private readonly first = new Map<string, number>();

  add(id: string, line: number): number | undefined {
    const before = this.first.get(id);
    if (before !== undefined) return before;
    this.first.set(id, line);
    return undefined;
  }
}

/** The last hash computed by hashBytes / hashString (two 32-bit halves; h1 is never 0). */
export const HASH = { h1: 0, h2: 0 };

/** Hashes bytes [start, end) of `buf` into HASH: FNV-1a and a Murmur-style mix, independent halves. */
export function hashBytes(buf: Uint8Array, start: number, end: number): void {
  let h1 = 0x811c9dc5;
  let h2 = 0x9747b28c;
  for (let i = start; i < end; i++) {
    const b = buf[i]!;
    h1 = Math.imul(h1 ^ b, 0x01000193);
    h2 = Math.imul(h2 ^ b, 0x5bd1e995);
    h2 ^= h2 >>> 15;
  }
  h1 ^= h1 >>> 16;
  h1 = Math.imul(h1, 0x85ebca6b);
  h1 ^= h1 >>> 13;
  HASH.h1 = h1 === 0 ? 1 : h1;
  HASH.h2 = Math.imul(h2 ^ (h2 >>> 16), 0xc2b2ae35) ^ (end - start);
}

const encoder = new TextEncoder();

/** The same hash over a string's UTF-8 bytes, so the string path and the byte path agree. */
export function hashString(s: string): void {
  const bytes = encoder.encode(s);
  hashBytes(bytes, 0, bytes.length);
}

export class HashedIdSet implements IdSet {
  /** Slots of three: h1 (0 = empty), h2, line. One array, so a probe touches one cache line. */
  private slots: Int32Array;
  private mask: number;
  size = 0;
  /** Rows whose hashes equal an earlier row's, as [earlier line, line] pairs: to confirm. */
  readonly candidates: number[] = [];

  /** Sized for about `expected` ids (it grows past that). */
  constructor(expected = 1 << 12) {
    let c = 1 << 4;
    while (c * 0.75 < expected) c <<= 1;
    this.slots = new Int32Array(c * 3);
    this.mask = c - 1;
  }

  /** Never answers "duplicate" at once: a hit becomes a candidate, confirmed later. */
  add(id: string, line: number): undefined {
    hashString(id);
    this.addHash(HASH.h1, HASH.h2, line);
    return undefined;
  }

  addHash(h1: number, h2: number, line: number): void {
    if (this.size * 4 >= (this.mask + 1) * 3) this.grow();
    const slots = this.slots;
    let i = (h1 ^ (h2 >>> 7)) & this.mask;
    for (;;) {
      const at = i * 3;
      const k = slots[at]!;
      if (k === 0) {
        slots[at] = h1;
        slots[at + 1] = h2;
        slots[at + 2] = line;
        this.size++;
        return;
      }
      if (k === h1 && slots[at + 1] === h2) {
        this.candidates.push(slots[at + 2]!, line);
        return;
      }
      i = (i + 1) & this.mask;
    }
  }

  /** Adds every id of `later` (a later part of the same file, its lines shifted by `offset`). */
  merge(later: HashedIdSet, offset: number): void {
    for (let i = 0; i < later.candidates.length; i++) this.candidates.push(later.candidates[i]! + offset);
    const s = later.slots;
    for (let at = 0; at < s.length; at += 3) if (s[at] !== 0) this.addHash(s[at]!, s[at + 1]!, s[at + 2]! + offset);
  }

  private grow(): void {
    const old = this.slots;
    this.slots = new Int32Array(old.length * 2);
    this.mask = (this.mask + 1) * 2 - 1;
    this.size = 0;
    for (let at = 0; at < old.length; at += 3) if (old[at] !== 0) this.addHash(old[at]!, old[at + 1]!, old[at + 2]!);
  }
}

/**
 * Confirms candidates: `idAt` gives the id read at each line involved. Returns each true duplicate as
 * [line, first line with the same id], sorted by line.
 */
export function confirmDuplicates(candidates: readonly number[], idAt: ReadonlyMap<number, string>): [number, number][] {
  // Rows sharing a hash form a group around its first row; within it, equal ids are duplicates.
  const lines = new Set<number>();
  for (const l of candidates) lines.add(l);
  const firstOf = new Map<string, number>();
  const out: [number, number][] = [];
  for (const line of [...lines].sort((a, b) => a - b)) {
    const id = idAt.get(line);
    if (id === undefined) continue;
    const first = firstOf.get(id);
    if (first === undefined) firstOf.set(id, line);
    else out.push([line, first]);
  }
  return out;
}
