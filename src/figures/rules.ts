// The regulations' rules, one table: each row its years, what it looks at (a row of organizations.csv or
// members.csv, an organization with its units, or the units one committee rated), its check and its source.
// Breaches published reports do contain, so they are warnings (problems only under --strict). Row rules are run
// by the checkers (validate/) as rows pass, the others by src/run.ts on the reported year's figures; the
// warnings' words are src/problems.ts's codes. Where a rule is our reading of the texts, its source says so.
import { CODE_INDEX, membersAt, NCODES, type Figures } from './aggregate.js';
import { formatCount } from '../format.js';
import { monthsBefore, vnDay } from '../dates.js';
import type { Problem, ProblemCode } from '../problems.js';
import { remember } from '../cache.js';
import { fold, RATINGS, type RatingCode } from '../schemes.js';

/** Counts by CODE_INDEX. */
type Tally = ArrayLike<number>;

/** An organization with its units: a base organization with its cells (or its members), a cell with its members. */
interface UnitSubject {
  rating: RatingCode;
  /** The units directly under it (cells for a committee, members for a chi bộ), and all its members. */
  units: Tally;
  members: Tally;
  isCommittee: boolean;
}

/** The units of one level one committee rated: the base organizations of an upper committee, the cells of a đảng ủy cơ sở, the members of a base organization. */
interface GroupSubject {
  /** "tổ chức cơ sở đảng", "chi bộ", "đảng viên". */
  what: string;
  /** The level: the members' quota applies from 2019, the collectives' from 2025. */
  members: boolean;
  units: Tally;
}

/** A row of organizations.csv: its rating and its optional `disciplined` flag. */
interface OrgRowSubject {
  rating: RatingCode;
  disciplined: boolean;
}

/** A row of members.csv: its rating, reason, admission day (or null) and the rating day of its year. */
interface MemberRowSubject {
  rating: RatingCode;
  reason: string;
  admittedOn: number | null;
  ratingDay: number;
}

interface Subjects {
  unit: UnitSubject;
  group: GroupSubject;
  'org-row': OrgRowSubject;
  'member-row': MemberRowSubject;
}

interface Rule<K extends keyof Subjects> {
  code: ProblemCode;
  from: number;
  to: number;
  subject: K;
  /** The text the rule comes from (or "our reading of …"). */
  source: string;
  /** A row rule: the column whose cell the warning names. */
  column?: string;
  /** A sentence when the subject breaches the rule, else undefined. */
  check: (s: Subjects[K]) => string | undefined;
}

type AnyRule = { [K in keyof Subjects]: Rule<K> }[keyof Subjects];

const n = (t: Tally, code: RatingCode) => t[CODE_INDEX[code]]!;
const rated = (t: Tally) => {
  let sum = 0;
  for (let i = 0; i < NCODES; i++) sum += t[i]!;
  return sum - n(t, 'UNRANKED') - n(t, 'PENDING');
};
const c = formatCount;
const what = (s: UnitSubject) => (s.isCommittee ? 'chi bộ trực thuộc' : 'đảng viên');

/** The reasons of a member left unrated that the rules read (folded words): leave, or newly admitted. */
const LEAVE = /\b(om|benh|dieu tri|thai san|sinh con|nghi sinh|tam thoi)\b/;
const NEWLY_ADMITTED = /\b(ket nap|dang vien moi|chua du 6 thang|duoi 6 thang)\b/;
const EXEMPT = /\bmien\b/;
export type ReasonKind = 'leave' | 'new' | null;

/** What a reason says, as the rules read it: on leave (ốm, thai sản, sinh hoạt tạm thời), newly admitted, or neither. */
export function reasonKind(reason: string): ReasonKind {
  const known = REASON_KINDS.get(reason);
  if (known !== undefined) return known;
  const f = fold(reason);
  return remember(REASON_KINDS, reason, EXEMPT.test(f) ? null : NEWLY_ADMITTED.test(f) ? 'new' : LEAVE.test(f) ? 'leave' : null);
}
/** Reasons read before (a file repeats a few reasons on many rows; folding is slow). */
const REASON_KINDS = new Map<string, ReasonKind>();

