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

describe('values from the data aimed at a terminal', () => {
  it('an escape sequence in a name does not reach the text report', async () => {
    const { mkdirSync, writeFileSync } = await import('node:fs');
    const dir = mkdtempSync(path.join(tmpdir(), 'assess-run-'));
    dirs.push(dir);
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'organizations.csv'), 'id,name,kind,parent_id,year,rating\nCB1,Chi bộ \u001b[2J\u001b[31mA\u0007,chi_bo_co_so,,2019,KHTNV\nCB2,Chi bộ B,chi_bo_co_so,,2019,HTTNV\n');
    writeFileSync(path.join(dir, 'members.csv'), 'id,org_id,year,rating\nDV1,CB1,2019,HTNV\nDV2,CB2,2019,HTTNV\n');
    for (const format of ['text', 'md', 'html']) {
      const r = await runCli(['report', '--year', '2019', dir, '--format', format]);
      expect(r.code).toBe(0);
      if (format !== 'md') expect(r.stdout).toContain('Chi bộ [2J[31mA'); // (md escapes the brackets)
      // eslint-disable-next-line no-control-regex -- the test is that no control character gets through
      expect(r.stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
    }
  });
});
