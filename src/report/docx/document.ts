// The report as a Word document in the format of a party committee's báo cáo (Hướng dẫn 36-HD/VPTW): the header
// block (./header.ts), the title and subject, the body, "Nơi nhận" and the signature, then an appendix of the
// units on a landscape page. The body's prose is the text report's: the same partials (templates/text/, the
// shared ones) rendered one by one, each part under its heading and followed by its table. The bytes are then
// repacked (../office/zip.ts) so that the same input gives the same file.
import { Document, Header as PageHeader, Packer, PageNumber, PageOrientation, Paragraph, Table, TableCell, TableLayoutType, TableRow, TextRun, WidthType, type FileChild } from 'docx';
import { formatCount } from '../../format.js';
import type { Figures } from '../../figures/aggregate.js';
import { blockRows } from '../block-rows.js';
import type { BlockModel } from '../blocks.js';
import { LEVELS } from '../levels.js';
import type { ReportMeta } from '../metadata.js';
import type { Report as FullReport } from '../output.js';
import { buildModel } from '../model.js';
import { partText, repack, textPart } from '../office/zip.js';
import { paragraph } from '../helpers.js';
import { render, type TemplateSet } from '../render.js';
import { headerOf, type Header } from './header.js';
import { A4, BODY_SIZE, bodyParagraph, FONT, line, MARGIN, NO_BORDERS, SMALL_SIZE, TEXT_WIDTH, widths } from './style.js';
import { blockTable, levelTable, weakTable, type WeakRow } from './tables.js';

type Model = ReturnType<typeof buildModel>;

/** A partial of the text templates rendered on its own: its paragraphs (one a line in the text format), or as one piece of a sentence. */
function sayer(set: TemplateSet) {
  const said = (name: string, context: object) => {
    const p = set.partials[name];
    if (!p) throw new Error(`docx: the text templates have no partial "${name}"`);
    return render({ ...set, name: p.file, main: p.source }, context);
  };
  return {
    paragraphs: (name: string, context: object) =>
      said(name, context)
        .split('\n')
        .map((s) => s.trim())
        .filter((s) => s !== ''),
    inline: (name: string, context: object) => paragraph(said(name, context)),
  };
}

/**
 * The most rows a table of the document holds. A district's appendix has a few dozen; a province's thousands
 * would be hundreds of pages (and gigabytes for the library to build): past this, the document says where the
 * list is (the workbook, --format xlsx) instead. The prose still names every weak unit.
 */
export const MAX_TABLE_ROWS = 500;

const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII'];
const heading = (text: string) => bodyParagraph(text, { bold: true });

/** The header block: the issuer top left, the Party's name with the place and date top right; no borders. */
function headerBlock(h: Header): Table {
  const w = widths([5, 6], TEXT_WIDTH);
  const left = [
    ...(h.superior ? [line(h.superior, 'center')] : []),
    line(h.issuer, 'center', { bold: true }),
    line('*', 'center'),
    line(h.number, 'center'),
  ];
  const right = [line('ĐẢNG CỘNG SẢN VIỆT NAM', 'center', { bold: true, size: 30, underline: true }, { after: 240 }), line(h.placeDate, 'center', { italics: true })];
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: w,
    layout: TableLayoutType.FIXED,
    borders: NO_BORDERS,
    rows: [new TableRow({ children: [cellOf(left, w[0]!), cellOf(right, w[1]!)] })],
  });
}

/** A layout cell holding ready paragraphs. */
const cellOf = (paragraphs: Paragraph[], width: number) => new TableCell({ width: { size: width, type: WidthType.DXA }, children: paragraphs });

/** "Nơi nhận" bottom left, the signature bottom right. */
function closing(h: Header): Table {
  const w = widths([5, 6], TEXT_WIDTH);
  const left = [line('Nơi nhận:', 'left', { underline: true }), ...h.recipients.map((r) => line(r, 'left', { size: SMALL_SIZE }))];
  const right = [line(h.onBehalfOf, 'center', { bold: true }), line(h.signerTitle, 'center', { bold: true }), ...['', '', '', ''].map((t) => line(t, 'center')), line(h.signerName, 'center', { bold: true })];
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: w,
    layout: TableLayoutType.FIXED,
    borders: NO_BORDERS,
    rows: [new TableRow({ cantSplit: true, children: [cellOf(left, w[0]!), cellOf(right, w[1]!)] })],
  });
}

