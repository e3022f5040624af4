// Decoded text → CSV records, each with the physical line where it starts (header = line 1).
// RFC 4180: fields may be quoted, quotes doubled inside, line breaks inside quotes; LF or CRLF.
// A quote inside an unquoted field is kept as text (as csv-parse's relax_quotes does).
// Knows nothing of files: feed it text with push(), then end(). csv-parse is its reference in tests.

export interface RawRecord {
  fields: string[];
  /** Physical line where the record starts. */
  line: number;
  /** Physical line where it ends (> line when a quoted field holds line breaks). */
  endLine: number;
  /** A sheet's row: which of its first 31 cells Excel stored as numbers (bit i for field i). */
  numeric?: number;
}

/** The reader's issues: the CSV record reader's, and a sheet's cell holding an error of Excel's (read/xlsx/sheet.ts). */
export type CsvIssueCode = 'unclosed-quote' | 'text-after-quote' | 'record-too-long' | 'bad-encoding' | 'excel-error';

export interface CsvIssue {
  code: CsvIssueCode;
  line: number;
  /** 1-based position of the field in the record. */
  field: number;
  /** What was seen: the characters after a closing quote, or the start of the runaway field. */
  value: string;
  /** For an unclosed quote: the lines it ran over before the input ended. */
  swallowed?: number;
  /** For text after a quote: the line of that quote (> line when the quoted field ran over line breaks). */
  closedAt?: number;
  /** For a sheet's cell: its reference as Excel names it (E17). */
  cell?: string;
}

const DELIMITERS = [',', ';', '\t'] as const;
export type Delimiter = (typeof DELIMITERS)[number];

/** One record is at most this long (bounded memory on a runaway quote or a binary file). */
export const MAX_RECORD_CHARS = 1 << 20;

const QUOTE = 34;
const LF = 10;
const CR = 13;

/**
 * The delimiter of the header. With `isHeader`, the header is the first of the first lines that, cut at some
 * delimiter, `isHeader` accepts (title lines above it are skipped), cut at the delimiter that gives it the most
 * fields; without, or when no line is accepted, the first line. Then: the delimiter the line uses most, outside
 * quotes; a comma when none appears.
 */
export function sniffDelimiter(text: string, isHeader?: (fields: string[]) => boolean, maxLines = 20): Delimiter {
  if (isHeader) {
    let at = 0;
    for (let n = 0; n < maxLines && at < text.length; n++) {
      const nl = text.indexOf('\n', at);
      const line = text.slice(at, nl === -1 ? text.length : nl).replace(/\r$/, '');
      at = nl === -1 ? text.length : nl + 1;
      if (line.includes('"')) break; // quotes: the first line's rules below
      let best: Delimiter | undefined;
      let most = 0;
      for (const d of DELIMITERS) {
        const fields = line.split(d);
        if (fields.length > most && isHeader(fields)) [best, most] = [d, fields.length];
      }
      if (best) return best;
    }
  }
  return sniffFirstLine(text);
}

function sniffFirstLine(text: string): Delimiter {
  const counts = new Map<string, number>();
  let quoted = false;
  let fieldStart = true;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') i++; // a doubled quote is a quote inside the field
      else if (c === '"') quoted = false;
      continue;
    }
    if (c === '"' && fieldStart) quoted = true;
    else if (c === '\n') break;
    else if ((DELIMITERS as readonly string[]).includes(c)) counts.set(c, (counts.get(c) ?? 0) + 1);
    fieldStart = c === '"' && quoted ? false : (DELIMITERS as readonly string[]).includes(c);
  }
  let best: Delimiter = ',';
  for (const d of DELIMITERS) if ((counts.get(d) ?? 0) > (counts.get(best) ?? 0)) best = d;
  return best;
}

type Parsed = { fields: string[]; next: number } | { issue: Omit<CsvIssue, 'line'> } | 'more';

export class Tokenizer {
  private buf = '';
  private pos = 0;
  private line = 1;
  /** Index of the next quote at or after pos, or -1 when none is left in buf (saves rescanning). */
  private nextQuote = -2;
  /** Discarding an over-long line up to its end. */
  private skipping = false;
  private readonly delim: number;

