// Figures + report.json → the report model: exactly what templates see (documented field by field in
// the README). The model keeps the contract's JSON fields under their names (year,
// baseOrganizations.total, members.byRating.HTXSNV, …) and adds what prose needs: rated totals,
// shares, rating names, changes against the compared year, the weak units, the appendix. The JSON
// report (--format json) is ./json-report.ts; it shares blockModel's shares and weakGroups.
import { BASE_KINDS, eachUnit, unitAt, type BaseKind, type Block, type Figures, type ReasonCount, type UnitFigures } from '../figures/aggregate.js';
import { formatDate, formatHundredths, shareBasisPoints } from '../format.js';
import type { ReportMeta } from './metadata.js';
import { eraFor, exemplaryRating, KINDS, RATINGS, schemeFor, wordsFor, type OrgKind, type RatingCode } from '../schemes.js';

/** A change against the compared year: which way, and by how much (always ≥ 0). */
interface Delta {
  word: 'tăng' | 'giảm' | 'không đổi';
  /** The same way as a change from → to reads it: "từ 14 xuống 12". */
  to: 'lên' | 'xuống' | 'không đổi';
  amount: number;
}

interface RatingLine {
  code: RatingCode;
  /** Full name in the words of the year's era, capitalized as in documents: "Trong sạch vững mạnh"; up to 2013 a member's "Đủ tư cách, hoàn thành tốt nhiệm vụ". */
  name: string;
  /** Full name in running text, in the era's words: "trong sạch vững mạnh", "vi phạm tư cách hoặc không hoàn thành nhiệm vụ". */
  label: string;
  short: string;
  /** The rating as a predicate, after "22 tổ chức" or "số tổ chức": "đạt trong sạch vững mạnh", "xếp loại yếu kém", "hoàn thành tốt nhiệm vụ". */
  phrase: string;
  count: number;
  /** Share of the rated units of the block, in percent, two decimals at most (half up). */
  share: number;
  /** Share of all the units of the block (rated or not), the same way: "19/2.645 (0,72%)". */
  shareOfTotal: number;
  /** The era's reports name this rating only when some unit has it (HTNV_HC before 2018): a zero is not printed. */
  seldom: boolean;
  /** In baseOrganizations: how many of `count` are đảng bộ cơ sở and chi bộ cơ sở ("8 tổ chức (1 đảng bộ, 7 chi bộ cơ sở)"); else null. */
  byKind: Record<BaseKind, number> | null;
  /**
   * Against the compared year, when it had this rating too and both years have rated units in the block:
   * count, and share in percentage points; that year's count and share; and whether count and share moved
   * opposite ways (the count fell while the share rose, or the reverse).
   */
  change: { count: Delta; points: Delta & { text: string }; before: { count: number; share: number }; opposite: boolean } | null;
}

/** "Hoàn thành tốt nhiệm vụ trở lên": the scheme's goodOrBetter ratings together, its best said "trong đó". */
interface Cumulative {
  /** The ratings counted, best first: HTXSNV, HTTNV (before 2018 for organizations TSVM, HTTNV). */
  codes: RatingCode[];
  /** In running text, the era's words: "hoàn thành tốt nhiệm vụ trở lên". */
  label: string;
  count: number;
  /** Of the rated units, and of all the units of the block, in percent. */
  share: number;
  shareOfTotal: number;
  /** The best of them ("trong đó 135 đảng viên hoàn thành xuất sắc nhiệm vụ"): its code, words, count and shares. */
  within: { code: RatingCode; name: string; label: string; count: number; share: number; shareOfTotal: number };
}

