// UTF-16 for the byte path: Excel's "Unicode Text" (UTF-16 LE, tab, CRLF) is how Excel saves Vietnamese, so a
// UTF-16 file is transcoded to UTF-8 chunk by chunk (Utf16ToUtf8, toUtf8) and read on bytes like any other.
// The transcoding gives the characters the string path's TextDecoder gives, U+FFFD where it puts one (a lone
// surrogate, an odd last byte), so lines and problems are the same (test/utf16.test.ts). The line ends of a
// file in its own encoding (LineEnds, lineStartAfter) are found without decoding, to split a file between
// threads. Pure: bytes in, bytes or offsets out.
import type { Encoding } from './decode.js';

const LF = 10;

/**
 * UTF-16 bytes (after the BOM) → UTF-8 bytes, a chunk at a time. A character a chunk's end cuts (an odd byte,
 * the first half of a surrogate pair) waits for the next chunk. What push returns is valid until the call
 * after next (two output buffers are used in turn: no megabyte of garbage per chunk).
 */
export class Utf16ToUtf8 {
  private readonly out: Buffer[] = [Buffer.alloc(0), Buffer.alloc(0)];
  private turn = 0;
  /** A byte of a code unit the last chunk cut, or -1. */
  private odd = -1;
  /** A high surrogate waiting for its low half, or -1. */
  private high = -1;

  constructor(private readonly bigEndian: boolean) {}

  push(chunk: Uint8Array): Buffer {
    const need = Math.ceil((chunk.length + 1) / 2) * 3 + 6;
    this.turn ^= 1;
    if (this.out[this.turn]!.length < need) this.out[this.turn] = Buffer.allocUnsafeSlow(Math.max(need, 1 << 16));
    const out = this.out[this.turn]!;
    let o = 0;
    let i = 0;
    if (this.odd >= 0 && chunk.length > 0) {
      o = this.unit(this.bigEndian ? (this.odd << 8) | chunk[0]! : this.odd | (chunk[0]! << 8), out, o);
      this.odd = -1;
      i = 1;
    }
    const be = this.bigEndian;
    const last = chunk.length - 1;
    for (; i < last; i += 2) {
      const c = be ? (chunk[i]! << 8) | chunk[i + 1]! : chunk[i]! | (chunk[i + 1]! << 8);
      if (c < 0x80 && this.high < 0) out[o++] = c;
      else o = this.unit(c, out, o);
    }
    if (i === last) this.odd = chunk[last]!;
    return out.subarray(0, o);
  }

  /** The end of the input: a surrogate or a byte left waiting (or both) is one U+FFFD, as TextDecoder says it. */
  end(): Buffer {
    const out = Buffer.alloc(3);
    const o = this.high >= 0 || this.odd >= 0 ? replacement(out, 0) : 0;
    this.high = this.odd = -1;
    return out.subarray(0, o);
  }

  /** One code unit, the surrogate pairs joined (a lone half is U+FFFD). */
  private unit(c: number, out: Buffer, o: number): number {
    if (this.high >= 0) {
      if (c >= 0xdc00 && c <= 0xdfff) {
        const cp = 0x10000 + ((this.high - 0xd800) << 10) + (c - 0xdc00);
        this.high = -1;
        out[o++] = 0xf0 | (cp >> 18);
        out[o++] = 0x80 | ((cp >> 12) & 63);
        out[o++] = 0x80 | ((cp >> 6) & 63);
        out[o++] = 0x80 | (cp & 63);
        return o;
      }
      this.high = -1;
      o = replacement(out, o);
    }
    if (c < 0x80) out[o++] = c;
    else if (c < 0x800) {
      out[o++] = 0xc0 | (c >> 6);
      out[o++] = 0x80 | (c & 63);
    } else if (c >= 0xd800 && c <= 0xdbff) this.high = c;
    else if (c >= 0xdc00 && c <= 0xdfff) o = replacement(out, o);
    else {
      out[o++] = 0xe0 | (c >> 12);
      out[o++] = 0x80 | ((c >> 6) & 63);
      out[o++] = 0x80 | (c & 63);
    }
    return o;
  }
}

function replacement(out: Buffer, o: number): number {
  out[o] = 0xef;
  out[o + 1] = 0xbf;
  out[o + 2] = 0xbd;
  return o + 3;
}

/** A file's text (after its BOM) as UTF-8 chunks: UTF-8 as it is, UTF-16 transcoded (each chunk valid until the next but one). */
export async function* toUtf8(chunks: AsyncIterable<Uint8Array>, encoding: Encoding): AsyncGenerator<Buffer> {
  if (encoding === 'utf-8') {
    for await (const c of chunks) yield Buffer.isBuffer(c) ? c : Buffer.from(c.buffer, c.byteOffset, c.byteLength);
    return;
  }
  const t = new Utf16ToUtf8(encoding === 'utf-16be');
  for await (const c of chunks) yield t.push(c);
  const rest = t.end();
  if (rest.length) yield rest;
}

/**
 * Counts the line ends of a file's bytes read in order from its start, in its encoding: an LF byte in UTF-8,
 * an LF code unit in UTF-16 (at an even offset: its bytes 0A 00 in LE, 00 0A in BE).
 */
export class LineEnds {
  count = 0;
  /** Bytes read so far. */
  private at = 0;
  /** UTF-16: the last byte of a chunk that ended inside a code unit (its first byte), else -1. */
  private cut = -1;

  constructor(private readonly encoding: Encoding) {}

  push(chunk: Uint8Array): void {
    const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    if (this.encoding === 'utf-8') {
      for (let i = buf.indexOf(LF); i !== -1; i = buf.indexOf(LF, i + 1)) this.count++;
    } else {
      const le = this.encoding === 'utf-16le';
      const first = this.at & 1; // buf[i] starts a code unit when (i & 1) === first
      if (le && this.cut === LF && buf.length > 0 && buf[0] === 0) this.count++;
      for (let i = buf.indexOf(LF); i !== -1; i = buf.indexOf(LF, i + 1)) {
        const starts = (i & 1) === first;
        if (le ? starts && i + 1 < buf.length && buf[i + 1] === 0 : !starts && (i > 0 ? buf[i - 1] === 0 : this.cut === 0)) this.count++;
      }
      this.cut = buf.length > 0 && ((this.at + buf.length) & 1) === 1 ? buf[buf.length - 1]! : -1;
    }
    this.at += buf.length;
  }
}

/**
 * The offset in `bytes` just past the first line end at or after `from` (in UTF-16: the first LF code unit
 * starting there), in the file's encoding; -1 when none. `bytes` starts at an even offset of the file (UTF-16
 * units start at even offsets).
 */
export function lineStartAfter(bytes: Uint8Array, from: number, encoding: Encoding): number {
  const buf = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (encoding === 'utf-8') {
    const nl = buf.indexOf(LF, from);
    return nl === -1 ? -1 : nl + 1;
  }
  const le = encoding === 'utf-16le';
  for (let i = from + (from & 1); i + 1 < buf.length; i += 2) {
    if (le ? buf[i] === LF && buf[i + 1] === 0 : buf[i] === 0 && buf[i + 1] === LF) return i + 2;
  }
  return -1;
}
