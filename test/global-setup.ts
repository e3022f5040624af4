// Once per run (vitest.config.ts: globalSetup): every temp file of the run, the tests' and those of the
// binaries and browsers they start, goes into one fresh folder (TMPDIR, TMP and TEMP point at it, and the
// workers and child processes inherit them), removed at the end. Then the run fails if the system temp dir
// holds an `assess-*` entry it did not hold before: something wrote outside that folder and left it.
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { removeTree } from './temp.js';

/** What the tests (and the built binary) name their temp entries. */
const OURS = /^assess-/;
/** Except the benchmark's data sets, kept on purpose between runs of `npm run bench`. */
const KEPT = /^assess-bench-/;
const VARS = ['TMPDIR', 'TMP', 'TEMP'] as const;

const ours = (dir: string) => readdirSync(dir).filter((name) => OURS.test(name) && !KEPT.test(name));

export default function setup(): () => Promise<void> {
  const system = tmpdir();
  const before = new Set(ours(system));
  // Not named assess-*: another run at the same time must not take it for a leftover.
  const run = mkdtempSync(path.join(system, 'vitest-assess-'));
  const saved = VARS.map((v) => process.env[v]);
  for (const v of VARS) process.env[v] = run;

  return async () => {
    VARS.forEach((v, i) => {
      if (saved[i] === undefined) delete process.env[v];
      else process.env[v] = saved[i];
    });
    const inside = readdirSync(run);
    removeTree(run);
    if (inside.length > 0) {
      console.warn(`test/global-setup.ts: removed ${inside.length} temp entr${inside.length === 1 ? 'y' : 'ies'} the tests left in ${run}: ${inside.slice(0, 10).join(', ')}${inside.length > 10 ? ', …' : ''}`);
    }
    let left = ours(system).filter((name) => !before.has(name));
    // Another run or program working at the same time may have its own live temp folder there: give it a
    // moment to remove it. What the tests left does not go away.
    for (let waited = 0; left.length > 0 && waited < 3000; waited += 250) {
      await sleep(250);
      left = left.filter((name) => existsSync(path.join(system, name)));
    }
    if (left.length > 0) {
      // Vitest reports an error thrown here but still exits 0: the exit code is set too.
      process.exitCode = 1;
      throw new Error(
        `the tests left ${left.length} entr${left.length === 1 ? 'y' : 'ies'} in ${system}, outside the run's temp folder: ${left.map((n) => path.join(system, n)).join(', ')}` +
          ' (something wrote to a fixed temp path instead of os.tmpdir(); or another process made them during the run)',
      );
    }
  };
}
