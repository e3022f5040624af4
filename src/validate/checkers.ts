// Records → typed rows plus problems. Per row: the field count, the year (rows of other years are skipped,
// unchecked), the zod schema, the year's rating scheme, the kind/parent rule. Across rows: duplicate ids
// within a year, members' cells, cells' committees. Problems are values, appended to one list.
import type * as z from 'zod/mini';
import { MEMBER_COLUMNS, ORG_COLUMNS, mapHeader, type HeaderMap, type MemberKey, type OrgKey } from './columns.js';
import { quote, type ProblemCode, type ProblemSink } from '../problems.js';
import { clean, memberRow, orgRow, parseYear, type MemberRow, type OrgRow } from './schema.js';
import { blockCodes, FIRST_YEAR, kindOf, KINDS, RATINGS, ratingOf, SCHEMES, schemeFor, type RatingCode } from '../schemes.js';
import type { CsvIssue, RawRecord } from '../read/tokenize.js';
import { formatCount } from '../report/format.js';
import { ExactIdSet, HashedIdSet, type IdSet } from './idset.js';
import { OrgTable, type OrgIndex } from '../figures/org-table.js';
import { MEMBER_ROW_CHECKS, ORG_ROW_CHECKS, type ByteHandling } from './row-checks.js';

class FileChecker<K extends string> {
  readonly header: HeaderMap<K>;
  /** False when a required column is missing: the rows cannot be read at all. */
  readonly usable: boolean;
  /** Every readable year, with its row count. */
  readonly yearsSeen = new Map<number, number>();
  protected readonly width: number;
  /** Physical line of the header (1, or below title lines). */
  readonly headerLine: number;

  constructor(
    readonly file: string,
    headerRecord: RawRecord,
    columns: readonly { key: K; aliases: readonly string[]; required: string }[],
    protected readonly years: ReadonlySet<number>,
    protected readonly problems: ProblemSink,
    /** The row problems this file can have (src/row-checks.ts). */
    private readonly rowChecks: Readonly<Record<string, ByteHandling>>,
  ) {
    this.width = headerRecord.fields.length;
    this.headerLine = headerRecord.line;
    this.header = mapHeader(headerRecord.fields, columns);
    for (const issue of this.header.issues) {
      if (issue.code === 'missing-column') {
        const hint = issue.suggestion ? `; có phải cột ${quote(issue.suggestion)} viết sai?` : '';
        this.report(headerRecord.line, issue.code, `thiếu cột bắt buộc "${issue.key}" (hoặc "${issue.alias}")${hint}`, { column: issue.key });
      } else {
        this.report(headerRecord.line, issue.code, `cột ${quote(issue.second)} và cột ${quote(issue.first)} cùng là cột "${issue.key}"; chỉ giữ một cột`, { column: issue.second });
      }
    }
    this.usable = !this.header.issues.some((i) => i.code === 'missing-column');
    this.columns = (Object.keys(this.header.index) as K[]).map((k) => [k, this.header.index[k]]);
  }

  /** Each known column and its position in a row (-1: absent), worked out once. */
  private readonly columns: [K, number][];

  /** The year of the row being checked, to tag its problems (undefined for the header, misshapen rows). */
  protected rowYear: number | undefined;

  /**
   * A problem of the file, its header or a record that cannot be placed in a year: it belongs to every year
   * the file holds (a comparison year's problems are kept apart; these never are), unless `extra.year` says.
   */
  report(line: number, code: ProblemCode, message: string, extra: { column?: string; value?: string; year?: number } = {}): void {
    this.problems.push({ file: this.file, line, code, message, ...extra });
  }

  /**
   * A problem of a row: its code must be declared in src/row-checks.ts with how the byte path covers it,
   * else a row rule would run on small files and silently not on large ones. Undeclared is a bug, said loudly.
   */
  protected reportRow(line: number, code: ProblemCode, message: string, extra: { column?: string; value?: string; year?: number } = {}): void {
    if (!(code in this.rowChecks)) throw new Error(`row problem "${code}" is not declared in src/row-checks.ts (how does the byte path handle it?)`);
    this.report(line, code, message, extra);
  }

  /** A problem of one cell of the row being checked: it belongs to that row's year. */
  reportCell(line: number, code: ProblemCode, key: K, value: string, message: string, year = this.rowYear): void {
    const column = this.header.label[key];
    this.reportRow(line, code, `cột ${quote(column)}, giá trị ${quote(value)}: ${message}`, { column, value, ...(year !== undefined ? { year } : {}) });
  }

