// Finds the input files in DIR and reads report.json. Missing files are a usage error (exit 2);
// a report.json that does not parse or fit its schema is a data problem (exit 1).
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { UsageError } from '../errors.js';
import { metaMessage, reportMeta, type ReportMeta } from '../metadata.js';
import { quote, type Problem } from '../problems.js';

export interface Inputs {
  organizations: string;
  members: string;
  /** report.json, when DIR has one. */
  meta: string | undefined;
}

async function kindOf(file: string): Promise<'file' | 'dir' | 'other' | 'missing'> {
  try {
    const s = await stat(file);
    return s.isFile() ? 'file' : s.isDirectory() ? 'dir' : 'other';
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return 'missing';
    if (code === 'ELOOP') throw new UsageError(`${file}: liên kết tượng trưng (symlink) vòng lặp, không mở được`);
    if (code === 'EACCES' || code === 'EPERM') throw new UsageError(`${file}: không có quyền đọc`);
    throw e;
  }
}

export async function locateInputs(dir: string): Promise<Inputs> {
  const d = await kindOf(dir);
  if (d === 'missing') throw new UsageError(`không có thư mục ${quote(dir)}`, 'DIR là thư mục chứa organizations.csv và members.csv');
  if (d !== 'dir') throw new UsageError(`${quote(dir)} không phải là thư mục`, 'DIR là thư mục chứa organizations.csv và members.csv');
  const file = (name: string) => path.join(dir, name);
  const missing: string[] = [];
  for (const name of ['organizations.csv', 'members.csv']) {
    const k = await kindOf(file(name));
    if (k === 'missing') missing.push(name);
    else if (k !== 'file') throw new UsageError(`${file(name)} không phải là tệp thông thường`);
  }
  if (missing.length) {
    throw new UsageError(`thư mục ${quote(dir)} thiếu ${missing.join(' và ')}`, 'xuất danh sách tổ chức ra organizations.csv và danh sách đảng viên ra members.csv (CSV, UTF-8), đặt cùng thư mục');
  }
  const metaKind = await kindOf(file('report.json'));
  return { organizations: file('organizations.csv'), members: file('members.csv'), meta: metaKind === 'missing' ? undefined : file('report.json') };
}

/** Reads report.json; its problems are appended to `problems` (with the line where JSON breaks). */
export async function readMeta(file: string | undefined, problems: Problem[]): Promise<ReportMeta> {
  if (!file) return {};
  let text: string;
  try {
    text = (await readFile(file, 'utf8')).replace(/^\ufeff/, '');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UsageError(`${file}: không đọc được (${code === 'EISDIR' ? 'là thư mục' : code === 'EACCES' ? 'không có quyền đọc' : code})`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    const m = /position (\d+)/.exec((e as Error).message);
    const line = m ? text.slice(0, Number(m[1])).split('\n').length : 0;
    problems.push({ file, line, code: 'bad-metadata', message: `không phải JSON hợp lệ: ${(e as Error).message}` });
    return {};
  }
  const r = reportMeta.safeParse(data);
  if (r.success) return r.data;
  for (const issue of r.error.issues) {
    const where = issue.path.length ? issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '') : '';
    const keys = issue.code === 'unrecognized_keys' ? ' (xem README, mục report.json)' : '';
    const said = metaMessage(issue as { code: string; expected?: string; keys?: string[] }) ?? issue.message;
    problems.push({ file, line: lineOf(text, issue.path), code: 'bad-metadata', message: `${where ? `trường "${where}": ` : ''}${said}${keys}` });
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
export async function readText(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why: Record<string, string> = { ENOENT: 'không có tệp này', EISDIR: 'đó là một thư mục', EACCES: 'không có quyền đọc', ELOOP: 'liên kết tượng trưng vòng lặp' };
    throw new UsageError(`không đọc được ${file}: ${why[code ?? ''] ?? (e as Error).message}`);
  }
}
