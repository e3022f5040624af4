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
import { committeeOf, treeModel, type TreeModel } from './tree-model.js';


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
  /** The upper committee it sits under (đảng bộ cấp trên cơ sở), or null. */
  upper: string | null;
  /** Cells outside any base organization, under `name` (an upper committee, or the reporting committee): not a base organization. */
  direct: boolean;
  /** Every weak cell's name says `name` already ("Chi bộ thôn 3 (Đảng bộ xã Bình Minh)"): not said again after them. */
  named: boolean;
}

/** The weak units under one upper committee (null: directly under the reporting committee). */
interface WeakByUpper {
  name: string | null;
  /** The upper committee itself is rated weak. */
  self: boolean;
  groups: WeakGroup[];
  /** How many base organizations and cells of it are weak. */
  base: number;
  cells: number;
  /** Each weak unit as a list names it: a base organization, a cell with its base organization in brackets, a cell under the committee itself. */
  names: string[];
}

interface ReportModel extends TreeModel {
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
  /**
   * Base organizations rated weak or with weak cells, each with its weak cells, then the cells outside base
   * organizations by what they sit under; `uppers`: the upper committees rated weak; `byUpper`: the same
   * grouped by upper committee (empty when the data has none).
   */
  weak: { label: string; base: number; cells: number; total: number; groups: WeakGroup[]; selves: WeakGroup[]; withCells: WeakGroup[]; uppers: string[]; byUpper: WeakByUpper[]; names: string[] };
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

/** The unit's party organization: "xã Hòa Bình" → "Đảng bộ xã Hòa Bình" (unchanged when it already is one). */
const partyOf = (unit: string): string => (PARTY_PREFIX.test(unit) ? unit : `Đảng bộ ${unit}`);

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

export function weakGroups(f: Figures, unit: string | null = null): ReportModel['weak'] {
  const weak = new Set(schemeFor(f.year).weak);
  const label = (code: RatingCode) => wordsFor(f.year, 'org', code).label;
  const groups: WeakGroup[] = [];
  /** Each group's upper committee, by position in tree.uppers (-1: none). */
  const upperOf = new Map<WeakGroup, number>();
  let base = 0;
  let cells = 0;
  const { orgs, tree } = f;
  const upperName = (at: number) => (at < 0 ? null : orgs.name(tree.uppers[at]!));
  for (let k = 0; k < f.units.length; k++) {
    const u = f.units[k]!;
    const weakCells = f.cellOrder.subarray(f.cellStart[k]!, f.cellStart[k + 1]!).filter((c) => weak.has(orgs.rating(c)!));
    const self = weak.has(orgs.rating(u)!);
    if (!self && weakCells.length === 0) continue;
    base += self ? 1 : 0;
    cells += weakCells.length;
    const group: WeakGroup = {
      name: orgs.name(u),
      kindName: KINDS[orgs.kind(u)!].name,
      self,
      ratingLabel: label(orgs.rating(u)!),
      cells: Array.from(weakCells, (c) => ({ name: orgs.name(c), ratingLabel: label(orgs.rating(c)!) })),
      upper: upperName(tree.upperAt[u]!),
      direct: false,
      named: weakCells.length > 0 && Array.from(weakCells).every((c) => orgs.name(c).includes(orgs.name(u))),
    };
    groups.push(group);
    upperOf.set(group, tree.upperAt[u]!);
  }
  // The cells outside base organizations, by what they sit under (group 0: the reporting committee).
  for (let g = 0; g < tree.directStart.length - 1; g++) {
    const weakCells = tree.direct.subarray(tree.directStart[g]!, tree.directStart[g + 1]!).filter((c) => weak.has(orgs.rating(c)!));
    if (weakCells.length === 0) continue;
    cells += weakCells.length;
    const at = g === 0 ? -1 : tree.uppers[g - 1]!;
    const group: WeakGroup = {
      name: at < 0 ? (committeeOf(unit)?.name ?? 'Cấp ủy') : orgs.name(at),
      kindName: at < 0 ? '' : KINDS.dang_bo_cap_tren_co_so.name,
      self: false,
      ratingLabel: at < 0 ? '' : label(orgs.rating(at)!),
      cells: Array.from(weakCells, (c) => ({ name: orgs.name(c), ratingLabel: label(orgs.rating(c)!) })),
      upper: upperName(g - 1),
      direct: true,
      named: false,
    };
    groups.push(group);
    upperOf.set(group, g - 1);
  }
  const weakUpper = (k: number) => weak.has(orgs.rating(tree.uppers[k]!)!);
  const uppers = Array.from(tree.uppers).filter((u) => weak.has(orgs.rating(u)!)).map((u) => orgs.name(u));
  const mixed = base > 0 && cells > 0;
  const byUpper: WeakByUpper[] = [];
  for (let k = 0; k < tree.uppers.length + (tree.uppers.length > 0 ? 1 : 0); k++) {
    const at = k < tree.uppers.length ? k : -1;
    const mine = groups.filter((g) => upperOf.get(g) === at);
    const self = at >= 0 && weakUpper(at);
    if (mine.length === 0 && !self) continue;
    byUpper.push({ name: upperName(at), self, groups: mine, base: mine.filter((g) => g.self).length, cells: mine.reduce((n, g) => n + g.cells.length, 0), names: weakNames(mine, mixed) });
  }
  const orgWeak = schemeFor(f.year).org.find((c) => weak.has(c))!;
  return {
    label: label(orgWeak),
    base,
    cells,
    total: base + cells + uppers.length,
    groups,
    selves: groups.filter((g) => g.self),
    withCells: groups.filter((g) => g.cells.length > 0),
    uppers,
    byUpper,
    names: weakNames(groups, mixed),
  };
}

/**
 * Each weak unit of the groups as a list names it: a base organization, a cell with its base organization in
 * brackets (unless its name says it already), a cell directly under a committee. In a list of both base
 * organizations and cells (`mixed`), a chi bộ cơ sở is said to be one: its name alone reads like a cell's.
 */
function weakNames(groups: readonly WeakGroup[], mixed: boolean): string[] {
  const self = (g: WeakGroup) => (mixed && g.kindName === KINDS.chi_bo_co_so.name ? `${g.name} (${g.kindName.toLowerCase()})` : g.name);
  const cell = (g: WeakGroup, name: string) => (g.direct || name.includes(g.name) ? name : `${name} (${g.name})`);
  return groups.flatMap((g) => [...(g.self ? [self(g)] : []), ...g.cells.map((c) => cell(g, c.name))]);
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
  const only = f.units.length === 1 && f.upperCommittees.total === 0 && f.cells.direct.total === 0 ? unitAt(f, 0) : undefined;
  // A single base organization reports on its own cells, a commune or a province from 2025 on its cells and
  // committees of every level: "tổ chức đảng", not "tổ chức cơ sở đảng".
  const tree = f.upperCommittees.total > 0 || f.cells.direct.total > 0;
  const title = `Kết quả đánh giá, xếp loại chất lượng tổ chức ${only || tree ? '' : 'cơ sở '}đảng và đảng viên năm`;
  const columns = appendixCodes(f);
  const head = (kind: 'org' | 'member') => columns[kind].map((code) => ({ code, short: RATINGS[code].short, name: wordsFor(f.year, kind, code).name }));
  return {
    year: f.year,
    unit,
    place: unit ?? 'đảng bộ',
    unitParty: unit ? partyOf(unit) : null,
    province: unit !== null && PROVINCE.test(unit),
    // From 2025 a commune or a province reports on every level: the headline names its đảng bộ ("Đảng bộ xã Hòa Bình: …").
    headline: unit ? `${tree ? partyOf(unit) : shortUnit(unit)}: ${title} ${f.year}` : `${title} ${f.year}`,
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
    allOrgsAssessed: (f.baseOrganizations.byRating.PENDING ?? 0) + (f.cells.byRating.PENDING ?? 0) + (f.upperCommittees.byRating.PENDING ?? 0) === 0,
    single: only ? { name: only.name, kindName: KINDS[only.kind].name, label: wordsFor(f.year, 'org', only.rating).label, rating: only.rating, rated: only.rating !== 'UNRANKED' && only.rating !== 'PENDING' } : null,
    previous: previous ? { year: previous.year, baseOrganizations: previous.baseOrganizations, cells: previous.cells, members: previous.members } : null,
    weak: weakGroups(f, unit),
    codes: { org: head('org'), member: head('member') },
    ...treeModel(f, unit, columns, previous),
    units: Array.from(eachUnit(f), (u, i) => unitLine(u, i, columns)),
  };
}
