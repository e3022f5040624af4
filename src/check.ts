// Drives records through the checkers: organizations first (members refer to them), then members,
// counted as they stream past. Takes the reader's batches as a parameter, so it touches no file.
import { addMember, newMemberCounts, type MemberCounts } from './aggregate.js';
import type { Problem } from './problems.js';
import { confirmDuplicates, HashedIdSet } from './idset.js';
import { clean } from './schema.js';
import { scanOrgs, scanRange, type ScanJob, type ScanResult } from './scan.js';
import { MAX_RECORD_CHARS, sniffDelimiter, type CsvIssue, type Delimiter, type RawRecord } from './tokenize.js';
import { OrgScanner } from './scan-orgs.js';
import { bytesPerLine } from './line-scanner.js';
import type { OrgIndex } from './org-table.js';
import { describeCsvIssue, MemberChecker, OrgChecker } from './validate.js';

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
  problems: Problem[],
  start: (header: RawRecord) => { csvIssue(i: CsvIssue): void; add(r: RawRecord): void },
): Promise<void> {
  let checker: ReturnType<typeof start> | undefined;
  for await (const batch of batches) {
    if (batch.refused) {
      problems.push({ file, line: 0, code: 'not-csv', message: batch.refused.message, value: batch.refused.what });
      return;
    }
    if (batch.notice) problems.push({ file, line: 0, code: 'notice-encoding', message: batch.notice });
    let records = batch.records;
    if (!checker && records.length > 0 && !batch.issues.some((i) => i.line < records[0]!.line)) {
      checker = start(records[0]!);
      records = records.slice(1);
    }
    for (const issue of batch.issues) {
      if (checker) checker.csvIssue(issue);
      else problems.push({ file, line: issue.line, code: issue.code, message: `dòng tiêu đề không đọc được: ${describeCsvIssue(issue)}`, value: issue.value });
    }
    for (const record of records) {
      if (!checker) checker = start(record);
      else checker.add(record);
    }
  }
  if (!checker) problems.push({ file, line: 0, code: 'no-header', message: 'tệp trống: không có dòng tiêu đề nào (cần ít nhất dòng tiêu đề với tên các cột)' });
}

export async function checkOrganizations(file: string, source: TableSource, years: ReadonlySet<number>, problems: Problem[]): Promise<Checked<OrgIndex | undefined>> {
  let checker: OrgChecker | undefined;
  const raw = source.raw ? await source.raw() : undefined;
  if (raw && raw.encoding === 'utf-8' && raw.size >= (source.bytePathMin ?? BYTE_PATH_MIN)) checker = await scanOrganizations(file, raw, years, problems);
  raw?.close();
  if (!checker) {
    await drive(file, source.batches(), problems, (header) => {
      checker = new OrgChecker(file, header, years, problems);
      return { csvIssue: (i) => checker!.csvIssue(i), add: (rec) => checker!.add(rec) };
    });
  }
  const usable = checker?.usable ? checker.finish() : undefined;
  return { result: usable, usable: usable !== undefined, years: checker?.yearsSeen ?? new Map() };
}

