import { describe, expect, it } from 'vitest';
import { blockCodes, ERAS, eraFor, fold, kindOf, LAST_YEAR, ratingOf, RATINGS, schemeFor, wordsFor, type RatingCode } from '../src/schemes.js';

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

  it.each(['Giỏi', 'XUATSAC', 'HTNV HC X', 'Trong sạch', 'Đủ tư cách', 'Vi phạm', 'Đủ tư cách, hoàn thành'])('%j is no rating', (cell) =>
    expect(ratingOf(cell)).toBeUndefined(),
  );
});

describe('ratingOf: the spellings of 2008–2013 (Hướng dẫn 20-HD/BTCTW)', () => {
  it.each([
    ['Đủ tư cách, hoàn thành xuất sắc nhiệm vụ', 'HTXSNV'],
    ['Đủ tư cách hoàn thành xuất sắc nhiệm vụ', 'HTXSNV'],
    ['ĐỦ TƯ CÁCH, HOÀN THÀNH XUẤT SẮC NHIỆM VỤ'.normalize('NFD'), 'HTXSNV'],
    ['Đủ tư cách, hoàn thành tốt nhiệm vụ', 'HTTNV'],
    ['du tu cach, hoan thanh tot nhiem vu', 'HTTNV'],
    ['Đủ tư cách, hoàn thành nhiệm vụ', 'HTNV'],
    ['Vi phạm tư cách', 'KHTNV'],
    ['vi pham tu cach', 'KHTNV'],
    ['Vi phạm tư cách hoặc không hoàn thành nhiệm vụ', 'KHTNV'],
    ['Chưa hoàn thành nhiệm vụ, vi phạm tư cách', 'KHTNV'],
    // the 2014–2017 spelling still means HTNV_HC, not HTNV
    ['Đủ tư cách hoàn thành nhiệm vụ nhưng có hạn chế', 'HTNV_HC'],
  ])('%j → %s', (cell, code) => expect(ratingOf(cell)).toBe(code));

  it('every alias of every era means the code it is listed under', () => {
    for (const era of ERAS) for (const [code, list] of Object.entries(era.aliases)) for (const a of list) expect(ratingOf(a), a).toBe(code);
  });
});

