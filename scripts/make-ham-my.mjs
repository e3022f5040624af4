#!/usr/bin/env node
// Generates the synthetic Hàm Mỹ fixture: fixtures/ham-my-2019/{organizations,members}.csv, two years
// (2018 and 2019) of a fictional district, "huyện Hàm Mỹ", both under the 2018+ rating scheme.
//
// What it holds:
// - 14 commune/town committees, 8 agency committees and 13 chi bộ cơ sở, the same ids in both years;
//   one chi bộ cơ sở founded in 2019 (CS36, not rated that year: UNRANKED) and one village cell of xã Hàm Khánh
//   that exists only in 2018 (its village merged into a neighbour in 2019; its members moved there).
// - Members are people with a stable id across the years: some died or moved away after 2018, some
//   were admitted or moved in during 2019; the exempt stay mostly exempt, the newly admitted of 2018 are
//   rated in 2019.
// - The totals of each year are exact (see FIGURES). Every 2018 unit keeps the regulation rules (below);
//   in 2019, exactly three organizations breach one rule each, on purpose, so that warnings have something
//   to find. Their ids are printed on stdout at the end.
//
// The rules (Quy định 132-QĐ/TW and its guidance, as the project checks them):
// - members rated HTXSNV at most 20% of those rated HTTNV, in every base organization (kept per cell too);
// - an organization rated HTXSNV has no cell and no member rated KHTNV, and at least 80% of its rated
//   members (chi bộ) or rated cells (đảng bộ) at HTTNV or better.
// 2019 breaches: (1) a chi bộ cơ sở rated HTTNV over the 20% quota; (2) a đảng bộ cơ sở rated HTXSNV with one
// cell rated KHTNV; (3) a chi bộ cơ sở rated HTXSNV with fewer than 80% of its rated members at HTTNV or better.
//
// Deterministic: a seeded PRNG, no clock, no Math.random, fixed iteration order; the first seed (from SEED
// on) whose data passes every check is used. Run it twice and the bytes match.
//
//   node scripts/make-ham-my.mjs [OUT_DIR]
//
// report.json in the same folder is hand-written and is not touched by this script.
// The single-committee fixture fixtures/dang-bo-xa-2019/ has its own script: scripts/make-dang-bo-xa.mjs.

import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, resolve } from 'node:path';
import { csv, firstGood, makeRng } from './lib/fixtures.mjs';

const YEARS = [2018, 2019];
const SEED = 0x20200115;

// ---- exact figures ---------------------------------------------------------------------------

const FIGURES = {
  2018: {
    bases: { HTXSNV: 5, HTTNV: 20, HTNV: 8, KHTNV: 2 }, // 35
    cells: { HTXSNV: 26, HTTNV: 110, HTNV: 40, KHTNV: 5 }, // 181
    members: 4105,
    rated: { HTXSNV: 431, HTTNV: 2850, HTNV: 380, KHTNV: 24 }, // 3685
    UNRANKED: [
      ['Miễn sinh hoạt đảng', 196],
      ['Miễn công tác', 121],
      ['Mới kết nạp', 64],
      ['Chuyển sinh hoạt tạm thời', 24],
    ], // 405
    PENDING: [
      ['Ốm đau điều trị dài ngày', 8],
      ['Đi làm ăn xa', 7],
    ], // 15
  },
  2019: {
    bases: { HTXSNV: 7, HTTNV: 21, HTNV: 5, KHTNV: 2, UNRANKED: 1 }, // 36
    cells: { HTXSNV: 30, HTTNV: 112, HTNV: 31, KHTNV: 5, PENDING: 2 }, // 180
    members: 4210,
    rated: { HTXSNV: 480, HTTNV: 2920, HTNV: 371, KHTNV: 19 }, // 3790
    UNRANKED: [
      ['Miễn sinh hoạt đảng', 190],
      ['Miễn công tác', 118],
      ['Mới kết nạp', 71],
      ['Chuyển sinh hoạt tạm thời', 23],
    ], // 402
    PENDING: [
      ['Ốm đau điều trị dài ngày', 9],
      ['Đi làm ăn xa', 8],
      ['', 1],
    ], // 18
  },
};

// Movements between the two years (the rest of the 2019 arrivals are transfers in, computed).
const DEATHS = 34; // among the 2018 members exempt for age
const MOVED_OUT = 62; // transferred out of the district
const ADMITTED_2019 = 140; // newly admitted during 2019 (71 of them too recently to be rated)
const MOVED_WITHIN = 12; // changed cell inside the district


// ---- the district's organizations ------------------------------------------------------------

