// Every row problem declared in src/row-checks.ts is found alike by the string path and the byte path,
// for both files: a sample row per code (the compiler wants one for each declared code), and random files
// whose every cell, in every column, may take odd values. A row rule added to a checker without the byte
// path handing its rows over fails here (or, with an undeclared code, throws in every test).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { finalize } from '../src/figures/aggregate.js';
import { checkMembers, checkOrganizations } from '../src/check.js';
import { jsonChunks } from '../src/report/json-stream.js';
import { jsonReport } from '../src/report/json-report.js';
import { sortProblems, type Problem, type ProblemCode } from '../src/problems.js';
import { formatProblem } from '../src/report/problems-text.js';
import { MEMBER_ROW_CHECKS, ORG_ROW_CHECKS, RECORD_CHECKS, type MemberRowCode, type OrgRowCode } from '../src/validate/row-checks.js';
import { bytesSource, SMALL } from './support.js';

const YEAR = 2017;

/** Both files through the checkers, each on the string path or the byte path, in chunks of `chunk`. */
async function run(orgs: string, members: string, chunk: number, bytePath: boolean, year = YEAR) {
  const problems: Problem[] = [];
  const years = new Set([year, year - 1]);
  const o = await checkOrganizations('organizations.csv', bytesSource(Buffer.from(orgs), chunk, bytePath), years, problems);
  const m = await checkMembers('members.csv', bytesSource(Buffer.from(members), chunk, bytePath), years, o.result, problems);
  const table = o.result?.get(year);
  const f = problems.length === 0 && table && table.size > 0 ? finalize(table, m.result.get(year)!) : undefined;
  return {
    problems: sortProblems(problems).map((p) => formatProblem(p)),
    codes: [...new Set(problems.map((p) => p.code))].sort(),
    figures: f && [...jsonChunks(jsonReport(f, {}))].join(''),
  };
}

async function same(orgs: string, members: string, chunks = [5, 64, 1 << 20], year = YEAR): Promise<ProblemCode[]> {
  const want = await run(orgs, members, 1 << 20, false, year);
  for (const chunk of chunks) expect(await run(orgs, members, chunk, true, year), `chunks of ${chunk}`).toEqual(want);
  return want.codes as ProblemCode[];
}

const O = SMALL.organizations.trimEnd();
const M = SMALL.members.trimEnd();
/** Enough plain rows around the sample for the byte path to be doing its own work. */
const plainMembers = Array.from({ length: 30 }, (_, i) => `DVP${i},Tên ${i},CB1,${YEAR},HTNV,`).join('\n');

/** The members file with the optional admitted_on column: every row given a date or a blank, the sample row as written (7 cells). */
const withAdmitted = (sample: string) => {
  const rows = `${M}\n${plainMembers}`.split('\n').map((line, i) => (i === 0 ? `${line},admitted_on` : `${line},${i % 3 === 0 ? '' : i % 3 === 1 ? `2017-0${(i % 9) + 1}-15` : `1${i % 10}/1${i % 3}/2016`}`));
  return `${rows.join('\n')}\n${sample}\n${rows.filter((r) => r.startsWith('DVP')).join('\n').replaceAll('DVP', 'DVQ')}\n`;
};

/** A 2026 tree (an upper committee, a đảng bộ with a bộ phận, cells under each level and none) with the optional score and disciplined columns. */
const Y26 = 2026;
const ORGS26 = [
  'id,name,kind,parent_id,year,rating,score,disciplined',
  `XA1,Đảng bộ xã A,dang_bo_cap_tren_co_so,,${Y26},HTTNV,80,`,
  `DB1,Đảng bộ Trường A,dang_bo_co_so,XA1,${Y26},HTTNV,85,không`,
  `BP1,Đảng bộ bộ phận 1,dang_bo_bo_phan,DB1,${Y26},HTNV,,`,
  `C1,Chi bộ 1,chi_bo_truc_thuoc,BP1,${Y26},HTTNV,75.5,`,
  `C2,Chi bộ thôn 2,chi_bo_truc_thuoc,XA1,${Y26},HTXSNV,92,`,
  `C3,Chi bộ thôn 3,chi_bo_truc_thuoc,,${Y26},HTNV,60,`,
  `CB1,Chi bộ cơ sở 1,chi_bo_co_so,,${Y26},HTTNV,,`,
].join('\n');
const plain26 = (tag: string) =>
  Array.from({ length: 30 }, (_, i) => `${tag}${i},Tên ${i},${['C1', 'C2', 'C3', 'CB1'][i % 4]},${Y26},${['HTTNV', 'HTNV', 'HTXSNV'][i % 3]},,${i % 2 ? '' : '2010-05-0' + ((i % 9) + 1)},${i % 3 === 2 ? '95' : i % 3 === 0 ? '80,5' : '60'}`)
    .map((r) => r.replace(/,80,5$/, ',"80,5"'))
    .join('\n');
