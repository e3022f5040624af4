// Problems are values: collected over the whole input, sorted by file and line, printed once.
// This file owns their codes (and the words of each kind), their order and the bounded list of a run
// (ProblemList); how they are printed, listed or as JSON, is src/report/problems-text.ts.

export const PROBLEM_CODES = {
  'no-header': 'tệp không có dòng tiêu đề',
  'missing-column': 'thiếu cột bắt buộc',
  'duplicate-column': 'cột bị lặp',
  'field-count': 'số ô không khớp với tiêu đề',
  'unclosed-quote': 'dấu ngoặc kép không được đóng',
  'text-after-quote': 'ký tự thừa sau dấu ngoặc kép',
  'record-too-long': 'dòng dài bất thường',
  'bad-encoding': 'ký tự không đọc được',
  'excel-error': 'ô có lỗi công thức của Excel',
  'bad-year': 'năm không hợp lệ',
  'empty-cell': 'ô bắt buộc bị trống',
  'unknown-kind': 'loại tổ chức không rõ',
  'unknown-rating': 'xếp loại không rõ',
  'rating-scheme': 'xếp loại không thuộc thang của năm',
  'bad-flag': 'ô đánh dấu không đọc được',
  'exemplary-rating': 'đánh dấu tiêu biểu cho tổ chức không đạt mức cao nhất',
  'bad-date': 'ngày không hợp lệ',
  'future-date': 'ngày vào Đảng sau năm đánh giá',
  'bad-score': 'điểm không hợp lệ',
  'score-band': 'xếp loại cao hơn mức điểm cho phép',
  'duplicate-id': 'mã bị trùng',
  'unknown-org': 'chi bộ không có trong danh sách',
  'not-a-cell': 'đảng viên gắn với tổ chức không phải chi bộ',
  'bad-parent': 'cấp trên không hợp lệ',
  'missing-parent': 'chi bộ trực thuộc thiếu cấp trên',
  'base-with-parent': 'tổ chức cơ sở ghi cấp trên',
  'no-rows': 'không có dữ liệu của năm',
  'bad-metadata': 'report.json không hợp lệ',
  'bad-figures': 'figures.json không hợp lệ',
  'unit-files': 'thư mục của đơn vị thiếu dữ liệu',
  'unit-upper': 'đảng bộ cấp trên cơ sở trong thư mục của một đơn vị',
  'unit-rating': 'xếp loại của đơn vị không hợp lệ',
  'not-csv': 'tệp không phải CSV đọc được',
  'not-xlsx': 'tệp không phải sổ làm việc Excel đọc được',
  'notice-encoding': 'tệp đã được chuyển bảng mã',
  'notice-sheet': 'trang tính được đọc',
  'notice-title-rows': 'bỏ qua các dòng phía trên dòng tên cột',
  'rule-excellent-quota': 'số hoàn thành xuất sắc nhiệm vụ vượt 20% số hoàn thành tốt nhiệm vụ',
  'rule-excellent-quota-max': 'số hoàn thành xuất sắc nhiệm vụ vượt cả mức 25%',
  'rule-excellent-org': 'tổ chức xuất sắc chưa đủ điều kiện',
  'rule-weak-share': 'đơn vị lẽ ra phải xếp loại yếu kém',
  'rule-excellent-disciplined': 'tổ chức xuất sắc có kỷ luật',
  'rule-not-rated-reason': 'lý do không xếp loại không còn áp dụng từ năm 2025',
  'rule-newly-admitted': 'đảng viên mới và thời hạn 6 tháng',
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
const isNotice = (p: Problem): boolean => p.code.startsWith('notice-');
/** Warnings (a rule of the regulations breached) are kept apart too: they fail a run only under --strict. */
export const isWarning = (p: { code: ProblemCode }): boolean => p.code.startsWith('rule-');

/**
 * Characters a reader cannot see or tell from a space: controls, format characters (zero-width spaces and
 * joiners, the byte-order mark, direction marks) and spaces other than the plain one. Shown as \\uXXXX.
 */
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\u115f\u1160\u3164\uffa0]/gu;

