// The figures the published reports print beside the shares of the rated (src/figures/aggregate.ts,
// src/report/model.ts, src/report/json-report.ts): coverage "x/y", shares of the total, the cumulative
// "hoàn thành tốt nhiệm vụ trở lên" with its "trong đó", each rating of base organizations split into đảng bộ
// cơ sở and chi bộ cơ sở; and the 2008–2013 spellings, counted alike by both paths and printed in the era's words.
import { describe, expect, it } from 'vitest';
import { finalize, type Figures } from '../src/figures/aggregate.js';
import { checkMembers, checkOrganizations } from '../src/check.js';
import type { Problem } from '../src/problems.js';
import { jsonReport } from '../src/report/json-report.js';
import { jsonChunks } from '../src/report/json-stream.js';
import type { BlockModel } from '../src/report/blocks.js';
import { buildModel } from '../src/report/model.js';
import type { RatingCode } from '../src/schemes.js';
import { bytesSource, checkText } from './support.js';

async function figures(organizations: string, members: string, year: number): Promise<Figures> {
  const { problems, figures: f } = await checkText(organizations, members, year);
  expect(problems).toEqual([]);
  return f!;
}

const csv = (header: string, rows: string[]) => `${[header, ...rows].join('\n')}\n`;
const ORG_HEAD = 'id,name,kind,parent_id,year,rating';
const MEMBER_HEAD = 'id,name,org_id,year,rating,reason';

/** 2019: 6 base organizations (2 đảng bộ, 4 chi bộ cơ sở; one UNRANKED, one PENDING), 4 cells (one PENDING), 10 members. */
const Y2019 = {
  organizations: csv(ORG_HEAD, [
    'DB1,Đảng bộ xã An Hòa,dang_bo_co_so,,2019,HTXSNV',
    'DB2,Đảng bộ xã Bình Minh,dang_bo_co_so,,2019,HTTNV',
    'CB1,Chi bộ Trường THPT,chi_bo_co_so,,2019,HTXSNV',
    'CB2,Chi bộ Bệnh viện,chi_bo_co_so,,2019,HTNV',
    'CB3,Chi bộ Công ty mới,chi_bo_co_so,,2019,UNRANKED',
    'CB4,Chi bộ Ngân hàng,chi_bo_co_so,,2019,',
    'DB1-C1,Chi bộ thôn 1,chi_bo_truc_thuoc,DB1,2019,HTXSNV',
    'DB1-C2,Chi bộ thôn 2,chi_bo_truc_thuoc,DB1,2019,HTTNV',
    'DB2-C1,Chi bộ thôn 3,chi_bo_truc_thuoc,DB2,2019,KHTNV',
    'DB2-C2,Chi bộ thôn 4,chi_bo_truc_thuoc,DB2,2019,',
  ]),
  members: csv(MEMBER_HEAD, [
    'DV1,,DB1-C1,2019,HTXSNV,',
    ...[2, 3, 4, 5, 6].map((i) => `DV${i},,DB1-C1,2019,HTTNV,`),
    'DV7,,CB1,2019,HTNV,',
    'DV8,,CB1,2019,HTNV,',
    'DV9,,CB1,2019,UNRANKED,Miễn sinh hoạt',
    'DV10,,CB2,2019,,Đi làm ăn xa',
  ]),
};

/** 2016: the pre-2018 scale (TSVM … YEU); "hoàn thành tốt nhiệm vụ trở lên" is TSVM + HTTNV. */
const Y2016 = {
  organizations: csv(ORG_HEAD, [
    'DB1,Đảng bộ xã An Hòa,dang_bo_co_so,,2016,TSVM',
    'CB1,Chi bộ Trường THPT,chi_bo_co_so,,2016,TSVM',
    'CB2,Chi bộ Bệnh viện,chi_bo_co_so,,2016,HTTNV',
    'CB3,Chi bộ Công ty,chi_bo_co_so,,2016,YEU',
    'DB1-C1,Chi bộ thôn 1,chi_bo_truc_thuoc,DB1,2016,HTTNV',
  ]),
  members: csv(MEMBER_HEAD, ['DV1,,DB1-C1,2016,HTXSNV,', 'DV2,,DB1-C1,2016,HTTNV,', 'DV3,,CB1,2016,HTNV_HC,', 'DV4,,CB1,2016,HTNV,']),
};

