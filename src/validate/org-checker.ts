// organizations.csv, row by row (the reference path; the byte path, fast/scan-orgs.ts, hands it every row
// it cannot vouch for): the schema (orgRow, or its quick check fastOrg), the year's scheme, the score's
// band, ids unique in a year (the year's OrgTable is its id set), the row rules' warnings; then, across
// rows, each organization's parent is one its kind may have in that year (schemes.ts PARENTS).
import { ORG_COLUMNS, type OrgKey } from './columns.js';
import { quote, type ProblemSink } from '../problems.js';
import { clean, fastOrg, orgRow, type OrgRow } from './schema.js';
import { aboveBand, exemplaryRating, KINDS, needsParentColumn, parentRule, RATINGS, scoreBand, type OrgKind, type RatingCode } from '../schemes.js';
import { orgRowWarnings } from '../figures/rules.js';
import { formatScore } from '../format.js';
import type { RawRecord } from '../read/tokenize.js';
import { OrgTable, type OrgIndex } from '../figures/org-table.js';
import { ORG_ROW_CHECKS } from './row-checks.js';
import { FileChecker, leadingZerosHint } from './file-checker.js';

export class OrgChecker extends FileChecker<OrgKey> {
  readonly orgs: OrgIndex = new Map();
  private cellWithoutParentColumn = 0;
  /** The lines whose parent_id Excel stored as a number (a sheet's rows): their leading zeros may be lost. */
  private readonly typedParents = new Set<number>();

  constructor(file: string, header: RawRecord, years: ReadonlySet<number>, problems: ProblemSink) {
    super(file, header, ORG_COLUMNS, years, problems, ORG_ROW_CHECKS);
    for (const y of years) this.orgs.set(y, new OrgTable(y, this.header.index.exemplary >= 0, this.header.index.score >= 0));
  }

  add(record: RawRecord): void {
    if (!this.usable) return;
    const c = this.cells(record);
    if (!c) return;
    const { obj, year } = c;
    const line = record.line;
    if (this.typedNumber(record, 'parent_id')) this.typedParents.add(line);
    const row: Partial<OrgRow> = fastOrg(obj, year) ?? this.parse(orgRow, obj, line, year, 'org') ?? partialOrg(obj);
    const kind = row.kind;
    let rating = row.rating;
    if (rating !== undefined && !this.checkScheme(line, 'rating', obj.rating, rating, year, 'org')) rating = undefined;
    if (kind !== undefined && needsParentColumn(kind) && this.header.index.parent_id < 0 && this.cellWithoutParentColumn++ === 0) {
      this.reportRow(this.headerLine, 'missing-column', `thiếu cột "parent_id" (hoặc "Mã cấp trên"): cần cho ${KINDS[kind].name.toLowerCase()}, như ở dòng ${line}`, { column: 'parent_id' });
    }
    if (rating !== undefined && row.score != null && aboveBand(year, 'org', rating, row.score)) {
      this.reportScoreBand(line, obj.score, row.score, rating, year);
      rating = undefined;
    }
    if (rating !== undefined && row.disciplined !== undefined) {
      for (const w of orgRowWarnings(year, { rating, disciplined: row.disciplined })) this.reportCell(line, w.code, 'disciplined', obj.disciplined, w.message);
    }
    if (row.exemplary === true && rating !== undefined && rating !== exemplaryRating(year)) {
      const best = exemplaryRating(year);
      this.reportCell(line, 'exemplary-rating', 'exemplary', obj.exemplary,
        `chỉ tổ chức xếp loại ${RATINGS[best].name.toLowerCase()} (${best}) mới được đánh dấu tiêu biểu, tổ chức này xếp loại ${RATINGS[rating].name.toLowerCase()} (${rating})`);
    }
    // (the common row comes cleaned from fastOrg: its cells are not cleaned twice)
    const id = row.id ?? clean(obj.id);
    if (id === '') return;
    // The year's table of organizations is its own id set: an id already in it is a duplicate.
    const table = this.orgs.get(year)!;
    const first = table.find(id);
    if (first >= 0) {
      this.reportDuplicate(line, id, table.lines[first]!, year);
      return;
    }
    table.add(id, row.name ?? clean(obj.name), kind, row.parent_id ?? clean(obj.parent_id), rating, line, row.exemplary === true, row.score ?? null);
  }