/** The organizations' byte path; undefined when the header is unusable (the string path then says why). */
async function scanOrganizations(file: string, raw: RawBytes, years: ReadonlySet<number>, problems: Problem[]): Promise<OrgChecker | undefined> {
  const chunks = raw.chunks[Symbol.asyncIterator]();
  const header = await headerLine(chunks);
  if (!header) return undefined;
  const record = { fields: header.fields, line: 1, endLine: 1 };
  if (!new OrgChecker(file, record, years, []).usable) return undefined; // said by the string path, once
  const checker = new OrgChecker(file, record, years, problems);
  const scanner = new OrgScanner(checker, header.fields.length, header.delimiter);
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
  problems: Problem[],
): Promise<Checked<Map<number, MemberCounts>>> {
  const counts = new Map([...years].map((y) => [y, newMemberCounts(y, orgs?.get(y)?.size ?? 0)]));
  const raw = source.raw ? await source.raw() : undefined;
  if (raw && raw.encoding === 'utf-8' && raw.size >= (source.bytePathMin ?? BYTE_PATH_MIN)) {
    const done = await scanMembers(file, raw, years, orgs, problems, source);
    if (done) return done;
  }
  raw?.close();
  let checker: MemberChecker | undefined;
  await drive(file, source.batches(), problems, (header) => {
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
  problems: Problem[],
  source: TableSource,
): Promise<Checked<Map<number, MemberCounts>> | undefined> {
  const chunks = raw.chunks[Symbol.asyncIterator]();
  const header = await headerLine(chunks);
  if (!header) return undefined;
  const { fields: headerFields, delimiter, after } = header;
  const mine: Problem[] = [];
  const checker = new MemberChecker(file, { fields: headerFields, line: 1, endLine: 1 }, years, mine, orgs);
  if (!checker.usable || !orgs) return undefined;
  // Rows estimated from the first lines' length, to size the id sets once instead of growing them.
  const expected = Math.ceil((raw.size / bytesPerLine(after)) * 1.05);
  const job: ScanJob = { file, headerFields, delimiter, years: [...years], firstLine: 2, expected };
  let result: ScanResult | undefined;
  if (source.parallel && raw.size >= PARALLEL_MIN) {
    raw.close();
    result = await source.parallel(job, orgs, raw.bom + header.bytes);
    if (!result) {
      const again = await source.raw!();
      const it = again.chunks[Symbol.asyncIterator]();
      result = await scanRange(job, scanOrgs(orgs), skipHeader(it));
    }
  } else {
    result = await scanRange(job, scanOrgs(orgs), rest(after, chunks));
  }
  for (const issue of result.problems) mine.push(issue);
  await confirmCandidates(checker, result.ids, source, checker.header.index.id);
  problems.push(...mine);
  return { result: result.counts, usable: true, years: result.yearsSeen };
}

/**
 * The header line read from the first chunks, with the bytes after it; undefined when there is none, or it
 * is unusual (quotes, bad bytes): the string path then reads the file and says what it has to.
 */
async function headerLine(chunks: AsyncIterator<Buffer>): Promise<{ fields: string[]; delimiter: Delimiter; bytes: number; after: Buffer } | undefined> {
  let head = Buffer.alloc(0);
  let nl = -1;
  while ((nl = head.indexOf(10)) === -1) {
    const r = await chunks.next();
    if (r.done || head.length > MAX_RECORD_CHARS) return undefined;
    head = Buffer.concat([head, r.value]);
  }
  const text = head.toString('utf8', 0, nl + 1);
  if (text.includes('"') || text.includes('\ufffd')) return undefined;
  const delimiter = sniffDelimiter(text);
  return { fields: text.replace(/\r?\n$/, '').split(delimiter), delimiter, bytes: nl + 1, after: head.subarray(nl + 1) };
}

async function* rest(first: Buffer, more: AsyncIterator<Buffer>): AsyncGenerator<Buffer> {
  if (first.length) yield first;
  for (let r = await more.next(); !r.done; r = await more.next()) yield r.value;
}

/** The chunks after the header line. */
async function* skipHeader(it: AsyncIterator<Buffer>): AsyncGenerator<Buffer> {
  let head = Buffer.alloc(0);
  for (let r = await it.next(); !r.done; r = await it.next()) {
    head = Buffer.concat([head, r.value]);
    const nl = head.indexOf(10);
    if (nl !== -1) {
      yield* rest(head.subarray(nl + 1), it);
      return;
    }
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
  problems: Problem[],
  mark: (stage: string) => void = () => {},
): Promise<CheckedInputs> {
  const orgs = await checkOrganizations(files.organizations, open(files.organizations), years, problems);
  mark('organizations');
  const members = await checkMembers(files.members, open(files.members), years, orgs.result, problems);
  mark('members');
  return { orgs: orgs.result, members: members.result, usable: orgs.usable && members.usable, orgYears: orgs.years, memberYears: members.years };
}
