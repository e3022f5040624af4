// The columns of each file (src/validate/columns.ts): a header row mapped to column positions — the contract's
// names and the Vietnamese ones, in any order, case, accents (NFC or NFD), spaces and `_` / `-`; two headers of one
// column; a required column missing, with the nearest header when one is a typo — and the title lines above it.
import { describe, expect, it } from 'vitest';
import { isTitleLine, mapHeader, MEMBER_COLUMNS, namesRequiredColumn, ORG_COLUMNS } from '../src/validate/columns.js';

const ORG = 'id,name,kind,parent_id,year,rating';
const MEMBER = 'id,name,org_id,year,rating,reason';
const cells = (line: string) => line.split(',');

describe('mapHeader: where each column is', () => {
  it.each([
    ['organizations: the contract names', ORG, ORG_COLUMNS, { id: 0, name: 1, kind: 2, parent_id: 3, year: 4, rating: 5, exemplary: -1, score: -1, disciplined: -1 }],
    ['members: the contract names', MEMBER, MEMBER_COLUMNS, { id: 0, name: 1, org_id: 2, year: 3, rating: 4, reason: 5, admitted_on: -1, score: -1 }],
    ['organizations: the Vietnamese names', 'Mã,Tên tổ chức,Loại,Mã cấp trên,Năm,Xếp loại', ORG_COLUMNS, { id: 0, name: 1, kind: 2, parent_id: 3, year: 4, rating: 5, exemplary: -1, score: -1, disciplined: -1 }],
    ['organizations: the other aliases', 'Mã tổ chức,Tên,Loại tổ chức,Cấp trên,Năm,Kết quả xếp loại', ORG_COLUMNS, { id: 0, name: 1, kind: 2, parent_id: 3, year: 4, rating: 5, exemplary: -1, score: -1, disciplined: -1 }],
    ['members: the Vietnamese names', 'Mã đảng viên,Họ và tên,Mã chi bộ,Năm,Xếp loại,Lý do', MEMBER_COLUMNS, { id: 0, name: 1, org_id: 2, year: 3, rating: 4, reason: 5, admitted_on: -1, score: -1 }],
    ['members: Họ tên', 'Mã đảng viên,Họ tên,Mã chi bộ,Năm,Xếp loại', MEMBER_COLUMNS, { id: 0, name: 1, org_id: 2, year: 3, rating: 4, reason: -1, admitted_on: -1, score: -1 }],
    ['any order', 'rating,year,org_id,id', MEMBER_COLUMNS, { id: 3, name: -1, org_id: 2, year: 1, rating: 0, reason: -1, admitted_on: -1, score: -1 }],
    ['unknown columns ignored', 'STT,id,Ghi chú,org_id,year,rating,x', MEMBER_COLUMNS, { id: 1, name: -1, org_id: 3, year: 4, rating: 5, reason: -1, admitted_on: -1, score: -1 }],
    ['case and surrounding spaces', ' ID , Name ,ORG-ID,  Year,Rating ,REASON', MEMBER_COLUMNS, { id: 0, name: 1, org_id: 2, year: 3, rating: 4, reason: 5, admitted_on: -1, score: -1 }],
    ['_ / - / space alike', 'id,name,org id,year,rating', MEMBER_COLUMNS, { id: 0, name: 1, org_id: 2, year: 3, rating: 4, reason: -1, admitted_on: -1, score: -1 }],
    ['without accents, in capitals', 'MA DANG VIEN,HO VA TEN,MA CHI BO,NAM,XEP LOAI,LY DO', MEMBER_COLUMNS, { id: 0, name: 1, org_id: 2, year: 3, rating: 4, reason: 5, admitted_on: -1, score: -1 }],
    ['an accent on the wrong letter, a missing one', 'Ma đang viên,Mã chi bộ,Nam,Xếp lọai', MEMBER_COLUMNS, { id: 0, name: -1, org_id: 1, year: 2, rating: 3, reason: -1, admitted_on: -1, score: -1 }],
    ['accents decomposed (NFD)', 'Mã đảng viên,Họ và tên,Mã chi bộ,Năm,Xếp loại,Lý do'.normalize('NFD'), MEMBER_COLUMNS, { id: 0, name: 1, org_id: 2, year: 3, rating: 4, reason: 5, admitted_on: -1, score: -1 }],
    ['organizations: exemplary, optional', 'id,name,kind,parent_id,year,rating,exemplary', ORG_COLUMNS, { id: 0, name: 1, kind: 2, parent_id: 3, year: 4, rating: 5, exemplary: 6, score: -1, disciplined: -1 }],
    ['organizations: Tiêu biểu', 'Mã,Tên tổ chức,Loại,Mã cấp trên,Năm,Xếp loại,Tiêu biểu', ORG_COLUMNS, { id: 0, name: 1, kind: 2, parent_id: 3, year: 4, rating: 5, exemplary: 6, score: -1, disciplined: -1 }],
    ['organizations: TIEU BIEU, first', 'TIEU BIEU,Mã,Tên tổ chức,Loại,Mã cấp trên,Năm,Xếp loại', ORG_COLUMNS, { id: 1, name: 2, kind: 3, parent_id: 4, year: 5, rating: 6, exemplary: 0, score: -1, disciplined: -1 }],
    ['members: admitted_on, optional', 'id,name,org_id,year,rating,reason,admitted_on', MEMBER_COLUMNS, { id: 0, name: 1, org_id: 2, year: 3, rating: 4, reason: 5, admitted_on: 6, score: -1 }],
    ['members: Ngày vào Đảng', 'Mã đảng viên,Mã chi bộ,Năm,Xếp loại,Ngày vào Đảng', MEMBER_COLUMNS, { id: 0, name: -1, org_id: 1, year: 2, rating: 3, reason: -1, admitted_on: 4, score: -1 }],
    ['members: ngay vao dang, NFD, admitted-on', 'ngay vao dang'.normalize('NFD') + ',id,org_id,year,rating', MEMBER_COLUMNS, { id: 1, name: -1, org_id: 2, year: 3, rating: 4, reason: -1, admitted_on: 0, score: -1 }],
    ['organizations: Điểm, Kỷ luật', 'Mã,Tên tổ chức,Loại,Mã cấp trên,Năm,Xếp loại,Điểm,Kỷ luật', ORG_COLUMNS, { id: 0, name: 1, kind: 2, parent_id: 3, year: 4, rating: 5, exemplary: -1, score: 6, disciplined: 7 }],
    ['members: Tổng điểm', 'Mã đảng viên,Mã chi bộ,Năm,Xếp loại,Tổng điểm', MEMBER_COLUMNS, { id: 0, name: -1, org_id: 1, year: 2, rating: 3, reason: -1, admitted_on: -1, score: 4 }],
  ] as const)('%s', (_name, header, columns, index) => {
    const m = mapHeader(cells(header), columns);
    expect(m.index).toEqual(index);
    expect(m.issues).toEqual([]);
  });

  it('labels each column as written in the file (trimmed), or by its key when absent', () => {
    const m = mapHeader(cells(' Mã đảng viên ,Mã chi bộ,Năm,Xếp loại'), MEMBER_COLUMNS);
    expect(m.label).toEqual({ id: 'Mã đảng viên', name: 'name', org_id: 'Mã chi bộ', year: 'Năm', rating: 'Xếp loại', reason: 'reason', admitted_on: 'admitted_on', score: 'score' });
  });
});

