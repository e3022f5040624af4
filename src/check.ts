// Drives records through the checkers: organizations first (members refer to them), then members,
// counted as they stream past. Takes the reader's batches as a parameter, so it touches no file.
import { addMember, newMemberCounts, type MemberCounts } from './aggregate.js';
import type { Problem } from './problems.js';
import type { CsvIssue, RawRecord } from './tokenize.js';
import { confirmDuplicates, HashedIdSet } from './idset.js';
import { MemberScanner } from './scan.js';
import { sniffDelimiter } from './tokenize.js';
import { describeCsvIssue, MemberChecker, OrgChecker, type OrgIndex } from './validate.js';

export interface Batch {
  records: RawRecord[];
  issues: CsvIssue[];
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
  if (!checker) problems.push({ file, line: 0, code: 'missing-column', message: 'tệp trống: không có dòng tiêu đề nào (cần ít nhất dòng tiêu đề với tên các cột)' });
}

export async function checkOrganizations(file: string, batches: AsyncIterable<Batch>, years: ReadonlySet<number>, problems: Problem[]): Promise<Checked<OrgIndex | undefined>> {
  let checker: OrgChecker | undefined;
  await drive(file, batches, problems, (header) => {
    checker = new OrgChecker(file, header, years, problems);
    return { csvIssue: (i) => checker!.csvIssue(i), add: (rec) => checker!.add(rec) };
  });
  const usable = checker?.usable ? checker.finish() : undefined;
  return { result: usable, usable: usable !== undefined, years: checker?.yearsSeen ?? new Map() };
}

/** Where a file's rows come from: decoded text batches, or (UTF-8 at scale) raw bytes for the byte path. */
export interface TableSource {
  batches: () => AsyncIterable<Batch>;
  raw?: () => Promise<{ encoding: string; size: number; chunks: AsyncIterable<Buffer>; close: () => void }>;
}

/** Below this size the string path is as fast as the byte path, and keeps exact id sets. */
const BYTE_PATH_MIN = 4 << 20;

export async function checkMembers(
  file: string,
  source: TableSource,
  years: ReadonlySet<number>,
  orgs: OrgIndex | undefined,
  problems: Problem[],
): Promise<Checked<Map<number, MemberCounts>>> {
  const counts = new Map([...years].map((y) => [y, newMemberCounts(y, orgs?.get(y)?.size ?? 0)]));
  const raw = source.raw ? await source.raw() : undefined;
  if (raw && raw.encoding === 'utf-8' && raw.size >= BYTE_PATH_MIN) {
    const done = await scanMembers(file, raw, years, orgs, counts, problems, source);
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
        if (ok) addMember(counts.get(ok.row.year)!, ok.org.index, ok.row.rating, ok.row.reason);
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
  raw: { size: number; chunks: AsyncIterable<Buffer> },
  years: ReadonlySet<number>,
  orgs: OrgIndex | undefined,
  counts: Map<number, MemberCounts>,
  problems: Problem[],
  source: TableSource,
): Promise<Checked<Map<number, MemberCounts>> | undefined> {
  const chunks = raw.chunks[Symbol.asyncIterator]();
  let head = Buffer.alloc(0);
  let nl = -1;
  while ((nl = head.indexOf(10)) === -1) {
    const r = await chunks.next();
    if (r.done) return undefined;
    head = Buffer.concat([head, r.value]);
  }
  const headerText = head.toString('utf8', 0, nl + 1);
  if (headerText.includes('"') || headerText.includes('\ufffd')) return undefined; // unusual header: string path
  const delimiter = sniffDelimiter(headerText);
  const headerFields = headerText.replace(/\r?\n$/, '').split(delimiter);
  const mine: Problem[] = [];
  // Rows estimated from the first chunk's line length, to size the id sets once instead of growing them.
  let lines = 0;
  for (let i = head.indexOf(10); i !== -1; i = head.indexOf(10, i + 1)) lines++;
  const estimate = Math.ceil((raw.size / Math.max(1, head.length)) * lines * 1.05);
  const checker = new MemberChecker(file, { fields: headerFields, line: 1, endLine: 1 }, years, mine, orgs, Math.max(1 << 14, estimate));
  if (!checker.usable || !orgs) return undefined;
  const { index } = checker.header;
  const scanner = new MemberScanner(checker, { id: index.id, org_id: index.org_id, year: index.year, rating: index.rating, reason: index.reason }, headerFields.length, delimiter, counts, years);
  scanner.push(head.subarray(nl + 1));
  for (let r = await chunks.next(); !r.done; r = await chunks.next()) scanner.push(r.value);
  scanner.end();
  await confirmCandidates(checker, source, index.id);
  problems.push(...mine);
  return { result: counts, usable: true, years: checker.yearsSeen };
}

/** Reads the ids at the candidate lines again and reports the true duplicates. */
async function confirmCandidates(checker: MemberChecker, source: TableSource, idColumn: number): Promise<void> {
  const sets = [...checker.ids].filter(([, s]) => s instanceof HashedIdSet && s.candidates.length > 0) as [number, HashedIdSet][];
  if (sets.length === 0) return;
  const wanted = new Set(sets.flatMap(([, s]) => s.candidates));
  const idAt = new Map<number, string>();
  for await (const batch of source.batches()) {
    for (const r of batch.records) if (wanted.has(r.line)) idAt.set(r.line, (r.fields[idColumn] ?? '').trim());
  }
  for (const [year, set] of sets) {
    for (const [line, first] of confirmDuplicates(set.candidates, idAt)) checker.reportDuplicate(line, idAt.get(line)!, first, year);
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
): Promise<CheckedInputs> {
  const orgs = await checkOrganizations(files.organizations, open(files.organizations).batches(), years, problems);
  const members = await checkMembers(files.members, open(files.members), years, orgs.result, problems);
  return { orgs: orgs.result, members: members.result, usable: orgs.usable && members.usable, orgYears: orgs.years, memberYears: members.years };
}
