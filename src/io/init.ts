// `assess init DIR`: writes the starter folder (src/init/starter.ts) into DIR, made if missing. Nothing is
// ever overwritten: if any of the files is already there, nothing is written and the file is named (exit 2);
// each file is created exclusively (a file that appears meanwhile is not replaced), and a failure midway
// removes what this run wrote.
import { constants } from 'node:fs';
import { lstat, mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { UsageError } from '../errors.js';
import { quote } from '../problems.js';
import type { StarterFile } from '../init/starter.js';
import { fsReason, requireCwd, showPath } from './inputs.js';

const exists = (file: string) => lstat(file).then(() => true, (e: NodeJS.ErrnoException) => (e.code === 'ENOENT' ? false : Promise.reject(e)));

/** Writes `files` into `dir`; returns the paths written. */
export async function writeStarter(dir: string, files: readonly StarterFile[]): Promise<string[]> {
  requireCwd(dir);
  const target = (f: StarterFile) => path.join(dir, f.path);
  try {
    const there = [];
    for (const f of files) if (await exists(target(f))) there.push(target(f));
    if (there.length) {
      throw new UsageError(`không ghi gì cả: đã có ${there.map((t) => quote(t)).join(', ')}; lệnh init không bao giờ ghi đè tệp có sẵn`, 'chọn một thư mục mới (chưa có), hoặc chuyển các tệp này đi nơi khác');
    }
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(`không xem được thư mục ${showPath(dir)}: ${fsReason(e)}`);
  }
  const written: string[] = [];
  try {
    for (const f of files) {
      await mkdir(path.dirname(target(f)), { recursive: true });
      await writeFile(target(f), f.content, { flag: constants.O_CREAT | constants.O_EXCL | constants.O_WRONLY });
      written.push(target(f));
    }
  } catch (e) {
    await Promise.all(written.map((w) => rm(w, { force: true })));
    const file = (e as NodeJS.ErrnoException).path ?? dir;
    throw new UsageError((e as NodeJS.ErrnoException).code === 'EEXIST' ? `không ghi gì cả: ${quote(file)} vừa được tạo ra trong lúc ghi; lệnh init không ghi đè tệp có sẵn` : `không ghi được ${showPath(file)}: ${fsReason(e, 'ghi')}`);
  }
  return written;
}
