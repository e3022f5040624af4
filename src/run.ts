// The pipeline, top to bottom: read → validate → aggregate → model → render → write.
import { checkInputs } from './check.js';
import { EXIT } from './errors.js';
import { formatCount } from './format.js';
import { locateInputs, readMeta, readText } from './io/inputs.js';
import type { Progress } from './io/progress.js';
import { tableSource } from './io/read-table.js';
import { defaultTemplate, readTemplates } from './io/read-templates.js';
import { writeOutput } from './io/write-output.js';
import { checkAgainst, escapes, produce, type Format } from './output.js';
import { isNotice, listNotices, listProblems, listWarnings, type Problem } from './problems.js';
import { checkRules } from './rules.js';
import { settleYears } from './years.js';

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
  // The templates are read while the data is checked (their files' round trips overlap the work); a
  // problem with them is still reported only once the data has passed, where the report is made.
  const wantsTemplates = opts.command === 'report' && (Boolean(opts.template) || opts.format !== 'json');
  const templatesRead = wantsTemplates ? readTemplates(opts.template ?? defaultTemplate(opts.format), escapes(opts.format)) : undefined;
  templatesRead?.catch(() => {}); // awaited below, or not needed (the data had problems)
  const data = await checkInputs(inputs, (file) => tableSource(file, io.progress), years, problems, io.mark);
  io.stderr.write(listNotices(problems.filter(isNotice)));
  const { main, figures, previous, notice } = settleYears(opts.year, opts.compare, inputs, data, problems.filter((p) => !isNotice(p)));
  if (notice) io.stderr.write(notice);
  io.mark('aggregate');
  const warnings = figures ? checkRules(figures, inputs.organizations) : [];
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
  const templates = await templatesRead;
  const output = produce(opts.format, { figures, previous, meta, warnings }, templates);
  io.mark('render');
  if (opts.check !== undefined) {
    const diff = await checkAgainst(opts.check, await readText(opts.check), [...output].join(''));
    io.stderr.write(diff || `${opts.check}: đã khớp với dữ liệu.\n`);
    return diff ? EXIT.invalidData : EXIT.ok;
  }
  await writeOutput(output, opts.out, io.stdout);
  io.mark('write');
  return EXIT.ok;
}
