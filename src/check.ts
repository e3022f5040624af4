// Drives records through the checkers: organizations first (members refer to them), then members,
// counted as they stream past. Takes the reader's batches as a parameter, so it touches no file.
import { addMember, newMemberCounts, type MemberCounts } from './aggregate.js';
import type { Problem } from './problems.js';
import type { CsvIssue, RawRecord } from './tokenize.js';
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

export async function checkMembers(
  file: string,
  batches: AsyncIterable<Batch>,
  years: ReadonlySet<number>,
  orgs: OrgIndex | undefined,
  problems: Problem[],
): Promise<Checked<Map<number, MemberCounts>>> {
  const counts = new Map([...years].map((y) => [y, newMemberCounts(y)]));
  let checker: MemberChecker | undefined;
  await drive(file, batches, problems, (header) => {
    checker = new MemberChecker(file, header, years, problems, orgs);
    return {
      csvIssue: (i) => checker!.csvIssue(i),
      add: (rec) => {
        const row = checker!.add(rec);
        if (row) addMember(counts.get(row.year)!, row);
      },
    };
  });
  return { result: counts, usable: checker?.usable ?? false, years: checker?.yearsSeen ?? new Map() };
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
  read: (file: string) => AsyncIterable<Batch>,
  years: ReadonlySet<number>,
  problems: Problem[],
): Promise<CheckedInputs> {
  const orgs = await checkOrganizations(files.organizations, read(files.organizations), years, problems);
  const members = await checkMembers(files.members, read(files.members), years, orgs.result, problems);
  return { orgs: orgs.result, members: members.result, usable: orgs.usable && members.usable, orgYears: orgs.years, memberYears: members.years };
}
