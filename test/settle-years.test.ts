// Which year is reported and which compared (src/figures/years.ts settleYears), one row per case, in this
// process: the two files' texts through the checkers (no file, no CLI), then settleYears as src/run.ts calls it.
// The same cases end to end through cli() are in test/years.test.ts.
import { describe, expect, it } from 'vitest';
import { checkInputs } from '../src/check.js';
import { settleYears } from '../src/figures/years.js';
import { ProblemList } from '../src/problems.js';
import { bytesSource } from './support.js';

const FILES = { organizations: 'organizations.csv', members: 'members.csv' };
const ORG = 'id,name,kind,parent_id,year,rating';
const MEMBER = 'id,name,org_id,year,rating,reason';

/** One base cell and one member for each year; `bad` years get a member with an unknown rating. */
function texts(orgYears: number[], memberYears: number[], bad: number[] = []) {
  const organizations = [ORG, ...orgYears.map((y) => `CB1,Chi bộ Trạm y tế,chi_bo_co_so,,${y},HTTNV`)].join('\n');
  const members = [MEMBER, ...memberYears.map((y) => `DV1,An,CB1,${y},HTTNV,`), ...bad.map((y) => `DV2,Bình,CB1,${y},Giỏi,`)].join('\n');
  return { [FILES.organizations]: `${organizations}\n`, [FILES.members]: `${members}\n` } as Record<string, string>;
}

async function settle(year: number, compare: number | null, explicit: boolean, files: Record<string, string>) {
  const problems = new ProblemList(1000);
  const years = new Set(compare === null ? [year] : [year, compare]);
  const data = await checkInputs(FILES, (f) => bytesSource(Buffer.from(files[f]!), 1 << 16, false), years, problems);
  const settled = settleYears(year, { year: compare, explicit }, FILES, data, problems);
  return { ...settled, problems };
}

interface Row {
  name: string;
  year: number;
  compare: number | null;
  explicit: boolean;
  files: Record<string, string>;
  /** The outcome: the reported year's figures, the compared year's, the problems failing the run, the notice. */
  figures: boolean;
  previous: number | undefined;
  failing: number;
  notice?: RegExp;
}

const ROWS: Row[] = [
  { name: 'the year alone, no comparison asked', year: 2025, compare: null, explicit: false, files: texts([2025], [2025]), figures: true, previous: undefined, failing: 0 },
  { name: 'the year before, by default, when it has rows', year: 2025, compare: 2024, explicit: false, files: texts([2024, 2025], [2024, 2025]), figures: true, previous: 2024, failing: 0 },
  { name: 'the year before, by default, without rows: simply not compared', year: 2025, compare: 2024, explicit: false, files: texts([2025], [2025]), figures: true, previous: undefined, failing: 0 },
  { name: 'an explicit --compare with rows', year: 2025, compare: 2022, explicit: true, files: texts([2022, 2025], [2022, 2025]), figures: true, previous: 2022, failing: 0 },
  {
    name: 'the compared year has problems, by default: left out with a notice, the report still made',
    year: 2025,
    compare: 2024,
    explicit: false,
    files: texts([2024, 2025], [2024, 2025], [2024]),
    figures: true,
    previous: undefined,
    failing: 0,
    notice: /^assess: không so sánh với năm 2024: dữ liệu năm đó có 1 lỗi \(xem: assess validate --year 2024\)\n$/,
  },
  // (the compared year's figures are still made: the run stops on the problems before they are used)
  { name: 'the reported year has problems: no figures, the problems fail the run', year: 2025, compare: 2024, explicit: false, files: texts([2024, 2025], [2024, 2025], [2025]), figures: false, previous: 2024, failing: 1 },
  { name: '--compare equal to --year: no comparison', year: 2025, compare: 2025, explicit: false, files: texts([2025], [2025]), figures: true, previous: undefined, failing: 0 },
  {
    name: 'the year has organizations but no members: a data problem',
    year: 2025,
    compare: null,
    explicit: false,
    files: texts([2024, 2025], [2024]),
    figures: false,
    previous: undefined,
    failing: 1,
  },
];

describe('settleYears', () => {
  it.each(ROWS)('$name', async (row) => {
    const s = await settle(row.year, row.compare, row.explicit, row.files);
    expect(s.figures !== undefined).toBe(row.figures);
    if (s.figures) expect(s.figures.year).toBe(row.year);
    expect(s.previous?.year).toBe(row.previous);
    expect(s.main.total).toBe(row.failing);
    if (row.notice) expect(s.notice).toMatch(row.notice);
    else expect(s.notice).toBeUndefined();
  });

  it.each([
    ['no row of the year in either file', 2026, null, false, texts([2024, 2025], [2025]), /^không có dữ liệu năm 2026: organizations.csv có các năm 2024, 2025; members.csv chỉ có năm 2025$/],
    ['an explicit --compare without rows', 2025, 2020, true, texts([2025], [2025]), /^không so sánh được với năm 2020 \(--compare\): không có dữ liệu năm đó; organizations.csv chỉ có năm 2025; members.csv chỉ có năm 2025$/],
    ['an explicit --compare whose rows have problems', 2025, 2024, true, texts([2024, 2025], [2024, 2025], [2024]), /^không so sánh được với năm 2024: dữ liệu năm đó có 1 lỗi$/],
  ] as const)('%s: a usage error that says why', async (_name, year, compare, explicit, files, message) => {
    await expect(settle(year, compare, explicit, files)).rejects.toThrow(message);
  });
});
