// The validate stage on small tables: each contract problem, at the right line, naming column and value.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sortByIds } from '../src/figures/order.js';
import { fastMember, fastOrg, memberRow, orgRow } from '../src/validate/schema.js';
import { checkText, SMALL } from './support.js';

const ORG_HEADER = 'id,name,kind,parent_id,year,rating';
const MEMBER_HEADER = 'id,name,org_id,year,rating,reason';
const orgs = (...rows: string[]) => [SMALL.organizations.trimEnd(), ...rows, ''].join('\n');
const members = (...rows: string[]) => [SMALL.members.trimEnd(), ...rows, ''].join('\n');

describe('valid data', () => {
  it('has no problem and counts every block', async () => {
    const { problems, figures } = await checkText(SMALL.organizations, SMALL.members, 2017);
    expect(problems).toEqual([]);
    expect(figures!.baseOrganizations).toMatchObject({ total: 3, committees: 2, byRating: { TSVM: 1, HTTNV: 0, HTNV: 1, YEU: 1, UNRANKED: 0, PENDING: 0 } });
    expect(figures!.cells).toMatchObject({ total: 3, committees: 2, byRating: { TSVM: 1, HTTNV: 1, HTNV: 0, YEU: 1 } });
    expect(figures!.members).toMatchObject({ total: 8, byRating: { HTXSNV: 1, HTTNV: 2, HTNV: 1, HTNV_HC: 1, KHTNV: 1, UNRANKED: 1, PENDING: 1 } });
  });

  it('does not count or check rows of other years', async () => {
    const { problems, figures } = await checkText(
      orgs('X1,Lạ,to_dan_pho,,2016,XUATSAC', 'DB1,Trùng năm khác,dang_bo_co_so,,2016,HTNV'),
      members('DV1,Trùng năm khác,KHONG-CO,2016,Giỏi,'),
      2017,
    );
    expect(problems).toEqual([]);
    expect(figures!.members.total).toBe(8);
  });

  it('reads Vietnamese headers in any order, unknown columns ignored', async () => {
    const o = ['STT;Xếp loại;Loại;Tên tổ chức;Năm;Mã cấp trên;MÃ', '1;Trong sạch vững mạnh;Chi bộ cơ sở;Chi bộ A;2017;;CB1', ''].join('\n');
    const m = ['Họ và tên;Ghi chú;Mã chi bộ;Năm;Xếp loại;Mã đảng viên', 'An;x;CB1;2017;Hoàn thành tốt nhiệm vụ;DV1', ''].join('\n');
    const { problems, figures } = await checkText(o, m, 2017);
    expect(problems).toEqual([]);
    expect(figures!.members.byRating.HTTNV).toBe(1);
  });

  it('needs no parent_id column when there is no chi_bo_truc_thuoc, and no member name or reason columns', async () => {
    const o = ['id,name,kind,year,rating', 'CB1,Chi bộ A,chi_bo_co_so,2017,HTNV', ''].join('\n');
    const m = ['id,org_id,year,rating', 'DV1,CB1,2017,HTNV', ''].join('\n');
    expect((await checkText(o, m, 2017)).problems).toEqual([]);
  });
});

/** SMALL moved to 2019, in the newer scheme. */
const to2019 = (csv: string) => csv.replaceAll(',2017,', ',2019,').replace(/,YEU$/gm, ',KHTNV').replace(/,TSVM$/gm, ',HTXSNV');

type Case = [name: string, organizations: string, members: string, year: number, want: { file: string; line: number; code: string; has: string[] }[]];

