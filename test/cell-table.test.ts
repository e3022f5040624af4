// The members' cell table: exact lookups by the bytes of an id (short ids inline, long ones not), counts
// kept in place and handed to MemberCounts by organization index, copies that count on their own.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CODE_INDEX, newMemberCounts, NCODES } from '../src/figures/aggregate.js';
import { CellTable, slotSize } from '../src/fast/cell-table.js';
import { hashBytes } from '../src/hash.js';

const find = (t: CellTable, id: string): number => {
  const b = Buffer.from(id, 'utf8');
  hashBytes(b, 0, b.length);
  return t.find(b, 0, b.length);
};

describe('CellTable', () => {
  const ids = ['CB1', 'CB10', 'CB1-1', 'Chi-bo-co-mot-ma-rat-dai-hon-16-byte', 'Chi-bo-co-mot-ma-rat-dai-hon-16-bytf', 'ĐB-1'];
  const table = CellTable.build(ids, Int32Array.from(ids, (_, k) => 100 + k));

  it.each(ids)('finds %s', (id) => expect(find(table, id)).toBeGreaterThanOrEqual(0));

  it.each(['CB', 'CB2', 'CB1-', 'Chi-bo-co-mot-ma-rat-dai-hon-16-bytg', 'Chi-bo-co-mot-ma-rat-dai-hon-16-byt', 'DB-1', ''])('does not find %j', (id) =>
    expect(find(table, id)).toBe(-1),
  );

  it('counts in place and drains by organization index, then starts from zero', () => {
    const t = CellTable.build(ids, Int32Array.from(ids, (_, k) => 100 + k));
    expect(t.shared).toBe(false);
    t.add(find(t, 'CB10'), CODE_INDEX.HTTNV);
    t.add(find(t, 'CB10'), CODE_INDEX.HTTNV);
    t.add(find(t, 'ĐB-1'), CODE_INDEX.PENDING);
    const counts = newMemberCounts(2019, 200);
    t.drainInto(counts);
    expect(counts.byOrg[101 * NCODES + CODE_INDEX.HTTNV]).toBe(2);
    expect(counts.byOrg[105 * NCODES + CODE_INDEX.PENDING]).toBe(1);
    expect(counts.byRating[CODE_INDEX.HTTNV]).toBe(2);
    t.drainInto(counts);
    expect(counts.byOrg[101 * NCODES + CODE_INDEX.HTTNV]).toBe(2);
  });

  it('shared between two views (as between threads): both count into the same table', () => {
    const t = CellTable.build(ids, Int32Array.from(ids, (_, k) => 100 + k), true);
    const other = new CellTable(t.data());
    expect(t.shared && other.shared).toBe(true);
    t.add(find(t, 'CB1'), CODE_INDEX.HTNV);
    other.add(find(other, 'CB1'), CODE_INDEX.HTNV);
    other.add(find(other, 'CB10'), CODE_INDEX.KHTNV);
    const counts = newMemberCounts(2019, 200);
    t.drainInto(counts);
    expect(counts.byOrg[100 * NCODES + CODE_INDEX.HTNV]).toBe(2);
    expect(counts.byOrg[101 * NCODES + CODE_INDEX.KHTNV]).toBe(1);
    other.drainInto(counts); // drained once: the other view sees zeros
    expect(counts.byOrg[100 * NCODES + CODE_INDEX.HTNV]).toBe(2);
  });

  it('agrees with a Set on random ids', () => {
    const id = fc.stringMatching(/^[A-Za-z0-9\-.]{1,24}$/);
    fc.assert(
      fc.property(fc.uniqueArray(id, { maxLength: 300 }), fc.array(id, { maxLength: 50 }), (cells, probes) => {
        const t = CellTable.build(cells, Int32Array.from(cells, (_, k) => k));
        const set = new Set(cells);
        for (const p of [...probes, ...cells]) expect(find(t, p) >= 0).toBe(set.has(p));
      }),
    );
  });
});

describe('the slot layout follows the number of rating codes', () => {
  it('slotSize: 16 Int32s (a cache line) for the nine codes of today, 32 for a tenth', () => {
    expect(slotSize(NCODES)).toBe(16);
    expect(slotSize(10)).toBe(32);
  });

  it('a table for ten codes finds, counts and drains the tenth', () => {
    const ids = ['CB1', 'Chi-bo-co-mot-ma-rat-dai-hon-16-byte'];
    const t = CellTable.build(ids, Int32Array.from([0, 1]), false, 10);
    for (const id of ids) t.add(find(t, id), 9);
    t.add(find(t, 'CB1'), 0);
    const counts = { byOrg: new Int32Array(2 * 10), byRating: new Float64Array(10) };
    t.drainInto(counts);
    expect([...counts.byRating]).toEqual([1, 0, 0, 0, 0, 0, 0, 0, 0, 2]);
    expect(counts.byOrg[9]).toBe(1);
    expect(counts.byOrg[19]).toBe(1);
  });
});
