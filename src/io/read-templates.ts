// Loads a template set: the main template, and every other *.hbs beside it as a partial named by its
// file name. Only that one folder is read: a template reaches nothing outside it. The built-in templates are
// templates/<folder>/report.hbs, the folder named by the format's row (src/report/formats.ts), with the
// partials of templates/shared/; compiling and rendering them is src/report/render.ts's job.
import { existsSync } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { UsageError } from '../errors.js';
import { formatCount } from '../format.js';
import { formatRow, SHARED_TEMPLATES, type Format } from '../report/formats.js';
import { prepare, type TemplateSet } from '../report/render.js';
import { fsReason, notAFile, requireCwd, showPath } from './inputs.js';

/** The templates shipped with assess: templates/ at the package root, beside dist/ (or src/, in tests). */
export const TEMPLATES_DIR = [new URL('../templates/', import.meta.url), new URL('../../templates/', import.meta.url)]
  .map((u) => fileURLToPath(u))
  .find((dir) => existsSync(path.join(dir, 'text', 'report.hbs')))!;

/** A template larger than this is refused: no report needs it, and it would only slow a run down. */
const MAX_TEMPLATE_BYTES = 1 << 20;

/** Every .hbs beside the main template is read: a folder of more than this is not a template's. */
export const MAX_PARTIALS = 2000;

/** The main template and its partials together. */
const MAX_TEMPLATES_TOTAL_BYTES = 16 << 20;

/** Files read at once: a round trip each overlaps the others, without running out of file descriptors. */
const READ_AT_ONCE = 32;

/** The built-in template of a format that has one. */
export function defaultTemplate(format: Format): string {
  const folder = formatRow(format).templates;
  if (folder === null) throw new Error(`defaultTemplate: --format ${format} has no template`);
  return path.join(TEMPLATES_DIR, folder, 'report.hbs');
}

/** Partials the built-in templates share (a user's template sees only its own folder). */
const SHARED_DIR = path.join(TEMPLATES_DIR, SHARED_TEMPLATES);

const cannotRead = (file: string, e: unknown) =>
  new UsageError(`không đọc được mẫu báo cáo ${showPath(file)}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'không có tệp này' : fsReason(e, 'đọc')}`);

/** A template file's size, once it is known to be a regular file of a sane size. */
async function sizeOf(file: string): Promise<number> {
  let s;
  try {
    s = await stat(file);
  } catch (e) {
    throw cannotRead(file, e);
  }
  if (!s.isFile()) throw new UsageError(`mẫu báo cáo ${showPath(file)} ${notAFile(s)}`);
  if (s.size > MAX_TEMPLATE_BYTES) throw new UsageError(`mẫu báo cáo ${showPath(file)} lớn quá (${formatCount(s.size)} byte, tối đa ${formatCount(MAX_TEMPLATE_BYTES)})`);
  return s.size;
}

async function readOne(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (e) {
    throw cannotRead(file, e);
  }
}

/** `work` over `items`, at most `limit` at a time, results in order; the first item in order that fails is said. */
async function inTurn<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const first: { failed?: { at: number; error: unknown } } = {};
  const worker = async () => {
    // Items are taken in order: once one failed, every later one is of no use, every earlier one was started.
    while (next < items.length && !first.failed) {
      const at = next++;
      try {
        results[at] = await work(items[at]!);
      } catch (error) {
        const prior = first.failed as { at: number } | undefined; // another worker may have set it meanwhile
        if (!prior || at < prior.at) first.failed = { at, error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  if (first.failed) throw first.failed.error;
  return results;
}

const isBuiltIn = (dir: string) => path.dirname(dir) === path.resolve(TEMPLATES_DIR);

/** The partials of a main template: every other *.hbs in its folder (and the shared ones, for a built-in template), in name order. */
async function partialFiles(mainFile: string): Promise<{ name: string; file: string }[]> {
  const dir = path.dirname(path.resolve(mainFile));
  const files: { name: string; file: string }[] = [];
  for (const folder of isBuiltIn(dir) ? [SHARED_DIR, dir] : [dir]) {
    let entries;
    try {
      entries = await readdir(folder, { withFileTypes: true });
    } catch (e) {
      throw new UsageError(`không đọc được thư mục mẫu báo cáo ${showPath(folder)}: ${fsReason(e, 'đọc')}`);
    }
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const file = path.join(folder, entry.name);
      if (!entry.isFile() || !entry.name.endsWith('.hbs') || file === path.resolve(mainFile)) continue;
      files.push({ name: entry.name.slice(0, -'.hbs'.length), file });
    }
  }
  if (files.length > MAX_PARTIALS) {
    throw new UsageError(
      `thư mục của mẫu báo cáo ${showPath(dir)} có ${formatCount(files.length)} tệp .hbs, quá nhiều (tối đa ${formatCount(MAX_PARTIALS)}): mọi tệp .hbs cùng thư mục với mẫu chính đều được đọc làm mẫu con`,
      'đặt mẫu báo cáo vào một thư mục riêng, chỉ gồm nó và các mẫu con nó dùng',
    );
  }
  return files;
}

/** The files a template set is read from (the main template, then its partials), for the run's early look at --out; [] when they cannot be listed (readTemplates says why). */
export async function templateFiles(mainFile: string): Promise<string[]> {
  try {
    requireCwd(mainFile);
    return [mainFile, ...(await partialFiles(mainFile)).map((p) => p.file)];
  } catch {
    return [];
  }
}

export async function readTemplates(mainFile: string, escape: boolean): Promise<TemplateSet> {
  requireCwd(mainFile);
  const builtIn = isBuiltIn(path.dirname(path.resolve(mainFile)));
  const compiled = builtIn ? precompiled(path.basename(path.dirname(path.resolve(mainFile)))) : undefined; // loaded while the files are read
  const mainSize = await sizeOf(mainFile);
  // A format's own partial wins over a shared one of the same name.
  const files = await partialFiles(mainFile);
  const sizes = await inTurn(files, READ_AT_ONCE, ({ file }) => sizeOf(file));
  const total = mainSize + sizes.reduce((a, b) => a + b, 0);
  if (total > MAX_TEMPLATES_TOTAL_BYTES) {
    throw new UsageError(`mẫu báo cáo ${showPath(mainFile)} và các mẫu con cùng thư mục lớn quá (tổng cộng ${formatCount(total)} byte, tối đa ${formatCount(MAX_TEMPLATES_TOTAL_BYTES)})`, 'đặt mẫu báo cáo vào một thư mục riêng, chỉ gồm nó và các mẫu con nó dùng');
  }
  const [main, sources] = await Promise.all([readOne(mainFile), inTurn(files, READ_AT_ONCE, ({ file }) => readOne(file))]);
  const partials: TemplateSet['partials'] = {};
  files.forEach(({ name, file }, i) => (partials[name] = { file, source: sources[i]! }));
  return prepare({ name: mainFile, main, partials, escape, ...(builtIn ? { precompiled: await compiled } : {}) });
}

/** dist/templates-<folder>.js, written by the build: a built-in folder's templates compiled ahead (absent in tests). */
async function precompiled(folder: string): Promise<ReadonlyMap<string, object> | undefined> {
  try {
    return ((await import(new URL(`./templates-${folder}.js`, import.meta.url).href)) as { default: ReadonlyMap<string, object> }).default;
  } catch {
    return undefined;
  }
}
