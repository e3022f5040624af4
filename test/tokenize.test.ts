// The CSV tokenizer: RFC 4180 records with the physical lines they span, syntax issues with resync,
// the same output however the text is cut into pushes, csv-parse as a reference, and fuzzing.
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sniffDelimiter, Tokenizer, type CsvIssue, type Delimiter, type RawRecord } from '../src/read/tokenize.js';

interface Result {
  records: RawRecord[];
  issues: CsvIssue[];
}

/** Feeds `chunks` to a fresh tokenizer, one push each, then ends it. */
function run(chunks: readonly string[], delimiter: Delimiter = ',', maxRecord?: number): Result {
  const t = maxRecord === undefined ? new Tokenizer(delimiter) : new Tokenizer(delimiter, maxRecord);
  const issues: CsvIssue[] = [];
  const records: RawRecord[] = [];
  for (const chunk of chunks) records.push(...t.push(chunk, issues));
  records.push(...t.end(issues));
  return { records, issues };
}

/** `text` cut at the given code-unit positions (any order, duplicates allowed: they make empty pushes). */
function splitAt(text: string, cuts: readonly number[]): string[] {
  const points = cuts.map((c) => c % (text.length + 1)).sort((a, b) => a - b);
  const out: string[] = [];
  let from = 0;
  for (const p of points) {
    out.push(text.slice(from, p));
    from = p;
  }
  out.push(text.slice(from));
  return out;
}

/** Every code unit its own push (splits CRLF, surrogate pairs, `""`, a quote from what follows it). */
const perCodeUnit = (text: string): string[] => text.split('');

const rec = (fields: string[], line: number, endLine = line): RawRecord => ({ fields, line, endLine });

function count(text: string, needle: string): number {
  let n = 0;
  for (let i = text.indexOf(needle); i !== -1; i = text.indexOf(needle, i + needle.length)) n++;
  return n;
}

// ---------------------------------------------------------------------------------------------------------
// 1. The rules, one table row each. Every row is also run one code unit per push: the result must not change.

type Row = [name: string, text: string, delimiter: Delimiter, records: RawRecord[], issues: CsvIssue[]];

