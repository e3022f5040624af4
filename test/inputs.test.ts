// The input folder under hostile conditions: report.json (and the CSV files) as a FIFO, a device, a link to
// one, a directory, a huge file; report.json's syntax errors said in Vietnamese with line and column; and
// values from the data printed safely in Markdown, as they are in text.
// FIFOs and devices are run through the built binary (`npm run build` first), with a timeout: a run that
// hangs on one must fail the test, not the test process.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readMeta } from '../src/io/inputs.js';
import { jsonSyntaxError, lineAndColumn } from '../src/report/metadata.js';
import type { Problem } from '../src/problems.js';
import { runCli } from './in-process.js';
import { scratch } from './support.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BIN = path.join(ROOT, 'bin', 'assess.js');
const STACK = /\n\s+at .+:\d+:\d+\)?\n/;
/** JSON.parse's and zod's English, which must never reach the user. */
const ENGLISH = /Unexpected|Expected|position|JSON input|Invalid input|undefined|Bad control|Unterminated/;


/** The built binary, killed after 15 s: a hang is a failure, with its time. */
function spawnRun(args: string[]) {
  const t0 = Date.now();
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, input: '', timeout: 15_000, killSignal: 'SIGKILL', maxBuffer: 1 << 26 });
  return { code: r.status, signal: r.signal, stdout: r.stdout ?? '', stderr: r.stderr ?? '', ms: Date.now() - t0 };
}

const ORGS = [
  'id,name,kind,parent_id,year,rating',
  'DB1,Đảng bộ xã An Hòa,dang_bo_co_so,,2017,TSVM',
  'CB1,Chi bộ Trường THPT,chi_bo_co_so,,2017,HTNV',
  'DB1-C1,Chi bộ thôn 1,chi_bo_truc_thuoc,DB1,2017,TSVM',
  '',
].join('\n');
const MEMBERS = ['id,name,org_id,year,rating,reason', 'DV1,Nguyễn Văn An,DB1-C1,2017,HTXSNV,', 'DV2,Trần Thị Bình,CB1,2017,HTTNV,', ''].join('\n');

function data(files: { organizations?: string; members?: string; report?: string } = {}): string {
  const dir = path.join(scratch('assess-in-'), 'data');
  mkdirSync(dir);
  writeFileSync(path.join(dir, 'organizations.csv'), files.organizations ?? ORGS);
  writeFileSync(path.join(dir, 'members.csv'), files.members ?? MEMBERS);
  if (files.report !== undefined) writeFileSync(path.join(dir, 'report.json'), files.report);
  return dir;
}

function mkfifo(file: string): void {
  const r = spawnSync('mkfifo', [file]);
  if (r.status !== 0) throw new Error(`mkfifo ${file} failed`);
}

describe('report.json that is not a regular file', () => {
  const refusedFast = (r: ReturnType<typeof spawnRun>, says: string | RegExp) => {
    expect(r.signal, `killed after ${r.ms} ms: the run hung`).toBeNull();
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(says);
    expect(r.stderr).not.toMatch(ENGLISH);
    expect(r.stderr).not.toMatch(STACK);
  };

  it('a FIFO is refused at once (it would wait for a writer for ever)', () => {
    const dir = data();
    mkfifo(path.join(dir, 'report.json'));
    refusedFast(spawnRun(['report', '--year', '2017', dir]), /report\.json là một ống dẫn \(FIFO\)/);
  });

  it('a symlink to a FIFO likewise', () => {
    const dir = data();
    const fifo = path.join(scratch('assess-in-'), 'pipe');
    mkfifo(fifo);
    symlinkSync(fifo, path.join(dir, 'report.json'));
    refusedFast(spawnRun(['validate', '--year', '2017', dir]), /report\.json là một ống dẫn \(FIFO\)/);
  });

  it('a symlink to /dev/zero is refused, not read for ever', () => {
    const dir = data();
    symlinkSync('/dev/zero', path.join(dir, 'report.json'));
    refusedFast(spawnRun(['report', '--year', '2017', dir]), /report\.json là một thiết bị/);
  });

  it('a directory is refused', () => {
    const dir = data();
    mkdirSync(path.join(dir, 'report.json'));
    refusedFast(spawnRun(['report', '--year', '2017', dir]), /report\.json là một thư mục/);
  });

  it('a symlink that leads nowhere is said, not silently taken for no report.json', () => {
    const dir = data();
    symlinkSync('no-such-file.json', path.join(dir, 'report.json'));
    refusedFast(spawnRun(['report', '--year', '2017', dir]), /report\.json là liên kết tượng trưng \(symlink\) trỏ tới một tệp không tồn tại/);
  });
});

