// --out: never over an input of the run (by any name), a temp name that fits beside a long name, the mode
// of a rewritten file kept; stdout that fails (a full disk) is a usage error, a reader that went away is not.
// In-process (cli() with fake streams), except where noted.
import { chmodSync, chownSync, linkSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../src/errors.js';
import { tempName, writeOutput } from '../src/io/write-output.js';
import { runCli } from './in-process.js';
import { scratch } from './support.js';

const IS_ROOT = process.getuid?.() === 0;
const STACK = /\n\s+at .+:\d+:\d+\)?\n/;

/** A stdout whose writes fail with `code` (ENOSPC: a full disk; EPIPE: the reader went away). */
class Failing extends Writable {
  constructor(readonly code: string) {
    super();
  }
  override _write(_chunk: Buffer | string, _enc: BufferEncoding, done: (e?: Error | null) => void): void {
    done(Object.assign(new Error(`${this.code}: write failed`), { code: this.code }));
  }
}

const ORGS = [
  'id,name,kind,parent_id,year,rating',
  'DB1,Đảng bộ xã An Hòa,dang_bo_co_so,,2017,TSVM',
  'CB1,Chi bộ Trường THPT,chi_bo_co_so,,2017,HTNV',
  'DB1-C1,Chi bộ thôn 1,chi_bo_truc_thuoc,DB1,2017,TSVM',
  '',
].join('\n');
const MEMBERS = ['id,name,org_id,year,rating,reason', 'DV1,Nguyễn Văn An,DB1-C1,2017,HTXSNV,', 'DV2,Trần Thị Bình,CB1,2017,HTTNV,', ''].join('\n');

/** A valid data folder (with report.json), in a fresh temp folder. */
function data(members = MEMBERS): string {
  const dir = path.join(scratch('assess-wo-'), 'data');
  mkdirSync(dir);
  writeFileSync(path.join(dir, 'organizations.csv'), ORGS);
  writeFileSync(path.join(dir, 'members.csv'), members);
  writeFileSync(path.join(dir, 'report.json'), '{"unit": "huyện An Hòa"}\n');
  return dir;
}

