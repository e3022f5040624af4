// The columns of each input file, the headers accepted for them, and the mapping of a file's header row
// to column positions (done once per file; rows are then read by index).
import { fold } from '../schemes.js';

export interface ColumnSpec {
  /** The contract's name, used as the key of a row object. */
  key: string;
  /** Other headers accepted (the Vietnamese ones first: it is the one suggested). */
  aliases: readonly string[];
  /** 'always', 'never', or 'cells': needed only when some row is a chi_bo_truc_thuoc. */
  required: 'always' | 'never' | 'cells';
}

export const ORG_COLUMNS = [
  { key: 'id', aliases: ['Mã', 'Mã tổ chức'], required: 'always' },
  { key: 'name', aliases: ['Tên tổ chức', 'Tên'], required: 'always' },
  { key: 'kind', aliases: ['Loại', 'Loại tổ chức', 'Loại hình'], required: 'always' },
  { key: 'parent_id', aliases: ['Mã cấp trên', 'Cấp trên'], required: 'cells' },
  { key: 'year', aliases: ['Năm'], required: 'always' },
  { key: 'rating', aliases: ['Xếp loại', 'Kết quả xếp loại'], required: 'always' },
  { key: 'exemplary', aliases: ['Tiêu biểu'], required: 'never' },
  { key: 'score', aliases: ['Điểm', 'Tổng điểm'], required: 'never' },
  { key: 'disciplined', aliases: ['Kỷ luật', 'Bị kỷ luật', 'Có kỷ luật'], required: 'never' },
] as const satisfies readonly ColumnSpec[];

export const MEMBER_COLUMNS = [
  { key: 'id', aliases: ['Mã đảng viên', 'Mã'], required: 'always' },
  { key: 'name', aliases: ['Họ và tên', 'Họ tên'], required: 'never' },
  { key: 'org_id', aliases: ['Mã chi bộ'], required: 'always' },
  { key: 'year', aliases: ['Năm'], required: 'always' },
  { key: 'rating', aliases: ['Xếp loại', 'Kết quả xếp loại'], required: 'always' },
  { key: 'reason', aliases: ['Lý do'], required: 'never' },
  { key: 'admitted_on', aliases: ['Ngày vào Đảng'], required: 'never' },
  { key: 'score', aliases: ['Điểm', 'Tổng điểm'], required: 'never' },
] as const satisfies readonly ColumnSpec[];

export type OrgKey = (typeof ORG_COLUMNS)[number]['key'];
export type MemberKey = (typeof MEMBER_COLUMNS)[number]['key'];

export type HeaderIssue =
  | { code: 'missing-column'; key: string; alias: string; suggestion?: string }
  | { code: 'duplicate-column'; key: string; first: string; second: string };

export interface HeaderMap<K extends string> {
  /** Position of each known column in the row, or -1 when the file lacks it. */
  index: Record<K, number>;
  /** The header text as written in the file, for messages (the key when the column is absent). */
  label: Record<K, string>;
  issues: HeaderIssue[];
}

type Columns<K extends string = string> = readonly { key: K; aliases: readonly string[]; required: string }[];

/** A column list's names folded, by column; made once a list (folding is slow, and every file's header asks). */
const FOLDED = new WeakMap<Columns, Map<string, string>>();
function foldedNames<K extends string>(columns: Columns<K>): Map<string, K> {
  let byFolded = FOLDED.get(columns);
  if (!byFolded) {
    byFolded = new Map();
    for (const c of columns) for (const h of [c.key, ...c.aliases]) byFolded.set(fold(h), c.key);
    FOLDED.set(columns, byFolded);
  }
  return byFolded as Map<string, K>;
}

/** Maps a header row; a `cells` column is reported missing later, only if a row needs it. */
export function mapHeader<K extends string>(header: readonly string[], columns: Columns<K>): HeaderMap<K> {
  const byFolded = foldedNames(columns);
  const index = {} as Record<K, number>;
  const label = {} as Record<K, string>;
  for (const c of columns) {
    index[c.key] = -1;
    label[c.key] = c.key;
  }
  const issues: HeaderIssue[] = [];
  header.forEach((text, i) => {
    const key = byFolded.get(fold(text));
    if (key === undefined) return;
    if (index[key] >= 0) {
      issues.push({ code: 'duplicate-column', key, first: label[key], second: text.trim() });
      return;
    }
    index[key] = i;
    label[key] = text.trim();
  });
  for (const c of columns) {
    if (c.required !== 'always' || index[c.key] >= 0) continue;
    const suggestion = nearestHeader(c, header, byFolded);
    issues.push({ code: 'missing-column', key: c.key, alias: c.aliases[0] ?? c.key, ...(suggestion ? { suggestion } : {}) });
  }
  return { index, label, issues };
}

/** The header in the file that looks most like one of the column's names (a typo), if any is close. */
function nearestHeader(column: { key: string; aliases: readonly string[] }, header: readonly string[], known: Map<string, string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const text of header) {
    const f = fold(text);
    if (known.has(f) || f === '') continue;
    for (const name of [column.key, ...column.aliases]) {
      const target = fold(name);
      const d = distance(f, target);
      if (d < bestDistance && d <= Math.max(1, Math.floor(target.length / 3))) {
        bestDistance = d;
        best = text.trim();
      }
    }
  }
  return best;
}

/** Levenshtein distance, for short header names only. */
function distance(a: string, b: string): number {
  if (a.length > 64 || b.length > 64) return Infinity;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length]!;
}

/** Lines above the header a file may have (a title, a date, blank lines): past these, the first line is the header. */
export const MAX_TITLE_LINES = 20;

/**
 * Whether a record names none of the file's required columns: a title such as "DANH SÁCH ĐẢNG VIÊN NĂM 2025",
 * a blank line or a line of separators, which Excel users put above the header. Such lines are skipped.
 */
const TITLE_NAMES = new WeakMap<Columns, Set<string>>();
export function isTitleLine(fields: readonly string[], columns: Columns): boolean {
  let names = TITLE_NAMES.get(columns);
  if (!names) TITLE_NAMES.set(columns, (names = new Set(columns.filter((c) => c.required !== 'never').flatMap((c) => [c.key, ...c.aliases].map(fold)))));
  return !fields.some((f) => names.has(fold(f)));
}


/** Whether a line, cut at some delimiter, names a required column of either file: the header, for sniffing. */
export function namesRequiredColumn(fields: readonly string[]): boolean {
  return !isTitleLine(fields, ORG_COLUMNS) || !isTitleLine(fields, MEMBER_COLUMNS);
}
