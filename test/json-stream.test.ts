import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { jsonChunks, Lazy } from '../src/report/json-stream.js';

const text = (obj: Record<string, unknown>) => [...jsonChunks(obj)].join('');
/** The same object with every Lazy list made an array: what JSON.stringify would be given. */
const eager = (obj: Record<string, unknown>) => Object.fromEntries(Object.entries(obj).map(([k, v]) => [k, v instanceof Lazy ? [...(v.items as Iterable<unknown>)] : v]));

describe('jsonChunks', () => {
  it.each<[string, () => Record<string, unknown>]>([
    ['an empty object', () => ({})],
    ['scalars and nesting', () => ({ a: 1, b: 'x', c: null, d: { e: [1, { f: 'g' }], h: {} }, i: [] })],
    ['an undefined member, left out', () => ({ a: undefined, b: 2 })],
    ['empty and full lazy lists', () => ({ a: new Lazy([]), b: new Lazy([{ x: 1, y: [2, 3] }, 'z', [], {}]), c: 4 })],
    ['a lazy list first and last', () => ({ a: new Lazy([1]), b: new Lazy([{ n: 'Đảng bộ "A"\n' }]) })],
  ])('writes %s exactly as JSON.stringify does', (_, make) => {
    expect(text(make())).toBe(`${JSON.stringify(eager(make()), null, 2)}\n`);
  });

  it('cuts a long list into several chunks that join to the same text', () => {
    const items = Array.from({ length: 5000 }, (_, i) => ({ id: `CS${i}`, name: 'Chi bộ thôn Lương Sơn', counts: [i, i + 1] }));
    const chunks = [...jsonChunks({ units: new Lazy(items) })];
    expect(chunks.length).toBeGreaterThan(3);
    expect(chunks.every((c) => c.length < (1 << 16) + 256 * 200)).toBe(true); // a chunk, plus at most one batch of elements
    expect(chunks.join('')).toBe(`${JSON.stringify({ units: items }, null, 2)}\n`);
  });

  it('agrees with JSON.stringify on any JSON value, lazy or not', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.tuple(fc.jsonValue(), fc.boolean())), (entries) => {
        const lazy = Object.fromEntries(Object.entries(entries).map(([k, [v, l]]) => [k, l && Array.isArray(v) ? new Lazy(v) : v]));
        const plain = Object.fromEntries(Object.entries(entries).map(([k, [v]]) => [k, v]));
        expect(text(lazy)).toBe(`${JSON.stringify(plain, null, 2)}\n`);
      }),
    );
  });
});
