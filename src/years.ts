// Which year is reported and which compared: rows of the year asked must exist; problems of the
// compared year cancel the comparison (its rows are not the report's) instead of failing the run.
import { finalize, type Figures } from './aggregate.js';
import type { CheckedInputs } from './check.js';
import { UsageError } from './errors.js';
import { formatCount } from './format.js';
import type { Problem } from './problems.js';

export interface Years {
  /** The problems that fail the run. */
  main: Problem[];
  /** The reported year's figures (undefined when there are problems), and the compared year's. */
  figures: Figures | undefined;
  previous: Figures | undefined;
  /** Why the comparison was left out, for stderr. */
  notice: string | undefined;
}

export function settleYears(year: number, compare: number | null, files: { organizations: string; members: string }, data: CheckedInputs, problems: Problem[]): Years {
  if (data.usable) requireYear(year, files, data, problems);
  const main = problems.filter((p) => p.year === undefined || p.year !== compare || compare === year);
  const figures = main.length === 0 ? figuresOf(data, year) : undefined;
  if (compare === null || compare === year) return { main, figures, previous: undefined, notice: undefined };
  const theirs = problems.length - main.length;
  if (theirs > 0) {
    return { main, figures, previous: undefined, notice: `assess: không so sánh với năm ${compare}: dữ liệu năm đó có ${formatCount(theirs)} lỗi (xem: assess validate --year ${compare})\n` };
  }
  return { main, figures, previous: figuresOf(data, compare), notice: undefined };
}

function figuresOf(data: CheckedInputs, year: number): Figures | undefined {
  const orgs = data.orgs?.get(year);
  const counts = data.members.get(year);
  return orgs && counts && orgs.size > 0 ? finalize(orgs, counts) : undefined;
}

/** No row of the year in either file is a usage error (wrong --year); in one file only, a data problem. */
function requireYear(year: number, inputs: { organizations: string; members: string }, data: CheckedInputs, problems: Problem[]): void {
  const has = (m: Map<number, number>) => (m.get(year) ?? 0) > 0;
  const list = (m: Map<number, number>) => (m.size ? [...m.keys()].sort().join(', ') : 'không có năm nào');
  if (!has(data.orgYears) && !has(data.memberYears)) {
    throw new UsageError(`không có dữ liệu năm ${year}: organizations.csv có ${list(data.orgYears)}; members.csv có ${list(data.memberYears)}`, 'chọn một năm có trong dữ liệu với --year');
  }
  for (const [file, m, what] of [[inputs.organizations, data.orgYears, 'tổ chức'], [inputs.members, data.memberYears, 'đảng viên']] as const) {
    if (!has(m)) problems.push({ file, line: 0, code: 'no-rows', message: `không có ${what} nào của năm ${year} (tệp có: ${list(m)})`, year });
  }
}
