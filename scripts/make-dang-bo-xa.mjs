#!/usr/bin/env node
// Generates fixtures/dang-bo-xa-2019/{organizations,members}.csv: one commune party committee, "Đảng bộ xã
// Tân Phước", reporting on its own 14 cells and 286 members for 2019 (a report whose unit is a single
// base organization). Fictional.
//
// The counts of every cell are written out below (CELLS), so the totals and the rules are visible at a
// glance: members rated HTXSNV at most 20% of those rated HTTNV in every cell (and so in the committee);
// cells rated HTXSNV have no KHTNV member and at least 80% of their rated members at HTTNV or better. No
// breaches. Only the names and the order of members within a cell come from the seeded PRNG: the output
// is deterministic, run it twice and the bytes match.
//
//   node scripts/make-dang-bo-xa.mjs [OUT_DIR]
//
// report.json in the same folder is hand-written and is not touched by this script.
// (The two-year district fixture fixtures/ham-my-2019/ comes from scripts/make-ham-my.mjs.)

import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, resolve } from 'node:path';
import { csv, mulberry32 } from './lib/fixtures.mjs';

const YEAR = 2019;
const SEED = 0x20200110;

const BASE = { id: 'CS01', name: 'Đảng bộ xã Tân Phước', rating: 'HTTNV' };

const MSH = 'Miễn sinh hoạt đảng';
const MCT = 'Miễn công tác';
const MKN = 'Mới kết nạp';
const CSH = 'Chuyển sinh hoạt tạm thời';
const OM = 'Ốm đau điều trị dài ngày';
const XA = 'Đi làm ăn xa';

// [cell, rating, HTXSNV, HTTNV, HTNV, KHTNV, UNRANKED reasons, PENDING reasons]
const CELLS = [
  ['Chi bộ thôn Phước Lợi', 'HTTNV', 3, 18, 3, 0, [MSH, MSH], []],
  ['Chi bộ thôn Phước Hòa', 'HTXSNV', 4, 21, 1, 0, [MSH, MCT], []],
  ['Chi bộ thôn Phước An', 'HTTNV', 3, 17, 3, 0, [MSH, MSH, MKN], []],
  ['Chi bộ thôn Phước Thạnh', 'HTTNV', 3, 16, 3, 0, [MCT], [XA]],
  ['Chi bộ thôn Phước Bình', 'HTNV', 1, 14, 4, 1, [MSH, MSH, MCT], []],
  ['Chi bộ thôn Phước Tân', 'HTTNV', 2, 15, 3, 0, [MSH, CSH], []],
  ['Chi bộ thôn Phước Hưng', 'HTTNV', 2, 14, 2, 0, [MSH, MKN], []],
  ['Chi bộ thôn Phước Điền', 'KHTNV', 1, 11, 5, 1, [MSH, MSH], [OM]],
  ['Chi bộ thôn Phước Long', 'HTNV', 1, 12, 3, 0, [MCT], []],
  ['Chi bộ Cơ quan xã', 'HTXSNV', 3, 17, 0, 0, [MCT, MKN], []],
  ['Chi bộ Quân sự xã', 'HTTNV', 1, 8, 1, 0, [], []],
  ['Chi bộ Công an xã', 'HTXSNV', 1, 8, 0, 0, [], []],
  ['Chi bộ Trường THCS Tân Phước', 'HTTNV', 2, 14, 1, 0, [], []],
  ['Chi bộ Trường Tiểu học và Mầm non Tân Phước', 'HTTNV', 3, 16, 1, 0, [MCT], []],
];

// What the table must add up to (checked before writing).
const TOTALS = {
  cells: { HTXSNV: 3, HTTNV: 8, HTNV: 2, KHTNV: 1 },
  members: { HTXSNV: 30, HTTNV: 201, HTNV: 30, KHTNV: 2, UNRANKED: 21, PENDING: 2 },
  total: 286,
};

const next = mulberry32(SEED);
const pick = (arr) => arr[Math.floor(next() * arr.length)];
const shuffle = (arr) => {
  for (let i = arr.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [arr[i], arr[j]] = [arr[j], arr[i]];
  }
  return arr;
};

// ---- names -----------------------------------------------------------------------------------

