// Excel in: the same data as CSV and as xlsx (two files, or one workbook with sheets "Tổ chức" and "Đảng
// viên") gives the same JSON; the bad-input catalogue (fixtures/bad) rebuilt as xlsx gives the same problems
// at the same rows; and what only a workbook can hold (typed numbers and dates, a title row, hidden sheets,
// formulas, errors, ids that lost their zeros) is read as the user meant. The workbooks are written by
// exceljs (test/xlsx-support.ts), small, in scratch folders.
import { copyFileSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './in-process.js';
import { ROOT, scratch, SMALL } from './support.js';
import { csvRows, typed, writeWorkbook, xlsxFolder, type CellValue } from './xlsx-support.js';

const STACK = /\n\s+at .+:\d+:\d+\)?\n/;

/** The JSON with the input files' names taken out (a warning names its file). */
const json = (stdout: string) => JSON.parse(stdout.replace(/"file": ?"[^"]*"/g, '"file":"FILE"')) as unknown;

describe('the same data as CSV and as xlsx gives the same JSON', () => {
  // Each layout once on the larger districts (the suite stays lean), both on the small one.
  const cases: [string, string[], ('files' | 'workbook')[]][] = [
    ['bac-binh-2017', ['--year', '2017'], ['workbook']],
    ['ham-my-2019', ['--year', '2019'], ['files']],
    ['dang-bo-xa-2019', ['--year', '2019'], ['files', 'workbook']],
  ];
  it.each(cases)('%s', async (name, args, layouts) => {
    const src = path.join(ROOT, 'fixtures', name);
    const csv = await runCli(['report', ...args, src, '--format', 'json']);
    expect(csv.code).toBe(0);
    for (const layout of layouts) {
      const dir = await xlsxFolder(src, layout);
      const x = await runCli(['report', ...args, dir, '--format', 'json']);
      expect(x.stderr.replace(/^.*cảnh báo.*\n/gm, ''), layout).toBe('');
      expect(x.code, layout).toBe(0);
      expect(json(x.stdout), layout).toEqual(json(csv.stdout));
    }
  });
});

describe('the bad-input catalogue as xlsx: the same problems at the same rows', () => {
  // CSV syntax has no counterpart in a workbook: a broken quote; and a row of more or fewer fields than the
  // header is an ordinary row in a sheet (a sheet's rows end at their last cell; cells past the header's
  // columns are ignored, as unknown columns are): too-few-fields's short row is read, and its empty year
  // said at the same row; many-problems's long row is read.
  const CSV_ONLY = new Set(['unclosed-quote-end', 'unclosed-quote-middle', 'too-few-fields']);
  const CSV_CODES = new Set(['field-count', 'unclosed-quote', 'text-after-quote']);
  const cases = readdirSync(path.join(ROOT, 'fixtures', 'bad'), { withFileTypes: true }).filter((d) => d.isDirectory() && !CSV_ONLY.has(d.name)).map((d) => d.name);
  type P = { file: string; line: number; code: string; column?: string; value?: string };
  const problems = (stdout: string) => (JSON.parse(stdout) as { problems: P[] }).problems.map((p) => ({ ...p, file: path.basename(p.file).replace(/\.(csv|xlsx)$/, ''), message: undefined }));
  it.each(cases)('%s', async (name) => {
    const src = path.join(ROOT, 'fixtures', 'bad', name);
    const { year } = JSON.parse(readFileSync(path.join(src, 'expect.json'), 'utf8')) as { year: number };
    const dir = await xlsxFolder(src, 'files');
    const csv = await runCli(['validate', '--year', String(year), src, '--format', 'json']);
    const x = await runCli(['validate', '--year', String(year), dir, '--format', 'json']);
    const want = problems(csv.stdout).filter((p) => !CSV_CODES.has(p.code));
    expect(problems(x.stdout)).toEqual(want);
    expect(x.code).toBe(want.length ? 1 : 0);
    expect(x.stderr).not.toMatch(STACK);
  });
});

// ---------------------------------------------------------------------------------------------------
// What a workbook holds that a CSV does not

const O = csvRows(SMALL.organizations);
const M = csvRows(SMALL.members);
const rowsOf = (m: Map<number, CellValue[]>) => [...m.values()].map((r) => [...r]);

/** A folder with organizations.xlsx and members.xlsx of SMALL, each sheet changed by `org` / `mem`. */
async function folder(change: { org?: (rows: CellValue[][]) => CellValue[][]; mem?: (rows: CellValue[][]) => CellValue[][] } = {}, extra?: (dir: string) => Promise<void> | void): Promise<string> {
  const dir = scratch('assess-xlsx-');
  await writeWorkbook(path.join(dir, 'organizations.xlsx'), [{ name: 'Sheet1', rows: (change.org ?? ((r) => r))(rowsOf(O)) }]);
  await writeWorkbook(path.join(dir, 'members.xlsx'), [{ name: 'Sheet1', rows: (change.mem ?? ((r) => r))(rowsOf(M)) }]);
  await extra?.(dir);
  return dir;
}

const validate = (dir: string, ...more: string[]) => runCli(['validate', '--year', '2017', dir, ...more]);

describe('a workbook read as the user meant it', () => {
  it('is valid as the CSV is, and says so', async () => {
    const r = await validate(await folder());
    expect(r.stderr).toContain('hợp lệ');
    expect(r.code).toBe(0);
  });

  it('title rows above the header (merged across the columns) are skipped with a notice; rows keep their numbers', async () => {
    const dir = scratch('assess-xlsx-');
    const rows = new Map<number, CellValue[]>([[1, ['DANH SÁCH ĐẢNG VIÊN NĂM 2017']], [2, ['Đảng bộ huyện Thử']]]);
    for (const [n, r] of M) rows.set(n + 3, [...r]);
    rows.get(7)![4] = 'Giỏi'; // DV3's rating, now on row 4 + 3
    await writeWorkbook(path.join(dir, 'members.xlsx'), [{ name: 'Danh sách', rows, merges: ['A1:F1', 'A2:F2'] }]);
    await writeWorkbook(path.join(dir, 'organizations.xlsx'), [{ name: 'Sheet1', rows: rowsOf(O) }]);
    const r = await validate(dir);
    expect(r.stderr).toContain('members.xlsx: lưu ý: đã bỏ qua 3 dòng phía trên dòng tên cột (dòng 4), như "DANH SÁCH ĐẢNG VIÊN NĂM 2017"');
    expect(r.stderr).toContain('members.xlsx:7: cột "rating", giá trị "Giỏi"');
    expect(r.code).toBe(1);
  });

  it('a hidden first sheet (a lookup list) is passed over: the first visible sheet is read, and named', async () => {
    const dir = await folder({}, async (d) => {
      await writeWorkbook(path.join(d, 'members.xlsx'), [
        { name: 'Danh mục', rows: [['HTXSNV'], ['HTTNV']], state: 'hidden' },
        { name: 'DS 2017', rows: rowsOf(M) },
        { name: 'Ghi chú', rows: [['không phải dữ liệu']] },
      ]);
    });
    const r = await validate(dir);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('members.xlsx: lưu ý: sổ làm việc có 3 trang tính; đã đọc trang tính "DS 2017"');
  });

  it('a sheet named for the table is read wherever it is', async () => {
    const dir = await folder({}, async (d) => {
      await writeWorkbook(path.join(d, 'members.xlsx'), [{ name: 'Ghi chú', rows: [['x']] }, { name: 'đảng viên', rows: rowsOf(M) }]);
    });
    const r = await validate(dir);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('đã đọc trang tính "đảng viên"');
  });

  it('formulas give their saved values; booleans, 1904 dates and date cells are read', async () => {
    const dir = scratch('assess-xlsx-');
    const orgs = rowsOf(O).map((r, i) => (i === 0 ? [...r, 'Tiêu biểu'] : [...r, r[0] === 'DB1' ? true : false]));
    orgs[1]![5] = { formula: 'IF(1>0,"TSVM","YEU")', result: 'TSVM' };
    const mems = rowsOf(M).map((r, i) => (i === 0 ? [...r, 'Ngày vào Đảng'] : [...r, i === 1 ? new Date(Date.UTC(2017, 4, 19)) : null]));
    mems[2]![3] = { formula: '2016+1', result: 2017 };
    await writeWorkbook(path.join(dir, 'organizations.xlsx'), [{ name: 'Sheet1', rows: orgs }]);
    await writeWorkbook(path.join(dir, 'members.xlsx'), [{ name: 'Sheet1', rows: mems }], { date1904: true });
    const r = await runCli(['report', '--year', '2017', dir, '--format', 'json']);
    expect(r.stderr.replace(/^.*cảnh báo.*\n/gm, '')).toBe(''); // (SMALL breaks a rule of 2017: a warning)
    const j = JSON.parse(r.stdout) as { baseOrganizations: { exemplary: { count: number } }; members: { total: number; admitted: number } };
    expect(j.members.total).toBe(8);
    expect(j.members.admitted).toBe(1); // 19/05/2017, from a 1904-system workbook
    expect(j.baseOrganizations.exemplary.count).toBe(1);
  });

  it('a cell holding an Excel error is a problem naming the cell', async () => {
    const r = await validate(await folder({ mem: (rows) => rows.map((r, i) => (i === 3 ? r.map((c, j) => (j === 4 ? { error: '#N/A' } : c)) : r)) }));
    expect(r.stderr).toContain('members.xlsx:4: ô E4 chứa lỗi #N/A của Excel');
    expect(r.code).toBe(1);
  });

  it('an id stored as a number that matches nothing: the message says the leading zeros may be lost', async () => {
    const dir = scratch('assess-xlsx-');
    const orgs = rowsOf(O).map((r) => r.map((c) => (c === 'CB1' ? '007' : c)));
    const mems = rowsOf(M).map((r) => r.map((c) => (c === 'CB1' ? 7 : c)));
    await writeWorkbook(path.join(dir, 'organizations.xlsx'), [{ name: 'Sheet1', rows: orgs }]);
    await writeWorkbook(path.join(dir, 'members.xlsx'), [{ name: 'Sheet1', rows: mems }]);
    const r = await validate(dir);
    expect(r.stderr).toContain('members.xlsx:7: cột "org_id", giá trị "7": không có chi bộ mã "7" trong danh sách tổ chức năm 2017; mã 7 có thể đã mất số 0 ở đầu: trong Excel hãy định dạng cột là Văn bản');
  });

  it('a year typed as a number (2017) and as text ("2017") are the same year', async () => {
    const r = await validate(await folder({ mem: (rows) => rows.map((r, i) => (i % 2 ? r.map((c, j) => (j === 3 ? String(c) : c)) : r)) }));
    expect(r.code).toBe(0);
  });
});

describe('files that are not the workbook they are named', () => {
  it.each<[string, Buffer | string, RegExp]>([
    ['a CSV renamed .xlsx', SMALL.members, /members\.xlsx: đây là tệp văn bản \(có thể là tệp CSV bị đổi đuôi/],
    ['an old .xls renamed .xlsx (or a password-protected workbook)', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...new Array(600).fill(7)]), /members\.xlsx: đây là sổ tính Excel đời cũ \(\.xls/],
    ['an empty file', '', /members\.xlsx: tệp rỗng/],
    ['a ZIP that is no workbook', Buffer.from('PK\x03\x04' + '\0'.repeat(40)), /members\.xlsx: tệp nén của sổ làm việc bị hỏng/],
  ])('%s: exit 1, said plainly', async (_name, content, says) => {
    const dir = await folder({}, (d) => writeFileSync(path.join(d, 'members.xlsx'), content));
    const r = await validate(dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(says);
    expect(r.stderr).not.toMatch(STACK);
  });
});

describe('which files are the tables: usage errors (exit 2)', () => {
  const csvDir = () => {
    const d = scratch('assess-xlsx-');
    writeFileSync(path.join(d, 'organizations.csv'), SMALL.organizations);
    writeFileSync(path.join(d, 'members.csv'), SMALL.members);
    return d;
  };
  it('a CSV and an xlsx for the same table', async () => {
    const d = csvDir();
    await writeWorkbook(path.join(d, 'members.xlsx'), [{ name: 'Sheet1', rows: rowsOf(M) }]);
    const r = await validate(d);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('có cả members.csv và members.xlsx');
    expect(r.stdout).toBe('');
  });

  it('a table only as .xls or .ods: how to save it as .xlsx', async () => {
    const d = csvDir();
    for (const f of ['members.csv']) copyFileSync(path.join(d, f), path.join(d, 'members.xls'));
    writeFileSync(path.join(d, 'members.csv'), '');
    const dir = scratch('assess-xlsx-');
    copyFileSync(path.join(d, 'organizations.csv'), path.join(dir, 'organizations.csv'));
    writeFileSync(path.join(dir, 'members.ods'), 'x');
    const r = await validate(dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('thiếu danh sách đảng viên; chương trình không đọc được "members.ods"');
    expect(r.stderr).toContain('Excel 2007-365 (.xlsx)');
  });

  it('a table both in its own file and in a workbook\'s sheet', async () => {
    const d = scratch('assess-xlsx-');
    writeFileSync(path.join(d, 'organizations.csv'), SMALL.organizations);
    await writeWorkbook(path.join(d, 'du-lieu.xlsx'), [{ name: 'Tổ chức', rows: rowsOf(O) }, { name: 'Đảng viên', rows: rowsOf(M) }]);
    const r = await validate(d);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('danh sách tổ chức có ở hai nơi');
  });

  it('one workbook with both sheets is read, and its problems name the sheet', async () => {
    const d = scratch('assess-xlsx-');
    const mems = rowsOf(M).map((r) => r.map((c) => (c === 'KHTNV' ? 'Kém' : c)));
    await writeWorkbook(path.join(d, 'Báo cáo 2017.xlsx'), [{ name: 'Tổ chức', rows: rowsOf(O) }, { name: 'Dang vien', rows: mems }]);
    const r = await validate(d);
    expect(r.stderr).toContain(`${path.join(d, 'Báo cáo 2017.xlsx')}[Dang vien]:6: cột "rating", giá trị "Kém"`);
    expect(r.code).toBe(1);
  });

  it('an --out that is the workbook is refused', async () => {
    const d = await folder();
    const r = await runCli(['report', '--year', '2017', d, '--out', path.join(d, 'members.xlsx')]);
    expect(r.code).toBe(2);
    expect(readFileSync(path.join(d, 'members.xlsx')).subarray(0, 2).toString()).toBe('PK');
  });
});

it('typed(): whole numbers without leading zeros become numbers, the rest stays text', () => {
  expect([typed('2017'), typed('007'), typed('DV1'), typed(''), typed('85.5')]).toEqual([2017, '007', 'DV1', null, 85.5]);
});
