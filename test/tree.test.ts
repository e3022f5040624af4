// The tree of organizations (src/figures/tree.ts, the parent rules of src/schemes.ts PARENTS, checked in
// src/validate/org-checker.ts): upper committees (đảng bộ cấp trên cơ sở), đảng bộ bộ phận, cells under each
// level or directly under the reporting committee from 2025; the figures and the JSON's upperCommittees and
// byUpper; and each wrong parent said at its line, on both paths.
import { describe, expect, it } from 'vitest';
import { jsonChunks } from '../src/report/json-stream.js';
import { jsonReport } from '../src/report/json-report.js';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { checkMembers, checkOrganizations } from '../src/check.js';
import { finalize } from '../src/figures/aggregate.js';
import { sortProblems, type Problem } from '../src/problems.js';
import { bytesSource, checkText, ROOT } from './support.js';

const ORG_HEAD = 'id,name,kind,parent_id,year,rating,score';
const MEMBER_HEAD = 'id,name,org_id,year,rating,reason,admitted_on,score';
const csv = (head: string, rows: string[]) => `${[head, ...rows].join('\n')}\n`;

/** A province's slice, 2026: two communes (XA1, XA2), a đảng bộ with a bộ phận, cells at every level, one under the province itself. */
const ORGS = [
  'XA1,Đảng bộ xã Hòa Bình,dang_bo_cap_tren_co_so,,2026,HTTNV,85',
  'XA2,Đảng bộ phường Đông,dang_bo_cap_tren_co_so,,2026,HTXSNV,92',
  'DB1,Đảng bộ Trường THPT Hòa Bình,dang_bo_co_so,XA1,2026,HTTNV,80',
  'BP1,Đảng bộ bộ phận khối lớp,dang_bo_bo_phan,DB1,2026,HTTNV,',
  'C1,Chi bộ giáo viên 1,chi_bo_truc_thuoc,BP1,2026,HTTNV,78.5',
  'C2,Chi bộ hành chính,chi_bo_truc_thuoc,DB1,2026,HTNV,65',
  'CB1,Chi bộ Công an xã,chi_bo_co_so,XA1,2026,HTXSNV,95',
  'C3,Chi bộ thôn 1,chi_bo_truc_thuoc,XA1,2026,HTTNV,',
  'CB2,Chi bộ Trạm Y tế,chi_bo_co_so,XA2,2026,HTNV,55',
  'C4,Chi bộ Cơ quan tỉnh,chi_bo_truc_thuoc,,2026,HTTNV,',
];
const MEMBERS = [
  'DV1,A,C1,2026,HTTNV,,,80',
  'DV2,B,C1,2026,HTTNV,,,70',
  'DV3,C,C2,2026,HTNV,,,60.5',
  'DV4,D,CB1,2026,HTXSNV,,,95',
  'DV5,E,CB1,2026,HTTNV,,,',
  'DV6,F,C3,2026,HTTNV,,,',
  'DV7,G,C3,2026,HTTNV,,,',
  'DV8,H,CB2,2026,KHTNV,,,40',
  'DV9,I,C4,2026,HTTNV,,,',
  'DV10,K,C4,2026,UNRANKED,Miễn sinh hoạt,,',
];

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the JSON read back, checked field by field
type Json = Record<string, any>;

const by = (o: Record<string, number>) => ({ HTXSNV: 0, HTTNV: 0, HTNV: 0, KHTNV: 0, UNRANKED: 0, PENDING: 0, ...o });

