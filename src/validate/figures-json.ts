// figures.json, a roll-up unit's figures (the JSON `assess report --format json` printed for it), checked as
// input: it parses, its shape is ours (zod), it is of the year asked, it was written by a version of assess
// whose figures we read, and its figures add up (each block's ratings sum to its total, the units it lists
// to its blocks). Every fault is a problem naming the file and the line of the field. Pure: text in.
import * as z from 'zod/mini';
import { FIGURES_VERSION, type FiguresIn } from '../figures/figures-part.js';
import { formatCount } from '../format.js';
import type { Problem } from '../problems.js';
import { blockCodes, RATINGS, SPECIAL_CODES, type RatingCode } from '../schemes.js';

const count = z.int().check(z.nonnegative());
const byRating = z.record(z.string(), count);
const block = z.object({ total: count, byRating });
const scoreLine = z.object({ count, sum: z.optional(z.number()), average: z.number(), min: z.number(), max: z.number() });
const scores = z.object({ given: count, average: z.nullable(z.number()), byRating: z.record(z.string(), scoreLine) });
const reasons = z.array(z.object({ reason: z.string(), count, other: z.optional(z.literal(true)) }));
const exemplary = z.optional(z.object({ count }));

const yearFigures = z.object({
  figuresVersion: z.optional(z.int()),
  year: z.int(),
  unit: z.optional(z.nullable(z.string())),
  baseOrganizations: z.object({ total: count, committees: count, byRating, kinds: z.optional(z.object({ dang_bo_co_so: block, chi_bo_co_so: block })), exemplary }),
  cells: z.object({ total: count, committees: count, byRating, direct: z.optional(block), exemplary }),
  members: z.object({ total: count, byRating, reasons: z.optional(z.object({ UNRANKED: z.optional(reasons), PENDING: z.optional(reasons) })), admitted: z.optional(count) }),
  upperCommittees: z.optional(block),
  byUpper: z.optional(z.array(z.object({ id: z.string(), name: z.string(), rating: z.string() }))),
  scores: z.optional(z.object({ upperCommittees: z.optional(scores), baseOrganizations: z.optional(scores), cells: z.optional(scores), members: z.optional(scores) })),
  units: z.optional(z.array(z.object({ id: z.string(), name: z.string(), kind: z.enum(['dang_bo_co_so', 'chi_bo_co_so']), rating: z.string(), cells: block, members: block }))),
  weak: z.optional(z.array(z.object({ name: z.string(), direct: z.boolean(), cells: z.array(z.object({ name: z.string(), ratingLabel: z.string() })) }))),
});
const figuresFile = z.object({ ...yearFigures.shape, previous: z.optional(z.nullable(yearFigures)) });

/** The unit's own row, when its figures were made from rows that held it (one upper committee: the unit). */
export interface OwnRow {
  name: string;
  rating: RatingCode;
  score: number | undefined;
}

export interface UnitFigures {
  /** report.json's `unit` as the figures carry it (null when the unit's run had none). */
  unit: string | null;
  current: FiguresIn;
  /** The figures of the year compared with, when the file has them. */
  previous: FiguresIn | undefined;
  /** The unit's own row in each year's figures, when they hold it. */
  own: { current: OwnRow | undefined; previous: OwnRow | undefined };
}

const TYPES: Record<string, string> = { number: 'số', int: 'số nguyên', string: 'chữ', object: 'đối tượng {…}', array: 'danh sách […]', boolean: 'true hoặc false' };

/** The line of a field, found by looking for its keys one after the other (good enough for a message). */
function lineOf(text: string, at: readonly PropertyKey[]): number {
  let from = 0;
  let found = -1;
  for (const key of at) {
    if (typeof key !== 'string') continue;
    const i = text.indexOf(JSON.stringify(key), from);
    if (i < 0) break;
    found = from = i;
  }
  return found < 0 ? 0 : text.slice(0, found).split('\n').length;
}

const where = (at: readonly PropertyKey[]) => at.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '');

