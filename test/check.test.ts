// Driving records through the checkers (src/check.ts): title lines above the header are skipped on both
// paths (the string path for small files, the byte path from 64 KB), with a notice, and lines stay physical.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from './in-process.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function folder(organizations: string, members: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'assess-check-'));
  dirs.push(dir);
  writeFileSync(path.join(dir, 'organizations.csv'), organizations);
  writeFileSync(path.join(dir, 'members.csv'), members);
  return dir;
}

const TITLE = ['ĐẢNG BỘ XÃ HÒA BÌNH, TỈNH LÂM ĐỒNG;;;;', 'DANH SÁCH ĐẢNG VIÊN NĂM 2025;;;;', ';;;;', ''];

/** A commune; members.csv with `rows` members, ';' as delimiter, the title above its header, one bad row last. */
function commune(rows: number, titled: boolean): { dir: string; badLine: number } {
  const orgs = ['Mã;Tên tổ chức;Loại;Mã cấp trên;Năm;Xếp loại', 'CB1;Chi bộ thôn 1;chi_bo_co_so;;2025;HTTNV', 'CB2;Chi bộ thôn 2;chi_bo_co_so;;2025;HTNV'];
  const members = ['Mã đảng viên;Họ và tên;Mã chi bộ;Năm;Xếp loại', ...Array.from({ length: rows }, (_, i) => `DV${i};Đảng viên số ${i};CB${(i % 2) + 1};2025;HTTNV`), `DVX;Lạ;CB9;2025;HTTNV`];
  const lines = titled ? [...TITLE, ...members] : members;
  return { dir: folder(`${[...(titled ? ['DANH SÁCH TỔ CHỨC ĐẢNG', ''] : []), ...orgs].join('\r\n')}\r\n`, `${lines.join('\r\n')}\r\n`), badLine: lines.length };
}

describe('title lines above the header', () => {
  it.each([
    ['a small file (string path)', 10],
    ['a file over 64 KB (byte path)', 3000],
  ])('%s: skipped with a notice, problems at their physical line', async (_name, rows) => {
    const { dir, badLine } = commune(rows, true);
    const r = await runCli(['validate', dir, '--year', '2025']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`members.csv: lưu ý: đã bỏ qua 4 dòng phía trên dòng tên cột (dòng 5), như "ĐẢNG BỘ XÃ HÒA BÌNH, TỈNH LÂM ĐỒNG"`);
    expect(r.stderr).toContain(`organizations.csv: lưu ý: đã bỏ qua 2 dòng phía trên dòng tên cột (dòng 3), như "DANH SÁCH TỔ CHỨC ĐẢNG"`);
    expect(r.stderr).toContain(`members.csv:${badLine}: cột "Mã chi bộ", giá trị "CB9"`);
    expect(r.stderr).toMatch(/\n1 lỗi: 1 chi bộ không có trong danh sách\n$/);
    expect(r.stderr).not.toContain('thiếu cột');
  });

  it('the same problems with or without the title, four lines down', async () => {
    const [titled, plain] = [commune(3000, true), commune(3000, false)];
    const a = await runCli(['validate', titled.dir, '--year', '2025', '--format', 'json']);
    const b = await runCli(['validate', plain.dir, '--year', '2025', '--format', 'json']);
    const problems = (r: { stdout: string }) => (JSON.parse(r.stdout) as { problems: { line: number; file: string }[] }).problems.map((p) => ({ ...p, file: path.basename(p.file) }));
    expect(problems(a)).toEqual(problems(b).map((p) => ({ ...p, line: p.line + 4 })));
  });

  it('blank lines only above the header are said as such', async () => {
    const dir = folder('\n\nid,name,kind,parent_id,year,rating\nCB1,Chi bộ A,chi_bo_co_so,,2025,HTTNV\n', 'id,org_id,year,rating\nDV1,CB1,2025,HTTNV\n');
    const r = await runCli(['validate', dir, '--year', '2025']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('organizations.csv: lưu ý: đã bỏ qua 2 dòng trống phía trên dòng tên cột (dòng 3)\n');
  });

  it('a file with no header among its first lines: the missing columns are said at line 1, as before', async () => {
    const dir = folder('a,b,c\n1,2,3\n', 'id,org_id,year,rating\nDV1,CB1,2025,HTTNV\n');
    const r = await runCli(['validate', dir, '--year', '2025']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('organizations.csv:1: thiếu cột bắt buộc "id"');
  });
});
