// Figures + report.json → the report model: exactly what templates see, and the JSON figures.
// The model keeps the contract's JSON fields under their names (year, baseOrganizations.total,
// members.byRating.HTXSNV, …) and adds what prose needs: rated totals, shares, rating names.
import type { Block, Figures, ReasonCount } from './aggregate.js';
import { formatDate, shareNumber } from './format.js';
import type { ReportMeta } from './metadata.js';
import { RATINGS, schemeFor, type RatingCode } from './schemes.js';

export interface RatingLine {
  code: RatingCode;
  /** Full name, capitalized as in documents: "Trong sạch vững mạnh". */
  name: string;
  /** Full name in running text: "trong sạch vững mạnh". */
  label: string;
  short: string;
  count: number;
  /** Share of the rated units of the block, in percent, two decimals at most (half up). */
  share: number;
}

export interface ReasonLine extends ReasonCount {
  /** The reason inside a sentence: first letter lowered ("miễn sinh hoạt"); "không ghi lý do" when blank. */
  text: string;
}

export interface BlockModel extends Block {
  /** Total less UNRANKED and PENDING: the base of every share. */
  rated: number;
  unranked: number;
  pending: number;
  shares: Partial<Record<RatingCode, number>>;
  /** Every rating of the year's scheme, best first. */
  ratings: RatingLine[];
  /** Those with at least one unit, and those with none. */
  present: RatingLine[];
  absent: RatingLine[];
}

export interface ReportModel {
  year: number;
  /** report.json's unit, or null. */
  unit: string | null;
  /** The unit as the subject of a sentence: "huyện Bắc Bình", else "đảng bộ". */
  place: string;
  headline: string;
  publisher: string | null;
  date: string | null;
  issuer: string | null;
  documents: { title: string; number: string; date: string | null; about: string | null }[];
  workingGroups: { count: number; ledBy: string | null } | null;
  sections: { heading: string | null; text: string }[];
  byline: string | null;
  baseOrganizations: BlockModel & { committees: number; cellBases: number };
  cells: BlockModel & { committees: number };
  members: BlockModel & { reasons: { UNRANKED: ReasonLine[]; PENDING: ReasonLine[] } };
  /** Every organization, base and cell, has been rated (none PENDING). */
  allOrgsAssessed: boolean;
}

const ADMIN_PREFIX = /^(huyện|quận|thị xã|thành phố|tỉnh|xã|phường|thị trấn)\s+/iu;

/** "huyện Bắc Bình" → "Bắc Bình", as headlines name a unit. */
export function shortUnit(unit: string): string {
  const s = unit.replace(ADMIN_PREFIX, '');
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function blockModel(year: number, kind: 'org' | 'member', b: Block): BlockModel {
  const unranked = b.byRating.UNRANKED ?? 0;
  const pending = b.byRating.PENDING ?? 0;
  const rated = b.total - unranked - pending;
  const ratings = schemeFor(year)[kind].map((code): RatingLine => {
    const count = b.byRating[code] ?? 0;
    const name = RATINGS[code].name;
    return { code, name, label: name.toLowerCase(), short: RATINGS[code].short, count, share: shareNumber(count, rated) };
  });
  const shares: Partial<Record<RatingCode, number>> = {};
  for (const r of ratings) shares[r.code] = r.share;
  return {
    total: b.total,
    byRating: b.byRating,
    rated,
    unranked,
    pending,
    shares,
    ratings,
    present: ratings.filter((r) => r.count > 0),
    absent: ratings.filter((r) => r.count === 0),
  };
}

/** "Miễn sinh hoạt" → "miễn sinh hoạt"; an acronym ("BHXH …") keeps its case. */
function reasonLine(r: ReasonCount): ReasonLine {
  const t = r.reason.trim();
  if (t === '') return { ...r, text: 'không ghi lý do' };
  const keep = t.length > 1 && t.charAt(1) !== t.charAt(1).toLowerCase();
  return { ...r, text: keep ? t : t.charAt(0).toLowerCase() + t.slice(1) };
}

export function buildModel(f: Figures, meta: ReportMeta): ReportModel {
  const unit = meta.unit ?? null;
  const subject = 'Kết quả đánh giá, xếp loại chất lượng tổ chức cơ sở đảng và đảng viên năm';
  return {
    year: f.year,
    unit,
    place: unit ?? 'đảng bộ',
    headline: unit ? `${shortUnit(unit)}: ${subject} ${f.year}` : `${subject} ${f.year}`,
    publisher: meta.publisher ?? null,
    date: meta.date ? formatDate(meta.date) : null,
    issuer: meta.issuer ?? null,
    documents: (meta.documents ?? []).map((d) => ({ title: d.title, number: d.number, date: d.date ? formatDate(d.date) : null, about: d.about ?? null })),
    workingGroups: meta.workingGroups ? { count: meta.workingGroups.count, ledBy: meta.workingGroups.ledBy ?? null } : null,
    sections: (meta.sections ?? []).map((s) => ({ heading: s.heading ?? null, text: s.text })),
    byline: meta.byline ?? null,
    baseOrganizations: { ...blockModel(f.year, 'org', f.baseOrganizations), committees: f.baseOrganizations.committees, cellBases: f.baseOrganizations.cellBases },
    cells: { ...blockModel(f.year, 'org', f.cells), committees: f.cells.committees },
    members: {
      ...blockModel(f.year, 'member', f.members),
      reasons: { UNRANKED: f.members.reasons.UNRANKED.map(reasonLine), PENDING: f.members.reasons.PENDING.map(reasonLine) },
    },
    allOrgsAssessed: (f.baseOrganizations.byRating.PENDING ?? 0) + (f.cells.byRating.PENDING ?? 0) === 0,
  };
}

/** The figures as `--format json` prints them: the contract's shape first, then our additions. */
export function toJson(f: Figures, meta: ReportMeta): unknown {
  const part = (kind: 'org' | 'member', b: Block, extra: object) => {
    const m = blockModel(f.year, kind, b);
    return { total: b.total, ...extra, byRating: b.byRating, rated: m.rated, shares: m.shares };
  };
  return {
    year: f.year,
    baseOrganizations: part('org', f.baseOrganizations, {
      committees: f.baseOrganizations.committees,
      byKind: { dang_bo_co_so: f.baseOrganizations.committees, chi_bo_co_so: f.baseOrganizations.cellBases },
    }),
    cells: part('org', f.cells, { committees: f.cells.committees }),
    members: { ...part('member', f.members, {}), reasons: f.members.reasons },
    unit: meta.unit ?? null,
  };
}
