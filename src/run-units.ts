// A roll-up run (the contract's "Many units in one run"): several folders, each one unit at the đảng bộ cấp
// trên cơ sở level, each checked on its own (its ids its own, its problems named by its folder), then joined
// as if one folder held them all (src/figures/rollup.ts), and reported like a province's tree (src/run.ts's
// deliver). Each unit is checked by src/check-unit.ts; it may send figures.json instead of rows. A unit that
// cannot be read (a file missing, no rows of the year, figures that do not add up) is a problem named by its
// folder; the other units are still checked.
import path from 'node:path';
import { checkUnit, type CheckedUnit, type UnitJob, type UnitResult } from './check-unit.js';
import { UsageError } from './errors.js';
import { formatCount } from './format.js';
import { finalize, type Figures } from './figures/aggregate.js';
import { NO_ROW } from './figures/figures-part.js';
import { joinUnits, type RollupUnit } from './figures/rollup.js';
import { checkRules } from './figures/rules.js';
import { readMeta } from './io/inputs.js';
import { listUnits, locateUnit, type UnitFiles } from './io/units.js';
import { scratchBuffer } from './io/read-table.js';
import { inputFiles, refuseInputs } from './io/write-output.js';
import { ProblemList, sortProblems, type Problem } from './problems.js';
import { listNotices } from './report/problems-text.js';
import { committeeOf } from './report/tree-model.js';
import { deliver, startTemplates, type Io, type RunOptions } from './run.js';

export async function runUnits(opts: RunOptions, io: Io): Promise<number> {
  const folders = listUnits(opts.dirs ?? [], opts.unitsFrom ?? []);
  const problems = new ProblemList(opts.maxProblems);
  const meta = readMeta(opts.meta, problems);
  const compare = opts.compare === opts.year ? null : opts.compare;
  const { templatesRead, templates } = startTemplates(opts);
  const located = await Promise.all(folders.map(async (folder) => ({ folder, files: await locateUnit(folder.dir) })));
  const inputs = [...located.flatMap(({ files }) => unitInputs(files)), ...(opts.meta ? [opts.meta] : [])];
  if (opts.out !== undefined) await refuseInputs(opts.out, [...inputs, ...(await templates())]);
  // A few units at a time: a unit's large file or workbook, read as a stream, overlaps another's checking (a
  // small file is read at once). Their problems and notices are then taken in folder order (the output does
  // not depend on which unit finished first).
  const job: UnitJob = { year: opts.year, compare, maxProblems: opts.maxProblems, ratingDate: meta.ratingDate };
  // Each lane reads its units' small tables into its own two buffers.
  const scratch = Array.from({ length: UNITS_AT_ONCE }, () => [scratchBuffer(), scratchBuffer()] as const);
  const checked = await inTurns(located, UNITS_AT_ONCE, ({ folder, files }, lane): Promise<CheckedUnit> => checkUnit(folder, files, job, scratch[lane]!));
  const results: UnitResult[] = [];
  for (const { result, own, notice } of checked) {
    if (notice) io.stderr.write(notice);
    problems.absorb(own);
    results.push(result);
  }
  io.stderr.write(listNotices(problems.notices));
  io.mark('units');
  const main = problems.select((key) => key !== compare);
  let figures: { f: Figures; unitOf: Int32Array } | undefined;
  let previous: Figures | undefined;
  if (main.total === 0) {
    figures = joined(opts.year, results, false);
    previous = compare === null ? undefined : comparedWith(compare, results, opts.compareExplicit ?? false, io);
  }
  // The units' own tables are in the joined figures now: let them go before the report is made.
  for (const r of results) r.current = r.previous = undefined;
  io.mark('aggregate');
  const warnings = figures ? sortProblems([...problems.warnings.select((key) => key === opts.year || key === 'all').listed, ...rollupRules(figures, results, opts.meta, meta.unit ?? null)]) : [];
  return deliver(opts, io, {
    main,
    figures: figures?.f,
    previous,
    meta,
    warnings,
    inputs,
    templatesRead,
    problemsSheet: async (failed) => {
      const { problemsWorkbook } = await import('./report/xlsx/problems.js');
      const unitOf = (p: Problem) => {
        const r = results.find((u) => p.file === u.folder.dir || p.file.startsWith(u.folder.dir.replace(/[\\/]*$/, path.sep)));
        return r ? { id: r.folder.id, name: r.name } : undefined;
      };
      return problemsWorkbook(failed, warnings, unitOf, opts.year);
    },
    units: results.length,
    after: perUnit(results),
  });
}

