// Reads report.json (a report.json that does not parse or fit its schema is a data problem, exit 1) and
// --check's file; which files of DIR are the inputs is ./locate.ts.
// Also the file system's errors said in Vietnamese, for every file the io layer touches.
import { closeSync, constants, fstatSync, lstatSync, openSync, readSync, statSync } from 'node:fs';
import { open } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import path from 'node:path';
import { TextDecoder } from 'node:util';
import { UsageError } from '../errors.js';
import { formatCount } from '../format.js';
import { jsonSyntaxError, lineAndColumn, metaMessage, reportMeta, type ReportMeta } from '../report/metadata.js';
import { quote, type ProblemSink } from '../problems.js';

/** A report.json is a few KB: past this it is not one (and /dev/zero behind a link would never end). */
export const MAX_META_BYTES = 1 << 20;

/** Why a file operation failed, in words (the error's code, never shown raw for the usual ones). */
export function fsReason(e: unknown, access: 'đọc' | 'ghi' | 'truy cập' = 'truy cập'): string {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  const why: Record<string, string> = {
    ENOENT: 'không có tệp hoặc thư mục này',
    ENOTDIR: 'một phần của đường dẫn không phải là thư mục',
    EACCES: `không có quyền ${access}`,
    EPERM: `không được phép ${access}`,
    EROFS: 'ổ đĩa chỉ cho phép đọc',
    ENOSPC: 'ổ đĩa đã đầy',
    EDQUOT: 'đã vượt hạn mức dung lượng được cấp trên ổ đĩa',
    EFBIG: 'tệp vượt quá kích thước hệ thống cho phép',
    EISDIR: 'đó là một thư mục',
    ELOOP: 'liên kết tượng trưng (symlink) tạo thành vòng lặp hoặc lồng nhau quá sâu',
    ENAMETOOLONG: 'tên tệp hoặc đường dẫn dài quá mức hệ thống cho phép',
    EMFILE: 'chương trình đang mở quá nhiều tệp cùng lúc (vượt giới hạn ulimit -n)',
    ENFILE: 'hệ thống đang mở quá nhiều tệp cùng lúc',
    EIO: 'lỗi đọc ghi của thiết bị (ổ đĩa có thể hỏng hoặc đã bị rút ra)',
    EBUSY: 'tệp hoặc thiết bị đang bận',
    ETXTBSY: 'tệp đang được chương trình khác sử dụng',
    EXDEV: 'không chuyển được tệp sang ổ đĩa khác',
    ENXIO: 'thiết bị không tồn tại hoặc chưa sẵn sàng',
    ENODEV: 'thiết bị không tồn tại',
    EAGAIN: 'tài nguyên tạm thời chưa sẵn sàng, hãy thử lại',
    EINVAL: 'thao tác không dùng được với loại tệp này',
    EEXIST: 'tệp đã tồn tại',
    ESTALE: 'tệp trên ổ mạng không còn hợp lệ',
    ETIMEDOUT: 'quá thời gian chờ',
    EPIPE: 'nơi nhận dữ liệu đã đóng',
    ECONNRESET: 'kết nối bị ngắt',
    ENOMEM: 'không đủ bộ nhớ',
    EBADF: 'tệp không còn mở được',
    ENOTSUP: 'hệ thống tệp không hỗ trợ thao tác này',
    EOPNOTSUPP: 'hệ thống tệp không hỗ trợ thao tác này',
    ERR_STREAM_DESTROYED: 'đầu ra đã bị đóng',
    ERR_FS_FILE_TOO_LARGE: 'tệp lớn quá (trên 2 GB)',
    ERR_STRING_TOO_LONG: 'tệp lớn quá, không đọc được thành văn bản',
  };
  if (code && why[code]) return why[code];
  return code ? `lỗi hệ thống (mã lỗi ${code})` : 'lỗi hệ thống không rõ nguyên nhân';
}