const ROWS: Row[] = [
  ['simple', 'a,b,c\n1,2,3\n', ',', [rec(['a', 'b', 'c'], 1), rec(['1', '2', '3'], 2)], []],
  ['CRLF: the CR is no part of the last field', 'a,b\r\n1,2\r\n', ',', [rec(['a', 'b'], 1), rec(['1', '2'], 2)], []],
  ['LF and CRLF mixed', 'a,b\r\n1,2\n3,4\r\n', ',', [rec(['a', 'b'], 1), rec(['1', '2'], 2), rec(['3', '4'], 3)], []],
  ['blank lines make no record but count as lines', 'a,b\n\n1,2\n\r\n\n3,4\n\n', ',', [rec(['a', 'b'], 1), rec(['1', '2'], 3), rec(['3', '4'], 6)], []],
  ['leading blank lines', '\n\r\na\n', ',', [rec(['a'], 3)], []],
  ['empty input', '', ',', [], []],
  ['only line breaks', '\n\r\n\n', ',', [], []],
  ['trailing delimiter gives an empty last field', 'a,b,\n1,2,\n', ',', [rec(['a', 'b', ''], 1), rec(['1', '2', ''], 2)], []],
  ['a line of delimiters is a record of empty fields', ',,\n', ',', [rec(['', '', ''], 1)], []],
  ['spaces are data', ' a , b \n', ',', [rec([' a ', ' b '], 1)], []],
  ['quoted delimiter', '"a,b",c\nd,"e,f"\n', ',', [rec(['a,b', 'c'], 1), rec(['d', 'e,f'], 2)], []],
  [
    'quoted LF: the record spans lines, the next records shift',
    'id,note\n1,"x\ny\nz"\n2,w\n',
    ',',
    [rec(['id', 'note'], 1), rec(['1', 'x\ny\nz'], 2, 4), rec(['2', 'w'], 5)],
    [],
  ],
  ['quoted CRLF is kept as data', '1,"x\r\ny"\r\n2,w\r\n', ',', [rec(['1', 'x\r\ny'], 1, 2), rec(['2', 'w'], 3)], []],
  ['quoted field that is only a line break', '"\n",a\nb\n', ',', [rec(['\n', 'a'], 1, 2), rec(['b'], 3)], []],
  ['several multi-line fields in one record', '"a\nb","c\n\nd"\ne\n', ',', [rec(['a\nb', 'c\n\nd'], 1, 4), rec(['e'], 5)], []],
  ['escaped quotes', '"a ""b"" c",d\n', ',', [rec(['a "b" c', 'd'], 1)], []],
  ['a field that is one quote', '"""",""""""\n', ',', [rec(['"', '""'], 1)], []],
  ['empty quoted fields', '"",x\nx,""\n""\n', ',', [rec(['', 'x'], 1), rec(['x', ''], 2), rec([''], 3)], []],
  ['quote inside an unquoted field is literal', 'ab"c,d\na"b"c\nx,y"\n', ',', [rec(['ab"c', 'd'], 1), rec(['a"b"c'], 2), rec(['x', 'y"'], 3)], []],
  ['quoted field after an unquoted one with a quote', 'a"b,"c,d"\n', ',', [rec(['a"b', 'c,d'], 1)], []],
  ['last line without a line break', 'a,b\n1,2', ',', [rec(['a', 'b'], 1), rec(['1', '2'], 2)], []],
  ['last line quoted without a line break', 'a\n"x\ny"', ',', [rec(['a'], 1), rec(['x\ny'], 2, 3)], []],
  ['last line ends in a quote then CRLF', 'a\r\n"b"\r\n', ',', [rec(['a'], 1), rec(['b'], 2)], []],
  ['Vietnamese text', 'Họ tên,Đánh giá\n"Nguyễn Văn Ễ, Đ",Hoàn thành\n', ',', [rec(['Họ tên', 'Đánh giá'], 1), rec(['Nguyễn Văn Ễ, Đ', 'Hoàn thành'], 2)], []],
  ['semicolon: commas are data', 'a;b,c\n"x;y";z\n', ';', [rec(['a', 'b,c'], 1), rec(['x;y', 'z'], 2)], []],
  ['tab', 'a\tb\n"x\ty"\tz\n', '\t', [rec(['a', 'b'], 1), rec(['x\ty', 'z'], 2)], []],

  // Issues: the record is dropped, reading resumes at the physical line after the record's first line.
  [
    'text-after-quote, the next rows still read',
    'h\n"abc"x,y\nnext,row\n',
    ',',
    [rec(['h'], 1), rec(['next', 'row'], 3)],
    [{ code: 'text-after-quote', line: 2, field: 1, value: 'x,y', closedAt: 2 }],
  ],
  [
    'text-after-quote in a later field',
    'a,"b" ,c\nd\n',
    ',',
    [rec(['d'], 2)],
    [{ code: 'text-after-quote', line: 1, field: 2, value: ' ,c', closedAt: 1 }],
  ],
  [
    'text-after-quote: a CR not followed by LF',
    '"a"\rb\nc\n',
    ',',
    [rec(['c'], 2)],
    [{ code: 'text-after-quote', line: 1, field: 1, value: '\rb', closedAt: 1 }],
  ],
  [
    'text-after-quote closing on a later line: closedAt is that line, resync at the line after the first',
    'h\n"a\nb"x\nc\n',
    ',',
    [rec(['h'], 1), rec(['b"x'], 3), rec(['c'], 4)],
    [{ code: 'text-after-quote', line: 2, field: 1, value: 'x', closedAt: 3 }],
  ],
  [
    'unclosed-quote at the end of input, the swallowed lines are read again',
    'h\n"abc,d\ne,f\n',
    ',',
    [rec(['h'], 1), rec(['e', 'f'], 3)],
    [{ code: 'unclosed-quote', line: 2, field: 1, value: '"abc,d', swallowed: 1 }],
  ],
  [
    'unclosed-quote, input without a final line break',
    'h\n"abc\nx\ny',
    ',',
    [rec(['h'], 1), rec(['x'], 3), rec(['y'], 4)],
    [{ code: 'unclosed-quote', line: 2, field: 1, value: '"abc', swallowed: 2 }],
  ],
  [
    'unclosed-quote in a later field',
    'a,"b\nc\n',
    ',',
    [rec(['c'], 2)],
    [{ code: 'unclosed-quote', line: 1, field: 2, value: '"b', swallowed: 1 }],
  ],
  ['unclosed-quote on the last line swallows nothing', 'h\nx,"y\n', ',', [rec(['h'], 1)], [{ code: 'unclosed-quote', line: 2, field: 2, value: '"y', swallowed: 0 }]],
  [
    'two broken rows, the good rows around them keep their lines',
    'h\n"a"b\nok,1\n"c\n\nok,2\n',
    ',',
    [rec(['h'], 1), rec(['ok', '1'], 3), rec(['ok', '2'], 6)],
    [
      { code: 'text-after-quote', line: 2, field: 1, value: 'b', closedAt: 2 },
      { code: 'unclosed-quote', line: 4, field: 1, value: '"c', swallowed: 2 },
    ],
  ],
];

