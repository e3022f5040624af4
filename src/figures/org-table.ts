// The organizations of one year, column by column: at national scale (360 000 rows) an object, a Map
// entry and three strings per organization cost ~300 bytes and much garbage collection; here one costs
// ~70 (id and name as UTF-8 in two pools, kind / rating / line / parent in typed arrays, and a hash
// table of the ids that the byte path searches without making a string). An organization is its
// index: 0, 1, … in file order (member counts are kept by it).
import { HASH, hashBytes } from '../hash.js';
import { RATING_CODES, ORG_KINDS, type OrgKind, type RatingCode } from '../schemes.js';

const NONE = -1;

/** Rows a table starts with room for (it doubles as it fills): a commune's few hundred, not a country's. */
const FIRST_ROOM = 256;

export class OrgTable {
  size = 0;
  /** ORG_KINDS / RATING_CODES positions, -1 where the row's cell was invalid. */
  kinds = new Int8Array(FIRST_ROOM);
  ratings = new Int8Array(FIRST_ROOM);
  lines = new Int32Array(FIRST_ROOM);
  /** The parent's index (-1: none, or not found); complete once `resolveParents` ran. */
  parents = new Int32Array(FIRST_ROOM);
  /** 1 where the organization is marked exemplary (tiêu biểu); all 0 when the file has no such column. */
  exemplary = new Uint8Array(FIRST_ROOM);
  /** The 100-point score (NaN: not given); all NaN when the file has no score column. */
  scores = new Float64Array(FIRST_ROOM);
  /** Parent ids not in the table when their row was added (a cell listed before its committee). */
  private unresolved: Map<number, string> | undefined = new Map();
  /** Ids and names: UTF-8 end to end in two pools; id i is idPool[idEnds[i - 1] .. idEnds[i]). */
  private ids = new Pool();
  private names = new Pool();
  /** The ids' hash table: slot → index + 1 (0: empty), probed linearly; each id's hash by index. */
  private slots = new Int32Array(4 * FIRST_ROOM);
  private hashes = new Int32Array(FIRST_ROOM);
  private scratch: Buffer = Buffer.allocUnsafe(256);

  /** `hasExemplary`: the file has the optional `exemplary` column (else the figures say nothing of it). */
  constructor(readonly year: number, readonly hasExemplary = false, readonly hasScore = false) {}

  /** The index of the organization with this id, or -1. */
  find(id: string): number {
    const n = Buffer.byteLength(id, 'utf8');
    if (n > this.scratch.length) this.scratch = Buffer.allocUnsafe(n * 2);
    this.scratch.write(id, 0, 'utf8');
    return this.findBytes(this.scratch, 0, n);
  }

  /** The index of the organization whose id is bytes [start, end) of `buf`, or -1. */
  findBytes(buf: Buffer, start: number, end: number): number {
    hashBytes(buf, start, end);
    const h = HASH.h1;
    const mask = this.slots.length - 1;
    for (let p = h & mask; ; p = (p + 1) & mask) {
      const k = this.slots[p]!;
      if (k === 0) return NONE;
      if (this.hashes[k - 1] === h && this.ids.equals(k - 1, buf, start, end)) return k - 1;
    }
  }

  /** Adds an organization (its id not in the table yet); returns its index. */
  add(id: string, name: string, kind: OrgKind | undefined, parentId: string, rating: RatingCode | undefined, line: number, exemplary = false, score: number | null = null): number {
    const i = this.push(kind === undefined ? NONE : ORG_KINDS.indexOf(kind), rating === undefined ? NONE : RATING_CODES.indexOf(rating), line);
    this.exemplary[i] = exemplary ? 1 : 0;
    this.scores[i] = score ?? NaN;
    this.parents[i] = parentId === '' ? NONE : this.find(parentId);
    if (parentId !== '' && this.parents[i] === NONE) this.unresolved!.set(i, parentId);
    this.names.addString(name);
    this.ids.addString(id);
    this.ids.hash(i);
    this.index(i, HASH.h1);
    return i;
  }

