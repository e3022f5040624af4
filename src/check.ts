// Drives records through the checkers: organizations first (members refer to them), then members,
// counted as they stream past. Takes the reader's batches as a parameter, so it touches no file.
import { addMember, newMemberCounts, type MemberCounts } from './figures/aggregate.js';
import { formatCount } from './report/format.js';
import { ProblemList, quote, type Problem, type ProblemSink } from './problems.js';
import { isTitleLine, MAX_TITLE_LINES, MEMBER_COLUMNS, ORG_COLUMNS, type ColumnSpec } from './validate/columns.js';
import { confirmDuplicates, HashedIdSet } from './validate/idset.js';
import { clean } from './validate/schema.js';
import { scanOrgs, scanRange, type ScanJob, type ScanResult } from './fast/scan-members.js';
import { MAX_RECORD_CHARS, sniffDelimiter, type CsvIssue, type Delimiter, type RawRecord } from './read/tokenize.js';
import { OrgScanner } from './fast/scan-orgs.js';
import { bytesPerLine } from './fast/line-scanner.js';
import type { OrgIndex } from './figures/org-table.js';
import { describeCsvIssue, MemberChecker, OrgChecker } from './validate/checkers.js';

export interface Batch {
  records: RawRecord[];
  issues: CsvIssue[];
  refused?: { what: string; message: string };
  notice?: string;
}

export interface Checked<T> {
  result: T;
  /** False when the file is empty or lacks a required column: its rows could not be read. */
  usable: boolean;
  /** Every readable year seen, with its row count: to tell a user which years the file holds. */
  years: Map<number, number>;
}

async function drive(
  file: string,
  batches: AsyncIterable<Batch>,
  problems: ProblemSink,
  columns: readonly ColumnSpec[],
  start: (header: RawRecord) => { csvIssue(i: CsvIssue): void; add(r: RawRecord): void },
): Promise<void> {
  let checker: ReturnType<typeof start> | undefined;
  // Lines above the header that name none of its columns (a title, blank lines): skipped, with a notice.
  const above: RawRecord[] = [];
  const begin = (header: RawRecord, rows: readonly RawRecord[] = []) => {
    checker = start(header);
    for (const r of rows) checker.add(r);
  };
  const next = (record: RawRecord) => {
    if (checker) checker.add(record);
    else if (above.length < MAX_TITLE_LINES && isTitleLine(record.fields, columns)) above.push(record);
    else if (above.length < MAX_TITLE_LINES) {
      if (record.line > 1) problems.push(titleNotice(file, above, record.line));
      begin(record);
    } else begin(above[0]!, [...above.slice(1), record]); // no header among the first lines: the first is it
  };
  const issue = (i: CsvIssue) => {
    if (checker) checker.csvIssue(i);
    else problems.push({ file, line: i.line, code: i.code, message: `dòng tiêu đề không đọc được: ${describeCsvIssue(i)}`, value: i.value });
  };
  for await (const batch of batches) {
    if (batch.refused) {
      problems.push({ file, line: 0, code: 'not-csv', message: batch.refused.message, value: batch.refused.what });
      return;
    }
    if (batch.notice) problems.push({ file, line: 0, code: 'notice-encoding', message: batch.notice });
    // Records and issues in line order: an issue after the header is the checker's, one before it the header's.
    const { records, issues } = batch;
    let r = 0;
    for (const i of issues) {
      while (r < records.length && records[r]!.line <= i.line) next(records[r++]!);
      issue(i);
    }
    while (r < records.length) next(records[r++]!);
  }
  if (!checker && above.length > 0) begin(above[0]!, above.slice(1));
  if (!checker) problems.push({ file, line: 0, code: 'no-header', message: 'tệp trống: không có dòng tiêu đề nào (cần ít nhất dòng tiêu đề với tên các cột)' });
}

