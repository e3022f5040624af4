// A sheet turned into CSV bytes for the byte path (src/read/xlsx/sheet-csv.ts), held to the sheet reader it
// stands in for (sheet.ts, the reference): on random sheets cut into chunks anywhere, each record of the sheet is
// the CSV's record on the same line (padded with empty fields), and nothing else is there, or the conversion
// refuses the sheet (NotPlain) for what it leaves to sheet.ts; the shared strings as CSV fields held to
// SharedStrings. Then whole runs: a members sheet checked on the byte path gives exactly what the string path
// gives, and on a problem the string path says it.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkMembers, checkOrganizations } from '../src/check.js';
import { tableSource } from '../src/io/read-table.js';
import { sheetRaw } from '../src/io/read-workbook.js';
import { locateInputs } from '../src/io/locate.js';
import { ProblemList } from '../src/problems.js';
import { SharedStrings } from '../src/read/xlsx/parts.js';
import { cellName, SheetReader, type SheetContext } from '../src/read/xlsx/sheet.js';
import { CsvStringsReader } from '../src/read/xlsx/csv-strings.js';
import { NotPlain, SheetCsv } from '../src/read/xlsx/sheet-csv.js';
import { Tokenizer, type CsvIssue } from '../src/read/tokenize.js';
import { ROOT, scratch, SMALL } from './support.js';
import { csvRows, writeWorkbook, xlsxFolder, type CellValue } from './xlsx-support.js';

const STRINGS = ['id', 'year', 'DV1', 'Nguyễn Văn An', 'a, b', 'say "hi"', '', 'two\nlines', '  spaced  '];