/** 2012: members rated in the words of Hướng dẫn 20-HD/BTCTW (2008). */
const Y2012 = {
  organizations: csv(ORG_HEAD, ['CB1,Chi bộ Trường THPT,chi_bo_co_so,,2012,Trong sạch vững mạnh', 'CB2,Chi bộ Bệnh viện,chi_bo_co_so,,2012,Yếu kém']),
  members: csv(MEMBER_HEAD, [
    'DV1,,CB1,2012,"Đủ tư cách, hoàn thành xuất sắc nhiệm vụ",',
    'DV2,,CB1,2012,"Đủ tư cách, hoàn thành tốt nhiệm vụ",',
    'DV3,,CB1,2012,"Đủ tư cách, hoàn thành tốt nhiệm vụ",',
    'DV4,,CB1,2012,"Đủ tư cách, hoàn thành nhiệm vụ",',
    'DV5,,CB2,2012,Vi phạm tư cách,',
    'DV6,,CB2,2012,Vi phạm tư cách hoặc không hoàn thành nhiệm vụ,',
    'DV7,,CB2,2012,"Chưa hoàn thành nhiệm vụ, vi phạm tư cách",',
    'DV8,,CB2,2012,Không xếp loại,Miễn sinh hoạt',
  ]),
};

type BlockName = 'baseOrganizations' | 'cells' | 'members';

describe('coverage and shares of the total', () => {
  it.each([
    // block, rated, total, coverage share, shares of the total
    ['baseOrganizations', 4, 6, 66.67, { HTXSNV: 33.33, HTTNV: 16.67, HTNV: 16.67, KHTNV: 0, UNRANKED: 16.67, PENDING: 16.67 }],
    ['cells', 3, 4, 75, { HTXSNV: 25, HTTNV: 25, HTNV: 0, KHTNV: 25, UNRANKED: 0, PENDING: 25 }],
    ['members', 8, 10, 80, { HTXSNV: 10, HTTNV: 50, HTNV: 20, KHTNV: 0, UNRANKED: 10, PENDING: 10 }],
  ] as [BlockName, number, number, number, Partial<Record<RatingCode, number>>][])('2019 %s: %d/%d (%d%%)', async (name, rated, total, share, ofTotal) => {
    const f = await figures(Y2019.organizations, Y2019.members, 2019);
    const b: BlockModel = buildModel(f, {})[name];
    expect(b.coverage).toEqual({ rated, total, share });
    expect(b.sharesOfTotal).toEqual(ofTotal);
    for (const r of b.ratings) expect(r.shareOfTotal, r.code).toBe(ofTotal[r.code]);
  });

  it('an empty block: 0/0, every share 0', async () => {
    const f = await figures(csv(ORG_HEAD, ['CB1,Chi bộ A,chi_bo_co_so,,2019,HTTNV']), csv(MEMBER_HEAD, []), 2019);
    const m = buildModel(f, {});
    expect(m.cells.coverage).toEqual({ rated: 0, total: 0, share: 0 });
    expect(m.cells.goodOrBetter).toMatchObject({ count: 0, share: 0, shareOfTotal: 0, within: { count: 0, share: 0 } });
    expect(m.members.coverage).toEqual({ rated: 0, total: 0, share: 0 });
  });
});