  constructor(
    private readonly delimiter: Delimiter,
    private readonly maxRecord = MAX_RECORD_CHARS,
    firstLine = 1,
  ) {
    this.delim = delimiter.charCodeAt(0);
    this.line = firstLine;
  }

  /** Everything pushed so far has become records or issues: no record is waiting for more text. */
  get idle(): boolean {
    return this.pos >= this.buf.length && !this.skipping;
  }

  /** The physical line the next text starts on. */
  get nextLine(): number {
    return this.line;
  }

  /** Adds text; returns the records completed by it, and appends any syntax issue to `issues`. */
  push(text: string, issues: CsvIssue[]): RawRecord[] {
    this.buf = this.pos > 0 ? this.buf.slice(this.pos) + text : this.buf + text;
    // A known quote still ahead keeps its place; otherwise the new text may hold one: look again.
    this.nextQuote = this.nextQuote >= this.pos ? this.nextQuote - this.pos : -2;
    this.pos = 0;
    return this.drain(false, issues);
  }

  /** Ends the input; returns the last records. */
  end(issues: CsvIssue[]): RawRecord[] {
    return this.drain(true, issues);
  }

  private drain(final: boolean, issues: CsvIssue[]): RawRecord[] {
    const out: RawRecord[] = [];
    const buf = this.buf;
    while (this.pos < buf.length) {
      const start = this.pos;
      const nl = buf.indexOf('\n', start);
      if (this.skipping) {
        if (nl === -1) { this.pos = buf.length; break; }
        this.skipping = false;
        this.pos = nl + 1;
        this.line++;
        continue;
      }
      if (nl === -1 && !final) {
        if (buf.length - start <= this.maxRecord) break;
        this.tooLong(start, issues);
        continue;
      }
      const end = nl === -1 ? buf.length : nl;
      if (this.nextQuote !== -1 && this.nextQuote < start) {
        this.nextQuote = buf.indexOf('"', start);
      }
      if (end - start > this.maxRecord) {
        this.tooLong(start, issues);
        continue;
      }
      if (this.nextQuote === -1 || this.nextQuote >= end) {
        // Fast path: a physical line without quotes is one record.
        const stop = end > start && buf.charCodeAt(end - 1) === CR ? end - 1 : end;
        if (stop > start) out.push({ fields: buf.slice(start, stop).split(this.delimiter), line: this.line, endLine: this.line });
        this.pos = end + 1;
        this.line++;
        continue;
      }
      const parsed = this.parseQuoted(start, final);
      if (parsed === 'more') {
        if (buf.length - start <= this.maxRecord) break;
        this.tooLong(start, issues);
        continue;
      }
      if ('issue' in parsed) {
        // Report at the record's first line, then read on from the next physical line:
        // the lines a runaway quote swallowed are read again as the records they are.
        issues.push({ ...parsed.issue, line: this.line });
        this.pos = end + 1;
        this.line++;
        continue;
      }
      let breaks = 0;
      for (let i = buf.indexOf('\n', start); i !== -1 && i < parsed.next; i = buf.indexOf('\n', i + 1)) breaks++;
      const endsWithBreak = parsed.next > start && buf.charCodeAt(parsed.next - 1) === LF;
      out.push({ fields: parsed.fields, line: this.line, endLine: this.line + breaks - (endsWithBreak ? 1 : 0) });
      this.line += breaks + (endsWithBreak ? 0 : 1);
      this.pos = parsed.next;
    }
    if (final) {
      this.buf = '';
      this.pos = 0;
    }
    return out;
  }

  private tooLong(start: number, issues: CsvIssue[]): void {
    const nl = this.buf.indexOf('\n', start);
    const firstLineText = this.buf.slice(start, nl === -1 ? this.buf.length : nl);
    issues.push(overLongIssue(firstLineText, this.line, this.delimiter, this.maxRecord, nl !== -1));
    // Drop the record: read on after the end of its first physical line.
    if (nl === -1) {
      this.skipping = true;
      this.pos = this.buf.length;
    } else {
      this.pos = nl + 1;
      this.line++;
    }
  }