export interface BlockModel extends Block {
  /** Total less UNRANKED and PENDING: the base of every share. */
  rated: number;
  unranked: number;
  pending: number;
  shares: Partial<Record<RatingCode, number>>;
  /** Every code of byRating (UNRANKED and PENDING too) as a share of the total, in percent. */
  sharesOfTotal: Partial<Record<RatingCode, number>>;
  /** How many units were rated of how many: "543/545 chi bộ (99,6%)"; share = rated / total in percent (0 when total is 0). */
  coverage: { rated: number; total: number; share: number };
  /** "Hoàn thành tốt nhiệm vụ trở lên". */
  goodOrBetter: Cumulative;
  /** Every rating of the year's scheme, best first; those with at least one unit; those with none. */
  ratings: RatingLine[];
  present: RatingLine[];
  /** Of those with none, the ones a report states ("không có tổ chức nào xếp loại yếu kém"): not the era's `seldom` ones. */
  absent: RatingLine[];
  /** The ratings a table lists: present, or absent and stated. */
  listed: RatingLine[];
  /** The block's total against the compared year, or null; the ratings both years have; those that changed. */
  totalChange: Delta | null;
  compared: RatingLine[];
  changed: RatingLine[];
  /** The compared year's PENDING and rated units in the block (0 without a comparison). */
  pendingBefore: number;
  ratedBefore: number;
  /**
   * The changes must be worded from → to, each year's count and share side by side, with the base of the
   * shares said: either year has PENDING units in the block (its figures are not final), or some rating's
   * count and share moved opposite ways. "Giảm 2 tổ chức (tăng 16,67 điểm phần trăm)" would read as a
   * contradiction. False without a comparison.
   */
  fromTo: boolean;
}

interface ReasonLine extends ReasonCount {
  /** The reason inside a sentence: first letter lowered ("miễn sinh hoạt"). */
  text: string;
  /** An exemption ("miễn đánh giá"), which reads "1.388 đảng viên được miễn đánh giá". */
  exempt: boolean;
}

interface UnitLine {
  no: number;
  id: string;
  name: string;
  kind: OrgKind;
  kindName: string;
  /** The rating code: print it with {{ratingName rating}} or {{ratingShort rating}}. */
  rating: RatingCode;
  cells: Block & { counts: number[] };
  members: Block & { counts: number[] };
}

interface WeakGroup {
  name: string;
  kindName: string;
  /** The base organization is itself rated weak. */
  self: boolean;
  ratingLabel: string;
  cells: { name: string; ratingLabel: string }[];
}

/**
 * The units marked tiêu biểu (organizations' optional `exemplary` column), all within one rating (`code`: TSVM up
 * to 2017, "trong sạch vững mạnh tiêu biểu"; HTXSNV from 2018, its "trong sạch, vững mạnh" title).
 */
export interface Exemplary {
  code: RatingCode;
  /** In running text: "trong sạch vững mạnh tiêu biểu", "trong sạch, vững mạnh". */
  label: string;
  count: number;
  /** Share of the block's rated units, and of the units rated `code` (in percent). */
  share: number;
  shareOfRating: number;
  /** How many units are rated `code`. */
  ofRating: number;
}

/** The block's exemplary units, or null when the file has no `exemplary` column. */
export function exemplaryModel(year: number, b: Block & { exemplary: number | null }): Exemplary | null {
  if (b.exemplary === null) return null;
  const code = exemplaryRating(year);
  const rated = b.total - (b.byRating.UNRANKED ?? 0) - (b.byRating.PENDING ?? 0);
  const ofRating = b.byRating[code] ?? 0;
  const label = code === 'TSVM' ? `${wordsFor(year, 'org', code).label} tiêu biểu` : 'trong sạch, vững mạnh';
  return { code, label, count: b.exemplary, share: shareBasisPoints(b.exemplary, rated) / 100, shareOfRating: shareBasisPoints(b.exemplary, ofRating) / 100, ofRating };
}

/** Members admitted in the year (optional `admitted_on` column), or null without it. */
export interface Admitted {
  count: number;
  /** Share of all members of the block, in percent. */
  shareOfTotal: number;
}

export function admittedModel(m: Block & { admitted: number | null }): Admitted | null {
  return m.admitted === null ? null : { count: m.admitted, shareOfTotal: shareBasisPoints(m.admitted, m.total) / 100 };
}

