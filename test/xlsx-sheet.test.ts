// The workbook reader's pure parts (src/read/xlsx/): the XML tokenizer held to saxes (the reference) on the same
// inputs, cut into chunks anywhere; a sheet's XML → records (shared and inline strings, typed numbers, dates
// in both systems, booleans, formulas' saved values, errors, rows and cells Excel leaves out, prefixes); the
// values (numbers as Excel shows them, date serials, which formats are dates); the workbook's parts.
import fc from 'fast-check';
import { SaxesParser } from 'saxes';
import { describe, expect, it } from 'vitest';
import { dateStyles, relationships, resolvePart, SharedStrings, workbookInfo } from '../src/read/xlsx/parts.js';
import { cellName, columnOf, SheetReader, type SheetContext } from '../src/read/xlsx/sheet.js';
import { isDateFormat, numberText, serialToIso } from '../src/read/xlsx/values.js';
import { pickSheet, tableOfSheet, type Workbook } from '../src/read/xlsx/workbook.js';
import { attr, XmlTokenizer } from '../src/read/xlsx/xml.js';

const CTX: SheetContext = { sharedStrings: ['id', 'year', 'DV1', 'Nguyễn Văn An'], dateStyles: [false, true], date1904: false };

/** A sheet's XML (rows given as the inside of sheetData) read in chunks of `chunk` characters. */
function read(rows: string, ctx = CTX, chunk = 1 << 20) {
  const xml = `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="A1:F9"/><sheetData>${rows}</sheetData><mergeCells count="1"><mergeCell ref="A1:C1"/></mergeCells></worksheet>`;
  const r = new SheetReader(ctx);
  const records = [];
  const issues = [];
  for (let i = 0; i < xml.length; i += chunk) {
    const got = r.push(xml.slice(i, i + chunk));
    records.push(...got.records);
    issues.push(...got.issues);
  }
  const last = r.end();
  return { records: [...records, ...last.records].map((x) => ({ line: x.line, fields: x.fields, numeric: x.numeric })), issues: [...issues, ...last.issues] };
}