/** Reads a unit's figures.json for `year` (and `compare`, when there is a year to compare with). */
export function readFigures(file: string, text: string, year: number, compare: number | null): { figures?: UnitFigures; problems: Problem[] } {
  const problems: Problem[] = [];
  const problem = (at: readonly PropertyKey[], message: string) => problems.push({ file, line: lineOf(text, at), code: 'bad-figures', message });
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\ufeff/, ''));
  } catch {
    problem([], 'tệp không phải JSON hợp lệ: figures.json là tệp do assess report --format json in ra cho đơn vị, không sửa tay');
    return { problems };
  }
  const version = (data as { figuresVersion?: unknown } | null)?.figuresVersion;
  if (typeof version === 'number' && version !== FIGURES_VERSION) {
    const newer = version > FIGURES_VERSION;
    problem(['figuresVersion'], `tệp do phiên bản ${newer ? 'mới hơn' : 'cũ hơn'} của assess tạo ra (dạng số liệu ${version}, phiên bản này đọc dạng ${FIGURES_VERSION}): hãy ${newer ? 'cập nhật assess' : 'xuất lại số liệu của đơn vị bằng phiên bản này'}`);
    return { problems };
  }
  const parsed = figuresFile.safeParse(data);
  if (!parsed.success) {
    for (const issue of parsed.error.issues.slice(0, 20)) {
      const said = issue.code === 'invalid_type' ? `cần ${TYPES[(issue as { expected?: string }).expected ?? ''] ?? 'giá trị khác kiểu'}` : issue.code === 'too_small' ? 'không được âm' : 'giá trị không hợp lệ';
      problem(issue.path, `${issue.path.length ? `trường "${where(issue.path)}": ` : ''}${said} (không phải số liệu do assess report --format json in ra)`);
    }
    return { problems };
  }
  const f = parsed.data;
  if (f.year !== year) {
    problem(['year'], `số liệu của năm ${f.year}, không phải năm ${year}: hãy xuất lại bằng assess report --year ${year} --format json`);
    return { problems };
  }
  checkYear(f, [], problem);
  const previous = compare !== null && f.previous?.year === compare ? f.previous : undefined;
  if (previous) checkYear(previous, ['previous'], problem);
  if (problems.length > 0) return { problems };
  return { figures: { unit: f.unit ?? null, current: asFigures(f), previous: previous ? asFigures(previous) : undefined, own: { current: ownRow(f), previous: previous ? ownRow(previous) : undefined } }, problems };
}

type YearData = z.output<typeof yearFigures>;
type Say = (at: readonly PropertyKey[], message: string) => void;

