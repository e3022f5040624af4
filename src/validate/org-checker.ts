// organizations.csv, row by row (the reference path; the byte path, fast/scan-orgs.ts, hands it every row
// it cannot vouch for): the schema (orgRow, or its quick check fastOrg), the year's scheme, a base
// organization without a parent, ids unique in a year (the year's OrgTable is its id set); then, across
// rows, each cell under a committee hangs under a committee of its year.
import { ORG_COLUMNS, type OrgKey } from './columns.js';
import { quote, type ProblemSink } from '../problems.js';
import { clean, fastOrg, orgRow, type OrgRow } from './schema.js';
import { exemplaryRating, isCommittee, KINDS, RATINGS, underCommittee } from '../schemes.js';
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
    for (const y of years) this.orgs.set(y, new OrgTable(y, this.header.index.exemplary >= 0));
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
    if (kind !== undefined && KINDS[kind].base && obj.parent_id.trim() !== '') {
      this.reportCell(line, 'base-with-parent', 'parent_id', obj.parent_id,
        `${KINDS[kind].name.toLowerCase()} là tổ chức cơ sở, cấp trên của nó là đơn vị báo cáo nên ô này phải để trống`);
    }
    if (kind !== undefined && underCommittee(kind) && this.header.index.parent_id < 0 && this.cellWithoutParentColumn++ === 0) {
      this.reportRow(this.headerLine, 'missing-column', `thiếu cột "parent_id" (hoặc "Mã cấp trên"): cần cho các chi bộ trực thuộc, như ở dòng ${line}`, { column: 'parent_id' });
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
    table.add(id, row.name ?? clean(obj.name), kind, row.parent_id ?? clean(obj.parent_id), rating, line, row.exemplary === true);
  }

  /** Cross-row checks: each cell under a committee (chi_bo_truc_thuoc) hangs under a committee (dang_bo_co_so) of its year. */
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
      if (kind === undefined || !underCommittee(kind)) continue;
      const p = table.parentId(i);
      const line = table.lines[i]!;
      const id = table.id(i);
      if (p === '') {
        this.reportCell(line, 'missing-parent', 'parent_id', p, `chi bộ trực thuộc ${quote(id)} phải ghi mã đảng bộ cơ sở cấp trên`);
        continue;
      }
      if (p === id) {
        this.reportCell(line, 'bad-parent', 'parent_id', p, 'chi bộ không thể là cấp trên của chính nó');
        continue;
      }
      const parent = table.find(p);
      const parentKind = parent < 0 ? undefined : table.kind(parent);
      if (parent < 0) {
        this.reportCell(line, 'bad-parent', 'parent_id', p, `không có tổ chức mã ${quote(p)} trong năm ${year}; cấp trên của chi bộ trực thuộc phải là một đảng bộ cơ sở cùng năm${leadingZerosHint(p, this.typedParents.has(line))}`);
      } else if (parentKind !== undefined && !isCommittee(parentKind)) {
        this.reportCell(line, 'bad-parent', 'parent_id', p,
          `${quote(p)} (dòng ${table.lines[parent]}) là ${KINDS[parentKind].name.toLowerCase()}, không phải đảng bộ cơ sở; chi bộ trực thuộc chỉ thuộc một đảng bộ cơ sở`);
      }
    }
  }
}

/** What can still be read from a row that failed its schema, so one bad cell does not hide the others. */
function partialOrg(obj: Record<OrgKey, string>): Partial<OrgRow> {
  const kind = orgRow.shape.kind.safeParse(obj.kind);
  const rating = orgRow.shape.rating.safeParse(obj.rating);
  const exemplary = orgRow.shape.exemplary.safeParse(obj.exemplary);
  return { ...(kind.success ? { kind: kind.data } : {}), ...(rating.success ? { rating: rating.data } : {}), ...(exemplary.success ? { exemplary: exemplary.data } : {}) };
}
