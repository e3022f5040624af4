// Runs the CLI in this process, as cli(argv, env) with streams that keep what is written: the way most
// CLI tests run (spawning the binary is for smoke and environment tests).
import { Writable } from 'node:stream';
import { cli } from '../src/cli.js';

export interface InProcessResult {
  code: number;
  stdout: string;
  stderr: string;
}

class Capture extends Writable {
  text = '';
  override _write(chunk: Buffer | string, _enc: BufferEncoding, done: (e?: Error | null) => void): void {
    this.text += typeof chunk === 'string' ? chunk : chunk.toString('utf8');
    done();
  }
}

/** `stdout`: another stream to write to (one that fails, say); its text is then not kept. */
export async function runCli(argv: string[], env: Record<string, string | undefined> = {}, stdout: Writable = new Capture()): Promise<InProcessResult> {
  const stderr = new Capture();
  const code = await cli(argv, { stdout, stderr, env: { NO_COLOR: '1', ...env } });
  return { code, stdout: stdout instanceof Capture ? stdout.text : '', stderr: stderr.text };
}