/** A path as a message names it: a very long one (ENAMETOOLONG) is cut in the middle. */
export function showPath(file: string): string {
  return file.length > 160 ? `${file.slice(0, 60)}…${file.slice(-80)} (${formatCount(file.length)} ký tự)` : file;
}

/** What a file that should be a regular file is instead. */
export function notAFile(s: Stats): string {
  if (s.isDirectory()) return 'là một thư mục, không phải là tệp';
  if (s.isFIFO()) return 'là một ống dẫn (FIFO), không phải là tệp thông thường';
  if (s.isCharacterDevice() || s.isBlockDevice()) return 'là một thiết bị, không phải là tệp thông thường';
  if (s.isSocket()) return 'là một socket, không phải là tệp thông thường';
  return 'không phải là tệp thông thường';
}

/**
 * A relative path needs the working directory; run from one that was deleted, every relative path fails
 * (and Node's path.resolve throws): said once, plainly.
 */
export function requireCwd(file: string): void {
  if (path.isAbsolute(file)) return;
  try {
    process.cwd();
  } catch {
    throw new UsageError(
      `thư mục hiện hành không còn tồn tại (có thể đã bị xóa hoặc di chuyển): không dùng được đường dẫn tương đối ${quote(file)}`,
      'chuyển sang một thư mục có thật (lệnh cd) rồi chạy lại, hoặc dùng đường dẫn tuyệt đối',
    );
  }
}

export type Kind = { kind: 'file' | 'dir' | 'missing' | 'dangling' } | { kind: 'other'; stats: Stats };

/**
 * What a path is (links followed), or why it cannot be looked at (a usage error). The file system's small
 * questions (what is this path, what does this folder hold, the few bytes of report.json) are asked
 * synchronously here and in ./locate.ts: a roll-up asks thousands, and each asynchronous call costs a trip
 * through libuv's threads for an answer the kernel gives at once.
 */
export function kindOf(file: string): Kind {
  try {
    const s = statSync(file); // follows links: a link to /dev/zero is a device here
    return s.isFile() ? { kind: 'file' } : s.isDirectory() ? { kind: 'dir' } : { kind: 'other', stats: s };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      let link = false;
      try {
        link = lstatSync(file).isSymbolicLink();
      } catch {
        // gone since: missing
      }
      return { kind: link ? 'dangling' : 'missing' };
    }
    throw new UsageError(`không mở được ${showPath(file)}: ${fsReason(e, 'đọc')}`);
  }
}

/**
 * The bytes of report.json, or why not: only a regular file, at most MAX_META_BYTES. Opened without
 * blocking, so that a FIFO put there after the look in locateInputs cannot hang the run.
 */
function readMetaBytes(file: string): Buffer | { tooLarge: number } {
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (e) {
    throw new UsageError(`không đọc được ${showPath(file)}: ${fsReason(e, 'đọc')}`);
  }
  try {
    const s = fstatSync(fd);
    if (!s.isFile()) throw new UsageError(`${showPath(file)} ${notAFile(s)}`);
    if (s.size > MAX_META_BYTES) return { tooLarge: s.size };
    // One byte more than the limit: a file that grew since its stat is still caught.
    const buf = Buffer.alloc(s.size + 1);
    let n = 0;
    while (n < buf.length) {
      const bytesRead = readSync(fd, buf, n, buf.length - n, n);
      if (bytesRead === 0) break;
      n += bytesRead;
      if (n > MAX_META_BYTES) return { tooLarge: n };
    }
    return buf.subarray(0, n);
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(`không đọc được ${showPath(file)}: ${fsReason(e, 'đọc')}`);
  } finally {
    try {
      closeSync(fd);
    } catch {
      // read already: nothing is lost
    }
  }
}

