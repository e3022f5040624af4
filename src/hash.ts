// The hash of an id's bytes, one for every byte-path table: the hashed id sets (fast/hashed-ids.ts), the
// cell table (fast/cell-table.ts) and the organizations' table (figures/org-table.ts). A string is hashed
// over its UTF-8 bytes, so the string path and the byte path agree. Top level: figures/ may not import fast/.

/** The last hash computed by hashBytes / hashString (two 32-bit halves; h1 is never 0). */
export const HASH = { h1: 0, h2: 0 };

/** Hashes bytes [start, end) of `buf` into HASH: FNV-1a and a Murmur-style mix, independent halves. */
export function hashBytes(buf: Uint8Array, start: number, end: number): void {
  let h1 = 0x811c9dc5;
  let h2 = 0x9747b28c;
  for (let i = start; i < end; i++) {
    const b = buf[i]!;
    h1 = Math.imul(h1 ^ b, 0x01000193);
    h2 = Math.imul(h2 ^ b, 0x5bd1e995);
    h2 ^= h2 >>> 15;
  }
  h1 ^= h1 >>> 16;
  h1 = Math.imul(h1, 0x85ebca6b);
  h1 ^= h1 >>> 13;
  HASH.h1 = h1 === 0 ? 1 : h1;
  HASH.h2 = Math.imul(h2 ^ (h2 >>> 16), 0xc2b2ae35) ^ (end - start);
}

const encoder = new TextEncoder();

/** The same hash over a string's UTF-8 bytes, so the string path and the byte path agree. */
export function hashString(s: string): void {
  const bytes = encoder.encode(s);
  hashBytes(bytes, 0, bytes.length);
}
