// Figures → the JSON report (--format json): the contract's shape first (year, baseOrganizations, cells,
// members), then our additions (rated totals and shares, the compared year, weak units, every unit,
// warnings). The long lists are lazy: ./json-stream.ts serializes them a few hundred elements at a time.
import { eachUnit, upperAt, type Block, type Figures, type ScoreFigures } from '../figures/aggregate.js';
import { FIGURES_VERSION } from '../figures/figures-part.js';
import type { Problem } from '../problems.js';
import { Lazy } from './json-stream.js';
import type { ReportMeta } from './metadata.js';
import { admittedModel, blockModel, exemplaryModel } from './blocks.js';
import { weakGroups } from './model.js';

/**
 * A year's figures in the contract's JSON shape, plus rated totals and shares; then the shares of the total,
 * the coverage (rated of total), "hoàn thành tốt nhiệm vụ trở lên" and, for base organizations, each kind's
 * block (added fields: the contract's keep their place and meaning).
 */
function figuresJson(f: Figures): Record<string, unknown> {
  const part = (kind: 'org' | 'member', b: Block, extra: object) => {
    const m = blockModel(f.year, kind, b, undefined);
    const g = m.goodOrBetter;
    const { code, count, share, shareOfTotal } = g.within;
    return {
      total: b.total,
      ...extra,
      byRating: b.byRating,
      rated: m.rated,
      shares: m.shares,
      sharesOfTotal: m.sharesOfTotal,
      coverage: m.coverage,
      goodOrBetter: { codes: g.codes, count: g.count, share: g.share, shareOfTotal: g.shareOfTotal, within: { code, count, share, shareOfTotal } },
    };
  };
  // The optional columns' figures, only when the file has the column (a file without it gives the JSON it always gave).
  const exemplary = (b: Block & { exemplary: number | null }) => {
    const e = exemplaryModel(f.year, b);
    return e ? { exemplary: { code: e.code, count: e.count, share: e.share, shareOfRating: e.shareOfRating } } : {};
  };
  const admitted = admittedModel(f.members);
  /** The 100-point scores of each block that has a score column: { upperCommittees, baseOrganizations, cells, members }. */
  const scores = (x: Figures) => {
    const blocks: [string, ScoreFigures | null][] = [['upperCommittees', x.upperCommittees.scores], ['baseOrganizations', x.baseOrganizations.scores], ['cells', x.cells.scores], ['members', x.members.scores]];
    const given = blocks.filter(([, sc]) => sc !== null);
    return given.length > 0 ? { scores: Object.fromEntries(given) } : {};
  };
  return {
    year: f.year,
    baseOrganizations: {
      ...part('org', f.baseOrganizations, {
        committees: f.baseOrganizations.committees,
        byKind: { dang_bo_co_so: f.baseOrganizations.committees, chi_bo_co_so: f.baseOrganizations.cellBases },
      }),
      kinds: f.baseOrganizations.kinds,
      ...exemplary(f.baseOrganizations),
    },
    cells: { ...part('org', f.cells, { committees: f.cells.committees }), direct: f.cells.direct, ...exemplary(f.cells) },
    members: { ...part('member', f.members, {}), reasons: f.members.reasons, ...(admitted ? { admitted: admitted.count } : {}) },
    // The contract's shape exactly; the scores (only with a score column) apart, below.
    upperCommittees: { total: f.upperCommittees.total, byRating: f.upperCommittees.byRating },
    byUpper: Array.from({ length: f.tree.uppers.length }, (_, k) => {
      const u = upperAt(f, k);
      return { id: u.id, name: u.name, rating: u.rating, baseOrganizations: u.baseOrganizations, cells: u.cells, members: u.members };
    }),
    ...scores(f),
  };
}

/**
 * The figures as `--format json` prints them: the contract's shape first, then our additions. The long
 * lists are lazy (serialized one element at a time by json-stream.ts, never held whole).
 */
export function jsonReport(f: Figures, meta: ReportMeta, extra: { previous?: Figures | undefined; warnings?: readonly Problem[] } = {}): Record<string, unknown> {
  return {
    ...figuresJson(f),
    unit: meta.unit ?? null,
    // What a roll-up checks before it reads these figures as a unit's (figures.json).
    figuresVersion: FIGURES_VERSION,
    previous: extra.previous ? figuresJson(extra.previous) : null,
    weak: new Lazy(weakGroups(f).groups.map(({ named: _said, ...g }) => g)), // (`named` is the text template's)
    units: new Lazy(mapped(eachUnit(f), (u) => ({ id: u.id, name: u.name, kind: u.kind, rating: u.rating, cells: u.cells, members: u.members }))),
    // The file's name only: the JSON must not change with the folder it was run on.
    warnings: new Lazy(mapped(extra.warnings ?? [], (w) => ({ file: w.file.split(/[\\/]/).pop(), line: w.line, code: w.code, message: w.message }))),
  };
}

function* mapped<T, U>(list: Iterable<T>, fn: (item: T) => U): Generator<U> {
  for (const item of list) yield fn(item);
}
