// --format xlsx and validate --format xlsx read back with exceljs (another reader than our text extraction):
// the sheets, every figure as a number with its number format, the headings, frozen and filtered, the widths,
// the print setup; the problems by unit with how to fix them; the same bytes twice.
import ExcelJS from 'exceljs';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { PROBLEM_CODES, type ProblemCode } from '../src/problems.js';
import { hintFor } from '../src/report/problem-hints.js';
import { runCli } from './in-process.js';
import { ROOT } from './support.js';
import { scratch } from './temp.js';

async function workbook(args: string[]): Promise<{ code: number; bytes: Buffer; wb: ExcelJS.Workbook }> {
  const out = path.join(scratch(), 'out.xlsx');
  const r = await runCli([...args, '--format', 'xlsx', '--out', out]);
  const bytes = readFileSync(out);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return { code: r.code, bytes, wb };
}

/** A sheet's rows as arrays of cell values (from column 1). */
const rowsOf = (ws: ExcelJS.Worksheet) => ws.getSheetValues().slice(1).map((r) => (Array.isArray(r) ? r.slice(1) : []));

const fixture = (name: string) => path.join(ROOT, 'fixtures', name);

describe('the figures as a workbook', () => {
  let bb: Awaited<ReturnType<typeof workbook>>;
  let hm: Awaited<ReturnType<typeof workbook>>;
  beforeAll(async () => {
    bb = await workbook(['report', '--year', '2017', fixture('bac-binh-2017')]);
    hm = await workbook(['report', '--year', '2019', fixture('ham-my-2019')]);
  });

  it('has the summary, a sheet per level of units, the weak units and the reasons', () => {
    expect(bb.code).toBe(0);
    expect(bb.wb.worksheets.map((w) => w.name)).toEqual(['Tổng hợp', 'Tổ chức cơ sở đảng', 'Chi bộ trực thuộc', 'Yếu kém', 'Lý do không, chưa xếp loại']);
    expect(hm.wb.worksheets.map((w) => w.name)).toContain('Không hoàn thành nhiệm vụ');
  });

  it('summary: every block by rating, counts and shares as numbers with number formats', () => {
    const ws = bb.wb.getWorksheet('Tổng hợp')!;
    const rows = rowsOf(ws);
    expect(rows[0]).toEqual(['Khối', 'Xếp loại', 'Số lượng', 'Tỷ lệ (trên số đã xếp loại)', 'Tỷ lệ trên tổng số', 'Đảng bộ cơ sở', 'Chi bộ cơ sở']);
    const find = (block: string, label: string) => rows.find((r) => r[0] === block && r[1] === label);
    expect(find('Tổ chức cơ sở đảng', 'Trong sạch vững mạnh')).toEqual(['Tổ chức cơ sở đảng', 'Trong sạch vững mạnh', 11, 0.2558, 0.2558, 5, 6]);
    expect(find('Tổ chức cơ sở đảng', 'Tổng số')).toEqual(['Tổ chức cơ sở đảng', 'Tổng số', 43, undefined, 1, 27, 16]);
    expect(find('Chi bộ trực thuộc', 'Trong sạch vững mạnh')?.slice(2, 5)).toEqual([73, 0.316, 0.316]);
    expect(find('Đảng viên', 'Hoàn thành xuất sắc nhiệm vụ')?.slice(2, 5)).toEqual([135, 0.0522, 0.0465]);
    expect(find('Đảng viên', 'Không xếp loại')?.slice(2, 5)).toEqual([313, undefined, 0.1078]);
    expect(find('Đảng viên', 'Chưa xếp loại')?.slice(2, 3)).toEqual([7]);
    expect(find('Đảng viên', 'Hoàn thành tốt nhiệm vụ trở lên')?.slice(2, 5)).toEqual([1919, 0.7426, 0.6608]);
    expect(ws.getCell('C2').numFmt).toBe('#,##0');
    expect(ws.getCell('D2').numFmt).toBe('0.00%');
    expect(ws.getCell('E2').numFmt).toBe('0.00%');
  });

  it('summary with a comparison: the compared year’s counts and shares', () => {
    const rows = rowsOf(hm.wb.getWorksheet('Tổng hợp')!);
    expect(rows[0]!.slice(-2)).toEqual(['Năm 2018: số lượng', 'Năm 2018: tỷ lệ']);
    const r = rows.find((x) => x[0] === 'Chi bộ trực thuộc' && x[1] === 'Hoàn thành xuất sắc nhiệm vụ')!;
    expect([r[2], r.at(-2), r.at(-1)]).toEqual([30, 26, 0.1436]);
  });

  it('a level: each unit’s own rating, its cells and members by rating, under grouped headings', () => {
    const ws = bb.wb.getWorksheet('Tổ chức cơ sở đảng')!;
    const rows = rowsOf(ws);
    expect(rows[0]!.slice(0, 6)).toEqual(['STT', 'Mã', 'Tổ chức', 'Loại', 'Xếp loại', 'Chi bộ trực thuộc']);
    expect(rows[1]).toEqual(['STT', 'Mã', 'Tổ chức', 'Loại', 'Xếp loại', 'Tổng số', 'TSVM', 'HTTNV', 'HTNV', 'Yếu kém', 'Tổng số', 'HTXSNV', 'HTTNV', 'HTNV', 'HTNV có hạn chế', 'KHTNV', 'Không xếp loại', 'Chưa xếp loại']);
    expect(rows).toHaveLength(2 + 43);
    const tan = rows.find((r) => r[2] === 'Đảng bộ xã Bình Tân')!;
    expect(tan.slice(3, 5)).toEqual(['Đảng bộ cơ sở', 'Yếu kém']);
    // Every unit's members add up to the district's.
    expect(rows.slice(2).reduce((n, r) => n + (r[10] as number), 0)).toBe(2904);
    expect(rows.slice(2).reduce((n, r) => n + (r[5] as number), 0)).toBe(231);
    expect(ws.getCell('A1').isMerged && ws.getCell('A2').isMerged).toBe(true);
    const cells = rowsOf(bb.wb.getWorksheet('Chi bộ trực thuộc')!);
    expect(cells).toHaveLength(2 + 231);
  });

  it('the weak units and the reasons', () => {
    const weak = rowsOf(bb.wb.getWorksheet('Yếu kém')!);
    expect(weak).toHaveLength(1 + 13);
    expect(weak[1]).toEqual([1, 'Đảng bộ xã Bình Tân', 'Đảng bộ cơ sở', 'Đảng bộ huyện Bắc Bình', 'yếu kém']);
    const reasons = rowsOf(bb.wb.getWorksheet('Lý do không, chưa xếp loại')!);
    expect(reasons).toContainEqual(['Không xếp loại', 'Miễn sinh hoạt', 141]);
    expect(reasons).toContainEqual(['Chưa xếp loại', 'Bệnh', 3]);
  });

  it('headings frozen and filtered, widths that fit, A4 landscape one page wide', () => {
    for (const ws of bb.wb.worksheets) {
      const heads = ws.name === 'Tổ chức cơ sở đảng' || ws.name === 'Chi bộ trực thuộc' ? 2 : 1;
      expect(ws.views[0], ws.name).toMatchObject({ state: 'frozen', ySplit: heads });
      expect(ws.autoFilter, ws.name).toBeTruthy();
      expect(ws.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 });
      expect(ws.getRow(1).getCell(1).font?.bold).toBe(true);
    }
    const names = bb.wb.getWorksheet('Tổ chức cơ sở đảng')!.getColumn(3).width!;
    const longest = Math.max(...rowsOf(bb.wb.getWorksheet('Tổ chức cơ sở đảng')!).map((r) => String(r[2]).length));
    expect(names).toBeGreaterThanOrEqual(Math.min(60, longest));
  });

  it('the same input gives the same bytes', async () => {
    const again = await workbook(['report', '--year', '2017', fixture('bac-binh-2017')]);
    expect(again.bytes.equals(bb.bytes)).toBe(true);
  });
});