describe('Tokenizer: the rules', () => {
  it.each(ROWS)('%s', (_name, text, delimiter, records, issues) => {
    expect(run([text], delimiter)).toEqual({ records, issues });
  });

  it.each(ROWS)('%s (one code unit per push)', (_name, text, delimiter, records, issues) => {
    expect(run(perCodeUnit(text), delimiter)).toEqual({ records, issues });
  });

  // `swallowed` counts the physical lines after the record's first line (the line the issue is reported at),
  // also when the unclosed quote opens in a field that starts on a later line of a multi-line record.
  it('unclosed-quote opened on a later line of the record: swallowed counts from the record\'s first line', () => {
    const text = 'a,"b\nc",d,"e\nf\n';
    expect(run([text])).toEqual({
      records: [rec(['f'], 3)],
      issues: [
        { code: 'unclosed-quote', line: 1, field: 4, value: '"e', swallowed: 2 },
        { code: 'unclosed-quote', line: 2, field: 3, value: '"e', swallowed: 1 },
      ],
    });
  });

  // The issue's `value` (the text after the closing quote) must not depend on where a push ended.
  it('text-after-quote: the value is the same when a push ends right after the stray text', () => {
    const want = {
      records: [rec(['x'], 2), rec(['z'], 3)],
      issues: [{ code: 'text-after-quote', line: 1, field: 1, value: 'x"', closedAt: 2 }],
    };
    expect(run(['"\n"x"\nz\n'])).toEqual(want);
    expect(run(['"\n"x', '"\nz\n'])).toEqual(want);
  });

  it('returns each record from the push that completes it', () => {
    const t = new Tokenizer(',');
    const issues: CsvIssue[] = [];
    expect(t.push('a,b\n1,"x', issues)).toEqual([rec(['a', 'b'], 1)]);
    expect(t.push('\ny"', issues)).toEqual([]);
    expect(t.push('\n2,z', issues)).toEqual([rec(['1', 'x\ny'], 2, 3)]);
    expect(t.end(issues)).toEqual([rec(['2', 'z'], 4)]);
    expect(issues).toEqual([]);
  });

  it('a CR at the end of a push is held until the next one tells CRLF from text-after-quote', () => {
    const t = new Tokenizer(',');
    const issues: CsvIssue[] = [];
    expect(t.push('"a"\r', issues)).toEqual([]);
    expect(t.push('\nb\n', issues)).toEqual([rec(['a'], 1), rec(['b'], 2)]);
    expect(t.end(issues)).toEqual([]);
    expect(issues).toEqual([]);
  });
});

