// One unit of a roll-up checked on its own (src/run-units.ts joins them): its report.json (its name, its own
// rating and score), then its rows through the same checkers as a one-folder run, or its figures.json
// (validate/figures-json.ts, laid out by figures/figures-part.ts).
import { checkInputs } from './check.js';
import { UsageError } from './errors.js';
import { dayOfIso } from './dates.js';
import { partFromFigures } from './figures/figures-part.js';
import { ownRow, uppersWithin, type UnitPart } from './figures/rollup.js';
import { settleYears } from './figures/years.js';
import { readMeta, readText } from './io/inputs.js';
import { tableSource } from './io/read-table.js';
import type { UnitFiles, UnitFolder } from './io/units.js';
import { ProblemList, quote } from './problems.js';
import type { ReportMeta } from './report/metadata.js';
import { blockCodes, ratingOf, type RatingCode } from './schemes.js';
import { readFigures } from './validate/figures-json.js';

/** A figures.json is a unit's figures: past this it is not one. */
const MAX_FIGURES_BYTES = 1 << 30;

/** What every unit of a run is checked for. */
export interface UnitJob {
  year: number;
  /** The year compared with (null: none). */
  compare: number | null;
  maxProblems: number;
  /** The roll-up's rating day (--meta's ratingDate), before each unit's own. */
  ratingDate: string | undefined;
}

export interface UnitResult {
  folder: UnitFolder;
  files: UnitFiles;
  name: string;
  rating: RatingCode;
  previousRating: RatingCode;
  /** report.json's `score`, as given. */
  score: number | Record<string, number> | undefined;
  current: UnitPart | undefined;
  previous: UnitPart | undefined;
  /** Problems of the reported year (and of every year) found in this unit. */
  problems: number;
}

export interface CheckedUnit {
  result: UnitResult;
  /** The unit's problems (and warnings, notices). */
  own: ProblemList;
  /** Why the unit's comparison was left out, for stderr. */
  notice: string | undefined;
}

/** One unit checked: its report.json (name, own rating), then its rows or its figures. */
/**
 * `scratch`: memory for the unit's small tables (one buffer for each), the caller's again once this returns
 * (nothing the unit keeps points into it: the checkers copy what they keep).
 */
export async function checkUnit(folder: UnitFolder, files: UnitFiles, job: UnitJob, scratch: readonly [Buffer, Buffer]): Promise<CheckedUnit> {
  const { compare, ratingDate } = job;
  const years = new Set(compare === null ? [job.year] : [job.year, compare]);
  const own = new ProblemList(job.maxProblems);
  let notice: string | undefined;
  const unitMeta = readMeta(files.meta, own);
  const rating = unitRating(unitMeta.rating, job.year, files.meta, own);
  // Last year's own rating: given by year, or not known (a single rating is this year's).
  const previousRating = compare !== null && typeof unitMeta.rating === 'object' ? unitRating(unitMeta.rating, compare, files.meta, own) : 'PENDING';
  const result: UnitResult = { folder, files, name: upperName(unitMeta.unit ?? folder.id), rating, previousRating, score: unitMeta.score, current: undefined, previous: undefined, problems: 0 };
  if (files.kind === 'missing') {
    own.push({ file: folder.dir, line: 0, code: 'unit-files', message: `${files.message} (gợi ý: ${files.hint})` });
  } else if (files.kind === 'figures') {
    const { text, cut } = await readText(files.file, MAX_FIGURES_BYTES);
    const read = cut ? { problems: [{ file: files.file, line: 0, code: 'bad-figures' as const, message: 'tệp lớn bất thường: figures.json là số liệu của một đơn vị' }] } : readFigures(files.file, text, job.year, compare);
    for (const p of read.problems) own.push(p);
    if (read.figures) {
      const { own: mine } = read.figures;
      result.name = unitMeta.unit === undefined && mine.current ? mine.current.name : upperName(unitMeta.unit ?? read.figures.unit ?? folder.id);
      if (unitMeta.rating === undefined && mine.current) result.rating = mine.current.rating;
      if ((unitMeta.rating === undefined || typeof unitMeta.rating === 'string') && mine.previous) result.previousRating = mine.previous.rating;
      if (unitMeta.score === undefined) {
        const given = Object.fromEntries([[job.year, mine.current?.score], [compare, mine.previous?.score]].filter(([, v]) => v !== undefined));
        if (Object.keys(given).length > 0) result.score = given as Record<string, number>;
      }
      result.current = partFromFigures(job.year, read.figures.current, folder.id);
      if (read.figures.previous && compare !== null) result.previous = partFromFigures(compare, read.figures.previous, folder.id);
    }
  } else {
    const { inputs } = files;
    const date = ratingDate ?? unitMeta.ratingDate;
    const open = (file: string) => tableSource(inputs.tables.get(file)!, undefined, scratch[file === inputs.organizations ? 0 : 1]);
    const data = await checkInputs(inputs, open, years, own, () => {}, new Map(date ? [[job.year, dayOfIso(date)]] : []));
    try {
      // The year's tables as they are: the roll-up makes the figures once, of all units joined.
      const part = (d: typeof data, year: number): UnitPart | undefined => {
        const orgs = d.orgs?.get(year);
        const counts = d.members.get(year);
        return orgs && counts && orgs.size > 0 ? { orgs, counts } : undefined;
      };
      const settled = settleYears(job.year, { year: compare, explicit: false }, inputs, data, own, part);
      notice = settled.notice?.replace(/^assess: /, `assess: ${folder.id}: `);
      if (settled.figures) {
        result.current = settled.figures;
        if (compare !== null) result.previous = settled.previous;
        for (const [p, year] of [[result.current, job.year], [result.previous, compare]] as const) {
          const uppers = p ? uppersWithin(p) : [];
          if (uppers.length < 2) continue;
          for (const i of uppers) {
            own.push({ file: inputs.organizations, line: p!.orgs.lines[i]!, code: 'unit-upper', year: year!, message: `${quote(p!.orgs.name(i))} là một trong ${uppers.length} đảng bộ cấp trên cơ sở của thư mục: thư mục của một đơn vị chỉ có thể có một dòng như vậy, của chính đơn vị (hoặc không có, khi tên và xếp loại của đơn vị ghi ở report.json)` });
          }
        }
        ownRowFills(result, unitMeta, job.year, compare);
      }
    } catch (e) {
      if (!(e instanceof UsageError)) throw e;
      // No rows of the year (the unit sent another year's data): this unit's problem; the others are still checked.
      own.push({ file: folder.dir, line: 0, code: 'no-rows', message: `${e.message} (đơn vị cần gửi dữ liệu năm ${job.year})` });
    }
  }
  result.problems = own.total((key) => key !== compare);
  if (result.problems > 0) result.current = undefined;
  if (own.total((key) => key === compare) > 0) result.previous = undefined;
  return { result, own, notice };
}

