// The pipeline's options at its ends (src/run.ts): --check against a file that never ends, empty file names.
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from './in-process.js';

const FIXTURE = 'fixtures/bac-binh-2017';
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('--check', () => {
  it('against a file that never ends (/dev/zero, through a link): exit 1, it differs, in bounded memory', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'assess-run-'));
    dirs.push(dir);
    const link = path.join(dir, 'zero.md');
    symlinkSync('/dev/zero', link);
    const r = await runCli(['report', '--year', '2017', FIXTURE, '--check', link]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('khác với báo cáo');
  });
});

describe('empty file names', () => {
  it.each(['--out', '--check', '--template'])('%s "": a usage error, exit 2', async (flag) => {
    const r = await runCli(['report', '--year', '2017', FIXTURE, flag, '']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`${flag} cần tên một tệp`);
  });
});