const members26 = (sample: string) => `id,name,org_id,year,rating,reason,admitted_on,score\n${plain26('DVP')}\n${sample}\n${plain26('DVQ')}\n`;

/** A sample row alone (the members file as it is), one of a file with the admitted_on column (withAdmitted), or of the 2026 members (members26). */
type MemberSample = string | { admitted: string } | { y2026: string };

const MEMBER_SAMPLES: Record<MemberRowCode, MemberSample> = {
  'field-count': `DV9,A,CB1,${YEAR},HTNV`,
  'bad-year': 'DV9,A,CB1,20l7,HTNV,',
  'empty-cell': `,A,CB1,${YEAR},HTNV,`,
  'unknown-rating': `DV9,A,CB1,${YEAR},Giỏi,`,
  'rating-scheme': `DV9,A,CB1,${YEAR},TSVM,`,
  'duplicate-id': `DV1,A,CB1,${YEAR},HTNV,`,
  'unknown-org': `DV9,A,KHONG-CO,${YEAR},HTNV,`,
  'not-a-cell': `DV9,A,DB1,${YEAR},HTNV,`,
  'bad-date': { admitted: `DV9,A,CB1,${YEAR},HTNV,,hôm qua` },
  'future-date': { admitted: `DV9,A,CB1,${YEAR},HTNV,,${YEAR + 1}-01-01` },
  'bad-score': { y2026: `DV9,A,C1,${Y26},HTNV,,,abc` },
  'score-band': { y2026: `DV9,A,C1,${Y26},HTXSNV,,,75` },
  'rule-not-rated-reason': { y2026: `DV9,A,C1,${Y26},Không xếp loại,Nghỉ thai sản,,` },
  'rule-newly-admitted': { y2026: `DV9,A,C1,${Y26},HTTNV,,2026-10-01,80` },
};

/** The organizations file with the optional exemplary column: DB1 (TSVM) marked, the others blank; the sample row as written (7 cells). */
const withExemplary = (sample: string) =>
  `${O.split('\n').map((line, i) => (i === 0 ? `${line},exemplary` : `${line},${line.startsWith('DB1,') ? 'x' : line.startsWith('DB1-C1') ? 'Có' : ''}`)).join('\n')}\n${sample}\n`;

const ORG_SAMPLES: Record<OrgRowCode, { orgs: string; header?: string } | { exemplary: string } | { y2026: string }> = {
  'field-count': { orgs: `CB7,A,chi_bo_co_so,,${YEAR}` },
  'bad-year': { orgs: 'CB7,A,chi_bo_co_so,,20l7,HTNV' },
  'empty-cell': { orgs: `CB7,,chi_bo_co_so,,${YEAR},HTNV` },
  'unknown-kind': { orgs: `CB7,A,to_dan_pho,,${YEAR},HTNV` },
  'unknown-rating': { orgs: `CB7,A,chi_bo_co_so,,${YEAR},Giỏi` },
  'rating-scheme': { orgs: `CB7,A,chi_bo_co_so,,${YEAR},HTXSNV` },
  'base-with-parent': { orgs: `CB7,A,chi_bo_co_so,DB1,${YEAR},HTNV` },
  'missing-column': { orgs: `CB7,A,chi_bo_co_so,${YEAR},HTNV\nC9,B,chi_bo_truc_thuoc,${YEAR},HTNV`, header: 'id,name,kind,year,rating' },
  'duplicate-id': { orgs: `CB1,A,chi_bo_co_so,,${YEAR},HTNV` },
  'missing-parent': { orgs: `C9,A,chi_bo_truc_thuoc,,${YEAR},HTNV` },
  'bad-parent': { orgs: `C9,A,chi_bo_truc_thuoc,CB1,${YEAR},HTNV` },
  'bad-flag': { exemplary: `CB7,A,chi_bo_co_so,,${YEAR},TSVM,tiêu biểu` },
  'exemplary-rating': { exemplary: `CB7,A,chi_bo_co_so,,${YEAR},HTNV,x` },
  'bad-score': { y2026: `CB7,A,chi_bo_co_so,,${Y26},HTNV,101,` },
  'score-band': { y2026: `CB7,A,chi_bo_co_so,,${Y26},HTXSNV,80,` },
  'rule-excellent-disciplined': { y2026: `CB7,A,chi_bo_co_so,,${Y26},HTXSNV,95,có` },
};

