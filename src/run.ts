// The pipeline, top to bottom: read → validate → aggregate → model → render → write. The stages live in
// src/read/, src/validate/ and src/fast/ (./check.ts checks the inputs with them), src/figures/, src/report/;
// the files and the process in src/io/. What a format needs (templates or not) is its row in src/report/formats.ts.
import { checkInputs } from './check.js';
import { EXIT } from './errors.js';
import { formatCount } from './format.js';
import { readBytes, readMeta, readText } from './io/inputs.js';
import { locateInputs, type Inputs } from './io/locate.js';
import type { Progress } from './io/progress.js';
import { tableSource } from './io/read-table.js';
import { defaultTemplate, readTemplates, templateFiles } from './io/read-templates.js';
import { inputFiles, refuseInputs, templateInputs, writeOutput } from './io/write-output.js';
import type { Figures } from './figures/aggregate.js';
import type { ReportMeta } from './report/metadata.js';
import type { TemplateSet } from './report/render.js';
import { formatRow, type Format } from './report/formats.js';
import { checkAgainst, checkOffice, produce } from './report/output.js';
import { listNotices, listProblems, listWarnings, problemsJson } from './report/problems-text.js';
import { ProblemList, sortProblems, type Problem, type Selection } from './problems.js';
import { dayOfIso } from './dates.js';
import { problemUnits, unitKey } from './validate/problem-units.js';
import { checkRules } from './figures/rules.js';
import { committeeOf } from './report/tree-model.js';
import { settleYears } from './figures/years.js';

