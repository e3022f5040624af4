// A worksheet's XML, as a stream → its rows as records, `line` being the row's number as Excel shows it (a
// row Excel leaves out of the file, being empty, is simply not there: the numbers stay physical). Cells
// take the value Excel saved (a formula's last result), turned into the text the user saw (values.ts);
// empty rows are dropped, and a row ends at its last cell (records are ragged: the checkers pad them).
// A cell holding an error (#N/A, #REF!…) reads as empty and is reported, with its reference (E17).
import type { RawRecord } from '../tokenize.js';
import { booleanText, isoDateText, numberText, serialToIso } from './values.js';
import { attr, unescapeOoxml, XmlTokenizer, type XmlHandler } from './xml.js';

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

export class SheetReader implements XmlHandler {
  private records: SheetRecord[] = [];
  private issues: SheetIssue[] = [];
  private inSheetData = false;
  private row: string[] | undefined;
  private rowLine = 0;
  private numeric = 0;
  private col = -1;
  private type = '';
  private style = 0;
  private value = '';
  private inValue = false;
  private inInline = 0;
  private phonetic = 0;
  private done = false;
  private readonly tokenizer = new XmlTokenizer(this);

  constructor(private readonly ctx: SheetContext) {}

  get wantsText(): boolean {
    return this.inValue && this.phonetic === 0;
  }

  /** Reads a chunk of the sheet's XML; returns the rows and issues completed by it. */
  push(chunk: string): { records: SheetRecord[]; issues: SheetIssue[] } {
    if (!this.done) this.tokenizer.push(chunk);
    return this.take();
  }

  end(): { records: SheetRecord[]; issues: SheetIssue[] } {
    if (!this.done) this.tokenizer.end();
    return this.take();
  }

  /** True once the rows are read (what follows them, merged cells and page setup, is of no use here). */
  get finished(): boolean {
    return this.done;
  }

  private take(): { records: SheetRecord[]; issues: SheetIssue[] } {
    const out = { records: this.records, issues: this.issues };
    this.records = [];
    this.issues = [];
    return out;
  }

  open(name: string, attrs: string, empty: boolean): void {
    if (this.done) return;
    if (!this.inSheetData) {
      if (name === 'sheetData' && !empty) this.inSheetData = true;
      return;
    }
    switch (name) {
      case 'row': {
        const r = Number(attr(attrs, 'r'));
        this.rowLine = Number.isInteger(r) && r > this.rowLine ? r : this.rowLine + 1;
        this.row = [];
        this.numeric = 0;
        this.col = -1;
        break;
      }
      case 'c': {
        const ref = attr(attrs, 'r');
        const col = ref === undefined ? -1 : columnOf(ref);
        this.col = col >= 0 ? col : this.col + 1;
        this.type = attr(attrs, 't') ?? 'n';
        const s = attr(attrs, 's');
        this.style = s === undefined ? 0 : Number(s);
        this.value = '';
        break;
      }
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
    if (!this.inSheetData || this.done) return;
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
        this.cell();
        break;
      case 'row':
        this.endRow();
        break;
      case 'sheetData':
        this.inSheetData = false;
        this.done = true;
        break;
    }
  }

  text(text: string): void {
    this.value += text;
  }

  /** The cell just closed, into the row. */
  private cell(): void {
    const row = this.row;
    const col = this.col;
    if (!row || col >= MAX_COLUMNS) return;
    const stored = this.value;
    if (stored === '') return; // an empty cell (formatted, or a formula never computed)
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
        this.issues.push({ code: 'excel-error', line: this.rowLine, field: col + 1, cell: cellName(col, this.rowLine), value: stored.trim() });
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

  private endRow(): void {
    const row = this.row;
    this.row = undefined;
    if (!row || row.length === 0) return; // an empty row (a blank cell's spaces are left to the checkers)
    this.records.push({ fields: row, line: this.rowLine, endLine: this.rowLine, numeric: this.numeric });
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
