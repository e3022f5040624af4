// The regulation rules (src/figures/rules.ts), one table row each way: a breach, and a near miss that stays
// within the rule (a count one short of the limit, a year out of the rule's range, a rating the rule exempts).
// Figures are built from small CSV texts through the checkers (test/support.ts checkText): no file, no CLI.
import { describe, expect, it } from 'vitest';
import { checkRules } from '../src/figures/rules.js';
import { checkText } from './support.js';

/** One organization row: `id,kind,parent,rating` (the name is made from the id). */
type Org = [id: string, kind: 'dang_bo_co_so' | 'chi_bo_co_so' | 'chi_bo_truc_thuoc' | 'dang_bo_cap_tren_co_so' | 'dang_bo_bo_phan', parent: string, rating: string];

/** From 2025: chi bộ cơ sở CB1… rated as `ratings` (one HTTNV member each), under `parent` (an upper committee XA1 when given). */
const bases2025 = (ratings: string[], parent = '') =>
  district(
    2025,
    [...(parent ? [[parent, 'dang_bo_cap_tren_co_so', '', 'HTTNV'] as Org] : []), ...ratings.map((r, i): Org => [`CB${i + 1}`, 'chi_bo_co_so', parent, r])],
    ratings.map((_, i) => [`CB${i + 1}`, 'HTTNV', 1]),
  );

/** A district's two files for `year`: the organizations, and `members` as [cell, rating, how many]. */
function district(year: number, orgs: Org[], members: [cell: string, rating: string, count: number][]) {
  const o = ['id,name,kind,parent_id,year,rating', ...orgs.map(([id, kind, parent, rating]) => `${id},Tổ chức ${id},${kind},${parent},${year},${rating}`)];
  let n = 0;
  const m = ['id,name,org_id,year,rating,reason', ...members.flatMap(([cell, rating, count]) => Array.from({ length: count }, () => `DV${++n},Đảng viên ${n},${cell},${year},${rating},`))];
  return { organizations: `${o.join('\n')}\n`, members: `${m.join('\n')}\n` };
}

/** A chi bộ cơ sở CB1 rated `rating`, with these members. */
const baseCell = (year: number, rating: string, members: [string, number][]) =>
  district(year, [['CB1', 'chi_bo_co_so', '', rating]], members.map(([r, k]) => ['CB1', r, k]));

/** A committee DB1 rated `rating` with one cell per entry of `cells` (its rating, its members). */
const committee = (year: number, rating: string, cells: [string, [string, number][]][]) =>
  district(
    year,
    [['DB1', 'dang_bo_co_so', '', rating], ...cells.map(([r], i): Org => [`DB1-C${i + 1}`, 'chi_bo_truc_thuoc', 'DB1', r])],
    cells.flatMap(([, ms], i) => ms.map(([r, k]): [string, string, number] => [`DB1-C${i + 1}`, r, k])),
  );

/** The warnings of a district, as `line code name: sentence`. */
async function warnings(files: { organizations: string; members: string }, year: number): Promise<string[]> {
  const { problems, figures } = await checkText(files.organizations, files.members, year);
  expect(problems).toEqual([]);
  return checkRules(figures!, 'organizations.csv').map((p) => `${p.line} ${p.code} ${p.message}`);
}

interface Row {
  name: string;
  files: { organizations: string; members: string };
  year: number;
  /** The warnings expected, as `line code name: sentence` (a fragment of the sentence is enough). */
  says: string[];
}