const RECORD_SAMPLES: Record<keyof typeof RECORD_CHECKS, string> = {
  'unclosed-quote': `DV9,"A,CB1,${YEAR},HTNV,`,
  'text-after-quote': `DV9,"A"b,CB1,${YEAR},HTNV,`,
  'record-too-long': `DV9,${'x'.repeat((1 << 20) + 10)},CB1,${YEAR},HTNV,`,
  'bad-encoding': `DV9,A\ufffd,CB1,${YEAR},HTNV,`,
};

describe('every declared row problem: the same on both paths', () => {
  it('each declared code has a sample, and nothing else is declared', () => {
    expect(Object.keys(MEMBER_SAMPLES).sort()).toEqual(Object.keys(MEMBER_ROW_CHECKS).sort());
    expect(Object.keys(ORG_SAMPLES).sort()).toEqual(Object.keys(ORG_ROW_CHECKS).sort());
  });

  it.each(Object.entries(MEMBER_SAMPLES))('members.csv: %s', async (code, row) => {
    if (typeof row === 'object' && 'y2026' in row) {
      expect(await same(`${ORGS26}\n`, members26(row.y2026), undefined, Y26)).toContain(code);
      return;
    }
    const members = typeof row === 'string' ? `${M}\n${plainMembers}\n${row}\n${plainMembers.replaceAll('DVP', 'DVQ')}\n` : withAdmitted(row.admitted);
    const codes = await same(SMALL.organizations, members);
    expect(codes).toContain(code);
  });

  it.each(Object.entries(ORG_SAMPLES))('organizations.csv: %s', async (code, sample) => {
    if ('y2026' in sample) {
      expect(await same(`${ORGS26}\n${sample.y2026}\n`, members26(''), undefined, Y26)).toContain(code);
      return;
    }
    if ('exemplary' in sample) {
      expect(await same(withExemplary(sample.exemplary), SMALL.members)).toContain(code);
      return;
    }
    const { orgs, header } = sample;
    const base = header ? O.replace('id,name,kind,parent_id,year,rating', header).replace(/,([^,\n]*),(\d{4}),/g, (m0, p: string, y: string) => (p === '' || /^D/.test(p) ? `,${y},` : m0)) : O;
    const codes = await same(`${header ? `${header}\nCB1,Chi bộ Trường THPT,chi_bo_co_so,${YEAR},YEU` : base}\n${orgs}\n`, SMALL.members);
    expect(codes).toContain(code);
  });

  it.each(Object.entries(RECORD_SAMPLES))('a record: %s', async (code, row) => {
    // (a megabyte cut in chunks of a few bytes would only test the test's patience)
    const chunks = code === 'record-too-long' ? [4096, 1 << 20] : undefined;
    const codes = await same(`${O}\n${row.replace('CB1', 'chi_bo_co_so').replace(`,${YEAR},HTNV,`, `,,${YEAR},HTNV`)}\n`, `${M}\n${row}\n`, chunks);
    expect(codes).toContain(code);
  }, 20_000);
});

