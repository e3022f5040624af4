// A worksheet's XML, as a stream → its rows as records, `line` being the row's number as Excel shows it (a
// row Excel leaves out of the file, being empty, is simply not there: the numbers stay physical). Cells
// take the value Excel saved (a formula's last result), turned into the text the user saw (values.ts);
// empty rows are dropped, and a row ends at its last cell (records are ragged: the checkers pad them).
// A cell holding an error (#N/A, #REF!…) reads as empty and is reported, with its reference (E17).
import type { RawRecord } from '../tokenize.js';
import { booleanText, isoDateText, numberText, serialToIso } from './values.js';
import { attr, decodeEntities, findAttr, MAX_PENDING, span, tagEnd, unescapeOoxml, XmlError, XmlTokenizer, type XmlHandler } from './xml.js';

/** A problem the sheet itself shows: a cell holding one of Excel's errors. */
export interface SheetIssue {
  code: 'excel-error';
  line: number;
  /** 1-based column. */
  field: number;
  /** The cell's reference, as Excel names it: E17. */
  cell: string;
  /** The error: #N/A, #VALUE!, #REF!, #DIV/0!, #NUM!, #NAME?, #NULL!… */
  value: string;
}

/** A record of a sheet, with which of its first 31 cells held a number. */
export type SheetRecord = RawRecord & { numeric: number };

export interface SheetContext {
  sharedStrings: readonly string[];
  /** For each cell format (`s`), whether it shows a date. */
  dateStyles: readonly boolean[];
  date1904: boolean;
}

/** Excel's last column, XFD: a reference past it is not read. */
const MAX_COLUMNS = 16_384;

/**
 * A sheet's XML → records. The rows are cut out of the text one by one (`<row …>…</row>`); a row whose cells all
 * have the common shape (`<c r="B2" t="s"><v>7</v></c>`, or empty) is read by a quick scan of its text,
 * any other row (a formula, an inline string, whitespace inside a cell…) by the general reader (RowEvents, on our
 * XML tokenizer). Both give the same records: test/xlsx-sheet.test.ts holds them to it.
 */
export class SheetReader {
  private readonly out: Output = { records: [], issues: [] };
  private readonly cells: CellReader;
  private readonly events: RowEvents;
  /** Before the rows: the text up to `<sheetData>`. */
  private head: string | undefined = '';
  /** An unfinished row, from the end of the last chunk. */
  private rest = '';
  private prefix = '';
  private closeRow = '</row>';
  private closeData = '</sheetData>';
  private openRow = '<row';
  private done = false;

  constructor(ctx: SheetContext) {
    this.cells = new CellReader(ctx, this.out);
    this.events = new RowEvents(this.cells);
  }

  /** True once the rows are read (what follows them, merged cells and page setup, is of no use here). */
  get finished(): boolean {
    return this.done;
  }

  /** Reads a chunk of the sheet's XML; returns the rows and issues completed by it. */
  push(chunk: string): Output {
    if (this.done) return this.take();
    if (this.head !== undefined) {
      const t = this.head + chunk;
      const m = SHEET_DATA.exec(t);
      if (!m) {
        if (t.length > MAX_PENDING) throw new XmlError('không tìm thấy phần dữ liệu (sheetData) của trang tính');
        this.head = t;
        return this.take();
      }
      this.head = undefined;
      if (m[2] === '/') {
        this.done = true;
        return this.take();
      }
      this.setPrefix(m[1] ?? '');
      this.body(t, m.index + m[0].length, false);
      return this.take();
    }
    if (this.rest.length) {
      // The row cut at the chunk's start is finished on a small string, so that the large chunk is scanned as it
      // came (a string joined with + scans three times slower in V8).
      const close = chunk.indexOf(this.closeRow);
      if (close < 0) {
        this.keep(this.rest + chunk);
        return this.take();
      }
      const cut = close + this.closeRow.length;
      const head = this.rest + chunk.slice(0, cut);
      this.rest = '';
      const left = this.body(head, 0, false);
      if (this.done) return this.take();
      if (left < head.length) {
        this.body(head.slice(left) + chunk.slice(cut), 0, false);
        return this.take();
      }
      this.body(chunk, cut, false);
      return this.take();
    }
    this.body(chunk, 0, false);
    return this.take();
  }

