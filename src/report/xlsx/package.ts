// A SpreadsheetML package (.xlsx) written by hand: the few parts Excel, LibreOffice and every reader need
// (content types, relationships, workbook, one part per sheet, shared strings, styles, document properties),
// zipped with a fixed time and order (../office/zip.ts). What a sheet holds and how it is laid out is
// ./sheet.ts's; this file only writes it as XML. No clock, no random id: the same sheets give the same bytes.
import { zipSync, type Zippable } from 'fflate';
import { FIXED_TIME } from '../office/zip.js';

/** The cell styles, by their index in styles.xml's cellXfs (see STYLES). */
export const STYLE = { plain: 0, head: 1, text: 2, count: 3, share: 4, literal: 5 } as const;
export type StyleName = keyof typeof STYLE;

export interface CellOut {
  value: string | number | null;
  style: StyleName;
}

export interface SheetOut {
  name: string;
  rows: CellOut[][];
  /** Column widths in characters. */
  widths: number[];
  /** Row heights in points (a row of wrapped text does not grow by itself in every program). */
  heights: number[];
  /** Heading rows, frozen and repeated on every printed page; the filter sits on the last. */
  heads: number;
  /** Merged ranges: [firstRow, firstCol, lastRow, lastCol], from 0. */
  merges: [number, number, number, number][];
  /** The printed page's header (plain text). */
  title: string;
}

/** XML text: escaped, and without the characters XML 1.0 cannot hold (control characters from the data). */
// eslint-disable-next-line no-control-regex -- these are what is removed
const esc = (s: string) => s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** 0 → "A", 26 → "AA". */
export function columnName(i: number): string {
  let s = '';
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}
const ref = (row: number, col: number) => `${columnName(col)}${row + 1}`;
/** A sheet's name as a formula names it: 'Tổng hợp'!$A$1. */
const quoted = (name: string) => `'${name.replace(/'/g, "''")}'`;

const HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL = 'http://schemas.openxmlformats.org/package/2006/relationships';

/**
 * The styles: fonts (Times New Roman 12, and bold), fills (none, the required gray125, the headings' blue),
 * borders (none, thin), and the cell formats STYLE names. Number formats are Excel's built-in ones:
 * 3 "#,##0", 10 "0.00%", 49 "@" (text).
 */
const STYLES = `${HEAD}<styleSheet xmlns="${MAIN}">
<fonts count="2"><font><sz val="12"/><name val="Times New Roman"/><family val="1"/></font><font><b/><sz val="12"/><name val="Times New Roman"/><family val="1"/></font></fonts>
<fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill><fill><patternFill patternType="solid"><fgColor rgb="FFD9E1F2"/><bgColor indexed="64"/></patternFill></fill></fills>
<borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border><border><left style="thin"><color auto="1"/></left><right style="thin"><color auto="1"/></right><top style="thin"><color auto="1"/></top><bottom style="thin"><color auto="1"/></bottom><diagonal/></border></borders>
<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>
<cellXfs count="6">
<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>
<xf numFmtId="0" fontId="1" fillId="2" borderId="1" xfId="0" applyFont="1" applyFill="1" applyBorder="1" applyAlignment="1"><alignment horizontal="center" vertical="center" wrapText="1"/></xf>
<xf numFmtId="0" fontId="0" fillId="0" borderId="1" xfId="0" applyBorder="1" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf>
<xf numFmtId="3" fontId="0" fillId="0" borderId="1" xfId="0" applyNumberFormat="1" applyBorder="1" applyAlignment="1"><alignment vertical="top"/></xf>
<xf numFmtId="10" fontId="0" fillId="0" borderId="1" xfId="0" applyNumberFormat="1" applyBorder="1" applyAlignment="1"><alignment vertical="top"/></xf>
<xf numFmtId="49" fontId="0" fillId="0" borderId="1" xfId="0" applyNumberFormat="1" applyBorder="1" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf>
</cellXfs>
<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>
</styleSheet>
`;

/** Shared strings: each text once, by its index. */
class Strings {
  readonly list: string[] = [];
  private readonly index = new Map<string, number>();
  of(s: string): number {
    let i = this.index.get(s);
    if (i === undefined) this.index.set(s, (i = this.list.push(s) - 1));
    return i;
  }
}

