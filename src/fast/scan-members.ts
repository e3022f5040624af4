// The members file at national scale: UTF-8 bytes → checked, counted rows, without making a string of
// every field. A plain line (the header's width, every checked cell in its usual form) is handled here on
// bytes; anything else goes to MemberChecker (validate/member-checker.ts) through the string tokenizer
// (line-scanner.ts): the reference path, so the problems said are the same either way (test/scan.test.ts
// feeds both the same inputs). Driven by fast/byte-path.ts, on one thread or two (io/parallel.ts).
import { remember } from '../cache.js';
import { addMember, addReason, CODE_INDEX, newMemberCounts, type MemberCounts } from '../figures/aggregate.js';
import { CellTable } from './cell-table.js';
import { HASH, hashBytes } from '../hash.js';
import { HashedIdSet } from './hashed-ids.js';
import { ProblemList } from '../problems.js';
import { clean, parseDateBytes, parseScoreBytes, parseYearBytes } from '../validate/schema.js';
import { firstDayOf, lastDayOf, monthsBefore } from '../dates.js';
import { aboveBand, blockCodes, FIRST_YEAR, isSpecial, KINDS, RATING_CODES, ratingOf, type SpecialCode } from '../schemes.js';
import { addScore, newScoreTally } from '../figures/scores.js';
import { hasRowRules, reasonKind, type ReasonKind } from '../figures/rules.js';
import { MemberChecker, ratingDayOf } from '../validate/member-checker.js';
import { asciiWord, LineScanner } from './line-scanner.js';
import type { CsvIssue, Delimiter, RawRecord } from '../read/tokenize.js';
import type { OrgIndex } from '../figures/org-table.js';

export interface ScanColumns {
  id: number;
  org_id: number;
  year: number;
  rating: number;
  /** -1 when the file has no reason column. */
  reason: number;
  /** -1 when the file has no admitted_on column. */
  admitted_on: number;
  /** -1 when the file has no score column. */
  score: number;
}

/** The special code at each CODE_INDEX position (undefined for a scheme's rating): the rows whose reason is counted. */
const SPECIAL_AT: readonly (SpecialCode | undefined)[] = RATING_CODES.map((c) => (isSpecial(c) ? c : undefined));
const UNRANKED = RATING_CODES.indexOf('UNRANKED');

export class MemberScanner extends LineScanner {
  /** What the byte path keeps per checked year, found by `year - FIRST_YEAR` (a year outside the
   * contract's range goes the string path, which says it is not valid). */
  private readonly byYear: (YearScan | undefined)[] = [];
  /** Raw reason cell (as latin1) → the reason, cleaned, and what the rules read in it. */
  private readonly reasons = new Map<string, { text: string; kind: ReasonKind }>();

  constructor(
    private readonly checker: MemberChecker<HashedIdSet>,
    private readonly cols: ScanColumns,
    width: number,
    delimiter: Delimiter,
    private readonly counts: Map<number, MemberCounts>,
    years: ReadonlySet<number>,
    orgs: ScanOrgs,
    ratingDays: ReadonlyMap<number, number> = new Map(),
  ) {
    super(width, delimiter);
    // Only valid cells are looked up here; anything else goes the string path, which says why.
    for (const y of years) {
      this.byYear[y - FIRST_YEAR] = {
        year: y,
        cells: orgs.cells(y),
        ids: checker.idsOf(y),
        ratings: new Map(),
        shortRatings: new Map(),
        rows: 0,
        firstDay: firstDayOf(y),
        lastDay: lastDayOf(y),
        admitted: counts.get(y)!.admitted,
        rowRules: hasRowRules(y, 'member-row'),
        recentAfter: monthsBefore(ratingDayOf(ratingDays, y), 6),
        scoreBands: y >= 2025,
        scores: counts.get(y)!.scores,
      };
    }
  }

  end(): void {
    this.endLines();
    for (const ys of this.byYear) {
      if (!ys) continue;
      if (!ys.cells.shared) ys.cells.drainInto(this.counts.get(ys.year)!); // (shared: drained by fast/parallel.ts when both threads are done)
      const seen = this.checker.yearsSeen;
      if (ys.rows > 0) seen.set(ys.year, (seen.get(ys.year) ?? 0) + ys.rows);
      ys.rows = 0;
    }
  }

  protected csvIssue(issue: CsvIssue): void {
    this.checker.csvIssue(issue);
  }

