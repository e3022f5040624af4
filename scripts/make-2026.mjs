#!/usr/bin/env node
// Generates the two fixtures of the rating year in progress (Quy định 366-QĐ/TW, after the reform of 1/7/2025),
// each with 2025 and 2026 rows, the optional score columns and planted breaches of the 2025 rules:
//
// - fixtures/xa-hoa-binh-2026/: a commune's own data (Đảng ủy xã Hòa Bình reports): 3 đảng bộ cơ sở with 7 chi bộ
//   trực thuộc, 8 chi bộ cơ sở, 22 chi bộ thôn directly under the Đảng ủy xã (blank parent), ~1.500 members.
//   Planted in 2026: the base organizations' HTXSNV at 25% of their HTTNV (over 20%: a warning), one village
//   cell not completing its tasks, a member left unrated "Nghỉ thai sản", a member admitted in September 2026
//   but rated, a member admitted in October 2025 still unrated as newly admitted, and an organization rated
//   HTXSNV marked disciplined.
// - fixtures/tinh-hoa-an-2026/: a province's slice (Tỉnh ủy Hòa An reports): three communes, a ward and the khối
//   of the province's Party agencies (đảng bộ cấp trên cơ sở), their base organizations (one with a đảng bộ bộ
//   phận), cells at every level, ~2.000 members. Planted in 2026: the upper committees' HTXSNV above 25% of
//   their HTTNV, a base organization and two cells not completing their tasks in two communes.
//
// Deterministic: a seeded PRNG, no clock; run it twice and the bytes match. report.json is hand-written.
//
//   node scripts/make-2026.mjs
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { csv, makeRng } from './lib/fixtures.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const YEARS = [2025, 2026];
const ORG_HEAD = ['Mã', 'Tên tổ chức', 'Loại', 'Mã cấp trên', 'Năm', 'Xếp loại', 'Điểm', 'Kỷ luật'];
const MEMBER_HEAD = ['Mã đảng viên', 'Họ và tên', 'Mã chi bộ', 'Năm', 'Xếp loại', 'Lý do', 'Ngày vào Đảng', 'Điểm'];

const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương', 'Lý'];
const MIDDLE_M = ['Văn', 'Hữu', 'Đức', 'Công', 'Minh', 'Quang', 'Thanh'];
const MIDDLE_F = ['Thị', 'Thị', 'Ngọc', 'Thu', 'Kim', 'Thanh'];
const GIVEN = ['An', 'Bình', 'Cường', 'Dũng', 'Hà', 'Hải', 'Hạnh', 'Hòa', 'Hùng', 'Hương', 'Khánh', 'Lan', 'Linh', 'Long', 'Mai', 'Minh', 'Nam', 'Nga', 'Phúc', 'Phương', 'Quân', 'Sơn', 'Tâm', 'Thảo', 'Thắng', 'Trang', 'Trung', 'Tuấn', 'Vân', 'Yến'];

/** The score band of each rating (from 2025): a score drawn in it, in halves. */
const BAND = { HTXSNV: [90, 98], HTTNV: [72, 89.5], HTNV: [52, 69.5], KHTNV: [30, 49] };
const score = (rng, rating) => {
  const b = BAND[rating];
  if (!b) return '';
  return String(b[0] + rng.int(0, (b[1] - b[0]) * 2) / 2);
};
/** Kinds as the clerks write them: the Vietnamese names. */
const KIND_NAMES = { dang_bo_cap_tren_co_so: 'Đảng bộ cấp trên cơ sở', dang_bo_co_so: 'Đảng bộ cơ sở', chi_bo_co_so: 'Chi bộ cơ sở', dang_bo_bo_phan: 'Đảng bộ bộ phận', chi_bo_truc_thuoc: 'Chi bộ trực thuộc' };
const pad = (n, w = 2) => String(n).padStart(w, '0');
const date = (y, m, d) => `${y}-${pad(m)}-${pad(d)}`;

