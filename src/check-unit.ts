// One unit of a roll-up checked on its own (src/run-units.ts joins them): its report.json (its name, its own
// rating and score), then its rows through the same checkers as a one-folder run, or its figures.json
// (validate/figures-json.ts, laid out by figures/figures-part.ts).
import { checkInputs } from './check.js';
import { UsageError } from './errors.js';
import { dayOfIso } from './dates.js';
import { partFromFigures } from './figures/figures-part.js';
import { uppersWithin, type UnitPart } from './figures/rollup.js';
import { settleYears } from './figures/years.js';
import { readMeta, readText } from './io/inputs.js';
import { tableSource } from './io/read-table.js';
import type { UnitFiles, UnitFolder } from './io/units.js';
import { ProblemList, quote } from './problems.js';
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
export async function checkUnit(folder: UnitFolder, files: UnitFiles, job: UnitJob): Promise<CheckedUnit> {
  const { compare, ratingDate } = job;
  const years = new Set(compare === null ? [job.year] : [job.year, compare]);
  const own = new ProblemList(job.maxProblems);
  let notice: string | undefined;
  const unitMeta = await readMeta(files.meta, own);
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
      result.name = upperName(unitMeta.unit ?? read.figures.unit ?? folder.id);
      result.current = partFromFigures(job.year, read.figures.current, folder.id);
      if (read.figures.previous && compare !== null) result.previous = partFromFigures(compare, read.figures.previous, folder.id);
    }
  } else {
    const { inputs } = files;
    const date = ratingDate ?? unitMeta.ratingDate;
    const data = await checkInputs(inputs, (file) => tableSource(inputs.tables.get(file)!), years, own, () => {}, new Map(date ? [[job.year, dayOfIso(date)]] : []));
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
          for (const i of p ? uppersWithin(p) : []) {
            own.push({ file: inputs.organizations, line: p!.orgs.lines[i]!, code: 'unit-upper', year: year!, message: `${quote(p!.orgs.name(i))} là đảng bộ cấp trên cơ sở: thư mục của một đơn vị không chứa đảng bộ cấp trên cơ sở nào, chính thư mục là đơn vị đó (xếp loại của đơn vị ghi ở report.json, trường rating)` });
          }
        }
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

