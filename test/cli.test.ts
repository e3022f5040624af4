// The command line: exit codes, what goes to stdout and stderr, --out. In this process through
// cli(argv, env) (test/in-process.ts; relative paths resolve against the project root, vitest's working
// directory); the built binary is spawned, as a user runs it, for a few smoke tests and what needs a process
// of its own: another working directory, /dev/full, the environment's NO_COLOR, the two threads of a large file.
import { chmodSync, closeSync, existsSync, lstatSync, mkdirSync, openSync, readdirSync, readFileSync, readSync, statSync, symlinkSync, writeFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './in-process.js';
import { assess, dataDir, ROOT, scratch, SMALL } from './support.js';

const FIXTURE = 'fixtures/bac-binh-2017';
const STACK = /\n\s+at .+:\d+:\d+\)?\n/;

describe('report and validate on the shipped example', () => {
  it('prints the report on stdout and nothing on stderr', () => {
    const r = assess(['report', '--year', '2017', FIXTURE]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('Bắc Bình: Kết quả đánh giá');
  });

  it('is byte-identical from run to run and from any working directory', () => {
    const a = assess(['report', '--year', '2017', path.join(ROOT, FIXTURE)]);
    const b = assess(['report', '--year', '2017', path.join(ROOT, FIXTURE)], { cwd: scratch() });
    expect(b.stdout).toBe(a.stdout);
  });

  it('validate says the data is valid on stderr and prints nothing on stdout', async () => {
    const r = await runCli(['validate', '--year', '2017', FIXTURE]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('hợp lệ');
    expect(r.stderr).toContain('2.904 đảng viên');
  });

  it('--format json prints the contract figures', async () => {
    const r = await runCli(['report', '--year', '2017', FIXTURE, '--format', 'json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.members.total).toBe(2904);
    expect(j.cells.committees).toBe(27);
  });

  it('--help works and exits 0', () => {
    const r = assess(['report', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('--year');
  });
});

describe('the bad-input catalogue (fixtures/bad)', () => {
  const cases = readdirSync(path.join(ROOT, 'fixtures', 'bad'), { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
  it.each(cases)('%s', async (name) => {
    const dir = path.join('fixtures', 'bad', name);
    const want = JSON.parse(readFileSync(path.join(ROOT, dir, 'expect.json'), 'utf8')) as { year: number; exit: number; stderr: string[] };
    const v = await runCli(['validate', '--year', String(want.year), dir]);
    expect(v.code).toBe(want.exit);
    for (const s of want.stderr) expect(v.stderr).toContain(s);
    expect(v.stdout).toBe('');
    expect(v.stderr).not.toMatch(STACK);
    const r = await runCli(['report', '--year', String(want.year), dir]);
    expect(r.code).toBe(want.exit);
    if (want.exit !== 0) {
      expect(r.stdout).toBe(''); // report refuses, with the same listing
      expect(r.stderr).toBe(v.stderr);
    }
  });

  it('lists problems sorted by file and line, then a summary', async () => {
    const r = await runCli(['validate', '--year', '2017', 'fixtures/bad/many-problems']);
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines.at(-1)).toMatch(/^10 lỗi: /);
    const places = lines.slice(0, -1).map((l) => /^(.*?):(\d+):/.exec(l)!.slice(1));
    const sorted = [...places].sort((a, b) => (a[0]! < b[0]! ? -1 : a[0]! > b[0]! ? 1 : Number(a[1]) - Number(b[1])));
    expect(places).toEqual(sorted);
  });

  it('--max-problems caps the listing and says how many more', async () => {
    const r = await runCli(['validate', '--year', '2017', 'fixtures/bad/many-problems', '--max-problems', '3']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('… và 7 lỗi khác');
    expect(r.stderr).toMatch(/10 lỗi: /);
  });
});

describe('usage errors exit 2, explained on stderr, nothing on stdout', () => {
  const dir = dataDir(SMALL);
  it.each([
    ['no --year', ['report', dir], 'thiếu tùy chọn --year'],
    ['a malformed --year', ['report', '--year', 'abcd', dir], '"abcd"'],
    ['a year out of range', ['report', '--year', '3017', dir], 'năm phải từ'],
    ['an unknown option', ['report', '--year', '2017', '--no-such-option', dir], '--no-such-option'],
    ['an unknown command', ['frobnicate'], 'frobnicate'],
    ['no DIR', ['report', '--year', '2017'], 'DIR'],
    ['a missing DIR', ['report', '--year', '2017', path.join(dir, 'nope')], 'không có thư mục'],
    ['DIR is a file', ['report', '--year', '2017', path.join(dir, 'members.csv')], 'không phải là thư mục'],
    ['DIR without the CSV files', ['report', '--year', '2017', scratch()], 'organizations.csv và members.csv'],
    ['a year with no rows', ['report', '--year', '2015', dir], 'không có dữ liệu năm 2015'],
    ['an unknown --format', ['report', '--year', '2017', dir, '--format', 'pdf'], 'pdf'],
  ])('%s', async (_name, args, says) => {
    const r = await runCli(args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(says);
    expect(r.stderr).not.toMatch(STACK);
  });

  it('a members file with no rows of the year, while organizations has some, is a data problem', async () => {
    const d = dataDir({ organizations: SMALL.organizations, members: 'id,org_id,year,rating\nDV1,CB1,2016,HTNV\n' });
    const r = await runCli(['validate', '--year', '2017', d]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('members.csv: không có đảng viên nào của năm 2017 (tệp chỉ có năm 2016)');
  });
});

describe('--out', () => {
  it('writes the report to the file and nothing to stdout', async () => {
    const out = path.join(scratch(), 'report.txt');
    const r = await runCli(['report', '--year', '2017', FIXTURE, '--out', out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(readFileSync(out, 'utf8')).toBe((await runCli(['report', '--year', '2017', FIXTURE])).stdout);
    expect(readdirSync(path.dirname(out))).toEqual(['report.txt']); // no temp file left beside it
  });

  it('leaves an existing file untouched when the data is invalid', async () => {
    const out = path.join(scratch(), 'report.txt');
    writeFileSync(out, 'the report of last week\n');
    const r = await runCli(['report', '--year', '2017', 'fixtures/bad/many-problems', '--out', out]);
    expect(r.code).toBe(1);
    expect(readFileSync(out, 'utf8')).toBe('the report of last week\n');
  });

  it('creates nothing when the data is invalid', async () => {
    const out = path.join(scratch(), 'report.txt');
    expect((await runCli(['report', '--year', '2017', 'fixtures/bad/bad-year', '--out', out])).code).toBe(1);
    expect(existsSync(out)).toBe(false);
  });

  it('into a missing folder: exit 2, nothing created', async () => {
    const base = scratch();
    const r = await runCli(['report', '--year', '2017', FIXTURE, '--out', path.join(base, 'no', 'such', 'report.txt')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('thư mục chứa tệp không tồn tại');
    expect(readdirSync(base)).toEqual([]);
  });

  it('into a read-only folder: exit 2, nothing created', async () => {
    if (process.getuid?.() === 0) return; // root writes anywhere; the full-disk case below covers the failure path
    const base = scratch();
    chmodSync(base, 0o555);
    const r = await runCli(['report', '--year', '2017', FIXTURE, '--out', path.join(base, 'report.txt')]);
    expect(r.code).toBe(2);
    expect(readdirSync(base)).toEqual([]);
  });

  it('through a symlink to a device writes into the device and leaves the link a link', async () => {
    const base = scratch();
    const link = path.join(base, 'out');
    symlinkSync('/dev/null', link);
    const r = await runCli(['report', '--year', '2017', FIXTURE, '--out', link]);
    expect(r.code).toBe(0);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(statSync('/dev/null').isCharacterDevice()).toBe(true);
    expect(readdirSync(base)).toEqual(['out']);
  });

  it('a full disk is a clear error, exit 2, and no partial file', () => {
    if (!existsSync('/dev/full')) return;
    const base = scratch();
    const link = path.join(base, 'out');
    symlinkSync('/dev/full', link);
    const r = assess(['report', '--year', '2017', FIXTURE, '--out', link]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('ổ đĩa đã đầy');
    expect(statSync('/dev/full').isCharacterDevice()).toBe(true);
    expect(readdirSync(base)).toEqual(['out']);
  });

  it('through a symlink to a regular file replaces the target, keeping the link', async () => {
    const base = scratch();
    mkdirSync(path.join(base, 'real'));
    const target = path.join(base, 'real', 'report.txt');
    writeFileSync(target, 'old\n');
    symlinkSync(target, path.join(base, 'link.txt'));
    expect((await runCli(['report', '--year', '2017', FIXTURE, '--out', path.join(base, 'link.txt')])).code).toBe(0);
    expect(lstatSync(path.join(base, 'link.txt')).isSymbolicLink()).toBe(true);
    expect(readFileSync(target, 'utf8')).toContain('Bắc Bình');
  });
});

describe('colour', () => {
  it('is off when stderr is not a terminal, even without NO_COLOR', () => {
    const r = assess(['validate', '--year', '2017', 'fixtures/bad/bad-year'], { env: { NO_COLOR: '' } });
    expect(r.stderr).not.toContain('\u001b[');
  });
});

describe('a members file large enough for both cores (≥ 48 MB)', () => {
  // 1 M rows (~56 MB): the worker takes the first half, the main thread the second; the problems planted on both
  // sides must come out at their physical lines, and a duplicate across the halves must be found.
  const rows = 1_000_000;
  const header = 'id,name,org_id,year,rating,reason';
  const row = (i: number) => `DV${i},Nguyễn Văn Thử ${i},${i % 2 ? 'CB1' : 'DB1-C1'},2017,${i % 10 ? 'HTTNV' : 'UNRANKED'},${i % 10 ? '' : 'Miễn công tác'}`;
  // Lines replaced, by physical line (1 = the header, line n = row n - 1); `valid: false` ones are left out of the valid file.
  const planted = new Map<number, { text: string; valid: boolean }>([
    [10, { text: 'DVX1,A,CB1,2017,Giỏi,', valid: false }],
    [700_000, { text: 'DVX2,"Lê, Văn\nHai",CB1,2017,HTNV,', valid: true }], // a quoted line break in the second half
    [850_000, { text: 'DVX3,A,KHONG-CO,2017,HTNV,', valid: false }],
    [999_000, { text: 'DV5,Trùng,CB1,2017,HTNV,', valid: false }], // the id of line 6, far away in the other half
  ]);
  let dir: string;
  let valid: string;

  beforeAll(() => {
    // Both members files (~56 MB each) in one pass, each through a 4 MB buffer: far faster than one string of
    // the whole file. The rows are ASCII but for two constant Vietnamese words, copied as bytes.
    dir = dataDir({ organizations: SMALL.organizations });
    valid = dataDir({ organizations: SMALL.organizations });
    const NAME = Buffer.from('Nguyễn Văn Thử ');
    const REASON = Buffer.from('Miễn công tác');
    const out = [dir, valid].map((d) => ({ fd: openSync(path.join(d, 'members.csv'), 'w'), buf: Buffer.alloc(4 << 20), at: 0 }));
    const flush = (o: (typeof out)[number], room: number) => {
      if (o.at > o.buf.length - room) {
        writeSync(o.fd, o.buf, 0, o.at);
        o.at = 0;
      }
    };
    const text = (o: (typeof out)[number], s: string) => {
      flush(o, Buffer.byteLength(s) + 1);
      o.at += o.buf.write(`${s}\n`, o.at, 'utf8');
    };
    try {
      for (const o of out) text(o, header);
      const [all, good] = out as [(typeof out)[number], (typeof out)[number]];
      for (let i = 1; i <= rows; i++) {
        const p = planted.get(i + 1);
        if (p) {
          text(all, p.text);
          if (p.valid) text(good, p.text);
          continue;
        }
        for (const o of out) {
          flush(o, 256);
          o.at += o.buf.write(`DV${i},`, o.at, 'latin1');
          o.at += NAME.copy(o.buf, o.at);
          o.at += o.buf.write(`${i},${i % 2 ? 'CB1' : 'DB1-C1'},2017,${i % 10 ? 'HTTNV' : 'UNRANKED'},`, o.at, 'latin1');
          if (i % 10 === 0) o.at += REASON.copy(o.buf, o.at);
          o.buf[o.at++] = 0x0a;
        }
      }
      for (const o of out) writeSync(o.fd, o.buf, 0, o.at);
    } finally {
      for (const o of out) closeSync(o.fd);
    }
    // The bytes are those of the rows as text (spot-checked: the first, a reason, the last).
    const fd = openSync(path.join(dir, 'members.csv'), 'r');
    const first = Buffer.alloc(512);
    const head = first.subarray(0, readSync(fd, first, 0, first.length, 0)).toString('utf8').split('\n');
    closeSync(fd);
    expect(head.slice(0, 11)).toEqual([header, ...Array.from({ length: 8 }, (_, k) => row(k + 1)), 'DVX1,A,CB1,2017,Giỏi,', row(10)]);
    // Large enough for the two threads (fast/byte-path.ts: PARALLEL_MIN, 48 MB).
    expect(statSync(path.join(valid, 'members.csv')).size).toBeGreaterThanOrEqual(48 << 20);
  }, 60_000);

  it('names every problem at its line, exit 1', () => {
    const r = assess(['validate', '--year', '2017', dir, '--max-problems', '0']);
    expect(r.code).toBe(1);
    const places = r.stderr.split('\n').filter((l) => l.includes('members.csv:')).map((l) => /members\.csv:(\d+)/.exec(l)![1]);
    // the line break inside quotes moves every later line on by one
    expect(places).toEqual(['10', '850001', '999001']);
    expect(r.stderr).toContain('"Giỏi"');
    expect(r.stderr).toContain('"KHONG-CO"');
    expect(r.stderr).toContain('mã này đã có ở dòng 6');
  });

  it('counts every row when the data is valid', () => {
    const r = assess(['report', '--year', '2017', valid, '--format', 'json']);
    expect(r.code).toBe(0); // (SMALL's organizations carry one regulation warning on stderr)
    const j = JSON.parse(r.stdout);
    expect(j.members.total).toBe(rows - 3);
    expect(j.members.byRating.UNRANKED).toBe(100_000);
  });
});