describe('SheetReader: a sheet\'s XML → records with Excel\'s row numbers', () => {
  it.each<[string, string, { line: number; fields: string[]; numeric?: number }[]]>([
    ['shared strings', '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>', [{ line: 1, fields: ['id', 'year'] }]],
    ['a year typed as a number', '<row r="2"><c r="A2" t="s"><v>2</v></c><c r="B2"><v>2025</v></c></row>', [{ line: 2, fields: ['DV1', '2025'], numeric: 0b10 }]],
    ['an inline string, rich text runs joined, phonetic guide left out', '<row r="3"><c r="A3" t="inlineStr"><is><r><t>Nguyễn </t></r><r><rPr><b/></rPr><t xml:space="preserve">Văn An</t></r><rPh><t>ignored</t></rPh></is></c></row>', [{ line: 3, fields: ['Nguyễn Văn An'] }]],
    ['a formula: its saved value, text or number', '<row r="4"><c r="A4" t="str"><f>CONCAT("H","TNV")</f><v>HTNV</v></c><c r="B4"><f>2024+1</f><v>2025</v></c></row>', [{ line: 4, fields: ['HTNV', '2025'], numeric: 0b10 }]],
    ['a formula never computed reads as empty', '<row r="5"><c r="A5" t="s"><v>2</v></c><c r="B5"><f>SUM(X1:X9)</f></c></row>', [{ line: 5, fields: ['DV1'] }]],
    ['a date cell (its format shows a date): YYYY-MM-DD', '<row r="6"><c r="A6" s="1"><v>45667</v></c><c r="B6" s="1"><v>45667.75</v></c></row>', [{ line: 6, fields: ['2025-01-10', '2025-01-10'] }]],
    ['a number in a non-date format stays a number', '<row r="7"><c r="A7" s="0"><v>45667</v></c></row>', [{ line: 7, fields: ['45667'], numeric: 1 }]],
    ['booleans', '<row r="8"><c r="A8" t="b"><v>1</v></c><c r="B8" t="b"><v>0</v></c></row>', [{ line: 8, fields: ['TRUE', 'FALSE'] }]],
    ['an ISO date cell (t="d")', '<row r="9"><c r="A9" t="d"><v>2024-03-08T00:00:00Z</v></c></row>', [{ line: 9, fields: ['2024-03-08'] }]],
    ['cells left out: the gaps are empty, a row ends at its last cell', '<row r="10"><c r="C10" t="s"><v>2</v></c><c r="F10"><v>1</v></c></row>', [{ line: 10, fields: ['', '', 'DV1', '', '', '1'], numeric: 0b100000 }]],
    ['rows left out keep their numbers; empty and blank rows are dropped', '<row r="2"><c r="A2" t="s"><v>2</v></c></row><row r="3"/><row r="4"><c r="A4" s="1"/></row><row r="9"><c r="A9" t="s"><v>3</v></c></row>', [{ line: 2, fields: ['DV1'] }, { line: 9, fields: ['Nguyễn Văn An'] }]],
    ['rows and cells without references are counted on', '<row><c t="s"><v>0</v></c><c t="s"><v>1</v></c></row><row><c t="s"><v>2</v></c></row>', [{ line: 1, fields: ['id', 'year'] }, { line: 2, fields: ['DV1'] }]],
    ['entities and OOXML escapes in inline text', '<row r="1"><c r="A1" t="inlineStr"><is><t>A &amp; B &lt;C&gt; &#7841;_x000D_x</t></is></c></row>', [{ line: 1, fields: ['A & B <C> ạ\rx'] }]],
    ['a comment and a CDATA section', '<!-- note --><row r="1"><c r="A1" t="inlineStr"><is><t><![CDATA[a<b]]></t></is></c></row>', [{ line: 1, fields: ['a<b'] }]],
    ['a long number: in full, not 1.2E+11; a float: 15 digits', '<row r="1"><c r="A1"><v>123456789012</v></c><c r="B1"><v>0.30000000000000004</v></c><c r="C1"><v>2.5E-3</v></c></row>', [{ line: 1, fields: ['123456789012', '0.3', '0.0025'], numeric: 0b111 }]],
    ['single quotes and a > inside an attribute', `<row r='1' note='a>b'><c r='B1' t='s'><v>2</v></c></row>`, [{ line: 1, fields: ['', 'DV1'], numeric: 0 }]],
  ])('%s', (_name, rows, want) => {
    const got = read(rows);
    expect(got.records).toEqual(want.map((w) => ({ numeric: 0, ...w })));
    // The same, however the XML is cut into chunks.
    for (const chunk of [1, 2, 3, 7, 64]) expect(read(rows, CTX, chunk).records, `chunks of ${chunk}`).toEqual(got.records);
  });

  it('an error cell reads as empty and is an issue naming the cell', () => {
    const got = read('<row r="17"><c r="A17" t="s"><v>2</v></c><c r="E17" t="e"><v>#N/A</v></c></row>');
    expect(got.records).toEqual([{ line: 17, fields: ['DV1'], numeric: 0 }]);
    expect(got.issues).toEqual([{ code: 'excel-error', line: 17, field: 5, cell: 'E17', value: '#N/A' }]);
  });

  it('prefixed elements (x:worksheet, x:row, x:c…), as the .NET OpenXML SDK writes them', () => {
    const xml = '<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData><x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c></x:row><x:row r="2"><x:c r="A2"><x:f>1+1</x:f><x:v>2</x:v></x:c></x:row></x:sheetData></x:worksheet>';
    for (const chunk of [1, 5, 1000]) {
      const r = new SheetReader(CTX);
      const got = [];
      for (let i = 0; i < xml.length; i += chunk) got.push(...r.push(xml.slice(i, i + chunk)).records);
      got.push(...r.end().records);
      expect(got.map((x) => x.fields)).toEqual([['id'], ['2']]);
    }
  });

  it('the 1904 date system', () => {
    expect(read('<row r="1"><c r="A1" s="1"><v>44205</v></c></row>', { ...CTX, date1904: true }).records[0]!.fields).toEqual(['2025-01-10']);
  });

  it('what follows sheetData is not read; a row cut off by the end of the file is an error', () => {
    const r = new SheetReader(CTX);
    r.push('<worksheet><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData>');
    expect(r.finished).toBe(true);
    const cut = new SheetReader(CTX);
    cut.push('<worksheet><sheetData><row r="1"><c r="A1" t="s"><v');
    expect(() => cut.end()).toThrow(/giữa chừng/);
  });
});