  end(): Output {
    if (this.head !== undefined && this.head.trim() !== '' && !this.done) {
      // No sheetData at all: an empty sheet (written by some programs without it) has no rows.
      this.head = undefined;
    } else if (!this.done && this.rest.trim() !== '') {
      this.body(this.rest, 0, true);
      if (!this.done && this.rest.trim() !== '') throw new XmlError('tệp kết thúc giữa chừng một dòng của trang tính');
    }
    this.rest = '';
    return this.take();
  }

  private take(): Output {
    const out = { records: this.out.records, issues: this.out.issues };
    this.out.records = [];
    this.out.issues = [];
    return out;
  }

  private keep(rest: string): void {
    if (rest.length > MAX_PENDING) throw new XmlError(`một dòng của trang tính dài hơn ${MAX_PENDING >> 20} MB`);
    this.rest = rest;
  }

  private setPrefix(prefix: string): void {
    this.prefix = prefix;
    this.openRow = `<${prefix}row`;
    this.closeRow = `</${prefix}row>`;
    this.closeData = `</${prefix}sheetData>`;
    this.openCell = `<${prefix}c`;
    this.openValue = `<${prefix}v>`;
    this.closeValueCell = `</${prefix}v></${prefix}c>`;
    this.closeCell = `</${prefix}c>`;
  }

  /** The rows of t from `i`; keeps an unfinished one as the rest; returns where that rest starts. */
  private body(t: string, i: number, last: boolean): number {
    // Where the rows end, looked for once (not at each row: that would scan the chunk's rest again and again).
    const end = t.indexOf(this.closeData, i);
    for (;;) {
      const open = t.indexOf(this.openRow, i);
      if (end >= 0 && (open < 0 || end < open)) {
        this.done = true;
        return t.length;
      }
      if (open < 0) {
        this.keep(last ? '' : t.slice(Math.max(i, t.length - this.openRow.length)));
        return t.length;
      }
      if (open + this.openRow.length >= t.length) {
        this.keep(last ? '' : t.slice(open)); // "<row" at the very end: its name may go on
        return open;
      }
      const c = t.charCodeAt(open + this.openRow.length);
      if (c !== 32 && c !== 62 && c !== 47 && c !== 9 && c !== 10 && c !== 13) {
        i = open + this.openRow.length; // another element whose name begins with "row"
        continue;
      }
      const gt = tagEnd(t, open);
      if (gt < 0) {
        this.keep(t.slice(open));
        return open;
      }
      const attrs = t.slice(open + this.openRow.length, t.charCodeAt(gt - 1) === 47 ? gt - 1 : gt);
      if (t.charCodeAt(gt - 1) === 47) {
        this.cells.startRow(attr(attrs, 'r')); // an empty row: its number counts, it has no record
        i = gt + 1;
        continue;
      }
      const close = t.indexOf(this.closeRow, gt);
      if (close < 0) {
        this.keep(t.slice(open));
        return open;
      }
      this.cells.startRow(attr(attrs, 'r'));
      if (!this.fastRow(t, gt + 1, close)) this.events.row(t.slice(gt + 1, close));
      this.cells.endRow();
      i = close + this.closeRow.length;
    }
  }