  csvIssue(issue: CsvIssue): void {
    this.report(issue.line, issue.code, describeCsvIssue(issue), { value: issue.value });
  }

  /** The row as an object of text cells, or undefined when it is blank, misshapen or of another year. */
  protected cells(record: RawRecord): { obj: Record<K, string>; year: number } | undefined {
    this.rowYear = undefined;
    const f = record.fields;
    if (f.every((x) => x.trim() === '')) return undefined; // a blank line, or only separators
    if (f.length < this.width || (f.length > this.width && f.slice(this.width).some((x) => x.trim() !== ''))) {
      const spans = record.endLine > record.line
        ? ` (bản ghi kéo dài từ dòng ${record.line} đến dòng ${record.endLine} vì một ô trong ngoặc kép chứa xuống dòng: có thể một dấu ngoặc kép không được đóng và đã gộp các dòng sau vào đây)`
        : '';
      this.reportRow(record.line, 'field-count', `dòng có ${f.length} ô nhưng tiêu đề có ${this.width} cột${spans}`);
      return undefined;
    }
    const obj = {} as Record<K, string>;
    for (const [key, i] of this.columns) obj[key] = i >= 0 ? (f[i] ?? '') : '';
    const rawYear = obj['year' as K];
    const year = parseYear(rawYear);
    if (year === undefined) {
      this.reportCell(record.line, 'bad-year', 'year' as K, rawYear, `không phải năm hợp lệ (cần 4 chữ số, ví dụ 2017); không biết dòng này thuộc năm nào`);
      return undefined;
    }
    this.yearsSeen.set(year, (this.yearsSeen.get(year) ?? 0) + 1);
    if (!this.years.has(year)) return undefined;
    this.rowYear = year;
    return { obj, year };
  }

  /** Runs a row schema; each zod issue becomes a problem naming its column. */
  protected parse<T>(schema: z.ZodMiniType<T, Record<K, string>>, obj: Record<K, string>, line: number, year: number, block: 'org' | 'member'): T | undefined {
    const r = schema.safeParse(obj);
    if (r.success) return r.data;
    for (const issue of r.error.issues) {
      const key = String(issue.path[0]) as K;
      const hint = key === 'rating' ? `; ${schemeHint(year, block)}` : '';
      this.reportCell(line, codeFor(key, obj[key]), key, obj[key], issue.message + hint);
    }
    return undefined;
  }

  protected checkScheme(line: number, key: K, raw: string, rating: RatingCode, year: number, block: 'org' | 'member'): boolean {
    const allowed = blockCodes(year, block);
    if (allowed.includes(rating)) return true;
    const since = SCHEMES.find((s) => s[block].includes(rating));
    const when = since ? `, mức này thuộc thang ${since.from <= FIRST_YEAR ? `đến năm ${since.to}` : `từ năm ${since.from}`}` : '';
    this.reportCell(line, 'rating-scheme', key, raw, `${RATINGS[rating].name} (${rating}) không có trong thang xếp loại năm ${year}${when}; ${schemeHint(year, block)}`);
    return false;
  }

  /** Records an id, or reports it as a duplicate of an earlier row of the same year. */
  protected checkUnique(sets: Map<number, IdSet>, year: number, id: string, line: number): boolean {
    let ids = sets.get(year);
    if (!ids) sets.set(year, (ids = this.newIdSet()));
    const first = ids.add(id, line);
    if (first === undefined) return true;
    this.reportDuplicate(line, id, first, year);
    return false;
  }

  reportDuplicate(line: number, id: string, first: number, year: number): void {
    this.reportCell(line, 'duplicate-id', 'id' as K, id, `mã này đã có ở dòng ${first} (năm ${year}); mỗi mã chỉ được xuất hiện một lần trong một năm`, year);
  }

  protected newIdSet(): IdSet {
    return new ExactIdSet();
  }
}

/** "các mức xếp loại tổ chức năm 2017: TSVM, HTTNV, HTNV, YEU, hoặc Không xếp loại, Chưa xếp loại" */
function schemeHint(year: number, block: 'org' | 'member'): string {
  const who = block === 'org' ? 'tổ chức' : 'đảng viên';
  return `các mức xếp loại ${who} năm ${year}: ${schemeFor(year)[block].join(', ')}, hoặc Không xếp loại, Chưa xếp loại (mã hoặc tên đầy đủ)`;
}

function codeFor(key: string, value: string): ProblemCode {
  if (key === 'kind') return 'unknown-kind';
  if (key === 'rating') return 'unknown-rating';
  if (key === 'year') return 'bad-year';
  return value.trim() === '' ? 'empty-cell' : 'unknown-rating';
}