/**
 * The unit's own row among its rows (one upper committee row: the unit itself), when it has one: its name, its
 * rating and score of each year, where report.json does not give them.
 */
function ownRowFills(result: UnitResult, meta: ReportMeta, year: number, compare: number | null): void {
  const at = (p: UnitPart | undefined) => (p ? { p, i: ownRow(p) } : undefined);
  const mine = [[at(result.current), year], [at(result.previous), compare]] as const;
  const scores: Record<string, number> = {};
  for (const [x, y] of mine) {
    if (!x || x.i < 0 || y === null) continue;
    const { p, i } = x;
    if (y === year && meta.unit === undefined) result.name = p.orgs.name(i);
    if (y === year && meta.rating === undefined) result.rating = p.orgs.rating(i)!;
    if (y === compare && (meta.rating === undefined || typeof meta.rating === 'string')) result.previousRating = p.orgs.rating(i)!;
    if (!Number.isNaN(p.orgs.scores[i]!)) scores[String(y)] = p.orgs.scores[i]!;
  }
  if (meta.score === undefined && Object.keys(scores).length > 0) result.score = scores;
}

/** A unit's name as its upper committee row would read: report.json's `unit` ("xã Hòa Bình") as "Đảng bộ xã Hòa Bình". */
export function upperName(unit: string): string {
  return /^(đảng bộ|đảng ủy|chi bộ)\s/iu.test(unit) ? unit : `Đảng bộ ${unit}`;
}

/** report.json's `rating` for a unit: a rating of organizations in the year's scheme; not given: PENDING. */
function unitRating(rating: string | Record<string, string> | undefined, year: number, file: string | undefined, problems: ProblemList): RatingCode {
  const given = typeof rating === 'object' ? rating[String(year)] : rating;
  if (given === undefined) return 'PENDING';
  const code = ratingOf(given);
  if (code && (code === 'UNRANKED' || code === 'PENDING' || blockCodes(year, 'org').includes(code))) return code;
  problems.push({
    file: file ?? 'report.json',
    line: 0,
    code: 'unit-rating',
    column: 'rating',
    value: given,
    year,
    message: `trường "rating"${typeof rating === 'object' ? `, năm ${year}` : ''}: ${quote(given)} không phải một mức xếp loại tổ chức của năm ${year} (${blockCodes(year, 'org').join(', ')}, hoặc Không xếp loại, Chưa xếp loại)`,
  });
  return 'PENDING';
}

