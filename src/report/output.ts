// The model → the bytes of the chosen format (its engine read from ./formats.ts), and the comparison for
// --check. Pure: templates arrive loaded (src/io/read-templates.ts), the file to check arrives as text.
import type { Figures } from '../figures/aggregate.js';
import type { Problem } from '../problems.js';
import { formatRow, type Format, type FormatRow } from './formats.js';
import { jsonReport } from './json-report.js';
import { jsonChunks } from './json-stream.js';
import type { ReportMeta } from './metadata.js';
import { buildModel } from './model.js';
import { render, type TemplateSet } from './render.js';

interface Report {
  figures: Figures;
  previous: Figures | undefined;
  meta: ReportMeta;
  warnings: readonly Problem[];
}

/** Each engine of the formats' table: the report (and the templates, for a format that has them) → chunks. */
const ENGINES: Record<FormatRow['engine'], (report: Report, templates: TemplateSet | undefined) => Iterable<string>> = {
  // Made as it is written, so a national report is never held whole.
  json: (report) => jsonChunks(jsonReport(report.figures, report.meta, report)),
  handlebars: (report, templates) => {
    if (!templates) throw new Error('produce: a Handlebars format needs its templates');
    return [render(templates, buildModel(report.figures, report.meta, report.previous))];
  },
};

/**
 * The output for a format, in chunks to write one after the other; `templates` is required for a format
 * rendered by Handlebars (a user's --template, or the format's own).
 */
export function produce(format: Format, report: Report, templates: TemplateSet | undefined): Iterable<string> {
  return ENGINES[formatRow(format).engine](report, templates);
}

/** A unified diff from what FILE holds to what assess would write, or '' when they are the same. */
export async function checkAgainst(file: string, current: string, wanted: string): Promise<string> {
  if (current === wanted) return '';
  const { createTwoFilesPatch } = await import('diff'); // only --check needs it: not loaded at start-up
  return createTwoFilesPatch(file, `${file} (assess)`, current, wanted, '', '', { context: 3 });
}
