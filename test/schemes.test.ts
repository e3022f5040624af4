import { describe, expect, it } from 'vitest';
import { blockCodes, fold, kindOf, ratingOf, RATINGS, schemeFor } from '../src/schemes.js';

describe('ratingOf: every spelling of the contract', () => {
  it.each([
    ['TSVM', 'TSVM'],
    ['tsvm', 'TSVM'],
    ['Trong sạch vững mạnh', 'TSVM'],
    ['TRONG SẠCH VỮNG MẠNH', 'TSVM'],
    ['trong sach vung manh', 'TSVM'],
    ['Trong sạch vững mạnh'.normalize('NFD'), 'TSVM'],
    ['  Trong  sạch vững mạnh ', 'TSVM'],
    ['Hoàn thành xuất sắc nhiệm vụ', 'HTXSNV'],
    ['hoan thanh tot nhiem vu', 'HTTNV'],
    ['Hoàn thành nhiệm vụ', 'HTNV'],
    ['HTNV_HC', 'HTNV_HC'],
    ['htnv-hc', 'HTNV_HC'],
    ['Đủ tư cách hoàn thành nhiệm vụ nhưng có hạn chế', 'HTNV_HC'],
    ['Đủ tư cách hoàn thành nhiệm vụ nhưng có hạn chế từng mặt', 'HTNV_HC'],
    ['Hoàn thành nhiệm vụ nhưng còn hạn chế', 'HTNV_HC'],
    ['Yếu', 'YEU'],
    ['Yếu kém', 'YEU'],
    ['YẾU KÉM', 'YEU'],
    ['Không hoàn thành nhiệm vụ', 'KHTNV'],
    ['Không xếp loại', 'UNRANKED'],
    ['Không phân loại', 'UNRANKED'],
    ['unranked', 'UNRANKED'],
    ['Chưa xếp loại', 'PENDING'],
    ['Chưa phân loại', 'PENDING'],
    ['', 'PENDING'],
    ['   ', 'PENDING'],
  ])('%j → %s', (cell, code) => expect(ratingOf(cell)).toBe(code));

  it.each(['Giỏi', 'XUATSAC', 'HTNV HC X', 'Trong sạch'])('%j is no rating', (cell) => expect(ratingOf(cell)).toBeUndefined());
});

describe('kindOf', () => {
  it.each([
    ['dang_bo_co_so', 'dang_bo_co_so'],
    ['Đảng bộ cơ sở', 'dang_bo_co_so'],
    ['ĐẢNG BỘ CƠ SỞ'.normalize('NFD'), 'dang_bo_co_so'],
    ['chi_bo_co_so', 'chi_bo_co_so'],
    ['Chi bộ cơ sở', 'chi_bo_co_so'],
    ['Chi bộ trực thuộc', 'chi_bo_truc_thuoc'],
    ['Chi bộ trực thuộc đảng ủy cơ sở', 'chi_bo_truc_thuoc'],
    ['Chi bộ trực thuộc Đảng uỷ cơ sở', 'chi_bo_truc_thuoc'], // old-style tone placement
    ['chi bo truc thuoc', 'chi_bo_truc_thuoc'],
    ['CHI_BO_TRUC_THUOC', 'chi_bo_truc_thuoc'],
  ])('%j → %s', (cell, kind) => expect(kindOf(cell)).toBe(kind));

  it('refuses unknown kinds', () => expect(kindOf('to_dan_pho')).toBeUndefined());
});

describe('schemes by year', () => {
  it.each([
    [2015, ['TSVM', 'HTTNV', 'HTNV', 'YEU'], ['HTXSNV', 'HTTNV', 'HTNV', 'HTNV_HC', 'KHTNV']],
    [2017, ['TSVM', 'HTTNV', 'HTNV', 'YEU'], ['HTXSNV', 'HTTNV', 'HTNV', 'HTNV_HC', 'KHTNV']],
    [2018, ['HTXSNV', 'HTTNV', 'HTNV', 'KHTNV'], ['HTXSNV', 'HTTNV', 'HTNV', 'KHTNV']],
    [2024, ['HTXSNV', 'HTTNV', 'HTNV', 'KHTNV'], ['HTXSNV', 'HTTNV', 'HTNV', 'KHTNV']],
  ])('%d', (year, org, member) => {
    expect(schemeFor(year).org).toEqual(org);
    expect(schemeFor(year).member).toEqual(member);
    expect(blockCodes(year, 'org')).toEqual([...org, 'UNRANKED', 'PENDING']);
  });

  it('every code has a full Vietnamese name that folds back to it', () => {
    for (const [code, info] of Object.entries(RATINGS)) expect(ratingOf(info.name)).toBe(code);
  });
});

describe('fold', () => {
  it('ignores case, diacritics, đ, NFC/NFD, separators', () => {
    expect(fold(' Mã  cấp_trên ')).toBe('ma cap tren');
    expect(fold('Mã cấp trên'.normalize('NFD'))).toBe('ma cap tren');
    expect(fold('ĐẢNG-VIÊN')).toBe('dang vien');
    expect(fold('parent_id')).toBe(fold('Parent ID'));
  });
});
