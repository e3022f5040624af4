// A block's distribution as the rows of a table: each rating listed, the units not rated, the total and the
// cumulative "… trở lên". The same rows the md table prints (templates/md/table.hbs), here as data, for the
// Word document's tables (./docx/tables.ts) and the workbook's summary (./xlsx/figures.ts).
import type { BaseKind, Block } from '../figures/aggregate.js';
import type { BlockModel, RatingLine } from './blocks.js';

export interface BlockRow {
  kind: 'rating' | 'unranked' | 'pending' | 'total' | 'cumulative';
  /** As a table's first column reads: "Hoàn thành tốt nhiệm vụ", "Không xếp loại", "Tổng số". */
  label: string;
  count: number;
  /** Share of the rated units, in percent; null where it has none (the units not rated, the total). */
  share: number | null;
  /** Share of all the units of the block, in percent. */
  shareOfTotal: number;
  /** The rating's line (its change against the compared year), for a rating row. */
  line: RatingLine | null;
  /** Base organizations only: how many of `count` are đảng bộ cơ sở and chi bộ cơ sở. */
  byKind: Record<BaseKind, number> | null;
}

/** The rows of a block; `kinds` splits each row by kind of base organization; `cumulative` adds "… trở lên" when it says something new. */
export function blockRows(block: BlockModel, cumulative: boolean, kinds?: Record<BaseKind, Block>): BlockRow[] {
  const split = (pick: (b: Block) => number) => (kinds ? { dang_bo_co_so: pick(kinds.dang_bo_co_so), chi_bo_co_so: pick(kinds.chi_bo_co_so) } : null);
  const rows: BlockRow[] = block.listed.map((r) => ({ kind: 'rating', label: r.name, count: r.count, share: r.share, shareOfTotal: r.shareOfTotal, line: r, byKind: split((b) => b.byRating[r.code] ?? 0) }));
  const special = (kind: 'unranked' | 'pending', code: 'UNRANKED' | 'PENDING', label: string, count: number) => {
    if (count > 0) rows.push({ kind, label, count, share: null, shareOfTotal: block.sharesOfTotal[code] ?? 0, line: null, byKind: split((b) => b.byRating[code] ?? 0) });
  };
  special('unranked', 'UNRANKED', 'Không xếp loại', block.unranked);
  special('pending', 'PENDING', 'Chưa xếp loại', block.pending);
  rows.push({ kind: 'total', label: 'Tổng số', count: block.total, share: null, shareOfTotal: block.total > 0 ? 100 : 0, line: null, byKind: split((b) => b.total) });
  const g = block.goodOrBetter;
  if (cumulative && g.within.count > 0 && g.count > g.within.count) {
    const label = g.label.charAt(0).toUpperCase() + g.label.slice(1);
    rows.push({ kind: 'cumulative', label, count: g.count, share: g.share, shareOfTotal: g.shareOfTotal, line: null, byKind: null });
  }
  return rows;
}
