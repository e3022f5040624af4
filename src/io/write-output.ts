// Writes the output: to stdout, or to --out FILE atomically (a temp file beside it, then a rename), so
// FILE is complete or untouched. A FILE that is not a regular file (/dev/stdout, a FIFO, a terminal) is
// written in place: renaming over it would replace the device node, not write to it.
import { constants, fstat as fstatCb } from 'node:fs';
import { promisify } from 'node:util';
import { randomBytes } from 'node:crypto';
import { lstat, open, readlink, realpath, rename, rm, stat, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import type { Writable } from 'node:stream';
import { UsageError } from '../errors.js';

const fstat = promisify(fstatCb);

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

/** Set by the SIGINT handler while a write is under way: the writer cleans up and stops. */
export const interrupted = { requested: false };

/** The interrupt came while writing: the temp file is removed, and the run ends (exit 130). */
export class Interrupted extends Error {}

/** Writes the chunks (made as they are written: see output.ts) to `out`, or to stdout when undefined. */
export async function writeOutput(chunks: Iterable<string>, out: string | undefined, stdout: Writable): Promise<void> {
  if (out === undefined) return writeStdout(chunks, stdout);
  let target: string;
  try {
    const s = await stat(out); // follows links: /dev/stdout on a pipe is a FIFO here (realpath fails on it)
    if (s.isDirectory()) throw explain(out, Object.assign(new Error(), { code: 'EISDIR' }));
    if (!s.isFile()) {
      // Our own stdout under another name (/dev/stdout, /dev/fd/1, a link to them): the stream, which
      // works for a socket too, where opening the name does not.
      const own = await fstat(1).catch(() => undefined);
      if (own && own.dev === s.dev && own.ino === s.ino) return await writeStdout(chunks, stdout);
      return await writeInPlace(out, out, chunks);
    }
    target = await realpath(out); // write beside the file a link points to, not over the link
  } catch (e) {
    if (e instanceof UsageError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT') throw explain(out, e);
    target = await danglingTarget(out);
  }
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
  pendingTemps.add(temp);
  try {
    const fh = await open(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o666);
    try {
      await writeChunks(fh, chunks, true);
      await fh.sync();
    } finally {
      await fh.close();
    }
    if (interrupted.requested) throw new Interrupted();
    await rename(temp, target);
  } catch (e) {
    await rm(temp, { force: true });
    if (e instanceof Interrupted) throw e;
    throw explain(out, e);
  } finally {
    pendingTemps.delete(temp);
  }
}

/** Where a new file goes: `out` itself, or what a dangling symlink `out` points to (the link stays a link). */
async function danglingTarget(out: string): Promise<string> {
  try {
    if ((await lstat(out)).isSymbolicLink()) return path.resolve(path.dirname(out), await readlink(out));
  } catch {
    // not there at all: a new file
  }
  return path.resolve(out);
}

/** Each chunk in turn; with `stoppable`, an interrupt between two chunks stops the write. */
async function writeChunks(fh: FileHandle, chunks: Iterable<string>, stoppable: boolean): Promise<void> {
  for (const chunk of chunks) {
    if (stoppable && interrupted.requested) throw new Interrupted();
    await fh.write(chunk, null, 'utf8');
  }
  if (stoppable && interrupted.requested) throw new Interrupted();
}

async function writeInPlace(out: string, target: string, chunks: Iterable<string>): Promise<void> {
  try {
    const fh = await open(target, constants.O_WRONLY);
    try {
      await writeChunks(fh, chunks, false);
    } finally {
      await fh.close();
    }
  } catch (e) {
    throw explain(out, e);
  }
}

/** Writes to stdout; a reader that went away (`| head`) is not an error, then or later: the rest is dropped. */
export async function writeStdout(chunks: Iterable<string>, stdout: Writable): Promise<void> {
  if (!quietPipes.has(stdout)) {
    quietPipes.add(stdout);
    // The pipe can close after the write was handed over: that later error must not crash the run.
    stdout.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code !== 'EPIPE') throw e;
    });
  }
  for (const chunk of chunks) {
    const gone = await new Promise<boolean>((resolve, reject) => {
      stdout.write(chunk, (e) => (!e ? resolve(false) : (e as NodeJS.ErrnoException).code === 'EPIPE' ? resolve(true) : reject(e)));
    });
    if (gone) return;
  }
}

const quietPipes = new WeakSet<Writable>();
