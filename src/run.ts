// The pipeline, top to bottom: read → validate → aggregate → model → render → write.
import { finalize, type Figures } from './aggregate.js';
import { checkInputs, type CheckedInputs } from './check.js';
import { EXIT, UsageError } from './errors.js';
import { formatCount } from './format.js';
import { locateInputs, readMeta, readText } from './io/inputs.js';
import { scanInParallel } from './io/parallel.js';
import type { Progress } from './io/progress.js';
import { readRaw, readTable } from './io/read-table.js';
import { defaultTemplate, readTemplates } from './io/read-templates.js';
import { writeOutput } from './io/write-output.js';
import { checkAgainst, escapes, produce, type Format } from './output.js';
import { listProblems, listWarnings, type Problem } from './problems.js';
import { checkRules } from './rules.js';
import type { ScanJob } from './scan.js';
import type { OrgIndex } from './validate.js';

export interface RunOptions {
  command: 'report' | 'validate';
  year: number;
  dir: string;
  format: Format;
  out: string | undefined;
  maxProblems: number;
  /** The year to compare with: the year before unless --compare names one; null with --no-compare. */
  compare: number | null;
  template: string | undefined;
  check: string | undefined;
  strict: boolean;
}

export interface Io {
  stdout: NodeJS.WritableStream & import('node:stream').Writable;
  stderr: { write(text: string): unknown };
  /** Paints a problem's line for a terminal (identity when colour is off). */
  paint: (p: Problem, line: string) => string;
  /** Marks the end of a stage (ASSESS_TIMING=1 prints them; otherwise it does nothing). */
  mark: (stage: string) => void;
  /** Reports bytes read of a large file (on a terminal; undefined otherwise). */
  progress?: Progress;
}

export async function run(opts: RunOptions, io: Io): Promise<number> {
  const inputs = await locateInputs(opts.dir);
  const problems: Problem[] = [];
  const meta = await readMeta(inputs.meta, problems);
  const years = new Set(opts.compare === null ? [opts.year] : [opts.year, opts.compare]);
  const open = (file: string) => ({
    batches: () => readTable(file),
    raw: () => readRaw(file, io.progress),
    parallel: (job: ScanJob, orgs: OrgIndex, at: number) => scanInParallel(file, job, orgs, at, io.progress),
  });
  const data = await checkInputs(inputs, open, years, problems, io.mark);
  if (data.usable) requireYear(opts.year, inputs, data, problems);
  const { main, previous } = splitByYear(opts, data, problems, io);
  const figures = main.length === 0 ? figuresOf(data, opts.year) : undefined;
  io.mark('aggregate');
  const warnings = figures ? checkRules(figures, inputs.organizations) : [];
  io.mark('rules');
  io.stderr.write(listWarnings(warnings, opts.maxProblems, io.paint));
  if (opts.strict) main.push(...warnings);
  if (main.length || !figures) {
    io.stderr.write(listProblems(main, opts.maxProblems, io.paint));
    return EXIT.invalidData;
  }
  if (opts.command === 'validate') {
    io.stderr.write(`Dữ liệu năm ${opts.year} hợp lệ: ${formatCount(figures.baseOrganizations.total)} tổ chức cơ sở đảng, ${formatCount(figures.cells.total)} chi bộ trực thuộc, ${formatCount(figures.members.total)} đảng viên.\n`);
    return EXIT.ok;
  }
  const templates = opts.template || opts.format !== 'json' ? await readTemplates(opts.template ?? defaultTemplate(opts.format), escapes(opts.format)) : undefined;
  const output = produce(opts.format, { figures, previous, meta, warnings }, templates);
  io.mark('render');
  if (opts.check !== undefined) {
    const diff = await checkAgainst(opts.check, await readText(opts.check), output);
    io.stderr.write(diff || `${opts.check}: đã khớp với dữ liệu.\n`);
    return diff ? EXIT.invalidData : EXIT.ok;
  }
  await writeOutput(output, opts.out, io.stdout);
  io.mark('write');
  return EXIT.ok;
}

function figuresOf(data: CheckedInputs, year: number): Figures | undefined {
  const orgs = data.orgs?.get(year);
  const counts = data.members.get(year);
  return orgs && counts && orgs.size > 0 ? finalize(orgs.values(), counts) : undefined;
}

/** Problems of the compared year do not fail the run (its rows are not the report's): they only cancel the comparison. */
function splitByYear(opts: RunOptions, data: CheckedInputs, problems: Problem[], io: Io): { main: Problem[]; previous: Figures | undefined } {
  const other = opts.compare;
  const main = problems.filter((p) => p.year === undefined || p.year !== other || other === opts.year);
  if (other === null || other === opts.year) return { main, previous: undefined };
  const theirs = problems.length - main.length;
  if (theirs > 0) {
    io.stderr.write(`assess: không so sánh với năm ${other}: dữ liệu năm đó có ${formatCount(theirs)} lỗi (xem: assess validate --year ${other})\n`);
    return { main, previous: undefined };
  }
  return { main, previous: figuresOf(data, other) };
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
