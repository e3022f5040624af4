// Which year is reported and which compared (src/years.ts), end to end through cli(): a problem that belongs
// to every year fails the run whatever the order of the rows; an explicit --compare that cannot be honoured
// is a usage error.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from './in-process.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function folder(organizations: string[], members: string[]): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'assess-years-'));
  dirs.push(dir);
  writeFileSync(path.join(dir, 'organizations.csv'), `${organizations.join('\n')}\n`);
  writeFileSync(path.join(dir, 'members.csv'), `${members.join('\n')}\n`);
  return dir;
}

/** A commune's two years: one committee with two cells, a base cell; the parent column named `parent`. */
function commune(parent: string, order: 'old-first' | 'new-first'): string {
  const orgs = (y: number) => [
    `DB1,Đảng bộ Trường THPT,dang_bo_co_so,,${y},HTTNV`,
    `C1,Chi bộ thôn 1,chi_bo_truc_thuoc,DB1,${y},HTTNV`,
    `C2,Chi bộ thôn 2,chi_bo_truc_thuoc,DB1,${y},HTNV`,
    `CB1,Chi bộ Trạm y tế,chi_bo_co_so,,${y},HTXSNV`,
  ];
  const mems = (y: number) => [`DV1,An,C1,${y},HTTNV`, `DV2,Bình,C2,${y},HTNV`, `DV3,Cường,CB1,${y},HTXSNV`];
  const years = order === 'old-first' ? [2024, 2025] : [2025, 2024];
  return folder(
    [`Mã,Tên tổ chức,Loại,${parent},Năm,Xếp loại`, ...years.flatMap(orgs)],
    ['Mã đảng viên,Họ và tên,Mã chi bộ,Năm,Xếp loại', ...years.flatMap(mems)],
  );
}

describe('a problem of the header belongs to every year', () => {
  it.each([
    ['old-first', ['--year', '2025']],
    ['new-first', ['--year', '2025']],
    ['old-first', ['--year', '2025', '--no-compare']],
    ['old-first', ['--year', '2024']],
  ] as const)('the parent column renamed (%s rows, %j): validate and report fail, exit 1', async (order, args) => {
    const dir = commune('Trực thuộc', order);
    for (const command of args.includes('--no-compare') ? ['report'] : ['validate', 'report']) {
      const r = await runCli([command, dir, ...args]);
      expect(r.code).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr).toContain('thiếu cột "parent_id"');
      expect(r.stderr).not.toContain('hợp lệ:');
    }
  });

  it('with the column named as the contract says, the same data is valid', async () => {
    const r = await runCli(['validate', commune('Mã cấp trên', 'old-first'), '--year', '2025']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('2 chi bộ trực thuộc');
  });

  it('a malformed record after a row of the compared year still fails the run', async () => {
    const dir = folder(
      ['id,name,kind,parent_id,year,rating', 'CB1,Chi bộ A,chi_bo_co_so,,2024,HTTNV', 'CB1,Chi bộ A,chi_bo_co_so,,2025,HTTNV'],
      ['id,org_id,year,rating', 'DV1,CB1,2024,HTTNV', 'DV1,CB1,"2025,HTTNV', 'DV2,CB1,2025,HTTNV'],
    );
    const r = await runCli(['validate', dir, '--year', '2025']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/members\.csv:3: /);
  });
});