/** A unit (a commune, a ward, a khối) as organization specs: id, name, kind, parent, and the members each cell has. */
function unitSpecs(rng, p, place, { upper, committees, bases, villages, village }) {
  const specs = [];
  if (upper) specs.push({ id: p, name: `Đảng bộ ${place}`, kind: 'dang_bo_cap_tren_co_so', parent: '' });
  const top = upper ? p : '';
  committees.forEach(([name, cells, part], i) => {
    const id = `${p}-DB${i + 1}`;
    specs.push({ id, name: `Đảng bộ ${name}`, kind: 'dang_bo_co_so', parent: top });
    let under = id;
    if (part) {
      specs.push({ id: `${id}-BP1`, name: `Đảng bộ bộ phận ${part}`, kind: 'dang_bo_bo_phan', parent: id });
      under = `${id}-BP1`;
    }
    for (let c = 1; c <= cells; c++) specs.push({ id: `${id}-C${c}`, name: `Chi bộ ${name} ${c}`, kind: 'chi_bo_truc_thuoc', parent: c === 1 ? under : id, members: rng.int(14, 26) });
  });
  bases.forEach((name, i) => specs.push({ id: `${p}-CS${pad(i + 1)}`, name: `Chi bộ ${name}`, kind: 'chi_bo_co_so', parent: top, members: rng.int(12, 30) }));
  for (let v = 1; v <= villages; v++) specs.push({ id: `${p}-TH${pad(v)}`, name: `Chi bộ ${village} ${v}`, kind: 'chi_bo_truc_thuoc', parent: top, members: rng.int(40, 64) });
  return specs;
}

/** Ratings for `n` units, as counts: fixed ones in `fixed`, the rest HTTNV. */
function ratings(n, fixed) {
  const out = [];
  for (const [r, k] of Object.entries(fixed)) for (let i = 0; i < k; i++) out.push(r);
  while (out.length < n) out.push('HTTNV');
  return out;
}

/** Members of one cell for both years: people with stable ids; most rated, some exempt, a few newly admitted. */
function people(rng, cell, count, next) {
  const list = [];
  for (let i = 0; i < count; i++) {
    const female = rng.next() < 0.42;
    const name = `${rng.pick(FAMILY)} ${rng.pick(female ? MIDDLE_F : MIDDLE_M)} ${rng.pick(GIVEN)}`;
    const old = rng.next() < 0.08;
    list.push({ id: `DV${pad(next(), 5)}`, name, cell, admitted: date(old ? rng.int(1960, 1980) : rng.int(1985, 2023), rng.int(1, 12), rng.int(1, 28)), exempt: old ? rng.pick(['Miễn sinh hoạt đảng', 'Miễn công tác']) : null });
  }
  // Two admitted in the second half of 2026 (not yet 6 months: not rated), one in 2025 (rated in 2026).
  if (count > 30) {
    list.push({ id: `DV${pad(next(), 5)}`, name: `${rng.pick(FAMILY)} Văn ${rng.pick(GIVEN)}`, cell, admitted: date(2026, rng.int(7, 11), rng.int(1, 28)), exempt: 'Mới kết nạp', newIn: 2026 });
    list.push({ id: `DV${pad(next(), 5)}`, name: `${rng.pick(FAMILY)} Thị ${rng.pick(GIVEN)}`, cell, admitted: date(2025, rng.int(2, 5), rng.int(1, 28)), exempt: null, newIn: 2025 });
  }
  return list;
}

/** A member's rating in a year: exempt, or drawn (HTXSNV ~12%, HTNV ~12%, KHTNV ~1%), scored in its band. */
function memberRow(rng, m, year) {
  if (m.newIn !== undefined && m.newIn > year) return null;
  let rating;
  let reason = '';
  if (m.exempt && (m.newIn === undefined || m.newIn === year)) {
    rating = 'Không xếp loại';
    reason = m.exempt;
  } else {
    const r = rng.next();
    rating = r < 0.12 ? 'HTXSNV' : r < 0.87 ? 'HTTNV' : r < 0.99 ? 'HTNV' : 'KHTNV';
  }
  return [m.id, m.name, m.cell, year, rating, reason, m.admitted, score(rng, rating)];
}

/** Keeps every base organization's members within the 20% quota (HTXSNV at most a fifth of HTTNV): extras become HTTNV. */
function keepQuota(rows, baseOf) {
  const byBase = new Map();
  for (const r of rows) {
    const k = `${baseOf.get(r[2]) ?? r[2]}|${r[3]}`;
    if (!byBase.has(k)) byBase.set(k, []);
    byBase.get(k).push(r);
  }
  for (const list of byBase.values()) {
    const good = list.filter((r) => r[4] === 'HTTNV').length;
    const excellent = list.filter((r) => r[4] === 'HTXSNV');
    let allowed = Math.floor(good / 5);
    for (const r of excellent) {
      if (allowed > 0) allowed--;
      else {
        r[4] = 'HTTNV';
        r[7] = String(80 + (Number(r[7]) % 9));
      }
    }
  }
}