const cases: Case[] = [
  ['missing required column', [ 'id,name,parent_id,year,rating', 'CB1,A,,2017,HTNV', ''].join('\n'), SMALL.members, 2017,
    [{ file: 'organizations.csv', line: 1, code: 'missing-column', has: ['"kind"', '"Loại"'] }]],
  ['misspelt column gets a suggestion', SMALL.organizations, [ 'id,name,org_id,year,ratng,reason', 'DV1,A,CB1,2017,HTNV,', ''].join('\n'), 2017,
    [{ file: 'members.csv', line: 1, code: 'missing-column', has: ['"rating"', '"ratng"'] }]],
  ['duplicate column', SMALL.organizations, [ 'id,name,org_id,year,rating,Xếp loại', 'DV1,A,CB1,2017,HTNV,HTNV', ''].join('\n'), 2017,
    [{ file: 'members.csv', line: 1, code: 'duplicate-column', has: ['"Xếp loại"', '"rating"'] }]],
  ['parent_id needed by a cell', ['id,name,kind,year,rating', 'DB1,A,dang_bo_co_so,2017,HTNV', 'C1,B,chi_bo_truc_thuoc,2017,HTNV', ''].join('\n'), ['id,org_id,year,rating', ''].join('\n'), 2017,
    [{ file: 'organizations.csv', line: 1, code: 'missing-column', has: ['parent_id', 'dòng 3'] }]],
  ['malformed year', SMALL.organizations, members('DV9,A,CB1,hai nghìn,HTNV,'), 2017,
    [{ file: 'members.csv', line: 10, code: 'bad-year', has: ['"year"', '"hai nghìn"'] }]],
  ['decimal year', SMALL.organizations, members('DV9,A,CB1,2017.5,HTNV,'), 2017,
    [{ file: 'members.csv', line: 10, code: 'bad-year', has: ['"2017.5"'] }]],
  ['far-future year', SMALL.organizations, members('DV9,A,CB1,2917,HTNV,'), 2017,
    [{ file: 'members.csv', line: 10, code: 'bad-year', has: ['"2917"'] }]],
  ['unknown kind', orgs('X1,Tổ dân phố,to_dan_pho,,2017,HTNV'), SMALL.members, 2017,
    [{ file: 'organizations.csv', line: 8, code: 'unknown-kind', has: ['"kind"', '"to_dan_pho"'] }]],
  ['unknown member rating lists the year\'s scheme', SMALL.organizations, members('DV9,A,CB1,2017,Giỏi,'), 2017,
    [{ file: 'members.csv', line: 10, code: 'unknown-rating', has: ['"Giỏi"', 'HTNV_HC', 'năm 2017'] }]],
  ['organization rating of the newer scheme in 2016', SMALL.organizations.replaceAll('2017', '2016').replace('DB1,Đảng bộ xã An Hòa,dang_bo_co_so,,2016,TSVM', 'DB1,Đảng bộ xã An Hòa,dang_bo_co_so,,2016,HTXSNV'), SMALL.members.replaceAll('2017', '2016'), 2016,
    [{ file: 'organizations.csv', line: 2, code: 'rating-scheme', has: ['"HTXSNV"', 'từ năm 2018'] }]],
  ['TSVM in 2019', `${to2019(SMALL.organizations)}X1,A,chi_bo_co_so,,2019,TSVM\n`, to2019(SMALL.members).replace('HTNV_HC', 'HTNV'), 2019,
    [{ file: 'organizations.csv', line: 8, code: 'rating-scheme', has: ['"TSVM"', 'đến năm 2017'] }]],
  ['duplicate member id names the earlier line', SMALL.organizations, members('DV3,Trùng,CB1,2017,HTNV,'), 2017,
    [{ file: 'members.csv', line: 10, code: 'duplicate-id', has: ['"DV3"', 'dòng 4'] }]],
  ['duplicate organization id', orgs('CB1,Trùng,chi_bo_co_so,,2017,HTNV'), SMALL.members, 2017,
    [{ file: 'organizations.csv', line: 8, code: 'duplicate-id', has: ['"CB1"', 'dòng 4'] }]],
  ['member in a missing cell names the id', SMALL.organizations, members('DV9,A,KHONG-CO,2017,HTNV,'), 2017,
    [{ file: 'members.csv', line: 10, code: 'unknown-org', has: ['"KHONG-CO"'] }]],
  ['member in a committee', SMALL.organizations, members('DV9,A,DB1,2017,HTNV,'), 2017,
    [{ file: 'members.csv', line: 10, code: 'not-a-cell', has: ['"DB1"', 'đảng bộ cơ sở'] }]],
  ['cell under a missing committee', orgs('C9,A,chi_bo_truc_thuoc,DB9,2017,HTNV'), SMALL.members, 2017,
    [{ file: 'organizations.csv', line: 8, code: 'bad-parent', has: ['"DB9"'] }]],
  ['cell under a base cell', orgs('C9,A,chi_bo_truc_thuoc,CB1,2017,HTNV'), SMALL.members, 2017,
    [{ file: 'organizations.csv', line: 8, code: 'bad-parent', has: ['"CB1"', 'chi bộ cơ sở'] }]],
  ['cell under itself', orgs('C9,A,chi_bo_truc_thuoc,C9,2017,HTNV'), SMALL.members, 2017,
    [{ file: 'organizations.csv', line: 8, code: 'bad-parent', has: ['"C9"', 'chính nó'] }]],
  ['cell without parent', orgs('C9,A,chi_bo_truc_thuoc,,2017,HTNV'), SMALL.members, 2017,
    [{ file: 'organizations.csv', line: 8, code: 'missing-parent', has: ['"C9"'] }]],
  ['base organization with a parent', orgs('DB3,A,dang_bo_co_so,DB1,2017,HTNV'), SMALL.members, 2017,
    [{ file: 'organizations.csv', line: 8, code: 'base-with-parent', has: ['"parent_id"', '"DB1"'] }]],
  ['too many fields', SMALL.organizations, members('DV9,A,CB1,2017,HTNV,,thừa,cột'), 2017,
    [{ file: 'members.csv', line: 10, code: 'field-count', has: ['8 ô', '6 cột'] }]],
  ['too few fields', orgs('X1,A,chi_bo_co_so'), SMALL.members, 2017,
    [{ file: 'organizations.csv', line: 8, code: 'field-count', has: ['3 ô', '6 cột'] }]],
  ['empty id', SMALL.organizations, members(',A,CB1,2017,HTNV,'), 2017,
    [{ file: 'members.csv', line: 10, code: 'empty-cell', has: ['"id"'] }]],
  ['unclosed quote at the end', SMALL.organizations, members('DV9,"Lỗi,CB1,2017,HTNV,'), 2017,
    [{ file: 'members.csv', line: 10, code: 'unclosed-quote', has: ['ô thứ 2', 'đến hết tệp'] }]],
  ['no rows of the year in one file', SMALL.organizations, [MEMBER_HEADER, 'DV1,A,CB1,2016,HTNV,', ''].join('\n'), 2017, []],
];

