// The 100-point scores of Quy định 366-QĐ/TW (the optional `score` column): per rating, how many units have a
// score, their sum, lowest and highest; then the average. Tallied as rows pass (members) or from the table
// (organizations). Pure.
import { RATING_CODES, type RatingCode } from '../schemes.js';
import { blockCodes } from '../schemes.js';

const N = RATING_CODES.length;

/** [count, sum, min, max] per RATING_CODES position. */
export type ScoreTally = Float64Array;

export function newScoreTally(): ScoreTally {
  const t = new Float64Array(4 * N);
  for (let c = 0; c < N; c++) {
    t[4 * c + 2] = Infinity;
    t[4 * c + 3] = -Infinity;
  }
  return t;
}

/** Adds one score, of a unit rated RATING_CODES[code]. */
export function addScore(t: ScoreTally, code: number, score: number): void {
  const at = 4 * code;
  t[at]!++;
  t[at + 1]! += score;
  if (score < t[at + 2]!) t[at + 2] = score;
  if (score > t[at + 3]!) t[at + 3] = score;
}

export function mergeScores(into: ScoreTally, other: ScoreTally): void {
  for (let c = 0; c < N; c++) {
    const at = 4 * c;
    into[at]! += other[at]!;
    into[at + 1]! += other[at + 1]!;
    into[at + 2] = Math.min(into[at + 2]!, other[at + 2]!);
    into[at + 3] = Math.max(into[at + 3]!, other[at + 3]!);
  }
}

export interface ScoreLine {
  count: number;
  /** The scores added up (a roll-up adds units' scores from it exactly). */
  sum: number;
  /** Rounded half up to two decimals. */
  average: number;
  min: number;
  max: number;
}

/** The scores of a block: how many units have one, their average, and the same per rating (codes with a score only). */
export interface ScoreFigures {
  given: number;
  average: number | null;
  byRating: Partial<Record<RatingCode, ScoreLine>>;
}

const round2 = (v: number): number => Math.round(v * 100 + 1e-9) / 100;

export function scoreFigures(year: number, block: 'org' | 'member', t: ScoreTally): ScoreFigures {
  let given = 0;
  let sum = 0;
  const byRating: Partial<Record<RatingCode, ScoreLine>> = {};
  for (const code of blockCodes(year, block)) {
    const at = 4 * RATING_CODES.indexOf(code);
    const count = t[at]!;
    if (count === 0) continue;
    given += count;
    sum += t[at + 1]!;
    byRating[code] = { count, sum: round2(t[at + 1]!), average: round2(t[at + 1]! / count), min: t[at + 2]!, max: t[at + 3]! };
  }
  return { given, average: given > 0 ? round2(sum / given) : null, byRating };
}

/** A block's scores as figures give them, back into a tally (a unit sent as figures.json): exact with `sum`. */
export function tallyOf(s: ScoreFigures): ScoreTally {
  const t = newScoreTally();
  for (const [code, line] of Object.entries(s.byRating) as [RatingCode, ScoreLine][]) {
    const at = 4 * RATING_CODES.indexOf(code);
    t[at] = line.count;
    t[at + 1] = line.sum;
    t[at + 2] = line.min;
    t[at + 3] = line.max;
  }
  return t;
}