  /** Parses one record that holds a quote, from `start`. `next` is past its line end. */
  private parseQuoted(start: number, final: boolean): Parsed {
    const buf = this.buf;
    const fields: string[] = [];
    let i = start;
    for (;;) {
      const fieldNo = fields.length + 1;
      if (buf.charCodeAt(i) === QUOTE) {
        let value = '';
        let j = i + 1;
        for (;;) {
          const k = buf.indexOf('"', j);
          if (k === -1) {
            if (!final) return 'more';
            // The physical lines after this one that the open quote ran over, up to the end of the input.
            let lines = buf.endsWith('\n') ? -1 : 0;
            for (let n = buf.indexOf('\n', start); n !== -1; n = buf.indexOf('\n', n + 1)) lines++;
            return { issue: { code: 'unclosed-quote', field: fieldNo, value: firstLine(buf.slice(i, i + 40)), swallowed: lines } };
          }
          if (k + 1 >= buf.length && !final) return 'more';
          if (buf.charCodeAt(k + 1) === QUOTE) {
            value += buf.slice(j, k + 1);
            j = k + 2;
            continue;
          }
          value += buf.slice(j, k);
          i = k + 1;
          break;
        }
        fields.push(value);
        const c = buf.charCodeAt(i);
        if (i >= buf.length) return { fields, next: i };
        if (c === this.delim) { i++; continue; }
        if (c === LF) return { fields, next: i + 1 };
        if (c === CR && buf.charCodeAt(i + 1) === LF) return { fields, next: i + 2 };
        if (c === CR && i + 1 >= buf.length) return final ? { fields, next: i + 1 } : 'more';
        if (!final && buf.indexOf('\n', i) === -1) return 'more'; // see the whole line before quoting it
        let closedAt = this.line;
        for (let n = buf.indexOf('\n', start); n !== -1 && n < i; n = buf.indexOf('\n', n + 1)) closedAt++;
        return { issue: { code: 'text-after-quote', field: fieldNo, value: firstLine(buf.slice(i, i + 20)), closedAt } };
      }
      // Unquoted field: up to the delimiter or the line end.
      let k = i;
      while (k < buf.length) {
        const c = buf.charCodeAt(k);
        if (c === this.delim || c === LF) break;
        k++;
      }
      if (k >= buf.length && !final) return 'more';
      const endsLine = k >= buf.length || buf.charCodeAt(k) === LF;
      const stop = endsLine && k > i && buf.charCodeAt(k - 1) === CR ? k - 1 : k;
      fields.push(buf.slice(i, stop));
      if (endsLine) return { fields, next: Math.min(k + 1, buf.length) };
      i = k + 1;
    }
  }
}

/**
 * The issue for a record still incomplete past the limit: a quote opening a field on a short first line
 * is a runaway quote; anything else is an over-long line. `lineEnded`: the first line's end was seen.
 */
function overLongIssue(firstLineText: string, line: number, delimiter: Delimiter, maxRecord: number, lineEnded: boolean): CsvIssue {
  const open = new RegExp(`(^|${delimiter === '\t' ? '\\t' : delimiter})"`).exec(firstLineText);
  if (open && lineEnded && firstLineText.length <= maxRecord) {
    const at = open.index + open[1]!.length;
    const field = firstLineText.slice(0, at).split(delimiter).length;
    return { code: 'unclosed-quote', line, field, value: firstLine(firstLineText.slice(at, at + 40)) };
  }
  return { code: 'record-too-long', line, field: 1, value: firstLineText.slice(0, 40) };
}

/** Records holding text that did not decode (U+FFFD) become issues instead. */
export function dropUndecodable(records: RawRecord[], issues: CsvIssue[]): RawRecord[] {
  return records.filter((r) => {
    const field = r.fields.findIndex((f) => f.includes('\ufffd'));
    if (field >= 0) issues.push({ code: 'bad-encoding', line: r.line, field: field + 1, value: r.fields[field]! });
    return field < 0;
  });
}

function firstLine(s: string): string {
  const n = s.search(/\r?\n/);
  return n === -1 ? s : s.slice(0, n);
}
