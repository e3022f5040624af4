#!/usr/bin/env node
// npm run build: bundles the CLI and the members worker into dist/ (one file each, plus shared chunks
// loaded on demand), dependencies included: start-up reads a few files instead of hundreds.
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

// The built-in templates, compiled ahead by the same code and options as at run time, keyed by their exact
// source (a template edited after the build no longer matches and is compiled when used).
const { precompileSpec, specKey } = await import(pathToFileURL(path.resolve('dist/render.js')).href);
const entries = [];
for (const format of ['text', 'md', 'html', 'shared']) {
  for (const name of readdirSync(path.join('templates', format)).filter((f) => f.endsWith('.hbs')).sort()) {
    const source = readFileSync(path.join('templates', format, name), 'utf8');
    for (const escape of format === 'shared' ? [false, true] : [format === 'html']) {
      entries.push(`  [${JSON.stringify(specKey(source, escape))}, ${await precompileSpec(source, escape)}],`);
    }
  }
}
writeFileSync('dist/templates.js', `// Written by scripts/build.mjs: the built-in templates, precompiled.\nexport default new Map([\n${entries.join('\n')}\n]);\n`);
