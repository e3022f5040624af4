#!/usr/bin/env node
// npm run build: bundles the CLI and the members worker into dist/ (one file each, plus shared chunks
// loaded on demand), dependencies included: start-up reads a few files instead of hundreds. Then it
// precompiles the built-in templates (templates/<folder>/, the folders named in src/report/formats.ts) into
// dist/templates.js, with dist/render.js (an entry point of the bundle) and dist/formats.js (the formats'
// table alone, built apart so that the CLI's chunks stay as they are).
// Type checking is `npm run typecheck`; esbuild only strips types.
import { build } from 'esbuild';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

rmSync('dist', { recursive: true, force: true });
await build({
  entryPoints: { cli: 'src/cli.ts', worker: 'src/io/worker.ts', render: 'src/report/render.ts' },
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  legalComments: 'none',
  logLevel: 'warning',
  // Some dependencies are CommonJS and call require(): give the ES module bundle one.
  banner: { js: "import { createRequire as __assessRequire } from 'node:module'; const require = __assessRequire(import.meta.url);" },
});
await build({ entryPoints: ['src/report/formats.ts'], outfile: 'dist/formats.js', bundle: true, format: 'esm', platform: 'node', target: 'node20', logLevel: 'warning' });

// The built-in templates, compiled ahead by the same code and options as at run time, keyed by their exact
// source (a template edited after the build no longer matches and is compiled when used).
const { precompileSpec, specKey } = await import(pathToFileURL(path.resolve('dist/render.js')).href);
const { FORMATS, SHARED_TEMPLATES } = await import(pathToFileURL(path.resolve('dist/formats.js')).href);
// Each format's folder with its escaping; the shared partials with every escaping a format uses.
// (A folder borrowed by another format with the same escaping, as docx borrows text's, is compiled once.)
const templated = FORMATS.filter((f, i, all) => f.templates !== null && all.findIndex((g) => g.templates === f.templates && g.escape === f.escape) === i);
const folders = [...templated.map((f) => [f.templates, [f.escape]]), [SHARED_TEMPLATES, [...new Set(templated.map((f) => f.escape))]]];
const entries = [];
for (const [folder, escapes] of folders) {
  for (const name of readdirSync(path.join('templates', folder)).filter((f) => f.endsWith('.hbs')).sort()) {
    const source = readFileSync(path.join('templates', folder, name), 'utf8');
    for (const escape of escapes) {
      entries.push(`  [${JSON.stringify(specKey(source, escape))}, ${await precompileSpec(source, escape)}],`);
    }
  }
}
writeFileSync('dist/templates.js', `// Written by scripts/build.mjs: the built-in templates, precompiled.\nexport default new Map([\n${entries.join('\n')}\n]);\n`);