interface ReportModel {
  year: number;
  /** report.json's unit, or null. */
  unit: string | null;
  /** The unit as the subject of a sentence: "huyện Bắc Bình", else "đảng bộ". */
  place: string;
  /** The unit's party committee: "Đảng bộ huyện Bắc Bình" (unchanged when the unit already is one). */
  unitParty: string | null;
  /** A province or a centrally run city: its base organizations sit under district-level committees. */
  province: boolean;
  headline: string;
  publisher: string | null;
  date: string | null;
  issuer: string | null;
  /** `decision`: a Quyết định, announced ("đã ban hành"), never carried out; the others are plans and guidance. */
  documents: { title: string; number: string; date: string | null; about: string | null; decision: boolean }[];
  /** How many documents are plans or guidance (not decisions): the review carried them out. */
  plans: number;
  workingGroups: { count: number; ledBy: string | null } | null;
  sections: { heading: string | null; text: string }[];
  byline: string | null;
  /** kinds: the block of each kind of base organization (the byKind of each rating line counts the same). */
  /** exemplary: the units marked tiêu biểu, null without the column. */
  baseOrganizations: BlockModel & { committees: number; cellBases: number; kinds: Record<BaseKind, Block>; exemplary: Exemplary | null };
  cells: BlockModel & { committees: number; exemplary: Exemplary | null };
  /** reasons: those given, most frequent first (a blank reason is none); unstated: the members without one; admitted: admitted in the year, null without the column. */
  members: BlockModel & { reasons: { UNRANKED: ReasonLine[]; PENDING: ReasonLine[] }; unstated: { UNRANKED: number; PENDING: number }; admitted: Admitted | null };
  /** Every organization, base and cell, has been rated (none PENDING). */
  allOrgsAssessed: boolean;
  /** When the unit is a single base organization reporting on its own cells and members. */
  single: { name: string; kindName: string; label: string; rating: RatingCode; rated: boolean } | null;
  /** The compared year, or null. */
  previous: { year: number; baseOrganizations: Block; cells: Block; members: Block } | null;
  /** Base organizations rated weak or with weak cells, each with its weak cells. */
  weak: { label: string; base: number; cells: number; total: number; groups: WeakGroup[]; selves: WeakGroup[]; withCells: WeakGroup[] };
  /** Column heads of the appendix: the year's rating codes for organizations and members. */
  codes: { org: { code: RatingCode; short: string; name: string }[]; member: { code: RatingCode; short: string; name: string }[] };
  /** The appendix: one line per base organization. */
  units: UnitLine[];
}

const ADMIN_PREFIX = /^(huyện|quận|thị xã|thành phố|tỉnh|xã|phường|thị trấn)\s+/iu;
const PARTY_PREFIX = /^(đảng bộ|đảng ủy|đảng uỷ|chi bộ)\s/iu;
/** A province, or a city run by the centre: "tỉnh Nghệ An", "Đảng bộ tỉnh …", "thành phố Hà Nội". */
const PROVINCE = /^((đảng bộ|đảng ủy|đảng uỷ)\s+)?(tỉnh\s|thành phố\s+(hà nội|hồ chí minh|hải phòng|đà nẵng|cần thơ|huế)$)/iu;
/** A decision (Quyết định) is announced; plans, guidance and instructions are carried out. */
const isDecision = (title: string) => /^quyết định/iu.test(title.trim());