// Communes and towns: place, is a town, villages (thôn / khu phố), other cells, prior (how well it fares).
const COMMUNES = [
  { place: 'Mỹ Hòa', town: true, prior: 0.4, villages: ['Hòa Lạc', 'Hòa Vinh', 'Hòa Phát', 'Hòa Khánh', 'Hòa Tân', 'Hòa Hưng', 'Hòa Đức', 'Hòa Phong', 'Hòa Long', 'Hòa Thành'], other: ['Cơ quan thị trấn', 'Quân sự thị trấn', 'Công an thị trấn', 'Trường THCS Mỹ Hòa'] },
  { place: 'Tân Lạc', town: true, prior: 0.3, villages: ['Lạc Trung', 'Lạc Đạo', 'Lạc Hưng', 'Lạc Nghiệp', 'Lạc Tân', 'Lạc Xuân', 'Lạc Thịnh', 'Lạc An'], other: ['Cơ quan thị trấn', 'Quân sự thị trấn', 'Công an thị trấn', 'Trường THCS Tân Lạc'] },
  // 'Khánh Vân' exists only in 2018: merged into 'Khánh Hưng' in 2019.
  { place: 'Hàm Khánh', town: false, prior: 0, villages: ['Khánh Thiện', 'Khánh Hưng', 'Khánh Vân', 'Khánh Lợi', 'Khánh Nhơn', 'Khánh Phước', 'Khánh Sơn'], other: ['Cơ quan xã', 'Quân sự xã', 'Công an xã', 'Trường học'], dissolved: 'Khánh Vân', mergedInto: 'Khánh Hưng' },
  { place: 'Mỹ Thuận', town: false, prior: 0, villages: ['Thuận Nghĩa', 'Thuận Đức', 'Thuận Tiến', 'Thuận Hiệp', 'Thuận Quý'], other: ['Cơ quan xã', 'Quân sự xã', 'Công an xã', 'Trường học'] },
  { place: 'Tân Hà', town: false, prior: -0.1, villages: ['Hà Lãnh', 'Hà Thủy', 'Hà Lâm', 'Hà Phú', 'Hà Đông', 'Hà Tây'], other: ['Cơ quan xã', 'Quân sự xã', 'Công an xã', 'Trường học'] },
  { place: 'Đông Giang', town: false, prior: 0, villages: ['Giang Thành', 'Giang Tân', 'Giang Hòa', 'Giang Điền', 'Giang Bình'], other: ['Cơ quan xã', 'Quân sự xã', 'Công an xã', 'Trường học'] },
  { place: 'Trà Tân', town: false, prior: -0.6, villages: ['Trà Lâm', 'Trà Cú', 'Trà Đông', 'Trà Phú', 'Trà Thạnh'], other: ['Cơ quan xã', 'Quân sự xã', 'Công an xã', 'Trường học'] },
  { place: 'Đa My', town: false, prior: -0.2, villages: ['Dạ Gia', 'Suối Đá', 'Ka Rôn', 'Tầm Hưng', 'Đá Bàn'], other: ['Cơ quan xã', 'Quân sự xã', 'Trường học'], highland: true },
  { place: 'Hàm Phú', town: false, prior: 0.3, villages: ['Phú Điền', 'Phú Mỹ', 'Phú Sơn', 'Phú Hưng', 'Phú Thịnh', 'Phú Cường'], other: ['Cơ quan xã', 'Quân sự xã', 'Công an xã', 'Trường học'] },
  { place: 'Thuận Minh', town: false, prior: 0, villages: ['Minh Hòa', 'Minh Tiến', 'Minh Thành', 'Minh Lộc', 'Minh Châu'], other: ['Cơ quan xã', 'Quân sự xã', 'Công an xã', 'Trường học'] },
  { place: 'Mỹ Thạnh', town: false, prior: 0.1, villages: ['Thạnh Lợi', 'Thạnh Phú', 'Thạnh Hòa', 'Thạnh Mỹ', 'Thạnh An', 'Thạnh Hưng'], other: ['Cơ quan xã', 'Quân sự xã', 'Công an xã', 'Trường học'] },
  { place: 'Phước Lộc', town: false, prior: 0, villages: ['Lộc Hòa', 'Lộc Thanh', 'Lộc Tiến', 'Lộc Điền', 'Lộc Xuân'], other: ['Cơ quan xã', 'Quân sự xã', 'Công an xã', 'Trường học'] },
  { place: 'Long Điền', town: false, prior: -0.3, villages: ['Long Hải', 'Long Sơn', 'Long Thạnh', 'Long Bình', 'Long Phú', 'Long Hưng'], other: ['Cơ quan xã', 'Quân sự xã', 'Công an xã', 'Trường học'] },
  { place: 'Tân Xuân', town: false, prior: -0.1, villages: ['Xuân Hòa', 'Xuân Thạnh', 'Xuân Lộc', 'Xuân Phong'], other: ['Cơ quan xã', 'Quân sự xã', 'Trường học'] },
];

// Agency committees, in the district's usual listing order. bonus: members per cell above the usual.
const AGENCY_COMMITTEES = [
  { name: 'Đảng bộ Công an huyện', prior: 1.6, bonus: 5, cells: ['Đội Tổng hợp', 'Đội An ninh', 'Đội Cảnh sát điều tra tội phạm về trật tự xã hội', 'Đội Cảnh sát điều tra tội phạm về kinh tế và ma túy', 'Đội Cảnh sát giao thông - trật tự', 'Đội Cảnh sát quản lý hành chính về trật tự xã hội', 'Đội Cảnh sát phòng cháy, chữa cháy và cứu nạn, cứu hộ'] },
  { name: 'Đảng bộ Quân sự huyện', prior: 1.6, bonus: 4, cells: ['Chỉ huy', 'Tham mưu', 'Chính trị', 'Hậu cần - Kỹ thuật', 'Trung đội Dân quân thường trực'] },
  { name: 'Đảng bộ cơ quan Chính quyền huyện', prior: 0.7, bonus: 2, cells: ['Văn phòng HĐND và UBND huyện', 'Phòng Nội vụ', 'Phòng Tài chính - Kế hoạch', 'Phòng Tài nguyên và Môi trường', 'Phòng Nông nghiệp và Phát triển nông thôn', 'Phòng Kinh tế và Hạ tầng', 'Phòng Lao động - Thương binh và Xã hội', 'Phòng Giáo dục và Đào tạo', 'Phòng Văn hóa và Thông tin', 'Phòng Tư pháp - Thanh tra huyện'] },
  { name: 'Đảng bộ cơ quan Đảng - Mặt trận - Đoàn thể huyện', prior: 0.9, bonus: 2, cells: ['Văn phòng Huyện ủy', 'Ban Tổ chức Huyện ủy', 'Ban Tuyên giáo Huyện ủy', 'Ban Dân vận Huyện ủy', 'Ủy ban Kiểm tra Huyện ủy', 'Mặt trận - Đoàn thể huyện'] },
  { name: 'Đảng bộ Trung tâm Y tế huyện', prior: 0.4, bonus: 6, cells: ['Hành chính - Tổng hợp', 'Khoa Khám bệnh - Cấp cứu', 'Khoa Nội - Nhi', 'Khoa Ngoại - Sản', 'Khoa Kiểm soát bệnh tật', 'Phòng khám đa khoa khu vực Tân Lạc'] },
  { name: 'Đảng bộ Điện lực Hàm Mỹ', prior: 0.5, bonus: 3, cells: ['Văn phòng Điện lực', 'Đội Quản lý vận hành lưới điện', 'Đội Kinh doanh'] },
  { name: 'Đảng bộ Công ty Cổ phần Cao su Hàm Mỹ', prior: -0.2, bonus: 5, cells: ['Văn phòng Công ty', 'Nông trường Suối Đá', 'Nông trường Phú Sơn', 'Nhà máy Chế biến mủ cao su'] },
  { name: 'Đảng bộ Ban Quản lý rừng phòng hộ Sông Dinh', prior: 0.0, bonus: 0, cells: ['Văn phòng Ban', 'Trạm Quản lý bảo vệ rừng Suối Đá', 'Trạm Quản lý bảo vệ rừng Tà Pao'] },
];

