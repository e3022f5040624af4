// Temp folders of the tests, cleaned up by the mechanism, not by each test: scratch() registers every folder
// it makes, test/setup.ts removes them after each test file, and test/global-setup.ts points the whole run's
// TMPDIR at one folder that it removes at the end (and fails the run if anything was left outside it).
import { chmodSync, lstatSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

// On globalThis, not in this module: the setup file and the test file then share it even if they were
// given two instances of this module.
const KEY = Symbol.for('assess.test.scratch');
const registry = ((globalThis as Record<symbol, unknown>)[KEY] ??= []) as string[];

/** A fresh folder in the temp dir, removed after the test file that made it (see test/setup.ts). */
export function scratch(prefix = 'assess-test-', parent = tmpdir()): string {
  const dir = mkdtempSync(path.join(parent, prefix));
  registry.push(dir);
  return dir;
}

/** Removes every folder scratch() made so far (those a test already removed are skipped). */
export function removeScratches(): void {
  for (const dir of registry.splice(0)) removeTree(dir);
}

/** rm -rf, also when a test left a folder read-only (a non-root user cannot empty it otherwise). */
export function removeTree(target: string): void {
  try {
    rmSync(target, { recursive: true, force: true });
  } catch {
    makeWritable(target);
    rmSync(target, { recursive: true, force: true });
  }
}

function makeWritable(target: string): void {
  let stat;
  try {
    stat = lstatSync(target);
  } catch {
    return;
  }
  if (!stat.isDirectory()) return;
  chmodSync(target, 0o700);
  for (const name of readdirSync(target)) makeWritable(path.join(target, name));
}
