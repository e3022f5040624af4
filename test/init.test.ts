// `assess init DIR [--year YYYY]`: the starter folder passes validate and report, as CSV and as xlsx (the same
// JSON); its workbooks open in another program with the id columns formatted as Text; its report.json fills
// every field report.json has; nothing is ever overwritten; the same year gives the same bytes.
import { readdirSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { starterFiles } from '../src/init/starter.js';
import { INIT_YEAR } from '../src/init/year.js';
import { reportMeta } from '../src/report/metadata.js';
import { runCli } from './in-process.js';
import { scratch } from './temp.js';

describe('assess init', () => {
  it('writes a folder that passes validate and report, as CSV and as xlsx alike', async () => {
    const dir = path.join(scratch(), 'vi-du');
    const r = await runCli(['init', dir, '--year', '2025']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`Đã tạo thư mục mẫu ${dir} (năm 2025)`);
    expect(readdirSync(dir).sort()).toEqual(['HUONG-DAN.txt', 'excel', 'members.csv', 'organizations.csv', 'report.json']);
    const v = await runCli(['validate', '--year', '2025', dir]);
    expect(v.stderr).toBe('Dữ liệu năm 2025 hợp lệ: 2 tổ chức cơ sở đảng, 2 chi bộ trực thuộc, 10 đảng viên.\n');
    const csv = await runCli(['report', '--year', '2025', dir, '--format', 'json']);
    const xlsx = await runCli(['report', '--year', '2025', path.join(dir, 'excel'), '--format', 'json']);
    expect([csv.code, xlsx.code, csv.stderr, xlsx.stderr]).toEqual([0, 0, '', '']);
    expect(xlsx.stdout).toBe(csv.stdout);
    const j = JSON.parse(csv.stdout) as { members: { byRating: Record<string, number>; admitted: number }; unit: string };
    expect(j.members.byRating.UNRANKED).toBe(2);
    expect(j.members.admitted).toBe(1);
    expect(j.unit).toBe('xã Hòa Bình');
    const text = await runCli(['report', '--year', '2025', dir]);
    expect(text.stdout).toContain('Hòa Bình: Kết quả đánh giá');
  });

  it(`the year defaults to ${INIT_YEAR}, a constant (no clock)`, async () => {
    const dir = path.join(scratch(), 'mac-dinh');
    expect((await runCli(['init', dir])).code).toBe(0);
    expect(readFileSync(path.join(dir, 'members.csv'), 'utf8')).toContain(`,${INIT_YEAR},`);
    expect((await runCli(['validate', '--year', String(INIT_YEAR), dir])).code).toBe(0);
  });

  it('refuses to overwrite anything: exit 2, the file named, nothing written', async () => {
    const dir = scratch();
    writeFileSync(path.join(dir, 'members.csv'), 'của tôi');
    mkdirSync(path.join(dir, 'excel'));
    const r = await runCli(['init', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`đã có "${path.join(dir, 'members.csv')}"`);
    expect(readdirSync(dir).sort()).toEqual(['excel', 'members.csv']);
    expect(readdirSync(path.join(dir, 'excel'))).toEqual([]);
    expect(readFileSync(path.join(dir, 'members.csv'), 'utf8')).toBe('của tôi');
  });

  it('usage errors: a bad year, no DIR', async () => {
    expect((await runCli(['init', scratch(), '--year', '20x5'])).code).toBe(2);
    const r = await runCli(['init']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('DIR');
  });

  it('its workbooks open in another program: Vietnamese headers, the id columns formatted as Text, the ids kept', async () => {
    const dir = path.join(scratch(), 'x');
    await runCli(['init', dir]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(dir, 'excel', 'members.xlsx'));
    const ws = wb.worksheets[0]!;
    expect(ws.name).toBe('Đảng viên');
    expect(ws.getRow(1).values).toEqual([undefined, 'Mã đảng viên', 'Họ và tên', 'Mã chi bộ', 'Năm', 'Xếp loại', 'Lý do', 'Ngày vào Đảng']);
    expect(ws.getCell('A2').value).toBe('DV001');
    expect(ws.getCell('D2').value).toBe(INIT_YEAR);
    expect([ws.getColumn(1).numFmt, ws.getColumn(3).numFmt, ws.getCell('A2').numFmt]).toEqual(['@', '@', '@']);
  });

  it('the same year gives the same bytes; report.json fills every field report.json has', () => {
    const a = starterFiles(2026);
    expect(starterFiles(2026)).toEqual(a);
    const meta = JSON.parse(String(a.find((f) => f.path === 'report.json')!.content)) as Record<string, unknown>;
    expect(reportMeta.safeParse(meta).success).toBe(true);
    expect(Object.keys(meta).sort()).toEqual(Object.keys(reportMeta.shape).sort());
  });
});
