// A sheet as a table: its columns (a heading, how a row fills it, its number format) and its rows. Every sheet
// of our workbooks is laid out here the same way: a bold heading row (two when columns are grouped), frozen
// and filtered; numbers as numbers (counts "#,##0", shares "0.00%" of a fraction), never as text; widths that
// fit what they hold; printed on A4 landscape, one page wide, the heading rows on every page. ./package.ts
// writes the workbook.
import { xlsxBytes, type CellOut, type SheetOut, type StyleName } from './package.js';

export type CellValue = string | number | null;

export interface SheetColumn<R> {
  head: string;
  /** A heading over several columns (a second heading row above): consecutive columns with the same group share it. */
  group?: string;
  value: (row: R) => CellValue;
  /** count: a whole number; share: a fraction shown as a percent (0,2558 → 25,58%); text: kept as text (an id Excel must not turn into a number). */
  format?: 'count' | 'share' | 'text';
}

export interface SheetSpec<R> {
  /** The tab's name (31 characters at most, none of : \ / ? * [ ]). */
  name: string;
  columns: readonly SheetColumn<R>[];
  rows: readonly R[];
}

const STYLE_OF: Record<NonNullable<SheetColumn<unknown>['format']>, StyleName> = { count: 'count', share: 'share', text: 'literal' };

/** Column widths, in characters: at least, and at most (a longer text wraps). */
const MIN_WIDTH = 6;
const MAX_WIDTH = 60;

/** How wide a value reads once formatted (a count's dots, a share's "%"). */
function shownLength(v: CellValue, format: SheetColumn<unknown>['format']): number {
  if (v === null) return 0;
  if (typeof v === 'number') return format === 'share' ? 7 : Math.round(v).toString().length * 1.35;
  return Math.max(...v.split('\n').map((l) => l.length));
}

/** The longest word of a heading (headings wrap, words do not), or half the heading when it wraps on two lines. */
const headLength = (head: string) => Math.max(...head.split(/\s+/).map((w) => w.length), Math.ceil(head.length / 2));

/** The height of a line of text, in points (Times New Roman 12). */
const LINE = 15.75;

/** How many lines `text` takes in `width` characters, wrapped between words. */
function wrapped(text: string, width: number): number {
  let lines = 1;
  let used = 0;
  for (const word of text.split(/\s+/)) {
    if (used > 0 && used + 1 + word.length > width) {
      lines++;
      used = word.length;
    } else used += (used > 0 ? 1 : 0) + word.length;
  }
  return lines;
}

/** A sheet ready to be written, whatever its rows are. */
export type Sheet = (title: string) => SheetOut;

export function sheetOf<R>(spec: SheetSpec<R>): Sheet {
  return (title) => {
    const n = spec.columns.length;
    const grouped = spec.columns.some((c) => c.group !== undefined);
    const head = (value: string): CellOut => ({ value, style: 'head' });
    const rows: CellOut[][] = [];
    const merges: SheetOut['merges'] = [];
    if (grouped) {
      // The group above its columns; a column without a group spans both heading rows.
      const top: CellOut[] = [];
      const bottom: CellOut[] = [];
      for (let i = 0; i < n; ) {
        const c = spec.columns[i]!;
        let j = i;
        while (c.group !== undefined && j + 1 < n && spec.columns[j + 1]!.group === c.group) j++;
        for (let k = i; k <= j; k++) {
          top.push(head(k === i ? (c.group ?? c.head) : ''));
          bottom.push(head(c.group === undefined ? '' : spec.columns[k]!.head));
        }
        if (c.group === undefined) merges.push([0, i, 1, i]);
        else if (j > i) merges.push([0, i, 0, j]);
        i = j + 1;
      }
      rows.push(top, bottom);
    } else {
      rows.push(spec.columns.map((c) => head(c.head)));
    }
    for (const r of spec.rows) rows.push(spec.columns.map((c) => ({ value: c.value(r), style: c.format ? STYLE_OF[c.format] : 'text' })));
    const widths = spec.columns.map((c) => {
      const longest = Math.max(headLength(c.head), ...spec.rows.map((r) => shownLength(c.value(r), c.format)));
      return Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, Math.ceil(longest) + 3)); // (bold headings read wider)
    });
    // Each row as high as its most wrapped cell: a line of 15.75 pt per (width - 1) characters (headings by word).
    const heights = rows.map((cells, r) => {
      // (The groups' row: a group spans its columns, a column without one spans both heading rows: one line.)
      if (grouped && r === 0) return LINE;
      const lines = cells.map((c, i) => (typeof c.value !== 'string' || c.value === '' ? 1 : r < (grouped ? 2 : 1) ? wrapped(c.value, widths[i]! - 1) : Math.ceil(c.value.length / (widths[i]! - 1))));
      return LINE * Math.max(1, ...lines);
    });
    return { name: spec.name.replace(/[:\\/?*[\]]/g, ' ').slice(0, 31), rows, widths, heights, heads: grouped ? 2 : 1, merges, title };
  };
}

/**
 * The bytes of a workbook of `sheets`, byte-stable: its properties dated `date` (YYYY-MM-DD) or not dated.
 * `title` names it and heads each printed page.
 */
export async function workbookBytes(title: string, date: string | undefined, sheets: readonly Sheet[]): Promise<Uint8Array> {
  return xlsxBytes(sheets.map((s) => s(title)), title, date);
}
