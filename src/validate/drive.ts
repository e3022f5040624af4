// The string path (the reference): a file's decoded records driven through its checker, organizations
// (OrgChecker) or members (MemberChecker, counted as they stream past). The lines above the header that
// name none of its columns (a title, blank lines) are skipped with a notice. Takes the reader's batches
// (read/source.ts) as a parameter, so it touches no file; check.ts chooses this path or the byte path.
import { addMember, newMemberCounts, type MemberCounts } from '../figures/aggregate.js';
import type { OrgIndex } from '../figures/org-table.js';
import { newScoreTally } from '../figures/scores.js';
import { quote, type Problem, type ProblemSink } from '../problems.js';
import type { Batch } from '../read/source.js';
import type { CsvIssue, RawRecord } from '../read/tokenize.js';
import { isTitleLine, MAX_TITLE_LINES, MEMBER_COLUMNS, ORG_COLUMNS, type ColumnSpec } from './columns.js';
import { describeCsvIssue } from './file-checker.js';
import { MemberChecker } from './member-checker.js';
import { OrgChecker } from './org-checker.js';

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
  start: (header: RawRecord, ragged: boolean) => { csvIssue(i: CsvIssue): void; add(r: RawRecord): void },
): Promise<void> {
  let checker: ReturnType<typeof start> | undefined;
  let ragged = false; // a sheet's rows: see FileChecker.ragged
  // Lines above the header that name none of its columns (a title, blank lines): skipped, with a notice.
  const above: RawRecord[] = [];
  const begin = (header: RawRecord, rows: readonly RawRecord[] = []) => {
    checker = start(header, ragged);
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
      problems.push({ file, line: 0, code: batch.refused.code ?? 'not-csv', message: batch.refused.message, value: batch.refused.what });
      return;
    }
    if (batch.notice) problems.push({ file, line: 0, ...batch.notice });
    if (batch.ragged) ragged = true;
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

/** organizations.csv on the string path: its checker, undefined when the file has no header at all. */
export async function driveOrganizations(file: string, batches: AsyncIterable<Batch>, years: ReadonlySet<number>, problems: ProblemSink): Promise<OrgChecker | undefined> {
  let checker: OrgChecker | undefined;
  await drive(file, batches, problems, ORG_COLUMNS, (header, ragged) => {
    checker = new OrgChecker(file, header, years, problems);
    checker.ragged = ragged;
    return { csvIssue: (i) => checker!.csvIssue(i), add: (rec) => checker!.add(rec) };
  });
  return checker;
}

/** members.csv on the string path, each valid row counted (addMember) as it passes. */
export async function driveMembers(
  file: string,
  batches: AsyncIterable<Batch>,
  years: ReadonlySet<number>,
  orgs: OrgIndex | undefined,
  problems: ProblemSink,
  ratingDays: ReadonlyMap<number, number> = new Map(),
): Promise<Checked<Map<number, MemberCounts>>> {
  const counts = new Map([...years].map((y) => [y, newMemberCounts(y, orgs?.get(y)?.size ?? 0)]));
  let checker: MemberChecker | undefined;
  await drive(file, batches, problems, MEMBER_COLUMNS, (header, ragged) => {
    checker = new MemberChecker(file, header, years, problems, orgs, undefined, ratingDays);
    checker.ragged = ragged;
    for (const c of counts.values()) {
      c.admittedColumn = checker.header.index.admitted_on >= 0;
      if (checker.header.index.score >= 0) c.scores = newScoreTally();
    }
    return {
      csvIssue: (i) => checker!.csvIssue(i),
      add: (rec) => {
        const ok = checker!.add(rec);
        if (ok) addMember(counts.get(ok.row.year)!, ok.org, ok.row.rating, ok.row.reason, ok.row.admitted_on, ok.row.score);
      },
    };
  });
  return { result: counts, usable: checker?.usable ?? false, years: checker?.yearsSeen ?? new Map() };
}