describe('each problem of the contract', () => {
  it.each(cases)('%s', async (_name, o, m, year, want) => {
    const { problems } = await checkText(o, m, year);
    expect(problems.map((p) => ({ file: p.file, line: p.line, code: p.code }))).toEqual(want.map(({ file, line, code }) => ({ file, line, code })));
    want.forEach((w, i) => {
      for (const s of w.has) expect(problems[i]!.message).toContain(s);
    });
  });
});

describe('problems do not cascade', () => {
  it('members of an organization whose row is invalid are not reported again', async () => {
    const { problems } = await checkText(orgs('X1,Lạ,to_dan_pho,,2017,HTNV'), members('DV9,A,X1,2017,HTNV,'), 2017);
    expect(problems.map((p) => p.code)).toEqual(['unknown-kind']);
  });

  it('a row with two bad cells reports both', async () => {
    const { problems } = await checkText(orgs('X1,A,to_dan_pho,,2017,Giỏi'), SMALL.members, 2017);
    expect(problems.map((p) => p.code).sort()).toEqual(['unknown-kind', 'unknown-rating']);
  });

  it('every bad row of a file is reported, not just the first', async () => {
    const bad = Array.from({ length: 50 }, (_, i) => `DVX${i},A,CB1,2017,XUATSAC,`);
    const { problems } = await checkText(SMALL.organizations, members(...bad), 2017);
    expect(problems).toHaveLength(50);
    expect(problems.map((p) => p.line)).toEqual(Array.from({ length: 50 }, (_, i) => 10 + i));
  });
});

describe('headers are forgiving', () => {
  it.each([
    ['ID,Name,KIND,Parent-ID,Year,Rating'],
    [' id , name , kind , parent id , year , rating '],
    ['Mã,Tên tổ chức,Loại,Mã cấp trên,Năm,Xếp loại'.normalize('NFD')],
    ['MÃ,TÊN TỔ CHỨC,LOẠI,MÃ CẤP TRÊN,NĂM,XẾP LOẠI'],
  ])('%j', async (header) => {
    const o = SMALL.organizations.replace(ORG_HEADER, header);
    expect((await checkText(o, SMALL.members, 2017)).problems).toEqual([]);
  });
});