const ROWS: Row[] = [
  // 2019 on: members rated HTXSNV at most 20% of those rated HTTNV, within a base organization.
  {
    name: 'excellent quota: 1 HTXSNV for 4 HTTNV in a chi bộ cơ sở',
    year: 2019,
    files: baseCell(2019, 'HTTNV', [['HTXSNV', 1], ['HTTNV', 4]]),
    says: ['2 rule-excellent-quota Tổ chức CB1: 1 đảng viên hoàn thành xuất sắc nhiệm vụ, vượt 20% số đảng viên hoàn thành tốt nhiệm vụ (4, tức tối đa 0)'],
  },
  { name: 'excellent quota, near miss: 1 HTXSNV for 5 HTTNV', year: 2019, files: baseCell(2019, 'HTTNV', [['HTXSNV', 1], ['HTTNV', 5]]), says: [] },
  {
    name: 'excellent quota counted over a committee\'s cells together: 2 HTXSNV for 9 HTTNV',
    year: 2019,
    files: committee(2019, 'HTTNV', [['HTTNV', [['HTXSNV', 2], ['HTTNV', 1]]], ['HTTNV', [['HTTNV', 8]]]]),
    says: ['2 rule-excellent-quota Tổ chức DB1: 2 đảng viên hoàn thành xuất sắc nhiệm vụ, vượt 20% số đảng viên hoàn thành tốt nhiệm vụ (9, tức tối đa 1)'],
  },
  { name: 'excellent quota, near miss: a cell over 20% in a committee within it (the quota is the base organization\'s)', year: 2019, files: committee(2019, 'HTTNV', [['HTTNV', [['HTXSNV', 2], ['HTTNV', 1]]], ['HTTNV', [['HTTNV', 9]]]]), says: [] },
  { name: 'excellent quota, near miss: 2018 (the rule starts in 2019)', year: 2018, files: baseCell(2018, 'HTTNV', [['HTXSNV', 1], ['HTTNV', 4]]), says: [] },

  // 2019 on: an organization rated HTXSNV has no cell or member rated KHTNV.
  {
    name: 'excellent organization with a member KHTNV',
    year: 2019,
    files: baseCell(2019, 'HTXSNV', [['HTTNV', 4], ['KHTNV', 1]]),
    says: ['2 rule-excellent-org Tổ chức CB1: được xếp loại hoàn thành xuất sắc nhiệm vụ nhưng có 1 đảng viên không hoàn thành nhiệm vụ'],
  },
  {
    name: 'excellent committee with a cell KHTNV (and its members HTTNV)',
    year: 2019,
    files: committee(2019, 'HTXSNV', [['HTTNV', [['HTTNV', 5]]], ['HTTNV', [['HTTNV', 5]]], ['HTTNV', [['HTTNV', 5]]], ['HTTNV', [['HTTNV', 5]]], ['KHTNV', [['HTTNV', 5]]]]),
    says: ['2 rule-excellent-org Tổ chức DB1: được xếp loại hoàn thành xuất sắc nhiệm vụ nhưng có 1 chi bộ không hoàn thành nhiệm vụ'],
  },
  { name: 'excellent organization, near miss: no KHTNV (HTNV is allowed)', year: 2019, files: baseCell(2019, 'HTXSNV', [['HTTNV', 4], ['HTNV', 1]]), says: [] },
  { name: 'excellent organization, near miss: a member KHTNV in an organization rated HTTNV', year: 2019, files: baseCell(2019, 'HTTNV', [['HTTNV', 4], ['KHTNV', 1]]), says: [] },

  // 2019 on: an organization rated HTXSNV has at least 80% of its rated units at HTTNV or better.
  {
    name: 'excellent organization with 3 of 4 members at HTTNV or better',
    year: 2019,
    files: baseCell(2019, 'HTXSNV', [['HTTNV', 3], ['HTNV', 1]]),
    says: ['2 rule-excellent-org Tổ chức CB1: được xếp loại hoàn thành xuất sắc nhiệm vụ nhưng chỉ 3/4 đảng viên được xếp loại đạt hoàn thành tốt nhiệm vụ trở lên (cần ít nhất 80%)'],
  },
  {
    name: 'excellent committee with 3 of 4 cells at HTTNV or better',
    year: 2019,
    files: committee(2019, 'HTXSNV', [['HTTNV', [['HTTNV', 5]]], ['HTTNV', [['HTTNV', 5]]], ['HTTNV', [['HTTNV', 5]]], ['HTNV', [['HTTNV', 5]]]]),
    says: ['2 rule-excellent-org Tổ chức DB1: được xếp loại hoàn thành xuất sắc nhiệm vụ nhưng chỉ 3/4 chi bộ trực thuộc được xếp loại đạt hoàn thành tốt nhiệm vụ trở lên (cần ít nhất 80%)'],
  },
  { name: 'excellent organization, near miss: 4 of 5 (80%)', year: 2019, files: baseCell(2019, 'HTXSNV', [['HTTNV', 4], ['HTNV', 1]]), says: [] },
  { name: 'excellent organization, near miss: members not rated are not counted', year: 2019, files: baseCell(2019, 'HTXSNV', [['HTTNV', 4], ['UNRANKED', 3], ['PENDING', 3]]), says: [] },

  // 2014–2017: a committee with more than 1/3 of its cells YEU is itself YEU.
  {
    name: 'weak share: a committee with 2 of 5 cells YEU, rated HTTNV',
    year: 2017,
    files: committee(2017, 'HTTNV', [['YEU', [['HTTNV', 1]]], ['YEU', [['HTTNV', 1]]], ['HTTNV', [['HTTNV', 1]]], ['HTTNV', [['HTTNV', 1]]], ['HTTNV', [['HTTNV', 1]]]]),
    says: ['2 rule-weak-share Tổ chức DB1: có 2/5 chi bộ trực thuộc yếu kém (hơn 1/3) nhưng được xếp loại hoàn thành tốt nhiệm vụ, không phải yếu kém'],
  },
  { name: 'weak share, near miss: 1 of 3 cells YEU (not more than 1/3)', year: 2017, files: committee(2017, 'HTTNV', [['YEU', [['HTTNV', 1]]], ['HTTNV', [['HTTNV', 1]]], ['TSVM', [['HTTNV', 1]]]]), says: [] },
  { name: 'weak share, near miss: the committee is rated YEU', year: 2017, files: committee(2017, 'YEU', [['YEU', [['HTTNV', 1]]], ['YEU', [['HTTNV', 1]]], ['HTTNV', [['HTTNV', 1]]]]), says: [] },
  { name: 'weak share, near miss: 2013 (the rule starts in 2014)', year: 2013, files: committee(2013, 'HTTNV', [['YEU', [['HTTNV', 1]]], ['YEU', [['HTTNV', 1]]], ['HTTNV', [['HTTNV', 1]]]]), says: [] },

  // 2014–2017: a cell with more than 1/2 of its members KHTNV is itself YEU.
  {
    name: 'weak share: a chi bộ cơ sở with 2 of 3 members KHTNV, rated HTNV',
    year: 2017,
    files: baseCell(2017, 'HTNV', [['KHTNV', 2], ['HTTNV', 1]]),
    says: ['2 rule-weak-share Tổ chức CB1: có 2/3 đảng viên không hoàn thành nhiệm vụ (hơn 1/2) nhưng được xếp loại hoàn thành nhiệm vụ, không phải yếu kém'],
  },
  {
    name: 'weak share: a chi bộ trực thuộc with 2 of 3 members KHTNV, rated TSVM (on its own line)',
    year: 2016,
    files: committee(2016, 'HTTNV', [['HTTNV', [['HTTNV', 2]]], ['TSVM', [['KHTNV', 2], ['HTNV_HC', 1]]]]),
    says: ['4 rule-weak-share Tổ chức DB1-C2: có 2/3 đảng viên không hoàn thành nhiệm vụ (hơn 1/2) nhưng được xếp loại trong sạch vững mạnh, không phải yếu kém'],
  },
  { name: 'weak share, near miss: 1 of 2 members KHTNV (not more than 1/2)', year: 2017, files: baseCell(2017, 'HTNV', [['KHTNV', 1], ['HTTNV', 1]]), says: [] },
  { name: 'weak share, near miss: members not rated are not counted', year: 2017, files: baseCell(2017, 'HTNV', [['KHTNV', 1], ['HTTNV', 1], ['UNRANKED', 2], ['PENDING', 2]]), says: [] },
  { name: 'weak share, near miss: 2018 (the rule ends in 2017)', year: 2018, files: baseCell(2018, 'HTNV', [['KHTNV', 2], ['HTTNV', 1]]), says: [] },

  // 2025 on (Quy định 366): HTXSNV at most 20% of HTTNV among the units one committee rated; up to 25% with leave.
  {
    name: 'excellent quota 2025: the base organizations of the reporting committee, 2 HTXSNV for 9 HTTNV (22%)',
    year: 2025,
    files: bases2025([...Array(2).fill('HTXSNV'), ...Array(9).fill('HTTNV')]),
    says: ['0 rule-excellent-quota Cấp ủy báo cáo: 2 tổ chức cơ sở đảng hoàn thành xuất sắc nhiệm vụ, vượt 20% số tổ chức cơ sở đảng hoàn thành tốt nhiệm vụ (9, tức tối đa 1) (chỉ được đến 25%'],
  },
  {
    name: 'excellent quota 2025: over 25%, 3 HTXSNV for 9 HTTNV, under an upper committee',
    year: 2025,
    files: bases2025([...Array(3).fill('HTXSNV'), ...Array(9).fill('HTTNV')], 'XA1'),
    says: ['2 rule-excellent-quota-max Tổ chức XA1: 3 tổ chức cơ sở đảng hoàn thành xuất sắc nhiệm vụ, vượt 25% số tổ chức cơ sở đảng hoàn thành tốt nhiệm vụ (9, tức tối đa 2)'],
  },
  { name: 'excellent quota 2025, near miss: 2 HTXSNV for 10 HTTNV (20%)', year: 2025, files: bases2025([...Array(2).fill('HTXSNV'), ...Array(10).fill('HTTNV')]), says: [] },
  {
    name: 'excellent organization 2025: the 80% rule is gone (3 of 4 members HTTNV); the quota of members still holds',
    year: 2025,
    files: district(2025, [['CB1', 'chi_bo_co_so', '', 'HTXSNV'], ...Array.from({ length: 5 }, (_, i): Org => [`CB${i + 2}`, 'chi_bo_co_so', '', 'HTTNV'])], [['CB1', 'HTTNV', 3], ['CB1', 'HTNV', 1]]),
    says: [],
  },
];

