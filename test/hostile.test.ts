// Hostile inputs and broken environments.
// Part 1: a catalogue of bad or odd data folders, each SMALL with one thing broken: in this process, through
// cli(argv, env) (test/in-process.ts), but for the cases whose peak memory is measured (a process of their own).
// Part 2: environments that break underneath the command, against the built binary (`npm run build` first):
// --out through /dev/stdout, a reader that goes away (`| head -1`), SIGINT in the middle of a long run.
// Part 3: property tests, in this process (the reference reports from the binary): any bytes end in a clean
// exit; every supported dialect of the same data, and any order of its rows, give byte-identical output.
import { spawn, spawnSync } from 'node:child_process';
import {
  chmodSync,
  closeSync,
  existsSync,
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bytes, cp1258, tcvn3, vni } from './encoders.js';
import { runCli } from './in-process.js';

const enc = new TextEncoder();
import { BIN, ROOT, scratch, SMALL } from './support.js';
import { mulberry32 } from '../scripts/lib/fixtures.mjs'; // one fast-check seed drives every per-cell choice

const STACK = /\n\s+at .+:\d+:\d+\)?\n/;
const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
const IS_ROOT = process.getuid?.() === 0;

// ---------------------------------------------------------------------------------------------------
// Running the binary

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  ms: number;
  /** Peak resident memory in KB, when run through /usr/bin/time. */
  peakKb?: number;
}

/** Runs the built `assess` synchronously, killed after `timeout` ms; `memory` measures its peak RSS. */
function run(args: string[], opts: { timeout?: number; memory?: boolean } = {}): Run {
  const timeout = opts.timeout ?? 20_000;
  const memFile = opts.memory && TIME ? path.join(scratch('assess-mem-'), 'rss') : undefined;
  const [cmd, argv] = memFile ? [TIME!, ['-f', '%M', '-o', memFile, process.execPath, BIN, ...args]] : [process.execPath, [BIN, ...args]];
  const t0 = performance.now();
  const r = spawnSync(cmd, argv, {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
    input: '',
    maxBuffer: 1 << 28,
    timeout,
    killSignal: 'SIGKILL',
  });
  const ms = performance.now() - t0;
  const out: Run = { code: r.status, signal: r.signal, stdout: r.stdout ?? '', stderr: r.stderr ?? '', ms };
  if (memFile) {
    const text = existsSync(memFile) ? readFileSync(memFile, 'utf8') : '';
    const kb = /(\d+)\s*$/.exec(text.trim());
    if (kb) out.peakKb = Number(kb[1]);
    rmSync(path.dirname(memFile), { recursive: true, force: true });
  }
  return out;
}

/** Runs the CLI in this process, timed: what `run` gives, for a command that needs no process of its own. */
async function runIn(args: string[]): Promise<Run> {
  const t0 = performance.now();
  const r = await runCli(args);
  return { code: r.code, signal: null, stdout: r.stdout, stderr: r.stderr, ms: performance.now() - t0 };
}

/** A clean end: finished in time, not killed, no stack trace. */
function expectClean(r: Run, timeout = 20_000): void {
  expect(r.signal, `killed by ${r.signal} (after ${Math.round(r.ms)} ms)`).toBeNull();
  expect(r.ms).toBeLessThan(timeout);
  expect(r.stderr).not.toMatch(STACK);
  expect(r.stdout).not.toMatch(STACK);
}

// ---------------------------------------------------------------------------------------------------
// Building inputs

const linesOf = (text: string): string[] => text.replace(/\n$/, '').split('\n');
const unlines = (lines: string[]): string => `${lines.join('\n')}\n`;
/** SMALL.members or SMALL.organizations with some lines changed: `f` gets the lines (index 0 = header, line 1). */
const members = (f: (lines: string[]) => string[]): string => unlines(f(linesOf(SMALL.members)));
const organizations = (f: (lines: string[]) => string[]): string => unlines(f(linesOf(SMALL.organizations)));
/** Replaces physical line `n` (1 = header) of a file. */
const atLine = (n: number, f: (line: string) => string) => (lines: string[]) => lines.map((l, i) => (i === n - 1 ? f(l) : l));

const utf16le = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, 'utf16le'));
const utf16be = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, 'utf16le').swap16());

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