// Chi bộ cơ sở: [name, prior, smallest, largest]. The last one was founded in 2019.
const BASE_CELLS = [
  ['Chi bộ Viện Kiểm sát nhân dân huyện', 0.8, 11, 15],
  ['Chi bộ Tòa án nhân dân huyện', 0.8, 10, 14],
  ['Chi bộ Chi cục Thi hành án dân sự huyện', 0.3, 9, 12],
  ['Chi bộ Chi cục Thuế huyện', 0.6, 16, 22],
  ['Chi bộ Kho bạc Nhà nước huyện', 0.8, 13, 16],
  ['Chi bộ Ngân hàng Chính sách xã hội huyện', 0.8, 10, 13],
  ['Chi bộ Ngân hàng Nông nghiệp và Phát triển nông thôn huyện', 0.5, 14, 19],
  ['Chi bộ Bảo hiểm xã hội huyện', 0.6, 11, 15],
  ['Chi bộ Chi cục Thống kê huyện', 0.4, 8, 10],
  ['Chi bộ Trường THPT Hàm Mỹ', 0.5, 24, 30],
  ['Chi bộ Trường THPT Nguyễn Huệ', 0.5, 20, 24],
  ['Chi bộ Trung tâm Giáo dục nghề nghiệp - Giáo dục thường xuyên huyện', 0.1, 11, 15],
  ['Chi bộ Trung tâm Văn hóa - Thông tin và Thể thao huyện', 0.2, 10, 14],
  ['Chi bộ Ban Quản lý dự án đầu tư xây dựng huyện', 0.2, 0, 0, 2019],
];

// Ratings given by name, not by score: the weak units and the three deliberate 2019 breaches.
// [base name, cell name or null, rating]
const PINS = {
  2018: [
    ['Đảng bộ xã Trà Tân', null, 'KHTNV'],
    ['Chi bộ Trung tâm Giáo dục nghề nghiệp - Giáo dục thường xuyên huyện', null, 'KHTNV'],
    ['Đảng bộ xã Trà Tân', 'Chi bộ thôn Trà Cú', 'KHTNV'],
    ['Đảng bộ xã Trà Tân', 'Chi bộ thôn Trà Lâm', 'KHTNV'],
    ['Đảng bộ xã Hàm Khánh', 'Chi bộ thôn Khánh Vân', 'KHTNV'],
    ['Đảng bộ xã Tân Hà', 'Chi bộ thôn Hà Lãnh', 'KHTNV'],
    ['Đảng bộ Ban Quản lý rừng phòng hộ Sông Dinh', 'Chi bộ Trạm Quản lý bảo vệ rừng Tà Pao', 'KHTNV'],
  ],
  2019: [
    ['Đảng bộ xã Trà Tân', null, 'KHTNV'],
    ['Chi bộ Chi cục Thi hành án dân sự huyện', null, 'KHTNV'],
    ['Đảng bộ xã Long Điền', null, 'HTNV'],
    ['Đảng bộ Công ty Cổ phần Cao su Hàm Mỹ', null, 'HTTNV'],
    ['Chi bộ Ban Quản lý dự án đầu tư xây dựng huyện', null, 'UNRANKED'],
    ['Đảng bộ xã Trà Tân', 'Chi bộ thôn Trà Cú', 'KHTNV'],
    ['Đảng bộ xã Trà Tân', 'Chi bộ thôn Trà Đông', 'KHTNV'],
    ['Đảng bộ xã Long Điền', 'Chi bộ thôn Long Sơn', 'KHTNV'],
    ['Đảng bộ Công ty Cổ phần Cao su Hàm Mỹ', 'Chi bộ Nông trường Phú Sơn', 'KHTNV'],
    ['Đảng bộ xã Đông Giang', 'Chi bộ thôn Giang Điền', 'PENDING'],
    ['Đảng bộ xã Mỹ Thạnh', 'Chi bộ thôn Thạnh Hưng', 'PENDING'],
    // breach (1): over the 20% quota of excellent members
    ['Chi bộ Kho bạc Nhà nước huyện', null, 'HTTNV'],
    // breach (2): an excellent committee with a failing cell
    ['Đảng bộ xã Hàm Phú', null, 'HTXSNV'],
    ['Đảng bộ xã Hàm Phú', 'Chi bộ thôn Phú Cường', 'KHTNV'],
    // breach (3): an excellent chi bộ cơ sở with under 80% of its members at HTTNV or better
    ['Chi bộ Trường THPT Nguyễn Huệ', null, 'HTXSNV'],
  ],
};
const BREACH = {
  quota: 'Chi bộ Kho bạc Nhà nước huyện',
  weakCell: 'Đảng bộ xã Hàm Phú',
  share: 'Chi bộ Trường THPT Nguyễn Huệ',
};

// The 2019 chi bộ cơ sở was formed from staff of these cells, plus people transferred in.
const NEW_BASE_FROM = [
  ['Chi bộ Phòng Kinh tế và Hạ tầng', 4],
  ['Chi bộ Phòng Tài nguyên và Môi trường', 3],
  ['Chi bộ Văn phòng HĐND và UBND huyện', 2],
];
const NEW_BASE_TRANSFERS = 5;

const pad = (n, w) => String(n).padStart(w, '0');
const sum = (values) => values.reduce((a, b) => a + b, 0);
const presentIn = (o, y) => !o.years || o.years.includes(y);

