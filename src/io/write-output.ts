// Writes the output: to stdout, or to --out FILE atomically (a temp file beside it, then a rename), so
// FILE is complete or untouched. A FILE that is not a regular file (/dev/stdout, a FIFO, a terminal) is
// written in place: renaming over it would replace the device node, not write to it.
// FILE is never one of the run's inputs (the data, report.json, the template and its partials), by
// whatever name or link it is reached: that is refused before anything is written.
import { constants, fstat as fstatCb, type Stats } from 'node:fs';
import { promisify } from 'node:util';
import { lstat, open, readlink, realpath, rename, rm, stat, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import type { Writable } from 'node:stream';
import { UsageError } from '../errors.js';
import type { Chunk } from '../report/output.js';
import type { TemplateSet } from '../report/render.js';
import { fsReason, requireCwd, showPath } from './inputs.js';
import type { Inputs } from './locate.js';

const fstat = promisify(fstatCb);

/** Temp files being written, removed if the process is interrupted. */
export const pendingTemps = new Set<string>();

function explain(file: string, e: unknown): UsageError {
  const code = (e as NodeJS.ErrnoException).code;
  const why = code === 'ENOENT' ? 'thư mục chứa tệp không tồn tại' : fsReason(e, 'ghi');
  return new UsageError(`không ghi được ${showPath(file)}: ${why}`);
}

/** Set by the SIGINT handler while a write is under way: the writer cleans up and stops. */
export const interrupted = { requested: false };

/** The interrupt came while writing: the temp file is removed, and the run ends (exit 130). */
export class Interrupted extends Error {}

/** The files a run reads: the data, report.json when there is one, the template and its partials. */
export function inputFiles(inputs: Inputs, templates: TemplateSet | readonly string[] | undefined): string[] {
  const t = !templates ? [] : Array.isArray(templates) ? (templates as readonly string[]) : templateInputs(templates as TemplateSet);
  return [...new Set([...inputs.tables.values()].map((r) => r.path)), ...(inputs.meta ? [inputs.meta] : []), ...t];
}

/** A template's files: the template and its partials (none without a template). */
export function templateInputs(templates: TemplateSet | undefined): string[] {
  return templates ? [templates.name, ...Object.values(templates.partials).map((p) => p.file)] : [];
}

interface Identity {
  dev: bigint;
  ino: bigint;
  real: string;
}

/** What a name leads to, links followed; undefined when it leads nowhere. */
async function identify(file: string): Promise<Identity | undefined> {
  try {
    const s = await stat(file, { bigint: true });
    return { dev: s.dev, ino: s.ino, real: await realpath(file).catch(() => '') };
  } catch {
    return undefined;
  }
}

/**
 * Refuses an `out` that is one of `inputs` (the same file by any name: a link, a hard link, another
 * spelling of the path): writing it would destroy what the run reads. Called by writeOutput, and early by
 * the run so that it does not read a national data set only to refuse at the end.
 */
export async function refuseInputs(out: string | undefined, inputs: readonly string[]): Promise<void> {
  if (out === undefined) return;
  requireCwd(out);
  const o = await identify(out);
  if (!o) return; // a new file is no input
  for (const file of inputs) {
    const i = await identify(file);
    if (!i || !((i.dev === o.dev && i.ino === o.ino) || (i.real !== '' && i.real === o.real))) continue;
    const same = path.normalize(file) === path.normalize(out);
    throw new UsageError(
      same
        ? `--out ${showPath(out)}: đây là một tệp đầu vào của lần chạy này, không thể ghi đè lên nó`
        : `--out ${showPath(out)}: đây chính là tệp ${showPath(file)} (qua liên kết hoặc tên khác), một tệp đầu vào của lần chạy này, không thể ghi đè lên nó`,
      'chọn một tệp khác cho --out: assess không ghi đè lên dữ liệu, report.json, mẫu báo cáo hay các mẫu con của nó',
    );
  }
}

/**
 * Writes the chunks (made as they are written: see src/report/output.ts) to `out`, or to stdout when undefined.
 * `inputs`: every file the run read (see inputFiles); `out` may not be one of them. Only a call that
 * can never write a file (`out` undefined) may leave them out.
 */
export async function writeOutput(chunks: Iterable<Chunk>, out: undefined, stdout: Writable): Promise<void>;
export async function writeOutput(chunks: Iterable<Chunk>, out: string | undefined, stdout: Writable, inputs: readonly string[]): Promise<void>;
export async function writeOutput(chunks: Iterable<Chunk>, out: string | undefined, stdout: Writable, inputs: readonly string[] = []): Promise<void> {
  if (out === undefined) return writeStdout(chunks, stdout);
  await refuseInputs(out, inputs);
  let target: string;
  let existing: Stats | undefined;
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
    existing = s;
    target = await realpath(out); // write beside the file a link points to, not over the link
  } catch (e) {
    if (e instanceof UsageError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT') throw explain(out, e);
    target = await danglingTarget(out);
  }
  const temp = tempName(target);
  pendingTemps.add(temp);
  try {
    // A new file gets the default mode (0666 less the umask); a rewritten one keeps its mode and owner.
    const fh = await open(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o666);
    try {
      if (existing) await keepMode(fh, existing);
      await writeChunks(fh, chunks, true);
      await fh.sync();
    } finally {
      await fh.close();
    }
    if (interrupted.requested) throw new Interrupted();
    await rename(temp, target);
  } catch (e) {
    await rm(temp, { force: true }).catch(() => {}); // rm fails too where the name is impossible (ENAMETOOLONG)
    if (e instanceof Interrupted) throw e;
    throw explain(out, e);
  } finally {
    pendingTemps.delete(temp);
  }
}

/** A file name has at most 255 bytes: the longest that fits. */
const NAME_MAX = 255;

/**
 * The temp file beside `target`: `.NAME.PID-RANDOM.tmp`, NAME cut (on a character boundary) so that the
 * whole fits in a file name when `target`'s own name is near the limit; PID and RANDOM keep it unique.
 */
export function tempName(target: string): string {
  // (the global Web Crypto, loaded when a file is written, not at every start as node:crypto would be)
  const suffix = `.${process.pid}-${Buffer.from(crypto.getRandomValues(new Uint8Array(6))).toString('hex')}.tmp`;
  const room = NAME_MAX - 1 - Buffer.byteLength(suffix);
  let base = path.basename(target);
  if (Buffer.byteLength(base) > room) {
    const bytes = Buffer.from(base).subarray(0, room);
    base = bytes.toString('utf8').replace(/\ufffd+$/, ''); // a character cut in two is dropped whole
  }
  return path.join(path.dirname(target), `.${base}${suffix}`);
}

/** The rewritten file keeps its permissions (a 0600 report stays private) and, when we may, its owner. */
async function keepMode(fh: FileHandle, was: Stats): Promise<void> {
  if (was.uid !== process.getuid?.() || was.gid !== process.getgid?.()) await fh.chown(was.uid, was.gid).catch(() => {}); // only root may give a file away
  try {
    await fh.chmod(was.mode & 0o7777);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'EINVAL') throw e; // file systems without modes (FAT)
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
async function writeChunks(fh: FileHandle, chunks: Iterable<Chunk>, stoppable: boolean): Promise<void> {
  for (const chunk of chunks) {
    if (stoppable && interrupted.requested) throw new Interrupted();
    if (typeof chunk === 'string') await fh.write(chunk, null, 'utf8');
    else await fh.write(chunk);
  }
  if (stoppable && interrupted.requested) throw new Interrupted();
}

async function writeInPlace(out: string, target: string, chunks: Iterable<Chunk>): Promise<void> {
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

/** stdout could not take the output (a full disk behind `> file`, /dev/full, an I/O error): exit 2. */
function stdoutError(e: unknown): UsageError {
  return new UsageError(`không ghi được ra đầu ra chuẩn (stdout): ${fsReason(e, 'ghi')}`, 'kiểm tra chỗ trống trên ổ đĩa nơi nhận kết quả, hoặc ghi ra tệp bằng --out FILE');
}

/**
 * Writes to stdout; a reader that went away (`| head`) is not an error, then or later: the rest is dropped.
 * Any other failure (a full disk) is a usage error, said once.
 */
async function writeStdout(chunks: Iterable<Chunk>, stdout: Writable): Promise<void> {
  if (!quietPipes.has(stdout)) {
    quietPipes.add(stdout);
    // Every failed write also reaches its callback below, which says it; the stream's 'error' event, with
    // no listener, would crash the process with Node's stack (and the pipe can close after the write was
    // handed over).
    stdout.on('error', () => {});
  }
  for (const chunk of chunks) {
    const gone = await new Promise<boolean>((resolve, reject) => {
      stdout.write(chunk, (e) => (!e ? resolve(false) : (e as NodeJS.ErrnoException).code === 'EPIPE' ? resolve(true) : reject(stdoutError(e))));
    });
    if (gone) return;
  }
}

const quietPipes = new WeakSet<Writable>();