describe('the quick reading of common rows and the general reader agree', () => {
  const cell = fc.record({
    col: fc.integer({ min: 0, max: 8 }),
    type: fc.constantFrom(undefined, 's', 'n', 'b', 'e', 'str', 'd'),
    style: fc.constantFrom(undefined, '0', '1'),
    value: fc.option(fc.oneof(fc.constantFrom('0', '1', '3', '2025', '45667', '0.5', '#N/A', 'TRUE', 'a &amp; b', '2024-01-02T00:00:00'), fc.stringMatching(/^[A-Za-z0-9 .]{0,6}$/)), { nil: undefined }),
    ref: fc.boolean(),
  });
  const rowArb = fc.record({ r: fc.option(fc.integer({ min: 1, max: 30 }), { nil: undefined }), cells: fc.array(cell, { maxLength: 6 }) });
  const xmlOf = (rows: { r: number | undefined; cells: { col: number; type?: string; style?: string; value?: string; ref: boolean }[] }[], general: boolean) =>
    rows
      .map((row) => {
        const line = row.r === undefined ? '' : ` r="${row.r}"`;
        const cells = row.cells.map((c) => {
          const attrs = `${c.ref && row.r !== undefined ? ` r="${cellName(c.col, row.r)}"` : ''}${c.type ? ` t="${c.type}"` : ''}${c.style ? ` s="${c.style}"` : ''}`;
          return c.value === undefined ? `<c${attrs}/>` : `<c${attrs}><v>${c.value}</v></c>`;
        });
        // A comment inside the row sends it to the general reader.
        return `<row${line}>${general ? '<!-- -->' : ''}${cells.join('')}</row>`;
      })
      .join('');
  it('on random rows, cut anywhere', () => {
    fc.assert(
      fc.property(fc.array(rowArb, { maxLength: 6 }), fc.integer({ min: 1, max: 40 }), (rows, chunk) => {
        const quick = read(xmlOf(rows, false), CTX, chunk);
        const general = read(xmlOf(rows, true), CTX, chunk);
        expect(quick).toEqual(general);
      }),
      { numRuns: 300 },
    );
  });
});

