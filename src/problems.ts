// Problems are values: collected over the whole input, sorted by file and line, printed once.
// This file owns their codes, their order and the words of the summary.
import { formatCount } from './format.js';

export const PROBLEM_CODES = {
  'no-header': 'tệp không có dòng tiêu đề',
  'missing-column': 'thiếu cột bắt buộc',
  'duplicate-column': 'cột bị lặp',
  'field-count': 'số ô không khớp với tiêu đề',
  'unclosed-quote': 'dấu ngoặc kép không được đóng',
  'text-after-quote': 'ký tự thừa sau dấu ngoặc kép',
  'record-too-long': 'dòng dài bất thường',
  'bad-encoding': 'ký tự không đọc được',
  'bad-year': 'năm không hợp lệ',
  'empty-cell': 'ô bắt buộc bị trống',
  'unknown-kind': 'loại tổ chức không rõ',
  'unknown-rating': 'xếp loại không rõ',
  'rating-scheme': 'xếp loại không thuộc thang của năm',
  'duplicate-id': 'mã bị trùng',
  'unknown-org': 'chi bộ không có trong danh sách',
  'not-a-cell': 'đảng viên gắn với tổ chức không phải chi bộ',
  'bad-parent': 'cấp trên không hợp lệ',
  'missing-parent': 'chi bộ trực thuộc thiếu cấp trên',
  'base-with-parent': 'tổ chức cơ sở ghi cấp trên',
  'no-rows': 'không có dữ liệu của năm',
  'bad-metadata': 'report.json không hợp lệ',
  'not-csv': 'tệp không phải CSV đọc được',
  'notice-encoding': 'tệp đã được chuyển bảng mã',
  'rule-excellent-quota': 'đảng viên xuất sắc vượt 20% số hoàn thành tốt',
  'rule-excellent-org': 'tổ chức xuất sắc chưa đủ điều kiện',
  'rule-weak-share': 'đơn vị lẽ ra phải xếp loại yếu kém',
} as const;

export type ProblemCode = keyof typeof PROBLEM_CODES;

export interface Problem {
  /** The file as the user named it (DIR joined with the file name). */
  file: string;
  /** Physical line where the record starts; 1 is the header; 0 when it concerns the whole file. */
  line: number;
  code: ProblemCode;
  /** The sentence that says what is wrong, naming the column and the value. */
  message: string;
  /** The column as written in the file's header. */
  column?: string;
  value?: string;
  /** The year of the row, when it is known (a row of the compared year is kept apart). */
  year?: number;
}

/** Notices are said, not counted as problems: they do not fail a run. */
export const isNotice = (p: Problem): boolean => p.code.startsWith('notice-');

/** Notices: `FILE: lưu ý: …`. */
export function listNotices(notices: readonly Problem[]): string {
  return notices.map((n) => `${n.file}: lưu ý: ${n.message}\n`).join('');
}

/** Quotes a cell for a message: short, one line, its invisible characters shown. */
export function quote(value: string): string {
  const shown = value.length > 60 ? `${value.slice(0, 57)}…` : value;
  return JSON.stringify(shown);
}

const CODE_ORDER = new Map(Object.keys(PROBLEM_CODES).map((c, i) => [c, i]));

/**
 * Problems in reading order: by file, then line, then kind (in PROBLEM_CODES' order: a row's cells
 * before its duplicate id, before its cell reference), then as found. Independent of which path found
 * them first.
 */
export function sortProblems(problems: readonly Problem[]): Problem[] {
  return problems
    .map((p, i) => ({ p, i }))
    .sort((a, b) => (a.p.file < b.p.file ? -1 : a.p.file > b.p.file ? 1 : a.p.line - b.p.line || CODE_ORDER.get(a.p.code)! - CODE_ORDER.get(b.p.code)! || a.i - b.i))
    .map((x) => x.p);
}

export function formatProblem(p: Problem, label = ''): string {
  return p.line > 0 ? `${p.file}:${p.line}: ${label}${p.message}` : `${p.file}: ${label}${p.message}`;
}

/** Regulation breaches: `FILE:LINE: warning: …`, one a line (at most `max`, 0 = all). */
export function listWarnings(warnings: readonly Problem[], max = 0, paint: (p: Problem, line: string) => string = (_p, l) => l): string {
  const sorted = sortProblems(warnings);
  const shown = max > 0 ? sorted.slice(0, max) : sorted;
  const lines = shown.map((w) => paint(w, formatProblem(w, 'warning: ')));
  if (shown.length < sorted.length) lines.push(`… và ${formatCount(sorted.length - shown.length)} cảnh báo khác (--max-problems 0 để xem tất cả; --format json liệt kê đủ)`);
  return lines.map((l) => `${l}\n`).join('');
}

/** "7 lỗi: 3 xếp loại không rõ, 2 mã bị trùng, …", most frequent first. */
export function summarize(problems: readonly Problem[], noun = 'lỗi'): string {
  const byCode = new Map<ProblemCode, number>();
  for (const p of problems) byCode.set(p.code, (byCode.get(p.code) ?? 0) + 1);
  const parts = [...byCode]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .map(([code, n]) => `${formatCount(n)} ${PROBLEM_CODES[code]}`);
  return `${formatCount(problems.length)} ${noun}: ${parts.join(', ')}`;
}

/** The listing printed once: sorted problems (at most `max`, 0 = all), then the summary line. */
export function listProblems(problems: readonly Problem[], max: number, paint: (p: Problem, line: string) => string = (_p, l) => l): string {
  const sorted = sortProblems(problems);
  const shown = max > 0 ? sorted.slice(0, max) : sorted;
  const lines = shown.map((p) => paint(p, formatProblem(p)));
  if (shown.length < sorted.length) lines.push(`… và ${sorted.length - shown.length} lỗi khác (--max-problems 0 để xem tất cả)`);
  lines.push(summarize(problems));
  return `${lines.join('\n')}\n`;
}