describe('the tree: figures and JSON', () => {
  it('counts every level, each committee\'s units at any depth, the cells outside base organizations', async () => {
    const { problems, figures } = await checkText(csv(ORG_HEAD, ORGS), csv(MEMBER_HEAD, MEMBERS), 2026);
    expect(problems).toEqual([]);
    const j = JSON.parse([...jsonChunks(jsonReport(figures!, {}))].join('')) as Json;
    expect(j.baseOrganizations).toMatchObject({ total: 3, committees: 1, byRating: by({ HTXSNV: 1, HTTNV: 1, HTNV: 1 }) });
    expect(j.cells).toMatchObject({ total: 4, committees: 1, byRating: by({ HTTNV: 3, HTNV: 1 }), direct: { total: 2, byRating: by({ HTTNV: 2 }) } });
    expect(j.members).toMatchObject({ total: 10, byRating: by({ HTXSNV: 1, HTTNV: 6, HTNV: 1, KHTNV: 1, UNRANKED: 1 }) });
    expect(j.upperCommittees).toEqual({ total: 2, byRating: by({ HTXSNV: 1, HTTNV: 1 }) });
    expect(Object.keys(j.scores)).toEqual(['upperCommittees', 'baseOrganizations', 'cells', 'members']);
    expect(j.scores.members).toMatchObject({ given: 5, average: 69.1 });
    expect(j.byUpper).toEqual([
      {
        id: 'XA1', name: 'Đảng bộ xã Hòa Bình', rating: 'HTTNV',
        baseOrganizations: { total: 2, byRating: by({ HTXSNV: 1, HTTNV: 1 }) },
        cells: { total: 3, byRating: by({ HTTNV: 2, HTNV: 1 }) },
        members: { total: 7, byRating: by({ HTXSNV: 1, HTTNV: 5, HTNV: 1 }) },
      },
      {
        id: 'XA2', name: 'Đảng bộ phường Đông', rating: 'HTXSNV',
        baseOrganizations: { total: 1, byRating: by({ HTNV: 1 }) },
        cells: { total: 0, byRating: by({}) },
        members: { total: 1, byRating: by({ KHTNV: 1 }) },
      },
    ]);
    // The appendix unit DB1 holds its cells through the bộ phận too.
    expect(j.units.find((u: { id: string }) => u.id === 'DB1').cells.total).toBe(2);
  });

  it('the scores: given, average and spread per rating, per block', async () => {
    const { figures } = await checkText(csv(ORG_HEAD, ORGS), csv(MEMBER_HEAD, MEMBERS), 2026);
    expect(figures!.members.scores).toEqual({
      given: 5,
      average: 69.1,
      byRating: { HTXSNV: { count: 1, sum: 95, average: 95, min: 95, max: 95 }, HTTNV: { count: 2, sum: 150, average: 75, min: 70, max: 80 }, HTNV: { count: 1, sum: 60.5, average: 60.5, min: 60.5, max: 60.5 }, KHTNV: { count: 1, sum: 40, average: 40, min: 40, max: 40 } },
    });
    expect(figures!.baseOrganizations.scores).toMatchObject({ given: 3, average: 76.67 });
    expect(figures!.upperCommittees.scores).toMatchObject({ given: 2, average: 88.5 });
    expect(figures!.cells.scores).toMatchObject({ given: 2, byRating: { HTTNV: { count: 1, average: 78.5 }, HTNV: { count: 1, average: 65 } } });
  });

  it('without upper committees: byUpper empty, upperCommittees zero, no scores field', async () => {
    const { figures } = await checkText(csv('id,name,kind,parent_id,year,rating', ['CB1,A,chi_bo_co_so,,2026,HTTNV']), csv('id,org_id,year,rating', ['DV1,CB1,2026,HTTNV']), 2026);
    const j = JSON.parse([...jsonChunks(jsonReport(figures!, {}))].join('')) as Json;
    expect(j.byUpper).toEqual([]);
    expect(j.upperCommittees).toEqual({ total: 0, byRating: by({}) });
    expect(j.scores).toBeUndefined();
  });
});