describe('organizations.csv and members.csv that are not regular files', () => {
  it.each([
    ['organizations.csv', 'a FIFO', (f: string) => mkfifo(f), /organizations\.csv là một ống dẫn \(FIFO\)/],
    ['members.csv', 'a FIFO', (f: string) => mkfifo(f), /members\.csv là một ống dẫn \(FIFO\)/],
    ['organizations.csv', 'a symlink to /dev/zero', (f: string) => symlinkSync('/dev/zero', f), /organizations\.csv là một thiết bị/],
    ['members.csv', 'a symlink to a FIFO', (f: string) => (mkfifo(`${f}.pipe`), symlinkSync(`${f}.pipe`, f)), /members\.csv là một ống dẫn \(FIFO\)/],
    ['members.csv', 'a symlink loop', (f: string) => symlinkSync(path.basename(f), f), /members\.csv: liên kết tượng trưng \(symlink\) tạo thành vòng lặp/],
  ] as const)('%s as %s: exit 2 at once, in words', (name, _what, make, says) => {
    const dir = data();
    rmSync(path.join(dir, name));
    make(path.join(dir, name));
    const r = spawnRun(['report', '--year', '2017', dir]);
    expect(r.signal, `killed after ${r.ms} ms`).toBeNull();
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(says);
    expect(r.stderr).not.toMatch(/\b(ELOOP|ENOENT|EISDIR)\b/);
    expect(r.stderr).not.toMatch(STACK);
  });
});

describe('input files that cannot be read (permissions)', () => {
  // Root reads anything: run as an unprivileged user (nobody) when the tests run as root, as themselves otherwise.
  const IS_ROOT = process.getuid?.() === 0;
  const asUser = IS_ROOT && spawnSync('runuser', ['-u', 'nobody', '--', 'true']).status === 0;
  const canRun = asUser || !IS_ROOT;

  it.runIf(canRun).each(['organizations.csv', 'members.csv', 'report.json'])('%s unreadable: exit 2, "không có quyền đọc", no stack', (name) => {
    // The other user must reach the folder: the run's own temp folder may be private (0700); then the system's.
    const reachable = (d: string): boolean => d === path.dirname(d) || ((statSync(d).mode & 0o001) !== 0 && reachable(path.dirname(d)));
    const base = scratch('assess-in-', reachable(tmpdir()) ? tmpdir() : '/tmp');
    const dir = path.join(base, 'data');
    mkdirSync(dir);
    writeFileSync(path.join(dir, 'organizations.csv'), ORGS);
    writeFileSync(path.join(dir, 'members.csv'), MEMBERS);
    writeFileSync(path.join(dir, 'report.json'), '{}');
    for (const d of [base, dir]) chmodSync(d, 0o755);
    for (const f of ['organizations.csv', 'members.csv', 'report.json']) chmodSync(path.join(dir, f), f === name ? 0o000 : 0o644);
    const args = [process.execPath, BIN, 'validate', '--year', '2017', dir];
    const r = asUser ? spawnSync('runuser', ['-u', 'nobody', '--', ...args], { cwd: '/', encoding: 'utf8', timeout: 30_000 }) : spawnSync(args[0]!, args.slice(1), { cwd: '/', encoding: 'utf8', timeout: 30_000 });
    expect(r.status, r.stderr).toBe(2);
    expect(r.stderr).toContain(`không đọc được ${path.join(dir, name)}: không có quyền đọc`);
    expect(r.stderr).not.toMatch(STACK);
    expect(r.stderr).not.toMatch(/EACCES/);
  });
});

