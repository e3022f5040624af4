// Figures + report.json → the report model: exactly what templates see (documented field by field in
// the README). The model keeps the contract's JSON fields under their names (year,
// baseOrganizations.total, members.byRating.HTXSNV, …) and adds what prose needs: rated totals,
// shares, rating names, changes against the compared year, the weak units, the appendix. The JSON
// report (--format json) is ./json-report.ts; it shares the blocks (./blocks.ts) and weakGroups.
import { eachUnit, unitAt, type BaseKind, type Block, type Figures, type ReasonCount, type UnitFigures } from '../figures/aggregate.js';
import { formatDate } from '../format.js';
import { admittedModel, blockModel, exemplaryModel, type Admitted, type BlockModel, type Exemplary } from './blocks.js';
import type { ReportMeta } from './metadata.js';
import { blockCodes, KINDS, RATINGS, schemeFor, wordsFor, type OrgKind, type RatingCode } from '../schemes.js';


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
    org: blockCodes(f.year, 'org').filter((c) => schemeFor(f.year).org.includes(c) || used(f.cells, c)),
    member: blockCodes(f.year, 'member').filter((c) => schemeFor(f.year).member.includes(c) || used(f.members, c)),
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
