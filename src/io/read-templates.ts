// Loads a template set: the main template, and every other *.hbs beside it as a partial named by its
// file name. Only that one folder is read.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TemplateSet } from '../render.js';

/** The templates shipped with assess (templates/ at the package root). */
export const TEMPLATES_DIR = fileURLToPath(new URL('../../templates/', import.meta.url));

export async function readTemplates(mainFile: string, escape: boolean): Promise<TemplateSet> {
  const dir = path.dirname(mainFile);
  const main = await readFile(mainFile, 'utf8');
  const partials: TemplateSet['partials'] = {};
  for (const entry of (await readdir(dir, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const file = path.join(dir, entry.name);
    if (!entry.isFile() || !entry.name.endsWith('.hbs') || file === path.resolve(mainFile)) continue;
    partials[entry.name.slice(0, -'.hbs'.length)] = { file, source: await readFile(file, 'utf8') };
  }
  return { name: mainFile, main, partials, escape };
}