  /**
   * Adds an organization whose parent is already known by index (a roll-up joining units whose ids are each
   * their own: the id is kept for display, never looked up, so `find` does not know it). Returns its index.
   */
  addJoined(id: string, name: string, kind: OrgKind, parent: number, rating: RatingCode, line: number, exemplary = 0, score = NaN): number {
    const i = this.push(ORG_KINDS.indexOf(kind), RATING_CODES.indexOf(rating), line);
    this.exemplary[i] = exemplary;
    this.scores[i] = score;
    this.parents[i] = parent;
    this.names.addString(name);
    this.ids.addString(id);
    return i;
  }

  /**
   * The same for organizations [start, end) of another table, copied as they are there but for their parents
   * (`parents[i]`: organization i's parent here). Returns the index of the first.
   */
  addJoinedFrom(from: OrgTable, start: number, end: number, parents: Int32Array): number {
    const at = this.size;
    const n = end - start;
    while (this.lines.length < at + n) this.grow();
    this.kinds.set(from.kinds.subarray(start, end), at);
    this.ratings.set(from.ratings.subarray(start, end), at);
    this.lines.set(from.lines.subarray(start, end), at);
    this.exemplary.set(from.exemplary.subarray(start, end), at);
    this.scores.set(from.scores.subarray(start, end), at);
    this.parents.set(parents.subarray(start, end), at);
    this.names.addFrom(from.names, start, end);
    this.ids.addFrom(from.ids, start, end);
    this.size += n;
    return at;
  }

  /** The same from the byte path: id, name and parent id as byte ranges of `buf` (no parent: pe = ps), kind and rating as positions, exemplary 0 or 1, score NaN when not given. */
  addBytes(buf: Buffer, is: number, ie: number, ns: number, ne: number, ps: number, pe: number, kind: number, rating: number, line: number, exemplary = 0, score = NaN): number {
    const i = this.push(kind, rating, line);
    this.exemplary[i] = exemplary;
    this.scores[i] = score;
    this.parents[i] = pe === ps ? NONE : this.findBytes(buf, ps, pe);
    if (pe > ps && this.parents[i] === NONE) this.unresolved!.set(i, buf.toString('utf8', ps, pe));
    this.names.addBytes(buf, ns, ne);
    this.ids.addBytes(buf, is, ie);
    hashBytes(buf, is, ie);
    this.index(i, HASH.h1);
    return i;
  }

  id(i: number): string {
    return this.ids.text(i);
  }

  name(i: number): string {
    return this.names.text(i);
  }

  kind(i: number): OrgKind | undefined {
    const k = this.kinds[i]!;
    return k === NONE ? undefined : ORG_KINDS[k];
  }

  rating(i: number): RatingCode | undefined {
    const r = this.ratings[i]!;
    return r === NONE ? undefined : RATING_CODES[r];
  }

  /** The parent id as written ('' for none); only before resolveParents. */
  parentId(i: number): string {
    const p = this.parents[i]!;
    return p >= 0 ? this.id(p) : (this.unresolved!.get(i) ?? '');
  }

  /** Finds the parents listed after their cells (-1 where still unknown), and frees their ids. */
  resolveParents(): void {
    if (!this.unresolved) return;
    for (const [i, id] of this.unresolved) this.parents[i] = this.find(id);
    this.unresolved = undefined;
  }

  private push(kind: number, rating: number, line: number): number {
    const i = this.size;
    if (i === this.lines.length) this.grow();
    this.kinds[i] = kind;
    this.ratings[i] = rating;
    this.lines[i] = line;
    this.size++;
    return i;
  }

  /** Enters index i, whose id hashes to h1, into the hash table (kept at most half full). */
  private index(i: number, h1: number): void {
    this.hashes[i] = h1;
    if (this.size * 2 > this.slots.length) {
      this.slots = new Int32Array(this.slots.length * 2);
      for (let j = 0; j < this.size; j++) this.place(j);
    } else this.place(i);
  }

