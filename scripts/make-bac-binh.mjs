#!/usr/bin/env node
// Generates the synthetic Bắc Bình 2017 fixture: fixtures/bac-binh-2017/{organizations,members}.csv.
//
// The totals reproduce the figures published by Huyện ủy Bắc Bình on 6 February 2018
// (see the seed article); everything else (names, which unit got which rating, cell
// sizes) is invented but plausible. The output is deterministic: a seeded PRNG, no
// clock, no Math.random, fixed iteration order. Run it twice and the bytes match.
//
//   node scripts/make-bac-binh.mjs [OUT_DIR]
//
// report.json in the same folder is hand-written and is not touched by this script.

import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, resolve } from 'node:path';
import { csv, firstGood, makeRng } from './lib/fixtures.mjs';

const YEAR = 2017;
const SEED = 0x20180206;

// ---- exact figures (the seed article) --------------------------------------------------------

const BASE_RATINGS = { TSVM: 11, HTTNV: 10, HTNV: 19, YEU: 3 }; // 43 base organizations
const CELL_RATINGS = { TSVM: 73, HTTNV: 76, HTNV: 72, YEU: 10 }; // 231 cells
const MEMBER_TOTAL = 2904;
const MEMBER_RATED = { HTXSNV: 135, HTTNV: 1784, HTNV: 636, HTNV_HC: 12, KHTNV: 17 }; // 2584
const UNRANKED_REASONS = [
  ['Miễn sinh hoạt', 141],
  ['Miễn công tác', 97],
  ['Mới kết nạp dưới 6 tháng', 52],
  ['Chuyển sinh hoạt đảng tạm thời', 23],
]; // 313
const PENDING_REASONS = [
  ['Bệnh', 3],
  ['Đi làm ăn xa', 3],
  ['Chưa về kịp', 1],
]; // 7
const MIN_CELL = 10;
const MAX_CELL = 40;


// ---- the district's organizations ------------------------------------------------------------

// Commune and town committees: [place, is town, village names, size bonus]
const COMMUNES = [
  ['Chợ Lầu', true, ['Xuân An', 'Xuân Hội', 'Xuân Quang', 'Xuân Bình', 'Lâm Hòa', 'Lâm Thạnh', 'Lâm Lộc', 'Tân Lập', 'Tân Điền', 'Hòa Thuận', 'Hòa Bình'], 3],
  ['Lương Sơn', true, ['Lương Bắc', 'Lương Trung', 'Lương Nam', 'Lương Tây', 'Lương Đông', 'Lương Hòa', 'Lương Thuận', 'Lương Phú', 'Lương Bình'], 3],
  ['Phan Rí Thành', false, ['Bình Thắng', 'Bình Hòa', 'Bình Minh', 'Bình Lâm', 'Bình Thuận', 'Bình Phú', 'Hòa Đa', 'Bình Đông'], 1],
  ['Hải Ninh', false, ['Hải Thủy', 'Hải Xuân', 'Hải Bình', 'Hải Tân', 'Hải Thạnh', 'Hải Lâm', 'Hải Phong', 'Hải Hòa', 'Sông Mao'], 1],
  ['Phan Hòa', false, ['Hòa Thuận', 'Hòa Thạnh', 'Hòa Lợi', 'Hòa Phú', 'Hòa Trung', 'Hòa Mỹ'], 0],
  ['Hồng Thái', false, ['Thái Thiện', 'Thái Hòa', 'Thái Bình', 'Thái Lợi', 'Thái An', 'Thái Phước'], 0],
  ['Bình An', false, ['An Lạc', 'An Thịnh', 'An Bình', 'An Phú', 'An Hòa', 'An Thuận'], 0],
  ['Bình Tân', false, ['Tân Lập', 'Tân Thành', 'Tân Hòa', 'Tân Phú', 'Tân Lợi'], 0],
  ['Sông Lũy', false, ['Thắng Lợi', 'Đoàn Kết', 'Quyết Thắng', 'Xuân Lâm', 'Bình Sơn', 'Bình Lợi', 'Tân Bình', 'Tân Thạnh'], 0],
  ['Sông Bình', false, ['Thống Nhất', 'Bình Tiến', 'Tân Hiệp', 'Hiệp Hòa', 'Sơn Thủy', 'Kiến Xương'], 0],
  ['Phan Thanh', false, ['Thanh Hòa', 'Thanh Bình', 'Thanh Lương', 'Thanh Sơn', 'Thanh Mỹ', 'Thanh Phú'], 0],
  ['Hòa Thắng', false, ['Hồng Chính', 'Hồng Thắng', 'Hồng Lâm', 'Hồng Sơn', 'Hồng Hòa', 'Hồng Bình'], 0],
  ['Hồng Phong', false, ['Phong Phú', 'Phong Điền', 'Phong Hòa', 'Phong Lâm', 'Phong Thạnh'], 0],
  ['Phan Điền', false, ['Điền Lâm', 'Điền Phú', 'Điền Hòa', 'Điền Thạnh', 'Điền Trung'], 0],
  ['Phan Hiệp', false, ['Hiệp Hòa', 'Hiệp Phước', 'Hiệp Thạnh', 'Hiệp Lực', 'Hiệp Đức', 'Hiệp Bình'], 0],
  ['Phan Lâm', false, ['Lâm Sơn', 'Lâm Tiến', 'Lâm Phú'], 0],
  ['Phan Sơn', false, ['Sơn Thủy', 'Sơn Hòa', 'Sơn Lâm', 'Sơn Tiến', 'Sơn Bình'], 0],
  ['Phan Tiến', false, ['Tiến Thành', 'Tiến Lợi', 'Tiến Hòa', 'Tiến Phú'], 0],
];

