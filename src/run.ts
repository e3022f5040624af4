// The pipeline, top to bottom: read → validate → aggregate → model → render → write.
import { finalize } from './aggregate.js';
import { checkMembers, checkOrganizations } from './check.js';
import { EXIT, UsageError } from './errors.js';
import { formatCount } from './format.js';
import { locateInputs, readMeta } from './io/inputs.js';
import { readTable } from './io/read-table.js';
import { readTemplates, TEMPLATES_DIR } from './io/read-templates.js';
import { writeOutput } from './io/write-output.js';
import { buildModel, toJson } from './model.js';
import { listProblems, type Problem } from './problems.js';
import { render } from './render.js';

export interface RunOptions {
  command: 'report' | 'validate';
  year: number;
  dir: string;
  format: 'text' | 'json';
  out: string | undefined;
  maxProblems: number;
}

export interface Io {
  stdout: NodeJS.WritableStream & import('node:stream').Writable;
  stderr: NodeJS.WritableStream & import('node:stream').Writable;
  /** Paints a problem's line for a terminal (identity when colour is off). */
  paint: (p: Problem, line: string) => string;
}

export async function run(opts: RunOptions, io: Io): Promise<number> {
  const inputs = await locateInputs(opts.dir);
  const problems: Problem[] = [];
  const meta = await readMeta(inputs.meta, problems);
  const years = new Set([opts.year]);
  const orgs = await checkOrganizations(inputs.organizations, readTable(inputs.organizations), years, problems);
  const members = await checkMembers(inputs.members, readTable(inputs.members), years, orgs.result, problems);
  if (orgs.usable && members.usable) requireYear(opts.year, inputs, orgs.years, members.years, problems);
  if (problems.length) {
    io.stderr.write(listProblems(problems, opts.maxProblems, io.paint));
    return EXIT.invalidData;
  }
  const figures = finalize(orgs.result!.get(opts.year)!.values(), members.result.get(opts.year)!);
  if (opts.command === 'validate') {
    io.stderr.write(`Dữ liệu năm ${opts.year} hợp lệ: ${formatCount(figures.baseOrganizations.total)} tổ chức cơ sở đảng, ${formatCount(figures.cells.total)} chi bộ trực thuộc, ${formatCount(figures.members.total)} đảng viên.\n`);
    return EXIT.ok;
  }
  const output = opts.format === 'json'
    ? `${JSON.stringify(toJson(figures, meta), null, 2)}\n`
    : render(await readTemplates(`${TEMPLATES_DIR}text/report.hbs`, false), buildModel(figures, meta));
  await writeOutput(output, opts.out, io.stdout);
  return EXIT.ok;
}

/** No row of the year in either file is a usage error (wrong --year); in one file only, a data problem. */
function requireYear(year: number, inputs: { organizations: string; members: string }, orgYears: Map<number, number>, memberYears: Map<number, number>, problems: Problem[]): void {
  const has = (m: Map<number, number>) => (m.get(year) ?? 0) > 0;
  const list = (m: Map<number, number>) => (m.size ? [...m.keys()].sort().join(', ') : 'không có năm nào');
  if (!has(orgYears) && !has(memberYears)) {
    throw new UsageError(`không có dữ liệu năm ${year}: organizations.csv có ${list(orgYears)}; members.csv có ${list(memberYears)}`, 'chọn một năm có trong dữ liệu với --year');
  }
  for (const [file, m, what] of [[inputs.organizations, orgYears, 'tổ chức'], [inputs.members, memberYears, 'đảng viên']] as const) {
    if (!has(m)) problems.push({ file, line: 0, code: 'no-rows', message: `không có ${what} nào của năm ${year} (tệp có: ${list(m)})` });
  }
}