/** How many units are checked at once. */
const UNITS_AT_ONCE = 4;

/** `work` on every item, at most `n` at a time (each in its lane: 0 … n-1); the results in the items' order. */
async function inTurns<T, R>(items: readonly T[], n: number, work: (item: T, lane: number) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array<R>(items.length);
  let next = 0;
  const lane = async (no: number) => {
    while (next < items.length) {
      const k = next++;
      out[k] = await work(items[k]!, no);
    }
  };
  await Promise.all(Array.from({ length: Math.min(n, items.length) }, (_, no) => lane(no)));
  return out;
}

/** The files of a unit the run reads (--out may not be one of them). */
function unitInputs(files: UnitFiles): string[] {
  const meta = files.meta ? [files.meta] : [];
  if (files.kind === 'rows') return inputFiles(files.inputs, undefined);
  if (files.kind === 'figures') return [files.file, ...meta];
  return meta;
}

/** The units' parts of a year joined and made into figures; with which unit each organization came from. */
function joined(year: number, results: readonly UnitResult[], previous: boolean): { f: Figures; unitOf: Int32Array } {
  const units: RollupUnit[] = results.map((r) => ({ id: r.folder.id, name: r.name, rating: previous ? r.previousRating : r.rating, score: scoreOf(r.score, year, !previous), part: (previous ? r.previous : r.current)! }));
  const j = joinUnits(year, units);
  return { f: finalize(j.orgs, j.counts, j.orgScores), unitOf: j.unitOf };
}

/** A unit's own score of a year: one number is the reported year's. */
function scoreOf(score: number | Record<string, number> | undefined, year: number, reported = true): number {
  return (typeof score === 'object' ? score[String(year)] : reported ? score : undefined) ?? NaN;
}

/** Last year's figures, when every unit has them (else no comparison, said when some have them). */
function comparedWith(year: number, results: readonly UnitResult[], explicit: boolean, io: Io): Figures | undefined {
  const lacking = results.filter((r) => !r.previous);
  if (lacking.length === 0) return joined(year, results, true).f;
  const names = lacking.slice(0, 10).map((r) => r.folder.id).join(', ') + (lacking.length > 10 ? `, … (${formatCount(lacking.length)} đơn vị)` : '');
  if (explicit) throw new UsageError(`không so sánh được với năm ${year}: không có số liệu năm đó của ${names}`, 'bổ sung số liệu năm đó cho các đơn vị này, hoặc bỏ --compare');
  if (lacking.length < results.length) io.stderr.write(`assess: không so sánh với năm ${year}: không có số liệu năm đó của ${names}\n`);
  return undefined;
}

/**
 * The rules on the joined figures: each organization's breach named in its unit's organizations file; the upper
 * committees' own ratings (decided by the roll-up's committee) in --meta's file; a unit sent as figures has no rows.
 */
function rollupRules({ f, unitOf }: { f: Figures; unitOf: Int32Array }, results: readonly UnitResult[], metaFile: string | undefined, unit: string | null): Problem[] {
  return checkRules(f, (org) => {
    if (org < 0) return metaFile ?? '(tổng hợp)';
    const r = results[unitOf[org]!]!;
    if (f.orgs.lines[org] === NO_ROW) return undefined;
    if (f.orgs.lines[org] === 0) return r.files.meta ?? r.folder.dir;
    return r.files.kind === 'rows' ? r.files.inputs.organizations : undefined;
  }, committeeOf(unit)?.name);
}

/** After the listing: the units with problems, and how many have none. */
function perUnit(results: readonly UnitResult[]): string {
  const bad = results.filter((r) => r.problems > 0);
  if (bad.length === 0) return '';
  const listed = bad.map((r) => `${r.folder.id} (${formatCount(r.problems)} lỗi)`).join(', ');
  const good = results.length - bad.length;
  return `Đơn vị có lỗi: ${listed}${good > 0 ? `; ${formatCount(good)} đơn vị còn lại không có lỗi` : ''}.\n`;
}