export class OrgChecker extends FileChecker<OrgKey> {
  readonly orgs: OrgIndex = new Map();
  private cellWithoutParentColumn = 0;

  constructor(file: string, header: RawRecord, years: ReadonlySet<number>, problems: ProblemSink) {
    super(file, header, ORG_COLUMNS, years, problems, ORG_ROW_CHECKS);
    for (const y of years) this.orgs.set(y, new OrgTable(y));
  }

  add(record: RawRecord): void {
    if (!this.usable) return;
    const c = this.cells(record);
    if (!c) return;
    const { obj, year } = c;
    const line = record.line;
    const row: Partial<OrgRow> = fastOrg(obj, year) ?? this.parse(orgRow, obj, line, year, 'org') ?? partialOrg(obj);
    const kind = row.kind;
    let rating = row.rating;
    if (rating !== undefined && !this.checkScheme(line, 'rating', obj.rating, rating, year, 'org')) rating = undefined;
    if (kind !== undefined && KINDS[kind].base && obj.parent_id.trim() !== '') {
      this.reportCell(line, 'base-with-parent', 'parent_id', obj.parent_id,
        `${KINDS[kind].name.toLowerCase()} là tổ chức cơ sở, cấp trên của nó là đơn vị báo cáo nên ô này phải để trống`);
    }
    if (kind === 'chi_bo_truc_thuoc' && this.header.index.parent_id < 0 && this.cellWithoutParentColumn++ === 0) {
      this.reportRow(this.headerLine, 'missing-column', `thiếu cột "parent_id" (hoặc "Mã cấp trên"): cần cho các chi bộ trực thuộc, như ở dòng ${line}`, { column: 'parent_id' });
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
    table.add(id, row.name ?? clean(obj.name), kind, row.parent_id ?? clean(obj.parent_id), rating, line);
  }

  /** Cross-row checks: each chi_bo_truc_thuoc hangs under a dang_bo_co_so of its year. */
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
      if (table.kind(i) !== 'chi_bo_truc_thuoc') continue;
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
        this.reportCell(line, 'bad-parent', 'parent_id', p, `không có tổ chức mã ${quote(p)} trong năm ${year}; cấp trên của chi bộ trực thuộc phải là một đảng bộ cơ sở cùng năm`);
      } else if (parentKind !== undefined && parentKind !== 'dang_bo_co_so') {
        this.reportCell(line, 'bad-parent', 'parent_id', p,
          `${quote(p)} (dòng ${table.lines[parent]}) là ${KINDS[parentKind].name.toLowerCase()}, không phải đảng bộ cơ sở; chi bộ trực thuộc chỉ thuộc một đảng bộ cơ sở`);
      }
    }
  }
}

/**
 * The common row, checked without zod: the same result as `orgRow.parse` when every cell is plainly
 * valid, else undefined (zod then checks the row and says what is wrong). test/validate.test.ts holds
 * the two to the same answers.
 */
export function fastOrg(obj: Record<OrgKey, string>, year: number): OrgRow | undefined {
  const id = clean(obj.id);
  const name = clean(obj.name);
  const kind = kindOf(obj.kind);
  const rating = ratingOf(obj.rating);
  if (id === '' || name === '' || kind === undefined || rating === undefined) return undefined;
  return { id, name, kind, parent_id: clean(obj.parent_id), year, rating };
}

export function fastMember(obj: Record<MemberKey, string>, year: number): MemberRow | undefined {
  const id = clean(obj.id);
  const orgId = clean(obj.org_id);
  const rating = ratingOf(obj.rating);
  if (id === '' || orgId === '' || rating === undefined) return undefined;
  return { id, name: clean(obj.name), org_id: orgId, year, rating, reason: clean(obj.reason) };
}

/** What can still be read from a row that failed its schema, so one bad cell does not hide the others. */
function partialOrg(obj: Record<OrgKey, string>): Partial<OrgRow> {
  const kind = orgRow.shape.kind.safeParse(obj.kind);
  const rating = orgRow.shape.rating.safeParse(obj.rating);
  return { ...(kind.success ? { kind: kind.data } : {}), ...(rating.success ? { rating: rating.data } : {}) };
}

export class MemberChecker extends FileChecker<MemberKey> {
  /** The ids of each year: hashed (exact after confirmation) when `hashed`, else exact at once. */
  readonly ids = new Map<number, IdSet>();

