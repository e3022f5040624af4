// The temp-folder mechanism (test/temp.ts, test/setup.ts, test/global-setup.ts): the run's temp files go to
// one folder of its own, which child processes inherit, and scratch folders are removed whatever a test did.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { removeScratches, scratch } from './temp.js';

describe('temp folders of the tests', () => {
  it("the run's temp dir is one fresh folder, and the processes the tests start inherit it", () => {
    expect(path.basename(tmpdir())).toMatch(/^vitest-assess-/);
    const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(require("node:os").tmpdir())'], { encoding: 'utf8' });
    expect(child.stdout).toBe(tmpdir());
  });

  it('scratch() folders are made there, and removed with all they hold, read-only folders included', () => {
    const a = scratch();
    const b = scratch('assess-other-');
    expect(path.dirname(a)).toBe(tmpdir());
    mkdirSync(path.join(b, 'locked'));
    writeFileSync(path.join(b, 'locked', 'report.txt'), 'x\n');
    chmodSync(path.join(b, 'locked'), 0o500);
    removeScratches();
    expect(existsSync(a)).toBe(false);
    expect(existsSync(b)).toBe(false);
  });
});