describe('values', () => {
  it.each([
    ['2025', '2025'],
    ['-3', '-3'],
    ['5', '5'],
    ['2025.0', '2025'],
    ['1E+3', '1000'],
    ['0.1', '0.1'],
    ['0.30000000000000004', '0.3'],
    ['12345678901234567890', '12345678901234600000'], // past 2^53: the 15 digits Excel keeps
    ['85.5', '85.5'],
    ['abc', 'abc'],
  ])('numberText(%j) → %j', (stored, shown) => {
    expect(numberText(stored)).toBe(shown);
  });

  it.each<[number, boolean, string | undefined]>([
    [1, false, '1900-01-01'],
    [59, false, '1900-02-28'],
    [61, false, '1900-03-01'],
    [45667, false, '2025-01-10'],
    [45667.999, false, '2025-01-10'],
    [0, true, '1904-01-01'],
    [44205, true, '2025-01-10'],
    [-1, false, undefined],
    [3e6, false, undefined],
  ])('serialToIso(%d, 1904: %s) → %s', (serial, d1904, iso) => {
    expect(serialToIso(serial, d1904)).toBe(iso);
  });

  it.each<[number, string | undefined, boolean]>([
    [14, undefined, true],
    [22, undefined, true],
    [0, undefined, false],
    [49, undefined, false],
    [20, undefined, false], // h:mm, a time
    [164, 'dd/mm/yyyy', true],
    [165, '[$-42A]d mmmm yyyy', true],
    [166, 'yyyy-mm-dd;@', true],
    [167, '"Ngày" dd', true],
    [168, '"ngày"0', false], // the d of the quoted text is no day
    [169, 'h:mm:ss', false],
    [170, '[Red]#,##0', false],
    [171, '0.00E+00', false],
    [172, '@', false],
  ])('isDateFormat(%d, %j) → %s', (id, code, date) => {
    expect(isDateFormat(id, code)).toBe(date);
  });

  it('columnOf and cellName are inverse', () => {
    expect(columnOf('A1')).toBe(0);
    expect(columnOf('aa7')).toBe(26);
    expect(columnOf('XFD1')).toBe(16383);
    expect(columnOf('17')).toBe(-1);
    for (const c of [0, 25, 26, 51, 52, 701, 702, 16383]) expect(columnOf(cellName(c, 9))).toBe(c);
    expect(cellName(4, 17)).toBe('E17');
  });
});

describe('the workbook\'s parts', () => {
  it('relationships, resolved against their folder', () => {
    const xml = `<Relationships xmlns="…"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="…/sharedStrings" Target="/xl/sharedStrings.xml"/><Relationship Id="rId3" Type="…/hyperlink" Target="http://x" TargetMode="External"/></Relationships>`;
    expect(relationships(xml, 'xl/')).toEqual([
      { id: 'rId1', type: 'worksheet', target: 'xl/worksheets/sheet1.xml' },
      { id: 'rId2', type: 'sharedStrings', target: 'xl/sharedStrings.xml' },
    ]);
    expect(resolvePart('xl/worksheets/', '../theme/theme1.xml')).toBe('xl/theme/theme1.xml');
  });

  it('the workbook: sheets in order, hidden ones, the 1904 system', () => {
    const xml = `<workbook xmlns:r="…"><workbookPr date1904="1"/><sheets><sheet name="Danh mục" sheetId="2" state="hidden" r:id="rId2"/><sheet name="Đảng viên" sheetId="1" r:id="rId1"/></sheets></workbook>`;
    expect(workbookInfo(xml)).toEqual({ date1904: true, sheets: [{ name: 'Danh mục', state: 'hidden', rel: 'rId2' }, { name: 'Đảng viên', state: 'visible', rel: 'rId1' }] });
  });

  it('styles: which cell formats show a date (cellXfs only, not cellStyleXfs)', () => {
    const xml = `<styleSheet><numFmts><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/><numFmt numFmtId="165" formatCode="0.0"/></numFmts><cellStyleXfs><xf numFmtId="14"/></cellStyleXfs><cellXfs><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="165"/><xf numFmtId="14"/></cellXfs></styleSheet>`;
    expect(dateStyles(xml)).toEqual([false, true, false, true]);
  });

  it('shared strings: runs joined, phonetic guides left out, escapes undone', () => {
    const s = new SharedStrings();
    s.push('<sst><si><t>Mã</t></si><si><r><t>Đảng </t></r><r><t>viên</t></r><rPh><t>x</t></rPh></si><si><t/></si><si><t>a_x000A_b</t></si></sst>');
    expect(s.end()).toEqual(['Mã', 'Đảng viên', '', 'a\nb']);
  });

  it('which sheet: named for the table wherever it is; else the first visible; in a workbook of both, only by name', () => {
    const wb = (sheets: [string, string][]): Workbook => ({ sheets: sheets.map(([name, state], i) => ({ name, state, rel: `r${i}`, part: `p${i}` })), date1904: false, sharedStrings: undefined, styles: undefined });
    expect(pickSheet(wb([['Danh mục', 'hidden'], ['Sheet2', 'visible']]), 'members', false)?.name).toBe('Sheet2');
    expect(pickSheet(wb([['Sheet1', 'visible'], ['DANG VIEN', 'hidden']]), 'members', false)?.name).toBe('DANG VIEN');
    expect(pickSheet(wb([['Sheet1', 'visible']]), 'members', true)).toBeUndefined();
    expect(pickSheet(wb([['x', 'hidden']]), 'members', false)).toBeUndefined();
    expect([tableOfSheet('Tổ chức'), tableOfSheet('to_chuc'), tableOfSheet(' Đảng  viên '), tableOfSheet('Members'), tableOfSheet('Sheet1')]).toEqual(['organizations', 'organizations', 'members', 'members', undefined]);
  });
});

