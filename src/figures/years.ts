// Which year is reported and which compared: rows of the year asked must exist; problems of the
// compared year cancel a default comparison (its rows are not the report's) instead of failing the run;
// a comparison the user asked for (--compare) that cannot be made is a usage error that says why.
import { finalize, type Figures } from './aggregate.js';
import type { CheckedInputs } from '../check.js';
import { UsageError } from '../errors.js';
import { formatCount } from '../format.js';
import type { ProblemList, Selection } from '../problems.js';

export interface Years<T = Figures> {
  /** The problems that fail the run: those of the reported year, and those of every year. */
  main: Selection;
  /** The reported year's figures (undefined when there are problems), and the compared year's. */
  figures: T | undefined;
  previous: T | undefined;
  /** Why the comparison was left out, for stderr. */
  notice: string | undefined;
}

interface Comparison {
  /** The year to compare with, or null for none. */
  year: number | null;
  /** Named by --compare: it must be honoured, or the run stops (exit 2) saying why. */
  explicit: boolean;
}

/** `make`: what is made of a year's valid data (its figures; a roll-up takes the year's tables as they are). */
export function settleYears<T = Figures>(
  year: number,
  compare: Comparison,
  files: { organizations: string; members: string },
  data: CheckedInputs,
  problems: ProblemList,
  make: (data: CheckedInputs, year: number) => T | undefined = figuresOf as (data: CheckedInputs, year: number) => T | undefined,
): Years<T> {
  const other = compare.year === year ? null : compare.year;
  if (data.usable) requireYear(year, files, data, problems);
  if (compare.explicit && other !== null && data.usable) requireCompared(other, files, data);
  const isMain = (key: number | 'all') => key !== other;
  const main = problems.select(isMain);
  const figures = main.total === 0 ? make(data, year) : undefined;
  if (other === null) return { main, figures, previous: undefined, notice: undefined };
  const theirs = problems.total((key) => !isMain(key));
  if (theirs > 0) {
    const why = `dữ liệu năm đó có ${formatCount(theirs)} lỗi`;
    if (compare.explicit && main.total === 0) throw new UsageError(`không so sánh được với năm ${other}: ${why}`, `xem các lỗi bằng: assess validate --year ${other}; hoặc bỏ --compare`);
    return { main, figures, previous: undefined, notice: `assess: không so sánh với năm ${other}: ${why} (xem: assess validate --year ${other})\n` };
  }
  return { main, figures, previous: make(data, other), notice: undefined };
}

function figuresOf(data: CheckedInputs, year: number): Figures | undefined {
  const orgs = data.orgs?.get(year);
  const counts = data.members.get(year);
  return orgs && counts && orgs.size > 0 ? finalize(orgs, counts) : undefined;
}

const has = (m: ReadonlyMap<number, number>, year: number) => (m.get(year) ?? 0) > 0;

/** "organizations.csv có các năm 2023, 2024" / "members.csv không có dòng nào ghi năm đọc được". */
function yearsOf(file: string, m: ReadonlyMap<number, number>): string {
  if (m.size === 0) return `${file} không có dòng nào ghi năm đọc được`;
  const list = [...m.keys()].sort((a, b) => a - b).join(', ');
  return m.size === 1 ? `${file} chỉ có năm ${list}` : `${file} có các năm ${list}`;
}

/**
 * No row of the year in either file is a usage error (wrong --year), unless some years could not be read
 * (then those rows are the problem, listed with exit 1); in one file only, a data problem.
 */
function requireYear(year: number, inputs: { organizations: string; members: string }, data: CheckedInputs, problems: ProblemList): void {
  const unreadable = (file: string) => problems.select().listed.some((p) => p.file === file && p.code === 'bad-year');
  if (!has(data.orgYears, year) && !has(data.memberYears, year)) {
    if (unreadable(inputs.organizations) || unreadable(inputs.members)) return;
    throw new UsageError(`không có dữ liệu năm ${year}: ${yearsOf(inputs.organizations, data.orgYears)}; ${yearsOf(inputs.members, data.memberYears)}`, 'chọn một năm có trong dữ liệu với --year');
  }
  for (const [file, m, what] of [[inputs.organizations, data.orgYears, 'tổ chức'], [inputs.members, data.memberYears, 'đảng viên']] as const) {
    if (!has(m, year) && !unreadable(file)) problems.push({ file, line: 0, code: 'no-rows', message: `không có ${what} nào của năm ${year} (${yearsOf('tệp', m)})`, year });
  }
}

/** The year --compare names must have rows in both files. */
function requireCompared(other: number, inputs: { organizations: string; members: string }, data: CheckedInputs): void {
  if (has(data.orgYears, other) && has(data.memberYears, other)) return;
  const where = [
    ...(has(data.orgYears, other) ? [] : [yearsOf(inputs.organizations, data.orgYears)]),
    ...(has(data.memberYears, other) ? [] : [yearsOf(inputs.members, data.memberYears)]),
  ];
  throw new UsageError(`không so sánh được với năm ${other} (--compare): không có dữ liệu năm đó; ${where.join('; ')}`, 'chọn một năm có trong dữ liệu, hoặc bỏ --compare');
}
