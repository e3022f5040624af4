// The line scanner (src/fast/line-scanner.ts): which lines it reads on bytes and which it hands to the
// tokenizer, and that together they read any text exactly as the tokenizer alone does (the reference, held to
// csv-parse by test/tokenize.test.ts): fields, start lines and issues, in any chunks.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LineScanner } from '../src/fast/line-scanner.js';
import { Tokenizer, type CsvIssue, type Delimiter, type RawRecord } from '../src/read/tokenize.js';

type Read = { bytes: string[]; line: number } | { tokenizer: string[]; line: number } | { issue: CsvIssue['code']; line: number };

/** Reads every line it can split on bytes (the header's width), and says which way each record went. */
class Probe extends LineScanner {
  readonly read: Read[] = [];
  protected plain(buf: Buffer, start: number, end: number): boolean {
    if (!this.split(buf, start, end)) return false;
    const fields = Array.from({ length: this.width }, (_, i) => buf.toString('utf8', this.starts[i], this.ends[i]));
    this.read.push({ bytes: fields, line: this.line });
    return true;
  }
  protected slowRecord(r: RawRecord): void {
    this.read.push({ tokenizer: r.fields, line: r.line });
  }
  protected csvIssue(i: CsvIssue): void {
    this.read.push({ issue: i.code, line: i.line });
  }
  end(): void {
    this.endLines();
  }
}

function scan(text: string, width: number, delimiter: Delimiter = ',', chunk = 1 << 20): Read[] {
  const p = new Probe(width, delimiter);
  p.line = 1;
  const bytes = Buffer.from(text);
  for (let i = 0; i < bytes.length; i += chunk) p.push(bytes.subarray(i, i + chunk));
  p.end();
  return p.read;
}

describe('lines with quotes', () => {
  it.each<[string, string, 'bytes' | 'tokenizer' | 'issue', unknown]>([
    ['every field quoted', '"a","b","c"\n', 'bytes', ['a', 'b', 'c']],
    ['some fields quoted, with the delimiter inside', 'a,"b, c",d\n', 'bytes', ['a', 'b, c', 'd']],
    ['empty quoted fields', '"",b,""\n', 'bytes', ['', 'b', '']],
    ['CRLF after the closing quote', '"a",b,"c"\r\n', 'bytes', ['a', 'b', 'c']],
    ['the last field empty after a quoted one', '"a","b",\n', 'bytes', ['a', 'b', '']],
    ['Vietnamese inside quotes', '"Nguyễn Văn An","Chi bộ 1","HTTNV"\n', 'bytes', ['Nguyễn Văn An', 'Chi bộ 1', 'HTTNV']],
    ['a doubled quote inside', '"a""b",c,d\n', 'tokenizer', ['a"b', 'c', 'd']],
    ['a quote inside an unquoted field', 'a"b,c,d\n', 'tokenizer', ['a"b', 'c', 'd']],
    ['a space before the opening quote', ' "a",b,c\n', 'tokenizer', [' "a"', 'b', 'c']],
    ['a quoted line break', '"a\nb",c,d\n', 'tokenizer', ['a\nb', 'c', 'd']],
    ['the wrong width', '"a","b"\n', 'tokenizer', ['a', 'b']],
    ['text after the closing quote', '"a"x,b,c\n', 'issue', 'text-after-quote'],
    ['a quote never closed', '"a,b,c\n', 'issue', 'unclosed-quote'],
  ])('%s', (_name, text, way, what) => {
    const [first] = scan(text, 3);
    expect(first).toEqual(way === 'issue' ? { issue: what, line: 1 } : { [way]: what, line: 1 });
  });

  it('a quoted header line, then rows: every line on bytes', () => {
    expect(scan('"id";"name"\n"DV1";"An"\n"DV2";"Bình"\n', 2, ';').map((r) => Object.keys(r)[0])).toEqual(['bytes', 'bytes', 'bytes']);
  });
});

describe('the scanner reads any text as the tokenizer does', () => {
  // Fields from pieces that make every kind of quoting: plain, simply quoted, doubled quotes, quotes inside,
  // line breaks inside quotes, text after a closing quote, quotes never closed.
  const piece = fc.constantFrom('a', 'Đảng', ' ', '"', '""', ',', ';', '\t', '\r', '\n', '\r\n', 'x"y', '12');
  const raw = fc.array(piece, { maxLength: 4 }).map((p) => p.join(''));
  const field = fc.oneof(raw, raw.map((f) => `"${f}"`), raw.map((f) => `"${f.replaceAll('"', '""')}"`));
  const line = (width: number, d: string) => fc.array(field, { minLength: width - 1, maxLength: width + 1 }).map((f) => f.join(d));

  it('records (fields and start lines) and issues, in any chunks', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<Delimiter>(',', ';', '\t'),
        fc.integer({ min: 1, max: 4 }),
        fc.constantFrom('\n', '\r\n'),
        fc.integer({ min: 1, max: 40 }),
        fc.boolean(),
        (d, width, eol, chunk, endEol) =>
          fc.assert(
            fc.property(fc.array(line(width, d), { maxLength: 12 }), (lines) => {
              const text = lines.join(eol) + (endEol ? eol : '');
              const t = new Tokenizer(d);
              const issues: CsvIssue[] = [];
              const records = [...t.push(text, issues), ...t.end(issues)];
              const want = [...records.map((r) => ({ fields: r.fields, line: r.line })), ...issues.map((i) => ({ issue: i.code, line: i.line }))];
              const got = scan(text, width, d, chunk).map((r) => ('issue' in r ? r : { fields: 'bytes' in r ? r.bytes : r.tokenizer, line: r.line }));
              const order = (xs: { line: number }[]) => [...xs].sort((a, b) => a.line - b.line || ('issue' in a ? 1 : 0) - ('issue' in b ? 1 : 0));
              expect(order(got)).toEqual(order(want));
            }),
            { numRuns: 15 },
          ),
      ),
      { numRuns: 30 },
    );
  });

  it('every-field-quoted files are read on bytes, every line', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.constantFrom('DV1', 'Nguyễn Văn An', 'a, b', '', '2017', 'a;b\tc'), { minLength: 3, maxLength: 3 }), { maxLength: 20 }), fc.integer({ min: 1, max: 50 }), (rows, chunk) => {
        const text = rows.map((r) => r.map((f) => `"${f}"`).join(',')).join('\r\n');
        const read = scan(text, 3, ',', chunk);
        expect(read).toEqual(rows.map((r, i) => ({ bytes: r, line: i + 1 })));
      }),
    );
  });
});
