// The parts of a party committee's báo cáo that frame the figures (Hướng dẫn 36-HD/VPTW): the issuing body top
// left (the committee above, the issuer, "*", the number), the place and date top right, the title and its
// subject, the signature and "Nơi nhận". Each is derived from report.json (unit, publisher, date and the
// optional documentNumber, place, superior, signer, recipients); what cannot be derived is a blank of dots to
// fill in by hand. Pure: words only, the layout is ./document.ts's.
import type { ReportMeta } from '../metadata.js';

/** A blank to fill in by hand. */
export const BLANK = '……………';
/** A short blank (a day, a month). */
const SHORT = '……';

/** What the unit's administrative word says of its committee: its name, the symbol of its documents, and the level above it. */
interface Level {
  /** The unit's word: "huyện" in "huyện Bắc Bình". */
  word: string;
  /** Its committee: "Huyện ủy". */
  committee: string;
  /** The level above, as the header's first line names it ("ĐẢNG BỘ TỈNH …"), or null (a province is under the Central Committee). */
  above: (year: number) => string | null;
}

/** A commune's committee was under the district's until the two-level local government of 2025. */
const communeAbove = (year: number) => (year >= 2025 ? 'tỉnh' : 'huyện');

/** The levels (words are matched whole, followed by the proper name). */
const LEVELS: readonly Level[] = [
  { word: 'tỉnh', committee: 'Tỉnh ủy', above: () => null },
  { word: 'thành phố', committee: 'Thành ủy', above: () => 'tỉnh' },
  { word: 'thị xã', committee: 'Thị ủy', above: () => 'tỉnh' },
  { word: 'huyện', committee: 'Huyện ủy', above: () => 'tỉnh' },
  { word: 'quận', committee: 'Quận ủy', above: () => 'thành phố' },
  { word: 'thị trấn', committee: 'Đảng ủy thị trấn', above: communeAbove },
  { word: 'phường', committee: 'Đảng ủy phường', above: communeAbove },
  { word: 'xã', committee: 'Đảng ủy xã', above: communeAbove },
];

/** The symbol of a committee's documents after "-BC/": by the committee's first words ("Huyện ủy Bắc Bình" → HU). */
const SYMBOLS: readonly [RegExp, string][] = [
  [/^(tỉnh|thành|thị) ủy(\s|$)/iu, 'TU'],
  [/^huyện ủy(\s|$)/iu, 'HU'],
  [/^quận ủy(\s|$)/iu, 'QU'],
  [/^đảng ủy(\s|$)/iu, 'ĐU'],
  [/^chi bộ(\s|$)/iu, 'CB'],
];

const PARTY = /^(đảng bộ|đảng ủy|chi bộ)\s+/iu;

/** Upper case as Vietnamese documents print it ("Huyện ủy Bắc Bình" → "HUYỆN ỦY BẮC BÌNH"). */
const upper = (s: string) => s.toUpperCase();
const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
/** "uỷ" and "ủy" are one word written two ways. */
const spelling = (s: string) => s.replace(/uỷ/gu, 'ủy').replace(/UỶ/gu, 'ỦY');

/** The level of a unit or a committee, and its proper name: "huyện Bắc Bình", "Huyện ủy Bắc Bình", "Đảng bộ xã Tân Phước" (a xã). */
function levelOf(named: string | undefined): { level: Level; name: string } | undefined {
  if (!named) return undefined;
  const bare = spelling(named).replace(PARTY, '');
  for (const level of LEVELS) {
    const m = new RegExp(`^(?:${level.word}|${level.committee})\\s+(.+)$`, 'iu').exec(bare);
    if (m) return { level, name: m[1]! };
  }
  return undefined;
}

/** "06" for 6, "11" for 11: a day is written with two digits. A month too when it is 1 or 2 (so that it cannot become 11 or 12 by hand). */
const day = (d: number) => String(d).padStart(2, '0');
const month = (m: number) => (m <= 2 ? String(m).padStart(2, '0') : String(m));