/** The shared strings of STRINGS as sharedStrings.xml. */
const sstXml = (strings: readonly string[]) =>
  `<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${strings.length}">${strings.map((s) => `<si><t xml:space="preserve">${s.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</t></si>`).join('')}</sst>`;

function csvStrings(xml: string, chunk: number) {
  const r = new CsvStringsReader();
  const b = Buffer.from(xml);
  for (let i = 0; i < b.length; i += chunk) r.push(b.subarray(i, i + chunk));
  return r.end();
}

const CTX: SheetContext = { sharedStrings: STRINGS, dateStyles: [false, true], date1904: false };
const sheetXml = (rows: string) =>
  `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="A1:F9"/><sheetData>${rows}</sheetData><mergeCells count="1"><mergeCell ref="A1:C1"/></mergeCells></worksheet>`;

/** The sheet's records by the reference reader: line → fields. */
function reference(xml: string): Map<number, string[]> {
  const r = new SheetReader(CTX);
  const out = new Map<number, string[]>();
  for (const rec of [...r.push(xml).records, ...r.end().records]) out.set(rec.line, rec.fields);
  return out;
}

/** The sheet as CSV bytes, pushed in chunks of `chunk` bytes, read back by our tokenizer: line → fields; or 'not plain'. */
function converted(xml: string, chunk: number): Map<number, string[]> | 'not plain' {
  const conv = new SheetCsv({ strings: csvStrings(sstXml(STRINGS), 7), dateStyles: CTX.dateStyles, date1904: false });
  const bytes = Buffer.from(xml);
  const parts: Buffer[] = [];
  try {
    for (let i = 0; i < bytes.length; i += chunk) parts.push(Buffer.from(conv.push(bytes.subarray(i, i + chunk))));
    parts.push(Buffer.from(conv.end()));
  } catch (e) {
    if (e instanceof NotPlain) return 'not plain';
    throw e;
  }
  const issues: CsvIssue[] = [];
  const tok = new Tokenizer(',');
  const records = [...tok.push(Buffer.concat(parts).toString('utf8'), issues), ...tok.end(issues)];
  expect(issues).toEqual([]);
  const out = new Map<number, string[]>();
  for (const rec of records) if (rec.fields.some((f) => f !== '')) out.set(rec.line, rec.fields);
  return out;
}

/** The reference's records padded as the CSV pads them: every row as wide as the widest so far. */
function padded(ref: Map<number, string[]>): Map<number, string[]> {
  let width = 0;
  const out = new Map<number, string[]>();
  for (const [line, fields] of ref) {
    width = Math.max(width, fields.length);
    if (fields.every((f) => f === '')) continue;
    out.set(line, [...fields, ...Array<string>(width - fields.length).fill('')]);
  }
  return out;
}

describe('SheetCsv: a sheet as CSV bytes, each row on the line of its number', () => {
  it.each<[string, string]>([
    ['shared strings, a comma and a quote inside', '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>4</v></c><c r="C1" t="s"><v>5</v></c></row>'],
    ['rows and cells left out, rows without references', '<row r="3"><c r="C3" t="s"><v>2</v></c><c r="F3"><v>1</v></c></row><row><c t="s"><v>3</v></c></row><row r="9"><c r="B9"><v>-12</v></c></row>'],
    ['typed numbers, a date cell, a long number, a float', '<row r="1"><c r="A1"><v>2025</v></c><c r="B1" s="1"><v>45667.75</v></c><c r="C1"><v>123456789012</v></c><c r="D1"><v>0.30000000000000004</v></c><c r="E1"><v>2.5E-3</v></c></row>'],
    ['booleans, an ISO date, a formula\'s saved text and number, one never computed', '<row r="2"><c r="A2" t="b"><v>1</v></c><c r="B2" t="d"><v>2024-03-08T00:00:00Z</v></c><c r="C2" t="str"><f>X</f><v>HT&amp;NV</v></c><c r="D2"><f>1+1</f><v>2</v></c><c r="E2"><f>SUM(A1)</f></c></row>'],
    ['an inline string, entities and escapes', '<row r="1"><c r="A1" t="inlineStr"><is><t xml:space="preserve"> A &amp; B, _x0041_ </t></is></c></row>'],
    ['empty rows and formatted empty cells; spaces between elements', '<row r="2"/>\n<row r="3">\n  <c r="A3" s="1"/>\n</row>\n<row r="4" spans="1:2" x14ac:dyDescent="0.25">\n <c r="A4" t="s"><v>2</v></c>\n</row>'],
    ['a shared string that is spaces, one that is empty, one out of range', '<row r="1"><c r="A1" t="s"><v>8</v></c><c r="B1" t="s"><v>6</v></c><c r="C1" t="s"><v>99</v></c><c r="D1" t="s"><v>2</v></c></row>'],
  ])('%s: the reference reader\'s records, however the XML is cut', (_name, rows) => {
    const xml = sheetXml(rows);
    const want = padded(reference(xml));
    for (const chunk of [1, 2, 3, 7, 64, 1 << 20]) expect(converted(xml, chunk), `chunks of ${chunk}`).toEqual(want);
  });

  it.each<[string, string]>([
    ['an Excel error', '<row r="1"><c r="A1" t="e"><v>#N/A</v></c></row>'],
    ['a line break in a shared string', '<row r="1"><c r="A1" t="s"><v>7</v></c></row>'],
    ['a line break in an inline string', '<row r="1"><c r="A1" t="inlineStr"><is><t>a&#10;b</t></is></c></row>'],
    ['rich text', '<row r="1"><c r="A1" t="inlineStr"><is><r><t>a</t></r></is></c></row>'],
    ['a comment', '<row r="1"><!-- x --><c r="A1" t="s"><v>0</v></c></row>'],
    ['single-quoted attributes', "<row r='1'><c r='A1' t='s'><v>0</v></c></row>"],
    ['cells out of order', '<row r="1"><c r="B1" t="s"><v>0</v></c><c r="A1" t="s"><v>1</v></c></row>'],
  ])('%s: left to the reference reader (NotPlain)', (_name, rows) => {
    expect(converted(sheetXml(rows), 1 << 20)).toBe('not plain');
  });

  it('a prefixed sheet (x:row, as the .NET SDK writes it) is left to the reference reader', () => {
    expect(converted('<x:worksheet xmlns:x="urn:x"><x:sheetData><x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c></x:row></x:sheetData></x:worksheet>', 1 << 20)).toBe('not plain');
  });

  const cell = fc.record({
    col: fc.integer({ min: 0, max: 8 }),
    type: fc.constantFrom(undefined, 's', 'n', 'b', 'str', 'd', 'inlineStr'),
    style: fc.constantFrom(undefined, '0', '1'),
    value: fc.option(fc.oneof(fc.constantFrom('0', '1', '3', '4', '5', '8', '2025', '45667', '0.5', '-7', 'TRUE', 'a &amp; b', '2024-01-02T00:00:00', ' 2 ', '1e3'), fc.stringMatching(/^[A-Za-z0-9 .,"]{0,6}$/)), { nil: undefined }),
    formula: fc.boolean(),
    ref: fc.boolean(),
  });
  const rowArb = fc.record({ r: fc.option(fc.integer({ min: 1, max: 30 }), { nil: undefined }), cells: fc.array(cell, { maxLength: 6 }) });
  const esc = (s: string) => s.replace(/"/g, '&quot;');
  it('on random sheets, cut anywhere: the reference reader\'s records, or left to it', () => {
    let plain = 0;
    fc.assert(
      fc.property(fc.array(rowArb, { maxLength: 6 }), fc.integer({ min: 1, max: 40 }), (rows, chunk) => {
        const xml = sheetXml(
          rows
            .map((row) => {
              const cells = [...row.cells].sort((a, b) => a.col - b.col).filter((c, i, all) => i === 0 || all[i - 1]!.col !== c.col);
              const body = cells.map((c) => {
                const attrs = `${c.ref && row.r !== undefined ? ` r="${cellName(c.col, row.r)}"` : ''}${c.type ? ` t="${c.type}"` : ''}${c.style ? ` s="${c.style}"` : ''}`;
                if (c.value === undefined) return `<c${attrs}/>`;
                const value = c.type === 'inlineStr' ? `<is><t>${esc(c.value)}</t></is>` : `<v>${esc(c.value)}</v>`;
                return `<c${attrs}>${c.formula ? '<f>A1</f>' : ''}${value}</c>`;
              });
              return `<row${row.r === undefined ? '' : ` r="${row.r}"`}>${body.join('')}</row>`;
            })
            .join(''),
        );
        const got = converted(xml, chunk);
        if (got === 'not plain') return;
        plain++;
        expect(got).toEqual(padded(reference(xml)));
      }),
      { numRuns: 200 },
    );
    expect(plain).toBeGreaterThan(60); // most random sheets are converted, not left to the reference
  });
});

describe('CsvStringsReader: the shared strings as CSV fields', () => {
  const text = fc.stringMatching(/^[A-Za-zÀ-ỹ0-9 ,."&<_x]{0,8}$/);
  it('each string as SharedStrings reads it (runs, phonetic guides, entities, escapes), however the XML is cut', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(text, fc.constantFrom('plain', 'preserve', 'runs', 'phonetic')), { maxLength: 8 }), fc.integer({ min: 1, max: 30 }), (items, chunk) => {
        const xmlText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
        const si = items.map(([s, how]) => {
          const t = xmlText(s);
          if (how === 'plain') return `<si><t>${t}</t></si>`;
          if (how === 'preserve') return `<si><t xml:space="preserve">${t}</t></si>`;
          if (how === 'runs') return `<si><r><t>${t}</t></r><r><rPr><b/></rPr><t>!</t></r></si>`;
          return `<si><t>${t}</t><rPh sb="0" eb="1"><t>ignored</t></rPh></si>`;
        });
        const xml = `<?xml version="1.0"?><sst xmlns="urn:x">${si.join('')}</sst>`;
        const reference = new SharedStrings();
        reference.push(xml);
        const want = reference.end();
        const got = csvStrings(xml, chunk);
        const fields = want.map((_, k) => got.pool.toString('utf8', got.starts[k], got.starts[k + 1]));
        const read = fields.map((f) => {
          const issues: CsvIssue[] = [];
          const tok = new Tokenizer(',');
          const recs = [...tok.push(`${f}\n`, issues), ...tok.end(issues)];
          return recs[0]?.fields.join(',') ?? '';
        });
        expect(read).toEqual(want);
        expect(got.broken.length).toBe(want.length);
      }),
      { numRuns: 200 },
    );
  });
});

describe('a members sheet on the byte path: the string path\'s answers', () => {
  /** The members of `dir` checked through `source` (with or without the byte path). */
  async function check(dir: string, year: number, bytePath: boolean) {
    const inputs = await locateInputs(dir);
    const problems = new ProblemList(0);
    const years = new Set([year]);
    const orgs = await checkOrganizations(inputs.organizations, tableSource(inputs.tables.get(inputs.organizations)!), years, problems);
    const full = tableSource(inputs.tables.get(inputs.members)!);
    const source = bytePath ? full : { batches: full.batches };
    const members = await checkMembers(inputs.members, source, years, orgs.result, problems);
    return { counts: members.result, years: members.years, problems: problems.data() };
  }

  it.each<[string, number]>([
    ['dang-bo-xa-2019', 2019],
    ['tinh-hoa-an-2026', 2026],
    ['bad/member-org-missing', 0],
    ['bad/duplicate-member-id', 0],

  ])('%s as a workbook', async (name, given) => {
    const src = path.join(ROOT, 'fixtures', name);
    const year = given || (JSON.parse(readFileSync(path.join(src, 'expect.json'), 'utf8')) as { year: number }).year;
    const dir = await xlsxFolder(src, 'files');
    expect(await check(dir, year, true)).toEqual(await check(dir, year, false));
  });

  it('a title row wider than the header, blank rows, typed and date cells, a long gap: the same answers', async () => {
    const dir = scratch('assess-sheet-csv-');
    const members = csvRows(SMALL.members);
    const rows = new Map<number, CellValue[]>([[1, ['DANH SÁCH ĐẢNG VIÊN', null, null, null, null, null, null, 'Ngày 01/12/2017']]]);
    for (const [n, r] of members) rows.set(n === 1 ? 3 : n + 40, r.map((c, i) => (i === 3 && typeof c === 'string' && /^\d+$/.test(c) ? Number(c) : c)));
    await writeWorkbook(path.join(dir, 'members.xlsx'), [{ name: 'Đảng viên', rows }]);
    await writeWorkbook(path.join(dir, 'organizations.xlsx'), [{ name: 'Tổ chức', rows: [...csvRows(SMALL.organizations).values()] }]);
    const got = await check(dir, 2017, true);
    expect(got).toEqual(await check(dir, 2017, false));
    expect(got.problems.notices.map((n) => n.code)).toContain('notice-title-rows');
  });

  it('a typical sheet is converted whole (the byte path is taken, not handed back)', async () => {
    const dir = await xlsxFolder(path.join(ROOT, 'fixtures', 'dang-bo-xa-2019'), 'workbook');
    const inputs = await locateInputs(dir);
    const raw = await sheetRaw(inputs.tables.get(inputs.members)!.path, 'members', true);
    expect(raw).toBeDefined();
    const parts: Buffer[] = [];
    for await (const c of raw!.chunks) parts.push(Buffer.from(c));
    const text = Buffer.concat(parts).toString('utf8');
    expect(text.split('\n')[0]).toMatch(/^id,/);
    expect(text.split('\n').filter((l) => /\S/.test(l.replace(/,/g, ''))).length).toBeGreaterThan(100);
  });
});
