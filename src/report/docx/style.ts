// The measures of a party document (Hướng dẫn 36-HD/VPTW): A4, its margins, Times New Roman 14 for the body,
// and the small pieces every part of the Word report is made of (a run, a paragraph, a table cell). Sizes in
// half-points, lengths in twentieths of a point (twips: 567 to the centimetre), as Word stores them.
import { AlignmentType, BorderStyle, Paragraph, TableCell, TextDirection, TextRun, VerticalAlign, WidthType, type IBorderOptions } from 'docx';

export const FONT = 'Times New Roman';
/** 14 pt, the body's size. */
export const BODY_SIZE = 28;
/** 12 pt: the recipients' lines; 13 pt and 11 pt: tables. */
export const SMALL_SIZE = 24;
export const TABLE_SIZE = 26;
export const WIDE_TABLE_SIZE = 20;

const CM = 567;
/** A4, portrait: 210 × 297 mm. */
export const A4 = { width: 11906, height: 16838 } as const;
/** Top and bottom 2 cm, left 3 cm, right 2 cm. */
export const MARGIN = { top: 2 * CM, bottom: 2 * CM, left: 3 * CM, right: 2 * CM, header: CM, footer: CM } as const;
/** The width of the text between the margins, portrait and landscape. */
export const TEXT_WIDTH = A4.width - MARGIN.left - MARGIN.right;
export const WIDE_TEXT_WIDTH = A4.height - MARGIN.left - MARGIN.right;
/** The body's first-line indent: 1 cm. */
export const INDENT = CM;

export type Align = 'left' | 'center' | 'right' | 'justified';
const ALIGN = { left: AlignmentType.LEFT, center: AlignmentType.CENTER, right: AlignmentType.RIGHT, justified: AlignmentType.JUSTIFIED } as const;

export interface RunStyle {
  bold?: boolean;
  italics?: boolean;
  underline?: boolean;
  size?: number;
}

export const run = (text: string, s: RunStyle = {}) =>
  new TextRun({ text, font: FONT, ...(s.bold ? { bold: true } : {}), ...(s.italics ? { italics: true } : {}), ...(s.underline ? { underline: {} } : {}), ...(s.size ? { size: s.size } : {}) });

/** A paragraph of the body: justified, its first line indented, 6 pt after. */
export const bodyParagraph = (text: string, s: RunStyle = {}) => new Paragraph({ alignment: ALIGN.justified, indent: { firstLine: INDENT }, spacing: { after: 120 }, children: [run(text, s)] });

/** A line with no indent, aligned as asked (headers, titles, the signature, cells). */
export const line = (text: string, align: Align, s: RunStyle = {}, space: { before?: number; after?: number } = {}) =>
  new Paragraph({ alignment: ALIGN[align], indent: { firstLine: 0 }, spacing: { before: space.before ?? 0, after: space.after ?? 0 }, children: text === '' ? [] : [run(text, s)] });

const NONE: IBorderOptions = { style: BorderStyle.NONE, size: 0, color: 'auto' };
const SINGLE: IBorderOptions = { style: BorderStyle.SINGLE, size: 4, color: 'auto' };
/** A layout table (the header, the signature): no border at all. */
export const NO_BORDERS = { top: NONE, bottom: NONE, left: NONE, right: NONE, insideHorizontal: NONE, insideVertical: NONE };
/** A figures table: single lines. */
export const GRID = { top: SINGLE, bottom: SINGLE, left: SINGLE, right: SINGLE, insideHorizontal: SINGLE, insideVertical: SINGLE };

export interface CellStyle extends RunStyle {
  align?: Align;
  width: number;
  columnSpan?: number;
  rowSpan?: number;
  /** Written upwards (the narrow columns' headings of a wide table, as statistical forms have them). */
  upright?: boolean;
}

/** A table cell of one or more lines, each a paragraph. */
export function cell(lines: string | readonly string[], s: CellStyle): TableCell {
  const texts = typeof lines === 'string' ? [lines] : lines;
  return new TableCell({
    width: { size: s.width, type: WidthType.DXA },
    verticalAlign: VerticalAlign.CENTER,
    margins: { left: 60, right: 60, top: 30, bottom: 30 },
    ...(s.upright ? { textDirection: TextDirection.BOTTOM_TO_TOP_LEFT_TO_RIGHT } : {}),
    ...(s.columnSpan ? { columnSpan: s.columnSpan } : {}),
    ...(s.rowSpan ? { rowSpan: s.rowSpan } : {}),
    children: texts.map((t) => line(t, s.align ?? 'left', s)),
  });
}

/** Widths in twips for `weights`, summing to `total` (the last column takes what rounding left). */
export function widths(weights: readonly number[], total: number): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const out = weights.map((w) => Math.floor((w * total) / sum));
  out[out.length - 1]! += total - out.reduce((a, b) => a + b, 0);
  return out;
}