describe('regulation rules', () => {
  it('the table holds a breach and a near miss of each rule code', () => {
    for (const code of ['rule-excellent-quota', 'rule-excellent-org', 'rule-weak-share']) {
      // (rule-excellent-quota-max is the 2025 quota's second step: a breach above, its near miss is the first step's)
      expect(ROWS.some((r) => r.says.some((s) => s.includes(` ${code} `))), code).toBe(true);
      expect(ROWS.some((r) => r.says.length === 0 && r.name.startsWith(code === 'rule-excellent-quota' ? 'excellent quota' : code === 'rule-excellent-org' ? 'excellent organization' : 'weak share')), code).toBe(true);
    }
  });

  it.each(ROWS)('$name', async ({ files, year, says }) => {
    const got = await warnings(files, year);
    expect(got).toHaveLength(says.length);
    says.forEach((s, i) => expect(got[i]).toContain(s));
  });

  it('warnings come sorted by line, one per breach, with the year and the file', async () => {
    const files = district(2019, [
      ['CB1', 'chi_bo_co_so', '', 'HTXSNV'],
      ['CB2', 'chi_bo_co_so', '', 'HTTNV'],
    ], [['CB2', 'HTXSNV', 1], ['CB2', 'HTTNV', 4], ['CB1', 'HTTNV', 3], ['CB1', 'KHTNV', 1]]);
    const { figures } = await checkText(files.organizations, files.members, 2019);
    const got = checkRules(figures!, 'organizations.csv');
    expect(got.map((p) => [p.line, p.code, p.file, p.year])).toEqual([
      [2, 'rule-excellent-org', 'organizations.csv', 2019],
      [2, 'rule-excellent-org', 'organizations.csv', 2019],
      [3, 'rule-excellent-quota', 'organizations.csv', 2019],
    ]);
  });
});
