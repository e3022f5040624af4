// Writes the output: to stdout, or to --out FILE atomically (a temp file beside it, then a rename), so
// FILE is complete or untouched. A FILE that is not a regular file (/dev/stdout, a FIFO, a terminal) is
// written in place: renaming over it would replace the device node, not write to it.
import { constants } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { open, realpath, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Writable } from 'node:stream';
import { UsageError } from '../errors.js';

/** Temp files being written, removed if the process is interrupted. */
export const pendingTemps = new Set<string>();

function explain(file: string, e: unknown): UsageError {
  const code = (e as NodeJS.ErrnoException).code;
  const why: Record<string, string> = {
    ENOENT: 'thư mục chứa tệp không tồn tại',
    ENOTDIR: 'một phần của đường dẫn không phải thư mục',
    EACCES: 'không có quyền ghi',
    EPERM: 'không có quyền ghi',
    EROFS: 'ổ đĩa chỉ đọc',
    ENOSPC: 'ổ đĩa đã đầy',
    EDQUOT: 'vượt hạn mức ổ đĩa',
    EISDIR: 'đó là một thư mục',
    ELOOP: 'liên kết tượng trưng vòng lặp',
  };
  return new UsageError(`không ghi được ${file}: ${why[code ?? ''] ?? (e as Error).message}`);
}

export async function writeOutput(text: string, out: string | undefined, stdout: Writable): Promise<void> {
  if (out === undefined) return writeStdout(text, stdout);
  let target = out;
  let special = false;
  try {
    target = await realpath(out); // write beside the file a symlink points to, not over the link
    const s = await stat(target);
    if (s.isDirectory()) throw explain(out, Object.assign(new Error(), { code: 'EISDIR' }));
    special = !s.isFile();
  } catch (e) {
    if (e instanceof UsageError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT') throw explain(out, e);
    target = path.resolve(out);
  }
  if (special) return writeInPlace(out, target, text);
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
  pendingTemps.add(temp);
  try {
    const fh = await open(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o666);
    try {
      await fh.writeFile(text, 'utf8');
      await fh.sync();
    } finally {
      await fh.close();
    }
    await rename(temp, target);
  } catch (e) {
    await rm(temp, { force: true });
    throw explain(out, e);
  } finally {
    pendingTemps.delete(temp);
  }
}

async function writeInPlace(out: string, target: string, text: string): Promise<void> {
  try {
    const fh = await open(target, constants.O_WRONLY);
    try {
      await fh.writeFile(text, 'utf8');
    } finally {
      await fh.close();
    }
  } catch (e) {
    throw explain(out, e);
  }
}

/** Writes to stdout; a reader that went away (`| head`) is not an error. */
export function writeStdout(text: string, stdout: Writable): Promise<void> {
  return new Promise((resolve, reject) => {
    const done = (e?: Error | null) => {
      if (!e || (e as NodeJS.ErrnoException).code === 'EPIPE') resolve();
      else reject(e);
    };
    stdout.once('error', done);
    stdout.write(text, (e) => {
      stdout.off('error', done);
      done(e);
    });
  });
}
