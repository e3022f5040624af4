// Regulation checks on the figures: breaches published reports do contain, so they are warnings
// (problems only under --strict). Each rule is a row: the years it applies to and a check per unit.
// Run by src/run.ts on the reported year's figures (./aggregate.ts); the warnings' words are src/problems.ts's codes.
import { CODE_INDEX, membersAt, NCODES, type Figures } from './aggregate.js';
import { formatCount } from '../format.js';
import type { Problem, ProblemCode } from '../problems.js';
import { RATINGS, type RatingCode } from '../schemes.js';

/** Counts by CODE_INDEX. */
type Tally = ArrayLike<number>;

interface Subject {
  rating: RatingCode;
  /** The units directly under it (cells for a committee, members for a chi bộ), and all its members. */
  units: Tally;
  members: Tally;
  isCommittee: boolean;
  /** A base organization (the quota on excellent members is counted per base organization). */
  isBase: boolean;
}

interface Rule {
  code: ProblemCode;
  from: number;
  to: number;
  /** A sentence when the subject breaches the rule, else undefined. */
  check: (s: Subject) => string | undefined;
}

const n = (t: Tally, code: RatingCode) => t[CODE_INDEX[code]]!;
const rated = (t: Tally) => {
  let sum = 0;
  for (let i = 0; i < NCODES; i++) sum += t[i]!;
  return sum - n(t, 'UNRANKED') - n(t, 'PENDING');
};
const c = formatCount;
const what = (s: Subject) => (s.isCommittee ? 'chi bộ trực thuộc' : 'đảng viên');

const RULES: readonly Rule[] = [
  {
    // Members rated HTXSNV may be at most 20% of those rated HTTNV, within a base organization.
    code: 'rule-excellent-quota',
    from: 2019,
    to: Infinity,
    check: (s) => {
      const x = n(s.members, 'HTXSNV');
      const t = n(s.members, 'HTTNV');
      return x * 5 > t
        ? `${c(x)} đảng viên hoàn thành xuất sắc nhiệm vụ, vượt 20% số đảng viên hoàn thành tốt nhiệm vụ (${c(t)}, tức tối đa ${c(Math.floor(t / 5))})`
        : undefined;
    },
  },
  {
    // An organization rated HTXSNV has no unit or member below HTNV ...
    code: 'rule-excellent-org',
    from: 2019,
    to: Infinity,
    check: (s) => {
      if (s.rating !== 'HTXSNV') return undefined;
      const weakUnits = s.isCommittee ? n(s.units, 'KHTNV') : 0;
      const weakMembers = n(s.members, 'KHTNV');
      if (weakUnits + weakMembers === 0) return undefined;
      const parts = [weakUnits ? `${c(weakUnits)} chi bộ` : '', weakMembers ? `${c(weakMembers)} đảng viên` : ''].filter(Boolean).join(' và ');
      return `được xếp loại hoàn thành xuất sắc nhiệm vụ nhưng có ${parts} không hoàn thành nhiệm vụ`;
    },
  },
  {
    // ... and at least 80% of its rated units at HTTNV or better.
    code: 'rule-excellent-org',
    from: 2019,
    to: Infinity,
    check: (s) => {
      if (s.rating !== 'HTXSNV') return undefined;
      const r = rated(s.units);
      const good = n(s.units, 'HTXSNV') + n(s.units, 'HTTNV');
      return r > 0 && good * 5 < r * 4
        ? `được xếp loại hoàn thành xuất sắc nhiệm vụ nhưng chỉ ${c(good)}/${c(r)} ${what(s)} được xếp loại đạt hoàn thành tốt nhiệm vụ trở lên (cần ít nhất 80%)`
        : undefined;
    },
  },
  {
    // A committee with more than a third of its cells weak is itself weak ...
    code: 'rule-weak-share',
    from: 2014,
    to: 2017,
    check: (s) => {
      if (!s.isCommittee || s.rating === 'YEU') return undefined;
      const y = n(s.units, 'YEU');
      const r = rated(s.units);
      return y * 3 > r && r > 0
        ? `có ${c(y)}/${c(r)} chi bộ trực thuộc yếu kém (hơn 1/3) nhưng được xếp loại ${RATINGS[s.rating].name.toLowerCase()}, không phải yếu kém`
        : undefined;
    },
  },
  {
    // ... and a cell with more than half its members not completing their tasks.
    code: 'rule-weak-share',
    from: 2014,
    to: 2017,
    check: (s) => {
      if (s.isCommittee || s.rating === 'YEU') return undefined;
      const k = n(s.members, 'KHTNV');
      const r = rated(s.members);
      return k * 2 > r && r > 0
        ? `có ${c(k)}/${c(r)} đảng viên không hoàn thành nhiệm vụ (hơn 1/2) nhưng được xếp loại ${RATINGS[s.rating].name.toLowerCase()}, không phải yếu kém`
        : undefined;
    },
  },
];

/**
 * Every organization as a rule subject, handed to `visit` one at a time: base organizations (with their
 * cells) and cells (with their members). The subject object is reused: a national run has 360 000.
 */
function eachSubject(f: Figures, visit: (s: Subject, org: number) => void): void {
  const s: Subject = { rating: 'PENDING', units: f.unitCells, members: f.unitMembers, isCommittee: false, isBase: false };
  for (let k = 0; k < f.units.length; k++) {
    const u = f.units[k]!;
    s.isCommittee = f.orgs.kind(u) === 'dang_bo_co_so';
    s.isBase = true;
    s.rating = f.orgs.rating(u)!;
    s.members = f.unitMembers.subarray(k * NCODES, k * NCODES + NCODES);
    s.units = s.isCommittee ? f.unitCells.subarray(k * NCODES, k * NCODES + NCODES) : s.members;
    visit(s, u);
    s.isCommittee = false;
    s.isBase = false;
    for (let p = f.cellStart[k]!; p < f.cellStart[k + 1]!; p++) {
      const cell = f.cellOrder[p]!;
      s.rating = f.orgs.rating(cell)!;
      s.members = s.units = membersAt(f, cell);
      visit(s, cell);
    }
  }
}

/** Breaches of the year's rules, as problems to print as warnings (sorted by line). */
export function checkRules(f: Figures, file: string): Problem[] {
  const rules = RULES.filter((r) => f.year >= r.from && f.year <= r.to);
  const out: Problem[] = [];
  if (rules.length === 0) return out;
  eachSubject(f, (s, org) => {
    for (const rule of rules) {
      if (rule.code === 'rule-excellent-quota' && !s.isBase) continue;
      const said = rule.check(s);
      if (said) out.push({ file, line: f.orgs.lines[org]!, code: rule.code, message: `${f.orgs.name(org)}: ${said}`, year: f.year });
    }
  });
  return out.sort((a, b) => a.line - b.line);
}
