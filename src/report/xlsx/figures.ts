// The figures as a workbook a clerk can forward (--format xlsx): the summary (each block by rating, in the
// spirit of the Ban Tổ chức's statistical forms, not an official form), one sheet per level of units
// (../levels.ts), the weak units and the reasons members were not rated. The sheets are one table, SHEETS: a
// sheet is a row with its code. Every figure is a number with its number format.
import type { Figures } from '../../figures/aggregate.js';
import { blockRows, type BlockRow } from '../block-rows.js';
import type { BlockModel } from '../blocks.js';
import { LEVELS, type LevelTable, type UnitRow } from '../levels.js';
import type { Report as FullReport } from '../output.js';
import { buildModel } from '../model.js';
import { sheetOf, workbookBytes, type Sheet, type SheetColumn, type SheetSpec } from './sheet.js';

type Model = ReturnType<typeof buildModel>;

/** What the document is made of: the figures (the compared year's too) and report.json. */
type Report = Pick<FullReport, 'figures' | 'previous' | 'meta'>;

/** A share in percent (25.58) as the fraction a percent format shows (0,2558). */
const fraction = (x: number | null) => (x === null ? null : Math.round(x * 100) / 10000);

interface SummaryRow extends BlockRow {
  block: string;
  before: { count: number; share: number | null } | null;
}

/** A block's rows with what the compared year had (a rating's count and share, the units not rated, the total). */
function summaryRows(name: string, block: BlockModel, previous: { total: number; byRating: Partial<Record<string, number>> } | null, cumulative: boolean, kinds?: Parameters<typeof blockRows>[2]): SummaryRow[] {
  return blockRows(block, cumulative, kinds).map((r) => {
    let before: SummaryRow['before'] = null;
    if (previous) {
      if (r.line?.change) before = { count: r.line.change.before.count, share: r.line.change.before.share };
      else if (r.kind === 'total') before = { count: previous.total, share: null };
      else if (r.kind === 'unranked' || r.kind === 'pending') before = { count: previous.byRating[r.kind === 'unranked' ? 'UNRANKED' : 'PENDING'] ?? 0, share: null };
    }
    return { ...r, block: name, before };
  });
}

function summary(m: Model): SheetSpec<SummaryRow> {
  const p = m.previous;
  const split = m.baseOrganizations.committees > 0 && m.baseOrganizations.cellBases > 0;
  const rows = [
    ...summaryRows(m.single ? 'Tổ chức đảng' : 'Tổ chức cơ sở đảng', m.baseOrganizations, p?.baseOrganizations ?? null, m.year > 2018, split ? m.baseOrganizations.kinds : undefined),
    ...(m.cells.total > 0 ? summaryRows('Chi bộ trực thuộc', m.cells, p?.cells ?? null, m.year > 2018) : []),
    ...summaryRows('Đảng viên', m.members, p?.members ?? null, true),
  ];
  const columns: SheetColumn<SummaryRow>[] = [
    { head: 'Khối', value: (r) => r.block },
    { head: 'Xếp loại', value: (r) => r.label },
    { head: 'Số lượng', value: (r) => r.count, format: 'count' },
    { head: 'Tỷ lệ (trên số đã xếp loại)', value: (r) => fraction(r.share), format: 'share' },
    { head: 'Tỷ lệ trên tổng số', value: (r) => fraction(r.shareOfTotal), format: 'share' },
  ];
  if (split) {
    columns.push({ head: 'Đảng bộ cơ sở', value: (r) => r.byKind?.dang_bo_co_so ?? null, format: 'count' });
    columns.push({ head: 'Chi bộ cơ sở', value: (r) => r.byKind?.chi_bo_co_so ?? null, format: 'count' });
  }
  if (p) {
    columns.push({ head: `Năm ${p.year}: số lượng`, value: (r) => r.before?.count ?? null, format: 'count' });
    columns.push({ head: `Năm ${p.year}: tỷ lệ`, value: (r) => fraction(r.before?.share ?? null), format: 'share' });
  }
  return { name: 'Tổng hợp', columns, rows };
}

