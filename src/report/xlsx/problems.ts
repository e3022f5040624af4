// `validate --format xlsx`: the problems as a workbook a district can split by unit and send back. One row per
// problem (file, line, column, value, what is wrong, how to fix it), sorted by the unit the row belongs to
// (src/validate/problem-units.ts says how it is found), problems of no unit (a whole file) first; the
// regulation warnings on a second sheet, the same way; a summary by kind on a third.
import { PROBLEM_CODES, type Problem, type Selection } from '../../problems.js';
import { formatCount } from '../../format.js';
import { hintFor } from '../problem-hints.js';
import { sheetOf, workbookBytes, type SheetSpec } from './sheet.js';

/** A problem's unit, as problem-units finds it (undefined: none). */
export type UnitOf = (p: Problem) => { id: string; name: string | null } | undefined;

interface Line {
  no: number;
  p: Problem;
  unit: { id: string; name: string | null } | undefined;
}

/** Ids in a natural order: "CS2" before "CS10". */
function natural(a: string, b: string): number {
  const pa = a.split(/(\d+)/);
  const pb = b.split(/(\d+)/);
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    const x = pa[i]!;
    const y = pb[i]!;
    if (x === y) continue;
    if (i % 2 === 1) return Number(x) - Number(y) || (x < y ? -1 : 1);
    return x < y ? -1 : 1;
  }
  return pa.length - pb.length;
}

/** By unit (none first), then in reading order (the order given: problems arrive sorted). */
function byUnit(problems: readonly Problem[], unitOf: UnitOf): Line[] {
  return problems
    .map((p, i) => ({ p, i, unit: unitOf(p) }))
    .sort((a, b) => (a.unit ? (b.unit ? natural(a.unit.id, b.unit.id) : 1) : b.unit ? -1 : 0) || a.i - b.i)
    .map((x, k) => ({ no: k + 1, p: x.p, unit: x.unit }));
}

function problemSheet(name: string, lines: Line[]): SheetSpec<Line> {
  return {
    name,
    columns: [
      { head: 'STT', value: (l) => l.no, format: 'count' },
      { head: 'Mã đơn vị', value: (l) => l.unit?.id ?? '', format: 'text' },
      { head: 'Tên đơn vị', value: (l) => l.unit?.name ?? '' },
      { head: 'Tệp', value: (l) => l.p.file },
      { head: 'Dòng', value: (l) => (l.p.line > 0 ? l.p.line : null), format: 'count' },
      { head: 'Cột', value: (l) => l.p.column ?? '' },
      { head: 'Giá trị', value: (l) => l.p.value ?? '', format: 'text' },
      { head: 'Lỗi', value: (l) => l.p.message },
      { head: 'Cách sửa', value: (l) => hintFor(l.p.code) },
      { head: 'Mã lỗi', value: (l) => l.p.code },
    ],
    rows: lines,
  };
}

interface SummaryLine {
  code: string;
  words: string;
  count: number;
}

/** The problems as a workbook: the problems by unit, the warnings, the counts by kind (and how many were not listed). */
export async function problemsWorkbook(failed: Selection | undefined, warnings: readonly Problem[], unitOf: UnitOf, year: number): Promise<Uint8Array> {
  const listed = failed?.listed ?? [];
  const byCode = [...(failed?.byCode ?? [])].filter(([, n]) => n > 0).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const summary: SummaryLine[] = byCode.map(([code, count]) => ({ code, words: PROBLEM_CODES[code], count }));
  const omitted = (failed?.total ?? 0) - listed.length;
  if (omitted > 0) summary.push({ code: '', words: `Chưa liệt kê ${formatCount(omitted)} lỗi (chạy lại với --max-problems 0 để liệt kê tất cả)`, count: omitted });
  if (warnings.length > 0) summary.push({ code: '', words: 'Cảnh báo (vi phạm quy định)', count: warnings.length });
  const title = `Lỗi dữ liệu đánh giá, xếp loại năm ${year}`;
  return workbookBytes(title, undefined, [
    sheetOf(problemSheet('Lỗi', byUnit(listed, unitOf))),
    sheetOf(problemSheet('Cảnh báo', byUnit(warnings, unitOf))),
    sheetOf<SummaryLine>({
      name: 'Tóm tắt',
      columns: [
        { head: 'Mã lỗi', value: (s) => s.code },
        { head: 'Loại lỗi', value: (s) => s.words },
        { head: 'Số lượng', value: (s) => s.count, format: 'count' },
      ],
      rows: summary,
    }),
  ]);
}