// Where Chăm or Raglai family names are common among members.
const CHAM_PLACES = new Set(['Phan Hòa', 'Phan Thanh', 'Phan Hiệp', 'Lương Sơn']);
const RAGLAI_PLACES = new Set(['Phan Sơn', 'Phan Lâm', 'Phan Điền', 'Phan Tiến']);

// Agencies, in the district's usual listing order. Committees list their cells;
// base cells (chi bộ cơ sở) have none. prior: how well such a unit usually fares.
const AGENCIES = [
  { name: 'Đảng bộ Công an huyện', prior: 2.0, bonus: 3, cells: ['Chi bộ Đội Tổng hợp', 'Chi bộ Đội An ninh', 'Chi bộ Đội Cảnh sát điều tra tội phạm về trật tự xã hội', 'Chi bộ Đội Cảnh sát điều tra tội phạm về kinh tế và ma túy', 'Chi bộ Đội Cảnh sát giao thông - trật tự', 'Chi bộ Đội Cảnh sát quản lý hành chính về trật tự xã hội', 'Chi bộ Đội Cảnh sát thi hành án hình sự và hỗ trợ tư pháp'] },
  { name: 'Đảng bộ Quân sự huyện', prior: 2.0, bonus: 2, cells: ['Chi bộ Chỉ huy', 'Chi bộ Tham mưu', 'Chi bộ Chính trị', 'Chi bộ Hậu cần - Kỹ thuật', 'Chi bộ Trung đội Dân quân thường trực'] },
  { name: 'Đảng bộ cơ quan Chính quyền huyện', prior: 0.8, bonus: 1, cells: ['Chi bộ Văn phòng HĐND và UBND huyện', 'Chi bộ Phòng Nội vụ', 'Chi bộ Phòng Tài chính - Kế hoạch', 'Chi bộ Phòng Tài nguyên và Môi trường', 'Chi bộ Phòng Nông nghiệp và Phát triển nông thôn', 'Chi bộ Phòng Kinh tế và Hạ tầng', 'Chi bộ Phòng Lao động - Thương binh và Xã hội', 'Chi bộ Phòng Văn hóa và Thông tin', 'Chi bộ Phòng Tư pháp', 'Chi bộ Thanh tra huyện'] },
  { name: 'Đảng bộ Khối Đảng - Đoàn thể huyện', prior: 1.0, bonus: 1, cells: ['Chi bộ Văn phòng Huyện ủy', 'Chi bộ Ban Tổ chức Huyện ủy', 'Chi bộ Ban Tuyên giáo - Dân vận Huyện ủy', 'Chi bộ Ủy ban Kiểm tra Huyện ủy', 'Chi bộ Mặt trận - Đoàn thể', 'Chi bộ Trung tâm Bồi dưỡng chính trị'] },
  { name: 'Chi bộ Viện Kiểm sát nhân dân huyện', prior: 0.8 },
  { name: 'Chi bộ Tòa án nhân dân huyện', prior: 0.8 },
  { name: 'Chi bộ Chi cục Thi hành án dân sự huyện', prior: 0.5 },
  { name: 'Chi bộ Chi cục Thuế huyện', prior: 0.7 },
  { name: 'Chi bộ Kho bạc Nhà nước huyện', prior: 0.8 },
  { name: 'Chi bộ Ngân hàng Chính sách xã hội huyện', prior: 0.8 },
  { name: 'Chi bộ Ngân hàng Nông nghiệp và Phát triển nông thôn huyện', prior: 0.6 },
  { name: 'Chi bộ Bảo hiểm xã hội huyện', prior: 0.6 },
  { name: 'Chi bộ Chi cục Thống kê huyện', prior: 0.4 },
  { name: 'Đảng bộ Trung tâm Y tế huyện', prior: 0.5, bonus: 1, cells: ['Chi bộ Hành chính - Tổng hợp', 'Chi bộ Khoa Nội', 'Chi bộ Khoa Ngoại - Sản', 'Chi bộ Khoa Hồi sức cấp cứu', 'Chi bộ Khoa Cận lâm sàng', 'Chi bộ Y tế dự phòng', 'Chi bộ Phòng khám đa khoa khu vực Lương Sơn'] },
  { name: 'Chi bộ Trường THPT Bắc Bình', prior: 0.6 },
  { name: 'Chi bộ Trường THPT Nguyễn Thị Minh Khai', prior: 0.5 },
  { name: 'Chi bộ Trường THPT Hòa Đa', prior: 0.4 },
  { name: 'Chi bộ Trung tâm Giáo dục nghề nghiệp - Giáo dục thường xuyên huyện', prior: 0.2 },
  { name: 'Chi bộ Trung tâm Văn hóa - Thể thao huyện', prior: 0.1 },
  { name: 'Chi bộ Bưu điện huyện', prior: 0.0 },
  { name: 'Đảng bộ Điện lực Bắc Bình', prior: 0.5, bonus: 0, cells: ['Chi bộ Văn phòng Điện lực', 'Chi bộ Đội Quản lý vận hành lưới điện', 'Chi bộ Đội Kinh doanh'] },
  { name: 'Đảng bộ Hạt Kiểm lâm huyện', prior: 0.3, bonus: 0, cells: ['Chi bộ Văn phòng Hạt', 'Chi bộ Trạm Kiểm lâm Sông Lũy', 'Chi bộ Đội Kiểm lâm cơ động và phòng cháy chữa cháy rừng'] },
  { name: 'Đảng bộ Công ty TNHH MTV Lâm nghiệp Sông Mao', prior: -0.2, bonus: 0, cells: ['Chi bộ Văn phòng Công ty', 'Chi bộ Đội Sản xuất số 1', 'Chi bộ Đội Bảo vệ rừng'] },
  { name: 'Đảng bộ Ban Quản lý rừng phòng hộ Lê Hồng Phong', prior: 0.0, bonus: 0, cells: ['Chi bộ Văn phòng Ban', 'Chi bộ Trạm Quản lý bảo vệ rừng Hồng Phong', 'Chi bộ Trạm Quản lý bảo vệ rừng Hòa Thắng'] },
  { name: 'Chi bộ Ban Quản lý rừng phòng hộ Sông Mao', prior: -0.3 },
];