export interface RunOptions {
  command: 'report' | 'validate';
  year: number;
  /** The DIR of a one-folder run (the first of `dirs`). */
  dir: string;
  /** A roll-up (the contract's "Many units in one run"): the units' folders named, the folders of units (--units), the roll-up's report.json (--meta). */
  dirs?: readonly string[];
  unitsFrom?: readonly string[];
  meta?: string | undefined;
  format: Format;
  out: string | undefined;
  maxProblems: number;
  /** The year to compare with: the year before unless --compare names one; null with --no-compare. */
  compare: number | null;
  /** --compare named the year: a comparison that cannot be made is then a usage error. */
  compareExplicit?: boolean;
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

/** Warnings as problems (--strict), bounded like any listing. */
function strictly(warnings: readonly Problem[], max: number): Selection {
  const list = new ProblemList(max, true);
  for (const w of warnings) list.push(w);
  return list.select();
}

/**
 * The templates, read while the data is checked (their files' round trips overlap the work); a problem with
 * them is still reported only once the data has passed, where the report is made. `templates()`: their files.
 */
export function startTemplates(opts: RunOptions): { templatesRead: Promise<TemplateSet> | undefined; templates: () => Promise<string[]> } {
  const format = formatRow(opts.format);
  const wantsTemplates = opts.command === 'report' && format.templates !== null;
  const templateFile = wantsTemplates ? (opts.template ?? defaultTemplate(opts.format)) : undefined;
  const templatesRead = templateFile ? readTemplates(templateFile, format.escape) : undefined;
  templatesRead?.catch(() => {}); // awaited below, or not needed (the data had problems)
  return { templatesRead, templates: async () => (templateFile ? await templateFiles(templateFile) : []) };
}

/** Invalid data: the listing, once, then exit 1. */
function invalid(selection: Selection, io: Io): number {
  io.stderr.write(listProblems(selection, io.paint));
  return EXIT.invalidData;
}

export async function run(opts: RunOptions, io: Io): Promise<number> {
  const inputs = await locateInputs(opts.dir);
  const problems = new ProblemList(opts.maxProblems);
  const meta = readMeta(inputs.meta, problems);
  const years = new Set(opts.compare === null ? [opts.year] : [opts.year, opts.compare]);
  const { templatesRead, templates } = startTemplates(opts);
  // --out may not be an input (the writer checks again): refused now, not after reading a whole country.
  if (opts.out !== undefined) await refuseInputs(opts.out, inputFiles(inputs, await templates()));
  const ratingDays = new Map(meta.ratingDate ? [[opts.year, dayOfIso(meta.ratingDate)]] : []);
  const data = await checkInputs(inputs, (file) => tableSource(inputs.tables.get(file)!, io.progress), years, problems, io.mark, ratingDays);
  io.stderr.write(listNotices(problems.notices));
  const { main, figures, previous, notice } = settleYears(opts.year, { year: opts.compare, explicit: opts.compareExplicit ?? false }, inputs, data, problems);
  if (notice) io.stderr.write(notice);
  io.mark('aggregate');
  // The warnings: those of the reported year's rows, then those of its figures.
  const rowWarnings = problems.warnings.select((key) => key === opts.year || key === 'all').listed;
  const warnings = figures ? sortProblems([...rowWarnings, ...checkRules(figures, inputs.organizations, committeeOf(meta.unit ?? null)?.name)]) : [];
  return deliver(opts, io, {
    main,
    figures,
    previous,
    meta,
    warnings,
    inputs: inputFiles(inputs, undefined),
    templatesRead,
    problemsSheet: (failed) => problemsXlsx(inputs, failed, warnings, years, opts.year),
  });
}

/** What a run has made, for its output: the problems that fail it, or its figures; and what it read. */
export interface Outcome {
  /** The problems of the reported year and of every year (with --strict, the warnings fail the run too). */
  main: Selection;
  figures: Figures | undefined;
  previous: Figures | undefined;
  meta: ReportMeta;
  warnings: readonly Problem[];
  /** The files read (--out may not be one of them), the templates aside. */
  inputs: readonly string[];
  templatesRead: Promise<TemplateSet> | undefined;
  /** validate --format xlsx: the problems that fail the run, and the warnings, as a workbook. */
  problemsSheet: (failed: Selection | undefined) => Promise<Uint8Array>;
  /** A roll-up: how many units, and what is said after the listing of problems (the count per unit). */
  units?: number;
  after?: string;
}

/** The end of every run: the problems listed, or the report made and written (or checked against a file). */
export async function deliver(opts: RunOptions, io: Io, o: Outcome): Promise<number> {
  const { figures, previous, meta, warnings } = o;
  // With --strict a warning fails the run like a problem (there are none left by then: figures were made).
  const failed = opts.strict && warnings.length > 0 ? strictly(warnings, opts.maxProblems) : o.main.total > 0 || !figures ? o.main : undefined;
  if (opts.command === 'validate' && opts.format !== 'text') {
    const listing = opts.format === 'xlsx' ? await o.problemsSheet(failed) : problemsJson(failed, warnings);
    await writeOutput([listing], opts.out, io.stdout, o.inputs);
    return failed ? EXIT.invalidData : EXIT.ok;
  }
  if (failed || !figures) {
    const code = invalid(failed!, io); // (with --strict the warnings are listed there)
    if (o.after) io.stderr.write(o.after);
    return code;
  }
  io.stderr.write(listWarnings(warnings, opts.maxProblems, io.paint));
  if (opts.command === 'validate') {
    const units = o.units === undefined ? '' : ` của ${formatCount(o.units)} đơn vị`;
    io.stderr.write(`Dữ liệu năm ${opts.year}${units} hợp lệ: ${formatCount(figures.baseOrganizations.total)} tổ chức cơ sở đảng, ${formatCount(figures.cells.total)} chi bộ trực thuộc, ${formatCount(figures.members.total)} đảng viên.\n`);
    return EXIT.ok;
  }
  const format = formatRow(opts.format);
  const templates = await o.templatesRead;
  const output = await produce(opts.format, { figures, previous, meta, warnings }, templates);
  io.mark('render');
  if (opts.check !== undefined) {
    // A file much longer than the report differs from it: not read to its end (it may be /dev/zero).
    const chunks = [...output];
    const binary = format.output === 'binary';
    const wanted = binary ? Buffer.concat(chunks as Uint8Array[]) : chunks.join('');
    const max = 2 * Buffer.byteLength(wanted) + (1 << 20);
    const current = binary ? await readBytes(opts.check, max) : await readText(opts.check, max);
    const diff = current.cut
      ? `${opts.check}: khác với báo cáo (tệp dài hơn nhiều so với báo cáo sẽ in ra)\n`
      : 'bytes' in current
        ? await checkOffice(opts.check, current.bytes, wanted as Uint8Array, opts.format)
        : await checkAgainst(opts.check, current.text, wanted as string);
    io.stderr.write(diff || `${opts.check}: đã khớp với dữ liệu.\n`);
    return diff ? EXIT.invalidData : EXIT.ok;
  }
  await writeOutput(output, opts.out, io.stdout, [...o.inputs, ...templateInputs(templates)]);
  io.mark('write');
  return EXIT.ok;
}

/** validate --format xlsx: the problems listed and the warnings, each with the unit its row belongs to. */
async function problemsXlsx(inputs: Inputs, failed: Selection | undefined, warnings: readonly Problem[], years: ReadonlySet<number>, year: number): Promise<Uint8Array> {
  const sorted = sortProblems(warnings);
  const units = await problemUnits(inputs, (file) => tableSource(inputs.tables.get(file)!).batches(), [...(failed?.listed ?? []), ...sorted], years);
  const { problemsWorkbook } = await import('./report/xlsx/problems.js');
  return problemsWorkbook(failed, sorted, (p) => units.get(unitKey(p.file, p.line)), year);
}