describe('the optional columns, valid: the same figures on both paths', () => {
  it('dates on every row and flags: no problem, the same counts', async () => {
    const members = withAdmitted(`DV9,A,CB1,${YEAR},HTNV,,42809.0`);
    const orgs = withExemplary(`CB7,A,chi_bo_co_so,,${YEAR},TSVM,yes`);
    expect(await same(orgs, members)).toEqual([]);
    const f = JSON.parse((await run(orgs, members, 64, true)).figures!) as { baseOrganizations: { exemplary: unknown }; cells: { exemplary: unknown }; members: { admitted: number } };
    expect(f.baseOrganizations.exemplary).toEqual({ code: 'TSVM', count: 2, share: 50, shareOfRating: 100 });
    expect(f.cells.exemplary).toMatchObject({ code: 'TSVM', count: 1 });
    // 2017 dates: the rows i % 3 === 1 of M and of the plain rows (those twice), and DV9's 42809 (2017-03-15)
    const dated = `${M}\n${plainMembers}`.split('\n').map((r, i) => [r, i] as const).filter(([, i]) => i > 0 && i % 3 === 1);
    const want = dated.length + dated.filter(([r]) => r.startsWith('DVP')).length + 1;
    expect(f.members.admitted).toBe(want);
  });
});

describe('random files, every column with odd values: the same on both paths', () => {
  // Odd values for any cell: blank, spaces around, case, accents decomposed, other scripts, digits, separators…
  const odd = fc.constantFrom('', ' ', ' x ', 'X', 'nguyễn', 'Nguye\u0302\u0303n', '0', '00', '-', '_', '.', 'ĐB', '\u00a0', 'a\tb', '2017', 'HTNV', 'Không xếp loại', 'UNRANKED', '\u200b', '×', 'CB1 ');
  const cell = (usual: fc.Arbitrary<string>) => fc.oneof({ weight: 6, arbitrary: usual }, { weight: 1, arbitrary: odd });

  it('members.csv', async () => {
    const member = fc.tuple(
      cell(fc.integer({ min: 1, max: 40 }).map((i) => `DV${i}`)),
      cell(fc.constantFrom('An', 'Bình', '')),
      cell(fc.constantFrom('CB1', 'DB1-C1', 'DB1-C2', 'DB2-C1')),
      cell(fc.constantFrom('2017', '2016', '2017.0')),
      cell(fc.constantFrom('HTXSNV', 'HTTNV', 'HTNV', 'HTNV_HC', 'KHTNV', 'UNRANKED', 'PENDING', '')),
      cell(fc.constantFrom('', 'Miễn sinh hoạt', 'Chuyển đến')),
      cell(fc.constantFrom('', '2017-03-15', '2017-3-5', '15/03/2016', '1/12/2017', '42809', '42809.0', '31/12/2017', '2018-01-01', '29/02/2017', 'x')),
    );
    // Sometimes with the optional admitted_on column (the 7th cell), sometimes without it.
    await fc.assert(
      fc.asyncProperty(fc.boolean(), fc.array(member, { maxLength: 50 }), async (admitted, rows) => {
        const lines = rows.map((cells) => (admitted ? cells : cells.slice(0, 6)).join(','));
        await same(SMALL.organizations, [`id,name,org_id,year,rating,reason${admitted ? ',admitted_on' : ''}`, ...lines, ''].join('\n'));
      }),
      { numRuns: 150 },
    );
  }, 60_000);

  it('organizations.csv', async () => {
    const org = fc.tuple(
      cell(fc.constantFrom('CB1', 'CB2', 'DB1', 'DB3', 'C1', 'C2', 'C3')),
      cell(fc.constantFrom('Chi bộ A', 'Đảng bộ B', '')),
      cell(fc.constantFrom('dang_bo_co_so', 'chi_bo_co_so', 'chi_bo_truc_thuoc', 'Chi bộ trực thuộc')),
      cell(fc.constantFrom('', 'DB1', 'DB3', 'CB1')),
      cell(fc.constantFrom('2017', '2016', '2017,0')),
      cell(fc.constantFrom('TSVM', 'HTTNV', 'HTNV', 'YEU', 'UNRANKED', '')),
      cell(fc.constantFrom('', '', 'x', 'X', 'có', 'Không', 'yes', 'no', 'tiêu biểu')),
    );
    // Sometimes with the optional exemplary column (the 7th cell), sometimes without it.
    await fc.assert(
      fc.asyncProperty(fc.boolean(), fc.array(org, { maxLength: 30 }), async (exemplary, rows) => {
        const lines = rows.map((cells) => (exemplary ? cells : cells.slice(0, 6)).join(','));
        await same([`id,name,kind,parent_id,year,rating${exemplary ? ',exemplary' : ''}`, ...lines, ''].join('\n'), SMALL.members);
      }),
      { numRuns: 150 },
    );
  }, 60_000);
});