/** "đã bỏ qua 2 dòng phía trên dòng tên cột (dòng 3), như "DANH SÁCH ĐẢNG VIÊN NĂM 2025"": every line above the header. */
export function titleNotice(file: string, above: readonly { fields: readonly string[] }[], headerLine: number): Problem {
  const text = above.map((r) => r.fields.map((f) => f.trim()).filter((f) => f !== '').join(' ')).find((t) => t !== '');
  const what = text === undefined ? `${headerLine - 1} dòng trống` : `${headerLine - 1} dòng`;
  return { file, line: 0, code: 'notice-title-rows', message: `đã bỏ qua ${what} phía trên dòng tên cột (dòng ${headerLine})${text === undefined ? '' : `, như ${quote(text)}`}` };
}

export async function checkOrganizations(file: string, source: TableSource, years: ReadonlySet<number>, problems: ProblemSink): Promise<Checked<OrgIndex | undefined>> {
  let checker: OrgChecker | undefined;
  const raw = source.raw ? await source.raw() : undefined;
  if (raw && raw.encoding === 'utf-8' && raw.size >= (source.bytePathMin ?? BYTE_PATH_MIN)) checker = await scanOrganizations(file, raw, years, problems);
  raw?.close();
  if (!checker) {
    await drive(file, source.batches(), problems, ORG_COLUMNS, (header) => {
      checker = new OrgChecker(file, header, years, problems);
      return { csvIssue: (i) => checker!.csvIssue(i), add: (rec) => checker!.add(rec) };
    });
  }
  const usable = checker?.usable ? checker.finish() : undefined;
  return { result: usable, usable: usable !== undefined, years: checker?.yearsSeen ?? new Map() };
}

/** The organizations' byte path; undefined when the header is unusable (the string path then says why). */
async function scanOrganizations(file: string, raw: RawBytes, years: ReadonlySet<number>, problems: ProblemSink): Promise<OrgChecker | undefined> {
  const chunks = raw.chunks[Symbol.asyncIterator]();
  const header = await headerLine(chunks, ORG_COLUMNS);
  if (!header) return undefined;
  const record = { fields: header.fields, line: header.line, endLine: header.line };
  if (!new OrgChecker(file, record, years, []).usable) return undefined; // said by the string path, once
  if (header.line > 1) problems.push(titleNotice(file, header.above, header.line));
  const checker = new OrgChecker(file, record, years, problems);
  const scanner = new OrgScanner(checker, header.fields.length, header.delimiter);
  scanner.line = header.line + 1;
  for await (const chunk of rest(header.after, chunks)) scanner.push(chunk);
  scanner.end();
  return checker;
}

/** A file's bytes after its byte-order mark, and its size. */
export interface RawBytes {
  size: number;
  bom: number;
  chunks: AsyncIterable<Buffer>;
  close: () => void;
}

/** Where a file's rows come from: decoded text batches, or (UTF-8 at scale) raw bytes for the byte path. */
export interface TableSource {
  batches: () => AsyncIterable<Batch>;
  raw?: () => Promise<RawBytes & { encoding: string }>;
  /** Scans the body (from byte `bodyStart`) on several threads; undefined when it cannot be split. */
  parallel?: (job: ScanJob, orgs: OrgIndex, bodyStart: number) => Promise<ScanResult | undefined>;
  /** From what size the byte path is taken (tests lower it to hold the two paths to the same answers). */
  bytePathMin?: number;
}

/** Below this size (hand-made files) the string path costs nothing noticeable and keeps exact id sets. */
const BYTE_PATH_MIN = 64 << 10;
/** Below this size a second thread costs more to start than it saves. */
const PARALLEL_MIN = 48 << 20;

export async function checkMembers(
  file: string,
  source: TableSource,
  years: ReadonlySet<number>,
  orgs: OrgIndex | undefined,
  problems: ProblemSink,
): Promise<Checked<Map<number, MemberCounts>>> {
  const counts = new Map([...years].map((y) => [y, newMemberCounts(y, orgs?.get(y)?.size ?? 0)]));
  const raw = source.raw ? await source.raw() : undefined;
  if (raw && raw.encoding === 'utf-8' && raw.size >= (source.bytePathMin ?? BYTE_PATH_MIN)) {
    const done = await scanMembers(file, raw, years, orgs, problems, source);
    if (done) return done;
  }
  raw?.close();
  let checker: MemberChecker | undefined;
  await drive(file, source.batches(), problems, MEMBER_COLUMNS, (header) => {
    checker = new MemberChecker(file, header, years, problems, orgs);
    return {
      csvIssue: (i) => checker!.csvIssue(i),
      add: (rec) => {
        const ok = checker!.add(rec);
        if (ok) addMember(counts.get(ok.row.year)!, ok.org, ok.row.rating, ok.row.reason);
      },
    };
  });
  return { result: counts, usable: checker?.usable ?? false, years: checker?.yearsSeen ?? new Map() };
}

