// A worksheet's XML as bytes → the same rows as CSV bytes (comma-separated, each row on the line of its number),
// so that a large sheet is checked on the byte path as a CSV file is. The text of each cell is what sheet.ts
// reads (values.ts: the text the user saw); the shared strings are kept as one pool of CSV fields. What only the
// general reader reads (a cell holding a line break, which would move every later row's line; an Excel error;
// rich text; comments, prefixes, single-quoted attributes…) throws NotPlain: the sheet is then read by
// sheet.ts, which says everything as it always has. Pure: bytes in, bytes out.
import { digits } from '../../digits.js';
import { NotPlain } from './not-plain.js';
import { SharedStrings } from './parts.js';
import { booleanText, isoDateText, numberText, serialToIso } from './values.js';
import { decodeEntities, unescapeOoxml } from './xml.js';

export { NotPlain };

const LT = 60;
const GT = 62;
const SLASH = 47;
const QUOTE = 34;
const APOS = 39;
const EQ = 61;
const AMP = 38;
const COMMA = 44;
const LF = 10;
const CR = 13;
const ROW_END = Buffer.from('</row>');
/** plain(): the chunk ended before the string did. */
const CUT = -2;
const isSpace = (c: number | undefined) => c === 32 || c === 9 || c === 10 || c === 13;