type Content = string | Uint8Array;

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

const M_HEADER = linesOf(SMALL.members)[0]!;
const O_HEADER = linesOf(SMALL.organizations)[0]!;
const MB = 1 << 20;

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
    name: 'a 100 MB quoted field that never closes',
    members: undefined,
    setup: (dir) => writeHuge(path.join(dir, 'members.csv'), unlines(linesOf(SMALL.members).slice(0, 3)) + 'DV3,"', 'Lê Văn Cường, ', 100 * MB, ''),
    exit: 1,
    says: ['members.csv:4', '1 MB'],
    memory: true,
  },
  {
    name: 'a 100 MB name',
    members: undefined,
    setup: (dir) =>
      writeHuge(path.join(dir, 'members.csv'), unlines(linesOf(SMALL.members).slice(0, 3)) + 'DV3,', 'Nguyễn Văn ', 100 * MB, `,DB1-C2,2017,HTTNV,\n${unlines(linesOf(SMALL.members).slice(4))}`),
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

/** A data folder: SMALL, with the files the case gives instead (undefined: no such file). */
function dataFolder(c: Pick<Case, 'members' | 'organizations'>): string {
  const dir = scratch('assess-hostile-');
  const write = (name: string, key: 'members' | 'organizations') => {
    const content = key in c ? c[key] : SMALL[key];
    if (content !== undefined) writeFileSync(path.join(dir, name), content);
  };
  write('organizations.csv', 'organizations');
  write('members.csv', 'members');
  return dir;
}

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
      if (c.memory && v.peakKb !== undefined) expect(v.peakKb).toBeLessThan(400_000);
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

// ---------------------------------------------------------------------------------------------------
// A larger district, generated: 3 committees with cells, 2 base cells, 54 members, every rating, reasons,
// a name with a quote and a comma, a reason over two lines. No regulation warning (their line numbers
// would change when rows move).

const ORG_COLS = ['id', 'name', 'kind', 'parent_id', 'year', 'rating'] as const;
const MEM_COLS = ['id', 'name', 'org_id', 'year', 'rating', 'reason'] as const;
type Row = Record<string, string>;

function district(): { orgs: Row[]; members: Row[] } {
  const orgs: Row[] = [];
  const cells: string[] = [];
  const committee = (id: string, name: string, rating: string, cellRatings: string[]) => {
    orgs.push({ id, name, kind: 'dang_bo_co_so', parent_id: '', year: '2017', rating });
    cellRatings.forEach((r, i) => {
      orgs.push({ id: `${id}-C${i + 1}`, name: `Chi bộ thôn ${['Một', 'Hai', 'Ba'][i]} ${name.replace(/^Đảng bộ /, '')}`, kind: 'chi_bo_truc_thuoc', parent_id: id, year: '2017', rating: r });
      cells.push(`${id}-C${i + 1}`);
    });
  };
  committee('DB1', 'Đảng bộ xã Tân Phước', 'HTTNV', ['TSVM', 'HTTNV', 'YEU']); // 1/3 weak: not more than 1/3, no warning
  committee('DB2', 'Đảng bộ thị trấn Chợ Lầu', 'HTTNV', ['HTTNV', 'TSVM']);
  committee('DB3', 'Đảng bộ xã Phan Hòa', 'YEU', ['YEU', 'HTNV']);
  orgs.push({ id: 'CB1', name: 'Chi bộ Trường THPT Bắc Bình', kind: 'chi_bo_co_so', parent_id: '', year: '2017', rating: 'HTNV' });
  orgs.push({ id: 'CB2', name: 'Chi bộ Bệnh viện "Đa khoa", khu vực Nam', kind: 'chi_bo_co_so', parent_id: '', year: '2017', rating: 'TSVM' });
  cells.push('CB1', 'CB2');
  const SURNAMES = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Dương'];
  const GIVEN = ['Văn Ánh', 'Thị Bình', 'Hữu Cường', 'Ngọc Dũng', 'Minh Đức', 'Thị Giang', 'Quốc Hải', 'Thu Hạnh', 'Xuân Hiếu', 'Thị Hồng', 'Đình Hùng', 'Thị Hương', 'Công Khánh'];
  const RATINGS = ['HTXSNV', 'HTTNV', 'HTTNV', 'HTNV', 'HTNV_HC', 'KHTNV', 'UNRANKED', 'PENDING', 'HTTNV'];
  const REASONS: Record<string, string[]> = {
    UNRANKED: ['Miễn sinh hoạt', 'Mới kết nạp', 'Miễn sinh hoạt', 'Chuyển sinh hoạt, chờ hồ sơ'],
    PENDING: ['Đi làm ăn xa', 'Ốm dài ngày\n(đang nằm viện)'],
  };
  const members: Row[] = [];
  for (let i = 0; i < 54; i++) {
    const rating = RATINGS[i % RATINGS.length]!;
    const reasons = REASONS[rating];
    members.push({
      id: `DV${String(i + 1).padStart(3, '0')}`,
      name: i === 7 ? 'Nguyễn Văn "Út", em' : `${SURNAMES[i % SURNAMES.length]} ${GIVEN[(i * 5) % GIVEN.length]}`,
      org_id: cells[i % cells.length]!,
      year: '2017',
      rating: rating === 'PENDING' ? '' : rating,
      reason: reasons ? reasons[Math.floor(i / RATINGS.length) % reasons.length]! : '',
    });
  }
  return { orgs, members };
}

const DISTRICT = district();

interface Dialect {
  seed: number;
  encoding: 'utf8' | 'utf8bom' | 'utf16le' | 'utf16be';
  delimiter: ',' | ';' | '\t';
  eol: '\n' | '\r\n';
  quoteAll: boolean;
  form: 'NFC' | 'NFD';
  orgOrder: string[];
  memberOrder: string[];
}

const CANONICAL: Dialect = {
  seed: 0,
  encoding: 'utf8',
  delimiter: ',',
  eol: '\n',
  quoteAll: false,
  form: 'NFC',
  orgOrder: [...ORG_COLS],
  memberOrder: [...MEM_COLS],
};

const HEADER_VI: Record<string, Record<string, string>> = {
  org: { id: 'Mã', name: 'Tên tổ chức', kind: 'Loại', parent_id: 'Mã cấp trên', year: 'Năm', rating: 'Xếp loại' },
  member: { id: 'Mã đảng viên', name: 'Họ và tên', org_id: 'Mã chi bộ', year: 'Năm', rating: 'Xếp loại', reason: 'Lý do' },
};
const RATING_NAMES: Record<string, string[]> = {
  TSVM: ['Trong sạch vững mạnh'],
  HTTNV: ['Hoàn thành tốt nhiệm vụ'],
  HTNV: ['Hoàn thành nhiệm vụ'],
  YEU: ['Yếu kém', 'Yếu'],
  HTXSNV: ['Hoàn thành xuất sắc nhiệm vụ'],
  HTNV_HC: ['Đủ tư cách hoàn thành nhiệm vụ nhưng có hạn chế', 'Hoàn thành nhiệm vụ nhưng còn hạn chế'],
  KHTNV: ['Không hoàn thành nhiệm vụ'],
  UNRANKED: ['Không xếp loại', 'Không phân loại'],
  PENDING: ['Chưa xếp loại', 'Chưa phân loại', ''],
};
const KIND_NAMES: Record<string, string[]> = {
  dang_bo_co_so: ['Đảng bộ cơ sở'],
  chi_bo_co_so: ['Chi bộ cơ sở'],
  chi_bo_truc_thuoc: ['Chi bộ trực thuộc đảng ủy cơ sở', 'Chi bộ trực thuộc'],
};

const pick = <T>(rnd: () => number, xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
const randomCase = (rnd: () => number, s: string): string => [...s].map((ch) => (rnd() < 0.5 ? ch.toUpperCase() : ch.toLowerCase())).join('');
const stripAccents = (s: string): string => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D');

/** A rating or kind cell in one of its accepted spellings. */
function spell(rnd: () => number, code: string, names: Record<string, string[]>): string {
  if (code === '') return pick(rnd, ['', ...randomSpellings(rnd, 'PENDING', names.PENDING ?? [])]);
  return pick(rnd, randomSpellings(rnd, code, names[code] ?? []));
}
function randomSpellings(rnd: () => number, code: string, names: string[]): string[] {
  const forms = [code, randomCase(rnd, code), ...names.flatMap((n) => (n === '' ? [''] : [n, randomCase(rnd, n), stripAccents(n), randomCase(rnd, stripAccents(n))]))];
  return forms;
}

function csvFile(d: Dialect, rows: Row[], order: string[], table: 'org' | 'member'): Uint8Array {
  const rnd = mulberry32(d.seed ^ (table === 'org' ? 0x5bd1e995 : 0x1b873593));
  const quote = (s: string) => (d.quoteAll || s.includes(d.delimiter) || /["\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const header = order.map((col) => {
    if (d.seed === 0) return col;
    const vi = rnd() < 0.5;
    let h = vi ? HEADER_VI[table]![col]! : col;
    if (rnd() < 0.5) h = randomCase(rnd, h);
    if (!vi && rnd() < 0.3) h = h.replace('_', pick(rnd, ['-', ' ']));
    if (rnd() < 0.2) h = ` ${h} `;
    return h;
  });
  const cell = (row: Row, col: string): string => {
    const v = row[col]!;
    if (d.seed === 0) return v;
    if (col === 'rating') return spell(rnd, v, RATING_NAMES);
    if (col === 'kind') return spell(rnd, v, KIND_NAMES);
    return v;
  };
  const lines = [header.map(quote).join(d.delimiter), ...rows.map((row) => order.map((col) => quote(cell(row, col))).join(d.delimiter))];
  const text = (lines.join(d.eol) + d.eol).normalize(d.form);
  switch (d.encoding) {
    case 'utf8':
      return enc.encode(text);
    case 'utf8bom':
      return bytes([0xef, 0xbb, 0xbf], enc.encode(text));
    case 'utf16le':
      return bytes([0xff, 0xfe], utf16le(text));
    case 'utf16be':
      return bytes([0xfe, 0xff], utf16be(text));
  }
}

function writeDistrict(d: Dialect, data = DISTRICT, dir = scratch('assess-dialect-')): string {
  writeFileSync(path.join(dir, 'organizations.csv'), csvFile(d, data.orgs, d.orgOrder, 'org'));
  writeFileSync(path.join(dir, 'members.csv'), csvFile(d, data.members, d.memberOrder, 'member'));
  return dir;
}

// ---------------------------------------------------------------------------------------------------
// Part 2: broken environments

describe('broken environments', () => {
  let data: string;
  let big: string;
  beforeAll(() => {
    data = dataFolder({});
    // 12 000 chi bộ cơ sở with two members each: the JSON and the Markdown appendix run to megabytes.
    big = scratch('assess-big-');
    const orgs = [O_HEADER];
    const mems = [M_HEADER];
    for (let i = 0; i < 12_000; i++) {
      orgs.push(`CB${i},Chi bộ khu phố số ${i},chi_bo_co_so,,2017,${['TSVM', 'HTTNV', 'HTNV'][i % 3]}`);
      mems.push(`DV${i}a,Nguyễn Văn ${i},CB${i},2017,HTTNV,`, `DV${i}b,Trần Thị ${i},CB${i},2017,HTNV,`);
    }
    writeFileSync(path.join(big, 'organizations.csv'), unlines(orgs));
    writeFileSync(path.join(big, 'members.csv'), unlines(mems));
    // A text template that prints the appendix fifteen times over (~5 MB).
    mkdirSync(path.join(big, 'tpl'));
    writeFileSync(path.join(big, 'tpl', 'report.hbs'), '{{#each units}}{{no}}. {{name}}: {{rating}}, {{members.total}} đảng viên\n{{/each}}'.repeat(15));
  });
  afterAll(() => {
    rmSync(data, { recursive: true, force: true });
    rmSync(big, { recursive: true, force: true });
  });

  it('--out through a symlink to /dev/stdout (a pipe) writes the report to stdout and keeps the link', async () => {
    const base = scratch();
    const link = path.join(base, 'out');
    symlinkSync('/dev/stdout', link);
    const plain = await runIn(['report', '--year', '2017', data]);
    const r = run(['report', '--year', '2017', data, '--out', link]);
    try {
      expectClean(r);
      expect(r.code).toBe(0);
      expect(lstatSync(link).isSymbolicLink()).toBe(true);
      expect(readdirSync(base)).toEqual(['out']);
      expect(r.stdout).toBe(plain.stdout);
    } finally {
      rmSync(base, { recursive: true, force: true });
    }
  });

  describe('a reader that goes away: | head -1', () => {
    it.each([
      ['--format json', ['--format', 'json']],
      ['--format md', ['--format', 'md']],
      ['a text --template', ['--template', 'TPL']],
    ])('%s ends quietly, exit 0', async (_name, extra) => {
      const opts = extra.map((a) => (a === 'TPL' ? path.join(big, 'tpl', 'report.hbs') : a));
      const full = await runIn(['report', '--year', '2017', big, ...opts]);
      expect(full.code).toBe(0);
      expect(Buffer.byteLength(full.stdout)).toBeGreaterThan(MB); // far more than a pipe holds (64 KB)
      const command = [process.execPath, BIN, 'report', '--year', '2017', big, ...opts].map((a) => `'${a}'`).join(' ');
      const sh = spawnSync('bash', ['-o', 'pipefail', '-c', `${command} | head -1`], {
        encoding: 'utf8',
        env: { ...process.env, NO_COLOR: '1' },
        timeout: 20_000,
      });
      expect(sh.signal).toBeNull();
      expect(sh.stderr).not.toMatch(STACK);
      expect(sh.stderr).toBe('');
      expect(sh.status).toBe(0);
      expect(sh.stdout).toBe(`${full.stdout.split('\n')[0]}\n`);
    });
  });

  describe('SIGINT during a long run', () => {
    let huge: string;
    beforeAll(() => {
      // 3 million members (~150 MB): most of a second of reading.
      huge = scratch('assess-huge-');
      const orgs = [O_HEADER];
      for (let i = 0; i < 2000; i++) orgs.push(`CB${i},Chi bộ số ${i},chi_bo_co_so,,2017,${['TSVM', 'HTTNV', 'HTNV'][i % 3]}`);
      writeFileSync(path.join(huge, 'organizations.csv'), unlines(orgs));
      // Each row `DV${j},Nguyễn Văn ${j},CB${j % 2000},2017,${rating},` written as bytes into one reused buffer:
      // several times faster than building and encoding strings.
      const R = ['HTXSNV', 'HTTNV', 'HTNV', 'HTNV_HC'];
      const name = Buffer.from(',Nguyễn Văn ');
      const buf = Buffer.alloc(8 * MB);
      let at = 0;
      const ascii = (s: string) => (at += buf.write(s, at, 'latin1'));
      const fd = openSync(path.join(huge, 'members.csv'), 'w');
      try {
        writeSync(fd, `${M_HEADER}\n`);
        for (let j = 0; j < 3_000_000; j++) {
          if (at > buf.length - 256) {
            writeSync(fd, buf, 0, at);
            at = 0;
          }
          ascii(`DV${j}`);
          at += name.copy(buf, at);
          ascii(`${j},CB${j % 2000},2017,${R[j & 3]},\n`);
        }
        writeSync(fd, buf, 0, at);
      } finally {
        closeSync(fd);
      }
    }, 60_000);
    afterAll(() => rmSync(huge, { recursive: true, force: true }));

    interface Ended {
      code: number | null;
      signal: NodeJS.Signals | null;
      stderr: string;
      wasRunning: boolean;
    }
    /** Starts `report DIR --format json --out OUT`, sends SIGINT after `delay` ms if it still runs, waits. */
    function interrupt(dir: string, out: string, delay: number): Promise<Ended> {
      const child = spawn(process.execPath, [BIN, 'report', '--year', '2017', dir, '--format', 'json', '--out', out], {
        env: { ...process.env, NO_COLOR: '1' },
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      let stderr = '';
      child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
      let wasRunning = false;
      const timer = setTimeout(() => {
        wasRunning = child.exitCode === null && child.signalCode === null;
        if (wasRunning) child.kill('SIGINT');
      }, delay);
      return new Promise((resolve) =>
        child.on('close', (code, signal) => {
          clearTimeout(timer);
          resolve({ code, signal, stderr, wasRunning });
        }),
      );
    }

    it('after 300 ms: exit 130, no temp file, no partial output', async () => {
      const dir2 = scratch('assess-sigint-');
      try {
        const e = await interrupt(huge, path.join(dir2, 'out.txt'), 300);
        expect(e.wasRunning, 'the run ended before the signal: make the data larger').toBe(true);
        expect(e.code === 130 || e.signal === 'SIGINT').toBe(true);
        expect(e.stderr).not.toMatch(STACK);
        expect(readdirSync(dir2)).toEqual([]);
      } finally {
        rmSync(dir2, { recursive: true, force: true });
      }
    });

    it('at any moment of the rendering and writing: the output is complete or absent, and no temp file is left', async () => {
      // The signal is sent at 12 moments spread over 55–95% of a run that renders and writes 7 MB of JSON.
      const ref = scratch('assess-sigint-');
      const t0 = performance.now();
      const whole = run(['report', '--year', '2017', big, '--format', 'json', '--out', path.join(ref, 'out.txt')]);
      const took = performance.now() - t0;
      expect(whole.code).toBe(0);
      const expected = readFileSync(path.join(ref, 'out.txt'), 'utf8');
      rmSync(ref, { recursive: true, force: true });
      const bad: string[] = [];
      const MOMENTS = 12;
      for (let i = 0; i < MOMENTS; i++) {
        const delay = took * (0.55 + (0.4 * i) / MOMENTS);
        const dir2 = scratch('assess-sigint-');
        const out = path.join(dir2, 'out.txt');
        const e = await interrupt(big, out, delay);
        const left = readdirSync(dir2);
        const complete = left.length === 1 && left[0] === 'out.txt' && readFileSync(out, 'utf8') === expected;
        const interrupted = e.code === 130 || e.signal === 'SIGINT';
        const ok = (interrupted && (left.length === 0 || complete)) || (e.code === 0 && complete);
        if (!ok) bad.push(`SIGINT after ${Math.round(delay)} ms: exit ${e.code ?? e.signal}, left ${JSON.stringify(left)}`);
        if (STACK.test(e.stderr)) bad.push(`SIGINT after ${Math.round(delay)} ms: a stack trace: ${e.stderr}`);
        rmSync(dir2, { recursive: true, force: true });
      }
      expect(bad).toEqual([]);
    });
  });
});

// ---------------------------------------------------------------------------------------------------
// Part 3: properties

describe('properties', () => {
  const SPECIAL = [
    '"', '""', ',', ';', '\n', '\r', '\r\n', '\t', ' ', 'ễ', 'Đ', 'ư', 'ơ', 'e\u0301', '\uFEFF', '\u0000', '\uFFFD',
    'DV1', 'CB1', 'DB1', 'DB1-C1', '2017', '2016', 'HTNV', 'TSVM', 'chi_bo_co_so', 'chi_bo_truc_thuoc', 'dang_bo_co_so', 'Nguyễn Văn An',
  ];
  const text = fc.array(fc.constantFrom(...SPECIAL), { maxLength: 300 }).map((xs) => xs.join(''));
  const junk = (header: string) =>
    fc.oneof(
      fc.uint8Array({ maxLength: 4096 }),
      text.map((t) => enc.encode(t)),
      text.map((t) => enc.encode(`${header}\n${t}`)),
      fc.tuple(fc.constantFrom<'le' | 'be'>('le', 'be'), text).map(([bo, t]) => (bo === 'le' ? bytes([0xff, 0xfe], utf16le(`${header}\n${t}`)) : bytes([0xfe, 0xff], utf16be(`${header}\n${t}`)))),
    );

  it.each([
    ['members.csv', 'members', M_HEADER],
    ['organizations.csv', 'organizations', O_HEADER],
  ] as const)('any bytes as %s: exit 0, 1 or 2, no stack trace, within 10 s', async (_file, key, header) => {
    const dir = scratch('assess-junk-');
    try {
      await fc.assert(
        fc.asyncProperty(junk(header), fc.constantFrom('validate', 'report'), async (content, command) => {
          writeFileSync(path.join(dir, 'organizations.csv'), key === 'organizations' ? content : SMALL.organizations);
          writeFileSync(path.join(dir, 'members.csv'), key === 'members' ? content : SMALL.members);
          const r = await runIn([command, '--year', '2017', dir]);
          expectClean(r, 10_000);
          expect([0, 1, 2]).toContain(r.code);
          if (r.code !== 0 || command === 'validate') expect(r.stdout).toBe('');
        }),
        { numRuns: 50 },
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  describe('the same data in any supported dialect', () => {
    let canonicalJson: string;
    let canonicalText: string;
    beforeAll(() => {
      // The reference reports from the built binary; the properties below run in this process.
      const dir = writeDistrict(CANONICAL);
      const j = run(['report', '--year', '2017', dir, '--format', 'json']);
      const t = run(['report', '--year', '2017', dir]);
      expect(j.code).toBe(0);
      expect(t.code).toBe(0);
      canonicalJson = j.stdout;
      canonicalText = t.stdout;
      rmSync(dir, { recursive: true, force: true });
    });

    it('the canonical district is valid, warning-free and covers every rating', () => {
      const j = JSON.parse(canonicalJson);
      expect(j.warnings).toEqual([]);
      expect(j.members.total).toBe(54);
      for (const n of Object.values(j.members.byRating as Record<string, number>)) expect(n).toBeGreaterThan(0);
      expect(j.cells.byRating.YEU).toBe(2);
      expect(j.weak.length).toBe(2); // two groups, whose order must not depend on the rows' order
    });

    const dialect: fc.Arbitrary<Dialect> = fc.record({
      seed: fc.integer({ min: 1, max: 0x7fffffff }),
      encoding: fc.constantFrom('utf8', 'utf8bom', 'utf16le', 'utf16be'),
      delimiter: fc.constantFrom(',', ';', '\t'),
      eol: fc.constantFrom('\n', '\r\n'),
      quoteAll: fc.boolean(),
      form: fc.constantFrom('NFC', 'NFD'),
      orgOrder: fc.shuffledSubarray([...ORG_COLS], { minLength: ORG_COLS.length, maxLength: ORG_COLS.length }),
      memberOrder: fc.shuffledSubarray([...MEM_COLS], { minLength: MEM_COLS.length, maxLength: MEM_COLS.length }),
    });

    it('report --format json is byte-identical to the canonical one', async () => {
      await fc.assert(
        fc.asyncProperty(dialect, async (d) => {
          const dir = writeDistrict(d);
          try {
            const r = await runIn(['report', '--year', '2017', dir, '--format', 'json']);
            expectClean(r);
            expect(r.stderr).toBe('');
            expect(r.code).toBe(0);
            expect(r.stdout).toBe(canonicalJson);
          } finally {
            rmSync(dir, { recursive: true, force: true });
          }
        }),
        { numRuns: 50 },
      );
    });

    it('the district as Excel\'s "Unicode Text" (UTF-16LE, tabs, CRLF) gives the same JSON', async () => {
      const d: Dialect = { ...CANONICAL, seed: 7, encoding: 'utf16le', delimiter: '\t', eol: '\r\n' };
      const dir = writeDistrict(d);
      const r = await runIn(['report', '--year', '2017', dir, '--format', 'json']);
      expect(r.code).toBe(0);
      expect(r.stdout).toBe(canonicalJson);
      rmSync(dir, { recursive: true, force: true });
    });

    const permutation = (n: number) =>
      fc.shuffledSubarray(
        Array.from({ length: n }, (_, i) => i),
        { minLength: n, maxLength: n },
      );

    it('shuffled rows (header first) give identical JSON and text reports', async () => {
      await fc.assert(
        fc.asyncProperty(permutation(DISTRICT.orgs.length), permutation(DISTRICT.members.length), async (po, pm) => {
          const shuffled = { orgs: po.map((i) => DISTRICT.orgs[i]!), members: pm.map((i) => DISTRICT.members[i]!) };
          const dir = writeDistrict(CANONICAL, shuffled);
          try {
            const j = await runIn(['report', '--year', '2017', dir, '--format', 'json']);
            const t = await runIn(['report', '--year', '2017', dir]);
            expect(j.code).toBe(0);
            expect(t.code).toBe(0);
            expect({ json: j.stdout, text: t.stdout }).toEqual({ json: canonicalJson, text: canonicalText });
          } finally {
            rmSync(dir, { recursive: true, force: true });
          }
        }),
        { numRuns: 50 },
      );
    });
  });
});