/**
 * The byte path: the header as text, then the rest through MemberScanner, then the hashed duplicate
 * candidates confirmed against the ids read again. Undefined when the header is unusable (the string
 * path then reports it, with everything else, exactly as for a small file).
 */
async function scanMembers(
  file: string,
  raw: RawBytes,
  years: ReadonlySet<number>,
  orgs: OrgIndex | undefined,
  problems: ProblemSink,
  source: TableSource,
): Promise<Checked<Map<number, MemberCounts>> | undefined> {
  const chunks = raw.chunks[Symbol.asyncIterator]();
  const header = await headerLine(chunks, MEMBER_COLUMNS);
  if (!header) return undefined;
  const { fields: headerFields, delimiter, after } = header;
  // Kept apart until the header is known to be usable (else the string path says it all, once).
  const mine = new ProblemList(problems instanceof ProblemList ? problems.max : 0);
  const checker = new MemberChecker(file, { fields: headerFields, line: header.line, endLine: header.line }, years, mine, orgs);
  if (!checker.usable || !orgs) return undefined;
  if (header.line > 1) mine.push(titleNotice(file, header.above, header.line));
  // Rows estimated from the first lines' length, to size the id sets once instead of growing them.
  const expected = Math.ceil((raw.size / bytesPerLine(after)) * 1.05);
  const job: ScanJob = { file, headerFields, headerLine: header.line, delimiter, years: [...years], firstLine: header.line + 1, expected, maxProblems: mine.max };
  let result: ScanResult | undefined;
  if (source.parallel && raw.size >= PARALLEL_MIN) {
    raw.close();
    result = await source.parallel(job, orgs, raw.bom + header.bytes);
    if (!result) {
      const again = await source.raw!();
      const it = again.chunks[Symbol.asyncIterator]();
      result = await scanRange(job, scanOrgs(orgs), skipBytes(it, header.bytes));
    }
  } else {
    result = await scanRange(job, scanOrgs(orgs), rest(after, chunks));
  }
  mine.absorb(result.problems);
  await confirmCandidates(checker, result.ids, source, checker.header.index.id);
  if (problems instanceof ProblemList) problems.absorb(mine);
  else for (const p of mine.select().listed) problems.push(p);
  return { result: result.counts, usable: true, years: result.yearsSeen };
}

/**
 * The header line read from the first chunks (title lines above it skipped, as the string path does), with
 * the bytes up to its end and those after it; undefined when there is none, or it or a line above it is
 * unusual (quotes, bad bytes, no header among the first lines): the string path then reads the file and says
 * what it has to.
 */
async function headerLine(
  chunks: AsyncIterator<Buffer>,
  columns: readonly ColumnSpec[],
): Promise<{ fields: string[]; delimiter: Delimiter; line: number; bytes: number; after: Buffer; above: { fields: string[] }[] } | undefined> {
  let head = Buffer.alloc(0);
  const above: { fields: string[] }[] = [];
  for (let at = 0; ; ) {
    let nl = -1;
    while ((nl = head.indexOf(10, at)) === -1) {
      const r = await chunks.next();
      if (r.done || head.length - at > MAX_RECORD_CHARS) return undefined;
      head = Buffer.concat([head, r.value]);
    }
    const text = head.toString('utf8', at, nl + 1);
    if (text.includes('"') || text.includes('\ufffd')) return undefined;
    const delimiter = sniffDelimiter(text);
    const fields = text.replace(/\r?\n$/, '').split(delimiter);
    at = nl + 1;
    if (!isTitleLine(fields, columns)) return { fields, delimiter, line: above.length + 1, bytes: at, after: head.subarray(at), above };
    if (above.length + 1 >= MAX_TITLE_LINES) return undefined;
    above.push({ fields });
  }
}