describe('mapHeader: what is wrong with a header', () => {
  it.each([
    ['a required column missing: named with its Vietnamese alias', 'id,name,year,rating', MEMBER_COLUMNS, [{ code: 'missing-column', key: 'org_id', alias: 'Mã chi bộ' }]],
    ['a misspelt column: the nearest header suggested', 'id,name,org_id,year,ratng', MEMBER_COLUMNS, [{ code: 'missing-column', key: 'rating', alias: 'Xếp loại', suggestion: 'ratng' }]],
    ['a misspelt Vietnamese column', 'Mã đảng viên,Mã chi bộ,Nam,Xếp lọa', MEMBER_COLUMNS, [{ code: 'missing-column', key: 'rating', alias: 'Xếp loại', suggestion: 'Xếp lọa' }]],
    ['a header too far from any name: no suggestion', 'id,name,don_vi,year,rating', MEMBER_COLUMNS, [{ code: 'missing-column', key: 'org_id', alias: 'Mã chi bộ' }]],
    ['several missing, in the columns\' order', 'name,reason', MEMBER_COLUMNS, ['id', 'org_id', 'year', 'rating'].map((key) => expect.objectContaining({ code: 'missing-column', key }))],
    ['organizations without kind', 'id,name,parent_id,year,rating', ORG_COLUMNS, [{ code: 'missing-column', key: 'kind', alias: 'Loại' }]],
    ['parent_id is needed only when a row is a cell: not missing here', 'id,name,kind,year,rating', ORG_COLUMNS, []],
    ['name and reason of members are optional', 'id,org_id,year,rating', MEMBER_COLUMNS, []],
    ['exemplary and admitted_on are optional', 'id,name,kind,parent_id,year,rating', ORG_COLUMNS, []],
    ['two exemplary columns (exemplary and Tiêu biểu)', 'id,name,kind,parent_id,year,rating,exemplary,Tiêu biểu', ORG_COLUMNS, [{ code: 'duplicate-column', key: 'exemplary', first: 'exemplary', second: 'Tiêu biểu' }]],
    ['two headers of one column (rating and Xếp loại): the second one', 'id,name,org_id,year,rating,Xếp loại', MEMBER_COLUMNS, [{ code: 'duplicate-column', key: 'rating', first: 'rating', second: 'Xếp loại' }]],
    ['the same header twice, in another case', 'id,name,org_id,year,rating, ID ', MEMBER_COLUMNS, [{ code: 'duplicate-column', key: 'id', first: 'id', second: 'ID' }]],
  ] as const)('%s', (_name, header, columns, issues) => {
    expect(mapHeader(cells(header), columns).issues).toEqual(issues);
  });

  it('a duplicate keeps the first position', () => {
    expect(mapHeader(cells('id,name,org_id,year,rating,Xếp loại'), MEMBER_COLUMNS).index.rating).toBe(4);
  });
});