describe('validate --format xlsx', () => {
  it('lists the problems by unit, with how to fix each, the warnings and a summary', async () => {
    const { code, wb } = await workbook(['validate', '--year', '2017', fixture('bad/many-problems')]);
    expect(code).toBe(1);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Lỗi', 'Cảnh báo', 'Tóm tắt']);
    const rows = rowsOf(wb.getWorksheet('Lỗi')!);
    expect(rows[0]).toEqual(['STT', 'Mã đơn vị', 'Tên đơn vị', 'Tệp', 'Dòng', 'Cột', 'Giá trị', 'Lỗi', 'Cách sửa', 'Mã lỗi']);
    const body = rows.slice(1);
    expect(body.length).toBeGreaterThan(1);
    // Sorted by unit: a unit's problems together, the units in order, those of no unit first.
    const units = body.map((r) => String(r[1] ?? ''));
    const seen: string[] = [];
    for (const u of units) if (seen.at(-1) !== u) seen.push(u);
    expect(new Set(seen).size).toBe(seen.length);
    for (const r of body) expect(r[8]).toBe(hintFor(r[9] as ProblemCode));
  });

  it('names the base organization of a member’s cell, and of a cell', async () => {
    const dir = scratch();
    writeFileSync(
      path.join(dir, 'organizations.csv'),
      'id,name,kind,parent_id,year,rating\nCS1,Đảng bộ xã A,dang_bo_co_so,,2025,HTTNV\nCB1,Chi bộ thôn 1,chi_bo_truc_thuoc,CS1,2025,Giỏi\nCS2,Chi bộ B,chi_bo_co_so,,2025,HTNV\n',
    );
    writeFileSync(path.join(dir, 'members.csv'), 'id,org_id,year,rating\nDV1,CB1,2025,HTTNV\nDV2,CB1,2025,Tốt\nDV3,CS2,2025,HTX\nDV4,CB9,2025,HTNV\n');
    const { wb } = await workbook(['validate', '--year', '2025', dir]);
    const rows = rowsOf(wb.getWorksheet('Lỗi')!).slice(1);
    expect(rows.map((r) => [r[1], r[2], path.basename(String(r[3])), r[4]])).toEqual([
      ['CB9', undefined, 'members.csv', 5], // a cell not in organizations: its id only
      ['CS1', 'Đảng bộ xã A', 'members.csv', 3],
      ['CS1', 'Đảng bộ xã A', 'organizations.csv', 3],
      ['CS2', 'Chi bộ B', 'members.csv', 4],
    ]);
  });

  it('with valid data: an empty list and exit 0', async () => {
    const { code, wb } = await workbook(['validate', '--year', '2017', fixture('bac-binh-2017')]);
    expect(code).toBe(0);
    expect(rowsOf(wb.getWorksheet('Lỗi')!)).toHaveLength(1);
  });

  it('needs --out; --out is refused with the text listing', async () => {
    const r = await runCli(['validate', '--year', '2017', fixture('bac-binh-2017'), '--format', 'xlsx']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--format xlsx cần --out FILE');
    const t = await runCli(['validate', '--year', '2017', fixture('bac-binh-2017'), '--out', path.join(scratch(), 'x.txt')]);
    expect(t.code).toBe(2);
    expect(t.stderr).toContain('--out không dùng với --format text của validate');
  });
});

describe('problem hints', () => {
  it('every problem code has a hint (notices are not listed)', () => {
    const codes = (Object.keys(PROBLEM_CODES) as ProblemCode[]).filter((c) => !c.startsWith('notice-'));
    expect(codes.filter((c) => !hintFor(c))).toEqual([]);
  });
});
