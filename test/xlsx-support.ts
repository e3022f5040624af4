// Workbooks for the tests, written by another program than ours (exceljs, a dev dependency), the way a clerk's
// Excel would hold them: whole numbers typed as numbers (a year is 2017, not "2017"), dates as date cells,
// text as shared strings. A CSV folder becomes the same data as xlsx, each record on the row of its line.
import { copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { sniffDelimiter, Tokenizer } from '../src/read/tokenize.js';
import { scratch } from './temp.js';

export type CellValue = string | number | boolean | Date | null | { formula: string; result: string | number } | { error: string };

export interface SheetSpec {
  name: string;
  /** Rows by their number (1-based): a missing row is left out of the sheet, as Excel does. */
  rows: Map<number, CellValue[]> | CellValue[][];
  state?: 'visible' | 'hidden' | 'veryHidden';
  /** Number format of the date cells. */
  dateFormat?: string;
  merges?: string[];
}

/** Writes a workbook of `sheets` to `file`. */
export async function writeWorkbook(file: string, sheets: SheetSpec[], opts: { date1904?: boolean } = {}): Promise<string> {
  const wb = new ExcelJS.Workbook();
  if (opts.date1904) wb.properties.date1904 = true;
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name, { state: s.state ?? 'visible' });
    const rows = s.rows instanceof Map ? [...s.rows] : s.rows.map((r, i) => [i + 1, r] as const);
    for (const [n, cells] of rows) {
      const row = ws.getRow(n);
      cells.forEach((v, i) => {
        if (v === null || v === '') return;
        const cell = row.getCell(i + 1);
        cell.value = v as ExcelJS.CellValue;
        if (v instanceof Date) cell.numFmt = s.dateFormat ?? 'dd/mm/yyyy';
      });
      row.commit();
    }
    for (const m of s.merges ?? []) ws.mergeCells(m);
  }
  await wb.xlsx.writeFile(file);
  return file;
}

/** A cell as Excel types what is typed or pasted into a General cell: a whole or decimal number without leading zeros is a number, an ISO date a date. */
export function typed(cell: string): CellValue {
  if (cell === '') return null;
  if (/^-?(0|[1-9]\d{0,14})(\.\d+)?$/.test(cell)) return Number(cell);
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(cell);
  if (d) return new Date(Date.UTC(Number(d[1]), Number(d[2]) - 1, Number(d[3])));
  return cell;
}

/** A CSV text as a sheet's rows: each record on the row of the line it starts on, its cells typed. */
export function csvRows(text: string): Map<number, CellValue[]> {
  const t = text.replace(/^\ufeff/, '');
  const tokenizer = new Tokenizer(sniffDelimiter(t));
  const issues: never[] = [];
  const records = [...tokenizer.push(t, issues), ...tokenizer.end(issues)];
  return new Map(records.map((r) => [r.line, r.fields.map((f) => typed(f))]));
}

/** The CSV folder `src` as xlsx in a new folder: organizations.xlsx and members.xlsx, or one workbook with sheets "Tổ chức" and "Đảng viên". */
export async function xlsxFolder(src: string, layout: 'files' | 'workbook'): Promise<string> {
  const dir = scratch('assess-xlsx-');
  mkdirSync(dir, { recursive: true });
  const rows = (name: string) => csvRows(readFileSync(path.join(src, `${name}.csv`), 'utf8'));
  if (layout === 'files') {
    await writeWorkbook(path.join(dir, 'organizations.xlsx'), [{ name: 'Sheet1', rows: rows('organizations') }]);
    await writeWorkbook(path.join(dir, 'members.xlsx'), [{ name: 'Sheet1', rows: rows('members') }]);
  } else {
    await writeWorkbook(path.join(dir, 'du-lieu.xlsx'), [
      { name: 'Tổ chức', rows: rows('organizations') },
      { name: 'Đảng viên', rows: rows('members') },
    ]);
  }
  if (existsSync(path.join(src, 'report.json'))) copyFileSync(path.join(src, 'report.json'), path.join(dir, 'report.json'));
  return dir;
}