/** A note under a table, in italics. */
const note = (text: string) => line(text, 'left', { italics: true, size: SMALL_SIZE }, { before: 60, after: 120 });

/** The results' parts, in the order of the text report: each with its heading, its partials and its table. */
interface ResultPart {
  title: (m: Model) => string;
  when: (m: Model) => boolean;
  partials: readonly string[];
  /** The block its table shows, with the table's noun; null without a table. */
  table: ((m: Model) => { block: BlockModel; noun: string; split: boolean; cumulative: boolean } | null) | null;
}

const RESULTS: readonly ResultPart[] = [
  {
    title: (m) => (m.single ? 'Xếp loại tổ chức đảng' : 'Xếp loại tổ chức cơ sở đảng'),
    when: () => true,
    partials: ['base-organizations'],
    table: (m) => (m.single ? null : { block: m.baseOrganizations, noun: 'tổ chức', split: m.baseOrganizations.committees > 0 && m.baseOrganizations.cellBases > 0, cumulative: m.year > 2018 }),
  },
  { title: () => 'Xếp loại chi bộ trực thuộc đảng ủy cơ sở', when: (m) => m.cells.total > 0, partials: ['cells'], table: (m) => ({ block: m.cells, noun: 'chi bộ', split: false, cumulative: m.year > 2018 }) },
  { title: (m) => `Tổ chức đảng xếp loại ${m.weak.label}`, when: (m) => m.weak.groups.length > 0, partials: ['weak'], table: null },
  { title: () => 'Đánh giá, xếp loại đảng viên', when: () => true, partials: ['members', 'reasons'], table: (m) => ({ block: m.members, noun: 'đảng viên', split: false, cumulative: true }) },
];

function weakRows(m: Model): WeakRow[] {
  const above = m.unitParty ?? '';
  const selves = m.weak.selves.map((g) => ({ name: g.name, kindName: g.kindName, under: above, ratingLabel: g.ratingLabel }));
  const cells = m.weak.withCells.flatMap((g) => g.cells.map((c) => ({ name: c.name, kindName: 'Chi bộ trực thuộc', under: g.name, ratingLabel: c.ratingLabel })));
  return [...selves, ...cells];
}

/** The body: the parts under Roman numerals, the results numbered within theirs. */
function body(m: Model, say: ReturnType<typeof sayer>): FileChild[] {
  const out: FileChild[] = [];
  let part = 0;
  const partHeading = (text: string) => out.push(heading(`${ROMAN[part++] ?? String(part)}. ${text.toUpperCase()}`));
  const lead = say.paragraphs('lead', m);
  if (lead.length) {
    partHeading('Công tác lãnh đạo, chỉ đạo');
    out.push(...lead.map((t) => bodyParagraph(t)));
  }
  partHeading('Kết quả kiểm điểm, đánh giá, xếp loại');
  out.push(...say.paragraphs('overview', m).map((t) => bodyParagraph(t)));
  let item = 0;
  for (const r of RESULTS.filter((p) => p.when(m))) {
    out.push(heading(`${++item}. ${r.title(m)}`));
    out.push(...r.partials.flatMap((p) => say.paragraphs(p, m)).map((t) => bodyParagraph(t)));
    const t = r.table?.(m);
    if (t) {
      const rows = blockRows(t.block, t.cumulative, t.split ? m.baseOrganizations.kinds : undefined);
      out.push(
        blockTable(rows, {
          noun: t.noun,
          previousYear: m.previous?.year ?? null,
          totalChange: t.block.totalChange,
          ofTotal: t.block.total > t.block.rated,
          split: t.split,
          change: (l) => say.inline('change-cell', { ...l, fromTo: t.block.fromTo }),
        }),
      );
      if (t.block.total > t.block.rated && t.block.rated > 0) out.push(note(`Tỷ lệ tính trên ${formatCount(t.block.rated)} ${t.noun} đã được xếp loại.`));
      if (t.block.fromTo) out.push(note(`Ghi chú: ${say.inline('change-note', { ...m, ...t.block, noun: t.noun })}.`));
      out.push(line('', 'left'));
    }
    const weak = r.partials.includes('weak') ? weakRows(m) : [];
    if (weak.length > 0 && weak.length <= MAX_TABLE_ROWS) out.push(weakTable(weak), line('', 'left'));
  }
  for (const s of m.sections) {
    if (s.heading) partHeading(s.heading);
    out.push(...s.text.split(/\n+/).map((t) => t.trim()).filter((t) => t !== '').map((t) => bodyParagraph(t)));
  }
  return out;
}