  /**
   * A plain line's fields by their byte ranges. Returns false (leaving everything to the string path)
   * unless it could check and count the row itself, or it is a row of another year.
   */
  protected plain(buf: Buffer, start: number, end: number): boolean {
    if (!this.split(buf, start, end)) return false;
    const { starts, ends } = this;
    const c = this.cols;
    const y = parseYearBytes(buf, starts[c.year]!, ends[c.year]!);
    if (y < 0) return false;
    const ys = this.byYear[y - FIRST_YEAR];
    if (!ys) {
      const yearsSeen = this.checker.yearsSeen;
      yearsSeen.set(y, (yearsSeen.get(y) ?? 0) + 1);
      return true;
    }
    // rating: a spelling seen before, valid in this year's scheme (short cells keyed by their bytes as a number)
    const rs = starts[c.rating]!;
    const re = ends[c.rating]!;
    const code = re - rs <= 6 ? shortRating(ys, buf, rs, re) : longRating(ys, buf, rs, re);
    if (code < 0) return false;
    // id and org_id: ASCII, not blank, no surrounding space (else the string path trims and says)
    const is = starts[c.id]!;
    const ie = ends[c.id]!;
    if (!asciiWord(buf, is, ie)) return false;
    const os = starts[c.org_id]!;
    const oe = ends[c.org_id]!;
    if (!asciiWord(buf, os, oe)) return false;
    hashBytes(buf, os, oe);
    const slot = ys.cells.find(buf, os, oe);
    if (slot < 0) return false;
    // admitted_on: blank (not given), or a date parseDateBytes reads, not after the year (else the string path says why)
    let admitted = -1;
    if (c.admitted_on >= 0 && ends[c.admitted_on]! > starts[c.admitted_on]!) {
      admitted = parseDateBytes(buf, starts[c.admitted_on]!, ends[c.admitted_on]!);
      if (admitted < 0 || admitted > ys.lastDay) return false;
    }
    // score: blank, or a number parseScoreBytes reads, within its band (else the string path says why)
    let score = -1;
    if (c.score >= 0 && ends[c.score]! > starts[c.score]!) {
      score = parseScoreBytes(buf, starts[c.score]!, ends[c.score]!);
      if (score < 0 || (ys.scoreBands && aboveBand(y, 'member', RATING_CODES[code]!, score))) return false;
    }
    const special = SPECIAL_AT[code];
    const reason = special !== undefined && c.reason >= 0 ? this.reasonAt(buf, starts[c.reason]!, ends[c.reason]!) : undefined;
    // A row a row rule may warn about goes the string path, which says it (rules.ts: 'member-row').
    if (ys.rowRules && this.mayWarn(ys, code, admitted, reason)) return false;
    ys.rows++;
    if (admitted >= ys.firstDay) ys.admitted[ys.cells.orgOf(slot)]!++;
    if (score >= 0) addScore(ys.scores!, code, score);
    hashBytes(buf, is, ie);
    ys.ids.addHash(HASH.h1, HASH.h2, this.line);
    ys.cells.add(slot, code);
    if (reason !== undefined) addReason(this.counts.get(y)!, special!, reason.text);
    return true;
  }

  /** Whether a row may breach a member-row rule: the unrated on leave or newly admitted, the rated admitted within 6 months. */
  private mayWarn(ys: YearScan, code: number, admitted: number, reason: { kind: ReasonKind } | undefined): boolean {
    if (code === UNRANKED && reason?.kind) return true;
    return admitted >= 0 && admitted > ys.recentAfter && SPECIAL_AT[code] === undefined;
  }

  private reasonAt(buf: Buffer, s: number, e: number): { text: string; kind: ReasonKind } {
    const raw = buf.toString('latin1', s, e);
    let reason = this.reasons.get(raw);
    if (reason === undefined) {
      const text = clean(buf.toString('utf8', s, e));
      reason = remember(this.reasons, raw, { text, kind: reasonKind(text) }); // free text: the common ones are kept
    }
    return reason;
  }

  protected slowRecord(record: RawRecord): void {
    const ok = this.checker.add(record);
    if (ok) addMember(this.counts.get(ok.row.year)!, ok.org, ok.row.rating, ok.row.reason, ok.row.admitted_on, ok.row.score);
  }
}

interface YearScan {
  year: number;
  cells: CellTable;
  ids: HashedIdSet;
  /** Raw rating cell → CODE_INDEX; -1 when the slow path must look. Short cells keyed by a number. */
  ratings: Map<string, number>;
  shortRatings: Map<number, number>;
  /** Rows counted on the byte path (added to yearsSeen at the end). */
  rows: number;
  /** The year's first and last day (day numbers), and its members admitted in it by organization index (MemberCounts.admitted). */
  firstDay: number;
  lastDay: number;
  admitted: Int32Array;
  /** The year's member-row rules are in force; admitted after this day is within 6 months of the rating day; the score bands apply. */
  rowRules: boolean;
  recentAfter: number;
  scoreBands: boolean;
  /** The year's score tally (MemberCounts.scores), null without the column. */
  scores: Float64Array | null;
}