  /**
   * The cells t[from, to) of a row when each has the common shape (`<c …/>`, `<c …></c>`, `<c …><v>…</v></c>`,
   * plain double-quoted attributes): read without a string cut out but the value. False, nothing read, otherwise.
   */
  private fastRow(t: string, from: number, to: number): boolean {
    const at = this.positions;
    let n = 0;
    let i = from;
    const c0 = this.openCell;
    const v0 = this.openValue;
    const v1 = this.closeValueCell;
    const c1 = this.closeCell;
    for (;;) {
      while (i < to && isSpaceCode(t.charCodeAt(i))) i++;
      if (i >= to) break;
      if (!t.startsWith(c0, i) || !isTagEnd(t.charCodeAt(i + c0.length))) return false;
      const gt = t.indexOf('>', i);
      if (gt < 0 || gt >= to) return false;
      const attrsEnd = t.charCodeAt(gt - 1) === 47 ? gt - 1 : gt;
      for (let k = i; k < attrsEnd; k++) if (t.charCodeAt(k) === 39) return false; // single quotes: the general reader
      at[n] = i + c0.length;
      at[n + 1] = attrsEnd;
      if (attrsEnd !== gt) {
        at[n + 2] = at[n + 3] = -1; // <c …/>
        i = gt + 1;
      } else if (t.startsWith(c1, gt + 1)) {
        at[n + 2] = at[n + 3] = -1; // <c …></c>
        i = gt + 1 + c1.length;
      } else if (t.startsWith(v0, gt + 1)) {
        const vs = gt + 1 + v0.length;
        const ve = t.indexOf('<', vs);
        if (ve < 0 || ve >= to || !t.startsWith(v1, ve)) return false;
        at[n + 2] = vs;
        at[n + 3] = ve;
        i = ve + v1.length;
      } else return false;
      n += 4;
    }
    const cells = this.cells;
    for (let k = 0; k < n; k += 4) {
      const s = at[k]!;
      const e = at[k + 1]!;
      const col = findAttr(t, s, e, 'r') ? columnIn(t, span.start, span.end) : -1;
      const type = findAttr(t, s, e, 't') ? typeIn(t, span.start, span.end) : 'n';
      const style = findAttr(t, s, e, 's') ? numberIn(t, span.start, span.end) : 0;
      cells.startCellAt(col, type, style);
      const vs = at[k + 2]!;
      cells.endCell(vs < 0 ? '' : decodeEntities(t.slice(vs, at[k + 3]!)));
    }
    return true;
  }

  /** The places found by fastRow, four a cell (attributes' start and end, value's start and end), reused. */
  private readonly positions: number[] = [];
  private openCell = '<c';
  private openValue = '<v>';
  private closeValueCell = '</v></c>';
  private closeCell = '</c>';
}

const isSpaceCode = (c: number) => c === 32 || c === 9 || c === 10 || c === 13;
/** After an element's name: a space, `>` or `/`. */
const isTagEnd = (c: number) => c === 32 || c === 62 || c === 47 || c === 9 || c === 10 || c === 13;

/** The column of the reference t[s, e), 0-based (B17 → 1), or -1. */
function columnIn(t: string, s: number, e: number): number {
  let col = 0;
  let i = s;
  for (; i < e; i++) {
    const c = t.charCodeAt(i) | 32;
    if (c < 97 || c > 122) break;
    col = col * 26 + (c - 96);
  }
  return i === s ? -1 : col - 1;
}

/** A cell's type t[s, e): the one-letter ones without cutting a string. */
function typeIn(t: string, s: number, e: number): string {
  if (e - s === 1) {
    switch (t.charCodeAt(s)) {
      case 115: return 's';
      case 110: return 'n';
      case 98: return 'b';
      case 101: return 'e';
      case 100: return 'd';
    }
  }
  return t.slice(s, e);
}

/** A style index t[s, e) (digits), or 0. */
function numberIn(t: string, s: number, e: number): number {
  let v = 0;
  for (let i = s; i < e; i++) {
    const d = t.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return 0;
    v = v * 10 + d;
  }
  return v;
}

interface Output {
  records: SheetRecord[];
  issues: SheetIssue[];
}

/** The start tag of sheetData, with its prefix (1) and whether it is empty (2). */
const SHEET_DATA = /<([A-Za-z_][\w.-]*:)?sheetData\b[^>]*?(\/?)>/;

/** The row being read and its cells' values, whichever reader found them; the records and issues made. */
class CellReader {
  private row: string[] | undefined;
  private line = 0;
  private numeric = 0;
  private col = -1;
  private type = 'n';
  private style = 0;

  constructor(
    private readonly ctx: SheetContext,
    private readonly out: Output,
  ) {}

  startRow(r: string | undefined): void {
    const n = Number(r);
    this.line = r !== undefined && Number.isInteger(n) && n > this.line ? n : this.line + 1;
    this.row = [];
    this.numeric = 0;
    this.col = -1;
  }

