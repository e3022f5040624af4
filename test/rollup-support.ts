// Provinces for the roll-up tests: generated (seeded) as one folder holding the whole tree, with one
// dang_bo_cap_tren_co_so row per unit, and split into one folder per unit as each would send it: its own rows
// (a base organization or a cell directly under the unit with a blank parent), its report.json naming it and
// giving its own rating and score by year; written in the dialect asked (CSV as exported, Excel's "Unicode
// Text", .xlsx, or the unit's figures.json as `assess report --format json` prints it).
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { mulberry32 } from '../scripts/lib/fixtures.mjs';
import { runCli } from './in-process.js';
import { scratch } from './temp.js';
import { writeWorkbook, type CellValue } from './xlsx-support.js';

type Row = Record<string, string>;
const ORG_COLUMNS = ['id', 'name', 'kind', 'parent_id', 'year', 'rating', 'score'];
const MEMBER_COLUMNS = ['id', 'name', 'org_id', 'year', 'rating', 'reason'];
const VIETNAMESE: Record<string, string> = { id: 'Mã', name: 'Tên tổ chức', kind: 'Loại', parent_id: 'Mã cấp trên', year: 'Năm', rating: 'Xếp loại', score: 'Điểm', org_id: 'Mã chi bộ' };

export interface Province {
  organizations: Row[];
  members: Row[];
  /** Per unit: its id, name (as report.json's `unit` writes it) and own rating and score by year. */
  units: { id: string; unit: string; rating: Record<string, string>; score: Record<string, number> }[];
}

export const DIALECT_NAMES = ['plain', 'excel-csv', 'utf16', 'xlsx', 'figures'] as const;
export type Dialect = (typeof DIALECT_NAMES)[number];

/** A province of `n` units, rows of 2025 and 2026, every kind of unit and every rating. */
export function province(seed: number, n: number): Province {
  const rand = mulberry32(seed);
  const pick = <T>(a: readonly T[]): T => a[Math.floor(rand() * a.length)]!;
  const ORG = ['HTXSNV', 'HTTNV', 'HTTNV', 'HTTNV', 'HTNV', 'KHTNV', 'PENDING'];
  const MEM = ['HTXSNV', 'HTTNV', 'HTTNV', 'HTTNV', 'HTNV', 'KHTNV', 'UNRANKED', 'UNRANKED', 'PENDING'];
  const REASONS = { UNRANKED: ['Miễn sinh hoạt', 'Mới kết nạp', 'Đình chỉ sinh hoạt'], PENDING: ['', 'Chưa kiểm điểm'] } as Record<string, string[]>;
  // A score within the rating's band (Quy định 366), none for a unit not rated yet.
  const BAND: Record<string, [number, number]> = { HTXSNV: [90, 99], HTTNV: [70, 89], HTNV: [50, 69], KHTNV: [20, 49] };
  const scored = (rating: string) => (BAND[rating] && rand() < 0.7 ? String(BAND[rating][0] + Math.floor(rand() * (BAND[rating][1] - BAND[rating][0] + 1))) : '');
  const organizations: Row[] = [];
  const members: Row[] = [];
  const units: Province['units'] = [];
  const shape = Array.from({ length: n }, (_, u) => ({
    id: `XA${String(u + 1).padStart(2, '0')}`,
    bases: Array.from({ length: 1 + Math.floor(rand() * 4) }, () => (rand() < 0.6 ? 1 + Math.floor(rand() * 3) : 0)),
    direct: Math.floor(rand() * 4),
  }));
  let member = 0;
  for (const year of ['2025', '2026']) {
    member = 0;
    for (const s of shape) {
      const unit = { id: s.id, unit: `xã Số ${s.id.slice(2)}`, rating: {} as Record<string, string>, score: {} as Record<string, number> };
      if (year === '2025') units.push(unit);
      const mine = units.find((x) => x.id === s.id)!;
      mine.rating[year] = pick(ORG.slice(0, 5));
      mine.score[year] = Number(scored(mine.rating[year]) || BAND[mine.rating[year]]![0]);
      organizations.push({ id: s.id, name: `Đảng bộ ${mine.unit}`, kind: 'dang_bo_cap_tren_co_so', parent_id: '', year, rating: mine.rating[year], score: String(mine.score[year]) });
      const cell = (id: string, parent: string, name: string) => {
        organizations.push({ id, name, kind: 'chi_bo_truc_thuoc', parent_id: parent, year, rating: pick(ORG), score: '' });
        people(id, 1 + Math.floor(rand() * 6));
      };
      const people = (org: string, count: number) => {
        for (let k = 0; k < count; k++) {
          const rating = pick(MEM);
          members.push({ id: `DV${String(++member).padStart(6, '0')}`, name: `Đảng viên ${member}`, org_id: org, year, rating, reason: REASONS[rating] ? pick(REASONS[rating]) : '' });
        }
      };
      s.bases.forEach((cells, b) => {
        const id = `${s.id}-B${b + 1}`;
        const committee = cells > 0;
        const rating = pick(ORG);
        organizations.push({ id, name: `${committee ? 'Đảng bộ' : 'Chi bộ'} cơ quan ${b + 1} ${mine.unit}`, kind: committee ? 'dang_bo_co_so' : 'chi_bo_co_so', parent_id: s.id, year, rating, score: scored(rating) });
        if (committee) for (let c = 0; c < cells; c++) cell(`${id}-C${c + 1}`, id, `Chi bộ ${c + 1} thuộc ${id}`);
        else people(id, 2 + Math.floor(rand() * 8));
      });
      for (let c = 0; c < s.direct; c++) cell(`${s.id}-T${c + 1}`, s.id, `Chi bộ thôn ${c + 1} ${mine.unit}`);
    }
  }
  return { organizations, members, units };
}

