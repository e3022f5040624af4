// The Word report's tables: a block by rating (the rows of ../block-rows.ts, with the md table's columns), the
// weak units, and a level's units (the appendix). Words of a change come from the shared partial the md and
// html tables use (change-cell), handed in as `change`.
import { HeightRule, Table, TableLayoutType, TableRow, WidthType } from 'docx';
import { formatCount } from '../../format.js';
import type { BlockRow } from '../block-rows.js';
import type { Delta, RatingLine } from '../blocks.js';
import { formatPercent } from '../helpers.js';
import type { LevelTable } from '../levels.js';
import { cell, GRID, TABLE_SIZE, TEXT_WIDTH, WIDE_TABLE_SIZE, WIDE_TEXT_WIDTH, widths, type CellStyle } from './style.js';

/** A column: its heading, its weight in the width, and how it prints a row. */
interface Column<R> {
  head: string;
  weight: number;
  align: CellStyle['align'];
  text: (row: R) => string;
}

function grid<R>(columns: readonly Column<R>[], rows: readonly R[], total: number, size: number, style: (row: R) => { bold?: boolean; italics?: boolean } = () => ({})): Table {
  const w = widths(columns.map((c) => c.weight), total);
  const head = new TableRow({ tableHeader: true, cantSplit: true, children: columns.map((c, i) => cell(c.head, { width: w[i]!, align: 'center', bold: true, size })) });
  const body = rows.map((r) => new TableRow({ cantSplit: true, children: columns.map((c, i) => cell(c.text(r), { width: w[i]!, align: c.align, size, ...style(r) })) }));
  return new Table({ width: { size: total, type: WidthType.DXA }, columnWidths: w, layout: TableLayoutType.FIXED, borders: GRID, rows: [head, ...body] });
}

const pct = (x: number | null) => (x === null ? '' : formatPercent(x));

export interface BlockTableOptions {
  /** "tổ chức", "chi bộ", "đảng viên". */
  noun: string;
  /** The compared year, or null. */
  previousYear: number | null;
  totalChange: Delta | null;
  /** A column of the shares of the total: only when some units are not rated (else it repeats the shares). */
  ofTotal: boolean;
  /** Columns for đảng bộ cơ sở and chi bộ cơ sở (base organizations of both kinds). */
  split: boolean;
  /** A rating's change in a cell, in the words of the shared partial change-cell. */
  change: (line: RatingLine) => string;
}

/** A block by rating: as the md table (templates/md/table.hbs), with the same columns. */
export function blockTable(rows: readonly BlockRow[], o: BlockTableOptions): Table {
  const columns: Column<BlockRow>[] = [
    { head: 'Xếp loại', weight: 3.6, align: 'left', text: (r) => r.label },
    { head: `Số ${o.noun}`, weight: 1.4, align: 'right', text: (r) => formatCount(r.count) },
    { head: 'Tỷ lệ', weight: 1.7, align: 'right', text: (r) => pct(r.share) },
  ];
  if (o.previousYear !== null) {
    const total = o.totalChange ? (o.totalChange.amount ? `${o.totalChange.word} ${formatCount(o.totalChange.amount)}` : 'không đổi') : '';
    columns.push({ head: `So với năm ${o.previousYear}`, weight: 3, align: 'left', text: (r) => (r.line ? o.change(r.line) : r.kind === 'total' ? total : '') });
  }
  if (o.ofTotal) columns.push({ head: 'Tỷ lệ trên tổng số', weight: 1.7, align: 'right', text: (r) => (r.kind === 'total' ? '' : pct(r.shareOfTotal)) });
  if (o.split) {
    columns.push({ head: 'Đảng bộ cơ sở', weight: 1.3, align: 'right', text: (r) => (r.byKind ? formatCount(r.byKind.dang_bo_co_so) : '') });
    columns.push({ head: 'Chi bộ cơ sở', weight: 1.3, align: 'right', text: (r) => (r.byKind ? formatCount(r.byKind.chi_bo_co_so) : '') });
  }
  return grid(columns, rows, TEXT_WIDTH, TABLE_SIZE, (r) => (r.kind === 'total' ? { bold: true } : r.kind === 'cumulative' ? { italics: true } : {}));
}

