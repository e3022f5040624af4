// Every problem a row of a file can have, and how the byte path (fast/line-scanner.ts, fast/scan-members.ts,
// fast/scan-orgs.ts) handles it: either it checks the same thing on bytes, or it hands any row it cannot vouch
// for to the string path (validate/org-checker.ts, validate/member-checker.ts), which says what is wrong. A row check is declared here once; the checkers
// refuse to report a row problem that is not declared (a bug, loud in every test), and
// test/row-checks.test.ts feeds each declared problem to both paths and wants the same answer. So a new
// rule cannot run on small files and silently not on large ones.
import type { ProblemCode } from '../problems.js';

/** How the byte path covers a check: `bytes` (done on bytes, the same answer) or `hand-over` (any row that might fail it is read by the string path). */
export type ByteHandling = { bytes: string } | { handOver: string };

/** The problems of one row of members.csv (its cells, its id, its cell), and how the byte path covers each. */
export const MEMBER_ROW_CHECKS = {
  'field-count': { handOver: 'a line that split() does not cut to the header width' },
  'bad-year': { handOver: 'a year cell that parseYearBytes does not read' },
  'empty-cell': { handOver: 'an id or org_id that asciiWord does not accept (blank, spaces, non-ASCII)' },
  'unknown-rating': { handOver: 'a rating cell that allowedRating does not find in the year scheme' },
  'rating-scheme': { handOver: 'a rating cell that allowedRating does not find in the year scheme' },
  'bad-date': { handOver: 'an admitted_on cell, not blank, that parseDateBytes does not read' },
  'future-date': { handOver: 'an admitted_on date that parseDateBytes reads after the end of the row\'s year' },
  'bad-score': { handOver: 'a score cell, not blank, that parseScoreBytes does not read' },
  'score-band': { handOver: 'a score whose band aboveBand says the rating is above (from 2025)' },
  'rule-not-rated-reason': { handOver: 'an UNRANKED row whose reason reasonKind reads (mayWarn), in a year with member-row rules' },
  'rule-newly-admitted': { handOver: 'an UNRANKED row whose reason reasonKind reads, or a rated row admitted within 6 months of the rating day (mayWarn)' },
  'duplicate-id': { bytes: 'ids hashed into HashedIdSet, candidates confirmed on their records read again (idsAtLines: line ends counted on bytes, only those records tokenized)' },
  'unknown-org': { handOver: 'an org_id the cell table does not hold' },
  'not-a-cell': { handOver: 'an org_id the cell table does not hold (it holds cells only)' },
} as const satisfies Partial<Record<ProblemCode, ByteHandling>>;

/** The problems of one row of organizations.csv, and how its byte path covers each. */
export const ORG_ROW_CHECKS = {
  'field-count': { handOver: 'a line that split() does not cut to the header width' },
  'bad-year': { handOver: 'a year cell that parseYearBytes does not read' },
  'empty-cell': { handOver: 'an id that asciiWord does not accept, a name that is blank or has spaces around it' },
  'unknown-kind': { handOver: 'a kind cell kindAt does not know' },
  'unknown-rating': { handOver: 'a rating cell that ratingAt does not find in the year scheme' },
  'rating-scheme': { handOver: 'a rating cell that ratingAt does not find in the year scheme' },
  'bad-flag': { handOver: 'an exemplary cell that parseFlagBytes does not read' },
  'exemplary-rating': { handOver: 'an exemplary flag set on a unit not rated exemplaryRating(year)' },
  'bad-score': { handOver: 'a score cell, not blank, that parseScoreBytes does not read' },
  'score-band': { handOver: 'a score whose band aboveBand says the rating is above (from 2025)' },
  'rule-excellent-disciplined': { handOver: 'a disciplined flag set, in a year with organization-row rules' },
  'missing-column': { handOver: 'a cell or a đảng bộ bộ phận (needsParentColumn) when the file has no parent column' },
  'duplicate-id': { handOver: 'an id the year table already holds' },
  'base-with-parent': { bytes: 'checked across rows once the table is read (OrgChecker.finish), the same for both paths' },
  'missing-parent': { bytes: 'checked across rows once the table is read (OrgChecker.finish), the same for both paths' },
  'bad-parent': { bytes: 'checked across rows once the table is read (OrgChecker.finish), the same for both paths' },
} as const satisfies Partial<Record<ProblemCode, ByteHandling>>;

/** Problems the string tokenizer finds in a record: the byte path hands any irregular line to it (fast/line-scanner.ts). */
export const RECORD_CHECKS = {
  'unclosed-quote': { handOver: 'a line with a quote that split() does not read (only "…" fields with no quote inside, closed before the delimiter or the line end)' },
  'text-after-quote': { handOver: 'a line with a quote that split() does not read (only "…" fields with no quote inside, closed before the delimiter or the line end)' },
  'record-too-long': { handOver: 'a line over MAX_RECORD_CHARS' },
  'bad-encoding': { handOver: 'a line that is not valid UTF-8, or holds U+FFFD' },
} as const satisfies Partial<Record<ProblemCode, ByteHandling>>;

export type MemberRowCode = keyof typeof MEMBER_ROW_CHECKS;
export type OrgRowCode = keyof typeof ORG_ROW_CHECKS;