describe('hoàn thành tốt nhiệm vụ trở lên, with its best "trong đó"', () => {
  it.each([
    // year, block, codes, label, count, share of rated, of total, within: code, label, count, share, of total
    [2019, 'baseOrganizations', ['HTXSNV', 'HTTNV'], 'hoàn thành tốt nhiệm vụ trở lên', 3, 75, 50, 'HTXSNV', 'hoàn thành xuất sắc nhiệm vụ', 2, 50, 33.33],
    [2019, 'cells', ['HTXSNV', 'HTTNV'], 'hoàn thành tốt nhiệm vụ trở lên', 2, 66.67, 50, 'HTXSNV', 'hoàn thành xuất sắc nhiệm vụ', 1, 33.33, 25],
    [2019, 'members', ['HTXSNV', 'HTTNV'], 'hoàn thành tốt nhiệm vụ trở lên', 6, 75, 60, 'HTXSNV', 'hoàn thành xuất sắc nhiệm vụ', 1, 12.5, 10],
    [2016, 'baseOrganizations', ['TSVM', 'HTTNV'], 'hoàn thành tốt nhiệm vụ trở lên', 3, 75, 75, 'TSVM', 'trong sạch vững mạnh', 2, 50, 50],
    [2016, 'cells', ['TSVM', 'HTTNV'], 'hoàn thành tốt nhiệm vụ trở lên', 1, 100, 100, 'TSVM', 'trong sạch vững mạnh', 0, 0, 0],
    [2016, 'members', ['HTXSNV', 'HTTNV'], 'hoàn thành tốt nhiệm vụ trở lên', 2, 50, 50, 'HTXSNV', 'hoàn thành xuất sắc nhiệm vụ', 1, 25, 25],
    [2012, 'baseOrganizations', ['TSVM', 'HTTNV'], 'hoàn thành tốt nhiệm vụ trở lên', 1, 50, 50, 'TSVM', 'trong sạch vững mạnh', 1, 50, 50],
    [2012, 'members', ['HTXSNV', 'HTTNV'], 'đủ tư cách, hoàn thành tốt nhiệm vụ trở lên', 3, 42.86, 37.5, 'HTXSNV', 'đủ tư cách, hoàn thành xuất sắc nhiệm vụ', 1, 14.29, 12.5],
  ] as [number, BlockName, RatingCode[], string, number, number, number, RatingCode, string, number, number, number][])(
    '%d %s: %j',
    async (year, name, codes, label, count, share, shareOfTotal, code, withinLabel, withinCount, withinShare, withinOfTotal) => {
      const data = { 2019: Y2019, 2016: Y2016, 2012: Y2012 }[year]!;
      const g = buildModel(await figures(data.organizations, data.members, year), {})[name].goodOrBetter;
      expect(g).toEqual({
        codes,
        label,
        count,
        share,
        shareOfTotal,
        within: { code, name: withinLabel.charAt(0).toUpperCase() + withinLabel.slice(1), label: withinLabel, count: withinCount, share: withinShare, shareOfTotal: withinOfTotal },
      });
    },
  );
});