/** Organization rows for both years: `rate(spec, year)` gives each its rating. */
function orgRows(rng, specs, rate) {
  const rows = [];
  for (const year of YEARS) for (const s of specs) {
    const rating = rate(s, year);
    rows.push([s.id, s.name, KIND_NAMES[s.kind], s.parent, year, rating, s.kind === 'dang_bo_bo_phan' ? '' : score(rng, rating), s.disciplined?.[year] ?? '']);
  }
  return rows;
}

/** An organization rated HTXSNV has no member KHTNV (a rule from 2019): in such cells those members are HTNV. */
function keepExcellentCells(orgs, members) {
  const excellent = new Set(orgs.filter((r) => r[5] === 'HTXSNV').map((r) => `${r[0]}|${r[4]}`));
  for (const m of members) {
    if (m[4] === 'KHTNV' && excellent.has(`${m[2]}|${m[3]}`)) {
      m[4] = 'HTNV';
      m[7] = '60';
    }
  }
}

function write(dir, orgs, members) {
  keepExcellentCells(orgs, members);
  const out = resolve(ROOT, 'fixtures', dir);
  mkdirSync(out, { recursive: true });
  writeFileSync(resolve(out, 'organizations.csv'), csv(ORG_HEAD, orgs));
  writeFileSync(resolve(out, 'members.csv'), csv(MEMBER_HEAD, members));
  return out;
}

/** Members of every cell of `specs`, both years; planted rows appended by the caller. */
function membersOf(rng, specs, counter) {
  const baseOf = new Map();
  for (const s of specs) if (s.kind === 'chi_bo_truc_thuoc') baseOf.set(s.id, s.parent.replace(/-BP1$/, ''));
  const rows = [];
  for (const s of specs) {
    if (!s.members) continue;
    for (const m of people(rng, s.id, s.members, counter)) for (const year of YEARS) {
      const r = memberRow(rng, m, year);
      if (r) rows.push(r);
    }
  }
  keepQuota(rows, baseOf);
  return rows;
}

// ---- the commune ------------------------------------------------------------------------------
{
  const rng = makeRng(0x20261231);
  let n = 0;
  const counter = () => ++n;
  const specs = unitSpecs(rng, 'HB', 'xã Hòa Bình', {
    upper: false,
    committees: [['Công an xã Hòa Bình', 3], ['Trường THPT Hòa Bình', 2], ['Trung tâm Y tế Hòa Bình', 2]],
    bases: ['Trường Mầm non Hòa Bình', 'Trường Tiểu học Hòa Bình', 'Trường THCS Hòa Bình', 'Trạm Y tế xã', 'Quân sự xã', 'Cơ quan Đảng - Mặt trận - đoàn thể xã', 'Cơ quan chính quyền xã', 'Công ty TNHH Nông sản Hòa Bình'],
    villages: 22,
    village: 'thôn',
  });
  const bases = specs.filter((s) => s.kind === 'dang_bo_co_so' || s.kind === 'chi_bo_co_so');
  const villages = specs.filter((s) => s.id.includes('-TH'));
  // 2026: base organizations 2 HTXSNV, 8 HTTNV, 1 HTNV (25%: over 20%); 2025: 1, 9, 1.
  const baseRatings = { 2025: ratings(bases.length, { HTXSNV: 1, HTNV: 1 }), 2026: ratings(bases.length, { HTXSNV: 2, HTNV: 1 }) };
  rng.shuffle(baseRatings[2026]);
  const villageRatings = { 2025: ratings(villages.length, { HTXSNV: 2, HTNV: 3 }), 2026: ratings(villages.length, { HTXSNV: 3, HTNV: 2, KHTNV: 1 }) };
  rng.shuffle(villageRatings[2025]);
  rng.shuffle(villageRatings[2026]);
  const excellent = bases.find((s, i) => baseRatings[2026][i] === 'HTXSNV');
  excellent.disciplined = { 2026: 'có' };
  const rows = orgRows(rng, specs, (s, year) => {
    const b = bases.indexOf(s);
    if (b >= 0) return baseRatings[year][b];
    const v = villages.indexOf(s);
    if (v >= 0) return villageRatings[year][v];
    return year === 2026 && s.id.endsWith('-C2') ? 'HTNV' : 'HTTNV';
  });
  const members = membersOf(rng, specs, counter);
  // Planted member rows (2026): on maternity leave and not rated; admitted in September 2026 yet rated; admitted in October 2025, still unrated as newly admitted.
  const v1 = villages[0].id;
  members.push([`DV${pad(counter(), 5)}`, 'Trần Thị Thu Hà', v1, 2026, 'Không xếp loại', 'Nghỉ thai sản', '2012-05-19', '']);
  members.push([`DV${pad(counter(), 5)}`, 'Lê Văn Phúc', v1, 2026, 'HTTNV', '', '2026-09-15', '80']);
  members.push([`DV${pad(counter(), 5)}`, 'Phạm Thị Yến', villages[1].id, 2026, 'Không xếp loại', 'Mới kết nạp', '2025-10-20', '']);
  const out = write('xa-hoa-binh-2026', rows, members);
  console.log(`${out}: ${specs.length} organizations, ${members.filter((r) => r[3] === 2026).length} members in 2026; disciplined: ${excellent.id}`);
}