const HO = ['Nguyễn', 'Nguyễn', 'Nguyễn', 'Nguyễn', 'Trần', 'Trần', 'Lê', 'Lê', 'Phạm', 'Huỳnh', 'Võ', 'Võ', 'Phan', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương', 'Trương', 'Đinh', 'Lâm', 'Mai', 'Đoàn', 'Châu', 'Lương', 'Cao', 'Tô', 'Lý', 'Lưu'];
const DEM_NAM = ['Văn', 'Văn', 'Văn', 'Hữu', 'Đức', 'Minh', 'Quốc', 'Thanh', 'Công', 'Ngọc', 'Xuân', 'Tấn', 'Đình', 'Trọng', 'Phước'];
const DEM_NU = ['Thị', 'Thị', 'Thị', 'Thị', 'Ngọc', 'Thu', 'Kim', 'Mỹ', 'Thanh', 'Hồng', 'Bích', 'Thị Thu', 'Thị Kim'];
const TEN_NAM = ['Hùng', 'Dũng', 'Tuấn', 'Hải', 'Long', 'Nam', 'Phong', 'Sơn', 'Thành', 'Trung', 'Lộc', 'Tài', 'Phúc', 'Quang', 'Vinh', 'Bình', 'Cường', 'Hiếu', 'Nhân', 'Tâm', 'Toàn', 'Tùng', 'Thắng', 'Thuận', 'Tín', 'Hòa', 'Huy', 'Khánh', 'Nghĩa', 'Phước', 'Sang', 'Thiện', 'Trí', 'Việt', 'Đạt', 'Hưng', 'Lợi', 'Tân', 'Bảo'];
const TEN_NU = ['Lan', 'Hoa', 'Hương', 'Hằng', 'Mai', 'Linh', 'Nga', 'Ngọc', 'Nhung', 'Phương', 'Thảo', 'Trang', 'Tuyết', 'Vân', 'Yến', 'Hạnh', 'Loan', 'Dung', 'Hiền', 'Thủy', 'Liên', 'Xuân', 'Oanh', 'Huyền', 'Ly', 'Nhi', 'Quyên', 'Trinh', 'Vy', 'Cúc'];

const seen = new Set();
function makeName() {
  for (;;) {
    const female = next() < 0.35;
    const ho = pick(HO);
    const dem = pick(female ? DEM_NU : DEM_NAM);
    const ten = pick(female ? TEN_NU : TEN_NAM);
    const name = `${ho} ${dem} ${ten}`;
    if (ten !== ho && !dem.endsWith(ten) && !seen.has(name)) {
      seen.add(name);
      return name;
    }
  }
}

// ---- check the table -------------------------------------------------------------------------

const problems = [];
const cellCount = {};
const memberCount = { HTXSNV: 0, HTTNV: 0, HTNV: 0, KHTNV: 0, UNRANKED: 0, PENDING: 0 };
for (const [name, rating, x, t, n, k, unranked, pending] of CELLS) {
  cellCount[rating] = (cellCount[rating] ?? 0) + 1;
  Object.entries({ HTXSNV: x, HTTNV: t, HTNV: n, KHTNV: k, UNRANKED: unranked.length, PENDING: pending.length }).forEach(([c, v]) => (memberCount[c] += v));
  if (x * 5 > t) problems.push(`${name}: ${x} HTXSNV over 20% of ${t} HTTNV`);
  if (rating === 'HTXSNV' && (k > 0 || (x + t) * 5 < (x + t + n + k) * 4)) problems.push(`${name}: HTXSNV cell below the bar`);
}
const sumOf = (o) => Object.values(o).reduce((a, b) => a + b, 0);
if (sumOf(cellCount) !== sumOf(TOTALS.cells) || Object.entries(TOTALS.cells).some(([c, v]) => cellCount[c] !== v)) problems.push(`cells ${JSON.stringify(cellCount)}`);
if (Object.entries(TOTALS.members).some(([c, v]) => memberCount[c] !== v) || sumOf(memberCount) !== TOTALS.total) problems.push(`members ${JSON.stringify(memberCount)}`);
if (problems.length) throw new Error(problems.join('\n'));

// ---- rows ------------------------------------------------------------------------------------

const orgRows = [[BASE.id, BASE.name, 'dang_bo_co_so', '', YEAR, BASE.rating]];
const memberRows = [];
CELLS.forEach(([name, rating, x, t, n, k, unranked, pending], i) => {
  const id = `${BASE.id}-CB${String(i + 1).padStart(2, '0')}`;
  orgRows.push([id, name, 'chi_bo_truc_thuoc', BASE.id, YEAR, rating]);
  const statuses = [
    ...Array.from({ length: x }, () => ['HTXSNV', '']),
    ...Array.from({ length: t }, () => ['HTTNV', '']),
    ...Array.from({ length: n }, () => ['HTNV', '']),
    ...Array.from({ length: k }, () => ['KHTNV', '']),
    ...unranked.map((r) => ['UNRANKED', r]),
    ...pending.map((r) => ['PENDING', r]),
  ];
  for (const [r, reason] of shuffle(statuses)) {
    memberRows.push([`DV${String(memberRows.length + 1).padStart(4, '0')}`, makeName(), id, YEAR, r, reason]);
  }
});

// ---- CSV -------------------------------------------------------------------------------------


const here = dirname(fileURLToPath(import.meta.url));
const outDir = resolve(process.argv[2] ?? resolve(here, '../fixtures/dang-bo-xa-2019'));
mkdirSync(outDir, { recursive: true });
writeFileSync(resolve(outDir, 'organizations.csv'), csv(['id', 'name', 'kind', 'parent_id', 'year', 'rating'], orgRows));
writeFileSync(resolve(outDir, 'members.csv'), csv(['id', 'name', 'org_id', 'year', 'rating', 'reason'], memberRows));
console.error(`make-dang-bo-xa: ${orgRows.length} organizations, ${memberRows.length} members -> ${outDir}`);
