// organizations.csv at national scale (360 000 rows): UTF-8 bytes → the year's OrgTable, without a string
// per field. A plain line (the header's width, every cell in its usual form, an id not seen before) is
// added here on bytes; any other goes to OrgChecker (validate/org-checker.ts) through the string tokenizer
// (line-scanner.ts), which says what is wrong: the same problems either way (test/scan-orgs.test.ts feeds
// both the same inputs). Driven by fast/byte-path.ts.
import { remember } from '../cache.js';
import { asciiWord, LineScanner } from './line-scanner.js';
import { parseFlagBytes, parseScoreBytes, parseYearBytes } from '../validate/schema.js';
import type { OrgTable } from '../figures/org-table.js';
import { hasRowRules } from '../figures/rules.js';
import { aboveBand, blockCodes, exemplaryRating, FIRST_YEAR, kindOf, needsParentColumn, ORG_KINDS, RATING_CODES, ratingOf } from '../schemes.js';
import type { CsvIssue, Delimiter, RawRecord } from '../read/tokenize.js';
import type { OrgChecker } from '../validate/org-checker.js';

interface YearRows {
  table: OrgTable;
  /** Raw rating cell (as latin1) → its RATING_CODES position when the year's scheme has it, else -1. */
  ratings: Map<string, number>;
  rows: number;
  /** The RATING_CODES position an exemplary flag may be set on this year (exemplaryRating). */
  exemplaryAt: number;
  /** By ORG_KINDS position: the kind's rows need the parent column (needsParentColumn). */
  needsParent: boolean[];
  /** The score bands apply (from 2025); an organization-row rule is in force (the rows it may warn about go the string path). */
  scoreBands: boolean;
  rowRules: boolean;
}

export class OrgScanner extends LineScanner {
  private readonly byYear: (YearRows | undefined)[] = [];
  /** Raw kind cell (as latin1) → its ORG_KINDS position, -1 when it is no kind. */
  private readonly kinds = new Map<string, number>();
  private readonly cols: { id: number; name: number; kind: number; parent: number; year: number; rating: number; exemplary: number; score: number; disciplined: number };

  constructor(
    private readonly checker: OrgChecker,
    width: number,
    delimiter: Delimiter,
  ) {
    super(width, delimiter);
    const i = checker.header.index;
    this.cols = { id: i.id, name: i.name, kind: i.kind, parent: i.parent_id, year: i.year, rating: i.rating, exemplary: i.exemplary, score: i.score, disciplined: i.disciplined };
    for (const [year, table] of checker.orgs) {
      this.byYear[year - FIRST_YEAR] = {
        table,
        ratings: new Map(),
        rows: 0,
        exemplaryAt: RATING_CODES.indexOf(exemplaryRating(year)),
        needsParent: ORG_KINDS.map(needsParentColumn),
        scoreBands: year >= 2025,
        rowRules: hasRowRules(year, 'org-row'),
      };
    }
  }

  end(): void {
    this.endLines();
    for (const ys of this.byYear) {
      if (!ys || ys.rows === 0) continue;
      const seen = this.checker.yearsSeen;
      seen.set(ys.table.year, (seen.get(ys.table.year) ?? 0) + ys.rows);
      ys.rows = 0;
    }
  }

  protected csvIssue(issue: CsvIssue): void {
    this.checker.csvIssue(issue);
  }

  protected slowRecord(record: RawRecord): void {
    this.checker.add(record);
  }

