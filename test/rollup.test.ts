// src/figures/rollup.ts and src/figures/figures-part.ts on small tables: units joined under one upper committee
// row each (ids kept apart, rows directly under a unit placed under its row), and a unit's figures laid out as
// organizations that give the same figures back.
import { describe, expect, it } from 'vitest';
import { finalize, upperAt, type Figures } from '../src/figures/aggregate.js';
import { partFromFigures, type FiguresIn } from '../src/figures/figures-part.js';
import { joinUnits, uppersWithin, type RollupUnit } from '../src/figures/rollup.js';
import { jsonReport } from '../src/report/json-report.js';
import { readFigures } from '../src/validate/figures-json.js';
import { checkPart } from './support.js';

const ORGS = [
  'id,name,kind,parent_id,year,rating,score',
  'B1,Đảng bộ Công an,dang_bo_co_so,,2026,HTTNV,80',
  'C1,Chi bộ Công an 1,chi_bo_truc_thuoc,B1,2026,KHTNV,',
  'C2,Chi bộ Công an 2,chi_bo_truc_thuoc,B1,2026,HTXSNV,',
  'S1,Chi bộ Trường học,chi_bo_co_so,,2026,HTXSNV,92',
  'T1,Chi bộ thôn 1,chi_bo_truc_thuoc,,2026,HTNV,',
].join('\n');
const MEMBERS = ['id,org_id,year,rating,reason', 'M1,C1,2026,HTTNV,', 'M2,C2,2026,UNRANKED,Miễn sinh hoạt', 'M3,S1,2026,HTXSNV,', 'M4,T1,2026,PENDING,', 'M5,T1,2026,KHTNV,'].join('\n');

async function unit(id: string, rating: RollupUnit['rating'] = 'HTTNV'): Promise<RollupUnit> {
  const { problems, orgs, counts } = await checkPart(ORGS, MEMBERS, 2026);
  expect(problems).toEqual([]);
  return { id, name: `Đảng bộ xã ${id}`, rating, score: 85, part: { orgs: orgs!, counts: counts! } };
}

const contract = (f: Figures) => {
  const j = jsonReport(f, {}) as Record<string, unknown>;
  return { baseOrganizations: j.baseOrganizations, cells: j.cells, members: j.members, upperCommittees: j.upperCommittees, byUpper: j.byUpper, scores: j.scores };
};

describe('joinUnits', () => {
  it('two units with the same ids: each its own organizations, under its own upper committee row', async () => {
    const j = joinUnits(2026, [await unit('A'), await unit('B', 'HTXSNV')]);
    expect(j.orgs.size).toBe(12);
    expect(Array.from(j.unitOf)).toEqual([0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1]);
    // The base organizations and the cell without a parent sit under the unit's row; C1 under B1 of its own unit.
    expect([j.orgs.parents[1], j.orgs.parents[2], j.orgs.parents[4], j.orgs.parents[5], j.orgs.parents[8]]).toEqual([0, 1, 0, 0, 7]);
    const f = finalize(j.orgs, j.counts, j.orgScores);
    expect(f.baseOrganizations.total).toBe(4);
    expect([f.cells.total, f.cells.direct.total, f.cells.committees]).toEqual([6, 2, 2]);
    expect(f.members.byRating).toMatchObject({ HTTNV: 2, UNRANKED: 2, HTXSNV: 2, PENDING: 2, KHTNV: 2 });
    expect(f.members.reasons.UNRANKED).toEqual([{ reason: 'Miễn sinh hoạt', count: 2 }]);
    expect(f.upperCommittees.byRating).toMatchObject({ HTTNV: 1, HTXSNV: 1 });
    expect([upperAt(f, 0), upperAt(f, 1)].map((u) => [u.id, u.rating, u.baseOrganizations.total, u.cells.total, u.members.total])).toEqual([
      ['A', 'HTTNV', 2, 3, 5],
      ['B', 'HTXSNV', 2, 3, 5],
    ]);
    expect(f.upperCommittees.scores).toMatchObject({ given: 2, average: 85 });
    expect(f.baseOrganizations.scores).toMatchObject({ given: 4, average: 86 });
  });

  it('a unit holding an upper committee row of its own is found', async () => {
    const { orgs, counts } = await checkPart(`${ORGS}\nX,Đảng bộ xã khác,dang_bo_cap_tren_co_so,,2026,HTTNV,`, MEMBERS, 2026);
    expect(uppersWithin({ orgs: orgs!, counts: counts! })).toEqual([5]);
  });
});

describe('partFromFigures', () => {
  it("a unit's figures, as --format json printed them, laid out and joined: the same figures as its rows", async () => {
    const rows = await unit('A');
    const own = finalize(rows.part.orgs, rows.part.counts);
    const printed = JSON.stringify(jsonReport(own, { unit: 'xã A' }), (_k, v: unknown) => (v && typeof v === 'object' && 'items' in v ? [...(v as { items: Iterable<unknown> }).items] : v));
    const read = readFigures('figures.json', printed, 2026, null);
    expect(read.problems).toEqual([]);
    const fromFigures: RollupUnit = { ...rows, part: partFromFigures(2026, read.figures!.current, 'A') };
    const [a, b] = [rows, fromFigures].map((u) => {
      const j = joinUnits(2026, [u]);
      return finalize(j.orgs, j.counts, j.orgScores);
    }) as [Figures, Figures];
    expect(contract(b)).toEqual(contract(a));
    // The weak cell keeps its name; the others are counted, not listed.
    expect(Array.from({ length: b.orgs.size }, (_, i) => b.orgs.name(i))).toContain('Chi bộ Công an 1');
  });

  it('figures with the contract blocks only (no list of units) give the same blocks', () => {
    const f: FiguresIn = {
      year: 2026,
      baseOrganizations: { total: 3, committees: 2, byRating: { HTXSNV: 1, HTTNV: 2, HTNV: 0, KHTNV: 0, UNRANKED: 0, PENDING: 0 } },
      cells: { total: 5, committees: 2, byRating: { HTXSNV: 0, HTTNV: 4, HTNV: 0, KHTNV: 1, UNRANKED: 0, PENDING: 0 } },
      members: { total: 40, byRating: { HTXSNV: 5, HTTNV: 30, HTNV: 2, KHTNV: 1, UNRANKED: 2, PENDING: 0 } },
    };
    const part = partFromFigures(2026, f, 'XA');
    const j = joinUnits(2026, [{ id: 'XA', name: 'Đảng bộ xã XA', rating: 'HTTNV', score: NaN, part }]);
    const out = finalize(j.orgs, j.counts, j.orgScores);
    expect([out.baseOrganizations.total, out.baseOrganizations.committees, out.baseOrganizations.byRating]).toEqual([3, 2, f.baseOrganizations.byRating]);
    expect([out.cells.total, out.cells.committees, out.cells.byRating]).toEqual([5, 2, f.cells.byRating]);
    expect([out.members.total, out.members.byRating]).toEqual([40, f.members.byRating]);
    expect(upperAt(out, 0).members.total).toBe(40);
  });
});