/** The appendix: the units of the first level that has any (base organizations; a single one's cells). */
function appendix(f: Figures, m: Model, h: Header): FileChild[] {
  const levels = LEVELS.map((l) => l.table(f)).filter((l) => l.rows.length > 0);
  const level = m.single ? (levels.find((l) => l.code === 'cells') ?? levels[0]) : levels[0];
  if (!level) return [];
  const legend = [...(level.cellCodes ?? []), ...level.memberCodes].filter((c, i, all) => all.findIndex((d) => d.short === c.short) === i && c.short !== c.name);
  const what = level.code === 'cells' ? 'chi bộ trực thuộc' : 'tổ chức cơ sở đảng';
  if (level.rows.length > MAX_TABLE_ROWS) {
    return [bodyParagraph(`Kết quả xếp loại của từng ${what} (${formatCount(level.rows.length)} ${what}) quá dài để in kèm báo cáo: xem bảng tính số liệu (assess report --format xlsx), trang "${level.name}".`, { italics: true })];
  }
  return [
    line('PHỤ LỤC', 'center', { bold: true }),
    line(`Kết quả xếp loại từng ${what} năm ${m.year}`, 'center', { bold: true }),
    line(h.attached, 'center', { italics: true }, { after: 240 }),
    levelTable(level),
    ...(legend.length ? [note(`Viết tắt: ${legend.map((c) => `${c.short}: ${c.name.toLowerCase()}`).join('; ')}.`)] : []),
  ];
}

/** Page numbers top centre (the first page has none: titlePage). */
const pageNumbers = () => new PageHeader({ children: [new Paragraph({ alignment: 'center', children: [new TextRun({ font: FONT, size: BODY_SIZE, children: [PageNumber.CURRENT] })] })] });

/** What the document is made of: the figures (the compared year's too) and report.json. */
type Report = Pick<FullReport, 'figures' | 'previous' | 'meta'>;

/** The Word document's bytes: the report's model with the text templates' words. */
export async function docxBytes(report: Report, templates: TemplateSet): Promise<Uint8Array> {
  const m = buildModel(report.figures, report.meta, report.previous);
  const h = headerOf(report.meta, m.year);
  const say = sayer(templates);
  const first = [
    headerBlock(h),
    line(h.title, 'center', { bold: true, size: 32 }, { before: 360 }),
    line(h.subject, 'center', { bold: true }),
    line('-----', 'center', {}, { after: 240 }),
    ...body(m, say),
    line('', 'left'),
    closing(h),
  ];
  const page = { size: A4, margin: MARGIN };
  const numbers = pageNumbers();
  const doc = new Document({
    creator: 'assess',
    lastModifiedBy: 'assess',
    title: `Báo cáo ${h.subject.charAt(0).toLowerCase()}${h.subject.slice(1)}`,
    styles: { default: { document: { run: { font: FONT, size: BODY_SIZE } } } },
    sections: [
      { properties: { page, titlePage: true }, headers: { default: numbers, first: new PageHeader({ children: [] }) }, children: first },
      { properties: { page: { ...page, size: { ...A4, orientation: PageOrientation.LANDSCAPE } } }, headers: { default: numbers }, children: appendix(report.figures, m, h) },
    ],
  });
  const bytes = await Packer.toBuffer(doc);
  return repack(bytes, fixedProperties(report.meta));
}

/**
 * docx stamps the clock into docProps/core.xml: the dates become the report's date (report.json's `date`),
 * or are left out.
 */
function fixedProperties(meta: ReportMeta): (name: string, data: Uint8Array) => Uint8Array {
  return (name, data) => {
    if (name !== 'docProps/core.xml') return data;
    const when = meta.date ? `${meta.date}T00:00:00Z` : undefined;
    const xml = partText(data).replace(/<dcterms:(created|modified)\b[^>]*>[^<]*<\/dcterms:\1>/g, (whole, tag: string) => (when ? `<dcterms:${tag} xsi:type="dcterms:W3CDTF">${when}</dcterms:${tag}>` : ''));
    return textPart(xml);
  };
}