const pad = (n, w) => String(n).padStart(w, '0');

/** Builds the organization tree (no ratings, no sizes yet). */
function buildOrganizations() {
  const bases = [];
  const add = (base) => {
    base.id = `CS${pad(bases.length + 1, 2)}`;
    base.cells.forEach((c, i) => {
      c.id = `${base.id}-CB${pad(i + 1, 2)}`;
      c.parent = base;
    });
    bases.push(base);
  };
  for (const [place, town, villages, bonus] of COMMUNES) {
    const level = town ? 'thị trấn' : 'xã';
    const cells = villages.map((v) => ({ name: `Chi bộ ${town ? 'khu phố' : 'thôn'} ${v}`, village: true, town }));
    const extra = ['Cơ quan', 'Quân sự', 'Công an'].map((w) => `Chi bộ ${w} ${level}`);
    extra.push(town ? `Chi bộ Trường THCS ${place}` : 'Chi bộ Trường học');
    // small communes have no separate police cell
    const nonVillage = villages.length >= 5 ? extra : [extra[0], extra[1], extra[3]];
    for (const n of nonVillage) cells.push({ name: n, village: false, town });
    add({ name: `Đảng bộ ${level} ${place}`, kind: 'dang_bo_co_so', prior: town ? 0.3 : place === 'Phan Rí Thành' ? 0.2 : 0, bonus, place, cells });
  }
  for (const a of AGENCIES) {
    const cells = (a.cells ?? []).map((n) => ({ name: n, village: false, town: false }));
    add({ name: a.name, kind: cells.length ? 'dang_bo_co_so' : 'chi_bo_co_so', prior: a.prior, bonus: a.bonus ?? 0, place: null, cells });
  }
  return bases;
}