/** The organization tree, with ids; ratings and members come later. */
function buildOrganizations() {
  const bases = [];
  const add = (base) => {
    base.id = `CS${pad(bases.length + 1, 2)}`;
    base.cells.forEach((c, i) => {
      c.id = `${base.id}-CB${pad(i + 1, 2)}`;
      c.parent = base;
      c.kind = 'chi_bo_truc_thuoc';
    });
    bases.push(base);
  };
  for (const cm of COMMUNES) {
    const level = cm.town ? 'thị trấn' : 'xã';
    const cells = cm.villages.map((v) => ({
      name: `Chi bộ ${cm.town ? 'khu phố' : 'thôn'} ${v}`,
      village: true,
      town: cm.town,
      type: 'village',
      years: v === cm.dissolved ? [2018] : undefined,
    }));
    for (const o of cm.other) {
      const type = o.startsWith('Trường') ? 'school' : o.split(' ')[0] === 'Cơ' ? 'office' : o.startsWith('Quân') ? 'militia' : 'police';
      cells.push({ name: `Chi bộ ${o}`, village: false, town: cm.town, type });
    }
    const base = { name: `Đảng bộ ${level} ${cm.place}`, kind: 'dang_bo_co_so', prior: cm.prior, bonus: 0, place: cm.place, highland: !!cm.highland, cells };
    add(base);
    if (cm.dissolved) {
      base.dissolved = cells.find((c) => c.name.endsWith(cm.dissolved));
      base.mergedInto = cells.find((c) => c.name.endsWith(cm.mergedInto));
    }
  }
  for (const a of AGENCY_COMMITTEES) {
    const cells = a.cells.map((n) => ({ name: `Chi bộ ${n}`, village: false, town: false, type: 'agency' }));
    add({ name: a.name, kind: 'dang_bo_co_so', prior: a.prior, bonus: a.bonus, place: null, cells });
  }
  for (const [name, prior, lo, hi, from] of BASE_CELLS) {
    add({ name, kind: 'chi_bo_co_so', prior, bonus: 0, place: null, cells: [], lo, hi, years: from ? [from] : undefined });
  }
  return bases;
}

function findOrg(bases, baseName, cellName) {
  const b = bases.find((x) => x.name === baseName);
  if (!b) throw new Error(`no base organization ${baseName}`);
  if (!cellName) return b;
  const c = b.cells.find((x) => x.name === cellName);
  if (!c) throw new Error(`no cell ${cellName} in ${baseName}`);
  return c;
}

// ---- ratings by score ------------------------------------------------------------------------

/** Sorts units by score (best first) and hands out the ratings in order. */
function rankAssign(units, counts, score, year) {
  const order = units.map((u, i) => ({ u, s: score(u), i }));
  order.sort((a, b) => b.s - a.s || a.i - b.i);
  const want = sum(Object.values(counts));
  if (want !== units.length) throw new Error(`rankAssign ${year}: ${want} ratings for ${units.length} units`);
  let k = 0;
  for (const [code, n] of Object.entries(counts)) {
    for (let j = 0; j < n; j++) order[k++].u.rating[year] = code;
  }
}

const ORG_SCORE = { HTXSNV: 3, HTTNV: 2, HTNV: 1, KHTNV: 0, UNRANKED: 2, PENDING: 2 };
const GOOD = new Set(['HTXSNV', 'HTTNV']);

function assignOrgRatings(rng, bases, year) {
  const fig = FIGURES[year];
  const yb = bases.filter((b) => presentIn(b, year));
  const cells = yb.flatMap((b) => b.cells.filter((c) => presentIn(c, year)));
  for (const o of [...yb, ...cells]) o.rating[year] = null;
  const baseLeft = { ...fig.bases };
  const cellLeft = { ...fig.cells };
  for (const [bn, cn, code] of PINS[year]) {
    const o = findOrg(bases, bn, cn);
    o.rating[year] = code;
    const left = cn ? cellLeft : baseLeft;
    if (!(left[code] > 0)) throw new Error(`${year}: too many ${code} pins`);
    left[code]--;
  }
  // base organizations: a lasting quality plus this year's noise
  rankAssign(yb.filter((b) => b.rating[year] === null), baseLeft, (b) => b.prior + b.q + 0.6 * rng.gauss(), year);
  // cells follow their committee
  rankAssign(
    cells.filter((c) => c.rating[year] === null),
    cellLeft,
    (c) => 0.9 * ORG_SCORE[c.parent.rating[year]] + (c.village ? 0 : 0.5) + c.q + 0.9 * rng.gauss(),
    year,
  );
}

/** Organization-level rule and plausibility problems of a year. */
function checkOrgs(bases, year) {
  const problems = [];
  for (const b of bases) {
    if (!presentIn(b, year) || b.kind !== 'dang_bo_co_so') continue;
    const cells = b.cells.filter((c) => presentIn(c, year));
    const r = b.rating[year];
    const rated = cells.filter((c) => c.rating[year] !== 'PENDING' && c.rating[year] !== 'UNRANKED');
    const good = rated.filter((c) => GOOD.has(c.rating[year])).length;
    const weak = cells.filter((c) => c.rating[year] === 'KHTNV').length;
    const breach = year === 2019 && b.name === BREACH.weakCell;
    if (r === 'HTXSNV') {
      if (weak !== (breach ? 1 : 0)) problems.push(`${year} ${b.id}: HTXSNV committee with ${weak} KHTNV cells`);
      if (good * 5 < rated.length * 4) problems.push(`${year} ${b.id}: HTXSNV committee, ${good}/${rated.length} good cells`);
      if (cells.some((c) => c.rating[year] === 'PENDING')) problems.push(`${year} ${b.id}: HTXSNV committee with a pending cell`);
    } else if (breach) problems.push(`${year} ${b.id}: breach committee not HTXSNV`);
    if (r === 'KHTNV' && cells.some((c) => c.rating[year] === 'HTXSNV')) problems.push(`${year} ${b.id}: KHTNV committee with an HTXSNV cell`);
    if (r !== 'KHTNV' && weak * 3 > rated.length) problems.push(`${year} ${b.id}: ${weak}/${rated.length} weak cells`);
    if (r === 'HTNV' && cells.filter((c) => c.rating[year] === 'HTXSNV').length * 2 > rated.length) problems.push(`${year} ${b.id}: HTNV committee, mostly excellent cells`);
  }
  // a list of excellent base organizations that is not all agencies
  const xs = bases.filter((b) => presentIn(b, year) && b.rating[year] === 'HTXSNV');
  if (xs.filter((b) => b.place).length < 2) problems.push(`${year}: fewer than 2 communes rated HTXSNV`);
  return problems;
}