  startCell(ref: string | undefined, type: string | undefined, style: string | undefined): void {
    this.startCellAt(ref === undefined ? -1 : columnOf(ref), type ?? 'n', style === undefined ? 0 : Number(style));
  }

  /** A cell at column `col` (-1: the one after the last), of `type` and cell format `style`. */
  startCellAt(col: number, type: string, style: number): void {
    this.col = col >= 0 ? col : this.col + 1;
    this.type = type;
    this.style = style;
  }

  /** The cell's stored value (entities decoded), into the row as the text the user saw. */
  endCell(stored: string): void {
    const row = this.row;
    const col = this.col;
    if (!row || col >= MAX_COLUMNS || stored === '') return; // an empty cell (formatted, or a formula never computed)
    let text: string;
    switch (this.type) {
      case 's':
        text = this.ctx.sharedStrings[Number(stored)] ?? '';
        break;
      case 'inlineStr':
      case 'str':
        text = unescapeOoxml(stored);
        break;
      case 'b':
        text = booleanText(stored);
        break;
      case 'e':
        this.out.issues.push({ code: 'excel-error', line: this.line, field: col + 1, cell: cellName(col, this.line), value: stored.trim() });
        return;
      case 'd':
        text = isoDateText(stored);
        break;
      default: {
        const date = this.ctx.dateStyles[this.style] ? serialToIso(Number(stored), this.ctx.date1904) : undefined;
        text = date ?? numberText(stored);
        if (date === undefined && col < 31) this.numeric |= 1 << col;
      }
    }
    while (row.length < col) row.push('');
    row[col] = text;
  }

  endRow(): void {
    const row = this.row;
    this.row = undefined;
    if (!row || row.length === 0) return; // an empty row (a blank cell's spaces are left to the checkers)
    this.out.records.push({ fields: row, line: this.line, endLine: this.line, numeric: this.numeric });
  }
}

/** The general reader of a row's cells, on the XML tokenizer: formulas, inline strings, prefixes, comments… */
class RowEvents implements XmlHandler {
  private value = '';
  private inValue = false;
  private inInline = 0;
  private phonetic = 0;

  constructor(private readonly cells: CellReader) {}

  get wantsText(): boolean {
    return this.inValue && this.phonetic === 0;
  }

  /** The inside of one row element. */
  row(xml: string): void {
    this.inValue = false;
    this.inInline = 0;
    this.phonetic = 0;
    const t = new XmlTokenizer(this);
    t.push(xml);
    t.end();
  }

  open(name: string, attrs: string, empty: boolean): void {
    switch (name) {
      case 'c':
        this.cells.startCell(attr(attrs, 'r'), attr(attrs, 't'), attr(attrs, 's'));
        this.value = '';
        break;
      case 'v':
        if (this.inInline === 0) this.inValue = !empty;
        break;
      case 'is':
        this.inInline++;
        break;
      case 't':
        if (this.inInline > 0) this.inValue = !empty;
        break;
      case 'rPh':
        this.phonetic++;
        break;
    }
  }

  close(name: string): void {
    switch (name) {
      case 'v':
      case 't':
        this.inValue = false;
        break;
      case 'is':
        this.inInline--;
        break;
      case 'rPh':
        this.phonetic--;
        break;
      case 'c':
        this.cells.endCell(this.value);
        break;
    }
  }

  text(text: string): void {
    this.value += text;
  }
}

/** The column of a reference, 0-based: `B17` → 1, `AA3` → 26; -1 when it starts with no letter. */
export function columnOf(ref: string): number {
  let col = 0;
  let i = 0;
  for (; i < ref.length; i++) {
    const c = ref.charCodeAt(i) | 32; // lower case
    if (c < 97 || c > 122) break;
    col = col * 26 + (c - 96);
  }
  return i === 0 ? -1 : col - 1;
}

/** A cell's reference: (4, 17) → E17. */
export function cellName(col: number, line: number): string {
  let name = '';
  for (let c = col + 1; c > 0; c = Math.floor((c - 1) / 26)) name = String.fromCharCode(65 + ((c - 1) % 26)) + name;
  return `${name}${line}`;
}