// ---- ratings by "quality score" --------------------------------------------------------------

/** Sorts units by score (best first) and hands out the ratings in order. */
function rankAssign(units, counts, score) {
  const order = units.map((u, i) => ({ u, s: score(u), i }));
  order.sort((a, b) => b.s - a.s || a.i - b.i);
  const want = sum(Object.values(counts));
  if (want !== units.length) throw new Error(`rankAssign: ${want} ratings for ${units.length} units`);
  let k = 0;
  for (const [code, n] of Object.entries(counts)) {
    for (let j = 0; j < n; j++) order[k++].u.rating = code;
  }
}

const ORG_SCORE = { TSVM: 3, HTTNV: 2, HTNV: 1, YEU: 0 };

// ---- members' names --------------------------------------------------------------------------

const HO = [
  ['Nguyễn', 30], ['Trần', 11], ['Lê', 9], ['Phạm', 6], ['Huỳnh', 6], ['Võ', 6], ['Phan', 4], ['Hoàng', 2],
  ['Đặng', 2], ['Bùi', 2], ['Đỗ', 2], ['Hồ', 2], ['Ngô', 2], ['Dương', 1.5], ['Trương', 1.5], ['Đinh', 1],
  ['Lâm', 1], ['Mai', 1], ['Đoàn', 1], ['Châu', 1], ['Lương', 1], ['Tạ', 0.5], ['Văn', 0.5], ['Cao', 1],
  ['Hà', 0.5], ['Tô', 0.5], ['Thái', 0.5], ['Lý', 0.5], ['Kiều', 0.3], ['Lưu', 0.5],
];
const HO_CHAM = ['Đàng', 'Bá', 'Lưu', 'Thông', 'Quảng', 'Thuận', 'Hán'];
const HO_RAGLAI = ['Mang', 'Mấu', 'Bố', 'Ka', 'Pi Năng'];
const DEM_NAM = ['Văn', 'Văn', 'Văn', 'Hữu', 'Đức', 'Minh', 'Quốc', 'Thanh', 'Công', 'Ngọc', 'Xuân', 'Tấn', 'Anh', 'Đình', 'Trọng', 'Hoài'];
const DEM_NU = ['Thị', 'Thị', 'Thị', 'Thị', 'Ngọc', 'Thu', 'Kim', 'Mỹ', 'Thanh', 'Hồng', 'Bích', 'Thị Thu', 'Thị Kim', 'Thị Mỹ'];
const TEN_NAM = [
  'Hùng', 'Dũng', 'Tuấn', 'Hải', 'Long', 'Nam', 'Phong', 'Sơn', 'Thành', 'Trung', 'Hoàng', 'Lộc', 'Tài', 'Phúc',
  'Quang', 'Vinh', 'Bình', 'Cường', 'Hiếu', 'Khoa', 'Lâm', 'Nhân', 'Tâm', 'Toàn', 'Tùng', 'Vũ', 'Thắng', 'Thuận',
  'Tín', 'Hòa', 'Huy', 'Khánh', 'Minh', 'Nghĩa', 'Phước', 'Quý', 'Sang', 'Thiện', 'Trí', 'Việt', 'Đạt', 'Định',
  'Hưng', 'Lợi', 'Mạnh', 'Nhựt', 'Tân', 'Thạnh', 'Bảo', 'Châu',
];
const TEN_NU = [
  'Lan', 'Hoa', 'Hương', 'Hằng', 'Mai', 'Linh', 'Nga', 'Ngọc', 'Nhung', 'Phương', 'Thảo', 'Trang', 'Tuyết', 'Vân',
  'Yến', 'Hạnh', 'Loan', 'Dung', 'Hiền', 'Thủy', 'Liên', 'Xuân', 'Diệp', 'Oanh', 'Hà', 'Huyền', 'Lệ', 'Ly', 'My',
  'Nhi', 'Quyên', 'Sương', 'Thơ', 'Trinh', 'Uyên', 'Vy', 'Hồng', 'Cúc', 'Đào', 'Thắm',
];

