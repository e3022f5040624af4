// A broken environment under the command: stdout on a full disk, a working directory that was deleted, a
// path longer than the system allows, a template folder of thousands of partials under a low limit of open
// files. Each is exit 2 with a Vietnamese message, never a stack trace (exit 3) or a raw error code.
// Most run the built binary (`npm run build` first), as a user would.
import { spawnSync } from 'node:child_process';
import { closeSync, mkdirSync, openSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { fsReason } from '../src/io/inputs.js';
import { MAX_PARTIALS } from '../src/io/read-templates.js';
import { runCli } from './in-process.js';
import { scratch } from './support.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BIN = path.join(ROOT, 'bin', 'assess.js');
const FIXTURE = path.join(ROOT, 'fixtures', 'bac-binh-2017');
const STACK = /\n\s+at .+:\d+:\d+\)?\n/;
/** A raw error code or an English system message where words are due. */
const RAW = /\b(E[A-Z]{2,}|ERR_[A-Z_]+)\b|no such file|undefined|too long|Too many/;


interface Spawned {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** A shell line (bash), with BIN in $BIN: for ulimit, a deleted working directory, a pipe. */
function shell(script: string, cwd = ROOT): Spawned {
  const r = spawnSync('bash', ['-c', script], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', BIN, NODE: process.execPath }, timeout: 60_000, killSignal: 'SIGKILL', maxBuffer: 1 << 26 });
  return { code: r.status, signal: r.signal, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}

const usageError = (r: Spawned | { code: number; stdout: string; stderr: string }, says: string | RegExp) => {
  expect(r.code, r.stderr).toBe(2);
  expect(r.stderr).toMatch(says);
  expect(r.stderr).not.toMatch(STACK);
  expect(r.stderr).not.toMatch(RAW);
};

describe('stdout on a full disk', () => {
  const onFull = (args: string[]): Spawned => {
    const fd = openSync('/dev/full', 'w');
    try {
      const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', fd, 'pipe'], timeout: 30_000 });
      return { code: r.status, signal: r.signal, stdout: '', stderr: r.stderr ?? '' };
    } finally {
      closeSync(fd);
    }
  };

  it.each([
    ['the text report', ['report', '--year', '2017', FIXTURE]],
    ['the JSON', ['report', '--year', '2017', FIXTURE, '--format', 'json']],
    ['the help', ['--help']],
  ])('%s: exit 2, "ổ đĩa đã đầy", no stack', (_what, args) => {
    const r = onFull(args);
    usageError(r, 'không ghi được ra đầu ra chuẩn (stdout): ổ đĩa đã đầy');
    expect(r.stderr.match(/ổ đĩa đã đầy/g)).toHaveLength(1); // said once
  });

  it('stderr on a full disk: the exit code still says how the run went (0 valid, 2 usage), no crash', () => {
    const fd = openSync('/dev/full', 'w');
    try {
      const ok = spawnSync(process.execPath, [BIN, 'validate', '--year', '2017', FIXTURE], { cwd: ROOT, stdio: ['ignore', 'ignore', fd], timeout: 30_000 });
      expect(ok.status).toBe(0);
      const usage = spawnSync(process.execPath, [BIN, 'report', '--year', '2017', path.join(scratch('assess-env-'), 'none')], { cwd: ROOT, stdio: ['ignore', 'ignore', fd], timeout: 30_000 });
      expect(usage.status).toBe(2);
    } finally {
      closeSync(fd);
    }
  });

  it('a reader that goes away (| head -c 10) is still quiet: exit 0, nothing on stderr', () => {
    const r = shell(`"$NODE" "$BIN" report --year 2017 ${FIXTURE} 2>err | head -c 10 >/dev/null; echo "\${PIPESTATUS[0]}"; cat err; rm -f err`, scratch('assess-env-'));
    expect(r.stdout).toBe('0\n');
  });
});

describe('a working directory that was deleted', () => {
  const gone = (args: string) => {
    const parent = scratch('assess-env-');
    return shell(`mkdir gone && cd gone && rmdir ../gone && exec "$NODE" "$BIN" ${args}`, parent);
  };

  it('a relative DIR: exit 2, said plainly', () => {
    usageError(gone('report --year 2017 data'), 'thư mục hiện hành không còn tồn tại');
  });

  it('a relative --out: exit 2, nothing written', () => {
    usageError(gone(`report --year 2017 ${FIXTURE} --out bao-cao.txt`), /thư mục hiện hành không còn tồn tại.*"bao-cao\.txt"/);
  });

  it('a relative --template: exit 2', () => {
    usageError(gone(`report --year 2017 ${FIXTURE} --template mau.hbs`), /thư mục hiện hành không còn tồn tại.*"mau\.hbs"/);
  });

  it('absolute paths still work', () => {
    const r = gone(`report --year 2017 ${FIXTURE}`);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Bắc Bình');
  });
});

describe('paths the system cannot take', () => {
  it('a DIR longer than PATH_MAX: exit 2, "dài quá", the path shortened in the message', async () => {
    const r = await runCli(['report', '--year', '2017', `/tmp/${'a'.repeat(5000)}`]);
    usageError(r, 'tên tệp hoặc đường dẫn dài quá mức hệ thống cho phép');
    expect(r.stderr.length).toBeLessThan(600);
  });

  it('a DIR that is a symlink loop: exit 2, in words', async () => {
    const dir = scratch('assess-env-');
    symlinkSync('loop', path.join(dir, 'loop'));
    usageError(await runCli(['report', '--year', '2017', path.join(dir, 'loop')]), 'liên kết tượng trưng (symlink) tạo thành vòng lặp');
  });

  it('a --template that is a directory, or missing, or a symlink loop: exit 2, in words', async () => {
    const dir = scratch('assess-env-');
    symlinkSync('loop.hbs', path.join(dir, 'loop.hbs'));
    usageError(await runCli(['report', '--year', '2017', FIXTURE, '--template', dir]), 'là một thư mục');
    usageError(await runCli(['report', '--year', '2017', FIXTURE, '--template', path.join(dir, 'none.hbs')]), 'không có tệp này');
    usageError(await runCli(['report', '--year', '2017', FIXTURE, '--template', path.join(dir, 'loop.hbs')]), 'vòng lặp');
  });

  it('--check FILE beyond the limits: exit 2, in words', async () => {
    usageError(await runCli(['report', '--year', '2017', FIXTURE, '--check', `/tmp/${'c'.repeat(300)}`]), 'dài quá');
  });

  it('every error code the io layer can meet is said in Vietnamese', () => {
    for (const code of ['ENOENT', 'ENOTDIR', 'EACCES', 'EPERM', 'EROFS', 'ENOSPC', 'EDQUOT', 'EISDIR', 'ELOOP', 'ENAMETOOLONG', 'EMFILE', 'ENFILE', 'EIO', 'EBUSY', 'ETXTBSY', 'EXDEV', 'ENXIO', 'EAGAIN', 'EINVAL', 'EFBIG', 'ESTALE', 'ENODEV', 'EBADF']) {
      const said = fsReason(Object.assign(new Error('English'), { code }), 'ghi');
      expect(said, code).not.toMatch(RAW);
      expect(said, code).not.toContain('English');
    }
    expect(fsReason(Object.assign(new Error(), { code: 'EWHATEVER' }))).toBe('lỗi hệ thống (mã lỗi EWHATEVER)');
    expect(fsReason(new Error('x'))).toBe('lỗi hệ thống không rõ nguyên nhân');
  });
});

describe('a template folder of many partials under a low limit of open files', () => {
  /** A folder with main.hbs and `n` small partials (the main template uses the first and the last). */
  const folder = (n: number): string => {
    const dir = path.join(scratch('assess-env-'), 'tpl');
    mkdirSync(dir);
    const name = (i: number) => `p${String(i).padStart(5, '0')}`;
    writeFileSync(path.join(dir, 'main.hbs'), `Năm {{year}}: {{> ${name(0)}}} … {{> ${name(n - 1)}}}\n`);
    for (let i = 0; i < n; i++) writeFileSync(path.join(dir, `${name(i)}.hbs`), `[${i}]`);
    return path.join(dir, 'main.hbs');
  };

  it(`${MAX_PARTIALS} partials under ulimit -n 256 are read (a few at a time) and rendered`, () => {
    const main = folder(MAX_PARTIALS);
    const r = shell(`ulimit -n 256 && exec "$NODE" "$BIN" report --year 2017 ${FIXTURE} --template ${main}`);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`Năm 2017: [0] … [${MAX_PARTIALS - 1}]\n`);
  });

  it('more partials than allowed (2 001) under ulimit -n 256: refused with a clear message (exit 2), not EMFILE', () => {
    const main = folder(2_001);
    const r = shell(`ulimit -n 256 && exec "$NODE" "$BIN" report --year 2017 ${FIXTURE} --template ${main}`);
    usageError(r, /có 2\.001 tệp \.hbs, quá nhiều \(tối đa 2\.000\)/);
    expect(r.stderr).toContain('gợi ý: đặt mẫu báo cáo vào một thư mục riêng');
  });

  it('partials over 16 MB in all are refused', async () => {
    const dir = path.join(scratch('assess-env-'), 'big');
    mkdirSync(dir);
    writeFileSync(path.join(dir, 'main.hbs'), '{{year}}\n');
    const mb = `{{!-- ${'x'.repeat((1 << 20) - 20)} --}}`;
    for (let i = 0; i < 17; i++) writeFileSync(path.join(dir, `p${i}.hbs`), mb);
    usageError(await runCli(['report', '--year', '2017', FIXTURE, '--template', path.join(dir, 'main.hbs')]), /lớn quá \(tổng cộng 17\.\d{3}\.\d{3} byte, tối đa 16\.777\.216\)/);
  });
});