/** Quotes a cell for a message: short, one line, its invisible characters shown. */
export function quote(value: string): string {
  const shown = value.length > 60 ? `${value.slice(0, 57)}…` : value;
  // JSON.stringify escapes controls and quotes; the other invisible characters are shown the same way.
  return JSON.stringify(shown).replace(INVISIBLE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

const CODE_ORDER = new Map(Object.keys(PROBLEM_CODES).map((c, i) => [c, i]));

/** Reading order: by file, then line, then kind (in PROBLEM_CODES' order: a row's cells before its duplicate id, before its cell reference). */
function compare(a: Problem, b: Problem): number {
  return a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || CODE_ORDER.get(a.code)! - CODE_ORDER.get(b.code)!;
}

/**
 * Problems in reading order: by file, then line, then kind, then as found. Independent of which path
 * found them first.
 */
export function sortProblems(problems: readonly Problem[]): Problem[] {
  return problems
    .map((p, i) => ({ p, i }))
    .sort((a, b) => compare(a.p, b.p) || a.i - b.i)
    .map((x) => x.p);
}

/** Where the checkers put problems: a list (in tests) or a ProblemList. */
export interface ProblemSink {
  push(problem: Problem): void;
}

/** The year a problem belongs to, as ProblemList keeps them apart: a number, or 'all' for every year. */
type YearKey = number | 'all';
const keyOf = (p: Problem): YearKey => p.year ?? 'all';

/** What one year's (or every year's) problems are, in a form that crosses threads: kept problems, and counts by code. */
export interface ProblemData {
  max: number;
  /** counts: by file and kind, keyed "code\tfile". */
  years: { key: YearKey; kept: Problem[]; counts: [string, number][] }[];
  notices: Problem[];
  /** The warnings found row by row, kept the same way. */
  warnings?: ProblemData;
}

/** A choice of problems: those to list (in reading order), how many there are in all, and by kind. */
export interface Selection {
  listed: Problem[];
  total: number;
  byCode: Map<ProblemCode, number>;
}

/**
 * Every problem of a run, counted; only those that can be listed are kept. For each year (and for the
 * problems of every year) the first `max` in reading order are kept in a bounded heap, so memory does not grow
 * with the number of problems (`max` 0 keeps them all). Notices are kept apart: they do not fail a run.
 */
export class ProblemList implements ProblemSink {
  /** For each year: the problems kept, and how many there are by kind and file (keyed "code\tfile"). */
  private readonly years = new Map<YearKey, { heap: Kept[]; counts: Map<string, number> }>();
  private readonly noticeList: Problem[] = [];
  /** The warnings found row by row (a breach on one row), bounded the same way; made when first needed. */
  private warningList: ProblemList | undefined;
  /** The order problems came in: the last key of reading order (two cells of one row keep their order). */
  private seq = 0;

  /** `warnings`: this is a run's list of warnings (they are kept here, not routed apart again). */
  constructor(readonly max: number, private readonly ofWarnings = false) {}

  push(problem: Problem): void {
    if (isNotice(problem)) {
      this.noticeList.push(problem);
      return;
    }
    if (!this.ofWarnings && isWarning(problem)) {
      this.warnings.push(problem);
      return;
    }
    const y = this.year(keyOf(problem));
    const k = `${problem.code}\t${problem.file}`;
    y.counts.set(k, (y.counts.get(k) ?? 0) + 1);
    keep(y.heap, { p: problem, seq: this.seq++ }, this.max);
  }

  private year(key: YearKey) {
    let y = this.years.get(key);
    if (!y) this.years.set(key, (y = { heap: [], counts: new Map() }));
    return y;
  }

  /** The warnings found row by row. */
  get warnings(): ProblemList {
    return (this.warningList ??= new ProblemList(this.max, true));
  }

  get notices(): readonly Problem[] {
    return this.noticeList;
  }

  /** How many problems there are (notices aside), of the years `which` accepts ('all' is every year's). */
  total(which: (key: YearKey) => boolean = () => true): number {
    let n = 0;
    for (const [key, y] of this.years) if (which(key)) for (const c of y.counts.values()) n += c;
    return n;
  }

  /** The problems of the years `which` accepts: at most `max` listed, in reading order, and the counts of all. */
  select(which: (key: YearKey) => boolean = () => true): Selection {
    const kept: Kept[] = [];
    const byCode = new Map<ProblemCode, number>();
    let total = 0;
    for (const [key, y] of this.years) {
      if (!which(key)) continue;
      kept.push(...y.heap); // (each heap holds at most max)
      for (const [k, n] of y.counts) {
        const code = k.slice(0, k.indexOf('\t')) as ProblemCode;
        byCode.set(code, (byCode.get(code) ?? 0) + n);
        total += n;
      }
    }
    const sorted = kept.sort(later).map((x) => x.p);
    return { listed: this.max > 0 ? sorted.slice(0, this.max) : sorted, total, byCode };
  }

  /**
   * Takes out the problems of one kind in one file (of every year): how many there were, and the first one
   * kept. For a fault that is better said once than on every line.
   */
  take(file: string, code: ProblemCode): { count: number; first: Problem | undefined } {
    let count = 0;
    let first: Kept | undefined;
    const k = `${code}\t${file}`;
    const taken = (x: Kept) => x.p.file === file && x.p.code === code;
    for (const y of this.years.values()) {
      count += y.counts.get(k) ?? 0;
      y.counts.delete(k);
      const mine = y.heap.filter(taken);
      if (mine.length === 0) continue;
      for (const x of mine) if (!first || later(x, first) < 0) first = x;
      const rest = y.heap.filter((x) => !taken(x));
      y.heap.length = 0;
      for (const x of rest) keep(y.heap, x, this.max);
    }
    return { count, first: first?.p };
  }

  /** Adds another list's problems (a thread's, a stage's): kept ones are offered again in their order, counts added. */
  absorb(other: ProblemList | ProblemData): void {
    const data = other instanceof ProblemList ? other.data() : other;
    for (const n of data.notices) this.noticeList.push(n);
    if (data.warnings) this.warnings.absorb(data.warnings);
    for (const { key, kept, counts } of data.years) {
      const y = this.year(key);
      for (const [code, n] of counts) y.counts.set(code, (y.counts.get(code) ?? 0) + n);
      for (const p of kept) keep(y.heap, { p, seq: this.seq++ }, this.max);
    }
  }

  /** Forgets every problem (a checker's header problems, said elsewhere). */
  clear(): void {
    this.years.clear();
    this.noticeList.length = 0;
    this.warningList = undefined;
  }

  /** Plain data, to send to another thread: each year's kept problems in the order they came. */
  data(): ProblemData {
    return {
      max: this.max,
      notices: [...this.noticeList],
      ...(this.warningList ? { warnings: this.warningList.data() } : {}),
      years: [...this.years].map(([key, y]) => ({ key, kept: [...y.heap].sort((a, b) => a.seq - b.seq).map((x) => x.p), counts: [...y.counts] })),
    };
  }
}

/** A problem kept, with the order it came in. */
interface Kept {
  p: Problem;
  seq: number;
}

/** Reading order, then the order problems came in. */
const later = (a: Kept, b: Kept): number => compare(a.p, b.p) || a.seq - b.seq;

/**
 * Adds `x` to `heap`, a max-heap in reading order holding at most `max` problems (0: no limit): the latest
 * problem is at the root, and gives way to an earlier one when the heap is full.
 */
function keep(heap: Kept[], x: Kept, max: number): void {
  if (max > 0 && heap.length >= max) {
    if (later(x, heap[0]!) >= 0) return;
    heap[0] = x;
    siftDown(heap, 0);
    return;
  }
  heap.push(x);
  for (let i = heap.length - 1; i > 0; ) {
    const parent = (i - 1) >> 1;
    if (later(heap[i]!, heap[parent]!) <= 0) break;
    [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
    i = parent;
  }
}

function siftDown(heap: Kept[], i: number): void {
  for (;;) {
    const l = 2 * i + 1;
    const r = l + 1;
    let top = i;
    if (l < heap.length && later(heap[l]!, heap[top]!) > 0) top = l;
    if (r < heap.length && later(heap[r]!, heap[top]!) > 0) top = r;
    if (top === i) return;
    [heap[i], heap[top]] = [heap[top]!, heap[i]!];
    i = top;
  }
}