describe('eras: which one a year is in, and its words', () => {
  const M = 'member' as const;
  const O = 'org' as const;
  it.each([
    // year, era from–to, a member's HTXSNV, a member's KHTNV, an organization's HTTNV, an organization's weak rating
    [1990, 1930, 2013, 'đủ tư cách, hoàn thành xuất sắc nhiệm vụ', 'vi phạm tư cách hoặc không hoàn thành nhiệm vụ', 'hoàn thành tốt nhiệm vụ', 'yếu kém'],
    [2008, 1930, 2013, 'đủ tư cách, hoàn thành xuất sắc nhiệm vụ', 'vi phạm tư cách hoặc không hoàn thành nhiệm vụ', 'hoàn thành tốt nhiệm vụ', 'yếu kém'],
    [2013, 1930, 2013, 'đủ tư cách, hoàn thành xuất sắc nhiệm vụ', 'vi phạm tư cách hoặc không hoàn thành nhiệm vụ', 'hoàn thành tốt nhiệm vụ', 'yếu kém'],
    [2014, 2014, 2017, 'hoàn thành xuất sắc nhiệm vụ', 'không hoàn thành nhiệm vụ', 'hoàn thành tốt nhiệm vụ', 'yếu kém'],
    [2017, 2014, 2017, 'hoàn thành xuất sắc nhiệm vụ', 'không hoàn thành nhiệm vụ', 'hoàn thành tốt nhiệm vụ', 'yếu kém'],
    [2018, 2018, 2024, 'hoàn thành xuất sắc nhiệm vụ', 'không hoàn thành nhiệm vụ', 'hoàn thành tốt nhiệm vụ', 'không hoàn thành nhiệm vụ'],
    [2024, 2018, 2024, 'hoàn thành xuất sắc nhiệm vụ', 'không hoàn thành nhiệm vụ', 'hoàn thành tốt nhiệm vụ', 'không hoàn thành nhiệm vụ'],
    [2025, 2025, LAST_YEAR, 'hoàn thành xuất sắc nhiệm vụ', 'không hoàn thành nhiệm vụ', 'hoàn thành tốt nhiệm vụ', 'không hoàn thành nhiệm vụ'],
  ])('%d: era %d–%d, "%s", "%s"; organizations "%s", "%s"', (year, from, to, best, worst, good, weak) => {
    expect([eraFor(year).from, eraFor(year).to]).toEqual([from, to]);
    expect(wordsFor(year, M, 'HTXSNV').label).toBe(best);
    expect(wordsFor(year, M, 'KHTNV').label).toBe(worst);
    expect(wordsFor(year, O, 'HTTNV').label).toBe(good);
    const weakOrg = schemeFor(year).org.find((c) => schemeFor(year).weak.includes(c))!;
    expect(wordsFor(year, O, weakOrg).label).toBe(weak);
  });

  it('names are capitalized as in documents, labels are the same in lower case', () => {
    expect(wordsFor(2012, M, 'HTTNV')).toEqual({ name: 'Đủ tư cách, hoàn thành tốt nhiệm vụ', label: 'đủ tư cách, hoàn thành tốt nhiệm vụ' });
    expect(wordsFor(2012, O, 'TSVM')).toEqual({ name: 'Trong sạch vững mạnh', label: 'trong sạch vững mạnh' });
  });

  it.each([
    // year, "hoàn thành tốt nhiệm vụ trở lên" for organizations and for members, best first; the seldom member ratings
    [2012, ['TSVM', 'HTTNV'], ['HTXSNV', 'HTTNV'], ['HTNV_HC']],
    [2017, ['TSVM', 'HTTNV'], ['HTXSNV', 'HTTNV'], ['HTNV_HC']],
    [2019, ['HTXSNV', 'HTTNV'], ['HTXSNV', 'HTTNV'], []],
    [2025, ['HTXSNV', 'HTTNV'], ['HTXSNV', 'HTTNV'], []],
  ] as [number, RatingCode[], RatingCode[], RatingCode[]][])('%d: goodOrBetter %j / %j, seldom %j', (year, org, member, seldom) => {
    expect(schemeFor(year).goodOrBetter).toEqual({ org, member });
    expect(eraFor(year).seldom.member).toEqual(seldom);
    // goodOrBetter is the scale's best ratings, in its order
    expect(schemeFor(year).org.slice(0, org.length)).toEqual(org);
    expect(schemeFor(year).member.slice(0, member.length)).toEqual(member);
  });

  it('the eras cover every year from the first to the last, without overlap, each inside one scale', () => {
    for (let i = 1; i < ERAS.length; i++) expect(ERAS[i]!.from).toBe(ERAS[i - 1]!.to + 1);
    expect(ERAS[ERAS.length - 1]!.to).toBe(LAST_YEAR);
    for (const e of ERAS) expect(schemeFor(e.from)).toBe(schemeFor(e.to));
  });
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
    [2010, ['TSVM', 'HTTNV', 'HTNV', 'YEU'], ['HTXSNV', 'HTTNV', 'HTNV', 'HTNV_HC', 'KHTNV']],
    [2015, ['TSVM', 'HTTNV', 'HTNV', 'YEU'], ['HTXSNV', 'HTTNV', 'HTNV', 'HTNV_HC', 'KHTNV']],
    [2017, ['TSVM', 'HTTNV', 'HTNV', 'YEU'], ['HTXSNV', 'HTTNV', 'HTNV', 'HTNV_HC', 'KHTNV']],
    [2018, ['HTXSNV', 'HTTNV', 'HTNV', 'KHTNV'], ['HTXSNV', 'HTTNV', 'HTNV', 'KHTNV']],
    [2024, ['HTXSNV', 'HTTNV', 'HTNV', 'KHTNV'], ['HTXSNV', 'HTTNV', 'HTNV', 'KHTNV']],
    [2025, ['HTXSNV', 'HTTNV', 'HTNV', 'KHTNV'], ['HTXSNV', 'HTTNV', 'HTNV', 'KHTNV']],
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