describe('isTitleLine: lines above the header that name no required column', () => {
  it.each([
    ['a title', ['DANH SÁCH ĐẢNG VIÊN NĂM 2025'], MEMBER_COLUMNS, true],
    ['a blank line', [''], MEMBER_COLUMNS, true],
    ['a line of separators', ['', '', '', '', ''], MEMBER_COLUMNS, true],
    ['a date and a place', ['Bắc Bình', 'ngày 15 tháng 12 năm 2025'], ORG_COLUMNS, true],
    ['only optional columns (name, reason) are no header', ['Họ và tên', 'Lý do'], MEMBER_COLUMNS, true],
    ['nor are admitted_on and exemplary', ['Ngày vào Đảng'], MEMBER_COLUMNS, true],
    ['a title line saying Tiêu biểu', ['Tiêu biểu'], ORG_COLUMNS, true],
    ['the header', cells(MEMBER), MEMBER_COLUMNS, false],
    ['a Vietnamese header', ['Mã đảng viên', 'Họ và tên', 'Mã chi bộ', 'Năm', 'Xếp loại'], MEMBER_COLUMNS, false],
    ['one required column is enough', ['STT', 'năm'], MEMBER_COLUMNS, false],
    ['parent_id counts for organizations', ['Cấp trên'], ORG_COLUMNS, false],
    ['accents and case folded', ['XEP LOAI'], ORG_COLUMNS, false],
  ] as const)('%s → %s', (_name, fields, columns, title) => {
    expect(isTitleLine(fields, columns)).toBe(title);
  });

  it.each([
    [cells(ORG), true],
    [cells(MEMBER), true],
    [['Mã chi bộ'], true], // a members' column only
    [['Tên tổ chức', 'Loại'], true], // organizations' columns only
    [['DANH SÁCH TỔ CHỨC ĐẢNG'], false],
    [['Họ và tên', 'Lý do'], false],
  ])('namesRequiredColumn(%j) → %s', (fields, named) => {
    expect(namesRequiredColumn(fields)).toBe(named);
  });
});