/** A level's units: each with its own rating, its cells and members by rating (grouped headings). */
function level(t: LevelTable): SheetSpec<UnitRow & { no: number }> {
  const columns: SheetColumn<UnitRow & { no: number }>[] = [
    { head: 'STT', value: (u) => u.no, format: 'count' },
    { head: 'Mã', value: (u) => u.id, format: 'text' },
    { head: t.code === 'cells' ? 'Chi bộ' : 'Tổ chức', value: (u) => u.name },
    t.code === 'cells' ? { head: 'Trực thuộc', value: (u) => u.parent ?? '' } : { head: 'Loại', value: (u) => u.kindName },
    { head: 'Xếp loại', value: (u) => u.ratingName },
  ];
  if (t.cellCodes) {
    const group = 'Chi bộ trực thuộc';
    columns.push({ head: 'Tổng số', group, value: (u) => u.cells?.total ?? 0, format: 'count' });
    t.cellCodes.forEach((c, i) => columns.push({ head: c.short, group, value: (u) => u.cells?.counts[i] ?? 0, format: 'count' }));
  }
  const group = 'Đảng viên';
  columns.push({ head: 'Tổng số', group, value: (u) => u.members.total, format: 'count' });
  t.memberCodes.forEach((c, i) => columns.push({ head: c.short, group, value: (u) => u.members.counts[i] ?? 0, format: 'count' }));
  return { name: t.name, columns, rows: t.rows.map((u, i) => ({ ...u, no: i + 1 })) };
}

interface WeakLine {
  no: number;
  name: string;
  kindName: string;
  under: string;
  rating: string;
}

function weak(m: Model): SheetSpec<WeakLine> {
  const rows = [
    ...m.weak.selves.map((g) => ({ name: g.name, kindName: g.kindName, under: m.unitParty ?? '', rating: g.ratingLabel })),
    ...m.weak.withCells.flatMap((g) => g.cells.map((c) => ({ name: c.name, kindName: 'Chi bộ trực thuộc', under: g.name, rating: c.ratingLabel }))),
  ].map((r, i) => ({ ...r, no: i + 1 }));
  return {
    name: m.weak.label.charAt(0).toUpperCase() + m.weak.label.slice(1),
    columns: [
      { head: 'STT', value: (r) => r.no, format: 'count' },
      { head: 'Tổ chức đảng', value: (r) => r.name },
      { head: 'Loại', value: (r) => r.kindName },
      { head: 'Trực thuộc', value: (r) => r.under },
      { head: 'Xếp loại', value: (r) => r.rating },
    ],
    rows,
  };
}

interface ReasonLine {
  status: string;
  reason: string;
  count: number;
}

function reasons(f: Figures): SheetSpec<ReasonLine> {
  const rows = (['UNRANKED', 'PENDING'] as const).flatMap((code) =>
    f.members.reasons[code].map((r) => ({ status: code === 'UNRANKED' ? 'Không xếp loại' : 'Chưa xếp loại', reason: r.other ? 'Các lý do khác' : r.reason.trim() === '' ? '(không ghi lý do)' : r.reason, count: r.count })),
  );
  return {
    name: 'Lý do không, chưa xếp loại',
    columns: [
      { head: 'Tình trạng', value: (r) => r.status },
      { head: 'Lý do', value: (r) => r.reason },
      { head: 'Số đảng viên', value: (r) => r.count, format: 'count' },
    ],
    rows,
  };
}

/** The sheets, in order: a sheet is a row and its code; `sheet` returns null when it has nothing to hold. */
export const SHEETS: readonly { code: string; sheet: (m: Model, f: Figures) => Sheet | null }[] = [
  { code: 'summary', sheet: (m) => sheetOf(summary(m)) },
  ...LEVELS.map((l) => ({
    code: l.code,
    sheet: (_m: Model, f: Figures) => {
      const t = l.table(f);
      return t.rows.length > 0 ? sheetOf(level(t)) : null;
    },
  })),
  { code: 'weak', sheet: (m) => sheetOf(weak(m)) },
  { code: 'reasons', sheet: (_m, f) => sheetOf(reasons(f)) },
];

/** The workbook's bytes. */
export async function figuresWorkbook(report: Report): Promise<Uint8Array> {
  const m = buildModel(report.figures, report.meta, report.previous);
  const title = `Kết quả đánh giá, xếp loại chất lượng tổ chức đảng và đảng viên năm ${m.year}${m.unitParty ? ` - ${m.unitParty}` : ''}`;
  const sheets = SHEETS.map((s) => s.sheet(m, report.figures)).filter((s): s is Sheet => s !== null);
  return workbookBytes(title, report.meta.date, sheets);
}