function shortRating(ys: YearScan, buf: Buffer, s: number, e: number): number {
  let key = e - s; // length first: "" and "\0" differ
  for (let i = s; i < e; i++) key = key * 256 + buf[i]!;
  let r = ys.shortRatings.get(key);
  if (r === undefined) r = remember(ys.shortRatings, key, allowedRating(buf.toString('utf8', s, e), ys.year));
  return r;
}

function longRating(ys: YearScan, buf: Buffer, s: number, e: number): number {
  const raw = buf.toString('latin1', s, e);
  let r = ys.ratings.get(raw);
  if (r === undefined) r = remember(ys.ratings, raw, allowedRating(buf.toString('utf8', s, e), ys.year));
  return r;
}

/** The CODE_INDEX of the rating a cell means if the year's scheme has it, else -1 (the string path will say why). */
function allowedRating(text: string, year: number): number {
  const code = ratingOf(text);
  return code !== undefined && blockCodes(year, 'member').includes(code) ? CODE_INDEX[code] : -1;
}

/**
 * The organizations as the byte path needs them: each year's cells (a CellTable) and count at once,
 * the whole index only when a row goes the string path (a worker thread is sent the organizations
 * packed, and mostly never unpacks them).
 */
export interface ScanOrgs {
  /** The year's cells, their counts at zero (the same table each call: one scan at a time uses it). */
  cells(year: number): CellTable;
  size(year: number): number;
  index(): OrgIndex;
}

/** `shared`: cell tables in memory both threads of the parallel scan use (see CellTable.build). */
export function scanOrgs(orgs: OrgIndex, shared = false): ScanOrgs {
  const tables = new Map<number, CellTable>();
  return {
    cells(year) {
      let t = tables.get(year);
      if (!t) {
        const ids: string[] = [];
        const index: number[] = [];
        const table = orgs.get(year);
        for (let i = 0; i < (table?.size ?? 0); i++) {
          const kind = table!.kind(i);
          if (kind === undefined || !KINDS[kind].cell) continue;
          ids.push(table!.id(i));
          index.push(i);
        }
        tables.set(year, (t = CellTable.build(ids, Int32Array.from(index), shared)));
      }
      return t;
    },
    size: (year) => orgs.get(year)?.size ?? 0,
    index: () => orgs,
  };
}

/** What one thread needs to scan a byte range of the members file. */
export interface ScanJob {
  file: string;
  headerFields: string[];
  /** Physical line of the header (after any title lines). */
  headerLine: number;
  delimiter: Delimiter;
  years: number[];
  /** Physical line of the range's first byte. */
  firstLine: number;
  /** About how many rows the range holds, to size the id sets. */
  expected: number;
  /** How many problems can be listed (0: all): only those are kept, the others counted. */
  maxProblems: number;
  /** The rating day of the years report.json gives one for (else 31/12). */
  ratingDays: [number, number][];
}

export interface ScanResult {
  problems: ProblemList;
  counts: Map<number, MemberCounts>;
  yearsSeen: Map<number, number>;
  ids: Map<number, HashedIdSet>;
  /** The range ended inside a record (a quoted field ran past it): the split was not a record boundary. */
  endedInRecord: boolean;
}

/** Checks and counts the rows of a byte range (which starts and ends at line boundaries). */
export async function scanRange(job: ScanJob, orgs: ScanOrgs, chunks: AsyncIterable<Buffer>): Promise<ScanResult> {
  const years = new Set(job.years);
  const problems = new ProblemList(job.maxProblems);
  const header: RawRecord = { fields: job.headerFields, line: job.headerLine, endLine: job.headerLine };
  const capacity = Math.max(1 << 12, job.expected);
  const ratingDays = new Map(job.ratingDays);
  const checker = new MemberChecker(job.file, header, years, problems, () => orgs.index(), () => new HashedIdSet(capacity), ratingDays);
  problems.clear(); // the header's own problems are the caller's to report, once
  const { index } = checker.header;
  const counts = new Map(job.years.map((y) => [y, { ...newMemberCounts(y, orgs.size(y)), admittedColumn: index.admitted_on >= 0, scores: index.score >= 0 ? newScoreTally() : null }]));
  const columns = { id: index.id, org_id: index.org_id, year: index.year, rating: index.rating, reason: index.reason, admitted_on: index.admitted_on, score: index.score };
  const scanner = new MemberScanner(checker, columns, job.headerFields.length, job.delimiter, counts, years, orgs, ratingDays);
  scanner.line = job.firstLine;
  for await (const chunk of chunks) scanner.push(chunk);
  const endedInRecord = scanner.busy;
  scanner.end();
  const ids = new Map<number, HashedIdSet>();
  for (const y of job.years) ids.set(y, checker.idsOf(y));
  return { problems, counts, yearsSeen: checker.yearsSeen, ids, endedInRecord };
}