const csvText = (columns: readonly string[], rows: readonly Row[], header = columns) => [header.join(','), ...rows.map((r) => columns.map((c) => r[c] ?? '').join(','))].join('\n') + '\n';

/** The whole province in one folder (its upper committees as rows); `meta`: the province's report.json. */
export function wholeFolder(p: Province, meta: object): string {
  const dir = scratch('assess-whole-');
  writeFileSync(path.join(dir, 'organizations.csv'), csvText(ORG_COLUMNS, p.organizations));
  writeFileSync(path.join(dir, 'members.csv'), csvText(MEMBER_COLUMNS, p.members));
  writeFileSync(path.join(dir, 'report.json'), JSON.stringify(meta));
  return dir;
}

/**
 * One unit's rows as the unit sends them: no row of its own, the rows directly under it with a blank parent; or
 * (`ownRow`) its own row among them, its rows naming it as their parent, as in the province's data.
 */
export function unitRows(p: Province, id: string, ownRow = false): { organizations: Row[]; members: Row[] } {
  const years = new Map<string, Map<string, Row>>();
  for (const o of p.organizations) {
    const m = years.get(o.year!) ?? new Map<string, Row>();
    m.set(o.id!, o);
    years.set(o.year!, m);
  }
  const upperOf = (o: Row): string => {
    let x = o;
    while (x.kind !== 'dang_bo_cap_tren_co_so') x = years.get(x.year!)!.get(x.parent_id!)!;
    return x.id!;
  };
  const organizations = ownRow
    ? p.organizations.filter((o) => upperOf(o) === id)
    : p.organizations.filter((o) => o.kind !== 'dang_bo_cap_tren_co_so' && upperOf(o) === id).map((o) => ({ ...o, parent_id: o.parent_id === id ? '' : o.parent_id! }));
  const members = p.members.filter((m) => upperOf(years.get(m.year!)!.get(m.org_id!)!) === id);
  return { organizations, members };
}

/**
 * Writes unit `id` of the province into `dir` in `dialect`: with a report.json naming it and giving its own rating
 * and score, or (`ownRow`) none, its own row among its rows.
 */
