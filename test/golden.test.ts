// Whole reports against reviewed files in test/golden/. After an intended change to the output:
// `npm run golden` rewrites them; review the diff before committing.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { assess, ROOT } from './support.js';

const UPDATE = process.env.UPDATE_GOLDEN === '1';

const GOLDEN: { file: string; args: string[] }[] = [
  { file: 'bac-binh-2017.md', args: ['report', '--year', '2017', 'fixtures/bac-binh-2017'] },
  { file: 'bac-binh-2017.json', args: ['report', '--year', '2017', 'fixtures/bac-binh-2017', '--format', 'json'] },
];

describe('golden reports', () => {
  it.each(GOLDEN)('$file', ({ file, args }) => {
    const r = assess(args);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const golden = path.join(ROOT, 'test', 'golden', file);
    if (UPDATE || !existsSync(golden)) {
      if (!UPDATE) throw new Error(`${golden} is missing: run npm run golden and review it`);
      writeFileSync(golden, r.stdout);
    }
    expect(r.stdout).toBe(readFileSync(golden, 'utf8'));
  });
});