/** The members' quota from 2025: more than 20% (up to 25% with leave), or more than 25%. */
function quota(s: GroupSubject, over: number): string | undefined {
  const x = n(s.units, 'HTXSNV');
  const t = n(s.units, 'HTTNV');
  if (x * 100 <= t * over) return undefined;
  const cap = Math.floor((t * over) / 100);
  return `${c(x)} ${s.what} hoàn thành xuất sắc nhiệm vụ, vượt ${over}% số ${s.what} hoàn thành tốt nhiệm vụ (${c(t)}, tức tối đa ${c(cap)})`;
}

const QD132 = 'Quy định 132-QĐ/TW (2018), Hướng dẫn 25-HD/BTCTW (2019)';
const QD366 = 'Quy định 366-QĐ/TW (2025), Hướng dẫn 43-HD/BTCTW (2025)';

export const RULES: readonly AnyRule[] = [
  {
    code: 'rule-excellent-quota',
    from: 2019,
    to: 2024,
    subject: 'group',
    source: `${QD132}: đảng viên HTXSNV không quá 20% số HTTNV, trong một tổ chức cơ sở đảng`,
    check: (s) => (s.members ? quota(s, 20) : undefined),
  },
  {
    code: 'rule-excellent-quota',
    from: 2025,
    to: Infinity,
    subject: 'group',
    source: `${QD366}: HTXSNV không quá 20% số HTTNV của cùng loại do một cấp ủy đánh giá; cấp có thẩm quyền có thể cho đến 25% với đơn vị có thành tích nổi bật`,
    check: (s) => {
      const x = n(s.units, 'HTXSNV');
      if (x * 100 > n(s.units, 'HTTNV') * 25) return undefined; // said by the next rule
      const said = quota(s, 20);
      return said && `${said} (chỉ được đến 25% khi cấp có thẩm quyền cho phép với đơn vị có thành tích nổi bật)`;
    },
  },
  {
    code: 'rule-excellent-quota-max',
    from: 2025,
    to: Infinity,
    subject: 'group',
    source: `${QD366}: mức tối đa 25%`,
    check: (s) => quota(s, 25),
  },
  {
    code: 'rule-excellent-org',
    from: 2019,
    to: Infinity,
    subject: 'unit',
    source: `${QD132}; ${QD366} (theo cách hiểu của chúng tôi: tập thể HTXSNV không có tổ chức trực thuộc hay đảng viên KHTNV)`,
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
    code: 'rule-excellent-org',
    from: 2019,
    to: 2024,
    subject: 'unit',
    source: `${QD132}: tổ chức HTXSNV có ít nhất 80% đơn vị trực thuộc (đảng viên) HTTNV trở lên; không còn trong văn bản năm 2025`,
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
    code: 'rule-weak-share',
    from: 2014,
    to: 2017,
    subject: 'unit',
    source: 'Hướng dẫn 27-HD/BTCTW (2014): đảng bộ có hơn 1/3 chi bộ trực thuộc yếu kém thì xếp loại yếu kém',
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
    code: 'rule-weak-share',
    from: 2014,
    to: 2017,
    subject: 'unit',
    source: 'Hướng dẫn 27-HD/BTCTW (2014): chi bộ có hơn 1/2 đảng viên không hoàn thành nhiệm vụ thì xếp loại yếu kém',
    check: (s) => {
      if (s.isCommittee || s.rating === 'YEU') return undefined;
      const k = n(s.members, 'KHTNV');
      const r = rated(s.members);
      return k * 2 > r && r > 0
        ? `có ${c(k)}/${c(r)} đảng viên không hoàn thành nhiệm vụ (hơn 1/2) nhưng được xếp loại ${RATINGS[s.rating].name.toLowerCase()}, không phải yếu kém`
        : undefined;
    },
  },
  {
    code: 'rule-excellent-disciplined',
    from: 2025,
    to: Infinity,
    subject: 'org-row',
    column: 'disciplined',
    source: `${QD366} (theo cách hiểu của chúng tôi): tập thể HTXSNV không có tổ chức trực thuộc hay thành viên lãnh đạo bị kỷ luật`,
    check: (s) =>
      s.rating === 'HTXSNV' && s.disciplined
        ? 'được xếp loại hoàn thành xuất sắc nhiệm vụ nhưng có kỷ luật: tập thể có tổ chức trực thuộc hoặc thành viên lãnh đạo bị kỷ luật thì không được xếp loại hoàn thành xuất sắc nhiệm vụ'
        : undefined,
  },
  {
    code: 'rule-not-rated-reason',
    from: 2025,
    to: Infinity,
    subject: 'member-row',
    column: 'reason',
    source: 'Hướng dẫn 43-HD/BTCTW (2025), mục 7.5–7.6: đảng viên nghỉ ốm, nghỉ thai sản, sinh hoạt tạm thời vẫn được đánh giá, xếp loại',
    check: (s) =>
      s.rating === 'UNRANKED' && reasonKind(s.reason) === 'leave'
        ? `đảng viên không xếp loại với lý do "${s.reason}": từ năm 2025, đảng viên nghỉ ốm, nghỉ thai sản hoặc sinh hoạt tạm thời nơi khác vẫn được đánh giá, xếp loại (Hướng dẫn 43-HD/BTCTW)`
        : undefined,
  },
  {
    code: 'rule-newly-admitted',
    from: 2025,
    to: Infinity,
    subject: 'member-row',
    column: 'admitted_on',
    source: `${QD366}, Điều 5: đảng viên vào Đảng chưa đủ 6 tháng tính đến thời điểm đánh giá thì không xếp loại`,
    check: (s) => {
      if (s.admittedOn === null) return undefined;
      const recent = s.admittedOn > monthsBefore(s.ratingDay, 6);
      const when = `vào Đảng ngày ${vnDay(s.admittedOn)}, tính đến ngày đánh giá ${vnDay(s.ratingDay)}`;
      if (recent && s.rating !== 'UNRANKED' && s.rating !== 'PENDING') return `${when} chưa đủ 6 tháng nên thuộc diện không xếp loại, nhưng được xếp loại ${RATINGS[s.rating].name.toLowerCase()}`;
      if (!recent && s.rating === 'UNRANKED' && reasonKind(s.reason) === 'new') return `${when} đã đủ 6 tháng nên phải được đánh giá, xếp loại, nhưng không xếp loại với lý do "${s.reason}"`;
      return undefined;
    },
  },
];

