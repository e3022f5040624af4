// What both checkers share (OrgChecker: org-checker.ts, MemberChecker: member-checker.ts): the header
// mapped to columns, a record cut into its cells and its year (rows of other years are skipped, unchecked),
// the zod row schema (schema.ts) run with each issue turned into a problem naming its column, the year's
// rating scheme, duplicate ids reported. Problems are values, appended to one list; every row problem is
// declared in row-checks.ts with how the byte path covers it.
import type * as z from 'zod/mini';
import { mapHeader, type HeaderMap } from './columns.js';
import { quote, type ProblemCode, type ProblemSink } from '../problems.js';
import { parseYear, problemCodeOf } from './schema.js';
import { blockCodes, FIRST_YEAR, RATINGS, SCHEMES, schemeFor, type RatingCode } from '../schemes.js';
import type { CsvIssue, RawRecord } from '../read/tokenize.js';
import { formatCount } from '../format.js';
import type { ByteHandling } from './row-checks.js';

export abstract class FileChecker<K extends string> {
  readonly header: HeaderMap<K>;
  /** False when a required column is missing: the rows cannot be read at all. */
  readonly usable: boolean;
  /** Every readable year, with its row count. */
  readonly yearsSeen = new Map<number, number>();
  protected readonly width: number;
  /** Physical line of the header (1, or below title lines). */
  readonly headerLine: number;
  /**
   * The rows come from a sheet, where a row ends at its last cell: a shorter row has empty cells, and cells
   * past the header's columns have no column (they are ignored, as unknown columns are). Not for CSV, where a
   * row with the wrong number of fields is misshapen.
   */
  ragged = false;

  constructor(
    readonly file: string,
    headerRecord: RawRecord,
    columns: readonly { key: K; aliases: readonly string[]; required: string }[],
    protected readonly years: ReadonlySet<number>,
    protected readonly problems: ProblemSink,
    /** The row problems this file can have (validate/row-checks.ts). */
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
   * A problem of a row: its code must be declared in validate/row-checks.ts with how the byte path covers it,
   * else a row rule would run on small files and silently not on large ones. Undeclared is a bug, said loudly.
   */
  protected reportRow(line: number, code: ProblemCode, message: string, extra: { column?: string; value?: string; year?: number } = {}): void {
    if (!(code in this.rowChecks)) throw new Error(`row problem "${code}" is not declared in src/validate/row-checks.ts (how does the byte path handle it?)`);
    this.report(line, code, message, extra);
  }

  /** A problem of one cell of the row being checked: it belongs to that row's year. */
  reportCell(line: number, code: ProblemCode, key: K, value: string, message: string, year = this.rowYear): void {
    const column = this.header.label[key];
    this.reportRow(line, code, `cột ${quote(column)}, giá trị ${quote(value)}: ${message}`, { column, value, ...(year !== undefined ? { year } : {}) });
  }

  /** Whether Excel stored the cell `key` of a sheet's row as a number (an id that may have lost its leading zeros). */
  protected typedNumber(record: RawRecord, key: K): boolean {
    const i = this.header.index[key];
    return record.numeric !== undefined && i >= 0 && i < 31 && ((record.numeric >> i) & 1) === 1;
  }

  csvIssue(issue: CsvIssue): void {
    this.report(issue.line, issue.code, describeCsvIssue(issue), { value: issue.value });
  }

  /** The row as an object of text cells, or undefined when it is blank, misshapen or of another year. */
  protected cells(record: RawRecord): { obj: Record<K, string>; year: number } | undefined {
    this.rowYear = undefined;
    const f = record.fields;
    if (f.every((x) => x.trim() === '')) return undefined; // a blank line, or only separators
    if (!this.ragged && (f.length < this.width || (f.length > this.width && f.slice(this.width).some((x) => x.trim() !== '')))) {
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

  /** Runs a row schema; each zod issue becomes a problem naming its column, with the code the schema gave it. */
  protected parse<T>(schema: z.ZodMiniType<T, Record<K, string>>, obj: Record<K, string>, line: number, year: number, block: 'org' | 'member'): T | undefined {
    const r = schema.safeParse(obj);
    if (r.success) return r.data;
    for (const issue of r.error.issues) {
      const key = String(issue.path[0]) as K;
      const hint = key === 'rating' ? `; ${schemeHint(year, block)}` : '';
      this.reportCell(line, problemCodeOf(issue), key, obj[key], issue.message + hint);
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

  reportDuplicate(line: number, id: string, first: number, year: number): void {
    this.reportCell(line, 'duplicate-id', 'id' as K, id, `mã này đã có ở dòng ${first} (năm ${year}); mỗi mã chỉ được xuất hiện một lần trong một năm`, year);
  }

}

/**
 * What Excel probably did to an id that matches nothing, when its cell was a number: `; mã 5 có thể đã mất số 0
 * ở đầu…` (an id typed as 005 in a cell of General format is stored as the number 5). Blank otherwise.
 */
export function leadingZerosHint(id: string, typed: boolean): string {
  return typed && /^\d+$/.test(id) ? `; mã ${id} có thể đã mất số 0 ở đầu: trong Excel hãy định dạng cột là Văn bản (Text) rồi gõ lại mã` : '';
}

/** "các mức xếp loại tổ chức năm 2017: TSVM, HTTNV, HTNV, YEU, hoặc Không xếp loại, Chưa xếp loại" */
function schemeHint(year: number, block: 'org' | 'member'): string {
  const who = block === 'org' ? 'tổ chức' : 'đảng viên';
  return `các mức xếp loại ${who} năm ${year}: ${schemeFor(year)[block].join(', ')}, hoặc Không xếp loại, Chưa xếp loại (mã hoặc tên đầy đủ)`;
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
    case 'excel-error':
      return `ô ${issue.cell ?? `thứ ${issue.field}`} chứa lỗi ${issue.value} của Excel (công thức không tính ra giá trị) nên được đọc là ô trống: hãy sửa công thức, hoặc chép và dán lại cột này dưới dạng giá trị (Dán đặc biệt › Giá trị)`;
  }
}