export interface WeakRow {
  name: string;
  kindName: string;
  /** The base organization it is under, or "" for a base organization. */
  under: string;
  ratingLabel: string;
}

/** The weak units: the base organizations, then the cells with their committee. */
export function weakTable(rows: readonly WeakRow[]): Table {
  const numbered = rows.map((r, i) => ({ ...r, no: i + 1 }));
  return grid(
    [
      { head: 'STT', weight: 0.9, align: 'center', text: (r) => String(r.no) },
      { head: 'Tổ chức đảng', weight: 4, align: 'left', text: (r) => r.name },
      { head: 'Loại', weight: 2.2, align: 'left', text: (r) => r.kindName },
      { head: 'Trực thuộc', weight: 3, align: 'left', text: (r) => r.under },
      { head: 'Xếp loại', weight: 2.2, align: 'left', text: (r) => r.ratingLabel.charAt(0).toUpperCase() + r.ratingLabel.slice(1) },
    ],
    numbered,
    TEXT_WIDTH,
    TABLE_SIZE,
  );
}

/** The height of a heading row written upwards (a row does not grow to fit such text in every program): 2 cm. */
const UPRIGHT_HEIGHT = 1134;

/**
 * A level's units, one a row (the appendix, on a landscape page): its kind and rating, then its cells and its
 * members by rating, under two heading rows ("Chi bộ trực thuộc" / "Đảng viên" over their columns).
 */
export function levelTable(level: LevelTable): Table {
  const size = WIDE_TABLE_SIZE;
  const cellCodes = level.cellCodes ?? [];
  const fixed = [0.9, 4.6, 2.2, 1.6];
  const counts = [...(level.cellCodes ? [1.1, ...cellCodes.map(() => 1)] : []), 1.1, ...level.memberCodes.map(() => 1)];
  const w = widths([...fixed, ...counts], WIDE_TEXT_WIDTH);
  const span = (from: number, n: number) => w.slice(from, from + n).reduce((a, b) => a + b, 0);
  const head = (text: string, i: number, extra: Partial<CellStyle> = {}) => cell(text, { width: w[i]!, align: 'center', bold: true, size, ...extra });
  const firstHeads = ['STT', level.code === 'cells' ? 'Chi bộ' : 'Tổ chức', level.code === 'cells' ? 'Trực thuộc' : 'Loại', 'Xếp loại'].map((t, i) => head(t, i, { rowSpan: 2 }));
  const groups = [];
  let at = fixed.length;
  if (level.cellCodes) {
    groups.push(cell('Chi bộ trực thuộc', { width: span(at, cellCodes.length + 1), align: 'center', bold: true, size, columnSpan: cellCodes.length + 1 }));
    at += cellCodes.length + 1;
  }
  groups.push(cell('Đảng viên', { width: span(at, level.memberCodes.length + 1), align: 'center', bold: true, size, columnSpan: level.memberCodes.length + 1 }));
  const second = [...(level.cellCodes ? ['Tổng số', ...cellCodes.map((c) => c.short)] : []), 'Tổng số', ...level.memberCodes.map((c) => c.short)].map((t, j) => head(t, fixed.length + j, { upright: true }));
  const rows = level.rows.map((u, n) => {
    const values = [String(n + 1), u.name, level.code === 'cells' ? (u.parent ?? '') : u.kindName, u.ratingShort];
    const numbers = [...(u.cells ? [u.cells.total, ...u.cells.counts] : []), u.members.total, ...u.members.counts].map(formatCount);
    return new TableRow({
      cantSplit: true,
      children: [...values.map((t, i) => cell(t, { width: w[i]!, align: i === 0 ? 'center' : 'left', size })), ...numbers.map((t, j) => cell(t, { width: w[fixed.length + j]!, align: 'right', size }))],
    });
  });
  return new Table({
    width: { size: WIDE_TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: w,
    layout: TableLayoutType.FIXED,
    borders: GRID,
    rows: [new TableRow({ tableHeader: true, cantSplit: true, children: [...firstHeads, ...groups] }), new TableRow({ tableHeader: true, cantSplit: true, height: { value: UPRIGHT_HEIGHT, rule: HeightRule.ATLEAST }, children: second }), ...rows],
  });
}