/** The rules of a subject in force in a year. */
function rulesOf<K extends keyof Subjects>(year: number, subject: K): Rule<K>[] {
  return RULES.filter((r): r is Rule<K> & AnyRule => r.subject === subject && year >= r.from && year <= r.to) as Rule<K>[];
}

/** Whether any rule of the subject is in force in a year (the byte path hands over the rows that may breach one). */
export const hasRowRules = (year: number, subject: 'org-row' | 'member-row'): boolean => rulesOf(year, subject).length > 0;

/** The warnings of a row of organizations.csv. */
export function orgRowWarnings(year: number, s: OrgRowSubject): Said[] {
  return said(rulesOf(year, 'org-row'), s);
}

/** The warnings of a row of members.csv. */
export function memberRowWarnings(year: number, s: MemberRowSubject): Said[] {
  return said(rulesOf(year, 'member-row'), s);
}

/** A breach: the rule's code, its sentence, and (a row rule) the column it names. */
interface Said {
  code: ProblemCode;
  message: string;
  column?: string;
}

function said<K extends keyof Subjects>(rules: Rule<K>[], s: Subjects[K]): Said[] {
  const out: Said[] = [];
  for (const r of rules) {
    const message = r.check(s);
    if (message) out.push({ code: r.code, message, ...(r.column ? { column: r.column } : {}) });
  }
  return out;
}

/**
 * Every organization as a rule subject, handed to `visit` one at a time: base organizations (with their
 * cells) and cells (with their members). The subject object is reused: a national run has 360 000.
 */
function eachUnit(f: Figures, visit: (s: UnitSubject, org: number) => void): void {
  const s: UnitSubject = { rating: 'PENDING', units: f.unitCells, members: f.unitMembers, isCommittee: false };
  const cell = (i: number) => {
    s.isCommittee = false;
    s.rating = f.orgs.rating(i)!;
    s.members = s.units = membersAt(f, i);
    visit(s, i);
  };
  for (let k = 0; k < f.units.length; k++) {
    const u = f.units[k]!;
    s.isCommittee = f.orgs.kind(u) === 'dang_bo_co_so';
    s.rating = f.orgs.rating(u)!;
    s.members = f.unitMembers.subarray(k * NCODES, k * NCODES + NCODES);
    s.units = s.isCommittee ? f.unitCells.subarray(k * NCODES, k * NCODES + NCODES) : s.members;
    visit(s, u);
    for (let p = f.cellStart[k]!; p < f.cellStart[k + 1]!; p++) cell(f.cellOrder[p]!);
  }
  for (const i of f.tree.direct) cell(i);
}

