// Hostile inputs: a catalogue of bad or odd data folders, each SMALL with one thing broken: in this process,
// through cli(argv, env) (test/in-process.ts), but for the cases whose peak memory is measured (a process of their
// own). Broken environments are in test/hostile-environment.test.ts, whole-program properties in
// test/properties.test.ts.
import { chmodSync, closeSync, mkdirSync, openSync, rmSync, symlinkSync, writeSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { bytes, cp1258, tcvn3, vni } from './encoders.js';
import {
  atLine,
  type Content,
  dataFolder,
  enc,
  expectClean,
  IS_ROOT,
  linesOf,
  M_HEADER,
  MB,
  members,
  O_HEADER,
  organizations,
  run,
  runIn,
  unlines,
  utf16be,
  utf16le,
} from './hostile-support.js';
import { SMALL } from './support.js';

// ---------------------------------------------------------------------------------------------------
// Building inputs

const zipEntry = (name: string, content = '') =>
  bytes('PK', [3, 4, 20, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, name.length, 0, 0, 0], name, content);
/** Deterministic noise, NULs included. */
const noise = (n: number): number[] => Array.from({ length: n }, (_, i) => (i * 7919 + (i >> 3) * 31) & 0xff);

/** Writes head + `size` bytes of `filler` + tail to `file` in 1 MB chunks, never holding it in memory. */
function writeHuge(file: string, head: string, filler: string, size: number, tail: string): void {
  const chunk = Buffer.from(filler.repeat(Math.ceil((1 << 20) / Buffer.byteLength(filler))));
  const fd = openSync(file, 'w');
  try {
    writeSync(fd, head);
    for (let n = 0; n < size; n += chunk.length) writeSync(fd, chunk);
    writeSync(fd, tail);
  } finally {
    closeSync(fd);
  }
}

// ---------------------------------------------------------------------------------------------------
// Part 1: the catalogue


interface Case {
  name: string;
  members?: Content;
  organizations?: Content;
  /** More set-up in the data folder, after the two files are written (or instead of them: `undefined`). */
  setup?: (dir: string) => void;
  /** The command; default `validate --year 2017 DIR`. */
  args?: (dir: string) => string[];
  exit: number;
  says: Array<string | RegExp>;
  /** Also run `report`: same exit code; when it fails, nothing on stdout and the same listing. */
  report?: boolean;
  /** Measure the peak memory (the validate run then has a process of its own). */
  memory?: boolean;
  skip?: boolean;
  /** Further checks on the folder. */
  also?: (dir: string) => void | Promise<void>;
}


const CASES: Case[] = [
  // Empty and nearly empty files
  { name: 'members.csv is empty (0 bytes)', members: '', exit: 1, says: ['members.csv', 'rỗng'], report: true },
  { name: 'organizations.csv is empty (0 bytes)', organizations: '', exit: 1, says: ['organizations.csv', 'rỗng'] },
  { name: 'members.csv has only its header', members: `${M_HEADER}\n`, exit: 1, says: ['không có đảng viên nào của năm 2017'], report: true },
  {
    name: 'both files have only their headers',
    organizations: `${O_HEADER}\n`,
    members: `${M_HEADER}\n`,
    exit: 2,
    says: ['không có dữ liệu năm 2017'],
    report: true,
  },
  { name: 'members.csv is a UTF-8 BOM and nothing else', members: bytes([0xef, 0xbb, 0xbf]), exit: 1, says: ['members.csv', 'trống'] },
  { name: 'blank lines between rows and at the end', members: members((ls) => [ls[0]!, '', ...ls.slice(1).flatMap((l) => [l, '', ''])]), exit: 0, says: ['hợp lệ'], report: true },
  {
    name: 'trailing separators on every row',
    members: members((ls) => [ls[0]!, ...ls.slice(1).map((l) => `${l},,`)]).replace('DV8,Bùi Thị Hoa,CB1,2017,HTNV_HC,,,', 'DV8,A,CB1,2017,HTNV,,,'),
    exit: 0,
    says: ['hợp lệ'],
    report: true,
  },
  { name: 'a line of only separators', members: members((ls) => [...ls.slice(0, 3), ',,,,,', ...ls.slice(3)]), exit: 0, says: ['hợp lệ'] },
  { name: 'CRLF line ends, a BOM and quoted headers', members: `\uFEFF${members((ls) => [ls[0]!.split(',').map((h) => `"${h}"`).join(','), ...ls.slice(1)]).replace(/\n/g, '\r\n')}`, exit: 0, says: ['hợp lệ'] },

  // Not CSV text at all
  { name: 'a PNG image', members: bytes([0x89], 'PNG\r\n\x1a\n', [0, 0, 0, 13], 'IHDR', noise(3000)), exit: 1, says: ['members.csv', 'không phải văn bản'], report: true },
  {
    name: 'an Excel workbook (.xlsx) renamed .csv',
    members: bytes(zipEntry('[Content_Types].xml', '<?xml version="1.0"?>'), zipEntry('_rels/.rels'), zipEntry('xl/workbook.xml', '<workbook/>')),
    exit: 1,
    says: ['members.csv', 'Excel', 'CSV UTF-8'],
    report: true,
  },
  { name: 'an old Excel workbook (.xls)', organizations: bytes([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], noise(600)), exit: 1, says: ['organizations.csv', 'Excel'] },
  { name: 'a ZIP archive', members: zipEntry('members.csv', `${M_HEADER}\n`), exit: 1, says: ['members.csv', 'ZIP'] },
  { name: 'a PDF', members: bytes('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n'), exit: 1, says: ['members.csv', 'PDF'] },

  // Encodings
  {
    name: 'invalid UTF-8 in one row',
    members: (() => {
      const [before, after] = members((ls) => ls).split('Lê Văn Cường');
      return bytes(enc.encode(before), 'L', [0xc3, 0x28], enc.encode(` Văn Cường${after}`));
    })(),
    exit: 1,
    says: ['members.csv:4', 'UTF-8'],
    report: true,
  },
  {
    name: 'Windows-1258 (converted, with a notice)',
    members: cp1258(SMALL.members),
    exit: 0,
    says: ['lưu ý', 'Windows-1258'],
    also: async (dir) => {
      const legacy = await runIn(['report', '--year', '2017', dir, '--format', 'json']);
      const utf8 = dataFolder({});
      const original = await runIn(['report', '--year', '2017', utf8, '--format', 'json']);
      rmSync(utf8, { recursive: true, force: true });
      expect(legacy.code).toBe(0);
      expect(legacy.stdout).toBe(original.stdout);
    },
  },
  { name: 'TCVN3 (ABC)', members: tcvn3(SMALL.members), exit: 1, says: ['members.csv', 'TCVN3', 'Unikey'], report: true },
  { name: 'VNI Windows', members: vni(SMALL.members), exit: 1, says: ['members.csv', 'VNI', 'Unikey'] },
  { name: 'UTF-16LE without a BOM', members: utf16le(SMALL.members), exit: 1, says: ['members.csv', 'UTF-16'] },
  { name: 'UTF-16LE with a BOM', members: bytes([0xff, 0xfe], utf16le(SMALL.members)), exit: 0, says: ['hợp lệ'], report: true },
  { name: 'UTF-16BE with a BOM', members: bytes([0xfe, 0xff], utf16be(SMALL.members)), exit: 0, says: ['hợp lệ'] },
  {
    name: "Excel's Unicode Text: UTF-16LE, BOM, tabs, CRLF, both files",
    members: bytes([0xff, 0xfe], utf16le(SMALL.members.replace(/,/g, '\t').replace(/\n/g, '\r\n'))),
    organizations: bytes([0xff, 0xfe], utf16le(SMALL.organizations.replace(/,/g, '\t').replace(/\n/g, '\r\n'))),
    exit: 0,
    says: ['hợp lệ'],
  },

  // Malformed CSV
  {
    name: 'mixed delimiters: some rows with ;',
    members: members((ls) => ls.map((l, i) => (i === 2 || i === 4 ? l.replace(/,/g, ';') : l))),
    exit: 1,
    says: ['members.csv:3', 'members.csv:5', 'ô', 'cột'],
    report: true,
  },
  { name: 'an unclosed quote in the middle', members: members(atLine(4, (l) => l.replace('Lê', '"Lê'))), exit: 1, says: ['members.csv:4', 'ngoặc kép'], report: true },
  { name: 'an unclosed quote on the last line', members: members(atLine(9, (l) => l.replace('Bùi', '"Bùi'))), exit: 1, says: ['members.csv:9', 'ngoặc kép'] },
  { name: 'stray text after a closing quote', members: members(atLine(4, (l) => l.replace('Lê Văn', '"Lê" Văn'))), exit: 1, says: ['members.csv:4', 'ngoặc kép'] },
  { name: 'a row with one field too many', members: members(atLine(5, (l) => `${l}thừa,x`)), exit: 1, says: ['members.csv:5', 'cột'] },
  {
    name: 'a 40 MB quoted field that never closes',
    members: undefined,
    setup: (dir) => writeHuge(path.join(dir, 'members.csv'), unlines(linesOf(SMALL.members).slice(0, 3)) + 'DV3,"', 'Lê Văn Cường, ', 40 * MB, ''),
    exit: 1,
    says: ['members.csv:4', '1 MB'],
    memory: true,
  },
  {
    name: 'a 40 MB name',
    members: undefined,
    setup: (dir) =>
      writeHuge(path.join(dir, 'members.csv'), unlines(linesOf(SMALL.members).slice(0, 3)) + 'DV3,', 'Nguyễn Văn ', 40 * MB, `,DB1-C2,2017,HTTNV,\n${unlines(linesOf(SMALL.members).slice(4))}`),
    exit: 1,
    says: ['members.csv:4', '1 MB'],
    memory: true,
  },
  {
    name: 'a 10 MB last line without a newline',
    members: undefined,
    setup: (dir) => writeHuge(path.join(dir, 'members.csv'), `${SMALL.members}DV9,`, 'x', 10 * MB, ''),
    exit: 1,
    says: ['members.csv:10', '1 MB'],
    memory: true,
  },
  {
    name: '100 000 columns',
    members: (() => {
      const extra = Array.from({ length: 99_994 }, (_, i) => `c${i}`).join(',');
      const pad = ',v'.repeat(99_994);
      return members((ls) => [`${ls[0]},${extra}`, ...ls.slice(1).map((l) => l + pad)]);
    })(),
    exit: 0,
    says: ['hợp lệ'],
  },

  // Headers
  { name: 'two columns that mean the same (rating and Xếp loại)', members: members(atLine(1, (l) => l.replace('reason', 'Xếp loại'))), exit: 1, says: ['members.csv:1', 'cùng là cột'] },
  { name: 'a required column missing', members: members(atLine(1, (l) => l.replace('org_id', 'chi_bo'))), exit: 1, says: ['members.csv:1', 'org_id'], report: true },
  { name: 'a required column misspelt', members: members(atLine(1, (l) => l.replace('rating', 'ratng'))), exit: 1, says: ['members.csv:1', 'rating', 'ratng'] },
  { name: 'organizations without kind', organizations: organizations((ls) => ls.map((l) => l.split(',').filter((_, i) => i !== 2).join(','))), exit: 1, says: ['organizations.csv:1', 'kind'] },
  { name: 'headers in any case, with spaces around them', members: members(atLine(1, () => ' ID , Name ,ORG-ID,  Year,Rating ,REASON')), exit: 0, says: ['hợp lệ'] },

  // Years
  { name: 'a year with spaces around it', members: members(atLine(3, (l) => l.replace(',2017,', ', 2017 ,'))), exit: 0, says: ['hợp lệ'], report: true },
  // Excel writes a number cell with a zero decimal part: the same year (contract, second edition).
  { name: 'a year as Excel exports it, "2017.0"', members: members(atLine(3, (l) => l.replace(',2017,', ',2017.0,'))), exit: 0, says: ['hợp lệ'], report: true },
  ...['20 17', '2017.5', '-2017', '2999', '17', 'năm 2017'].map(
    (year): Case => ({ name: `year "${year}"`, members: members(atLine(3, (l) => l.replace(',2017,', `,${year},`))), exit: 1, says: ['members.csv:3', `"${year}"`] }),
  ),
  {
    name: 'rows of another year with garbage, rows of 2017 valid',
    organizations: `${SMALL.organizations}ZZ,,no_such_kind,NOWHERE,2016,Giỏi\nZZ,,,,2016,\n`,
    members: `${SMALL.members}X1,,NOWHERE,2016,Giỏi,\nX1,,,2016,TSVM,\nDV1,,CB1,2016,???,\n`,
    exit: 0,
    says: ['hợp lệ'],
    report: true,
  },

  // Ids and references
  {
    name: 'ids that differ only by case are distinct',
    members: members(atLine(3, (l) => l.replace('DV2', 'dv1'))),
    exit: 0,
    says: ['8 đảng viên'],
    also: async (dir) => expect(JSON.parse((await runIn(['report', '--year', '2017', dir, '--format', 'json'])).stdout).members.total).toBe(8),
  },
  { name: 'ids that differ only by surrounding spaces', members: members(atLine(3, (l) => l.replace('DV2', ' DV1 '))), exit: 1, says: ['members.csv:3', /trùng|đã có ở dòng 2/] },
  {
    name: 'ids that differ only by NFC and NFD',
    members: members((ls) => atLine(3, (l) => l.replace('DV2', 'Đề1'.normalize('NFD')))(atLine(2, (l) => l.replace('DV1', 'Đề1'.normalize('NFC')))(ls))),
    exit: 1,
    says: ['members.csv:3', /trùng|đã có ở dòng 2/],
  },
  {
    name: 'organization ids that differ only by NFC and NFD',
    organizations: organizations((ls) => [...ls, 'Ấp1,Chi bộ ấp Một,chi_bo_co_so,,2017,TSVM', `${'Ấp1'.normalize('NFD')},Chi bộ ấp Hai,chi_bo_co_so,,2017,TSVM`]),
    exit: 1,
    says: ['organizations.csv:9', /trùng|đã có ở dòng 8/],
  },
  { name: 'a cell that is its own parent', organizations: organizations(atLine(5, (l) => l.replace(',DB1,', ',DB1-C1,'))), exit: 1, says: ['organizations.csv:5', 'chính nó'], report: true },
  { name: 'a cell under a missing committee', organizations: organizations(atLine(5, (l) => l.replace(',DB1,', ',DB9,'))), exit: 1, says: ['organizations.csv:5', 'DB9'] },
  {
    name: 'a member of a cell of another year',
    organizations: `${SMALL.organizations}CB9,Chi bộ cũ,chi_bo_co_so,,2016,TSVM\n`,
    members: members(atLine(9, (l) => l.replace(',CB1,', ',CB9,'))),
    exit: 1,
    says: ['members.csv:9', 'CB9'],
  },
  { name: 'an unknown rating', members: members(atLine(4, (l) => l.replace('HTTNV', 'Giỏi'))), exit: 1, says: ['members.csv:4', 'Giỏi'] },

  // Data that looks like code
  {
    name: 'names that look like templates, HTML and spreadsheet formulas are just text',
    organizations: organizations(atLine(4, (l) => l.replace('Chi bộ Trường THPT', '"Chi bộ {{#each this}}x{{/each}} <script>alert(1)</script> =cmd|\' /C calc\'!A0"'))),
    exit: 0,
    says: ['hợp lệ'],
    also: async (dir) => {
      const text = await runIn(['report', '--year', '2017', dir]);
      expect(text.code).toBe(0);
      expect(text.stdout).toContain('{{#each this}}x{{/each}}');
      const html = await runIn(['report', '--year', '2017', dir, '--format', 'html']);
      expect(html.code).toBe(0);
      expect(html.stdout).not.toContain('<script>alert(1)');
      expect(html.stdout).toContain('&lt;script&gt;');
    },
  },

  // The files themselves
  {
    name: 'members.csv is a directory',
    members: undefined,
    setup: (dir) => mkdirSync(path.join(dir, 'members.csv')),
    exit: 2,
    says: ['members.csv', 'không phải là tệp'],
    report: true,
  },
  {
    name: 'members.csv cannot be read (chmod 000)',
    skip: IS_ROOT, // root reads it anyway
    setup: (dir) => chmodSync(path.join(dir, 'members.csv'), 0o000),
    exit: 2,
    says: ['members.csv'],
  },
  {
    name: 'members.csv is a symlink loop',
    members: undefined,
    setup: (dir) => {
      symlinkSync('loop.csv', path.join(dir, 'members.csv'));
      symlinkSync('members.csv', path.join(dir, 'loop.csv'));
    },
    exit: 2,
    says: ['members.csv', 'vòng lặp'],
    report: true,
  },
  { name: 'members.csv is missing', members: undefined, exit: 2, says: ['members.csv'] },

  // Usage
  { name: 'validate: DIR missing', args: (dir) => ['validate', '--year', '2017', path.join(dir, 'nope')], exit: 2, says: ['nope'] },
  { name: 'validate: DIR is a file', args: (dir) => ['validate', '--year', '2017', path.join(dir, 'members.csv')], exit: 2, says: ['không phải là thư mục'] },
  { name: 'validate: --year missing', args: (dir) => ['validate', dir], exit: 2, says: ['--year'] },
  { name: 'validate: --year 2017.0', args: (dir) => ['validate', '--year', '2017.0', dir], exit: 2, says: ['2017.0'] },
  { name: 'validate: --year empty', args: (dir) => ['validate', '--year', '', dir], exit: 2, says: ['--year'] },
  { name: 'validate: an unknown option', args: (dir) => ['validate', '--year', '2017', '--yaer', '2017', dir], exit: 2, says: ['--yaer'] },
];

describe('the hostile catalogue', () => {
  it('holds at least 40 cases', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(40);
    expect(new Set(CASES.map((c) => c.name)).size).toBe(CASES.length);
  });

  const check = async (c: Case) => {
    const dir = dataFolder(c);
    try {
      c.setup?.(dir);
      const args = c.args?.(dir) ?? ['validate', '--year', '2017', dir];
      // The peak memory is a process's (/usr/bin/time): those cases are spawned, the others run in this process.
      const v = c.memory ? run(args, { memory: true }) : await runIn(args);
      expectClean(v);
      expect({ code: v.code, stderr: v.stderr }).toMatchObject({ code: c.exit });
      for (const s of c.says) {
        if (typeof s === 'string') expect(v.stderr).toContain(s);
        else expect(v.stderr).toMatch(s);
      }
      if (args[0] === 'validate') expect(v.stdout).toBe('');
      // Bounded: 90 MB at most for a record of 40 MB (held whole as text it would take twice its size, and more).
      if (c.memory && v.peakKb !== undefined) expect(v.peakKb).toBeLessThan(160_000);
      if (c.report) {
        const r = await runIn(['report', ...args.slice(1)]);
        expectClean(r);
        expect(r.code).toBe(c.exit);
        if (c.exit !== 0) {
          expect(r.stdout).toBe('');
          expect(r.stderr).toBe(v.stderr);
        } else {
          expect(r.stdout).not.toBe('');
        }
      }
      await c.also?.(dir);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
  it.each(CASES.filter((c) => !c.skip))('$name → exit $exit', check);
  const skipped = CASES.filter((c) => c.skip);
  if (skipped.length > 0) it.skip.each(skipped)('$name → exit $exit', check);
});