describe('Tokenizer: maxRecord', () => {
  const tenAtATime = (text: string): string[] => splitAt(text, Array.from({ length: Math.ceil(text.length / 10) }, (_, i) => i * 10));

  it('record-too-long for an unquoted line that outgrows maxRecord before its line end; the next rows read', () => {
    const text = 'h\n' + 'x'.repeat(60) + '\nz,1\n';
    expect(run(tenAtATime(text), ',', 50)).toEqual({
      records: [rec(['h'], 1), rec(['z', '1'], 3)],
      issues: [{ code: 'record-too-long', line: 2, field: 1, value: 'x'.repeat(40) }],
    });
  });

  it('a too-long last line without a line break is dropped', () => {
    const text = 'h\n' + 'x'.repeat(60);
    expect(run(tenAtATime(text), ',', 50)).toEqual({
      records: [rec(['h'], 1)],
      issues: [{ code: 'record-too-long', line: 2, field: 1, value: 'x'.repeat(40) }],
    });
  });

  it('unclosed-quote for a quote still open after maxRecord chars; the lines it ran over are read as rows', () => {
    const rows = Array.from({ length: 20 }, (_, i) => `r${i},${i}`);
    const text = 'h\n"abc,d\n' + rows.join('\n') + '\n';
    const got = run(tenAtATime(text), ',', 50);
    expect(got.issues).toEqual([{ code: 'unclosed-quote', line: 2, field: 1, value: '"abc,d' }]);
    expect(got.records).toEqual([rec(['h'], 1), ...rows.map((r, i) => rec(r.split(','), i + 3))]);
  });

  it('lines within maxRecord are not affected', () => {
    const text = 'h\n' + 'x'.repeat(48) + '\n"' + 'y'.repeat(46) + '"\n';
    expect(run(tenAtATime(text), ',', 50)).toEqual({ records: [rec(['h'], 1), rec(['x'.repeat(48)], 2), rec(['y'.repeat(46)], 3)], issues: [] });
  });

  // After a too-long line whose first quote is the last character of a push, the cached index of the next
  // quote must not turn into -1 ("no quote left") on the next push: later quoted rows would be split naively.
  it('reads quoted rows correctly after a too-long line whose push ended in its first quote', () => {
    const got = run(['a\n' + 'x'.repeat(20) + ',"', 'b"\n"p,q",r\n'], ',', 10);
    expect(got.records).toEqual([rec(['a'], 1), rec(['p,q', 'r'], 3)]);
    expect(got.issues.map((i) => [i.code, i.line])).toEqual([['record-too-long', 2]]); // 24 characters over a limit of 10
  });
});

describe('sniffDelimiter', () => {
  it.each<[string, string, Delimiter]>([
    ['commas', 'a,b,c\n1;2;3;4;5\n', ','],
    ['semicolons', 'a;b;c\n1,2,3,4,5\n', ';'],
    ['tabs', 'a\tb\tc\n', '\t'],
    ['tabs beat a comma', 'a\tb\tc,d\n', '\t'],
    ['semicolon header with a quoted comma', '"Họ, tên";"Đơn vị";Năm\n1,2,3,4\n', ';'],
    ['quoted commas only, one semicolon', '"a,b,c";d\n', ';'],
    ['doubled quote inside a quoted field', '"a""b,c,d";e\n', ';'],
    ['quoted line break in the header', '"x\ny,z,w";a;b\nc,d,e,f,g,h\n', ';'],
    ['CRLF', 'a;b\r\n1,2,3\r\n', ';'],
    ['only the first line counts', 'a;b\n1,2,3,4\n', ';'],
    ['no line break', 'a,b;c;d', ';'],
    ['tie: comma', 'a;b,c\n', ','],
    ['no delimiter: comma', 'abc\nd;e;f\n', ','],
    ['empty: comma', '', ','],
    // Like the tokenizer, a quote inside an unquoted field is a literal character, not the start of a quoted field.
    ['a literal quote inside a header field', 'ab"c;d;e\n1;2;3\n', ';'],
  ])('%s', (_name, text, want) => expect(sniffDelimiter(text)).toBe(want));
});

// ---------------------------------------------------------------------------------------------------------
// Generated CSV for the properties.

const UNITS = ['a', 'b', 'Z', '0', '7', ' ', ',', ';', '\t', '"', '\n', '\r\n', 'ễ', 'Đ', 'ư', 'Ơ', 'à', 'ạ', '.', '-'];
const fieldArb = fc.string({ unit: fc.constantFrom(...UNITS), maxLength: 8 });