/**
 * The units each committee rated, as rule groups: the members of each base organization (its cấp ủy decides
 * them), the cells of each đảng bộ cơ sở; and the base organizations and direct cells of each upper committee,
 * or of the reporting committee when they sit under no upper committee; the upper committees themselves, the
 * reporting committee's (named `reporting`). `at` is the organization whose line
 * a warning names (-1: the reporting committee, whose line is none).
 */
function eachGroup(f: Figures, reporting: string, visit: (s: GroupSubject, at: number, who: string) => void): void {
  const { orgs } = f;
  const members: GroupSubject = { what: 'đảng viên', members: true, units: f.unitMembers };
  const cells: GroupSubject = { what: 'chi bộ trực thuộc', members: false, units: f.unitCells };
  for (let k = 0; k < f.units.length; k++) {
    const u = f.units[k]!;
    members.units = f.unitMembers.subarray(k * NCODES, k * NCODES + NCODES);
    visit(members, u, orgs.name(u));
    if (f.cellStart[k + 1]! > f.cellStart[k]!) {
      cells.units = f.unitCells.subarray(k * NCODES, k * NCODES + NCODES);
      visit(cells, u, orgs.name(u));
    }
  }
  // Per upper committee (position k + 1) and the reporting committee (position 0): its base organizations and its direct cells.
  const nu = f.tree.uppers.length;
  const bases = new Int32Array((nu + 1) * NCODES);
  const direct = new Int32Array((nu + 1) * NCODES);
  for (const u of f.units) bases[(f.tree.upperAt[u]! + 1) * NCODES + CODE_INDEX[orgs.rating(u)!]]!++;
  for (const i of f.tree.direct) direct[(f.tree.upperAt[i]! + 1) * NCODES + CODE_INDEX[orgs.rating(i)!]]!++;
  const uppers = new Int32Array(NCODES);
  for (const u of f.tree.uppers) uppers[CODE_INDEX[orgs.rating(u)!]]!++;
  visit({ what: 'đảng bộ cấp trên cơ sở', members: false, units: uppers }, -1, reporting);
  for (let g = 0; g <= nu; g++) {
    const at = g === 0 ? -1 : f.tree.uppers[g - 1]!;
    const who = g === 0 ? reporting : orgs.name(at);
    visit({ what: 'tổ chức cơ sở đảng', members: false, units: bases.subarray(g * NCODES, g * NCODES + NCODES) }, at, who);
    visit({ what: 'chi bộ trực thuộc', members: false, units: direct.subarray(g * NCODES, g * NCODES + NCODES) }, at, who);
  }
}

/**
 * Breaches of the year's rules on the figures, as problems to print as warnings (sorted by line). `file`: the
 * organizations' file, or (a roll-up) the file of each organization (-1: the reporting committee), undefined for
 * one that is no row (a unit sent as figures: its breaches were said in its own run).
 */
export function checkRules(f: Figures, file: string | ((org: number) => string | undefined), reporting = 'Cấp ủy báo cáo'): Problem[] {
  const units = rulesOf(f.year, 'unit');
  const groups = rulesOf(f.year, 'group');
  const out: Problem[] = [];
  const fileOf = typeof file === 'string' ? () => file : file;
  const warn = (org: number, code: ProblemCode, message: string) => {
    const where = fileOf(org);
    if (where !== undefined) out.push({ file: where, line: org < 0 ? 0 : Math.max(0, f.orgs.lines[org]!), code, message, year: f.year });
  };
  if (units.length > 0) {
    eachUnit(f, (s, org) => {
      for (const m of said(units, s)) warn(org, m.code, `${f.orgs.name(org)}: ${m.message}`);
    });
  }
  if (groups.length > 0) {
    eachGroup(f, reporting, (s, at, who) => {
      for (const m of said(groups, s)) warn(at, m.code, `${who}: ${m.message}`);
    });
  }
  return out.sort((a, b) => a.line - b.line);
}