async function* rest(first: Buffer, more: AsyncIterator<Buffer>): AsyncGenerator<Buffer> {
  if (first.length) yield first;
  for (let r = await more.next(); !r.done; r = await more.next()) yield r.value;
}

/** The chunks after the first `n` bytes (the header and the lines above it). */
async function* skipBytes(it: AsyncIterator<Buffer>, n: number): AsyncGenerator<Buffer> {
  let skipped = 0;
  for (let r = await it.next(); !r.done; r = await it.next()) {
    if (skipped + r.value.length <= n) {
      skipped += r.value.length;
      continue;
    }
    yield* rest(r.value.subarray(n - skipped), it);
    return;
  }
}

/** Reads the ids at the candidate lines again and reports the true duplicates. */
async function confirmCandidates(checker: MemberChecker, ids: Map<number, HashedIdSet>, source: TableSource, idColumn: number): Promise<void> {
  const sets: [number, number[]][] = [...ids].map(([year, set]) => [year, set.candidates()]);
  const wanted = new Set(sets.flatMap(([, c]) => c));
  if (wanted.size === 0) return;
  const idAt = new Map<number, string>();
  for await (const batch of source.batches()) {
    for (const r of batch.records) if (wanted.has(r.line)) idAt.set(r.line, clean(r.fields[idColumn] ?? ''));
  }
  for (const [year, candidates] of sets) {
    for (const [line, first] of confirmDuplicates(candidates, idAt)) checker.reportDuplicate(line, idAt.get(line)!, first, year);
  }
}

export interface CheckedInputs {
  /** The organizations of each checked year, or undefined when organizations.csv could not be read. */
  orgs: OrgIndex | undefined;
  members: Map<number, MemberCounts>;
  usable: boolean;
  orgYears: Map<number, number>;
  memberYears: Map<number, number>;
}

/** Both files through the checkers: organizations first, members against them. */
export async function checkInputs(
  files: { organizations: string; members: string },
  open: (file: string) => TableSource,
  years: ReadonlySet<number>,
  problems: ProblemList,
  mark: (stage: string) => void = () => {},
): Promise<CheckedInputs> {
  const orgs = await checkOrganizations(files.organizations, open(files.organizations), years, problems);
  mark('organizations');
  const members = await checkMembers(files.members, open(files.members), years, orgs.result, problems);
  mark('members');
  sayUnreadableYearsOnce(files.organizations, orgs.years, problems);
  sayUnreadableYearsOnce(files.members, members.years, problems);
  return { orgs: orgs.result, members: members.result, usable: orgs.usable && members.usable, orgYears: orgs.years, memberYears: members.years };
}

/**
 * A file whose year column cannot be read on any row (Excel wrote it as a date, a text the column was
 * formatted as…) is one fault, said once with its value, not on every line.
 */
function sayUnreadableYearsOnce(file: string, yearsSeen: ReadonlyMap<number, number>, problems: ProblemList): void {
  if (yearsSeen.size > 0) return;
  const { count, first } = problems.take(file, 'bad-year');
  if (count === 0) return;
  if (count === 1 && first) {
    problems.push(first);
    return;
  }
  const example = first ? ` (ví dụ ở dòng ${first.line}: ${quote(first.value ?? '')})` : '';
  const column = first?.column ?? 'year';
  problems.push({
    file,
    line: first?.line ?? 0,
    code: 'bad-year',
    column,
    ...(first?.value !== undefined ? { value: first.value } : {}),
    message: `cột ${quote(column)}: không đọc được năm ở dòng nào trong ${formatCount(count)} dòng${example}; năm phải ghi bằng 4 chữ số, ví dụ 2025 (nếu tệp xuất từ Excel, hãy định dạng cột này là Số hoặc Văn bản, không phải Ngày)`,
  });
}
