// Ids in natural order (CS2 before CS10), the order of the units and cells of every report: the same on
// every machine and however the rows of the file are ordered. Pure.

/** An id cut into its runs of digits and of other characters, each digit run with its value. */
interface IdKey {
  runs: string[];
  /** The value of each run of digits; NaN for the other runs. */
  values: number[];
}

const digit = (c: number): boolean => c >= 48 && c <= 57;

function idKey(id: string): IdKey {
  const runs: string[] = [];
  const values: number[] = [];
  let start = 0;
  for (let i = 1; i <= id.length; i++) {
    if (i === id.length || digit(id.charCodeAt(i)) !== digit(id.charCodeAt(start))) {
      const run = id.slice(start, i);
      runs.push(run);
      values.push(digit(id.charCodeAt(start)) ? Number(run) : NaN);
      start = i;
    }
  }
  return { runs, values };
}

/**
 * Ids in natural order (CS2 before CS10): run by run, runs of digits by value when both are digits and
 * differ, else by code units; then fewer runs first, then the ids by code units. The same on every
 * machine (no ICU), and the same however the rows of the file are ordered.
 */
function compareKeys(a: IdKey, b: IdKey, ida: string, idb: string): number {
  const n = Math.min(a.runs.length, b.runs.length);
  for (let i = 0; i < n; i++) {
    const p = a.runs[i]!;
    const q = b.runs[i]!;
    if (p === q) continue;
    const x = a.values[i]!;
    const y = b.values[i]!;
    if (x === x && y === y && x !== y) return x - y; // both runs of digits (not NaN), different values
    return p < q ? -1 : 1;
  }
  return a.runs.length - b.runs.length || (ida < idb ? -1 : ida > idb ? 1 : 0);
}

/** Positions of `ids` in natural id order; each id is cut into runs once, not at each comparison. */
export function orderByIds(ids: readonly string[]): number[] {
  const order = ids.map((_, i) => i);
  if (ids.length < 2) return order;
  const keys = ids.map(idKey);
  return order.sort((i, j) => compareKeys(keys[i]!, keys[j]!, ids[i]!, ids[j]!));
}

/** The list sorted by id in natural order (a new array). */
export function sortByIds<T extends { id: string }>(list: readonly T[]): T[] {
  return orderByIds(list.map((o) => o.id)).map((i) => list[i]!);
}
