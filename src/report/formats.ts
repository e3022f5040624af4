// The output formats of `assess report`, one row each. Everything that depends on the format reads it here:
// the command line (the --format choices and the help's words, src/cli.ts), the run (whether templates are
// read, src/run.ts), the template reader (a format's built-in template, src/io/read-templates.ts), the
// output (which engine makes the bytes, ./output.ts) and the build (the template folders it precompiles,
// scripts/build.mjs, through dist/formats.js). A new format is a row here and its engine in ./output.ts.
// docx borrows the text format's templates: its prose is the text report's paragraphs (./docx/body.ts).
// (`validate --format` is another choice, text or json for the problems: src/cli.ts.)

export interface FormatRow {
  /** The --format value. */
  name: string;
  /**
   * What makes the bytes: a Handlebars template (./render.ts), the JSON written in chunks (./json-stream.ts),
   * a Word document (./docx/document.ts) or a workbook (./xlsx/figures.ts).
   */
  engine: 'handlebars' | 'json' | 'docx' | 'xlsx';
  /** Values from the data are HTML-escaped by the template engine (html), or printed as they are. */
  escape: boolean;
  /** The folder of its built-in template under templates/ (report.hbs and its partials); null without templates. A user's --template only for a Handlebars engine. */
  templates: string | null;
  /** Text may go to stdout; a binary format needs --out (or --check). */
  output: 'text' | 'binary';
  /** Its name in the help's sentences: "văn bản, Markdown, HTML hoặc JSON". */
  description: string;
}

export const FORMATS = [
  { name: 'text', engine: 'handlebars', escape: false, templates: 'text', output: 'text', description: 'văn bản' },
  { name: 'md', engine: 'handlebars', escape: false, templates: 'md', output: 'text', description: 'Markdown' },
  { name: 'html', engine: 'handlebars', escape: true, templates: 'html', output: 'text', description: 'HTML' },
  { name: 'json', engine: 'json', escape: false, templates: null, output: 'text', description: 'JSON' },
  { name: 'docx', engine: 'docx', escape: false, templates: 'text', output: 'binary', description: 'Word (.docx)' },
  { name: 'xlsx', engine: 'xlsx', escape: false, templates: null, output: 'binary', description: 'Excel (.xlsx)' },
] as const satisfies readonly FormatRow[];

export type Format = (typeof FORMATS)[number]['name'];

/** The folder of partials the built-in templates share (templates/shared/), compiled for each escaping in use. */
export const SHARED_TEMPLATES = 'shared';

/** A format's row. */
export function formatRow(name: Format): FormatRow {
  return FORMATS.find((f) => f.name === name)!;
}

/** "a, b hoặc c": the formats (all, or those `keep` accepts) as a sentence names them, by `word`. */
export function formatList(word: (f: FormatRow) => string, keep: (f: FormatRow) => boolean = () => true): string {
  const words = FORMATS.filter(keep).map(word);
  return words.length > 1 ? `${words.slice(0, -1).join(', ')} hoặc ${words.at(-1)}` : (words[0] ?? '');
}