/** Every file under `dir` with its bytes: what "nothing was written" compares. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of readdirSync(dir, { recursive: true }) as string[]) {
    const file = path.join(dir, name);
    if (statSync(file).isFile()) out[name] = readFileSync(file, 'latin1');
  }
  return out;
}

describe('--out never replaces an input of the run', () => {
  const refused = (r: { code: number; stdout: string; stderr: string }, names: string) => {
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('tệp đầu vào của lần chạy này');
    expect(r.stderr).toContain(names);
    expect(r.stderr).not.toMatch(STACK);
  };

  it.each(['organizations.csv', 'members.csv', 'report.json'])('--out DIR/%s is refused and nothing is written', async (name) => {
    const dir = data();
    const before = snapshot(path.dirname(dir));
    refused(await runCli(['report', '--year', '2017', dir, '--out', path.join(dir, name)]), name);
    expect(snapshot(path.dirname(dir))).toEqual(before); // the input intact, no temp file beside it
  });

  it('the same file under another spelling of its path is refused', async () => {
    const dir = data();
    const before = snapshot(dir);
    refused(await runCli(['report', '--year', '2017', dir, '--out', path.join(dir, '..', 'data', '.', 'members.csv')]), 'members.csv');
    expect(snapshot(dir)).toEqual(before);
  });

  it('a symlink to organizations.csv is refused, and names the input', async () => {
    const dir = data();
    const elsewhere = scratch('assess-wo-');
    const link = path.join(elsewhere, 'report.txt');
    symlinkSync(path.join(dir, 'organizations.csv'), link);
    const before = snapshot(dir);
    const r = await runCli(['report', '--year', '2017', dir, '--out', link]);
    refused(r, path.join(dir, 'organizations.csv'));
    expect(r.stderr).toContain('qua liên kết hoặc tên khác');
    expect(snapshot(dir)).toEqual(before);
    expect(readdirSync(elsewhere)).toEqual(['report.txt']);
  });

  it('a hard link to organizations.csv is refused (same file, another name)', async () => {
    const dir = data();
    const elsewhere = scratch('assess-wo-');
    const link = path.join(elsewhere, 'report.txt');
    linkSync(path.join(dir, 'organizations.csv'), link);
    const before = snapshot(dir);
    refused(await runCli(['report', '--year', '2017', dir, '--out', link]), 'organizations.csv');
    expect(snapshot(dir)).toEqual(before);
    expect(readdirSync(elsewhere)).toEqual(['report.txt']);
  });

  it('in JSON too', async () => {
    const dir = data();
    refused(await runCli(['report', '--year', '2017', dir, '--format', 'json', '--out', path.join(dir, 'members.csv')]), 'members.csv');
  });

  it('the --template file and its partials (the other .hbs beside it) are refused', async () => {
    const dir = data();
    const tpl = path.join(scratch('assess-wo-'), 'tpl');
    mkdirSync(tpl);
    writeFileSync(path.join(tpl, 'main.hbs'), 'Năm {{year}}: {{> part}}\n');
    writeFileSync(path.join(tpl, 'part.hbs'), '{{number members.total}} đảng viên');
    const before = snapshot(tpl);
    refused(await runCli(['report', '--year', '2017', dir, '--template', path.join(tpl, 'main.hbs'), '--out', path.join(tpl, 'main.hbs')]), 'main.hbs');
    refused(await runCli(['report', '--year', '2017', dir, '--template', path.join(tpl, 'main.hbs'), '--out', path.join(tpl, 'part.hbs')]), 'part.hbs');
    expect(snapshot(tpl)).toEqual(before);
    // A new file in that folder is no input: written.
    const r = await runCli(['report', '--year', '2017', dir, '--template', path.join(tpl, 'main.hbs'), '--out', path.join(tpl, 'out.txt')]);
    expect(r.code).toBe(0);
    expect(readFileSync(path.join(tpl, 'out.txt'), 'utf8')).toBe('Năm 2017: 2 đảng viên\n');
  });

  it('is refused before the data is read: invalid data with --out on an input is still exit 2, not 1', async () => {
    const dir = data(`${MEMBERS}DV9,Lê Văn Cường,NOWHERE,2017,HTNV,\n`);
    expect((await runCli(['report', '--year', '2017', dir])).code).toBe(1); // the data is invalid
    refused(await runCli(['report', '--year', '2017', dir, '--out', path.join(dir, 'members.csv')]), 'members.csv');
  });

  it('the writer itself refuses (whoever calls it): an input reached through a link, nothing written', async () => {
    const dir = scratch('assess-wo-');
    const input = path.join(dir, 'members.csv');
    writeFileSync(input, 'id\n');
    const link = path.join(dir, 'out.txt');
    symlinkSync('members.csv', link);
    await expect(writeOutput(['new text'], link, new Writable({ write: (_c, _e, done) => done() }), [input])).rejects.toThrow(UsageError);
    expect(readFileSync(input, 'utf8')).toBe('id\n');
    expect(readdirSync(dir).sort()).toEqual(['members.csv', 'out.txt']);
  });

  it('an output beside the inputs that is none of them is written as before', async () => {
    const dir = data();
    const out = path.join(dir, 'bao-cao.txt');
    const r = await runCli(['report', '--year', '2017', dir, '--out', out]);
    expect(r.code).toBe(0);
    expect(readFileSync(out, 'utf8')).toContain('An Hòa');
  });
});

describe('--out with a long file name', () => {
  it('a name of 250 bytes is written (the temp name beside it is cut to fit 255 bytes)', async () => {
    const dir = data();
    const out = path.join(scratch('assess-wo-'), `${'a'.repeat(246)}.txt`);
    const r = await runCli(['report', '--year', '2017', dir, '--out', out]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(readFileSync(out, 'utf8')).toContain('An Hòa');
    expect(readdirSync(path.dirname(out))).toEqual([path.basename(out)]);
  });

  it('a Vietnamese name near the limit is cut on a character boundary', async () => {
    const dir = data();
    const base = `báo-cáo-${'ệ'.repeat(78)}.md`; // 3-byte letters: 248 bytes
    expect(Buffer.byteLength(base)).toBeGreaterThan(230);
    expect(Buffer.byteLength(base)).toBeLessThanOrEqual(255);
    const out = path.join(scratch('assess-wo-'), base);
    const r = await runCli(['report', '--year', '2017', dir, '--out', out]);
    expect(r.code).toBe(0);
    expect(readdirSync(path.dirname(out))).toEqual([base]);
  });

  it('the temp name fits in 255 bytes, is unique, and stays beside the target', () => {
    for (const base of ['r.txt', 'a'.repeat(255), 'ệ'.repeat(85)]) {
      const target = path.join('/some/dir', base);
      const a = tempName(target);
      const b = tempName(target);
      expect(a).not.toBe(b);
      expect(path.dirname(a)).toBe('/some/dir');
      expect(Buffer.byteLength(path.basename(a))).toBeLessThanOrEqual(255);
      expect(path.basename(a)).not.toContain('\ufffd');
      expect(path.basename(a)).toMatch(/^\..+\.\d+-[0-9a-f]+\.tmp$/);
    }
  });

  it('a name that is itself too long is exit 2 with a message, nothing written', async () => {
    const dir = data();
    const folder = scratch('assess-wo-');
    const r = await runCli(['report', '--year', '2017', dir, '--out', path.join(folder, `${'a'.repeat(300)}.txt`)]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('dài quá');
    expect(r.stderr).not.toContain('ENAMETOOLONG');
    expect(r.stderr).not.toMatch(STACK);
    expect(readdirSync(folder)).toEqual([]);
  });
});

describe('--out keeps the mode of the file it rewrites', () => {
  it('a 0600 file stays 0600', async () => {
    const dir = data();
    const out = path.join(scratch('assess-wo-'), 'private.txt');
    writeFileSync(out, 'old\n');
    chmodSync(out, 0o600);
    expect((await runCli(['report', '--year', '2017', dir, '--out', out])).code).toBe(0);
    expect(readFileSync(out, 'utf8')).toContain('An Hòa');
    expect(statSync(out).mode & 0o7777).toBe(0o600);
  });

  it('a 0640 file reached through a symlink stays 0640, the link a link', async () => {
    const dir = data();
    const folder = scratch('assess-wo-');
    const real = path.join(folder, 'real.txt');
    writeFileSync(real, 'old\n');
    chmodSync(real, 0o640);
    symlinkSync('real.txt', path.join(folder, 'link.txt'));
    expect((await runCli(['report', '--year', '2017', dir, '--out', path.join(folder, 'link.txt')])).code).toBe(0);
    expect(statSync(real).mode & 0o7777).toBe(0o640);
    expect(readFileSync(real, 'utf8')).toContain('An Hòa');
  });

  it('a new file gets the default mode (0666 less the umask), as any other new file there', async () => {
    const dir = data();
    const folder = scratch('assess-wo-');
    writeFileSync(path.join(folder, 'plain'), '');
    const out = path.join(folder, 'new.txt');
    expect((await runCli(['report', '--year', '2017', dir, '--out', out])).code).toBe(0);
    expect(statSync(out).mode & 0o7777).toBe(statSync(path.join(folder, 'plain')).mode & 0o7777);
  });

  it.runIf(IS_ROOT)('run as root, a file owned by someone else keeps its owner', async () => {
    const dir = data();
    const out = path.join(scratch('assess-wo-'), 'theirs.txt');
    writeFileSync(out, 'old\n');
    chownSync(out, 4321, 4322);
    chmodSync(out, 0o604);
    expect((await runCli(['report', '--year', '2017', dir, '--out', out])).code).toBe(0);
    const s = statSync(out);
    expect([s.uid, s.gid, s.mode & 0o7777]).toEqual([4321, 4322, 0o604]);
  });
});

describe('stdout that fails', () => {
  it('a full disk is exit 2 with a Vietnamese message, no stack', async () => {
    const dir = data();
    const r = await runCli(['report', '--year', '2017', dir], {}, new Failing('ENOSPC'));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('không ghi được ra đầu ra chuẩn (stdout): ổ đĩa đã đầy');
    expect(r.stderr).not.toContain('ENOSPC');
    expect(r.stderr).not.toMatch(STACK);
  });

  it('an I/O error likewise', async () => {
    const dir = data();
    const r = await runCli(['report', '--year', '2017', dir, '--format', 'json'], {}, new Failing('EIO'));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('lỗi đọc ghi của thiết bị');
  });

  it('a reader that went away (EPIPE) stays quiet: exit 0, nothing on stderr', async () => {
    const dir = data();
    const r = await runCli(['report', '--year', '2017', dir], {}, new Failing('EPIPE'));
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
  });
});