// ---- members' names --------------------------------------------------------------------------

const HO = [
  ['Nguyễn', 30], ['Trần', 11], ['Lê', 9], ['Phạm', 6], ['Huỳnh', 6], ['Võ', 6], ['Phan', 4], ['Hoàng', 2],
  ['Đặng', 2], ['Bùi', 2], ['Đỗ', 2], ['Hồ', 2], ['Ngô', 2], ['Dương', 1.5], ['Trương', 1.5], ['Đinh', 1],
  ['Lâm', 1], ['Mai', 1], ['Đoàn', 1], ['Châu', 1], ['Lương', 1], ['Tạ', 0.5], ['Cao', 1], ['Hà', 0.5],
  ['Tô', 0.5], ['Thái', 0.5], ['Lý', 0.5], ['Kiều', 0.3], ['Lưu', 0.5], ['Vương', 0.3], ['Quách', 0.3],
];
const HO_HIGHLAND = ['Mang', 'Mấu', 'Bố', 'Ka', 'Pi Năng', 'Chamaléa', 'Katơr'];
const DEM_NAM = ['Văn', 'Văn', 'Văn', 'Hữu', 'Đức', 'Minh', 'Quốc', 'Thanh', 'Công', 'Ngọc', 'Xuân', 'Tấn', 'Anh', 'Đình', 'Trọng', 'Hoài', 'Phước', 'Kim'];
const DEM_NU = ['Thị', 'Thị', 'Thị', 'Thị', 'Ngọc', 'Thu', 'Kim', 'Mỹ', 'Thanh', 'Hồng', 'Bích', 'Thị Thu', 'Thị Kim', 'Thị Mỹ', 'Thị Ngọc'];
const TEN_NAM = [
  'Hùng', 'Dũng', 'Tuấn', 'Hải', 'Long', 'Nam', 'Phong', 'Sơn', 'Thành', 'Trung', 'Hoàng', 'Lộc', 'Tài', 'Phúc',
  'Quang', 'Vinh', 'Bình', 'Cường', 'Hiếu', 'Khoa', 'Lâm', 'Nhân', 'Tâm', 'Toàn', 'Tùng', 'Vũ', 'Thắng', 'Thuận',
  'Tín', 'Hòa', 'Huy', 'Khánh', 'Minh', 'Nghĩa', 'Phước', 'Quý', 'Sang', 'Thiện', 'Trí', 'Việt', 'Đạt', 'Định',
  'Hưng', 'Lợi', 'Mạnh', 'Nhựt', 'Tân', 'Thạnh', 'Bảo', 'Châu', 'Kiệt', 'Luân', 'Pháp', 'Sỹ', 'Triều',
];
const TEN_NU = [
  'Lan', 'Hoa', 'Hương', 'Hằng', 'Mai', 'Linh', 'Nga', 'Ngọc', 'Nhung', 'Phương', 'Thảo', 'Trang', 'Tuyết', 'Vân',
  'Yến', 'Hạnh', 'Loan', 'Dung', 'Hiền', 'Thủy', 'Liên', 'Xuân', 'Diệp', 'Oanh', 'Hà', 'Huyền', 'Lệ', 'Ly', 'My',
  'Nhi', 'Quyên', 'Sương', 'Thơ', 'Trinh', 'Uyên', 'Vy', 'Hồng', 'Cúc', 'Đào', 'Thắm', 'Tiên', 'Kiều',
];

function makeName(rng, highland) {
  const female = rng.next() < 0.36;
  const ho = highland && rng.next() < 0.45 ? rng.pick(HO_HIGHLAND) : rng.weighted(HO, (h) => h[1])[0];
  const dem = rng.pick(female ? DEM_NU : DEM_NAM);
  let ten;
  do ten = rng.pick(female ? TEN_NU : TEN_NAM);
  while (ten === ho || dem.endsWith(ten));
  return `${ho} ${dem} ${ten}`;
}

// ---- members ---------------------------------------------------------------------------------

/** Units where members are active in a year: chi bộ cơ sở and cells. */
function memberUnits(bases, year) {
  const out = [];
  for (const b of bases) {
    if (!presentIn(b, year)) continue;
    if (b.kind === 'chi_bo_co_so') out.push(b);
    for (const c of b.cells) if (presentIn(c, year)) out.push(c);
  }
  return out;
}

function initialSize(rng, u) {
  if (u.kind === 'chi_bo_co_so') return rng.int(u.lo, u.hi);
  const bonus = u.parent.bonus;
  switch (u.type) {
    case 'village':
      return u.town ? rng.int(28, 42) : rng.int(18, 32);
    case 'office':
      return rng.int(16, 24);
    case 'militia':
      return rng.int(7, 11);
    case 'police':
      return rng.int(6, 10);
    case 'school':
      return rng.int(11, 19);
    default:
      return rng.int(7, 14) + bonus;
  }
}

