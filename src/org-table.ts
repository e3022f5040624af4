// The organizations of one year, column by column: at national scale (360 000 rows) an object, a Map
// entry and three strings per organization cost ~300 bytes and much garbage collection; here one costs
// ~60 (its id as a string, its name as UTF-8 in one pool, kind / rating / line / parent in typed arrays).
// An organization is its index: 0, 1, … in file order (member counts are kept by it).
import { RATING_CODES, ORG_KINDS, type OrgKind, type RatingCode } from './schemes.js';

const NONE = -1;

export class OrgTable {
  size = 0;
  /** Ids as written (cleaned), by index. */
  readonly ids: string[] = [];
  /** ORG_KINDS / RATING_CODES positions, -1 where the row's cell was invalid. */
  kinds = new Int8Array(1024);
  ratings = new Int8Array(1024);
  lines = new Int32Array(1024);
  /** The parent's index once `resolveParents` ran (-1: none, or not found). */
  parents = new Int32Array(1024);
  /** Parent ids as written, until `resolveParents` turns them into indexes (then dropped). */
  private parentIds: string[] | undefined = [];
  private readonly byId = new Map<string, number>();
  /** Names: UTF-8 end to end; name i is bytes [nameEnds[i - 1], nameEnds[i]). */
  private pool: Buffer = Buffer.allocUnsafe(1 << 16);
  private poolUsed = 0;
  private nameEnds = new Int32Array(1024);

  constructor(readonly year: number) {}

  /** The index of the organization with this id, or -1. */
  find(id: string): number {
    return this.byId.get(id) ?? NONE;
  }

  /** Adds an organization (its id not in the table yet); returns its index. */
  add(id: string, name: string, kind: OrgKind | undefined, parentId: string, rating: RatingCode | undefined, line: number): number {
    const bytes = Buffer.byteLength(name, 'utf8');
    this.reserve(bytes);
    this.pool.write(name, this.poolUsed, 'utf8');
    return this.push(id, bytes, kind === undefined ? NONE : ORG_KINDS.indexOf(kind), parentId, rating === undefined ? NONE : RATING_CODES.indexOf(rating), line);
  }

  /** The same from the byte path: the name as bytes [start, end) of `buf`, kind and rating as positions. */
  addBytes(id: string, buf: Buffer, start: number, end: number, kind: number, parentId: string, rating: number, line: number): number {
    this.reserve(end - start);
    buf.copy(this.pool, this.poolUsed, start, end);
    return this.push(id, end - start, kind, parentId, rating, line);
  }

  private reserve(bytes: number): void {
    if (this.poolUsed + bytes > this.pool.length) this.pool = grown(this.pool, this.poolUsed + bytes);
  }

  private push(id: string, nameBytes: number, kind: number, parentId: string, rating: number, line: number): number {
    const i = this.size;
    if (i === this.lines.length) this.grow();
    this.ids.push(id);
    this.byId.set(id, i);
    this.kinds[i] = kind;
    this.ratings[i] = rating;
    this.lines[i] = line;
    this.parents[i] = NONE;
    this.parentIds!.push(parentId);
    this.poolUsed += nameBytes;
    this.nameEnds[i] = this.poolUsed;
    this.size++;
    return i;
  }

  name(i: number): string {
    return this.pool.toString('utf8', i === 0 ? 0 : this.nameEnds[i - 1]!, this.nameEnds[i]!);
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
    return this.parentIds![i]!;
  }

  /** Turns parent ids into indexes (-1 where blank or unknown), and frees the ids. */
  resolveParents(): void {
    const ids = this.parentIds;
    if (!ids) return;
    for (let i = 0; i < this.size; i++) this.parents[i] = ids[i] === '' ? NONE : this.find(ids[i]!);
    this.parentIds = undefined;
  }

  private grow(): void {
    const n = this.lines.length * 2;
    const copy = <T extends Int8Array | Int32Array>(a: T, make: (n: number) => T): T => {
      const b = make(n);
      b.set(a);
      return b;
    };
    this.kinds = copy(this.kinds, (k) => new Int8Array(k));
    this.ratings = copy(this.ratings, (k) => new Int8Array(k));
    this.lines = copy(this.lines, (k) => new Int32Array(k));
    this.parents = copy(this.parents, (k) => new Int32Array(k));
    this.nameEnds = copy(this.nameEnds, (k) => new Int32Array(k));
  }
}

function grown(pool: Buffer, need: number): Buffer {
  const bigger = Buffer.allocUnsafe(Math.max(need, pool.length * 2));
  pool.copy(bigger);
  return bigger;
}

/** The organizations of each checked year. */
export type OrgIndex = Map<number, OrgTable>;