/** The figures add up: each block's codes are the year's, and sum to its total; the listed units to the blocks. */
function checkYear(f: YearData, at: readonly PropertyKey[], problem: Say): void {
  const y = f.year;
  const sumsUp = (name: string, kind: 'org' | 'member', b: { total: number; byRating: Record<string, number> }, path: PropertyKey[]) => {
    const codes = new Set<string>([...blockCodes(y, kind), ...SPECIAL_CODES]);
    for (const code of Object.keys(b.byRating)) {
      if (!codes.has(code)) problem([...at, ...path, 'byRating', code], `${name}: mã xếp loại ${JSON.stringify(code)} không thuộc thang xếp loại năm ${y}`);
    }
    const total = Object.values(b.byRating).reduce((s, n) => s + n, 0);
    if (total !== b.total) problem([...at, ...path, 'total'], `${name}: cộng các mức xếp loại được ${formatCount(total)}, khác tổng số ${formatCount(b.total)}`);
  };
  sumsUp('tổ chức cơ sở đảng', 'org', f.baseOrganizations, ['baseOrganizations']);
  sumsUp('chi bộ trực thuộc', 'org', f.cells, ['cells']);
  sumsUp('đảng viên', 'member', f.members, ['members']);
  if (f.baseOrganizations.committees > f.baseOrganizations.total) problem([...at, 'baseOrganizations', 'committees'], `số đảng bộ cơ sở (${formatCount(f.baseOrganizations.committees)}) lớn hơn số tổ chức cơ sở đảng (${formatCount(f.baseOrganizations.total)})`);
  if (f.cells.committees > f.baseOrganizations.committees) problem([...at, 'cells', 'committees'], `số đảng bộ cơ sở có chi bộ trực thuộc (${formatCount(f.cells.committees)}) lớn hơn số đảng bộ cơ sở (${formatCount(f.baseOrganizations.committees)})`);
  const uppers = f.upperCommittees?.total ?? 0;
  if (uppers > 1) problem([...at, 'upperCommittees', 'total'], `số liệu có ${formatCount(uppers)} đảng bộ cấp trên cơ sở: mỗi thư mục là một đảng bộ cấp trên cơ sở (xã, phường, đặc khu, khối), số liệu của nó có thể có dòng của chính nó, không có đảng bộ cấp trên cơ sở nào khác`);
  if (uppers === 1 && f.byUpper?.length !== 1) problem([...at, 'byUpper'], 'số liệu có một đảng bộ cấp trên cơ sở nhưng trường byUpper không ghi đúng một đơn vị');
  const own = f.byUpper?.[0];
  if (uppers === 1 && own && !blockCodes(y, 'org').includes(own.rating as RatingCode) && !(SPECIAL_CODES as readonly string[]).includes(own.rating)) problem([...at, 'byUpper', 0, 'rating'], `mã xếp loại ${JSON.stringify(own.rating)} của đơn vị không thuộc thang xếp loại năm ${y}`);
  const direct = f.cells.direct ?? { total: 0, byRating: {} };
  if (direct.total > f.cells.total) problem([...at, 'cells', 'direct', 'total'], `số chi bộ trực thuộc thẳng đơn vị (${formatCount(direct.total)}) lớn hơn tổng số chi bộ (${formatCount(f.cells.total)})`);
  if (f.units) {
    const units = f.units;
    f.units.forEach((u, i) => {
      if (!blockCodes(y, 'org').includes(u.rating as RatingCode) && !(SPECIAL_CODES as readonly string[]).includes(u.rating)) problem([...at, 'units', i, 'rating'], `tổ chức ${JSON.stringify(u.name)}: mã xếp loại ${JSON.stringify(u.rating)} không thuộc thang xếp loại năm ${y}`);
      sumsUp(`tổ chức ${JSON.stringify(u.name)}, chi bộ trực thuộc`, 'org', u.cells, ['units', i, 'cells']);
      sumsUp(`tổ chức ${JSON.stringify(u.name)}, đảng viên`, 'member', u.members, ['units', i, 'members']);
    });
    const codes = (kind: 'org' | 'member') => [...blockCodes(y, kind), ...SPECIAL_CODES];
    const over = (name: string, kind: 'org' | 'member', whole: Record<string, number>, part: (code: string) => number, path: PropertyKey[], exact: boolean) => {
      for (const code of codes(kind)) {
        const n = part(code);
        const m = whole[code] ?? 0;
        if (exact ? n !== m : n > m) {
          problem([...at, ...path], `${name} xếp loại ${RATINGS[code].name.toLowerCase()}: cộng theo từng tổ chức cơ sở đảng (trường units) được ${formatCount(n)}, số liệu chung ghi ${formatCount(m)}`);
          return;
        }
      }
    };
    const add = (pick: (u: (typeof units)[number]) => Record<string, number>) => (code: string) => units.reduce((s, u) => s + (pick(u)[code] ?? 0), 0);
    over('tổ chức cơ sở đảng', 'org', f.baseOrganizations.byRating, (code) => units.filter((u) => u.rating === code).length, ['baseOrganizations'], true);
    over('chi bộ trực thuộc', 'org', f.cells.byRating, (code) => add((u) => u.cells.byRating)(code) + (direct.byRating[code] ?? 0), ['cells'], f.cells.direct !== undefined);
    over('đảng viên', 'member', f.members.byRating, add((u) => u.members.byRating), ['members'], false);
  }
  const inUnits = f.units?.reduce((s, u) => s + u.members.total, 0) ?? 0;
  const nowhere = f.members.total > inUnits && direct.total === 0 && (f.units ? true : f.baseOrganizations.total === 0);
  if (nowhere) problem([...at, 'members', 'total'], `${formatCount(f.members.total - inUnits)} đảng viên không thuộc tổ chức nào trong số liệu (không có chi bộ trực thuộc thẳng đơn vị)`);
}

/** The unit's own row in a year's figures (one upper committee, checked above), its score from the scores' sum. */
function ownRow(f: YearData): OwnRow | undefined {
  const own = f.upperCommittees?.total === 1 ? f.byUpper?.[0] : undefined;
  if (!own) return undefined;
  const line = Object.values(f.scores?.upperCommittees?.byRating ?? {})[0];
  return { name: own.name, rating: own.rating as RatingCode, score: line ? (line.sum ?? line.average * line.count) : undefined };
}

/** The checked data as the figures stage takes it. */
function asFigures(f: YearData): FiguresIn {
  const units = f.units?.map((u) => ({ ...u, rating: u.rating as RatingCode }));
  return { ...f, units } as FiguresIn;
}