  /** `orgs` is undefined when organizations.csv could not be read: cells are then not checked. */
  constructor(
    file: string,
    header: RawRecord,
    years: ReadonlySet<number>,
    problems: ProblemSink,
    /** Or a function that builds them when first needed (a worker thread that may never need them). */
    private orgsOrBuild: OrgIndex | undefined | (() => OrgIndex),
    /** Hash ids into typed arrays sized for about this many rows (0: exact Map, for small inputs). */
    private readonly hashedCapacity = 0,
  ) {
    super(file, header, MEMBER_COLUMNS, years, problems, MEMBER_ROW_CHECKS);
  }

  get orgs(): OrgIndex | undefined {
    if (typeof this.orgsOrBuild === 'function') this.orgsOrBuild = this.orgsOrBuild();
    return this.orgsOrBuild;
  }

  protected override newIdSet(): IdSet {
    return this.hashedCapacity > 0 ? new HashedIdSet(this.hashedCapacity) : new ExactIdSet();
  }

  /** The hashed id set of a year (the byte path adds to it directly). */
  hashedIds(year: number): HashedIdSet {
    let s = this.ids.get(year);
    if (!s) this.ids.set(year, (s = this.newIdSet()));
    if (!(s instanceof HashedIdSet)) throw new Error('hashedIds: this checker keeps exact ids');
    return s;
  }

  /**
   * Checks one record; returns the row and its cell's index when it is valid, to be counted. A new check here
   * reports a code declared in src/row-checks.ts, and the byte path (scan.ts) must hand over any row it could
   * fail: test/row-checks.test.ts holds the two paths to the same answers.
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
    const id = clean(obj.id);
    if (id !== '' && !this.checkUnique(this.ids, year, id, line)) ok = false;
    const orgId = clean(obj.org_id);
    const org = orgId === '' || !this.orgs ? -1 : this.checkCell(line, obj.org_id, orgId, year);
    return ok && row && org >= 0 ? { row, org } : undefined;
  }

  /** The index of the cell a member's org_id names, or -1 (reported unless its own row was invalid). */
  checkCell(line: number, raw: string, orgId: string, year: number): number {
    const table = this.orgs?.get(year);
    const org = table ? table.find(orgId) : -1;
    if (org < 0) {
      this.reportCell(line, 'unknown-org', 'org_id', raw, `không có chi bộ mã ${quote(orgId)} trong organizations.csv năm ${year}`);
      return -1;
    }
    const kind = table!.kind(org);
    if (kind !== undefined && !KINDS[kind].cell) {
      this.reportCell(line, 'not-a-cell', 'org_id', raw,
        `${quote(orgId)} (organizations.csv dòng ${table!.lines[org]}) là ${KINDS[kind].name.toLowerCase()}; đảng viên sinh hoạt ở một chi bộ cơ sở hoặc chi bộ trực thuộc`);
      return -1;
    }
    return kind === undefined ? -1 : org;
  }
}

export function describeCsvIssue(issue: CsvIssue): string {
  switch (issue.code) {
    case 'unclosed-quote': {
      const rest = issue.swallowed === undefined
        ? ': các dòng sau nó có thể đã bị gộp vào ô này'
        : issue.swallowed > 0 ? ` đến hết tệp: ${formatCount(issue.swallowed)} dòng sau nó đã bị gộp vào ô này` : ' đến hết tệp';
      return `ô thứ ${issue.field} mở dấu ngoặc kép (${quote(issue.value)}) mà không đóng${rest}. Dòng này bị bỏ qua; các dòng sau được đọc lại và vẫn được kiểm tra`;
    }
    case 'text-after-quote':
      if (issue.closedAt !== undefined && issue.closedAt > issue.line) {
        return `ô thứ ${issue.field} mở dấu ngoặc kép mà không đóng trên dòng này: dấu ngoặc kép kế tiếp ở tận dòng ${issue.closedAt} (trước ${quote(issue.value)}), nên các dòng ở giữa bị gộp vào ô này. Dòng này bị bỏ qua; các dòng sau được đọc lại và vẫn được kiểm tra`;
      }
      return `ô thứ ${issue.field}: sau dấu ngoặc kép đóng còn ${quote(issue.value)}; dấu " bên trong một ô phải viết đôi (""). Dòng này bị bỏ qua`;
    case 'record-too-long':
      return `dòng dài hơn 1 MB (bắt đầu bằng ${quote(issue.value)}): tệp có thể không phải CSV hoặc đã hỏng. Dòng này bị bỏ qua`;
    case 'bad-encoding':
      return `ô thứ ${issue.field} có byte không đọc được theo UTF-8 (${quote(issue.value)}): hãy lưu tệp với mã hóa UTF-8 (trong Excel: "CSV UTF-8")`;
  }
}