/** Year-specific member statuses: UNRANKED / PENDING with a reason, drawn among free people. */
function drawStatus(rng, year, people, n, status, reason, weightOf, filter = () => true) {
  const taken = new Map();
  const size = new Map();
  for (const p of people) {
    const u = p.unit[year];
    size.set(u, (size.get(u) ?? 0) + 1);
    if (p.status[year]) taken.set(u, (taken.get(u) ?? 0) + 1);
  }
  for (let k = 0; k < n; k++) {
    const candidates = people.filter((p) => {
      const u = p.unit[year];
      return !p.status[year] && filter(p) && (taken.get(u) ?? 0) < Math.floor(size.get(u) * 0.4) && weightOf(p) > 0;
    });
    const p = rng.weighted(candidates, weightOf);
    if (!p) throw new Error(`${year}: nobody left for ${status} ${reason}`);
    p.status[year] = { rating: status, reason };
    taken.set(p.unit[year], (taken.get(p.unit[year]) ?? 0) + 1);
  }
}

const villageWeight = (v, other) => (p, year) => (p.unit[year].village ? v : other);

/**
 * How many members of each unit get each rating, so that the year's totals are exact and every unit
 * keeps the rules (except the three breaching units of 2019, which get fixed counts). null if it fails.
 */
function allocate(rng, year, units, ratedOf) {
  const target = { ...FIGURES[year].rated };
  const alloc = new Map();
  const unitRating = (u) => u.rating[year];
  const parentRating = (u) => (u.parent ? u.parent.rating[year] : null);
  const pinned = new Set();
  for (const u of units) alloc.set(u, { HTXSNV: 0, HTTNV: 0, HTNV: 0, KHTNV: 0, r: ratedOf(u) });

  if (year === 2019) {
    for (const u of units) {
      const a = alloc.get(u);
      if (u.name === BREACH.quota) {
        // 5·X > T: just over the quota
        a.HTNV = 1;
        a.HTXSNV = Math.floor((a.r - a.HTNV) / 5) + 1;
      } else if (u.name === BREACH.share) {
        // fewer than 80% at HTTNV or better, but within the quota and without KHTNV
        a.HTNV = Math.floor(a.r / 5) + 2;
        a.HTXSNV = Math.floor((a.r - a.HTNV) / 6);
      } else continue;
      a.HTTNV = a.r - a.HTNV - a.HTXSNV;
      pinned.add(u);
      for (const k of ['HTXSNV', 'HTTNV', 'HTNV']) target[k] -= a[k];
    }
  }
  const free = units.filter((u) => !pinned.has(u));
  const noWeak = (u) => unitRating(u) === 'HTXSNV' || parentRating(u) === 'HTXSNV';
  const low = (a) => a.HTNV + a.KHTNV;
  const lowCap = (u, a) => (unitRating(u) === 'HTXSNV' ? Math.floor(a.r / 5) : Math.floor(a.r / 2));

  // KHTNV members: in weaker units, never under an excellent organization
  const kW = { KHTNV: 8, HTNV: 3, HTTNV: 1, PENDING: 1.5, UNRANKED: 0.5, HTXSNV: 0 };
  for (let k = 0; k < target.KHTNV; k++) {
    const u = rng.weighted(free, (x) => {
      const a = alloc.get(x);
      if (noWeak(x) || a.r < 8 || a.KHTNV >= (unitRating(x) === 'KHTNV' ? 3 : 2) || low(a) + 1 > lowCap(x, a)) return 0;
      return kW[unitRating(x)];
    });
    if (!u) return null;
    alloc.get(u).KHTNV++;
  }
  // HTNV members
  const nW = { HTXSNV: 0.35, HTTNV: 1, HTNV: 2.6, KHTNV: 3.5, PENDING: 1.3, UNRANKED: 1 };
  for (let k = 0; k < target.HTNV; k++) {
    const u = rng.weighted(free, (x) => {
      const a = alloc.get(x);
      if (low(a) + 1 > lowCap(x, a)) return 0;
      return a.r * nW[unitRating(x)] * (x.village ? 1.2 : 1);
    });
    if (!u) return null;
    alloc.get(u).HTNV++;
  }
  // HTXSNV members fit under the quota: 5·X ≤ T, i.e. X ≤ ⌊(X+T)/6⌋. Move HTNV members between units
  // until the quota leaves some room (the totals are close to the district-wide limit).
  const high = (a) => a.r - low(a);
  const cap = (a) => Math.floor(high(a) / 6);
  const capacity = () => sum(free.map((u) => cap(alloc.get(u))));
  const room = target.HTXSNV + 12;
  for (let guard = 0; capacity() < room && guard < 10000; guard++) {
    // from a unit one short of the next step of the quota, to one that does not lose a step
    const from = rng.weighted(free, (x) => {
      const a = alloc.get(x);
      return a.HTNV > 0 && high(a) % 6 === 5 ? 1 : 0;
    });
    const to = rng.weighted(free, (x) => {
      const a = alloc.get(x);
      return x !== from && high(a) % 6 !== 0 && low(a) + 1 <= lowCap(x, a) ? nW[unitRating(x)] : 0;
    });
    if (!from || !to) break;
    alloc.get(from).HTNV--;
    alloc.get(to).HTNV++;
  }
  if (capacity() < target.HTXSNV) return null;
  const xW = { HTXSNV: 3, HTTNV: 1.6, UNRANKED: 1.2, PENDING: 1.2, HTNV: 0.7, KHTNV: 0.3 };
  for (let k = 0; k < target.HTXSNV; k++) {
    const u = rng.weighted(free, (x) => {
      const a = alloc.get(x);
      return a.HTXSNV < cap(a) ? xW[unitRating(x)] * high(a) : 0;
    });
    if (!u) return null;
    alloc.get(u).HTXSNV++;
  }
  for (const u of free) {
    const a = alloc.get(u);
    a.HTTNV = a.r - a.HTXSNV - a.HTNV - a.KHTNV;
  }
  return alloc;
}