/** RFC 4180: quote a field holding the delimiter, a quote, CR or LF (or any field, when `force`). */
function serializeField(value: string, delimiter: Delimiter, force: boolean): string {
  return force || value.includes(delimiter) || /["\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

interface Csv {
  delimiter: Delimiter;
  rows: string[][];
  /** Serialized rows, without their line ends. */
  lines: string[];
  text: string;
}

/** Rows of the given shape, serialized with one line end (csv-parse detects one per file) or mixed ones. */
function csvArb(opts: { sameWidth: boolean; nonBlank: boolean; mixedEols: boolean }): fc.Arbitrary<Csv> {
  const width = opts.sameWidth ? fc.integer({ min: 1, max: 5 }).map((w) => ({ min: w, max: w })) : fc.constant({ min: 1, max: 5 });
  return fc
    .record({
      delimiter: fc.constantFrom<Delimiter>(',', ';', '\t'),
      shape: width,
      eol: fc.constantFrom('\n', '\r\n'),
      finalEol: fc.boolean(),
    })
    .chain(({ delimiter, shape, eol, finalEol }) => {
      let row = fc.array(fc.tuple(fieldArb, fc.boolean()), { minLength: shape.min, maxLength: shape.max });
      if (opts.nonBlank) row = row.filter((r) => r.some(([f]) => f !== ''));
      const eols = opts.mixedEols ? fc.array(fc.constantFrom('\n', '\r\n'), { minLength: 12, maxLength: 12 }) : fc.constant(Array<string>(12).fill(eol));
      return fc.tuple(fc.array(row, { minLength: 1, maxLength: 12 }), eols).map(([cells, ends]): Csv => {
        const lines = cells.map((r) => r.map(([f, force]) => serializeField(f, delimiter, force)).join(delimiter));
        const text = lines.map((l, i) => l + (i < lines.length - 1 || finalEol ? ends[i]! : '')).join('');
        return { delimiter, rows: cells.map((r) => r.map(([f]) => f)), lines, text };
      });
    });
}

const cutsArb = fc.array(fc.nat({ max: 10_000 }), { maxLength: 25 });

/** Text rich in quotes, delimiters and line ends, or any code units at all. */
const fuzzText = fc.oneof(
  fc.string({ unit: fc.constantFrom('"', '"', ',', ';', '\n', '\r', '\r\n', 'a', ' ', '""', 'ễ'), maxLength: 80 }),
  fc.string({ unit: 'binary', maxLength: 80 }),
);

// ---------------------------------------------------------------------------------------------------------
// 2. However the text is cut into pushes, the records and issues are the same.

describe('Tokenizer: chunking does not matter', () => {
  it('valid CSV: one push equals many pushes at random positions', () => {
    fc.assert(
      fc.property(csvArb({ sameWidth: false, nonBlank: false, mixedEols: true }), cutsArb, (csv, cuts) => {
        const whole = run([csv.text], csv.delimiter);
        expect(whole.issues).toEqual([]);
        expect(run(splitAt(csv.text, cuts), csv.delimiter)).toEqual(whole);
      }),
      { numRuns: 400 },
    );
  });

  it('valid CSV: one push equals one code unit per push', () => {
    fc.assert(
      fc.property(csvArb({ sameWidth: false, nonBlank: false, mixedEols: true }), (csv) => {
        expect(run(perCodeUnit(csv.text), csv.delimiter)).toEqual(run([csv.text], csv.delimiter));
      }),
      { numRuns: 200 },
    );
  });

  it('arbitrary text (broken quotes, lone CRs): one push equals many pushes', () => {
    fc.assert(
      fc.property(fuzzText, cutsArb, (text, cuts) => {
        expect(run(splitAt(text, cuts))).toEqual(run([text]));
      }),
      { numRuns: 500 },
    );
  });
});

// ---------------------------------------------------------------------------------------------------------
// 3. csv-parse as the reference for the fields; the start lines computed from the serialized text.

describe('Tokenizer: agrees with csv-parse', () => {
  it('on valid CSV of equal-width, non-blank rows', () => {
    fc.assert(
      fc.property(csvArb({ sameWidth: true, nonBlank: true, mixedEols: false }), cutsArb, (csv, cuts) => {
        const reference = parse(csv.text, { delimiter: csv.delimiter, relax_column_count: true, relax_quotes: true, skip_empty_lines: true }) as string[][];
        const ours = run(splitAt(csv.text, cuts), csv.delimiter);
        expect(ours.issues).toEqual([]);
        expect(ours.records.map((r) => r.fields)).toEqual(reference);
        expect(reference).toEqual(csv.rows); // the generator round-trips, so both are right

        let line = 1;
        const want = csv.lines.map((l) => {
          const span = { line, endLine: line + count(l, '\n') };
          line = span.endLine + 1;
          return span;
        });
        expect(ours.records.map(({ line: l, endLine }) => ({ line: l, endLine }))).toEqual(want);
      }),
      { numRuns: 400 },
    );
  });

  it('on fixed tricky inputs', () => {
    const opts = { delimiter: ',', relax_column_count: true, relax_quotes: true, skip_empty_lines: true };
    for (const text of ['a,b\n"x,""y""",z\n', 'a"b,c\n', '"\r\n",x\r\ny,z\r\n', 'Đ,ễ\n"ễ\n",Đ', ' a ,"b"\n']) {
      expect(run([text]).records.map((r) => r.fields), JSON.stringify(text)).toEqual(parse(text, opts));
    }
  });
});

// ---------------------------------------------------------------------------------------------------------
// 4. Fuzz: arbitrary text never throws, ends, and keeps its line numbers sane.

function checkInvariants(text: string, { records, issues }: Result): void {
  const lastLine = count(text, '\n') + 1;
  let previous = 0;
  for (const r of records) {
    expect(r.line).toBeGreaterThanOrEqual(1);
    expect(r.line).toBeGreaterThan(previous);
    expect(r.endLine).toBeGreaterThanOrEqual(r.line);
    expect(r.endLine).toBeLessThanOrEqual(lastLine);
    // Only quoted fields hold line breaks, and those are exactly the lines the record runs over.
    expect(r.fields.reduce((n, f) => n + count(f, '\n'), 0)).toBe(r.endLine - r.line);
    expect(r.fields.length).toBeGreaterThanOrEqual(1);
    previous = r.endLine;
  }
  for (const i of issues) {
    expect(i.line).toBeGreaterThanOrEqual(1);
    expect(i.line).toBeLessThanOrEqual(lastLine);
    expect(i.field).toBeGreaterThanOrEqual(1);
    // A dropped record's first line is no record's line.
    expect(records.some((r) => r.line <= i.line && i.line <= r.endLine)).toBe(false);
    if (i.swallowed !== undefined) expect(i.swallowed).toBeGreaterThanOrEqual(0);
    if (i.closedAt !== undefined) expect(i.closedAt).toBeGreaterThanOrEqual(i.line);
  }
  // Issues come in line order, one per line.
  for (let k = 1; k < issues.length; k++) expect(issues[k]!.line).toBeGreaterThan(issues[k - 1]!.line);
}

describe('Tokenizer: fuzz', () => {
  it('arbitrary text never throws and keeps line numbers sane', () => {
    fc.assert(
      fc.property(fuzzText, fc.constantFrom<Delimiter>(',', ';', '\t'), cutsArb, (text, delimiter, cuts) => {
        checkInvariants(text, run([text], delimiter));
        checkInvariants(text, run(splitAt(text, cuts), delimiter));
      }),
      { numRuns: 500 },
    );
  });

  it('with a small maxRecord, arbitrary text cut anywhere never throws and keeps line numbers sane', () => {
    fc.assert(
      fc.property(fuzzText, cutsArb, fc.integer({ min: 1, max: 20 }), (text, cuts, maxRecord) => {
        checkInvariants(text, run(splitAt(text, cuts), ',', maxRecord));
      }),
      { numRuns: 500 },
    );
  });

  it('text without quotes is split by line and delimiter, blank lines skipped', () => {
    const noQuotes = fc.string({ unit: fc.constantFrom(',', ';', '\n', '\r', '\r\n', 'a', ' ', 'ễ'), maxLength: 60 });
    fc.assert(
      fc.property(noQuotes, cutsArb, (text, cuts) => {
        const want: RawRecord[] = [];
        text.split('\n').forEach((l, i) => {
          const body = l.endsWith('\r') ? l.slice(0, -1) : l;
          if (body !== '') want.push(rec(body.split(','), i + 1));
        });
        expect(run(splitAt(text, cuts))).toEqual({ records: want, issues: [] });
      }),
      { numRuns: 300 },
    );
  });
});
