// A small .xlsx of one sheet, for the starter folder (`assess init`): a header row in bold, frozen, then rows
// of text and numbers; the columns of ids formatted as Text (@), so that a code typed later as 005 keeps its
// zeros; widths that fit. The same rows give the same bytes (fixed times in the ZIP, no document
// properties). Pure: bytes out; src/io/init.ts writes them.
import { crc32, deflateRawSync } from 'node:zlib';

export interface SheetData {
  name: string;
  header: readonly string[];
  rows: readonly (readonly (string | number)[])[];
  /** The columns (0-based) formatted as Text. */
  textColumns: readonly number[];
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** A column's letters: 0 → A. */
const letters = (c: number): string => (c < 26 ? String.fromCharCode(65 + c) : letters(Math.floor(c / 26) - 1) + String.fromCharCode(65 + (c % 26)));

// Cell formats (cellXfs): 0 General, 1 Text (@), 2 the header (bold, text).
const GENERAL = 0;
const TEXT = 1;
const HEADER = 2;

function sheetXml(s: SheetData): string {
  const width = (c: number) => Math.min(60, Math.max(...[s.header[c]!, ...s.rows.map((r) => String(r[c] ?? ''))].map((v) => [...v].length)) + 3);
  const cols = s.header.map((_, c) => `<col min="${c + 1}" max="${c + 1}" width="${width(c)}" customWidth="1"${s.textColumns.includes(c) ? ` style="${TEXT}"` : ''}/>`).join('');
  const cell = (v: string | number, c: number, r: number, style: number) =>
    typeof v === 'number'
      ? `<c r="${letters(c)}${r}"${style ? ` s="${style}"` : ''}><v>${v}</v></c>`
      : v === ''
        ? ''
        : `<c r="${letters(c)}${r}" t="inlineStr"${style ? ` s="${style}"` : ''}><is><t>${esc(v)}</t></is></c>`;
  const header = `<row r="1">${s.header.map((h, c) => cell(h, c, 1, HEADER)).join('')}</row>`;
  const body = s.rows.map((row, i) => `<row r="${i + 2}">${row.map((v, c) => cell(v, c, i + 2, s.textColumns.includes(c) ? TEXT : GENERAL)).join('')}</row>`).join('');
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
    `<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>` +
    `<cols>${cols}</cols><sheetData>${header}${body}</sheetData></worksheet>`
  );
}

const STYLES =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
  '<fonts count="2"><font><sz val="12"/><name val="Times New Roman"/></font><font><b/><sz val="12"/><name val="Times New Roman"/></font></fonts>' +
  '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' +
  '<xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
  '<xf numFmtId="49" fontId="1" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyFont="1"/></cellXfs>' +
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>';

/** The workbook of one sheet, as the bytes of an .xlsx file. */
export function workbookBytes(sheet: SheetData): Buffer {
  const xml = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
  const rel = (id: string, type: string, target: string) => `<Relationship Id="${id}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/${type}" Target="${target}"/>`;
  const rels = (body: string) => `${xml}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${body}</Relationships>`;
  return zip([
    [
      '[Content_Types].xml',
      `${xml}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
        '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' +
        '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>',
    ],
    ['_rels/.rels', rels(rel('rId1', 'officeDocument', 'xl/workbook.xml'))],
    [
      'xl/workbook.xml',
      `${xml}<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">` +
        `<sheets><sheet name="${esc(sheet.name)}" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    ],
    ['xl/_rels/workbook.xml.rels', rels(rel('rId1', 'worksheet', 'worksheets/sheet1.xml') + rel('rId2', 'styles', 'styles.xml'))],
    ['xl/styles.xml', STYLES],
    ['xl/worksheets/sheet1.xml', sheetXml(sheet)],
  ]);
}

/** A ZIP archive of the entries, deflated, with a fixed time (1 January 2026) so the same entries give the same bytes. */
function zip(entries: [string, string][]): Buffer {
  const TIME = 0;
  const DATE = ((2026 - 1980) << 9) | (1 << 5) | 1;
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of entries) {
    const data = Buffer.from(text, 'utf8');
    const packed = deflateRawSync(data, { level: 9 });
    const nameBytes = Buffer.from(name, 'utf8');
    const crc = crc32(data);
    const head = (central: boolean) => {
      const b = Buffer.alloc(central ? 46 : 30);
      let p = 0;
      const u32 = (v: number) => (p = b.writeUInt32LE(v >>> 0, p));
      const u16 = (v: number) => (p = b.writeUInt16LE(v, p));
      u32(central ? 0x02014b50 : 0x04034b50);
      if (central) u16(20); // made by
      u16(20); // needed to extract
      u16(0x0800); // names in UTF-8
      u16(8); // deflated
      u16(TIME);
      u16(DATE);
      u32(crc);
      u32(packed.length);
      u32(data.length);
      u16(nameBytes.length);
      u16(0); // extra
      if (central) {
        u16(0); // comment
        u16(0); // disk
        u16(0); // internal attributes
        u32(0); // external attributes
        u32(offset);
      }
      return b;
    };
    const local = Buffer.concat([head(false), nameBytes, packed]);
    locals.push(local);
    centrals.push(Buffer.concat([head(true), nameBytes]));
    offset += local.length;
  }
  const central = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(central.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, central, end]);
}