function makeName(rng, place) {
  const female = rng.next() < 0.34;
  let ho;
  const r = rng.next();
  if (place && CHAM_PLACES.has(place) && r < 0.3) ho = rng.pick(HO_CHAM);
  else if (place && RAGLAI_PLACES.has(place) && r < 0.3) ho = rng.pick(HO_RAGLAI);
  else ho = rng.weighted(HO, (h) => h[1])[0];
  const dem = rng.pick(female ? DEM_NU : DEM_NAM);
  let ten;
  do ten = rng.pick(female ? TEN_NU : TEN_NAM);
  while (ten === ho || dem.endsWith(ten));
  return `${ho} ${dem} ${ten}`;
}

// ---- generation ------------------------------------------------------------------------------

function sum(values) {
  let s = 0;
  for (const v of values) s += v;
  return s;
}

function generate(seed) {
  const rng = makeRng(seed);
  const bases = buildOrganizations();
  const committees = bases.filter((b) => b.kind === 'dang_bo_co_so');
  const cells = committees.flatMap((b) => b.cells);

  // base organizations: communes fare a little worse than agencies
  rankAssign(bases, BASE_RATINGS, (b) => b.prior + 0.8 * rng.gauss());
  // cells follow their committee's rating
  rankAssign(cells, CELL_RATINGS, (c) => ORG_SCORE[c.parent.rating] + (c.village ? 0 : 0.6) + 1.1 * rng.gauss());

  // sizes: every unit where members are active (cells and base cells)
  const units = [...bases.filter((b) => b.kind === 'chi_bo_co_so'), ...cells];
  for (const u of units) {
    const bonus = u.parent ? u.parent.bonus : 0;
    let extra;
    if (u.village && u.town) extra = rng.int(4, 12);
    else if (u.town) extra = rng.int(1, 6);
    else extra = rng.int(0, 1 + bonus) + (rng.next() < 0.15 ? rng.int(1, 5) : 0);
    u.size = MIN_CELL + extra;
  }
  let total = sum(units.map((u) => u.size));
  while (total !== MEMBER_TOTAL) {
    const u = rng.pick(units);
    if (total > MEMBER_TOTAL && u.size > MIN_CELL) {
      u.size--;
      total--;
    } else if (total < MEMBER_TOTAL && u.size < MAX_CELL) {
      u.size++;
      total++;
    }
  }

  // members, grouped by unit in organization order
  const orgOrder = [];
  for (const b of bases) {
    orgOrder.push(b);
    for (const c of b.cells) orgOrder.push(c);
  }
  const members = [];
  const seen = new Set(); // full names are unique across the district
  for (const o of orgOrder) {
    if (o.kind === 'dang_bo_co_so') continue;
    const place = o.parent ? o.parent.place : null;
    o.members = [];
    for (let i = 0; i < o.size; i++) {
      let name;
      do name = makeName(rng, place);
      while (seen.has(name));
      seen.add(name);
      const m = { id: `DV${pad(members.length + 1, 4)}`, name, org: o, rating: null, reason: '' };
      o.members.push(m);
      members.push(m);
    }
  }

  // members not ranked or not yet ranked; the elderly exemptions live mostly in villages
  const unitOf = (m) => m.org;
  const pickMembers = (n, weightOf, rating, reason) => {
    for (let k = 0; k < n; k++) {
      const candidates = units.filter((u) => {
        const taken = u.members.filter((m) => m.rating !== null).length;
        return taken < Math.floor(u.size * 0.4) && weightOf(u) > 0;
      });
      const u = rng.weighted(candidates, weightOf);
      const free = u.members.filter((m) => m.rating === null);
      const m = rng.pick(free);
      m.rating = rating;
      m.reason = reason;
    }
  };
  const w = {
    'Miễn sinh hoạt': (u) => (u.village ? 6 : 1),
    'Miễn công tác': (u) => (u.village ? 4 : 1),
    'Mới kết nạp dưới 6 tháng': () => 1,
    'Chuyển sinh hoạt đảng tạm thời': (u) => (u.village ? 1 : 2),
    'Bệnh': () => 1,
    'Đi làm ăn xa': (u) => (u.village ? 1 : 0),
    'Chưa về kịp': (u) => (u.village ? 1 : 0),
  };
  for (const [reason, n] of UNRANKED_REASONS) pickMembers(n, w[reason], 'UNRANKED', reason);
  for (const [reason, n] of PENDING_REASONS) pickMembers(n, w[reason], 'PENDING', reason);

  // the rest are rated, following their cell's rating
  const rated = members.filter((m) => m.rating === null);
  rankAssign(rated, MEMBER_RATED, (m) => 0.9 * ORG_SCORE[unitOf(m).rating] + 1.3 * rng.gauss());

  return { bases, orgOrder, cells, units, members };
}

