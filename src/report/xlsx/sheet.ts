// A sheet as a table: its columns (a heading, how a row fills it, its number format) and its rows. Every sheet
// of our workbooks is laid out here the same way: a bold heading row (two when columns are grouped), frozen
// and filtered; numbers as numbers (counts "#,##0", shares "0.00%" of a fraction), never as text; widths that
// fit what they hold; printed on A4 landscape, one page wide, the heading row on every page. Then the bytes,
// repacked so that the same input gives the same file (../office/zip.ts).
import ExcelJS from 'exceljs';
import { repack } from '../office/zip.js';

export type CellValue = string | number | null;

export interface SheetColumn<R> {
  head: string;
  /** A heading over several columns (a second heading row above): consecutive columns with the same group share it. */
  group?: string;
  value: (row: R) => CellValue;
  /** count: a whole number; share: a fraction shown as a percent (0,2558 → 25,58%); text: as it is. */
  format?: 'count' | 'share' | 'text';
}

export interface SheetSpec<R> {
  /** The tab's name (31 characters at most). */
  name: string;
  columns: readonly SheetColumn<R>[];
  rows: readonly R[];
}

const FORMATS = { count: '#,##0', share: '0.00%', text: '@' } as const;
const HEAD_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } };
const THIN: Partial<ExcelJS.Borders> = { top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' } };
/** Column widths, in characters: at least, and at most (a longer text wraps). */
const MIN_WIDTH = 6;
const MAX_WIDTH = 60;

/** How wide a value reads once formatted (a count's dots, a share's "%"). */
function shownLength(v: CellValue, format: SheetColumn<unknown>['format']): number {
  if (v === null) return 0;
  if (typeof v === 'number') return format === 'share' ? 7 : Math.max(1, Math.round(v).toString().length * 1.35);
  return Math.max(...v.split('\n').map((l) => l.length));
}

/** The longest word of a heading (headings wrap, words do not), or half the heading when it wraps on two lines. */
const headLength = (head: string) => Math.max(...head.split(/\s+/).map((w) => w.length), Math.ceil(head.length / 2));

/** Adds a sheet for `spec` to `wb`; `title` goes in the printed page's header. */
function addSheet<R>(wb: ExcelJS.Workbook, spec: SheetSpec<R>, title: string): void {
  const grouped = spec.columns.some((c) => c.group !== undefined);
  const heads = grouped ? 2 : 1;
  const ws = wb.addWorksheet(spec.name.slice(0, 31), {
    views: [{ state: 'frozen', ySplit: heads, xSplit: 0 }],
    pageSetup: {
      paperSize: 9, // A4
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      margins: { left: 0.5, right: 0.5, top: 0.75, bottom: 0.75, header: 0.3, footer: 0.3 },
      printTitlesRow: `1:${heads}`,
    },
    headerFooter: { oddHeader: `&C&"Times New Roman,Bold"${title.replace(/&/g, '&&')}`, oddFooter: '&CTrang &P/&N' },
  });
  const n = spec.columns.length;
  // Headings: with groups, the group above and each column's own heading below (a column without a group spans both rows).
  if (grouped) {
    const top = ws.getRow(1);
    const bottom = ws.getRow(2);
    for (let i = 0; i < n; ) {
      const c = spec.columns[i]!;
      let j = i;
      while (c.group !== undefined && j + 1 < n && spec.columns[j + 1]!.group === c.group) j++;
      if (c.group === undefined) {
        top.getCell(i + 1).value = c.head;
        ws.mergeCells(1, i + 1, 2, i + 1);
      } else {
        top.getCell(i + 1).value = c.group;
        if (j > i) ws.mergeCells(1, i + 1, 1, j + 1);
        for (let k = i; k <= j; k++) bottom.getCell(k + 1).value = spec.columns[k]!.head;
      }
      i = j + 1;
    }
  } else {
    ws.getRow(1).values = spec.columns.map((c) => c.head);
  }
  for (let r = 1; r <= heads; r++) {
    for (let i = 1; i <= n; i++) {
      const cell = ws.getRow(r).getCell(i);
      cell.font = { bold: true };
      cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
      cell.fill = HEAD_FILL;
      cell.border = THIN;
    }
  }
  spec.rows.forEach((row, k) => {
    const r = ws.getRow(heads + 1 + k);
    spec.columns.forEach((c, i) => {
      const cell = r.getCell(i + 1);
      cell.value = c.value(row);
      cell.border = THIN;
      cell.alignment = { vertical: 'top', wrapText: true };
      if (c.format) cell.numFmt = FORMATS[c.format];
    });
  });
  spec.columns.forEach((c, i) => {
    const longest = Math.max(headLength(c.head), ...spec.rows.map((r) => shownLength(c.value(r), c.format)));
    ws.getColumn(i + 1).width = Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, Math.ceil(longest) + 2));
  });
  ws.autoFilter = { from: { row: heads, column: 1 }, to: { row: heads, column: n } };
}

/** A sheet ready to be added, whatever its rows are. */
export type Sheet = (wb: ExcelJS.Workbook, title: string) => void;

export const sheetOf = <R>(spec: SheetSpec<R>): Sheet => (wb, title) => addSheet(wb, spec, title);

/**
 * The bytes of a workbook of `sheets`, byte-stable: its properties fixed (no clock: `date`, YYYY-MM-DD, or
 * 2000-01-01), its package repacked. `title` names it and heads each printed page.
 */
export async function workbookBytes(title: string, date: string | undefined, sheets: readonly Sheet[]): Promise<Uint8Array> {
  const wb = workbook(title, date);
  for (const add of sheets) add(wb, title);
  return repack(new Uint8Array(await wb.xlsx.writeBuffer()));
}

function workbook(title: string, date: string | undefined): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  const when = new Date(`${date ?? '2000-01-01'}T00:00:00Z`);
  wb.creator = 'assess';
  wb.lastModifiedBy = 'assess';
  wb.title = title;
  wb.created = when;
  wb.modified = when;
  return wb;
}