function sheetXml(s: SheetOut, first: boolean, strings: Strings): string {
  const width = Math.max(1, s.widths.length);
  const last = ref(Math.max(0, s.rows.length - 1), width - 1);
  const rows = s.rows
    .map((cells, r) => {
      const cs = cells
        .map((c, col) => {
          const at = `r="${ref(r, col)}" s="${STYLE[c.style]}"`;
          if (c.value === null || c.value === '') return `<c ${at}/>`;
          if (typeof c.value === 'number') return `<c ${at}><v>${c.value}</v></c>`;
          return `<c ${at} t="s"><v>${strings.of(c.value)}</v></c>`;
        })
        .join('');
      const ht = s.heights[r];
      return `<row r="${r + 1}"${ht ? ` ht="${ht}" customHeight="1"` : ''}>${cs}</row>`;
    })
    .join('');
  const cols = s.widths.map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`).join('');
  const pane = s.heads > 0 ? `<pane ySplit="${s.heads}" topLeftCell="A${s.heads + 1}" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A${s.heads + 1}" sqref="A${s.heads + 1}"/>` : '';
  const filter = s.heads > 0 ? `<autoFilter ref="${ref(s.heads - 1, 0)}:${ref(s.heads - 1, width - 1)}"/>` : '';
  const merges = s.merges.length ? `<mergeCells count="${s.merges.length}">${s.merges.map(([a, b, c, d]) => `<mergeCell ref="${ref(a, b)}:${ref(c, d)}"/>`).join('')}</mergeCells>` : '';
  const header = `&amp;C&amp;"Times New Roman,Bold"${esc(s.title.replace(/&/g, '&&'))}`;
  return (
    `${HEAD}<worksheet xmlns="${MAIN}" xmlns:r="${REL}">` +
    `<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr><dimension ref="A1:${last}"/>` +
    `<sheetViews><sheetView workbookViewId="0"${first ? ' tabSelected="1"' : ''}>${pane}</sheetView></sheetViews>` +
    `<sheetFormatPr defaultRowHeight="15.75"/><cols>${cols}</cols><sheetData>${rows}</sheetData>${filter}${merges}` +
    `<pageMargins left="0.5" right="0.5" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>` +
    `<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"/>` +
    `<headerFooter><oddHeader>${header}</oddHeader><oddFooter>&amp;CTrang &amp;P/&amp;N</oddFooter></headerFooter></worksheet>`
  );
}

/** The workbook's bytes. `date` (YYYY-MM-DD) dates its properties; none without it. */
export function xlsxBytes(sheets: readonly SheetOut[], title: string, date: string | undefined): Uint8Array {
  const strings = new Strings();
  const enc = new TextEncoder();
  const files: Zippable = {};
  const put = (name: string, xml: string) => (files[name] = [enc.encode(xml), { mtime: FIXED_TIME, level: 6 }]);
  const sheetParts = sheets.map((s, i) => sheetXml(s, i === 0, strings));
  const names = sheets.map((s) => s.name);
  put(
    '[Content_Types].xml',
    `${HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>` +
      `<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
      sheets.map((_s, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join('') +
      `<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>` +
      `<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/><Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/></Types>`,
  );
  put(
    '_rels/.rels',
    `${HEAD}<Relationships xmlns="${PKG_REL}"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/><Relationship Id="rId3" Type="${REL}/extended-properties" Target="docProps/app.xml"/></Relationships>`,
  );
  const when = date ? `<dcterms:created xsi:type="dcterms:W3CDTF">${date}T00:00:00Z</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">${date}T00:00:00Z</dcterms:modified>` : '';
  put(
    'docProps/core.xml',
    `${HEAD}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>${esc(title)}</dc:title><dc:creator>assess</dc:creator><cp:lastModifiedBy>assess</cp:lastModifiedBy>${when}</cp:coreProperties>`,
  );
  put('docProps/app.xml', `${HEAD}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>assess</Application></Properties>`);
  const defined = sheets.flatMap((s, i) =>
    s.heads > 0
      ? [
          `<definedName name="_xlnm._FilterDatabase" localSheetId="${i}" hidden="1">${esc(quoted(s.name))}!$A$${s.heads}:$${columnName(Math.max(1, s.widths.length) - 1)}$${s.heads}</definedName>`,
          `<definedName name="_xlnm.Print_Titles" localSheetId="${i}">${esc(quoted(s.name))}!$1:$${s.heads}</definedName>`,
        ]
      : [],
  );
  put(
    'xl/workbook.xml',
    `${HEAD}<workbook xmlns="${MAIN}" xmlns:r="${REL}"><bookViews><workbookView activeTab="0"/></bookViews><sheets>${names.map((n, i) => `<sheet name="${esc(n)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('')}</sheets>${defined.length ? `<definedNames>${defined.join('')}</definedNames>` : ''}</workbook>`,
  );
  put(
    'xl/_rels/workbook.xml.rels',
    `${HEAD}<Relationships xmlns="${PKG_REL}">${sheets.map((_s, i) => `<Relationship Id="rId${i + 1}" Type="${REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join('')}<Relationship Id="rId${sheets.length + 1}" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rId${sheets.length + 2}" Type="${REL}/styles" Target="styles.xml"/></Relationships>`,
  );
  sheetParts.forEach((xml, i) => put(`xl/worksheets/sheet${i + 1}.xml`, xml));
  put('xl/sharedStrings.xml', `${HEAD}<sst xmlns="${MAIN}" count="${strings.list.length}" uniqueCount="${strings.list.length}">${strings.list.map((s) => `<si><t xml:space="preserve">${esc(s)}</t></si>`).join('')}</sst>`);
  put('xl/styles.xml', STYLES);
  return zipSync(files, { mtime: FIXED_TIME, level: 6 });
}
