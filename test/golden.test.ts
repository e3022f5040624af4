// Whole reports against reviewed files in test/golden/: every format, on each fixture, in process (cli(argv,
// env)); the built binary (its bundle and precompiled templates) checked to print the same on one fixture.
// After an intended change to the output: `npm run golden` rewrites them; review the diff before committing.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './in-process.js';
import { assess, ROOT } from './support.js';

const UPDATE = process.env.UPDATE_GOLDEN === '1';
const FIXTURES = [
  { name: 'bac-binh-2017', year: '2017' },
  { name: 'ham-my-2019', year: '2019' },
  { name: 'dang-bo-xa-2019', year: '2019' },
  { name: 'xa-hoa-binh-2026', year: '2026' },
  { name: 'tinh-hoa-an-2026', year: '2026' },
].filter((f) => existsSync(path.join(ROOT, 'fixtures', f.name)));
const FORMATS = [
  { format: 'text', ext: 'txt' },
  { format: 'md', ext: 'md' },
  { format: 'html', ext: 'html' },
  { format: 'json', ext: 'json' },
];
const CASES = FIXTURES.flatMap((f) => FORMATS.map((x) => ({ file: `${f.name}.${x.ext}`, args: ['report', '--year', f.year, `fixtures/${f.name}`, '--format', x.format] })));

describe('golden reports', () => {
  it.each(CASES)('$file', async ({ file, args }) => {
    const r = await runCli(args.map((a) => (a.startsWith('fixtures/') ? path.join(ROOT, a) : a)));
    expect(r.code, r.stderr).toBe(0);
    const golden = path.join(ROOT, 'test', 'golden', file);
    if (UPDATE) writeFileSync(golden, r.stdout);
    else if (!existsSync(golden)) throw new Error(`${golden} is missing: run npm run golden and review it`);
    expect(r.stdout).toBe(readFileSync(golden, 'utf8'));
  });

  it('the built binary prints the golden files too', () => {
    for (const { file, args } of CASES.filter((c) => c.file.startsWith('bac-binh-2017.') || c.file === 'tinh-hoa-an-2026.json')) {
      const r = assess(args);
      expect(r.code, file).toBe(0);
      expect(r.stdout, file).toBe(readFileSync(path.join(ROOT, 'test', 'golden', file), 'utf8'));
    }
  });

  it('every format is UTF-8 without BOM, LF only, one final newline', () => {
    for (const { file } of CASES) {
      const bytes = readFileSync(path.join(ROOT, 'test', 'golden', file));
      expect(bytes.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf])), file).toBe(false);
      expect(bytes.includes(13), file).toBe(false);
      expect(bytes.at(-1), file).toBe(10);
      expect(bytes.at(-2), file).not.toBe(10);
    }
  });
});