/** Member-level rule problems of a year (besides the breaches, which are checked to be there). */
function checkMembers(units, year, alloc) {
  const problems = [];
  for (const u of units) {
    const a = alloc.get(u);
    const quota = a.HTXSNV * 5 <= a.HTTNV;
    const share = (a.HTXSNV + a.HTTNV) * 5 >= a.r * 4;
    const breachQuota = year === 2019 && u.name === BREACH.quota;
    const breachShare = year === 2019 && u.name === BREACH.share;
    if (quota === breachQuota) problems.push(`${year} ${u.id}: quota ${a.HTXSNV}/${a.HTTNV}`);
    if (u.rating[year] === 'HTXSNV' && share === breachShare) problems.push(`${year} ${u.id}: share ${a.HTXSNV + a.HTTNV}/${a.r}`);
    if (breachShare && u.rating[year] !== 'HTXSNV') problems.push(`${year} ${u.id}: breach unit not HTXSNV`);
    if ((u.rating[year] === 'HTXSNV' || u.parent?.rating[year] === 'HTXSNV') && a.KHTNV > 0) problems.push(`${year} ${u.id}: KHTNV under HTXSNV`);
    if (a.HTTNV < 0 || a.r < 5) problems.push(`${year} ${u.id}: ${a.r} rated`);
  }
  return problems;
}

// ---- generation ------------------------------------------------------------------------------

function generate(seed) {
  const rng = makeRng(seed);
  const bases = buildOrganizations();
  const all = bases.flatMap((b) => [b, ...b.cells]);
  for (const o of all) {
    o.q = 0.7 * rng.gauss();
    o.rating = {};
  }
  for (const y of YEARS) assignOrgRatings(rng, bases, y);
  const problems = YEARS.flatMap((y) => checkOrgs(bases, y));
  if (problems.length) return { problems };

  // --- 2018: the people
  const units18 = memberUnits(bases, 2018);
  for (const u of units18) u.size18 = initialSize(rng, u);
  let total = sum(units18.map((u) => u.size18));
  const maxOf = (u) => (u.kind === 'chi_bo_co_so' ? u.hi : u.type === 'police' || u.type === 'militia' ? 12 : u.village ? 48 : 30);
  const minOf = (u) => (u.kind === 'chi_bo_co_so' ? u.lo : 6);
  while (total !== FIGURES[2018].members) {
    const u = rng.weighted(units18, (x) => x.size18);
    if (total > FIGURES[2018].members && u.size18 > minOf(u)) {
      u.size18--;
      total--;
    } else if (total < FIGURES[2018].members && u.size18 < maxOf(u)) {
      u.size18++;
      total++;
    }
  }
  const people = [];
  const names = new Set();
  const newPerson = (unit, year) => {
    let name;
    const highland = !!unit.parent?.highland;
    do name = makeName(rng, highland);
    while (names.has(name));
    names.add(name);
    const p = { id: `DV${pad(people.length + 1, 4)}`, name, score: rng.gauss(), unit: { [year]: unit }, status: {}, since: year };
    people.push(p);
    return p;
  };
  for (const u of units18) for (let i = 0; i < u.size18; i++) newPerson(u, 2018);
  const in18 = people.slice();

  const f18 = FIGURES[2018];
  const w18 = (v, o) => (p) => villageWeight(v, o)(p, 2018);
  const W18 = {
    'Miễn sinh hoạt đảng': w18(6, 1),
    'Miễn công tác': w18(4, 1.5),
    'Mới kết nạp': w18(1.5, 1),
    'Chuyển sinh hoạt tạm thời': w18(1, 2),
    'Ốm đau điều trị dài ngày': w18(1, 1),
    'Đi làm ăn xa': w18(1, 0),
  };
  for (const [reason, n] of f18.UNRANKED) drawStatus(rng, 2018, in18, n, 'UNRANKED', reason, W18[reason]);
  for (const [reason, n] of f18.PENDING) drawStatus(rng, 2018, in18, n, 'PENDING', reason, W18[reason]);

  // --- between the years: deaths, transfers out, moves, merger, the new chi bộ cơ sở, arrivals
  const leaving = new Set();
  const exempt18 = in18.filter((p) => p.status[2018]?.reason === 'Miễn sinh hoạt đảng');
  rng.shuffle(exempt18);
  for (const p of exempt18.slice(0, DEATHS)) leaving.add(p);
  const sizeNow = new Map(units18.map((u) => [u, u.size18]));
  const canLose = (p) => !leaving.has(p) && sizeNow.get(p.unit[2018]) > minOf(p.unit[2018]) + 2 && p.status[2018]?.reason !== 'Mới kết nạp';
  for (const p of exempt18.slice(0, DEATHS)) sizeNow.set(p.unit[2018], sizeNow.get(p.unit[2018]) - 1);
  for (let k = 0; k < MOVED_OUT; k++) {
    const p = rng.weighted(in18, (x) => (canLose(x) && !x.status[2018] ? (x.unit[2018].village ? 1 : 2) : 0));
    leaving.add(p);
    sizeNow.set(p.unit[2018], sizeNow.get(p.unit[2018]) - 1);
  }
  const stay = in18.filter((p) => !leaving.has(p));
  for (const p of stay) {
    const u = p.unit[2018];
    p.unit[2019] = presentIn(u, 2019) ? u : u.parent.mergedInto;
  }
  const units19 = memberUnits(bases, 2019);
  const newBase = bases.find((b) => b.years?.includes(2019) && b.kind === 'chi_bo_co_so');
  for (const [cellName, n] of NEW_BASE_FROM) {
    const from = stay.filter((p) => p.unit[2019].name === cellName && !p.status[2018]);
    if (from.length < n + 6) return { problems: [`${cellName}: too small to give ${n}`] };
    rng.shuffle(from);
    for (const p of from.slice(0, n)) p.unit[2019] = newBase;
  }
  const movable = units19.filter((u) => u !== newBase && u.kind !== 'chi_bo_co_so');
  for (let k = 0; k < MOVED_WITHIN; k++) {
    const p = rng.pick(stay);
    if (p.unit[2019] === newBase || p.unit[2019] !== p.unit[2018] || p.status[2018]) continue;
    p.unit[2019] = rng.pick(movable);
  }
  const arrivals = FIGURES[2019].members - stay.length;
  const admitted = [];
  for (let k = 0; k < ADMITTED_2019; k++) {
    const u = rng.weighted(movable, (x) => (x.village ? 3 : 1));
    admitted.push(newPerson(u, 2019));
  }
  for (let k = 0; k < NEW_BASE_TRANSFERS; k++) newPerson(newBase, 2019);
  for (let k = 0; k < arrivals - ADMITTED_2019 - NEW_BASE_TRANSFERS; k++) newPerson(rng.weighted(movable, (x) => (x.village ? 1 : 2)), 2019);
  const in19 = people.filter((p) => p.unit[2019]);
  if (in19.length !== FIGURES[2019].members) throw new Error(`2019: ${in19.length} members`);

  // --- 2019 statuses: the exempt mostly stay exempt; the newly admitted come from the arrivals
  const f19 = FIGURES[2019];
  const need = Object.fromEntries(f19.UNRANKED);
  const w19 = (v, o) => (p) => villageWeight(v, o)(p, 2019);
  const was = (p, reason) => p.status[2018]?.reason === reason;
  const old = (p) => p.since === 2018 && !was(p, 'Mới kết nạp');
  // exempt for age: all who were, some who were exempt from work, then a few more
  drawStatus(rng, 2019, in19, in19.filter((p) => was(p, 'Miễn sinh hoạt đảng')).length, 'UNRANKED', 'Miễn sinh hoạt đảng', () => 1, (p) => was(p, 'Miễn sinh hoạt đảng'));
  const msh = in19.filter((p) => p.status[2019]).length;
  const fromWork = Math.min(15, need['Miễn sinh hoạt đảng'] - msh);
  drawStatus(rng, 2019, in19, fromWork, 'UNRANKED', 'Miễn sinh hoạt đảng', () => 1, (p) => was(p, 'Miễn công tác'));
  drawStatus(rng, 2019, in19, need['Miễn sinh hoạt đảng'] - msh - fromWork, 'UNRANKED', 'Miễn sinh hoạt đảng', w19(6, 1), old);
  const stillWork = in19.filter((p) => was(p, 'Miễn công tác') && !p.status[2019]).length;
  const keepWork = Math.min(stillWork, need['Miễn công tác'] - 20);
  drawStatus(rng, 2019, in19, keepWork, 'UNRANKED', 'Miễn công tác', () => 1, (p) => was(p, 'Miễn công tác'));
  drawStatus(rng, 2019, in19, need['Miễn công tác'] - keepWork, 'UNRANKED', 'Miễn công tác', w19(4, 1.5), (p) => old(p) && !was(p, 'Miễn công tác'));
  drawStatus(rng, 2019, in19, need['Mới kết nạp'], 'UNRANKED', 'Mới kết nạp', () => 1, (p) => admitted.includes(p));
  drawStatus(rng, 2019, in19, need['Chuyển sinh hoạt tạm thời'], 'UNRANKED', 'Chuyển sinh hoạt tạm thời', w19(1, 2), old);
  const W19P = { 'Ốm đau điều trị dài ngày': w19(1, 1), 'Đi làm ăn xa': w19(1, 0), '': w19(1, 1) };
  for (const [reason, n] of f19.PENDING) drawStatus(rng, 2019, in19, n, 'PENDING', reason, W19P[reason], old);

  // --- ratings of the rest
  const out = { bases, people, problems: [] };
  for (const [year, units, pool] of [[2018, units18, in18], [2019, units19, in19]]) {
    const ratedBy = new Map(units.map((u) => [u, []]));
    for (const p of pool) if (!p.status[year]) ratedBy.get(p.unit[year]).push(p);
    const alloc = allocate(rng, year, units, (u) => ratedBy.get(u).length);
    if (!alloc) return { problems: [`${year}: member allocation failed`] };
    out.problems.push(...checkMembers(units, year, alloc));
    for (const u of units) {
      const a = alloc.get(u);
      const order = ratedBy.get(u).map((p) => ({ p, s: p.score + 0.6 * rng.gauss() }));
      order.sort((x, y) => y.s - x.s || (x.p.id < y.p.id ? -1 : 1));
      let k = 0;
      for (const code of ['HTXSNV', 'HTTNV', 'HTNV', 'KHTNV']) {
        for (let j = 0; j < a[code]; j++) order[k++].p.status[year] = { rating: code, reason: '' };
      }
    }
  }
  return out;
}