/** "huyện Bắc Bình" → "Bắc Bình", as headlines name a unit. */
export function shortUnit(unit: string): string {
  const s = unit.replace(ADMIN_PREFIX, '');
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function delta(now: number, before: number): Delta {
  const [word, to] = now > before ? (['tăng', 'lên'] as const) : now < before ? (['giảm', 'xuống'] as const) : (['không đổi', 'không đổi'] as const);
  return { word, to, amount: Math.abs(now - before) };
}

const codesOf = (year: number, kind: 'org' | 'member') => [...schemeFor(year)[kind], 'UNRANKED', 'PENDING'] as RatingCode[];

/** A block's model; `kinds` (base organizations only) splits each rating by kind of base organization. */
export function blockModel(year: number, kind: 'org' | 'member', b: Block, before: Block | undefined, kinds?: Record<BaseKind, Block>): BlockModel {
  const unranked = b.byRating.UNRANKED ?? 0;
  const pending = b.byRating.PENDING ?? 0;
  const rated = b.total - unranked - pending;
  const pendingBefore = before?.byRating.PENDING ?? 0;
  const ratedBefore = before ? before.total - (before.byRating.UNRANKED ?? 0) - pendingBefore : 0;
  const ratings = schemeFor(year)[kind].map((code): RatingLine => {
    const count = b.byRating[code] ?? 0;
    const { name, label } = wordsFor(year, kind, code);
    const was = before?.byRating[code];
    let change: RatingLine['change'] = null;
    // A year with no rated unit in the block has no shares: "0%" of nothing is not a figure to compare.
    if (was !== undefined && rated > 0 && ratedBefore > 0) {
      const share = shareBasisPoints(count, rated);
      const shareBefore = shareBasisPoints(was, ratedBefore);
      const points = delta(share, shareBefore);
      const countDelta = delta(count, was);
      change = {
        count: countDelta,
        points: { ...points, text: formatHundredths(points.amount) },
        before: { count: was, share: shareBefore / 100 },
        opposite: countDelta.amount > 0 && points.amount > 0 && countDelta.word !== points.word,
      };
    }
    return {
      code,
      name,
      label,
      short: RATINGS[code].short,
      phrase: code === 'TSVM' ? `đạt ${label}` : code === 'YEU' ? `xếp loại ${label}` : label,
      count,
      share: shareBasisPoints(count, rated) / 100,
      shareOfTotal: shareBasisPoints(count, b.total) / 100,
      seldom: eraFor(year).seldom[kind].includes(code),
      byKind: kinds ? (Object.fromEntries(BASE_KINDS.map((k) => [k, kinds[k].byRating[code] ?? 0])) as Record<BaseKind, number>) : null,
      change,
    };
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
    ...totalShares(year, kind, b, rated),
    ratings,
    present: ratings.filter((r) => r.count > 0),
    absent: ratings.filter((r) => r.count === 0 && !r.seldom),
    listed: ratings.filter((r) => r.count > 0 || !r.seldom),
    totalChange: before ? delta(b.total, before.total) : null,
    compared: ratings.filter((r) => r.change !== null),
    changed: ratings.filter((r) => r.change !== null && (r.change.count.amount > 0 || r.change.points.amount > 0)),
    pendingBefore,
    ratedBefore,
    fromTo: before !== undefined && (pending > 0 || pendingBefore > 0 || ratings.some((r) => r.change?.opposite === true)),
  };
}

/** A block's shares of its total, its coverage and its "hoàn thành tốt nhiệm vụ trở lên". */
function totalShares(year: number, kind: 'org' | 'member', b: Block, rated: number): Pick<BlockModel, 'sharesOfTotal' | 'coverage' | 'goodOrBetter'> {
  const ofTotal = (n: number) => shareBasisPoints(n, b.total) / 100;
  const sharesOfTotal: Partial<Record<RatingCode, number>> = {};
  for (const code of Object.keys(b.byRating) as RatingCode[]) sharesOfTotal[code] = ofTotal(b.byRating[code] ?? 0);
  const codes = [...schemeFor(year).goodOrBetter[kind]];
  const count = codes.reduce((n, c) => n + (b.byRating[c] ?? 0), 0);
  const best = codes[0]!;
  const bestCount = b.byRating[best] ?? 0;
  return {
    sharesOfTotal,
    coverage: { rated, total: b.total, share: ofTotal(rated) },
    goodOrBetter: {
      codes,
      label: `${wordsFor(year, kind, codes[codes.length - 1]!).label} trở lên`,
      count,
      share: shareBasisPoints(count, rated) / 100,
      shareOfTotal: ofTotal(count),
      within: { code: best, ...wordsFor(year, kind, best), count: bestCount, share: shareBasisPoints(bestCount, rated) / 100, shareOfTotal: ofTotal(bestCount) },
    },
  };
}

/** How many reasons a report names; the rest are said together ("các lý do khác"). The JSON lists them all. */
const REPORTED_REASONS = 10;

/** The reasons a report names: the most frequent, then the others together. */
function reasonLines(all: readonly ReasonCount[]): ReasonLine[] {
  const list = all.filter((r) => r.reason.trim() !== '');
  if (list.length <= REPORTED_REASONS) return list.map(reasonLine);
  const named = list.filter((r) => !r.other).slice(0, REPORTED_REASONS - 1);
  const rest = list.reduce((n, r) => n + r.count, 0) - named.reduce((n, r) => n + r.count, 0);
  return [...named, { reason: 'Các lý do khác', count: rest, other: true as const }].map(reasonLine);
}

/** "Miễn sinh hoạt" → "miễn sinh hoạt"; an acronym ("BHXH …") keeps its case. */
function reasonLine(r: ReasonCount): ReasonLine {
  const t = r.reason.trim();
  const keep = t.length > 1 && t.charAt(1) !== t.charAt(1).toLowerCase();
  const text = keep ? t : t.charAt(0).toLowerCase() + t.slice(1);
  return { ...r, text, exempt: /^miễn\s/u.test(text) };
}

/** The members whose reason is blank. */
function unstated(list: readonly ReasonCount[]): number {
  return list.reduce((n, r) => n + (r.reason.trim() === '' ? r.count : 0), 0);
}

export function weakGroups(f: Figures): ReportModel['weak'] {
  const weak = new Set(schemeFor(f.year).weak);
  const label = (code: RatingCode) => wordsFor(f.year, 'org', code).label;
  const groups: WeakGroup[] = [];
  let base = 0;
  let cells = 0;
  const { orgs } = f;
  for (let k = 0; k < f.units.length; k++) {
    const u = f.units[k]!;
    const weakCells = f.cellOrder.subarray(f.cellStart[k]!, f.cellStart[k + 1]!).filter((c) => weak.has(orgs.rating(c)!));
    const self = weak.has(orgs.rating(u)!);
    if (!self && weakCells.length === 0) continue;
    base += self ? 1 : 0;
    cells += weakCells.length;
    groups.push({
      name: orgs.name(u),
      kindName: KINDS[orgs.kind(u)!].name,
      self,
      ratingLabel: label(orgs.rating(u)!),
      cells: Array.from(weakCells, (c) => ({ name: orgs.name(c), ratingLabel: label(orgs.rating(c)!) })),
    });
  }
  const orgWeak = schemeFor(f.year).org.find((c) => weak.has(c))!;
  return { label: label(orgWeak), base, cells, total: base + cells, groups, selves: groups.filter((g) => g.self), withCells: groups.filter((g) => g.cells.length > 0) };
}

/** The appendix's columns: the scheme's codes, and UNRANKED / PENDING only where some unit has them. */
function appendixCodes(f: Figures): { org: RatingCode[]; member: RatingCode[] } {
  const used = (b: Block, code: RatingCode) => (b.byRating[code] ?? 0) > 0;
  return {
    org: codesOf(f.year, 'org').filter((c) => schemeFor(f.year).org.includes(c) || used(f.cells, c)),
    member: codesOf(f.year, 'member').filter((c) => schemeFor(f.year).member.includes(c) || used(f.members, c)),
  };
}

function unitLine(u: UnitFigures, i: number, codes: { org: RatingCode[]; member: RatingCode[] }): UnitLine {
  const counts = (b: Block, list: RatingCode[]) => list.map((c) => b.byRating[c] ?? 0);
  return {
    no: i + 1,
    id: u.id,
    name: u.name,
    kind: u.kind,
    kindName: KINDS[u.kind].name,
    rating: u.rating,
    cells: { ...u.cells, counts: counts(u.cells, codes.org) },
    members: { ...u.members, counts: counts(u.members, codes.member) },
  };
}

export function buildModel(f: Figures, meta: ReportMeta, previous?: Figures): ReportModel {
  const unit = meta.unit ?? null;
  const only = f.units.length === 1 ? unitAt(f, 0) : undefined;
  // A single base organization reports on its own cells: "tổ chức đảng", not "tổ chức cơ sở đảng".
  const title = `Kết quả đánh giá, xếp loại chất lượng tổ chức ${only ? '' : 'cơ sở '}đảng và đảng viên năm`;
  const columns = appendixCodes(f);
  const head = (kind: 'org' | 'member') => columns[kind].map((code) => ({ code, short: RATINGS[code].short, name: wordsFor(f.year, kind, code).name }));
  return {
    year: f.year,
    unit,
    place: unit ?? 'đảng bộ',
    unitParty: unit ? (PARTY_PREFIX.test(unit) ? unit : `Đảng bộ ${unit}`) : null,
    province: unit !== null && PROVINCE.test(unit),
    headline: unit ? `${shortUnit(unit)}: ${title} ${f.year}` : `${title} ${f.year}`,
    publisher: meta.publisher ?? null,
    date: meta.date ? formatDate(meta.date) : null,
    issuer: meta.issuer ?? null,
    documents: (meta.documents ?? []).map((d) => ({ title: d.title, number: d.number, date: d.date ? formatDate(d.date) : null, about: d.about ?? null, decision: isDecision(d.title) })),
    plans: (meta.documents ?? []).filter((d) => !isDecision(d.title)).length,
    workingGroups: meta.workingGroups ? { count: meta.workingGroups.count, ledBy: meta.workingGroups.ledBy ?? null } : null,
    sections: (meta.sections ?? []).map((s) => ({ heading: s.heading ?? null, text: s.text })),
    byline: meta.byline ?? null,
    baseOrganizations: {
      ...blockModel(f.year, 'org', f.baseOrganizations, previous?.baseOrganizations, f.baseOrganizations.kinds),
      committees: f.baseOrganizations.committees,
      cellBases: f.baseOrganizations.cellBases,
      kinds: f.baseOrganizations.kinds,
      exemplary: exemplaryModel(f.year, f.baseOrganizations),
    },
    cells: { ...blockModel(f.year, 'org', f.cells, previous?.cells), committees: f.cells.committees, exemplary: exemplaryModel(f.year, f.cells) },
    members: {
      ...blockModel(f.year, 'member', f.members, previous?.members),
      reasons: { UNRANKED: reasonLines(f.members.reasons.UNRANKED), PENDING: reasonLines(f.members.reasons.PENDING) },
      unstated: { UNRANKED: unstated(f.members.reasons.UNRANKED), PENDING: unstated(f.members.reasons.PENDING) },
      admitted: admittedModel(f.members),
    },
    allOrgsAssessed: (f.baseOrganizations.byRating.PENDING ?? 0) + (f.cells.byRating.PENDING ?? 0) === 0,
    single: only ? { name: only.name, kindName: KINDS[only.kind].name, label: wordsFor(f.year, 'org', only.rating).label, rating: only.rating, rated: only.rating !== 'UNRANKED' && only.rating !== 'PENDING' } : null,
    previous: previous ? { year: previous.year, baseOrganizations: previous.baseOrganizations, cells: previous.cells, members: previous.members } : null,
    weak: weakGroups(f),
    codes: { org: head('org'), member: head('member') },
    units: Array.from(eachUnit(f), (u, i) => unitLine(u, i, columns)),
  };
}