describe('XmlTokenizer held to saxes', () => {
  /** The events of a document, as ours gives them (text joined between tags, whitespace-only text left out). */
  function ours(xml: string, cuts: number[]): string[] {
    const events: string[] = [];
    let text = '';
    const flush = () => {
      if (text.trim() !== '') events.push(`text ${text}`);
      text = '';
    };
    const t = new XmlTokenizer({
      open: (name, attrs) => {
        flush();
        events.push(`open ${name} ${attr(attrs, 'v') ?? ''}`);
      },
      close: (name) => {
        flush();
        events.push(`close ${name}`);
      },
      text: (s) => (text += s),
      wantsText: true,
    });
    let at = 0;
    for (const c of [...cuts, xml.length]) {
      t.push(xml.slice(at, c));
      at = c;
    }
    t.end();
    return events;
  }
  function reference(xml: string): string[] {
    const events: string[] = [];
    let text = '';
    const flush = () => {
      if (text.trim() !== '') events.push(`text ${text}`);
      text = '';
    };
    const p = new SaxesParser();
    p.on('opentag', (tag) => {
      flush();
      events.push(`open ${tag.name.replace(/^.*:/, '')} ${(tag.attributes as Record<string, string>).v ?? ''}`);
    });
    p.on('closetag', (tag) => {
      flush();
      events.push(`close ${tag.name.replace(/^.*:/, '')}`);
    });
    p.on('text', (s) => (text += s));
    p.on('cdata', (s) => (text += s));
    p.write(xml).close();
    return events;
  }
  const textArb = fc.stringMatching(/^[a-zA-Zạđ0-9 .,;>'"=]{0,8}$/).map((s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;'));
  const attrArb = fc.stringMatching(/^[a-z0-9 >/'&]{0,6}$/).map((s) => s.replace(/&/g, '&amp;'));
  const node: fc.Memo<string> = fc.memo((depth) =>
    fc.oneof(
      { depthSize: 'small' },
      textArb,
      fc.constantFrom('&amp;', '&#7841;', '&#x1EA1;', '<!-- c > -->', '<![CDATA[a<b&c]]>', '<?pi x?>'),
      fc.tuple(fc.constantFrom('c', 'row', 'x:v', 'is'), attrArb, fc.constantFrom('"', "'")).map(([n, a, q]) => `<${n} v=${q}${a.replace(new RegExp(q, 'g'), '')}${q}/>`),
      depth <= 0 ? textArb : fc.tuple(fc.constantFrom('c', 'row', 'x:v', 't'), attrArb, fc.array(node(depth - 1), { maxLength: 4 })).map(([n, a, kids]) => `<${n} v="${a.replace(/"/g, '')}">${kids.join('')}</${n}>`),
    ),
  );
  it('gives the events saxes gives, however the text is cut', () => {
    fc.assert(
      fc.property(fc.array(node(3), { maxLength: 5 }), fc.array(fc.nat(), { maxLength: 4 }), (kids, cuts) => {
        const xml = `<?xml version="1.0"?><root>${kids.join('')}</root>`;
        const at = [...new Set(cuts.map((c) => c % (xml.length + 1)))].sort((a, b) => a - b);
        expect(ours(xml, at)).toEqual(reference(xml));
      }),
      { numRuns: 300 },
    );
  });
});