  protected plain(buf: Buffer, start: number, end: number): boolean {
    if (!this.split(buf, start, end)) return false;
    const { starts, ends, cols } = this;
    const y = parseYearBytes(buf, starts[cols.year]!, ends[cols.year]!);
    if (y < 0) return false;
    const ys = this.byYear[y - FIRST_YEAR];
    if (!ys) {
      const seen = this.checker.yearsSeen;
      seen.set(y, (seen.get(y) ?? 0) + 1);
      return true;
    }
    const kind = this.kindAt(buf, starts[cols.kind]!, ends[cols.kind]!);
    const rating = ratingAt(ys, buf, starts[cols.rating]!, ends[cols.rating]!);
    const is = starts[cols.id]!;
    const ie = ends[cols.id]!;
    const ns = starts[cols.name]!;
    const ne = ends[cols.name]!;
    if (kind < 0 || rating < 0 || !asciiWord(buf, is, ie) || !composedName(buf, ns, ne)) return false;
    // The parent: blank, or a plain id (checked across rows once the table is read, the same on both paths);
    // without the column, a cell goes the string path, which says the column is missing.
    let ps = 0;
    let pe = 0;
    if (cols.parent >= 0) {
      ps = starts[cols.parent]!;
      pe = ends[cols.parent]!;
      if (pe > ps && !asciiWord(buf, ps, pe)) return false;
    } else if (ys.needsParent[kind]) return false;
    // score: blank, or a number parseScoreBytes reads, within its band; disciplined: a plain flag, and set only
    // where no row rule may warn (else the string path reads the row and says it)
    let score = NaN;
    if (cols.score >= 0 && ends[cols.score]! > starts[cols.score]!) {
      score = parseScoreBytes(buf, starts[cols.score]!, ends[cols.score]!);
      if (score < 0 || (ys.scoreBands && aboveBand(y, 'org', RATING_CODES[rating]!, score))) return false;
    }
    if (cols.disciplined >= 0) {
      const d = parseFlagBytes(buf, starts[cols.disciplined]!, ends[cols.disciplined]!);
      if (d < 0 || (d === 1 && ys.rowRules)) return false;
    }
    // exemplary: blank or a plain spelling; set only on the year's best rating (else the string path says why)
    let exemplary = 0;
    if (cols.exemplary >= 0) {
      exemplary = parseFlagBytes(buf, starts[cols.exemplary]!, ends[cols.exemplary]!);
      if (exemplary < 0 || (exemplary === 1 && rating !== ys.exemplaryAt)) return false;
    }
    if (ys.table.findBytes(buf, is, ie) >= 0) return false; // a duplicate: the string path says so
    ys.table.addBytes(buf, is, ie, ns, ne, ps, pe, kind, rating, this.line, exemplary, score);
    ys.rows++;
    return true;
  }

  private kindAt(buf: Buffer, s: number, e: number): number {
    const raw = buf.toString('latin1', s, e);
    let k = this.kinds.get(raw);
    if (k === undefined) {
      const kind = kindOf(buf.toString('utf8', s, e));
      k = kind === undefined ? -1 : ORG_KINDS.indexOf(kind);
      remember(this.kinds, raw, k);
    }
    return k;
  }
}

function ratingAt(ys: YearRows, buf: Buffer, s: number, e: number): number {
  const raw = buf.toString('latin1', s, e);
  let r = ys.ratings.get(raw);
  if (r === undefined) {
    const code = ratingOf(buf.toString('utf8', s, e));
    r = code !== undefined && blockCodes(ys.table.year, 'org').includes(code) ? RATING_CODES.indexOf(code) : -1;
    remember(ys.ratings, raw, r);
  }
  return r;
}

/**
 * A name the string path would keep exactly as its bytes read: not blank, no space or control character,
 * no space at either end, and only characters that composing (NFC) leaves as they are: ASCII, Latin-1,
 * Latin Extended-A/B, IPA and spacing modifiers (U+00A1–U+02FF), and Latin Extended Additional
 * (U+1E00–U+1EFF: ạ, ế, ữ …). Anything else (combining accents, other scripts) goes the string path.
 */
function composedName(buf: Buffer, s: number, e: number): boolean {
  if (e <= s || buf[s] === 32 || buf[e - 1] === 32) return false;
  for (let i = s; i < e; ) {
    const b = buf[i]!;
    if (b < 0x80) {
      if (b < 0x20 || b === 0x7f) return false;
      i++;
    } else if (b >= 0xc2 && b <= 0xcb) {
      if (b === 0xc2 && buf[i + 1]! < 0xa1) return false; // C1 controls, no-break space
      i += 2;
    } else if (b === 0xe1 && buf[i + 1]! >= 0xb8 && buf[i + 1]! <= 0xbb) {
      i += 3;
    } else return false;
  }
  return true;
}