/** Reads report.json; its problems are appended to `problems` (with the line where JSON breaks). */
export function readMeta(file: string | undefined, problems: ProblemSink): ReportMeta {
  if (!file) return {};
  const bytes = readMetaBytes(file);
  const problem = (line: number, message: string) => problems.push({ file, line, code: 'bad-metadata', message });
  if (!Buffer.isBuffer(bytes)) {
    problem(0, `tệp lớn bất thường (${formatCount(bytes.tooLarge)} byte trở lên, tối đa ${formatCount(MAX_META_BYTES)} byte): report.json chỉ chứa vài thông tin của báo cáo, thường chỉ vài KB`);
    return {};
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes).replace(/^\ufeff/, '');
  } catch {
    const loose = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
    problem(lineAndColumn(loose, Math.max(0, loose.indexOf('\ufffd'))).line, 'tệp không phải văn bản UTF-8: hãy lưu report.json với bảng mã UTF-8');
    return {};
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    if (text.trim() === '') {
      problem(0, 'tệp rỗng: report.json cần một đối tượng JSON, ít nhất là {} (hoặc xóa tệp nếu không dùng)');
      return {};
    }
    const found = jsonSyntaxError(text);
    const position = /position (\d+)/.exec(e instanceof Error ? e.message : '');
    const at = found ? found.index : position ? Number(position[1]) : 0;
    const { line, column } = lineAndColumn(text, at);
    problem(line, `JSON viết sai ở cột ${column}: ${found?.message ?? 'không phải JSON hợp lệ'}`);
    return {};
  }
  const r = reportMeta.safeParse(data);
  if (r.success) return r.data;
  for (const issue of r.error.issues) {
    const where = issue.path.length ? issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '') : '';
    const keys = issue.code === 'unrecognized_keys' ? ' (xem README, mục report.json)' : '';
    const said = metaMessage(issue as { code: string; expected?: string; keys?: string[]; message?: string });
    problem(lineOf(text, issue.path), `${where ? `trường "${where}": ` : ''}${said}${keys}`);
  }
  return {};
}

/** The line of the last named key of a JSON path, found by searching (good enough for messages). */
function lineOf(text: string, jsonPath: readonly PropertyKey[]): number {
  const key = [...jsonPath].reverse().find((p) => typeof p === 'string');
  if (typeof key !== 'string') return 0;
  const i = text.indexOf(JSON.stringify(key));
  return i < 0 ? 0 : text.slice(0, i).split('\n').length;
}

/** Reads a text file the user named (--check FILE): missing or unreadable is a usage error. */
export async function readText(file: string, maxBytes = Infinity): Promise<{ text: string; cut: boolean }> {
  const { bytes, cut } = await readBytes(file, maxBytes);
  return { text: cut ? '' : Buffer.from(bytes).toString('utf8'), cut };
}

/** Reads a file the user named (--check FILE of a Word or Excel file), at most maxBytes: missing or unreadable is a usage error. */
export async function readBytes(file: string, maxBytes = Infinity): Promise<{ bytes: Uint8Array; cut: boolean }> {
  requireCwd(file);
  let fh;
  try {
    fh = await open(file, constants.O_RDONLY);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UsageError(`không đọc được ${showPath(file)}: ${code === 'ENOENT' ? 'không có tệp này' : fsReason(e, 'đọc')}`);
  }
  try {
    const s = await fh.stat();
    if (s.isDirectory()) throw new UsageError(`không đọc được ${showPath(file)}: ${notAFile(s)}`);
    // Read in pieces, at most maxBytes (a pipe such as <(git show …) is fine; /dev/zero ends at the cap).
    const parts: Buffer[] = [];
    let total = 0;
    for (;;) {
      const buf = Buffer.allocUnsafe(Math.max(1, Math.min(1 << 20, maxBytes - total + 1)));
      const { bytesRead } = await fh.read(buf, 0, buf.length, null);
      if (bytesRead === 0) break;
      parts.push(buf.subarray(0, bytesRead));
      total += bytesRead;
      if (total > maxBytes) return { bytes: new Uint8Array(0), cut: true };
    }
    return { bytes: Buffer.concat(parts), cut: false };
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(`không đọc được ${showPath(file)}: ${fsReason(e, 'đọc')}`);
  } finally {
    await fh.close().catch(() => {});
  }
}
