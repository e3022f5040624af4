// What the hostile tests share (test/hostile-inputs.test.ts, test/hostile-environment.test.ts,
// test/properties.test.ts): running the CLI, in this process or as the built binary, timed, with its peak memory;
// a clean end; SMALL with some lines changed; the data folders made from it.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import { runCli } from './in-process.js';
import { BIN, ROOT, scratch, SMALL } from './support.js';

export const enc = new TextEncoder();

export const STACK = /\n\s+at .+:\d+:\d+\)?\n/;
export const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
export const IS_ROOT = process.getuid?.() === 0;

// ---------------------------------------------------------------------------------------------------
// Running the binary

export interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  ms: number;
  /** Peak resident memory in KB, when run through /usr/bin/time. */
  peakKb?: number;
}

/** Runs the built `assess` synchronously, killed after `timeout` ms; `memory` measures its peak RSS. */
export function run(args: string[], opts: { timeout?: number; memory?: boolean } = {}): Run {
  const timeout = opts.timeout ?? 20_000;
  const memFile = opts.memory && TIME ? path.join(scratch('assess-mem-'), 'rss') : undefined;
  const [cmd, argv] = memFile ? [TIME!, ['-f', '%M', '-o', memFile, process.execPath, BIN, ...args]] : [process.execPath, [BIN, ...args]];
  const t0 = performance.now();
  const r = spawnSync(cmd, argv, {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
    input: '',
    maxBuffer: 1 << 28,
    timeout,
    killSignal: 'SIGKILL',
  });
  const ms = performance.now() - t0;
  const out: Run = { code: r.status, signal: r.signal, stdout: r.stdout ?? '', stderr: r.stderr ?? '', ms };
  if (memFile) {
    const text = existsSync(memFile) ? readFileSync(memFile, 'utf8') : '';
    const kb = /(\d+)\s*$/.exec(text.trim());
    if (kb) out.peakKb = Number(kb[1]);
    rmSync(path.dirname(memFile), { recursive: true, force: true });
  }
  return out;
}

/** Runs the CLI in this process, timed: what `run` gives, for a command that needs no process of its own. */
export async function runIn(args: string[]): Promise<Run> {
  const t0 = performance.now();
  const r = await runCli(args);
  return { code: r.code, signal: null, stdout: r.stdout, stderr: r.stderr, ms: performance.now() - t0 };
}

/** A clean end: finished in time, not killed, no stack trace. */
export function expectClean(r: Run, timeout = 20_000): void {
  expect(r.signal, `killed by ${r.signal} (after ${Math.round(r.ms)} ms)`).toBeNull();
  expect(r.ms).toBeLessThan(timeout);
  expect(r.stderr).not.toMatch(STACK);
  expect(r.stdout).not.toMatch(STACK);
}

// ---------------------------------------------------------------------------------------------------
// Building inputs

export const linesOf = (text: string): string[] => text.replace(/\n$/, '').split('\n');
export const unlines = (lines: string[]): string => `${lines.join('\n')}\n`;
/** SMALL.members or SMALL.organizations with some lines changed: `f` gets the lines (index 0 = header, line 1). */
export const members = (f: (lines: string[]) => string[]): string => unlines(f(linesOf(SMALL.members)));
export const organizations = (f: (lines: string[]) => string[]): string => unlines(f(linesOf(SMALL.organizations)));
/** Replaces physical line `n` (1 = header) of a file. */
export const atLine = (n: number, f: (line: string) => string) => (lines: string[]) => lines.map((l, i) => (i === n - 1 ? f(l) : l));

export const utf16le = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, 'utf16le'));
export const utf16be = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, 'utf16le').swap16());

export type Content = string | Uint8Array;

export const M_HEADER = linesOf(SMALL.members)[0]!;
export const O_HEADER = linesOf(SMALL.organizations)[0]!;
export const MB = 1 << 20;

/** A data folder: SMALL, with the files the case gives instead (undefined: no such file). */
export function dataFolder(c: { members?: Content; organizations?: Content }): string {
  const dir = scratch('assess-hostile-');
  const write = (name: string, key: 'members' | 'organizations') => {
    const content = key in c ? c[key] : SMALL[key];
    if (content !== undefined) writeFileSync(path.join(dir, name), content);
  };
  write('organizations.csv', 'organizations');
  write('members.csv', 'members');
  return dir;
}
