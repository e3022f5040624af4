// Ids seen in one year, to find duplicates: the IdSet interface MemberChecker reports through, and
// ExactIdSet, a Map from id to its first line that answers at once (the string path). The byte path's
// HashedIdSet (fast/hashed-ids.ts) implements the same interface and is injected by it.

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