/** Problems with a generated set (besides the exact totals, which rankAssign guarantees). */
function checkPlausible({ bases, cells, units }) {
  const problems = [];
  for (const b of bases) {
    if (b.kind !== 'dang_bo_co_so') continue;
    const yeu = b.cells.filter((c) => c.rating === 'YEU').length;
    if (b.rating !== 'YEU' && yeu * 3 > b.cells.length) problems.push(`${b.id}: ${yeu}/${b.cells.length} cells YEU`);
    if (b.rating === 'TSVM' && yeu > 0) problems.push(`${b.id}: TSVM committee with a YEU cell`);
    if (b.rating === 'YEU' && yeu === 0) problems.push(`${b.id}: YEU committee without a YEU cell`);
  }
  for (const u of units) {
    const k = u.members.filter((m) => m.rating === 'KHTNV').length;
    if (u.rating !== 'YEU' && k * 2 > u.members.length) problems.push(`${u.id}: ${k}/${u.members.length} KHTNV`);
    if (u.rating === 'TSVM' && k > 0) problems.push(`${u.id}: TSVM cell with a KHTNV member`);
  }
  // a base organization list that is not all agencies on top
  const yeuBases = bases.filter((b) => b.rating === 'YEU');
  if (!yeuBases.some((b) => b.place)) problems.push('no commune committee rated YEU');
  if (!yeuBases.some((b) => b.kind === 'chi_bo_co_so')) problems.push('no base cell rated YEU');
  if (!bases.some((b) => b.kind === 'chi_bo_co_so' && b.rating === 'TSVM')) problems.push('no base cell rated TSVM');
  if (cells.length !== 231) problems.push(`${cells.length} cells`);
  return problems;
}

// ---- main ------------------------------------------------------------------------------------

const here = dirname(fileURLToPath(import.meta.url));
const outDir = resolve(process.argv[2] ?? resolve(here, '../fixtures/bac-binh-2017'));

// Try seeds in a fixed order until the plausibility rules hold: deterministic either way.
const { result, seed } = firstGood(SEED, 1000, generate, (r) => checkPlausible(r).length === 0);

const orgRows = result.orgOrder.map((o) => [o.id, o.name, o.kind ?? 'chi_bo_truc_thuoc', o.parent ? o.parent.id : '', YEAR, o.rating]);
const memberRows = result.members.map((m) => [m.id, m.name, m.org.id, YEAR, m.rating, m.reason]);

mkdirSync(outDir, { recursive: true });
writeFileSync(resolve(outDir, 'organizations.csv'), csv(['id', 'name', 'kind', 'parent_id', 'year', 'rating'], orgRows));
writeFileSync(resolve(outDir, 'members.csv'), csv(['id', 'name', 'org_id', 'year', 'rating', 'reason'], memberRows));
console.error(`make-bac-binh: seed ${seed}: ${orgRows.length} organizations, ${memberRows.length} members -> ${outDir}`);