// ---- main ------------------------------------------------------------------------------------

const here = dirname(fileURLToPath(import.meta.url));
const outDir = resolve(process.argv[2] ?? resolve(here, '../fixtures/ham-my-2019'));

const { result, seed } = firstGood(SEED, 2000, generate, (r) => r.problems.length === 0);

const orgRows = [];
const memberRows = [];
for (const year of YEARS) {
  const order = [];
  for (const b of result.bases) {
    if (!presentIn(b, year)) continue;
    order.push(b);
    for (const c of b.cells) if (presentIn(c, year)) order.push(c);
  }
  for (const o of order) orgRows.push([o.id, o.name, o.kind, o.parent ? o.parent.id : '', year, o.rating[year]]);
  const rank = new Map(order.map((o, i) => [o, i]));
  const members = result.people.filter((p) => p.unit[year]);
  members.sort((a, b) => rank.get(a.unit[year]) - rank.get(b.unit[year]) || (a.id < b.id ? -1 : 1));
  for (const p of members) memberRows.push([p.id, p.name, p.unit[year].id, year, p.status[year].rating, p.status[year].reason]);
}

mkdirSync(outDir, { recursive: true });
writeFileSync(resolve(outDir, 'organizations.csv'), csv(['id', 'name', 'kind', 'parent_id', 'year', 'rating'], orgRows));
writeFileSync(resolve(outDir, 'members.csv'), csv(['id', 'name', 'org_id', 'year', 'rating', 'reason'], memberRows));
console.error(`make-ham-my: seed ${seed}: ${orgRows.length} organization rows, ${memberRows.length} member rows -> ${outDir}`);
const idOf = (name) => result.bases.find((b) => b.name === name).id;
console.log(`2019 breaches: quota ${idOf(BREACH.quota)} (${BREACH.quota}); KHTNV cell ${idOf(BREACH.weakCell)} (${BREACH.weakCell}); share ${idOf(BREACH.share)} (${BREACH.share})`);