describe('report.json too large', () => {
  it('a 2 MB report.json is a data problem (exit 1) saying so, not read into the report', async () => {
    const dir = data({ report: `{"unit": "${'x'.repeat(2 << 20)}"}` });
    const r = await runCli(['report', '--year', '2017', dir]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('report.json: tệp lớn bất thường');
    expect(r.stderr).toContain('tối đa 1.048.576 byte');
    expect(r.stderr).not.toMatch(ENGLISH);
  });
});

describe('report.json syntax errors: Vietnamese, with line and column', () => {
  const problemsOf = async (text: string): Promise<Problem[]> => {
    const dir = scratch('assess-in-');
    const file = path.join(dir, 'report.json');
    writeFileSync(file, text);
    const problems: Problem[] = [];
    await readMeta(file, problems);
    return problems;
  };

  it.each([
    ['a value missing', '{\n  "unit": \n}', 3, 1, 'cần một giá trị'],
    ['a key without quotes', '{\n  unit: "x"\n}', 2, 3, 'cần tên trường trong ngoặc kép'],
    ['a trailing comma', '{\n  "unit": "x",\n}', 3, 1, 'dấu phẩy thừa trước "}"'],
    ['a missing comma', '{\n  "unit": "x"\n  "byline": "y"\n}', 3, 3, 'thiếu dấu phẩy'],
    ['the end of the file too soon', '{\n  "unit": "x"', 2, 14, 'tệp kết thúc giữa chừng: thiếu dấu "}" đóng đối tượng mở ở dòng 1'],
    ['a string never closed', '{\n  "unit": "huyện Bắc Bình\n}', 2, 26, 'chuỗi xuống dòng khi chưa đóng ngoặc kép'],
    ['single quotes', "{\n  'unit': 'x'\n}", 2, 3, 'không dùng dấu nháy đơn'],
    ['curly quotes from a word processor', '{\n  “unit”: “x”\n}', 2, 3, 'dấu ngoặc kép cong'],
    ['text after the end', '{"unit": "x"}\n}', 2, 1, 'nội dung thừa'],
    ['a comment', '{\n  // đơn vị\n  "unit": "x"\n}', 2, 3, 'chú thích'],
    ['a bad escape', '{"unit": "a\\qb"}', 1, 12, 'dãy thoát'],
    ['a column counted in characters, not bytes', '{"unit": "Đảng bộ huyện Bắc Bình" "x"}', 1, 35, 'thiếu dấu phẩy'],
  ])('%s', async (_name, text, line, column, says) => {
    const problems = await problemsOf(text);
    expect(problems).toHaveLength(1);
    expect(problems[0]!.line).toBe(line);
    expect(problems[0]!.message).toContain(`JSON viết sai ở cột ${column}: `);
    expect(problems[0]!.message).toContain(says);
    expect(problems[0]!.message).not.toMatch(ENGLISH);
  });

  it('an empty file says so', async () => {
    const problems = await problemsOf('  \n');
    expect(problems.map((p) => p.message)).toEqual(['tệp rỗng: report.json cần một đối tượng JSON, ít nhất là {} (hoặc xóa tệp nếu không dùng)']);
  });

  it('a file of a million "[" is a problem, not a crash', async () => {
    const problems = await problemsOf('['.repeat(1_000_000));
    expect(problems).toHaveLength(1);
    expect(problems[0]!.message).toContain('thiếu dấu "]"');
  });

  it('bytes that are not UTF-8 are said', async () => {
    const dir = scratch('assess-in-');
    const file = path.join(dir, 'report.json');
    writeFileSync(file, Buffer.concat([Buffer.from('{\n  "unit": "huy'), Buffer.from([0xea, 0xf2]), Buffer.from('n"\n}')]));
    const problems: Problem[] = [];
    await readMeta(file, problems);
    expect(problems.map((p) => [p.line, p.message])).toEqual([[2, 'tệp không phải văn bản UTF-8: hãy lưu report.json với bảng mã UTF-8']]);
  });

  it("zod's own checks (a number out of range) are said in Vietnamese too", async () => {
    const problems = await problemsOf('{"workingGroups": {"count": 1e30}, "unit": null, "date": 5}');
    expect(problems.map((p) => p.message).sort()).toEqual(['trường "date": cần chữ', 'trường "unit": cần chữ', 'trường "workingGroups.count": số lớn quá']);
  });

  it('through the command: FILE:LINE and the column, exit 1', async () => {
    const dir = data({ report: '{\n  "unit": "huyện An Hòa",\n  "byline": "A",\n}\n' });
    const r = await runCli(['report', '--year', '2017', dir]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${path.join(dir, 'report.json')}:4: JSON viết sai ở cột 1: dấu phẩy thừa trước "}"`);
    expect(r.stderr).not.toMatch(ENGLISH);
  });

  it('finds an error exactly when JSON.parse does (any text made of JSON pieces)', () => {
    const piece = fc.constantFrom('{', '}', '[', ']', ',', ':', '"a"', '"', '1', '-', '0', '.5', 'e3', 'true', 'nul', 'null', ' ', '\n', '\\', '"\\u00e0"', '"\\x"', 'x', "'", '//', '\u0001');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), (pieces) => {
        const text = pieces.join('');
        let parses = true;
        try {
          JSON.parse(text);
        } catch {
          parses = false;
        }
        const found = jsonSyntaxError(text);
        expect(found === undefined).toBe(parses);
        if (found) expect(found.index).toBeLessThanOrEqual(text.length);
      }),
      { numRuns: 3000 },
    );
  });

  it('lines and columns count from 1, columns in characters', () => {
    expect(lineAndColumn('ab\ncd', 0)).toEqual({ line: 1, column: 1 });
    expect(lineAndColumn('ab\ncd', 4)).toEqual({ line: 2, column: 2 });
    expect(lineAndColumn('ệ😀x', 3)).toEqual({ line: 1, column: 3 });
  });
});

describe('values from the data: escaped in Markdown, as they are in text', () => {
  const NAME = '<script>alert(1)</script> *x* [a](b)';
  const single = (report?: string) =>
    data({
      organizations: ['id,name,kind,parent_id,year,rating', `DB1,"${NAME}",dang_bo_co_so,,2017,TSVM`, 'C1,Chi bộ _1_,chi_bo_truc_thuoc,DB1,2017,YEU', ''].join('\n'),
      members: ['id,name,org_id,year,rating', 'DV1,A,C1,2017,HTTNV', ''].join('\n'),
      ...(report !== undefined ? { report } : {}),
    });
  const REPORT = JSON.stringify({
    unit: 'xã <b>Tân</b> *Phước*',
    issuer: 'Ban *Thường vụ*',
    documents: [{ title: 'Kế hoạch <i>', number: '12_KH', about: 'việc [x](y)' }],
    workingGroups: { count: 2, ledBy: 'đồng chí `A`' },
    sections: [{ heading: 'Hạn chế', text: 'Một <script>x</script> **đậm**' }],
  });

  it('one base organization: md has no raw markup of the name, text prints the name as it is', async () => {
    const dir = single();
    const md = await runCli(['report', '--year', '2017', dir, '--format', 'md']);
    expect(md.code).toBe(0);
    expect(md.stdout).not.toContain('<script>');
    expect(md.stdout).not.toContain('*x*');
    expect(md.stdout).not.toContain('[a](b)');
    expect(md.stdout).toContain('\\<script\\>alert(1)\\</script\\> \\*x\\* \\[a\\](b)');
    const text = await runCli(['report', '--year', '2017', dir, '--format', 'text']);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain(`Năm 2017, ${NAME} có 1 chi bộ trực thuộc`);
    expect(text.stdout).not.toContain('\\<');
    const html = await runCli(['report', '--year', '2017', dir, '--format', 'html']);
    expect(html.stdout).not.toContain('<script>');
    expect(html.stdout).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it("report.json's values (unit, issuer, documents, working groups, sections) too", async () => {
    const dir = single(REPORT);
    const md = await runCli(['report', '--year', '2017', dir, '--format', 'md']);
    expect(md.code).toBe(0);
    for (const raw of ['<script>', '<b>', '<i>', '*Phước*', '*Thường vụ*', '12_KH', '[x](y)', '`A`', '**đậm**']) expect(md.stdout).not.toContain(raw);
    for (const escaped of ['Ban \\*Thường vụ\\* đã ban hành Kế hoạch \\<i\\> số 12\\_KH về việc \\[x\\](y)', 'đồng chí \\`A\\`', 'Một \\<script\\>x\\</script\\> \\*\\*đậm\\*\\*']) expect(md.stdout).toContain(escaped);
    const text = await runCli(['report', '--year', '2017', dir, '--format', 'text']);
    expect(text.stdout).toContain('Ban *Thường vụ* đã ban hành Kế hoạch <i> số 12_KH về việc [x](y)');
    expect(text.stdout).toContain('do đồng chí `A` làm tổ trưởng');
    expect(text.stdout).toContain('Một <script>x</script> **đậm**');
  });

  it('a district (not one organization): the unit in md is escaped as well', async () => {
    const dir = data({ report: JSON.stringify({ unit: 'huyện <u>Bắc</u>', documents: [{ title: 'Kế hoạch', number: '1' }] }) });
    const md = await runCli(['report', '--year', '2017', dir, '--format', 'md']);
    expect(md.code).toBe(0);
    expect(md.stdout).not.toContain('<u>');
    expect(md.stdout).toContain('toàn huyện \\<u\\>Bắc\\</u\\> có');
    const text = await runCli(['report', '--year', '2017', dir]);
    expect(text.stdout).toContain('toàn huyện <u>Bắc</u> có');
  });
});