  private place(i: number): void {
    const mask = this.slots.length - 1;
    let p = this.hashes[i]! & mask;
    while (this.slots[p] !== 0) p = (p + 1) & mask;
    this.slots[p] = i + 1;
  }

  private grow(): void {
    const n = this.lines.length * 2;
    const copy = <T extends Int8Array | Uint8Array | Int32Array | Float64Array>(a: T, make: (n: number) => T): T => {
      const b = make(n);
      b.set(a);
      return b;
    };
    this.kinds = copy(this.kinds, (k) => new Int8Array(k));
    this.ratings = copy(this.ratings, (k) => new Int8Array(k));
    this.lines = copy(this.lines, (k) => new Int32Array(k));
    this.parents = copy(this.parents, (k) => new Int32Array(k));
    this.exemplary = copy(this.exemplary, (k) => new Uint8Array(k));
    this.scores = copy(this.scores, (k) => new Float64Array(k));
    this.hashes = copy(this.hashes, (k) => new Int32Array(k));
  }
}

/** Texts end to end as UTF-8: text i is bytes [ends[i - 1], ends[i]). */
class Pool {
  private bytes: Buffer = Buffer.allocUnsafe(16 * FIRST_ROOM);
  private used = 0;
  private ends = new Int32Array(FIRST_ROOM);
  private count = 0;

  addString(text: string): void {
    const n = Buffer.byteLength(text, 'utf8');
    this.reserve(n);
    this.bytes.write(text, this.used, 'utf8');
    this.close(n);
  }

  addBytes(buf: Buffer, start: number, end: number): void {
    this.reserve(end - start);
    const bytes = this.bytes;
    // Names and ids are short: a loop beats Buffer.copy's call overhead.
    for (let i = start, j = this.used; i < end; i++, j++) bytes[j] = buf[i]!;
    this.close(end - start);
  }

  /** Texts [start, end) of another pool, copied as bytes. */
  addFrom(from: Pool, start: number, end: number): void {
    if (end <= start) return;
    const s = start === 0 ? 0 : from.ends[start - 1]!;
    const e = from.ends[end - 1]!;
    this.reserve(e - s, end - start);
    this.bytes.set(from.bytes.subarray(s, e), this.used);
    for (let k = start; k < end; k++) this.ends[this.count++] = this.used + from.ends[k]! - s;
    this.used += e - s;
  }

  text(i: number): string {
    return this.bytes.toString('utf8', i === 0 ? 0 : this.ends[i - 1]!, this.ends[i]!);
  }

  /** Hashes text i into HASH (as hashBytes does the same bytes anywhere else). */
  hash(i: number): void {
    hashBytes(this.bytes, i === 0 ? 0 : this.ends[i - 1]!, this.ends[i]!);
  }

  equals(i: number, buf: Buffer, start: number, end: number): boolean {
    const s = i === 0 ? 0 : this.ends[i - 1]!;
    if (this.ends[i]! - s !== end - start) return false;
    for (let j = 0; j < end - start; j++) if (this.bytes[s + j] !== buf[start + j]) return false;
    return true;
  }

  /** Room for `n` more bytes and `texts` more texts. */
  private reserve(n: number, texts = 1): void {
    if (this.used + n > this.bytes.length) this.bytes = grown(this.bytes, this.used + n);
    if (this.count + texts > this.ends.length) {
      const bigger = new Int32Array(Math.max(this.count + texts, this.ends.length * 2));
      bigger.set(this.ends);
      this.ends = bigger;
    }
  }

  private close(n: number): void {
    this.used += n;
    this.ends[this.count++] = this.used;
  }
}

function grown(pool: Buffer, need: number): Buffer {
  const bigger = Buffer.allocUnsafe(Math.max(need, pool.length * 2));
  pool.copy(bigger);
  return bigger;
}

/** The organizations of each checked year. */
export type OrgIndex = Map<number, OrgTable>;