describe('each rating of base organizations split into đảng bộ cơ sở and chi bộ cơ sở', () => {
  it.each([
    // year, code, count, đảng bộ cơ sở, chi bộ cơ sở
    [2019, 'HTXSNV', 2, 1, 1],
    [2019, 'HTTNV', 1, 1, 0],
    [2019, 'HTNV', 1, 0, 1],
    [2019, 'KHTNV', 0, 0, 0],
    [2016, 'TSVM', 2, 1, 1],
    [2016, 'HTTNV', 1, 0, 1],
    [2016, 'HTNV', 0, 0, 0],
    [2016, 'YEU', 1, 0, 1],
  ] as [number, RatingCode, number, number, number][])('%d %s: %d = %d đảng bộ + %d chi bộ cơ sở', async (year, code, count, dangBo, chiBo) => {
    const data = year === 2019 ? Y2019 : Y2016;
    const f = await figures(data.organizations, data.members, year);
    const line = buildModel(f, {}).baseOrganizations.ratings.find((r) => r.code === code)!;
    expect(line.count).toBe(count);
    expect(line.byKind).toEqual({ dang_bo_co_so: dangBo, chi_bo_co_so: chiBo });
    expect(f.baseOrganizations.kinds.dang_bo_co_so.byRating[code]).toBe(dangBo);
    expect(f.baseOrganizations.kinds.chi_bo_co_so.byRating[code]).toBe(chiBo);
  });

  it('the kinds add up to the block, UNRANKED and PENDING included; cells and members have no split', async () => {
    const f = await figures(Y2019.organizations, Y2019.members, 2019);
    const { kinds } = f.baseOrganizations;
    expect([kinds.dang_bo_co_so.total, kinds.chi_bo_co_so.total]).toEqual([f.baseOrganizations.committees, f.baseOrganizations.cellBases]);
    expect(kinds.chi_bo_co_so.byRating).toEqual({ HTXSNV: 1, HTTNV: 0, HTNV: 1, KHTNV: 0, UNRANKED: 1, PENDING: 1 });
    for (const [code, n] of Object.entries(f.baseOrganizations.byRating) as [RatingCode, number][]) {
      expect((kinds.dang_bo_co_so.byRating[code] ?? 0) + (kinds.chi_bo_co_so.byRating[code] ?? 0), code).toBe(n);
    }
    const m = buildModel(f, {});
    expect(m.baseOrganizations.kinds).toBe(kinds);
    for (const r of [...m.cells.ratings, ...m.members.ratings]) expect(r.byKind).toBeNull();
  });
});

describe('the JSON adds these fields and changes none', () => {
  it('2019: sharesOfTotal, coverage, goodOrBetter per block; kinds for base organizations', async () => {
    const f = await figures(Y2019.organizations, Y2019.members, 2019);
    const j = JSON.parse([...jsonChunks(jsonReport(f, {}))].join('')) as Record<BlockName, Record<string, unknown>>;
    expect(Object.keys(j.baseOrganizations)).toEqual(['total', 'committees', 'byKind', 'byRating', 'rated', 'shares', 'sharesOfTotal', 'coverage', 'goodOrBetter', 'kinds']);
    expect(j.baseOrganizations.byKind).toEqual({ dang_bo_co_so: 2, chi_bo_co_so: 4 });
    expect(j.baseOrganizations.coverage).toEqual({ rated: 4, total: 6, share: 66.67 });
    expect(j.baseOrganizations.goodOrBetter).toEqual({ codes: ['HTXSNV', 'HTTNV'], count: 3, share: 75, shareOfTotal: 50, within: { code: 'HTXSNV', count: 2, share: 50, shareOfTotal: 33.33 } });
    expect(j.baseOrganizations.kinds).toEqual({
      dang_bo_co_so: { total: 2, byRating: { HTXSNV: 1, HTTNV: 1, HTNV: 0, KHTNV: 0, UNRANKED: 0, PENDING: 0 } },
      chi_bo_co_so: { total: 4, byRating: { HTXSNV: 1, HTTNV: 0, HTNV: 1, KHTNV: 0, UNRANKED: 1, PENDING: 1 } },
    });
    expect(Object.keys(j.cells)).toEqual(['total', 'committees', 'byRating', 'rated', 'shares', 'sharesOfTotal', 'coverage', 'goodOrBetter', 'direct']);
    expect(Object.keys(j.members)).toEqual(['total', 'byRating', 'rated', 'shares', 'sharesOfTotal', 'coverage', 'goodOrBetter', 'reasons']);
    expect(j.members.sharesOfTotal).toEqual({ HTXSNV: 10, HTTNV: 50, HTNV: 20, KHTNV: 0, UNRANKED: 10, PENDING: 10 });
  });
});

