// members.csv, row by row (the reference path; the byte path, fast/scan-members.ts, hands it every row it
// cannot vouch for): the schema (memberRow, or its quick check fastMember), the year's scheme, ids unique
// in a year (in the IdSet the caller's `newIdSet` makes: exact here, hashed on the byte path), and the
// cell the member belongs to. It knows nothing of the byte path: what differs is injected.
import { MEMBER_COLUMNS, type MemberKey } from './columns.js';
import { quote, type ProblemSink } from '../problems.js';
import { clean, fastMember, memberRow, type MemberRow } from './schema.js';
import { isoDay, lastDayOf } from '../dates.js';
import { aboveBand, KINDS, RATINGS, scoreBand } from '../schemes.js';
import { memberRowWarnings } from '../figures/rules.js';
import { formatScore } from '../format.js';
import type { RawRecord } from '../read/tokenize.js';
import { ExactIdSet, type IdSet } from './idset.js';
import type { OrgIndex } from '../figures/org-table.js';
import { MEMBER_ROW_CHECKS } from './row-checks.js';
import { FileChecker, leadingZerosHint } from './file-checker.js';

export class MemberChecker<S extends IdSet = IdSet> extends FileChecker<MemberKey> {
  /** The ids of each year, in sets made by `newIdSet`. */
  private readonly ids = new Map<number, S>();

  /** `orgs` is undefined when organizations.csv could not be read: cells are then not checked. */
  constructor(
    file: string,
    header: RawRecord,
    years: ReadonlySet<number>,
    problems: ProblemSink,
    /** Or a function that builds them when first needed (a worker thread that may never need them). */
    private orgsOrBuild: OrgIndex | undefined | (() => OrgIndex),
    /** Makes a year's id set: exact by default (a duplicate is said at once); the byte path passes its own. */
    private readonly newIdSet: () => S = () => new ExactIdSet() as IdSet as S,
    /** The day each year's rating is made on (report.json's ratingDate), else the year's last day. */
    private readonly ratingDays: ReadonlyMap<number, number> = new Map(),
  ) {
    super(file, header, MEMBER_COLUMNS, years, problems, MEMBER_ROW_CHECKS);
  }

  get orgs(): OrgIndex | undefined {
    if (typeof this.orgsOrBuild === 'function') this.orgsOrBuild = this.orgsOrBuild();
    return this.orgsOrBuild;
  }

  /** The id set of a year (made when first asked: the byte path adds to it directly). */
  idsOf(year: number): S {
    let ids = this.ids.get(year);
    if (!ids) this.ids.set(year, (ids = this.newIdSet()));
    return ids;
  }

  /** Records an id, or reports it as a duplicate of an earlier row of the same year. */
  private checkUnique(year: number, id: string, line: number): boolean {
    const first = this.idsOf(year).add(id, line);
    if (first === undefined) return true;
    this.reportDuplicate(line, id, first, year);
    return false;
  }

  /**
   * Checks one record; returns the row and its cell's index when it is valid, to be counted. A new check here
   * reports a code declared in row-checks.ts, and the byte path (fast/scan-members.ts) must hand over any row it
   * could fail: test/row-checks.test.ts holds the two paths to the same answers.
   */
  add(record: RawRecord): { row: MemberRow; org: number } | undefined {
    if (!this.usable) return undefined;
    const c = this.cells(record);
    if (!c) return undefined;
    const { obj, year } = c;
    const line = record.line;
    const row = fastMember(obj, year) ?? this.parse(memberRow, obj, line, year, 'member');
    let ok = row !== undefined;
    if (row && !this.checkScheme(line, 'rating', obj.rating, row.rating, year, 'member')) ok = false;
    if (row && row.admitted_on !== null && row.admitted_on > lastDayOf(year)) {
      this.reportCell(line, 'future-date', 'admitted_on', obj.admitted_on, `ngày vào Đảng ${isoDay(row.admitted_on)} sau năm đánh giá ${year}: đảng viên chưa vào Đảng thì không có trong danh sách năm này`);
      ok = false;
    }
    if (row && row.score !== null && aboveBand(year, 'member', row.rating, row.score)) {
      const band = scoreBand(year, row.score)!;
      this.reportCell(line, 'score-band', 'score', obj.score,
        `${formatScore(row.score)} điểm (${band.words}) chỉ được xếp loại cao nhất là ${RATINGS[band.best].name.toLowerCase()} (${band.best}), nhưng đảng viên này xếp loại ${RATINGS[row.rating].name.toLowerCase()} (${row.rating})`);
      ok = false;
    }
    if (row && ok) {
      const ratingDay = ratingDayOf(this.ratingDays, year);
      for (const w of memberRowWarnings(year, { rating: row.rating, reason: row.reason, admittedOn: row.admitted_on, ratingDay })) {
        this.reportCell(line, w.code, w.column === 'admitted_on' ? 'admitted_on' : 'reason', w.column === 'admitted_on' ? obj.admitted_on : obj.reason, w.message);
      }
    }
    const id = clean(obj.id);
    if (id !== '' && !this.checkUnique(year, id, line)) ok = false;
    const orgId = clean(obj.org_id);
    const org = orgId === '' || !this.orgs ? -1 : this.checkCell(line, obj.org_id, orgId, year, this.typedNumber(record, 'org_id'));
    return ok && row && org >= 0 ? { row, org } : undefined;
  }

  /**
   * The index of the cell a member's org_id names, or -1 (reported unless its own row was invalid). `typed`:
   * the cell was a number in a sheet (the message then says the leading zeros may have been lost).
   */
  checkCell(line: number, raw: string, orgId: string, year: number, typed = false): number {
    const table = this.orgs?.get(year);
    const org = table ? table.find(orgId) : -1;
    if (org < 0) {
      this.reportCell(line, 'unknown-org', 'org_id', raw, `không có chi bộ mã ${quote(orgId)} trong danh sách tổ chức năm ${year}${leadingZerosHint(orgId, typed)}`);
      return -1;
    }
    const kind = table!.kind(org);
    if (kind !== undefined && !KINDS[kind].cell) {
      this.reportCell(line, 'not-a-cell', 'org_id', raw,
        `${quote(orgId)} (danh sách tổ chức, dòng ${table!.lines[org]}) là ${KINDS[kind].name.toLowerCase()}; đảng viên sinh hoạt ở một chi bộ cơ sở hoặc chi bộ trực thuộc`);
      return -1;
    }
    return kind === undefined ? -1 : org;
  }
}

/** The day a year's rating is made on: report.json's ratingDate for the reported year, else 31/12. */
export function ratingDayOf(days: ReadonlyMap<number, number>, year: number): number {
  return days.get(year) ?? lastDayOf(year);
}
