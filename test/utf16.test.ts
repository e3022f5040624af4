// UTF-16 for the byte path (src/read/utf16.ts): the transcoding gives the bytes of what TextDecoder (the string
// path's decoder) reads, U+FFFD where it puts one, whatever the chunks cut (odd bytes, surrogate pairs); line
// ends are counted and found in the file's own encoding as decoding it would find them.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Encoding } from '../src/read/decode.js';
import { LineEnds, lineStartAfter, Utf16ToUtf8 } from '../src/read/utf16.js';

/** Code units, biased towards the ones that matter: surrogates, line ends, ASCII, Vietnamese, bytes 0A / 00. */
const unit = fc.oneof(
  fc.integer({ min: 0, max: 0xffff }),
  fc.integer({ min: 0xd800, max: 0xdfff }),
  fc.constantFrom(0x0a, 0x0d, 0x09, 0x22, 0x41, 0x1ec5, 0x0a00, 0x010a, 0x0a0a, 0xfeff, 0xfffd),
);
const encoded = (units: number[], be: boolean, oddByte: boolean): Uint8Array => {
  const bytes = units.flatMap((u) => (be ? [u >> 8, u & 255] : [u & 255, u >> 8]));
  return Uint8Array.from(oddByte ? [...bytes, 0x41] : bytes);
};
/** `bytes` cut into chunks of the sizes given, in turn. */
const cut = (bytes: Uint8Array, sizes: number[]): Uint8Array[] => {
  const out: Uint8Array[] = [];
  for (let i = 0, k = 0; i < bytes.length; k++) {
    const n = sizes[k % sizes.length]!;
    out.push(bytes.subarray(i, i + n));
    i += n;
  }
  return out;
};
const sizes = fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 1, maxLength: 5 });

describe('Utf16ToUtf8', () => {
  it.each([
    ['ASCII and Vietnamese', [0x41, 0x1ec5, 0x0a], '41e1bb850a'],
    ['a surrogate pair', [0xd835, 0xdd38], 'f09d94b8'],
    ['a lone high surrogate, then a letter', [0xd835, 0x41], 'efbfbd41'],
    ['a lone low surrogate', [0xdd38], 'efbfbd'],
    ['a high surrogate at the end', [0x41, 0xd835], '41efbfbd'],
  ])('%s', (_name, units, hex) => {
    for (const be of [false, true]) {
      const t = new Utf16ToUtf8(be);
      const out = Buffer.concat([...cut(encoded(units, be, false), [1]).map((c) => Buffer.from(t.push(c))), t.end()]);
      expect(out.toString('hex')).toBe(hex);
    }
  });

  it('gives what TextDecoder reads, in any chunks, LE and BE', () => {
    fc.assert(
      fc.property(fc.array(unit, { maxLength: 40 }), fc.boolean(), fc.boolean(), sizes, (units, be, odd, s) => {
        const bytes = encoded(units, be, odd);
        const want = Buffer.from(new TextDecoder(be ? 'utf-16be' : 'utf-16le', { ignoreBOM: true }).decode(bytes), 'utf8');
        const t = new Utf16ToUtf8(be);
        // copied: what push returns is only valid until the call after next
        const got = Buffer.concat([...cut(bytes, s).map((c) => Buffer.from(t.push(c))), t.end()]);
        expect(got.toString('hex')).toBe(want.toString('hex'));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('line ends in the file\'s encoding', () => {
  const encodings: Encoding[] = ['utf-16le', 'utf-16be'];

  it('LineEnds counts the LFs decoding would find, in any chunks (from an even or an odd offset)', () => {
    fc.assert(
      fc.property(fc.array(unit, { maxLength: 60 }), fc.constantFrom(...encodings), sizes, (units, encoding, s) => {
        const bytes = encoded(units, encoding === 'utf-16be', false);
        const want = units.filter((u) => u === 0x0a).length;
        const ends = new LineEnds(encoding);
        for (const c of cut(bytes, s)) ends.push(c);
        expect(ends.count).toBe(want);
      }),
      { numRuns: 1000 },
    );
    const utf8 = new LineEnds('utf-8');
    utf8.push(Buffer.from('a\nb\r\nc'));
    utf8.push(Buffer.from('\n'));
    expect(utf8.count).toBe(3);
  });

  it('lineStartAfter finds the first line start at or after an offset', () => {
    fc.assert(
      fc.property(fc.array(unit, { maxLength: 60 }), fc.constantFrom(...encodings), fc.nat(130), (units, encoding, from) => {
        const bytes = encoded(units, encoding === 'utf-16be', false);
        const first = units.findIndex((u, i) => u === 0x0a && 2 * i >= from);
        expect(lineStartAfter(bytes, from, encoding)).toBe(first === -1 ? -1 : 2 * first + 2);
      }),
      { numRuns: 1000 },
    );
    expect(lineStartAfter(Buffer.from('ab\ncd\n'), 3, 'utf-8')).toBe(6);
  });
});
