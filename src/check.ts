// The orchestrator: both files through the checkers, organizations first (members refer to them), each on
// the byte path (fast/byte-path.ts: UTF-8 or UTF-16) when it takes the file, else on the string path
// (validate/drive.ts, the reference). The sources (read/source.ts) are parameters: this touches no file.
import type { MemberCounts } from './figures/aggregate.js';
import type { OrgIndex } from './figures/org-table.js';
import { formatCount } from './format.js';
import { ProblemList, quote, type ProblemSink } from './problems.js';
import { NotPlain } from './read/xlsx/not-plain.js';
import type { TableSource } from './read/source.js';
import { driveMembers, driveOrganizations, type Checked } from './validate/drive.js';
import { bytePathBytes, scanMembers, scanOrganizations, type ByteSource } from './fast/byte-path.js';

type ByteRaw = NonNullable<Awaited<ReturnType<typeof bytePathBytes>>>;

export async function checkOrganizations(file: string, source: TableSource, years: ReadonlySet<number>, problems: ProblemSink): Promise<Checked<OrgIndex | undefined>> {
  const raw = await bytePathBytes(source);
  let checker = raw ? await scanOrganizations(file, raw, years, problems) : undefined;
  raw?.close();
  checker ??= await driveOrganizations(file, source.batches(), years, problems);
  const usable = checker?.usable ? checker.finish() : undefined;
  return { result: usable, usable: usable !== undefined, years: checker?.yearsSeen ?? new Map() };
}

export async function checkMembers(
  file: string,
  source: ByteSource,
  years: ReadonlySet<number>,
  orgs: OrgIndex | undefined,
  problems: ProblemSink,
  ratingDays: ReadonlyMap<number, number> = new Map(),
): Promise<Checked<Map<number, MemberCounts>>> {
  const raw = await bytePathBytes(source);
  if (raw) {
    const done = raw.sheet ? await sheetOnBytes(file, raw, raw.sheet, years, orgs, problems, source, ratingDays) : await scanMembers(file, raw, years, orgs, problems, source, ratingDays);
    if (done) return done;
    raw.close();
  }
  return driveMembers(file, source.batches(), years, orgs, problems, ratingDays);
}

/**
 * A sheet turned into CSV bytes, on the byte path: taken when it has no problem (with the notice of which sheet
 * was read, as the string path says it first), else undefined, and the string path reads the sheet again: its
 * messages say what Excel did to a cell ("mã 5 có thể đã mất số 0 ở đầu"). So, too, when the sheet holds what
 * the conversion does not write (NotPlain).
 */
async function sheetOnBytes(
  file: string,
  raw: ByteRaw,
  sheet: NonNullable<ByteRaw['sheet']>,
  years: ReadonlySet<number>,
  orgs: OrgIndex | undefined,
  problems: ProblemSink,
  source: ByteSource,
  ratingDays: ReadonlyMap<number, number>,
): Promise<Checked<Map<number, MemberCounts>> | undefined> {
  const mine = new ProblemList(problems instanceof ProblemList ? problems.max : 0);
  try {
    const done = await scanMembers(file, raw, years, orgs, mine, source, ratingDays);
    if (!done || mine.total() > 0) return undefined;
    if (sheet.notice) problems.push({ file, line: 0, ...sheet.notice });
    if (problems instanceof ProblemList) problems.absorb(mine);
    else for (const p of [...mine.notices, ...mine.warnings.select().listed]) problems.push(p);
    return done;
  } catch (e) {
    if (e instanceof NotPlain) return undefined;
    throw e;
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
  open: (file: string) => ByteSource,
  years: ReadonlySet<number>,
  problems: ProblemList,
  mark: (stage: string) => void = () => {},
  /** The day each year's rating is made on, where report.json gives it (else 31/12). */
  ratingDays: ReadonlyMap<number, number> = new Map(),
): Promise<CheckedInputs> {
  const orgs = await checkOrganizations(files.organizations, open(files.organizations), years, problems);
  mark('organizations');
  const members = await checkMembers(files.members, open(files.members), years, orgs.result, problems, ratingDays);
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
