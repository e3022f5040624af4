// A worksheet's XML as bytes → the same rows as CSV bytes (comma-separated, each row on the line of its number),
// so that a large sheet is checked on the byte path as a CSV file is. The text of each cell is what sheet.ts
// reads (values.ts: the text the user saw); the shared strings are one pool of CSV fields (./csv-strings.ts).
// What only the general reader reads (a cell holding a line break, which would move every later row's line; an
// Excel error; rich text; comments, prefixes, single-quoted attributes…) throws NotPlain: the sheet is then read
// by sheet.ts, which says everything as it always has. Pure: bytes in, bytes out.
import { digits } from '../../digits.js';
import { AMP, AT, attrValue, column, COMMA, CR, EQ, GT, hasLineBreak, INLINE_END, inlineText, isSpace, LF, LT, QUOTE, quoteField, skipFormula, SLASH } from './csv-bytes.js';
import type { CsvStrings } from './csv-strings.js';
import { NotPlain } from './not-plain.js';
import { booleanText, isoDateText, numberText, serialToIso } from './values.js';
import { decodeEntities, unescapeOoxml } from './xml.js';

export { NotPlain };

const ROW_END = Buffer.from('</row>');

/** Excel's last column, XFD (sheet.ts reads no cell past it). */
const MAX_COLUMNS = 16_384;

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
    const used = this.scan(buf);
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
  private scan(buf: Buffer): number {
    let i = 0;
    if (!this.started) {
      const at = buf.indexOf('<sheetData');
      if (at < 0) {
        if (buf.indexOf(':sheetData') >= 0) throw new NotPlain('a prefixed sheet');
        return Math.max(0, buf.length - 16);
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
  if (hasLineBreak(text)) throw new NotPlain('a line break in a cell');
  return quoteField(text);
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
