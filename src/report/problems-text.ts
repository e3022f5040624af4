// Problems as the user reads them: one a line on stderr (`FILE:LINE: …`, notices and warnings labelled), the
// listing with its summary by kind, and `validate --format json`. The problems themselves, their codes and
// their order are src/problems.ts.
import { PROBLEM_CODES, sortProblems, type Problem, type ProblemCode, type Selection } from '../problems.js';
import { formatCount } from '../format.js';

/** Notices: `FILE: lưu ý: …`. */
export function listNotices(notices: readonly Problem[]): string {
  return notices.map((n) => `${n.file}: lưu ý: ${n.message}\n`).join('');
}

/** One problem on one line: `FILE:LINE: LABELmessage` (`FILE: …` when it concerns the whole file). */
export function formatProblem(p: Problem, label = ''): string {
  return p.line > 0 ? `${p.file}:${p.line}: ${label}${p.message}` : `${p.file}: ${label}${p.message}`;
}

/** Regulation breaches: `FILE:LINE: cảnh báo: …`, one a line (at most `max`, 0 = all). */
export function listWarnings(warnings: readonly Problem[], max = 0, paint: (p: Problem, line: string) => string = (_p, l) => l): string {
  const sorted = sortProblems(warnings);
  const shown = max > 0 ? sorted.slice(0, max) : sorted;
  const lines = shown.map((w) => paint(w, formatProblem(w, 'cảnh báo: ')));
  if (shown.length < sorted.length) lines.push(`… và ${formatCount(sorted.length - shown.length)} cảnh báo khác (--max-problems 0 để xem tất cả; --format json liệt kê đủ)`);
  return lines.map((l) => `${l}\n`).join('');
}

/** "7 lỗi: 3 xếp loại không rõ, 2 mã bị trùng, …", most frequent first. */
function summarize(byCode: ReadonlyMap<ProblemCode, number>, noun = 'lỗi'): string {
  let total = 0;
  for (const n of byCode.values()) total += n;
  const parts = [...byCode]
    .filter(([, n]) => n > 0)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .map(([code, n]) => `${formatCount(n)} ${PROBLEM_CODES[code]}`);
  return `${formatCount(total)} ${noun}: ${parts.join(', ')}`;
}

/** The listing printed once: the problems listed (sorted), how many more there are, then the summary line. */
export function listProblems(selection: Selection, paint: (p: Problem, line: string) => string = (_p, l) => l): string {
  const lines = selection.listed.map((p) => paint(p, formatProblem(p)));
  const more = selection.total - selection.listed.length;
  if (more > 0) lines.push(`… và ${formatCount(more)} lỗi khác (--max-problems 0 để xem tất cả)`);
  lines.push(summarize(selection.byCode));
  return `${lines.join('\n')}\n`;
}

/**
 * `validate --format json`: whether the data is valid, the problems listed (at most --max-problems), the
 * warnings, and how many problems of each kind there are in all. Each problem as a batch job routes it:
 * file, physical line (0: the whole file), column and value when it is about one cell, code, message.
 */
export function problemsJson(failed: Selection | undefined, warnings: readonly Problem[]): string {
  const item = (p: Problem) => ({
    file: p.file,
    line: p.line,
    ...(p.column !== undefined ? { column: p.column } : {}),
    ...(p.value !== undefined ? { value: p.value } : {}),
    code: p.code,
    message: p.message,
  });
  const problems = failed?.listed ?? [];
  const total = failed?.total ?? 0;
  const summary = Object.fromEntries([...(failed?.byCode ?? [])].filter(([, n]) => n > 0).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)));
  const body = {
    valid: !failed,
    problems: problems.map(item),
    ...(total > problems.length ? { omitted: total - problems.length } : {}),
    warnings: sortProblems(warnings).map(item),
    summary,
  };
  return `${JSON.stringify(body, null, 2)}\n`;
}