export async function writeUnit(p: Province, id: string, dir: string, dialect: Dialect, ownRow = false): Promise<void> {
  mkdirSync(dir, { recursive: true });
  const u = p.units.find((x) => x.id === id)!;
  const rows = unitRows(p, id, ownRow);
  if (!ownRow) writeFileSync(path.join(dir, 'report.json'), JSON.stringify({ unit: u.unit, rating: u.rating, score: u.score }));
  const vietnamese = (cols: readonly string[]) => cols.map((c) => (c === 'name' && cols.includes('org_id') ? 'Họ và tên' : c === 'reason' ? 'Lý do' : c === 'id' && cols.includes('org_id') ? 'Mã đảng viên' : (VIETNAMESE[c] ?? c)));
  if (dialect === 'plain' || dialect === 'figures') {
    const target = dialect === 'figures' ? scratch('assess-unit-') : dir;
    writeFileSync(path.join(target, 'organizations.csv'), csvText(ORG_COLUMNS, rows.organizations));
    writeFileSync(path.join(target, 'members.csv'), csvText(MEMBER_COLUMNS, rows.members));
    if (dialect === 'figures') {
      writeFileSync(path.join(target, 'report.json'), JSON.stringify({ unit: u.unit }));
      const r = await runCli(['report', '--year', '2026', '--format', 'json', target]);
      if (r.code !== 0) throw new Error(r.stderr);
      writeFileSync(path.join(dir, 'figures.json'), r.stdout);
    }
  } else if (dialect === 'excel-csv') {
    // Excel's "CSV UTF-8" in a Vietnamese locale: BOM, semicolons, CRLF, Vietnamese headers.
    const write = (file: string, cols: readonly string[], list: readonly Row[]) => writeFileSync(path.join(dir, file), '\ufeff' + csvText(cols, list, vietnamese(cols)).replace(/,/g, ';').replace(/\n/g, '\r\n'));
    write('organizations.csv', ORG_COLUMNS, rows.organizations);
    write('members.csv', MEMBER_COLUMNS, rows.members);
  } else if (dialect === 'utf16') {
    const write = (file: string, cols: readonly string[], list: readonly Row[]) => writeFileSync(path.join(dir, file), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(csvText(cols, list).replace(/,/g, '\t').replace(/\n/g, '\r\n'), 'utf16le')]));
    write('organizations.csv', ORG_COLUMNS, rows.organizations);
    write('members.csv', MEMBER_COLUMNS, rows.members);
  } else {
    // Excel typed the year and the scores as numbers.
    const typed = (c: string, v: string): CellValue => ((c === 'year' || c === 'score') && v !== '' ? Number(v) : v);
    const sheet = (cols: readonly string[], list: readonly Row[]) => [vietnamese(cols), ...list.map((r) => cols.map((c) => typed(c, r[c] ?? '')))];
    await writeWorkbook(path.join(dir, 'du-lieu.xlsx'), [
      { name: 'Tổ chức', rows: sheet(ORG_COLUMNS, rows.organizations) },
      { name: 'Đảng viên', rows: sheet(MEMBER_COLUMNS, rows.members) },
    ]);
  }
}

/** Every unit of the province in a folder of its own under a new parent folder, unit k in dialects[k % length]; `ownRow` as writeUnit's. */
export async function unitFolders(p: Province, dialects: readonly Dialect[], ownRow = false): Promise<string> {
  const parent = scratch('assess-units-');
  for (const [k, u] of p.units.entries()) await writeUnit(p, u.id, path.join(parent, u.id), dialects[k % dialects.length]!, ownRow);
  return parent;
}

/** The contract's blocks of a JSON report (and last year's), to compare a roll-up with the whole. */
export function blocks(json: string): unknown {
  const j = JSON.parse(json) as Record<string, unknown>;
  const pick = (x: Record<string, unknown> | null) => x && { year: x.year, baseOrganizations: x.baseOrganizations, cells: x.cells, members: x.members, upperCommittees: x.upperCommittees, byUpper: x.byUpper, scores: x.scores };
  return { ...pick(j), previous: pick(j.previous as Record<string, unknown> | null), units: j.units, weak: j.weak, unit: j.unit };
}