describe('2008–2013: the era’s spellings are read, and printed in its words', () => {
  it('the members count under the codes they mean', async () => {
    const f = await figures(Y2012.organizations, Y2012.members, 2012);
    expect(f.members.byRating).toEqual({ HTXSNV: 1, HTTNV: 2, HTNV: 1, HTNV_HC: 0, KHTNV: 3, UNRANKED: 1, PENDING: 0 });
    expect(f.baseOrganizations.byRating).toMatchObject({ TSVM: 1, YEU: 1 });
  });

  it('the byte path reads them as the string path does', async () => {
    const run = async (bytePath: boolean) => {
      const problems: Problem[] = [];
      const years = new Set([2012]);
      const o = await checkOrganizations('organizations.csv', bytesSource(Buffer.from(Y2012.organizations), 1 << 20, false), years, problems);
      const m = await checkMembers('members.csv', bytesSource(Buffer.from(Y2012.members), bytePath ? 17 : 1 << 20, bytePath), years, o.result, problems);
      expect(problems).toEqual([]);
      return [...finalize(o.result!.get(2012)!, m.result.get(2012)!).memberCounts];
    };
    expect(await run(true)).toEqual(await run(false));
  });

  it.each([
    // code, the model's label for members in 2012, and in 2015
    ['HTXSNV', 'đủ tư cách, hoàn thành xuất sắc nhiệm vụ', 'hoàn thành xuất sắc nhiệm vụ'],
    ['HTTNV', 'đủ tư cách, hoàn thành tốt nhiệm vụ', 'hoàn thành tốt nhiệm vụ'],
    ['HTNV', 'đủ tư cách, hoàn thành nhiệm vụ', 'hoàn thành nhiệm vụ'],
    ['HTNV_HC', 'đủ tư cách hoàn thành nhiệm vụ nhưng có hạn chế', 'đủ tư cách hoàn thành nhiệm vụ nhưng có hạn chế'],
    ['KHTNV', 'vi phạm tư cách hoặc không hoàn thành nhiệm vụ', 'không hoàn thành nhiệm vụ'],
  ] as [RatingCode, string, string][])('members %s: "%s" (2015: "%s")', async (code, in2012, in2015) => {
    const m2012 = buildModel(await figures(Y2012.organizations, Y2012.members, 2012), {});
    const again = (text: string) => text.replace(/2012/g, '2015').replace(/"Đủ tư cách, hoàn thành (xuất sắc |tốt )?nhiệm vụ"|Vi phạm tư cách[^,]*|"Chưa hoàn thành nhiệm vụ, vi phạm tư cách"/g, 'HTNV');
    const m2015 = buildModel(await figures(again(Y2012.organizations), again(Y2012.members), 2015), {});
    expect(m2012.members.ratings.find((r) => r.code === code)!.label).toBe(in2012);
    expect(m2015.members.ratings.find((r) => r.code === code)!.label).toBe(in2015);
    expect(m2012.codes.member.find((c) => c.code === code)?.name.toLowerCase()).toBe(in2012);
  });

  it('organizations keep their names (an organization is not "đủ tư cách"); HTNV_HC is seldom before 2018', async () => {
    const m = buildModel(await figures(Y2012.organizations, Y2012.members, 2012), {});
    expect(m.baseOrganizations.ratings.map((r) => r.label)).toEqual(['trong sạch vững mạnh', 'hoàn thành tốt nhiệm vụ', 'hoàn thành nhiệm vụ', 'yếu kém']);
    expect(m.weak.label).toBe('yếu kém');
    expect(m.members.ratings.filter((r) => r.seldom).map((r) => r.code)).toEqual(['HTNV_HC']);
    const m2019 = buildModel(await figures(Y2019.organizations, Y2019.members, 2019), {});
    expect(m2019.members.ratings.some((r) => r.seldom)).toBe(false);
  });

  it('the spellings are read in any year (none can mean another code); the year’s scale still decides', async () => {
    const f = await figures(
      csv(ORG_HEAD, ['CB1,Chi bộ A,chi_bo_co_so,,2019,HTTNV']),
      csv(MEMBER_HEAD, ['DV1,,CB1,2019,Vi phạm tư cách,', 'DV2,,CB1,2019,"Đủ tư cách, hoàn thành tốt nhiệm vụ",']),
      2019,
    );
    expect(f.members.byRating).toMatchObject({ KHTNV: 1, HTTNV: 1 });
  });
});