/** Excel's last column, XFD (sheet.ts reads no cell past it). */
const MAX_COLUMNS = 16_384;

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
    if (/[\r\n]/.test(text)) this.broken[k] = 1;
    const field = /[",]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
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

export interface SheetCsvContext {
  strings: CsvStrings;
  /** For each cell format (`s`), whether it shows a date. */
  dateStyles: readonly boolean[];
  date1904: boolean;
}

/**
 * A sheet's XML, pushed in chunks → CSV bytes: each row written on the line of its number (sheet.ts's: the `r`
 * of the row when it grows, else the next), the lines between left blank, every row as wide as the widest so far
 * (a CSV row is as wide as its header; a sheet's row ends at its last cell). The bytes returned by a push are
 * valid until the push after next.
 */
export class SheetCsv {
  private started = false;
  private done = false;
  /** The current row's line (sheet.ts's numbering). */
  private line = 0;
  /** Lines written (ended) so far. */
  private lines = 0;
  private width = 0;
  private rest: Buffer = Buffer.alloc(0);
  private join = Buffer.allocUnsafe(1 << 17);
  private readonly outs = [Buffer.allocUnsafe(1 << 18), Buffer.allocUnsafe(1 << 18)];
  private turn = 0;
  private out: Buffer = this.outs[0]!;
  private o = 0;
  /** XML bytes read and CSV bytes written so far. */
  xmlBytes = 0;
  csvBytes = 0;

  constructor(private readonly ctx: SheetCsvContext) {}

  /** The CSV bytes of the rows completed by `chunk` (possibly none). */
  push(chunk: Buffer): Buffer {
    this.xmlBytes += chunk.length;
    this.turn ^= 1;
    this.out = this.outs[this.turn]!;
    this.o = 0;
    if (this.done) return this.out.subarray(0, 0);
    // The row cut by the last chunk's end and this chunk, end to end in one reused buffer.
    const n = this.rest.length + chunk.length;
    if (n > this.join.length) {
      const bigger = Buffer.allocUnsafe(2 * n);
      this.join = bigger;
    }
    // (TypedArray set: Buffer.copy measured 20 times slower for 64 KB pieces on Node 20)
    this.join.set(this.rest);
    this.join.set(chunk, this.rest.length);
    const buf = this.join.subarray(0, n);
    const used = this.scan(buf, false);
    this.rest = this.keep(buf.subarray(used));
    this.csvBytes += this.o;
    return this.out.subarray(0, this.o);
  }

  end(): Buffer {
    this.turn ^= 1;
    this.out = this.outs[this.turn]!;
    this.o = 0;
    if (!this.done && this.started && this.rest.indexOf('<row') >= 0) throw new NotPlain('the sheet ends inside a row');
    this.csvBytes += this.o;
    return this.out.subarray(0, this.o);
  }

  /** The unread end of the chunk, copied apart (the join buffer is written over by the next push). */
  private keep(b: Buffer): Buffer {
    if (b.length > 16 << 20) throw new NotPlain('a row longer than 16 MB');
    return Buffer.from(b);
  }

  /** Reads the rows of buf; returns how many bytes it used (an unfinished row is left). */
  private scan(buf: Buffer, final: boolean): number {
    let i = 0;
    if (!this.started) {
      const at = buf.indexOf('<sheetData');
      if (at < 0) {
        if (buf.indexOf(':sheetData') >= 0) throw new NotPlain('a prefixed sheet');
        return final ? buf.length : Math.max(0, buf.length - 16);
      }
      const gt = buf.indexOf(GT, at);
      if (gt < 0) return at;
      this.started = true;
      if (buf[gt - 1] === SLASH) {
        this.done = true;
        return buf.length;
      }
      i = gt + 1;
    }
    // A row that starts before the last `</row>` of the chunk ends within it.
    const limit = buf.lastIndexOf(ROW_END);
    for (;;) {
      while (i < buf.length && isSpace(buf[i])) i++;
      if (i >= buf.length) return i;
      if (buf[i] !== LT) throw new NotPlain('text between rows');
      if (buf[i + 1] === SLASH) {
        // </sheetData>: the rows are over
        if (buf.length - i < 12) return i;
        if (buf.indexOf('</sheetData>', i) !== i) throw new NotPlain('an unexpected closing tag');
        this.done = true;
        return buf.length;
      }
      if (i > limit) {
        // Past the chunk's last row end: only an empty row (<row …/>), whole, is read; else wait for the rest.
        const gt = buf.indexOf(GT, i);
        if (gt < 0 || buf[gt - 1] !== SLASH) return i;
      }
      if (buf[i + 1] !== 114 || buf[i + 2] !== 111 || buf[i + 3] !== 119 || !(isSpace(buf[i + 4]) || buf[i + 4] === GT || buf[i + 4] === SLASH)) {
        throw new NotPlain('an element other than a row');
      }
      i = this.row(buf, i + 4);
    }
  }

  /** The row whose attributes start at `j` (after `<row`), its end (`</row>`) in buf; returns where the next starts. */
  private row(buf: Buffer, j: number): number {
    let r: number | undefined;
    for (;;) {
      while (isSpace(buf[j])) j++;
      const c = buf[j];
      if (c === GT) {
        j++;
        break;
      }
      if (c === SLASH && buf[j + 1] === GT) {
        this.line = lineOf(r, this.line);
        return j + 2; // an empty row: its number counts, it has no record
      }
      const name = j;
      while (j < buf.length && buf[j] !== EQ && !isSpace(buf[j])) j++;
      const isR = j - name === 1 && buf[name] === 114;
      const vs = attrValue(buf, j);
      const ve = AT.end;
      if (isR) {
        r = digits(buf, vs, ve);
        if (r < 0) r = Number(buf.toString('latin1', vs, ve));
      }
      j = ve + 1;
    }
    this.line = lineOf(r, this.line);
    const { pool, starts, broken } = this.ctx.strings;
    const dates = this.ctx.dateStyles;
    let out = this.out;
    let o = this.o;
    let col = -1;
    let fields = 0; // fields written on this line
    for (;;) {
      while (isSpace(buf[j])) j++;
      if (buf[j] !== LT) throw new NotPlain('text in a row');
      if (buf[j + 1] === SLASH) {
        if (buf[j + 2] !== 114 || buf[j + 3] !== 111 || buf[j + 4] !== 119 || buf[j + 5] !== GT) throw new NotPlain('an unexpected closing tag in a row');
        j += 6;
        break;
      }
      if (buf[j + 1] !== 99 || !(isSpace(buf[j + 2]) || buf[j + 2] === GT || buf[j + 2] === SLASH)) throw new NotPlain('an element other than a cell in a row');
      j += 2;
      // attributes: r (reference), t (type), s (format); the common `x="…"` read here, any other by attrValue
      let ref = -1;
      let type = 110; // 'n'
      let style = 0;
      let empty = false;
      for (;;) {
        let c = buf[j]!;
        while (c === 32) c = buf[++j]!;
        if (c === GT) {
          j++;
          break;
        }
        if (c === SLASH && buf[j + 1] === GT) {
          empty = true;
          j += 2;
          break;
        }
        let vs: number;
        let ve: number;
        let one = 0;
        if (buf[j + 1] === EQ && buf[j + 2] === QUOTE) {
          one = c;
          vs = j + 3;
          ve = vs;
          for (let d = buf[ve]; d !== QUOTE; d = buf[++ve]) if (d === AMP || d === LT || d === undefined) throw new NotPlain('an odd attribute');
        } else {
          const name = j;
          while (j < buf.length && buf[j] !== EQ && !isSpace(buf[j])) j++;
          if (j - name === 1) one = buf[name]!;
          vs = attrValue(buf, j);
          ve = AT.end;
        }
        if (one === 114) ref = column(buf, vs, ve);
        else if (one === 116) type = ve - vs === 1 ? buf[vs]! : typeCode(buf, vs, ve);
        else if (one === 115) style = Math.max(0, digits(buf, vs, ve));
        j = ve + 1;
      }
      col = ref >= 0 ? ref : col + 1;
      // the value: <v>…</v>, or <is><t>…</t></is>, maybe beside a formula (<f>…</f> or <f …/>)
      let vs = -1;
      let ve = -1;
      if (!empty) {
        for (;;) {
          while (isSpace(buf[j])) j++;
          if (buf[j] !== LT) throw new NotPlain('text in a cell');
          const n1 = buf[j + 1];
          if (n1 === SLASH) {
            if (buf[j + 2] !== 99 || buf[j + 3] !== GT) throw new NotPlain('an unexpected closing tag in a cell');
            j += 4;
            break;
          }
          const n2 = buf[j + 2];
          if (n1 === 118 && n2 === GT) {
            vs = j + 3;
            ve = vs;
            for (let d = buf[ve]; d !== LT; d = buf[++ve]) if (d === undefined) throw new NotPlain('an unclosed value');
            if (buf[ve + 1] !== SLASH || buf[ve + 2] !== 118 || buf[ve + 3] !== GT) throw new NotPlain('markup in a value');
            j = ve + 4;
          } else if (n1 === 102 && (n2 === GT || isSpace(n2) || n2 === SLASH)) {
            j = skipFormula(buf, j);
          } else if (n1 === 105 && n2 === 115 && buf[j + 3] === GT) {
            vs = inlineText(buf, j + 4);
            ve = AT.end;
            j = INLINE_END.end;
          } else throw new NotPlain('an element other than a value in a cell');
        }
      }
      if (vs < 0 || ve === vs || col >= MAX_COLUMNS) continue; // an empty cell (formatted, or a formula never computed)
      if (col < fields) throw new NotPlain('cells out of order');
      // room for the blank lines before the row, the commas, and the field (a shared string, or the value's bytes)
      out = this.grow(o, this.line - this.lines + (col - fields) + 2 * (ve - vs) + 64);
      if (fields === 0) {
        while (this.lines < this.line - 1) {
          out[o++] = LF;
          this.lines++;
        }
      }
      // fields [fields, col) empty, then this one: a comma before every field but the first
      for (let f = fields === 0 ? 1 : fields; f <= col; f++) out[o++] = COMMA;
      fields = col + 1;
      if (type === 115) {
        // a shared string, by its index (sheet.ts: sharedStrings[Number(stored)] ?? '')
        let k = digits(buf, vs, ve);
        if (k < 0) {
          const n = Number(decodeEntities(buf.toString('utf8', vs, ve)));
          k = Number.isInteger(n) && n >= 0 ? n : broken.length;
        }
        if (k >= broken.length) continue; // no such string: an empty text
        if (broken[k]) throw new NotPlain('a line break in a cell');
        const s = starts[k]!;
        const e = starts[k + 1]!;
        out = this.grow(o, e - s);
        for (let x = s; x < e; x++) out[o++] = pool[x]!;
        continue;
      }
      if ((type === 110 && !dates[style] && plainInteger(buf, vs, ve)) || ((type === STR || type === INLINE) && plainText(buf, vs, ve))) {
        // a plain integer, or a text with nothing to decode or quote (as other programs write strings: t="str")
        out = this.grow(o, ve - vs);
        for (let x = vs; x < ve; x++) out[o++] = buf[x]!;
        continue;
      }
      const field = csvField(textOf(decodeEntities(buf.toString('utf8', vs, ve)), type, style, this.ctx));
      out = this.grow(o, Buffer.byteLength(field));
      o += out.write(field, o);
    }
    if (fields > 0) {
      if (fields > this.width) this.width = fields;
      out = this.grow(o, this.width - fields + 1);
      for (; fields < this.width; fields++) out[o++] = COMMA;
      out[o++] = LF;
      this.lines++;
    }
    this.o = o;
    return j;
  }

  /** The output buffer with room for `n` more bytes after `o` (grown, what is written copied, when it has not). */
  private grow(o: number, n: number): Buffer {
    if (o + n <= this.out.length) return this.out;
    const bigger = Buffer.allocUnsafe(2 * (o + n));
    bigger.set(this.out.subarray(0, o));
    this.outs[this.turn] = bigger;
    this.out = bigger;
    return bigger;
  }
}

/** A number in General format that is written as it is: a plain integer of at most 15 digits (values.ts). */
function plainInteger(buf: Buffer, s: number, e: number): boolean {
  if (buf[s] === 45) s++;
  if (s >= e || e - s > 15) return false;
  for (let x = s; x < e; x++) if (buf[x]! < 48 || buf[x]! > 57) return false;
  return true;
}

/** A text written as it is: no entity or `_x` escape to decode, nothing to quote, no line break. */
function plainText(buf: Buffer, s: number, e: number): boolean {
  for (let x = s; x < e; x++) {
    const c = buf[x]!;
    if (c === AMP || c === COMMA || c === QUOTE || c === LF || c === CR || (c === 95 && buf[x + 1] === 120)) return false;
  }
  return true;
}

/** sheet.ts's line of a row: its `r` when it is a whole number past the last line, else the line after the last. */
function lineOf(r: number | undefined, last: number): number {
  return r !== undefined && Number.isInteger(r) && r > last ? r : last + 1;
}

/** A stored value (entities decoded) as the text sheet.ts gives it. */
function textOf(stored: string, type: number, style: number, ctx: SheetCsvContext): string {
  switch (type) {
    case INLINE:
    case STR:
      return unescapeOoxml(stored);
    case 98:
      return booleanText(stored);
    case 101:
      throw new NotPlain('an Excel error');
    case 100:
      return isoDateText(stored);
    default:
      return (ctx.dateStyles[style] ? serialToIso(Number(stored), ctx.date1904) : undefined) ?? numberText(stored);
  }
}

/** A text as a CSV field: quoted when it holds a comma or a quote; a line break is refused (it would move the lines). */
function csvField(text: string): string {
  if (/[\r\n]/.test(text)) throw new NotPlain('a line break in a cell');
  return /[",]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** A cell's type: the one-letter ones by their letter's code, str and inlineStr by their own, anything else OTHER (a number, as sheet.ts reads it). */
function typeCode(buf: Buffer, s: number, e: number): number {
  if (e - s === 1) return buf[s]!;
  const t = buf.toString('latin1', s, e);
  return t === 'str' ? STR : t === 'inlineStr' ? INLINE : OTHER;
}

/** Type codes beyond the one-letter ones (their first letter, as the one-letter ones are). */
const STR = 1001;
const INLINE = 1002;
const OTHER = 1003;

/** After an attribute's name at `j` (`="…"`): the value's start; its end (the closing quote) is left in AT.end. */
function attrValue(buf: Buffer, j: number): number {
  while (isSpace(buf[j])) j++;
  if (buf[j] !== EQ) throw new NotPlain('an attribute without a value');
  j++;
  while (isSpace(buf[j])) j++;
  if (buf[j] !== QUOTE) throw new NotPlain(buf[j] === APOS ? 'single-quoted attributes' : 'an attribute without quotes');
  const vs = j + 1;
  let ve = vs;
  for (const n = buf.length; ve < n; ve++) {
    const c = buf[ve];
    if (c === QUOTE) break;
    if (c === AMP || c === LT) throw new NotPlain('an entity in an attribute');
  }
  if (ve >= buf.length) throw new NotPlain('an unclosed attribute');
  AT.end = ve;
  return vs;
}

/** A second result of the scanning functions (a tuple a call would cost an allocation). */
const AT = { end: 0 };

/** The column of the reference buf[s, e), 0-based (B17 → 1), or -1 (sheet.ts's columnIn, on bytes). */
function column(buf: Buffer, s: number, e: number): number {
  let col = 0;
  let i = s;
  for (; i < e; i++) {
    const c = buf[i]! | 32;
    if (c < 97 || c > 122) break;
    col = col * 26 + (c - 96);
  }
  return i === s ? -1 : col - 1;
}

/** Past a formula element at `j` (`<f …/>` or `<f …>…</f>`). */
function skipFormula(buf: Buffer, j: number): number {
  const gt = buf.indexOf(GT, j);
  if (gt < 0) throw new NotPlain('an unclosed formula');
  if (buf[gt - 1] === SLASH) return gt + 1;
  const end = buf.indexOf('</f>', gt);
  if (end < 0) throw new NotPlain('an unclosed formula');
  for (let x = gt + 1; x < end; x++) if (buf[x] === LT) throw new NotPlain('markup in a formula');
  return end + 4;
}

/** Where an inline string's `</is>` ends (inlineText's third result). */
const INLINE_END = { end: 0 };

/** An inline string after `<is>` at `j`: only `<t>…</t>` (or `<t xml:space="preserve">`); its text's start (its end in AT.end, where `</is>` ends in INLINE_END.end). */
function inlineText(buf: Buffer, j: number): number {
  while (isSpace(buf[j])) j++;
  if (buf[j] !== LT || buf[j + 1] !== 116 || !(buf[j + 2] === GT || isSpace(buf[j + 2]))) throw new NotPlain('rich text');
  const gt = buf.indexOf(GT, j);
  if (gt < 0 || buf[gt - 1] === SLASH) throw new NotPlain('an empty inline string');
  const vs = gt + 1;
  const ve = buf.indexOf(LT, vs);
  if (buf.indexOf('</t>', ve) !== ve) throw new NotPlain('markup in an inline string');
  let k = ve + 4;
  while (isSpace(buf[k])) k++;
  if (buf.indexOf('</is>', k) !== k) throw new NotPlain('rich text');
  AT.end = ve;
  INLINE_END.end = k + 5;
  return vs;
}
