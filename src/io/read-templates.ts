// Loads a template set: the main template, and every other *.hbs beside it as a partial named by its
// file name. Only that one folder is read: a template reaches nothing outside it.
import { existsSync } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { UsageError } from '../errors.js';
import type { Format } from '../output.js';
import { prepare, type TemplateSet } from '../render.js';

/** The templates shipped with assess: templates/ at the package root, beside dist/ (or src/, in tests). */
export const TEMPLATES_DIR = [new URL('../templates/', import.meta.url), new URL('../../templates/', import.meta.url)]
  .map((u) => fileURLToPath(u))
  .find((dir) => existsSync(path.join(dir, 'text', 'report.hbs')))!;

/** A template larger than this is refused: no report needs it, and it would only slow a run down. */
export const MAX_TEMPLATE_BYTES = 1 << 20;

export function defaultTemplate(format: Format): string {
  return path.join(TEMPLATES_DIR, format, 'report.hbs');
}

/** Partials the built-in templates share (a user's template sees only its own folder). */
const SHARED_DIR = path.join(TEMPLATES_DIR, 'shared');

async function readOne(file: string): Promise<string> {
  try {
    const s = await stat(file);
    if (!s.isFile()) throw new UsageError(`mẫu báo cáo ${file} không phải là tệp`);
    if (s.size > MAX_TEMPLATE_BYTES) throw new UsageError(`mẫu báo cáo ${file} lớn quá (${s.size} byte, tối đa ${MAX_TEMPLATE_BYTES})`);
    return await readFile(file, 'utf8');
  } catch (e) {
    if (e instanceof UsageError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw new UsageError(`không đọc được mẫu báo cáo ${file}${code === 'ENOENT' ? ': không có tệp này' : code ? ` (${code})` : ''}`);
  }
}

export async function readTemplates(mainFile: string, escape: boolean): Promise<TemplateSet> {
  const dir = path.dirname(path.resolve(mainFile));
  const builtIn = path.dirname(dir) === path.resolve(TEMPLATES_DIR);
  const main = await readOne(mainFile);
  // A format's own partial wins over a shared one of the same name.
  const files: { name: string; file: string }[] = [];
  for (const folder of builtIn ? [SHARED_DIR, dir] : [dir]) {
    for (const entry of (await readdir(folder, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const file = path.join(folder, entry.name);
      if (!entry.isFile() || !entry.name.endsWith('.hbs') || file === path.resolve(mainFile)) continue;
      files.push({ name: entry.name.slice(0, -'.hbs'.length), file });
    }
  }
  // Read all at once (a round trip each, not one after another); the first file in order that fails is said.
  const read = await Promise.allSettled([...files.map(({ file }) => readOne(file)), ...(builtIn ? [precompiled()] : [])]);
  const partials: TemplateSet['partials'] = {};
  files.forEach(({ name, file }, i) => {
    const r = read[i]!;
    if (r.status === 'rejected') throw r.reason;
    partials[name] = { file, source: r.value as string };
  });
  const compiled = builtIn ? (read.at(-1) as PromiseFulfilledResult<ReadonlyMap<string, object> | undefined>).value : undefined;
  return prepare({ name: mainFile, main, partials, escape, ...(builtIn ? { precompiled: compiled } : {}) });
}

/** dist/templates.js, written by the build: the built-in templates compiled ahead (absent in tests). */
async function precompiled(): Promise<ReadonlyMap<string, object> | undefined> {
  try {
    return ((await import(new URL('./templates.js', import.meta.url).href)) as { default: ReadonlyMap<string, object> }).default;
  } catch {
    return undefined;
  }
}