// ---- the province's slice ----------------------------------------------------------------------
{
  const rng = makeRng(0x34202612);
  let n = 0;
  const counter = () => ++n;
  const units = [
    ['XA-HB', 'xã Hòa Bình', { committees: [['Công an xã Hòa Bình', 2]], bases: ['Trường THCS Hòa Bình', 'Trạm Y tế xã Hòa Bình', 'Quân sự xã Hòa Bình', 'Cơ quan chính quyền xã Hòa Bình'], villages: 7, village: 'thôn Hòa Bình' }],
    ['XA-TL', 'xã Tân Lập', { committees: [], bases: ['Trường Tiểu học Tân Lập', 'Trạm Y tế xã Tân Lập', 'Quân sự xã Tân Lập'], villages: 6, village: 'thôn Tân Lập' }],
    ['XA-SP', 'xã Sơn Phú', { committees: [['Công an xã Sơn Phú', 2]], bases: ['Trường THCS Sơn Phú', 'Quân sự xã Sơn Phú'], villages: 5, village: 'thôn Sơn Phú' }],
    ['PH-DH', 'phường Đông Hải', { committees: [['Công an phường Đông Hải', 3]], bases: ['Trường THPT Đông Hải', 'Cơ quan Đảng - Mặt trận phường Đông Hải', 'Công ty Cổ phần Cảng Đông Hải'], villages: 6, village: 'khu phố Đông Hải' }],
    ['KH-CQD', 'các cơ quan Đảng tỉnh', { committees: [['Văn phòng Tỉnh ủy', 3, 'khối phục vụ']], bases: ['Ban Tổ chức Tỉnh ủy', 'Ban Tuyên giáo và Dân vận Tỉnh ủy', 'Ủy ban Kiểm tra Tỉnh ủy', 'Báo Hòa An'], villages: 0, village: '' }],
  ];
  const specs = units.flatMap(([p, place, o]) => unitSpecs(rng, p, place, { upper: true, ...o }));
  const uppers = specs.filter((s) => s.kind === 'dang_bo_cap_tren_co_so');
  // The upper committees: 2026 one HTXSNV for three HTTNV (over 25%: a warning) and one HTNV; 2025 different, to compare unit by unit.
  const upperRatings = { 2025: ['HTTNV', 'HTNV', 'HTTNV', 'HTTNV', 'HTXSNV'], 2026: ['HTXSNV', 'HTTNV', 'HTNV', 'HTTNV', 'HTTNV'] };
  // Planted 2026: a base organization of xã Tân Lập and a village cell of xã Sơn Phú not completing their tasks, a cell of phường Đông Hải too.
  const weak2026 = new Set(['XA-TL-CS02', 'XA-SP-TH03', 'PH-DH-DB1-C2']);
  const excellent2026 = new Set(['XA-HB-CS01', 'KH-CQD-CS01', 'PH-DH-TH02']);
  const rows = orgRows(rng, specs, (s, year) => {
    const u = uppers.indexOf(s);
    if (u >= 0) return upperRatings[year][u];
    if (year === 2026 && weak2026.has(s.id)) return 'KHTNV';
    if (year === 2026 && excellent2026.has(s.id)) return 'HTXSNV';
    if (year === 2025 && s.id.endsWith('-CS03')) return 'HTNV';
    return 'HTTNV';
  });
  const members = membersOf(rng, specs, counter);
  const out = write('tinh-hoa-an-2026', rows, members);
  console.log(`${out}: ${specs.length} organizations, ${members.filter((r) => r[3] === 2026).length} members in 2026`);
}