  /** A rating above what the row's score allows (from 2025): the band and its best rating said. */
  reportScoreBand(line: number, raw: string, score: number, rating: RatingCode, year: number): void {
    const band = scoreBand(year, score)!;
    this.reportCell(line, 'score-band', 'score', raw,
      `${formatScore(score)} điểm (${band.words}) chỉ được xếp loại cao nhất là ${RATINGS[band.best].name.toLowerCase()} (${band.best}), nhưng dòng này xếp loại ${RATINGS[rating].name.toLowerCase()} (${rating})`);
  }

  /** Cross-row checks: each organization's parent is one its kind may have in its year (schemes.ts PARENTS). */
  finish(): OrgIndex {
    if (!this.usable) return this.orgs;
    for (const [year, table] of this.orgs) {
      if (this.header.index.parent_id >= 0) this.checkParents(year, table);
      table.resolveParents();
    }
    return this.orgs;
  }

  private checkParents(year: number, table: OrgTable): void {
    this.rowYear = year;
    for (let i = 0; i < table.size; i++) {
      const kind = table.kind(i);
      if (kind === undefined) continue;
      const p = table.parentId(i);
      const line = table.lines[i]!;
      const rule = parentRule(kind, year);
      const what = KINDS[kind].name.toLowerCase();
      // A base organization's wrong parent keeps the first edition's code (base-with-parent).
      const wrong = KINDS[kind].base ? 'base-with-parent' : 'bad-parent';
      if (p === '') {
        if (!rule.blank) this.reportCell(line, 'missing-parent', 'parent_id', p, `${what} ${quote(table.id(i))} phải ghi mã cấp trên: ${rule.says}`);
        continue;
      }
      if (rule.kinds.length === 0) {
        this.reportCell(line, 'bad-parent', 'parent_id', p, rule.says);
        continue;
      }
      if (p === table.id(i)) {
        this.reportCell(line, wrong, 'parent_id', p, `${what} không thể là cấp trên của chính nó; ${rule.says}`);
        continue;
      }
      const parent = table.find(p);
      const parentKind = parent < 0 ? undefined : table.kind(parent);
      if (parent < 0) {
        this.reportCell(line, wrong, 'parent_id', p, `không có tổ chức mã ${quote(p)} trong năm ${year}; ${rule.says}${leadingZerosHint(p, this.typedParents.has(line))}`);
      } else if (parentKind !== undefined && !rule.kinds.includes(parentKind)) {
        const later = laterParent(kind, parentKind, year);
        this.reportCell(line, wrong, 'parent_id', p, `${quote(p)} (dòng ${table.lines[parent]}) là ${KINDS[parentKind].name.toLowerCase()}; ${rule.says}${later}`);
      }
    }
  }
}

/** ", …(từ năm 2025 …)" when the parent would be right in a later year: the user may have the year wrong. */
function laterParent(kind: OrgKind, parentKind: OrgKind, year: number): string {
  const later = parentRule(kind, 2100);
  return later.from > year && later.kinds.includes(parentKind) ? ` (từ năm ${later.from} mới được trực thuộc ${KINDS[parentKind].name.toLowerCase()})` : '';
}

/** What can still be read from a row that failed its schema, so one bad cell does not hide the others. */
function partialOrg(obj: Record<OrgKey, string>): Partial<OrgRow> {
  const kind = orgRow.shape.kind.safeParse(obj.kind);
  const rating = orgRow.shape.rating.safeParse(obj.rating);
  const exemplary = orgRow.shape.exemplary.safeParse(obj.exemplary);
  const score = orgRow.shape.score.safeParse(obj.score);
  return {
    ...(kind.success ? { kind: kind.data } : {}),
    ...(rating.success ? { rating: rating.data } : {}),
    ...(exemplary.success ? { exemplary: exemplary.data } : {}),
    ...(score.success ? { score: score.data } : {}),
  };
}
