// The model → the bytes of the chosen format, and the comparison for --check. Pure: templates arrive
// loaded, the file to check arrives as text.
import type { Figures } from '../figures/aggregate.js';
import type { ReportMeta } from './metadata.js';
import { jsonChunks } from './json-stream.js';
import { buildModel, jsonReport } from './model.js';
import type { Problem } from '../problems.js';
import { render, type TemplateSet } from './render.js';

export const FORMATS = ['text', 'md', 'html', 'json'] as const;
export type Format = (typeof FORMATS)[number];

/** Values are HTML-escaped in html; printed as they are in text and md. */
export const escapes = (format: Format): boolean => format === 'html';

export interface Report {
  figures: Figures;
  previous: Figures | undefined;
  meta: ReportMeta;
  warnings: readonly Problem[];
}

/**
 * The output for a format, in chunks to write one after the other (JSON is made as it is written, so a
 * national report is never held whole); `templates` is required except for json.
 */
export function produce(format: Format, report: Report, templates: TemplateSet | undefined): Iterable<string> {
  if (!templates) return jsonChunks(jsonReport(report.figures, report.meta, report));
  return [render(templates, buildModel(report.figures, report.meta, report.previous))];
}

/** A unified diff from what FILE holds to what assess would write, or '' when they are the same. */
export async function checkAgainst(file: string, current: string, wanted: string): Promise<string> {
  if (current === wanted) return '';
  const { createTwoFilesPatch } = await import('diff'); // only --check needs it: not loaded at start-up
  return createTwoFilesPatch(file, `${file} (assess)`, current, wanted, '', '', { context: 3 });
}
