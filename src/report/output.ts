// The model → the bytes of the chosen format (its engine read from ./formats.ts), and the comparison for
// --check. Pure: templates arrive loaded (src/io/read-templates.ts), the file to check arrives as bytes.
// The Word and Excel writers are loaded only when their format is asked for.
import type { Figures } from '../figures/aggregate.js';
import type { Problem } from '../problems.js';
import { formatRow, type Format, type FormatRow } from './formats.js';
import { jsonReport } from './json-report.js';
import { jsonChunks } from './json-stream.js';
import type { ReportMeta } from './metadata.js';
import { buildModel } from './model.js';
import { render, type TemplateSet } from './render.js';

export interface Report {
  figures: Figures;
  previous: Figures | undefined;
  meta: ReportMeta;
  warnings: readonly Problem[];
}

/** What a format writes: text in chunks (written one after the other), or a binary file's bytes. */
export type Chunk = string | Uint8Array;

const needs = (templates: TemplateSet | undefined, format: string): TemplateSet => {
  if (!templates) throw new Error(`produce: ${format} needs its templates`);
  return templates;
};

/** Each engine of the formats' table: the report (and the templates, for a format that has them) → chunks. */
const ENGINES: Record<FormatRow['engine'], (report: Report, templates: TemplateSet | undefined) => Promise<Iterable<Chunk>>> = {
  // Made as it is written, so a national report is never held whole.
  json: async (report) => jsonChunks(jsonReport(report.figures, report.meta, report)),
  handlebars: async (report, templates) => [render(needs(templates, 'a Handlebars format'), buildModel(report.figures, report.meta, report.previous))],
  docx: async (report, templates) => [await (await import('./docx/document.js')).docxBytes(report, needs(templates, 'docx'))],
  xlsx: async (report) => [await (await import('./xlsx/figures.js')).figuresWorkbook(report)],
};

/**
 * The output for a format, in chunks to write one after the other; `templates` is required for a format
 * that has templates (a user's --template, or the format's own).
 */
export function produce(format: Format, report: Report, templates: TemplateSet | undefined): Promise<Iterable<Chunk>> {
  return ENGINES[formatRow(format).engine](report, templates);
}

/** A unified diff from what FILE holds to what assess would write, or '' when they are the same. */
export async function checkAgainst(file: string, current: string, wanted: string): Promise<string> {
  if (current === wanted) return '';
  const { createTwoFilesPatch } = await import('diff'); // only --check needs it: not loaded at start-up
  return createTwoFilesPatch(file, `${file} (assess)`, current, wanted, '', '', { context: 3 });
}

/**
 * --check of a Word or Excel file: '' when FILE holds the same parts as what assess would write (its ZIP may
 * differ: saved again by another tool), else why: a diff of the text they say, or the parts that differ
 * when the text is the same (a style, a width).
 */
export async function checkOffice(file: string, current: Uint8Array, wanted: Uint8Array, format: Format): Promise<string> {
  const { parts } = await import('./office/zip.js');
  const { changedParts, officeText } = await import('./office/content.js');
  const mine = parts(wanted)!;
  const theirs = parts(current);
  if (!theirs) return `${file}: không phải tệp ${format} (không mở được như một gói ZIP của Word hay Excel)\n`;
  const changed = changedParts(theirs, mine);
  if (changed.length === 0) return '';
  const diff = await checkAgainst(file, officeText(current) ?? '', officeText(wanted)!);
  return diff || `${file}: nội dung chữ giống nhau nhưng khác ở định dạng hoặc cấu trúc, trong các phần: ${changed.join(', ')}\n`;
}
