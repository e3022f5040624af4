#!/usr/bin/env node
// npm run build: bundles the CLI and the members worker into dist/ (one file each, plus shared chunks
// loaded on demand), dependencies included: start-up reads a few files instead of hundreds. Then it
// precompiles the built-in templates (templates/<folder>/, the folders named in src/report/formats.ts) into
// dist/templates-<folder>.js, with dist/render.js (an entry point of the bundle) and dist/formats.js (the formats'
// table alone, built apart so that the CLI's chunks stay as they are).
// Type checking is `npm run typecheck`; esbuild only strips types.
import { build, transform } from 'esbuild';
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
  // Whitespace and syntax only (names stay, for stack traces and profiles): start-up reads, decodes and parses
  // every byte of the modules it loads.
  minifyWhitespace: true,
  minifySyntax: true,
  logLevel: 'warning',
  // Some dependencies are CommonJS and call require(): give the ES module bundle one.
  banner: { js: "import { createRequire as __assessRequire } from 'node:module'; const require = __assessRequire(import.meta.url);" },
});
await build({ entryPoints: ['src/report/formats.ts'], outfile: 'dist/formats.js', bundle: true, format: 'esm', platform: 'node', target: 'node20', logLevel: 'warning' });

// The built-in templates, compiled ahead by the same code and options as at run time, keyed by their exact
// source (a template edited after the build no longer matches and is compiled when used): one file per format's
// folder, dist/templates-<folder>.js, with the shared partials compiled with that folder's escaping, so that a
// report loads its own templates only (all of them are four times the text report's).
const { precompileSpec, specKey } = await import(pathToFileURL(path.resolve('dist/render.js')).href);
const { FORMATS, SHARED_TEMPLATES } = await import(pathToFileURL(path.resolve('dist/formats.js')).href);
// Each folder with its escaping (a folder borrowed by another format with the same escaping, as docx borrows
// text's, is written once).
const templated = FORMATS.filter((f, i, all) => f.templates !== null && all.findIndex((g) => g.templates === f.templates) === i);
for (const f of templated) {
  if (FORMATS.some((g) => g.templates === f.templates && g.escape !== f.escape)) throw new Error(`templates/${f.templates}: one folder, two escapings`);
  const entries = [];
  for (const folder of [SHARED_TEMPLATES, f.templates]) {
    for (const name of readdirSync(path.join('templates', folder)).filter((n) => n.endsWith('.hbs')).sort()) {
      const source = readFileSync(path.join('templates', folder, name), 'utf8');
      entries.push(`  [${JSON.stringify(specKey(source, f.escape))}, ${await precompileSpec(source, f.escape)}],`);
    }
  }
  const code = `export default new Map([\n${entries.join('\n')}\n]);\n`;
  const { code: small } = await transform(code, { minifyWhitespace: true, minifySyntax: true, format: 'esm', target: 'node20' });
  writeFileSync(`dist/templates-${f.templates}.js`, `// Written by scripts/build.mjs: the built-in templates of templates/${f.templates}/ (and the shared ones), precompiled.\n${small}`);
}
