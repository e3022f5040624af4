// Broken environments, against the built binary (`npm run build` first): --out through /dev/stdout, a reader that
// goes away (`| head -1`), SIGINT in the middle of a long run (Ctrl+C). The catalogue of bad inputs is in
// test/hostile-inputs.test.ts.
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, lstatSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataFolder, expectClean, M_HEADER, MB, O_HEADER, run, runIn, STACK, unlines } from './hostile-support.js';
import { BIN, scratch } from './support.js';

// ---------------------------------------------------------------------------------------------------
// Part 2: broken environments

describe('broken environments', () => {
  let data: string;
  let big: string;
  beforeAll(() => {
    data = dataFolder({});
    // 6 000 chi bộ cơ sở with two members each: the JSON runs to megabytes, the Markdown appendix to half of one.
    big = scratch('assess-big-');
    const orgs = [O_HEADER];
    const mems = [M_HEADER];
    for (let i = 0; i < 6_000; i++) {
      orgs.push(`CB${i},Chi bộ khu phố số ${i},chi_bo_co_so,,2017,${['TSVM', 'HTTNV', 'HTNV'][i % 3]}`);
      mems.push(`DV${i}a,Nguyễn Văn ${i},CB${i},2017,HTTNV,`, `DV${i}b,Trần Thị ${i},CB${i},2017,HTNV,`);
    }
    writeFileSync(path.join(big, 'organizations.csv'), unlines(orgs));
    writeFileSync(path.join(big, 'members.csv'), unlines(mems));
    // A text template that prints the appendix six times over (~2 MB).
    mkdirSync(path.join(big, 'tpl'));
    writeFileSync(path.join(big, 'tpl', 'report.hbs'), '{{#each units}}{{no}}. {{name}}: {{rating}}, {{members.total}} đảng viên\n{{/each}}'.repeat(6));
  });
  afterAll(() => {
    rmSync(data, { recursive: true, force: true });
    rmSync(big, { recursive: true, force: true });
  });

  it('--out through a symlink to /dev/stdout (a pipe) writes the report to stdout and keeps the link', async () => {
    const base = scratch();
    const link = path.join(base, 'out');
    symlinkSync('/dev/stdout', link);
    const plain = await runIn(['report', '--year', '2017', data]);
    const r = run(['report', '--year', '2017', data, '--out', link]);
    try {
      expectClean(r);
      expect(r.code).toBe(0);
      expect(lstatSync(link).isSymbolicLink()).toBe(true);
      expect(readdirSync(base)).toEqual(['out']);
      expect(r.stdout).toBe(plain.stdout);
    } finally {
      rmSync(base, { recursive: true, force: true });
    }
  });

  describe('a reader that goes away: | head -1', () => {
    // The streamed JSON and a rendered template (md and html are rendered as the text is).
    it.each([
      ['--format json', ['--format', 'json']],
      ['a text --template', ['--template', 'TPL']],
    ])('%s ends quietly, exit 0', async (_name, extra) => {
      const opts = extra.map((a) => (a === 'TPL' ? path.join(big, 'tpl', 'report.hbs') : a));
      const full = await runIn(['report', '--year', '2017', big, ...opts]);
      expect(full.code).toBe(0);
      expect(Buffer.byteLength(full.stdout)).toBeGreaterThan(MB / 4); // far more than a pipe holds (64 KB)
      const command = [process.execPath, BIN, 'report', '--year', '2017', big, ...opts].map((a) => `'${a}'`).join(' ');
      const sh = spawnSync('bash', ['-o', 'pipefail', '-c', `${command} | head -1`], {
        encoding: 'utf8',
        env: { ...process.env, NO_COLOR: '1' },
        timeout: 20_000,
      });
      expect(sh.signal).toBeNull();
      expect(sh.stderr).not.toMatch(STACK);
      expect(sh.stderr).toBe('');
      expect(sh.status).toBe(0);
      expect(sh.stdout).toBe(`${full.stdout.split('\n')[0]}\n`);
    });
  });

  describe('SIGINT during a long run', () => {
    let huge: string;
    beforeAll(() => {
      // 1 million members (~50 MB): half a second of reading at least (the signal comes at 200 ms).
      huge = scratch('assess-huge-');
      const orgs = [O_HEADER];
      for (let i = 0; i < 2000; i++) orgs.push(`CB${i},Chi bộ số ${i},chi_bo_co_so,,2017,${['TSVM', 'HTTNV', 'HTNV'][i % 3]}`);
      writeFileSync(path.join(huge, 'organizations.csv'), unlines(orgs));
      // Each row `DV${j},Nguyễn Văn ${j},CB${j % 2000},2017,${rating},` written as bytes into one reused buffer:
      // several times faster than building and encoding strings.
      const R = ['HTXSNV', 'HTTNV', 'HTNV', 'HTNV_HC'];
      const name = Buffer.from(',Nguyễn Văn ');
      const buf = Buffer.alloc(8 * MB);
      let at = 0;
      const ascii = (s: string) => (at += buf.write(s, at, 'latin1'));
      const fd = openSync(path.join(huge, 'members.csv'), 'w');
      try {
        writeSync(fd, `${M_HEADER}\n`);
        for (let j = 0; j < 1_000_000; j++) {
          if (at > buf.length - 256) {
            writeSync(fd, buf, 0, at);
            at = 0;
          }
          ascii(`DV${j}`);
          at += name.copy(buf, at);
          ascii(`${j},CB${j % 2000},2017,${R[j & 3]},\n`);
        }
        writeSync(fd, buf, 0, at);
      } finally {
        closeSync(fd);
      }
    }, 60_000);
    afterAll(() => rmSync(huge, { recursive: true, force: true }));

    interface Ended {
      code: number | null;
      signal: NodeJS.Signals | null;
      stderr: string;
      wasRunning: boolean;
    }
    /** Starts `report DIR --format json --out OUT`, sends SIGINT after `delay` ms if it still runs, waits. */
    function interrupt(dir: string, out: string, delay: number): Promise<Ended> {
      const child = spawn(process.execPath, [BIN, 'report', '--year', '2017', dir, '--format', 'json', '--out', out], {
        env: { ...process.env, NO_COLOR: '1' },
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      let stderr = '';
      child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
      let wasRunning = false;
      const timer = setTimeout(() => {
        wasRunning = child.exitCode === null && child.signalCode === null;
        if (wasRunning) child.kill('SIGINT');
      }, delay);
      return new Promise((resolve) =>
        child.on('close', (code, signal) => {
          clearTimeout(timer);
          resolve({ code, signal, stderr, wasRunning });
        }),
      );
    }

    it('after 200 ms: exit 130, no temp file, no partial output', async () => {
      const dir2 = scratch('assess-sigint-');
      try {
        const e = await interrupt(huge, path.join(dir2, 'out.txt'), 200);
        expect(e.wasRunning, 'the run ended before the signal: make the data larger').toBe(true);
        expect(e.code === 130 || e.signal === 'SIGINT').toBe(true);
        expect(e.stderr).not.toMatch(STACK);
        expect(readdirSync(dir2)).toEqual([]);
      } finally {
        rmSync(dir2, { recursive: true, force: true });
      }
    });

    it('at any moment of the rendering and writing: the output is complete or absent, and no temp file is left', async () => {
      // The signal is sent at 3 moments spread over 55–95% of a run that renders and writes 3.5 MB of JSON.
      const ref = scratch('assess-sigint-');
      const t0 = performance.now();
      const whole = run(['report', '--year', '2017', big, '--format', 'json', '--out', path.join(ref, 'out.txt')]);
      const took = performance.now() - t0;
      expect(whole.code).toBe(0);
      const expected = readFileSync(path.join(ref, 'out.txt'), 'utf8');
      rmSync(ref, { recursive: true, force: true });
      const bad: string[] = [];
      const MOMENTS = 3;
      for (let i = 0; i < MOMENTS; i++) {
        const delay = took * (0.55 + (0.4 * i) / MOMENTS);
        const dir2 = scratch('assess-sigint-');
        const out = path.join(dir2, 'out.txt');
        const e = await interrupt(big, out, delay);
        const left = readdirSync(dir2);
        const complete = left.length === 1 && left[0] === 'out.txt' && readFileSync(out, 'utf8') === expected;
        const interrupted = e.code === 130 || e.signal === 'SIGINT';
        const ok = (interrupted && (left.length === 0 || complete)) || (e.code === 0 && complete);
        if (!ok) bad.push(`SIGINT after ${Math.round(delay)} ms: exit ${e.code ?? e.signal}, left ${JSON.stringify(left)}`);
        if (STACK.test(e.stderr)) bad.push(`SIGINT after ${Math.round(delay)} ms: a stack trace: ${e.stderr}`);
        rmSync(dir2, { recursive: true, force: true });
      }
      expect(bad).toEqual([]);
    });
  });
});