describe('the zod-free check of the common row agrees with zod', () => {
  const cells = {
    id: ['DV1', ' DV1 ', '', 'Đề1', 'Đề1'.normalize('NFD')],
    name: ['Nguyễn Văn A', '', '  B  '],
    kind: ['chi_bo_co_so', 'Chi bộ trực thuộc', 'to_dan_pho', ''],
    parent_id: ['', 'DB1', ' DB1 '],
    rating: ['HTNV', 'hoàn thành tốt nhiệm vụ', 'Giỏi', '', 'Không xếp loại', ' TSVM '],
    org_id: ['CB1', '', ' CB1 '],
    reason: ['', ' Miễn sinh hoạt ', 'ốm'.normalize('NFD')],
    exemplary: ['', 'x', 'Có', 'không', ' YES ', 'co'.normalize('NFD'), 'tiêu biểu', '1'],
    score: ['', '', '', '', '85', '85,5', ' 90.25 ', '100', '', '', '100.5', '-1', 'abc', '1e2'],
    admitted_on: ['', '2017-03-15', '15/03/2017', '42809', '42809.0', ' 1/2/2016 ', '2017-02-30', 'hôm qua'],
  };
  const pick = <T,>(list: T[], i: number) => list[i % list.length]!;

  it('on every mix of usual and odd cells: where it answers, zod gives the same row', () => {
    let answered = 0;
    for (let i = 0; i < 600; i++) {
      const org = { id: pick(cells.id, i), name: pick(cells.name, i * 7), kind: pick(cells.kind, i * 3), parent_id: pick(cells.parent_id, i * 5), year: '2017', rating: pick(cells.rating, i * 11), exemplary: pick(cells.exemplary, i * 29), score: pick(cells.score, i * 37), disciplined: pick(cells.exemplary, i * 41) };
      const fast = fastOrg(org, 2017);
      const zod = orgRow.safeParse(org);
      if (fast) {
        answered++;
        expect(zod.success && zod.data).toEqual(fast);
      } else expect(zod.success).toBe(false); // it only leaves to zod what zod refuses
      const member = { id: pick(cells.id, i * 13), name: pick(cells.name, i), org_id: pick(cells.org_id, i * 17), year: '2017', rating: pick(cells.rating, i * 19), reason: pick(cells.reason, i * 23), admitted_on: pick(cells.admitted_on, i * 31), score: pick(cells.score, i * 43) };
      const fm = fastMember(member, 2017);
      const zm = memberRow.safeParse(member);
      if (fm) expect(zm.success && zm.data).toEqual(fm);
      else expect(zm.success).toBe(false);
    }
    expect(answered).toBeGreaterThan(50);
  });
});

/** The order as first written (a regex at each comparison): the reference sortByIds must agree with. */
function compareIds(a: string, b: string): number {
  const x = a.match(/\d+|\D+/g) ?? [];
  const y = b.match(/\d+|\D+/g) ?? [];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const p = x[i]!;
    const q = y[i]!;
    if (p === q) continue;
    const numeric = /^\d/.test(p) && /^\d/.test(q);
    if (numeric && Number(p) !== Number(q)) return Number(p) - Number(q);
    return p < q ? -1 : 1;
  }
  return x.length - y.length || (a < b ? -1 : a > b ? 1 : 0);
}

describe('sortByIds: units in natural id order, whatever the order of the rows', () => {
  const sorted = (ids: string[]) => sortByIds(ids.map((id) => ({ id }))).map((o) => o.id);
  it.each([
    [['CS10', 'CS2', 'CS1'], ['CS1', 'CS2', 'CS10']],
    [['CS01-CB10', 'CS01-CB9', 'CS01'], ['CS01', 'CS01-CB9', 'CS01-CB10']],
    [['b', 'B', 'a'], ['B', 'a', 'b']],
    [['x007', 'x7'], ['x007', 'x7']],
    [['', 'a', '1'], ['', '1', 'a']],
  ])('%j → %j', (ids, want) => expect(sorted(ids)).toEqual(want));

  it('agrees with the regex comparison on random ids', () => {
    const id = fc.stringMatching(/^[A-Za-z0-9\-.ĐđÂ]{0,10}$/);
    fc.assert(fc.property(fc.array(id, { maxLength: 40 }), (ids) => {
      expect(sorted(ids)).toEqual([...ids].sort(compareIds));
    }));
  });
});