describe('the optional columns: TSVM tiêu biểu (exemplary) and members admitted in the year (admitted_on)', () => {
  const ORG_X = `${ORG_HEAD},exemplary`;
  const MEMBER_D = `${MEMBER_HEAD},admitted_on`;
  it.each([
    // year, organizations (rating, flag), exemplary base and cells, code, share of rated, share of the code
    [2016, ['TSVM,x', 'TSVM,có', 'TSVM,', 'HTTNV,không'], ['TSVM,Yes', 'HTNV,'], 2, 1, 'TSVM', 50, 66.67],
    [2019, ['HTXSNV,X', 'HTXSNV,no', 'HTTNV,', 'UNRANKED,'], ['HTXSNV,', 'HTTNV,'], 1, 0, 'HTXSNV', 33.33, 50],
    [2017, ['TSVM,', 'HTNV,'], [], 0, 0, 'TSVM', 0, 0],
  ] as [number, string[], string[], number, number, RatingCode, number, number][])('%i: %j', async (year, bases, cells, base, cell, code, share, shareOfRating) => {
    const organizations = csv(ORG_X, [
      ...bases.map((r, i) => (i === 0 ? `DB1,Đảng bộ A,dang_bo_co_so,,${year},${r}` : `CB${i},Chi bộ ${i},chi_bo_co_so,,${year},${r}`)),
      ...cells.map((r, i) => `DB1-C${i},Chi bộ thôn ${i},chi_bo_truc_thuoc,DB1,${year},${r}`),
    ]);
    const f = await figures(organizations, csv(MEMBER_HEAD, []), year);
    expect(f.baseOrganizations.exemplary).toBe(base);
    expect(f.cells.exemplary).toBe(cell);
    const m = buildModel(f, {});
    expect(m.baseOrganizations.exemplary).toMatchObject({ code, count: base, share, shareOfRating });
    const json = JSON.parse([...jsonChunks(jsonReport(f, {}))].join('')) as { baseOrganizations: { exemplary: unknown } };
    expect(json.baseOrganizations.exemplary).toEqual({ code, count: base, share, shareOfRating });
  });

  it.each([
    // year, admitted_on cells, admitted in the year
    [2017, ['2017-01-01', '31/12/2017', '42809', '42809.0', '2016-12-31', '', '1/1/1990'], 4],
    [2025, ['45667', '10/01/2025', '2025-06-30', '2024-12-31', ''], 3],
    [2019, ['', ''], 0],
  ] as [number, string[], number][])('%i: %j → %i admitted', async (year, dates, admitted) => {
    const organizations = csv(ORG_HEAD, [`CB1,Chi bộ A,chi_bo_co_so,,${year},HTTNV`]);
    const f = await figures(organizations, csv(MEMBER_D, dates.map((d, i) => `DV${i},,CB1,${year},HTTNV,,${d}`)), year);
    expect(f.members.admitted).toBe(admitted);
    expect(buildModel(f, {}).members.admitted).toEqual({ count: admitted, shareOfTotal: dates.length ? Math.round((admitted / dates.length) * 10000) / 100 : 0 });
    const json = JSON.parse([...jsonChunks(jsonReport(f, {}))].join('')) as { members: { admitted: number } };
    expect(json.members.admitted).toBe(admitted);
  });

  it('without the columns: null in the figures and the model, absent from the JSON', async () => {
    const f = await figures(Y2019.organizations, Y2019.members, 2019);
    expect([f.baseOrganizations.exemplary, f.cells.exemplary, f.members.admitted]).toEqual([null, null, null]);
    const m = buildModel(f, {});
    expect([m.baseOrganizations.exemplary, m.cells.exemplary, m.members.admitted]).toEqual([null, null, null]);
    const json = JSON.parse([...jsonChunks(jsonReport(f, {}))].join('')) as Record<string, Record<string, unknown>>;
    expect('exemplary' in json.baseOrganizations! || 'exemplary' in json.cells! || 'admitted' in json.members!).toBe(false);
  });
});
