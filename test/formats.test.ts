// The table of output formats (src/report/formats.ts): every format that has templates has its folder under
// templates/, and every folder there is a format's (or the shared partials); the report's --format choices
// and help are the table's; each engine makes its format.
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { TEMPLATES_DIR } from '../src/io/read-templates.js';
import { formatList, formatRow, FORMATS, SHARED_TEMPLATES } from '../src/report/formats.js';
import { runCli } from './in-process.js';

describe('the formats table', () => {
  it('names each format once', () => {
    const names = FORMATS.map((f) => f.name);
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(formatRow(name).name).toBe(name);
  });

  it('gives a Handlebars format a template folder with report.hbs; docx borrows text’s; json and xlsx none', () => {
    for (const f of FORMATS) {
      if (f.engine === 'handlebars') expect(f.templates, f.name).not.toBeNull();
      if (f.templates !== null) expect(existsSync(path.join(TEMPLATES_DIR, f.templates, 'report.hbs')), f.name).toBe(true);
    }
    expect(formatRow('docx').templates).toBe('text');
    expect(FORMATS.filter((f) => f.templates === null).map((f) => f.name)).toEqual(['json', 'xlsx']);
  });

  it('needs a file for the binary formats only', () => {
    expect(FORMATS.filter((f) => f.output === 'binary').map((f) => f.name)).toEqual(['docx', 'xlsx']);
  });

  it('knows every folder of templates/ (a folder without a row would never be precompiled)', () => {
    const folders = readdirSync(TEMPLATES_DIR, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
    const known = [...new Set(FORMATS.flatMap((f) => (f.templates === null ? [] : [f.templates]))), SHARED_TEMPLATES].sort();
    expect(folders).toEqual(known);
  });

  it('escapes values in html only', () => {
    expect(FORMATS.filter((f) => f.escape).map((f) => f.name)).toEqual(['html']);
  });

  it('words lists as a Vietnamese sentence', () => {
    expect(formatList((f) => f.description)).toBe('văn bản, Markdown, HTML, JSON, Word (.docx) hoặc Excel (.xlsx)');
    expect(formatList((f) => f.name, (f) => f.engine === 'handlebars')).toBe('text, md hoặc html');
    expect(formatList((f) => f.name, (f) => f.name === 'json')).toBe('json');
  });
});

describe('the command line takes its formats from the table', () => {
  it('report --help lists every format and its word', async () => {
    const r = await runCli(['report', '--help']);
    expect(r.code).toBe(0);
    const help = r.stdout.replace(/\s+/g, ' '); // (wrapped to 80 columns)
    expect(help).toContain(`một trong: ${FORMATS.map((f) => f.name).join(', ')}`);
    expect(help).toContain(formatList((f) => f.description));
  });

  it('refuses a format not in the table', async () => {
    const r = await runCli(['report', '--year', '2017', 'fixtures/bac-binh-2017', '--format', 'pdf']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(FORMATS.map((f) => f.name).join(', '));
  });
});
