// The cells of one year, for the members' byte path: found by the bytes of their id, and counting their
// members by rating in place. Built for the cache: one 64-byte slot (one cache line) per cell holds the
// id's hash, its bytes (up to 16 inline) and its nine counters, so a member row costs one memory access
// where objects, a Map and a separate count array cost five or six. Exact: a hash hit is confirmed byte
// for byte before it counts. At the end the counts go into MemberCounts (by the organization's index).
import { NCODES, type MemberCounts } from '../figures/aggregate.js';
import { HASH, hashBytes } from '../hash.js';

/**
 * Int32s a slot: [h1, k, byte length, 4 × id bytes, one count per rating code], rounded up to a power of two
 * so that slots keep to cache lines: 16 (64 bytes) for the nine codes of today; a tenth code makes it 32.
 */
export const slotSize = (ncodes: number): number => 2 ** Math.ceil(Math.log2(COUNTS + ncodes));
const INLINE = 16;
const H1 = 0;
const K = 1;
const LEN = 2;
const BYTES = 3;
const COUNTS = 7;

/** A table's parts, to send to another thread (which then needs no hashing to rebuild it). */
export interface CellTableData {
  /** Rating codes counted per cell (NCODES; a test may ask for more). */
  ncodes: number;
  slots: Int32Array;
  ids: Uint8Array;
  starts: Int32Array;
  index: Int32Array;
}

export class CellTable {
  private readonly slots: Int32Array;
  private readonly bytes: Uint8Array;
  private readonly mask: number;
  /** The ids' bytes end to end (for ids longer than INLINE) and where each starts. */
  private readonly ids: Uint8Array;
  private readonly starts: Int32Array;
  /** index[k]: the organization index of cell k (where its counts go). */
  private readonly index: Int32Array;
  private readonly isShared: boolean;
  private readonly slot: number;
  private readonly ncodes: number;

  constructor(data: CellTableData) {
    ({ slots: this.slots, ids: this.ids, starts: this.starts, index: this.index, ncodes: this.ncodes } = data);
    this.slot = slotSize(this.ncodes);
    this.bytes = new Uint8Array(this.slots.buffer, this.slots.byteOffset, this.slots.byteLength);
    this.mask = this.slots.length / this.slot - 1;
    this.isShared = this.slots.buffer instanceof SharedArrayBuffer;
  }

  /**
   * The table of cells with these ids; `index[k]`: the organization index of cell k. `shared`: in memory
   * both threads use (one table instead of a copy each); its counts then go up atomically.
   */
  static build(ids: readonly string[], index: Int32Array, shared = false, ncodes: number = NCODES): CellTable {
    const SLOT = slotSize(ncodes);
    const bytes = Buffer.from(ids.join(''), 'utf8');
    const starts = new Int32Array(ids.length + 1);
    let at = 0;
    ids.forEach((id, k) => {
      starts[k] = at;
      at += Buffer.byteLength(id, 'utf8');
    });
    starts[ids.length] = at;
    let cap = 16;
    while (cap * 0.6 < ids.length) cap <<= 1;
    const slots = new Int32Array(shared ? new SharedArrayBuffer(cap * SLOT * 4) : new ArrayBuffer(cap * SLOT * 4));
    const inline = new Uint8Array(slots.buffer);
    const mask = cap - 1;
    for (let k = 0; k < ids.length; k++) {
      const s = starts[k]!;
      const e = starts[k + 1]!;
      hashBytes(bytes, s, e);
      let i = HASH.h1 & mask;
      while (slots[i * SLOT + H1] !== 0) i = (i + 1) & mask;
      const o = i * SLOT;
      slots[o + H1] = HASH.h1;
      slots[o + K] = k;
      slots[o + LEN] = e - s;
      const b = (o + BYTES) * 4;
      for (let j = 0; j < INLINE && s + j < e; j++) inline[b + j] = bytes[s + j]!; // (subarray costs µs a call)
    }
    return new CellTable({ ncodes, slots, ids: bytes, starts, index });
  }

  /** The parts, to send to another thread: a shared table is the same memory there (not a copy). */
  data(): CellTableData {
    return { ncodes: this.ncodes, slots: this.slots, ids: this.ids, starts: this.starts, index: this.index };
  }

  /** In memory shared between threads: counted atomically, drained once both threads are done. */
  get shared(): boolean {
    return this.isShared;
  }

  /**
   * The slot of the cell whose id is bytes [s, e) of buf, or -1. HASH.h1 must hold the hash of those
   * bytes (the caller hashes them once).
   */
  find(buf: Uint8Array, s: number, e: number): number {
    const { slots, bytes, mask, slot: SLOT } = this;
    const h = HASH.h1;
    const len = e - s;
    for (let i = h & mask; ; i = (i + 1) & mask) {
      const o = i * SLOT;
      const h1 = slots[o + H1]!;
      if (h1 === 0) return -1;
      if (h1 !== h || slots[o + LEN] !== len) continue;
      const b = (o + BYTES) * 4;
      const inline = len < INLINE ? len : INLINE;
      let j = 0;
      while (j < inline && bytes[b + j] === buf[s + j]) j++;
      if (j < inline) continue;
      if (len > INLINE) {
        const a = this.starts[slots[o + K]!]!;
        while (j < len && this.ids[a + j] === buf[s + j]) j++;
        if (j < len) continue;
      }
      return o;
    }
  }

  /** The organization index of the cell at `slot` (from find). */
  orgOf(slot: number): number {
    return this.index[this.slots[slot + K]!]!;
  }

  /** Counts a member of rating `code` (CODE_INDEX) in the cell at `slot` (from find). */
  add(slot: number, code: number): void {
    if (this.isShared) Atomics.add(this.slots, slot + COUNTS + code, 1);
    else this.slots[slot + COUNTS + code]!++;
  }

  /** Adds the counts into `counts` (byOrg by organization index, and byRating). */
  drainInto(counts: Pick<MemberCounts, 'byOrg' | 'byRating'>): void {
    const { slots, index, slot: SLOT, ncodes } = this;
    for (let o = 0; o < slots.length; o += SLOT) {
      if (slots[o + H1] === 0) continue;
      const at = index[slots[o + K]!]! * ncodes;
      for (let c = 0; c < ncodes; c++) {
        const n = slots[o + COUNTS + c]!;
        counts.byOrg[at + c]! += n;
        counts.byRating[c]! += n;
        slots[o + COUNTS + c] = 0;
      }
    }
  }

}
