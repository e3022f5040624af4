// Which year is reported and which compared (src/figures/years.ts), end to end through cli(): a problem that belongs
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
  it.each<['old-first' | 'new-first', string[]]>([
    ['old-first', ['--year', '2025']],
    ['new-first', ['--year', '2025']],
    ['old-first', ['--year', '2025', '--no-compare']],
    ['old-first', ['--year', '2024']],
  ])('the parent column renamed (%s rows, %j): validate and report fail, exit 1', async (order, args) => {
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

describe("Excel's years", () => {
  const orgs = (year: string) => ['id,name,kind,parent_id,year,rating', `CB1,Chi bộ A,chi_bo_co_so,,${year},HTTNV`, `CB2,Chi bộ B,chi_bo_co_so,,${year},HTNV`];
  const members = (year: string) => ['id,org_id,year,rating', ...Array.from({ length: 6 }, (_, i) => `DV${i},CB${(i % 2) + 1},${year},HTTNV`)];

  it.each(['2025.0', '2025,0'])('%s is the year 2025, in both files', async (y) => {
    const dir = folder(orgs(`"${y}"`), members(`"${y}"`));
    const r = await runCli(['report', dir, '--year', '2025', '--format', 'json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).members.total).toBe(6);
  });

  it('a whole column that is not a year is said once, with its value: exit 1', async () => {
    const dir = folder(orgs('01/01/2025'), members('01/01/2025'));
    for (const command of ['validate', 'report']) {
      const r = await runCli([command, dir, '--year', '2025']);
      expect(r.code).toBe(1);
      expect(r.stdout).toBe('');
      const lines = r.stderr.trimEnd().split('\n');
      expect(lines).toHaveLength(3); // one a file, then the summary
      expect(lines.join('\n')).toMatch(/organizations\.csv:2: cột "year": không đọc được năm ở dòng nào trong 2 dòng \(ví dụ ở dòng 2: "01\/01\/2025"\)/);
      expect(lines.join('\n')).toMatch(/members\.csv:2: cột "year": không đọc được năm ở dòng nào trong 6 dòng/);
      expect(lines[2]).toBe('2 lỗi: 2 năm không hợp lệ');
      expect(r.stderr).not.toContain('có không có');
    }
  });

  it('a year no row has is a usage error that names the years the files hold, in plain words', async () => {
    const dir = folder(orgs('2024'), members('2024'));
    const r = await runCli(['validate', dir, '--year', '2025']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('không có dữ liệu năm 2025: ');
    expect(r.stderr).toContain('organizations.csv chỉ có năm 2024');
  });
});

describe('an explicit --compare must be honoured', () => {
  const both = () => commune('Mã cấp trên', 'old-first');
  it('--compare with --year itself: exit 2, nothing on stdout', async () => {
    const r = await runCli(['report', both(), '--year', '2025', '--compare', '2025']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('--compare');
  });

  it('--compare with a year that has no rows: exit 2, says which years there are', async () => {
    const r = await runCli(['report', both(), '--year', '2025', '--compare', '2020']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('không so sánh được với năm 2020');
    expect(r.stderr).toContain('có các năm 2024, 2025');
  });

  it('--compare with a year whose rows have problems: exit 2, says why', async () => {
    const dir = folder(
      ['id,name,kind,parent_id,year,rating', 'CB1,Chi bộ A,chi_bo_co_so,,2024,GIOI', 'CB1,Chi bộ A,chi_bo_co_so,,2025,HTTNV'],
      ['id,org_id,year,rating', 'DV1,CB1,2024,HTTNV', 'DV1,CB1,2025,HTTNV'],
    );
    const r = await runCli(['report', dir, '--year', '2025', '--compare', '2024']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('không so sánh được với năm 2024: dữ liệu năm đó có 1 lỗi');
    // The default comparison with the same data is left out with a notice, and the report is made.
    const d = await runCli(['report', dir, '--year', '2025']);
    expect(d.code).toBe(0);
    expect(d.stderr).toContain('không so sánh với năm 2024');
  });

  it('the default comparison with a year that has no rows is simply not made', async () => {
    const r = await runCli(['report', both(), '--year', '2024', '--format', 'json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).previous).toBeNull();
  });
});