export interface Header {
  /** The committee above the issuer, in capitals (normal weight); null when there is none (a province). */
  superior: string | null;
  /** The issuer, in capitals (bold): "HUYỆN ỦY BẮC BÌNH". */
  issuer: string;
  /** "Số 45-BC/HU", or "Số      -BC/HU" to fill in. */
  number: string;
  /** "Bắc Bình, ngày 06 tháng 02 năm 2018", or blanks. */
  placeDate: string;
  title: string;
  /** The title's subject, under it. */
  subject: string;
  /** "T/M BAN THƯỜNG VỤ". */
  onBehalfOf: string;
  /** The signer's title, in capitals: "PHÓ BÍ THƯ", or a blank. */
  signerTitle: string;
  /** The signer's name, or a blank. */
  signerName: string;
  /** Under the appendix's title: "(Kèm theo Báo cáo số 45-BC/HU ngày 06/02/2018 của Huyện ủy Bắc Bình)". */
  attached: string;
  /** "Nơi nhận" lines: "- Ban Tổ chức Tỉnh ủy,", …, "- Lưu." */
  recipients: string[];
}

/** The issuer as the publisher names it, else from the unit ("huyện Bắc Bình" → "Huyện ủy Bắc Bình"). */
function issuerOf(meta: ReportMeta): string | undefined {
  if (meta.publisher) return meta.publisher;
  const found = levelOf(meta.unit);
  if (found) return `${found.level.committee} ${found.name}`;
  return meta.unit && PARTY.test(meta.unit) ? meta.unit.replace(/^đảng bộ/iu, 'Đảng ủy') : undefined;
}

/** The header, title, signature and recipients of the report of `year`. */
export function headerOf(meta: ReportMeta, year: number): Header {
  const issuer = issuerOf(meta);
  const found = levelOf(meta.unit) ?? levelOf(meta.publisher);
  const above = found?.level.above(year);
  const superior = meta.superior ? upper(meta.superior) : found && above === null ? null : `ĐẢNG BỘ ${above ? `${upper(above)} ` : ''}${BLANK}`;
  const symbol = issuer ? (SYMBOLS.find(([re]) => re.test(spelling(issuer)))?.[1] ?? BLANK) : BLANK;
  const place = meta.place ?? (found ? capital(found.name) : BLANK);
  let date = `ngày ${SHORT} tháng ${SHORT} năm ${SHORT}`;
  if (meta.date) {
    const [y, m, d] = meta.date.split('-').map(Number) as [number, number, number];
    date = `ngày ${day(d)} tháng ${month(m)} năm ${y}`;
  }
  const numberOnly = meta.documentNumber ?? `      -BC/${symbol}`;
  const dated = meta.date ? meta.date.split('-').reverse().join('/') : `${SHORT}/${SHORT}/${SHORT}`;
  const chapter = issuer !== undefined && /^chi bộ(\s|$)/iu.test(issuer);
  return {
    superior,
    issuer: issuer ? upper(issuer) : BLANK,
    number: `Số ${numberOnly}`,
    placeDate: `${place}, ${date}`,
    title: 'BÁO CÁO',
    subject: `Kết quả kiểm điểm, đánh giá, xếp loại chất lượng tổ chức đảng và đảng viên năm ${year}`,
    onBehalfOf: `T/M ${upper(meta.signer?.onBehalfOf ?? (chapter ? 'Chi bộ' : 'Ban Thường vụ'))}`,
    signerTitle: meta.signer?.title ? upper(meta.signer.title) : BLANK,
    signerName: meta.signer?.name ?? BLANK,
    attached: `(Kèm theo Báo cáo số ${numberOnly} ngày ${dated} của ${issuer ?? BLANK})`,
    recipients: [...(meta.recipients ?? [BLANK, BLANK]).map((r) => `- ${r.replace(/[,.;]$/u, '')},`), '- Lưu.'],
  };
}
