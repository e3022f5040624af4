// sharedStrings.xml as bytes → the strings as CSV fields, one pool of bytes, for the sheet's conversion to CSV
// bytes (./sheet-csv.ts). Pure: bytes in, bytes out.
import { AMP, COMMA, CR, GT, hasLineBreak, isSpace, LF, LT, QUOTE, quoteField, SLASH } from './csv-bytes.js';
import { NotPlain } from './not-plain.js';
import { SharedStrings } from './parts.js';

/** plain(): the chunk ended before the string did. */
const CUT = -2;

/** The shared strings as CSV fields: string k is bytes [starts[k], starts[k + 1]) of `pool`. */
export interface CsvStrings {
  pool: Buffer;
  starts: Int32Array;
  /** 1 where the string holds a line break (a cell showing it cannot be a CSV line of its own). */
  broken: Uint8Array;
}

/**
 * sharedStrings.xml as bytes → the strings as CSV fields. A plain `<si><t>…</t></si>` is copied as it is (quoted
 * when it holds a comma or a quote); any other (rich text runs, entities, `_x000D_` escapes) is read by parts.ts's
 * SharedStrings, the same reader as sheet.ts's, one string at a time.
 */
export class CsvStringsReader {
  private pool: Buffer;
  private used = 0;
  private starts: Int32Array;
  private broken: Uint8Array;
  private count = 0;
  private rest: Buffer | undefined;
  private root = false;

  /** `xmlBytes`: the size of sharedStrings.xml, when known: the pool is made once its size (the fields are shorter). */
  constructor(xmlBytes = 0) {
    this.pool = Buffer.allocUnsafe(Math.max(1 << 16, xmlBytes));
    this.starts = new Int32Array(Math.max(1 << 12, xmlBytes >> 4));
    this.broken = new Uint8Array(this.starts.length);
  }

  push(chunk: Buffer): void {
    const buf = this.rest ? Buffer.concat([this.rest, chunk]) : chunk;
    this.rest = undefined;
    let i = 0;
    if (!this.root) {
      const at = buf.indexOf('<sst');
      if (at < 0) {
        if (buf.indexOf(':sst') >= 0) throw new NotPlain('a prefixed sst');
        this.rest = Buffer.from(buf);
        return;
      }
      this.root = true;
      i = at + 4;
    }
    for (;;) {
      // The common string, <si><t>TEXT</t></si>, read in one pass.
      let k = i;
      while (k < buf.length && isSpace(buf[k])) k++;
      if (buf[k] === LT && buf[k + 1] === 115 && buf[k + 2] === 105 && buf[k + 3] === GT) {
        const end = this.plain(buf, k + 4);
        if (end >= 0) {
          i = end;
          continue;
        }
        if (end === CUT) {
          this.rest = Buffer.from(buf.subarray(k));
          return;
        }
      }
      const open = buf.indexOf('<si', i);
      if (open < 0) break;
      const close = buf.indexOf('</si>', open);
      if (close < 0) {
        this.rest = Buffer.from(buf.subarray(open));
        return;
      }
      const next = buf[open + 3];
      if (next !== GT && !isSpace(next)) throw new NotPlain('an element whose name starts with si, or <si/>');
      this.add(buf, open, close + 5);
      i = close + 5;
    }
    // What follows the last string (its start may be cut by the chunk's end) is kept for the next chunk.
    const tail = buf.lastIndexOf('<', buf.length - 1);
    if (tail >= i) this.rest = Buffer.from(buf.subarray(tail));
  }

  end(): CsvStrings {
    if (this.rest && this.rest.indexOf('<si') >= 0) throw new NotPlain('sharedStrings.xml ends inside a string');
    this.starts[this.count] = this.used;
    return { pool: this.pool.subarray(0, this.used), starts: this.starts.subarray(0, this.count + 1), broken: this.broken.subarray(0, this.count) };
  }

  /**
   * After `<si>` at `p`: `<t>TEXT</t></si>` (or `<t xml:space="preserve">`), TEXT with no markup, entity or
   * `_x` escape, written as a CSV field; returns where the element ends, CUT when the chunk ends first, -1 when
   * it is not that simple (nothing written).
   */
  private plain(buf: Buffer, p: number): number {
    const n = buf.length;
    if (p + 3 > n) return CUT;
    if (buf[p] !== LT || buf[p + 1] !== 116) return -1;
    let t = p + 2;
    if (buf[t] !== GT) {
      if (!isSpace(buf[t])) return -1;
      while (t < n && buf[t] !== GT) t++;
      if (t >= n) return CUT;
      if (buf[t - 1] === SLASH) return -1;
    }
    const s = t + 1;
    let e = s;
    let quote = false;
    let broken = false;
    for (; e < n; e++) {
      const c = buf[e]!;
      if (c === LT) break;
      if (c === AMP || (c === 95 && buf[e + 1] === 120)) return -1;
      if (c === COMMA || c === QUOTE) quote = true;
      else if (c === LF || c === CR) broken = true;
    }
    if (e + 9 > n) return CUT;
    // </t></si>
    if (buf[e + 1] !== SLASH || buf[e + 2] !== 116 || buf[e + 3] !== GT || buf[e + 4] !== LT || buf[e + 5] !== SLASH || buf[e + 6] !== 115 || buf[e + 7] !== 105 || buf[e + 8] !== GT) return -1;
    this.room(2 * (e - s) + 2);
    const k = this.count++;
    this.starts[k] = this.used;
    if (broken) this.broken[k] = 1;
    const pool = this.pool;
    let o = this.used;
    if (quote) {
      pool[o++] = QUOTE;
      for (let x = s; x < e; x++) {
        const c = buf[x]!;
        if (c === QUOTE) pool[o++] = QUOTE;
        pool[o++] = c;
      }
      pool[o++] = QUOTE;
    } else for (let x = s; x < e; x++) pool[o++] = buf[x]!;
    this.used = o;
    return e + 9;
  }

  /** The string element buf[s, e): `<si>…</si>`, read by the general reader. */
  private add(buf: Buffer, s: number, e: number): void {
    const k = this.count++;
    this.room(2);
    this.starts[k] = this.used;
    const reader = new SharedStrings();
    reader.push(`<sst>${buf.toString('utf8', s, e)}</sst>`);
    this.writeField(reader.end()[0] ?? '', k);
  }

  private writeField(text: string, k: number): void {
    if (hasLineBreak(text)) this.broken[k] = 1;
    const field = quoteField(text);
    this.room(Buffer.byteLength(field) + 1);
    this.used += this.pool.write(field, this.used);
  }

  private room(bytes: number): void {
    if (this.used + bytes > this.pool.length) {
      const bigger = Buffer.allocUnsafe(Math.max(this.used + bytes, this.pool.length * 2));
      bigger.set(this.pool.subarray(0, this.used));
      this.pool = bigger;
    }
    if (this.count + 2 > this.starts.length) {
      const starts = new Int32Array(this.starts.length * 2);
      starts.set(this.starts);
      this.starts = starts;
      const broken = new Uint8Array(this.starts.length);
      broken.set(this.broken);
      this.broken = broken;
    }
  }
}
