// The hashed ids' confirmation (src/fast/hashed-ids.ts): idsAtLines reads again, from bytes, the ids of the
// records starting at the candidate lines, as the tokenizer reading the whole text gives them (quoted line
// breaks, CRLF, a last line without its end, any chunks); confirmDuplicates keeps the true duplicates.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { confirmDuplicates, idsAtLines } from '../src/fast/hashed-ids.js';
import { Tokenizer, type CsvIssue, type Delimiter } from '../src/read/tokenize.js';
import { clean } from '../src/validate/schema.js';

async function* chunked(bytes: Buffer, size: number): AsyncGenerator<Buffer> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

/** Every record's id (column 1) by its start line, as the tokenizer reads the whole text. */
function reference(text: string, d: Delimiter, firstLine: number): Map<number, string> {
  const t = new Tokenizer(d, undefined, firstLine);
  const issues: CsvIssue[] = [];
  return new Map([...t.push(text, issues), ...t.end(issues)].map((r) => [r.line, clean(r.fields[1] ?? '')]));
}

describe('idsAtLines', () => {
  const text = 'a,DV1,x\n"b\nc", DV2 ,y\r\nd,"DV\n3",z\n\ne,DV4,w';
  it.each([
    ['plain and quoted records', [2, 3, 5, 8]],
    ['one record, over two lines', [3]],
    ['the last line, without its end', [8]],
    ['none', []],
  ])('%s', async (_name, lines) => {
    const want = new Map([...reference(text, ',', 2)].filter(([l]) => lines.includes(l)));
    for (const size of [1, 3, 1 << 20]) expect(await idsAtLines(chunked(Buffer.from(text), size), 2, lines, ',', 1)).toEqual(want);
  });

  it('reads any records as the tokenizer does, in any chunks', async () => {
    const field = fc.oneof(fc.constantFrom('DV1', ' DV2 ', 'Đảng', '', 'a;b', 'x\ny', 'q"q', '\ufeffDV3'), fc.string({ maxLength: 4 }));
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(field, { minLength: 2, maxLength: 3 }), { maxLength: 15 }), fc.constantFrom<Delimiter>(',', ';'), fc.integer({ min: 1, max: 30 }), fc.boolean(), async (rows, d, size, crlf) => {
        const quote = (f: string) => (/[",;\r\n]/.test(f) ? `"${f.replaceAll('"', '""')}"` : f);
        const text = rows.map((r) => r.map(quote).join(d)).join(crlf ? '\r\n' : '\n');
        const all = reference(text, d, 1);
        const wanted = [...all.keys()].filter((_, i) => i % 2 === 0);
        expect(await idsAtLines(chunked(Buffer.from(text), size), 1, wanted, d, 1)).toEqual(new Map(wanted.map((l) => [l, all.get(l)!])));
      }),
      { numRuns: 300 },
    );
  });
});

describe('confirmDuplicates', () => {
  it('keeps the lines whose id an earlier candidate has, with that line', () => {
    const idAt = new Map([[3, 'DV1'], [9, 'DV2'], [12, 'DV1'], [20, 'DV2'], [30, 'DV1']]);
    expect(confirmDuplicates([30, 12, 3, 9, 20, 12], idAt)).toEqual([[12, 3], [20, 9], [30, 3]]);
  });
});