describe('the tree: each wrong parent, score and band at its line', () => {
  const orgsWith = (year: number, rows: string[]) => csv(ORG_HEAD, [`CB1,Chi bộ A,chi_bo_co_so,,${year},HTTNV,`, `DB1,Đảng bộ B,dang_bo_co_so,,${year},HTTNV,`, `XA1,Đảng bộ xã C,dang_bo_cap_tren_co_so,,${year},HTTNV,`, ...rows]);
  const members = (year: number, rows: string[] = []) => csv(MEMBER_HEAD, [`DV1,A,CB1,${year},HTTNV,,,`, ...rows]);
  it.each([
    ['an upper committee with a parent', 2026, ['XA2,Đảng bộ xã D,dang_bo_cap_tren_co_so,XA1,2026,HTTNV,'], [], 'organizations.csv:5', 'bad-parent', 'phải để trống'],
    ['a cell its own parent', 2026, ['C9,Chi bộ E,chi_bo_truc_thuoc,C9,2026,HTTNV,'], [], 'organizations.csv:5', 'bad-parent', 'chính nó'],
    ['a bộ phận without a parent', 2026, ['BP1,Đảng bộ bộ phận F,dang_bo_bo_phan,,2026,HTTNV,'], [], 'organizations.csv:5', 'missing-parent', 'đảng bộ cơ sở'],
    ['a bộ phận under a chi bộ cơ sở', 2026, ['BP1,Đảng bộ bộ phận F,dang_bo_bo_phan,CB1,2026,HTTNV,'], [], 'organizations.csv:5', 'bad-parent', 'là chi bộ cơ sở'],
    ['a base organization under a base organization', 2026, ['CB2,Chi bộ G,chi_bo_co_so,DB1,2026,HTTNV,'], [], 'organizations.csv:5', 'base-with-parent', 'đảng bộ cấp trên cơ sở'],
    ['2024: a cell under an upper committee', 2024, ['C9,Chi bộ thôn H,chi_bo_truc_thuoc,XA1,2024,HTTNV,'], [], 'organizations.csv:5', 'bad-parent', 'từ năm 2025'],
    ['2024: a cell without a parent', 2024, ['C9,Chi bộ thôn H,chi_bo_truc_thuoc,,2024,HTTNV,'], [], 'organizations.csv:5', 'missing-parent', 'đảng bộ cơ sở'],
    ['a score over 100', 2026, ['CB2,Chi bộ G,chi_bo_co_so,,2026,HTTNV,101'], [], 'organizations.csv:5', 'bad-score', '"101"'],
    ['a score that is no number, before 2025 too', 2019, [], ['DV2,B,CB1,2019,HTTNV,,,khá'], 'members.csv:3', 'bad-score', '"khá"'],
    ['a rating above its band', 2026, ['CB2,Chi bộ G,chi_bo_co_so,,2026,HTXSNV,89,5'.replace('89,5', '"89,5"')], [], 'organizations.csv:5', 'score-band', 'từ 70 đến dưới 90 điểm'],
    ['a member rated above her band', 2026, [], ['DV2,B,CB1,2026,HTNV,,,49.9'], 'members.csv:3', 'score-band', 'dưới 50 điểm'],
  ])('%s', async (_name, year, orgRows, memberRows, at, code, says) => {
    const { problems } = await checkText(orgsWith(year, orgRows), members(year, memberRows), year);
    const p = problems.find((x) => x.code === code);
    expect(p, JSON.stringify(problems)).toBeDefined();
    expect(`${p!.file}:${p!.line}`).toBe(at);
    expect(p!.message).toContain(says);
  });

  it.each([
    ['2024: a rating above the band is no problem (no bands before 2025)', 2024, ['CB2,Chi bộ G,chi_bo_co_so,,2024,HTXSNV,60'], []],
    ['a rating below its band is allowed', 2026, ['CB2,Chi bộ G,chi_bo_co_so,,2026,HTNV,95'], ['DV2,B,CB1,2026,KHTNV,,,99']],
    ['2026: a cell directly under the reporting committee, or under an upper committee', 2026, ['C8,Chi bộ thôn I,chi_bo_truc_thuoc,,2026,HTTNV,', 'C9,Chi bộ thôn H,chi_bo_truc_thuoc,XA1,2026,HTTNV,'], []],
    ['a base organization under an upper committee, any year', 2019, ['CB2,Chi bộ G,chi_bo_co_so,XA1,2019,HTTNV,'], []],
  ])('%s', async (_name, year, orgRows, memberRows) => {
    const { problems } = await checkText(orgsWith(year, orgRows), members(year, memberRows), year);
    expect(problems).toEqual([]);
  });
});

describe('the 2026 fixtures: the byte path and the string path agree', () => {
  it.each(['xa-hoa-binh-2026', 'tinh-hoa-an-2026'])('%s: the same problems, warnings and JSON', async (name) => {
    const dir = path.join(ROOT, 'fixtures', name);
    const run = async (bytePath: boolean) => {
      const problems: Problem[] = [];
      const years = new Set([2026, 2025]);
      const o = await checkOrganizations('organizations.csv', bytesSource(readFileSync(path.join(dir, 'organizations.csv')), 4096, bytePath), years, problems);
      const m = await checkMembers('members.csv', bytesSource(readFileSync(path.join(dir, 'members.csv')), 4096, bytePath), years, o.result, problems);
      const f = finalize(o.result!.get(2026)!, m.result.get(2026)!);
      return { problems: sortProblems(problems), json: [...jsonChunks(jsonReport(f, {}))].join('') };
    };
    const strings = await run(false);
    expect(strings.problems.map((p) => p.code)).toEqual(name.startsWith('xa') ? ['rule-not-rated-reason', 'rule-newly-admitted', 'rule-newly-admitted', 'rule-excellent-disciplined'] : []);
    expect(await run(true)).toEqual(strings);
  });
});
