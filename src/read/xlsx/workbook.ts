// An .xlsx workbook → the rows of one of its sheets, as the batches the string path reads (read/source.ts),
// through a port onto the package's parts (src/io/xlsx-zip.ts opens the ZIP): the parts are found through
// their relationships, the shared strings and the cell formats are read first, then the sheet streams.
// Which sheet is read: in organizations.xlsx (members.xlsx) the sheet named for the table if there is one
// (`Tổ chức`, `Đảng viên`…), else the first sheet that is not hidden; in a workbook of both tables, the
// sheet named for each. Pure: the port does the reading.
import { fold } from '../../schemes.js';
import type { Batch } from '../source.js';
import type { CsvIssue } from '../tokenize.js';
import { dateStyles, folderOf, relationships, relsOf, resolvePart, SharedStrings, workbookInfo, type SheetEntry } from './parts.js';
import { SheetReader, type SheetIssue } from './sheet.js';
import { NotPlain } from './not-plain.js';
import { CsvStringsReader } from './csv-strings.js';
import { SheetCsv } from './sheet-csv.js';
import { XmlError } from './xml.js';

/** What the reader needs of the ZIP package. */
export interface PackagePort {
  has(part: string): boolean;
  /** A small part, whole (the workbook, its relationships, the styles). */
  text(part: string): Promise<string>;
  /** A part's text as it is inflated (the shared strings, the sheet). */
  chunks(part: string): AsyncIterable<string>;
  /** A part's bytes as they are inflated (for the sheet turned into CSV bytes). */
  bytes(part: string): AsyncIterable<Buffer>;
}

export type Table = 'organizations' | 'members';

/** The names a sheet may have to hold a table, matched the forgiving way (case, accents, spaces, `_`). */
export const SHEET_NAMES: Readonly<Record<Table, readonly string[]>> = {
  organizations: ['organizations', 'Tổ chức', 'Tổ chức đảng', 'Danh sách tổ chức'],
  members: ['members', 'Đảng viên', 'Danh sách đảng viên'],
};

/** The table a sheet's name says it holds, if any. */
export function tableOfSheet(name: string): Table | undefined {
  const key = fold(name);
  return (Object.keys(SHEET_NAMES) as Table[]).find((t) => SHEET_NAMES[t].some((n) => fold(n) === key));
}

export interface Sheet extends SheetEntry {
  /** Its part in the package, or undefined when it is not a worksheet (a chart sheet). */
  part: string | undefined;
}

export interface Workbook {
  sheets: Sheet[];
  date1904: boolean;
  sharedStrings: string | undefined;
  styles: string | undefined;
}

/** Why a package is not a workbook we can read, in words (the caller puts the file's name before it). */
export class NotAWorkbook extends Error {}

/** The workbook's sheets, in order, with their parts. */
export async function readWorkbook(zip: PackagePort): Promise<Workbook> {
  const root = zip.has('_rels/.rels') ? relationships(await zip.text('_rels/.rels'), '') : [];
  const main = root.find((r) => r.type === 'officeDocument')?.target ?? 'xl/workbook.xml';
  if (!zip.has(main)) {
    if (zip.has('word/document.xml')) throw new NotAWorkbook('đây là văn bản Word (.docx) chứ không phải sổ làm việc Excel');
    if (zip.has('content.xml') && zip.has('mimetype')) throw new NotAWorkbook(SAVE_AS_XLSX_ODS);
    throw new NotAWorkbook('tệp nén này không chứa sổ làm việc Excel (thiếu xl/workbook.xml): có thể tệp đã hỏng, hoặc không phải tệp .xlsx');
  }
  const info = workbookInfo(await zip.text(main));
  const rels = zip.has(relsOf(main)) ? relationships(await zip.text(relsOf(main)), folderOf(main)) : [];
  const byId = new Map(rels.map((r) => [r.id, r]));
  const of = (type: string) => rels.find((r) => r.type === type)?.target;
  const sheets = info.sheets.map((s) => {
    const rel = byId.get(s.rel);
    // Without relationships (a hand-made package), sheet N is worksheets/sheetN.xml.
    const part = rel ? (rel.type === 'worksheet' ? rel.target : undefined) : resolvePart(folderOf(main), `worksheets/sheet${info.sheets.indexOf(s) + 1}.xml`);
    return { ...s, part: part && zip.has(part) ? part : undefined };
  });
  const present = (p: string | undefined) => (p && zip.has(p) ? p : undefined);
  return { sheets, date1904: info.date1904, sharedStrings: present(of('sharedStrings')), styles: present(of('styles')) };
}

/** How to make an .xlsx from Excel. */
export const SAVE_AS_XLSX = 'mở tệp bằng Excel, chọn File > Save As (Lưu thành), kiểu "Excel Workbook (*.xlsx)" (Sổ làm việc Excel), rồi dùng tệp .xlsx vừa lưu';

/** How to make an .xlsx from LibreOffice Calc. */
export const SAVE_AS_XLSX_CALC = 'mở tệp bằng LibreOffice Calc, chọn File > Save As (Lưu thành), kiểu "Excel 2007-365 (.xlsx)", rồi dùng tệp .xlsx vừa lưu';

const SAVE_AS_XLSX_ODS = `đây là sổ tính LibreOffice / OpenOffice Calc (.ods), không phải sổ làm việc Excel (.xlsx): hãy ${SAVE_AS_XLSX_CALC}`;

/** What a file named .xlsx is instead of a workbook (read/detect.ts's verdict on its first bytes), and what to do. */
export function notXlsx(what: string): string {
  switch (what) {
    case 'xls':
      return 'đây là sổ tính Excel đời cũ (.xls, Excel 97–2003) được đặt tên .xlsx, hoặc một sổ làm việc đã đặt mật khẩu ' +
        `(Excel mã hóa cả tệp): hãy ${SAVE_AS_XLSX}; nếu tệp có mật khẩu, trước đó bỏ mật khẩu ở File > Info > Protect Workbook > Encrypt with Password (Tệp › Thông tin › Bảo vệ sổ làm việc › Mã hóa bằng mật khẩu), xóa trống ô mật khẩu`;
    case 'ods':
      return SAVE_AS_XLSX_ODS;
    case 'empty':
      return 'tệp rỗng (0 byte): không có trang tính nào';
    case 'text':
    case 'tcvn3':
    case 'vni':
    case 'utf-16-no-bom':
      return 'đây là tệp văn bản (có thể là tệp CSV bị đổi đuôi thành .xlsx), không phải sổ làm việc Excel: nếu là tệp CSV, hãy đổi tên lại cho đúng đuôi .csv';
    case 'pdf':
      return `đây là tài liệu PDF, không phải sổ làm việc Excel: không lấy được số liệu từ tệp PDF; hãy dùng sổ tính gốc`;
    default:
      return `tệp này không phải sổ làm việc Excel (.xlsx) (có thể là tệp bị hỏng, hoặc đã chọn nhầm tệp): hãy ${SAVE_AS_XLSX}`;
  }
}

/**
 * The sheet to read for `table`: in a workbook of both tables (`both`), the one named for it; in the
 * table's own file, the one named for it, else the first worksheet not hidden. Undefined when there is none.
 */
export function pickSheet(workbook: Workbook, table: Table, both: boolean): Sheet | undefined {
  const worksheets = workbook.sheets.filter((s) => s.part !== undefined);
  const named = worksheets.find((s) => tableOfSheet(s.name) === table);
  if (named || both) return named;
  return worksheets.find((s) => s.state === 'visible');
}

/** Why no sheet could be picked, in words. */
export function noSheet(workbook: Workbook, table: Table): string {
  const names = workbook.sheets.map((s) => `"${s.name}"${s.state === 'visible' ? '' : ' (đang ẩn)'}`).join(', ');
  if (workbook.sheets.length === 0) return 'sổ làm việc không có trang tính nào';
  const wanted = SHEET_NAMES[table].slice(0, 2).map((n) => `"${n}"`).join(' hoặc ');
  return `không tìm thấy trang tính dữ liệu: các trang tính của sổ là ${names}; hãy đặt tên trang tính chứa danh sách là ${wanted}, hoặc bỏ ẩn nó`;
}

/** A notice when the sheet read is not the obvious one: the file has several sheets. */
export function sheetNotice(workbook: Workbook, sheet: Sheet, both: boolean): string | undefined {
  if (both || workbook.sheets.length < 2) return undefined;
  const first = workbook.sheets[0] === sheet;
  return `sổ làm việc có ${workbook.sheets.length} trang tính; đã đọc trang tính "${sheet.name}"${first ? ' (trang đầu tiên)' : ''}`;
}

/** The rows of `sheet` as batches: the shared strings and cell formats read first, then the sheet as it streams. */
export async function* sheetBatches(zip: PackagePort, workbook: Workbook, sheet: Sheet): AsyncGenerator<Batch> {
  try {
    const shared = new SharedStrings();
    if (workbook.sharedStrings) {
      for await (const chunk of zip.chunks(workbook.sharedStrings)) shared.push(chunk);
    }
    const reader = new SheetReader({
      sharedStrings: shared.end(),
      dateStyles: workbook.styles ? dateStyles(await zip.text(workbook.styles)) : [],
      date1904: workbook.date1904,
    });
    for await (const chunk of zip.chunks(sheet.part!)) {
      const got = reader.push(chunk);
      if (got.records.length || got.issues.length) yield batch(got.records, got.issues);
      if (reader.finished) break;
    }
    const last = reader.end();
    if (last.records.length || last.issues.length) yield batch(last.records, last.issues);
  } catch (e) {
    if (!(e instanceof XmlError || e instanceof NotAWorkbook)) throw e;
    yield { records: [], issues: [], refused: { what: 'xlsx', code: 'not-xlsx', message: `tệp Excel bị hỏng, không đọc được trang tính "${sheet.name}" (${e.message}): hãy mở tệp bằng Excel và lưu lại` } };
  }
}

/**
 * The rows of `sheet` as CSV bytes (./sheet-csv.ts), for the byte path: the shared strings read first as CSV
 * fields, then the sheet as it streams. Throws NotPlain, at any point, when the sheet holds what only sheet.ts
 * reads (or what it would say is damaged): the caller then reads it with sheetBatches.
 */
export async function* sheetCsvBytes(zip: PackagePort, workbook: Workbook, sheet: Sheet, progress: { xml: number; csv: number }, stringsSize = 0): AsyncGenerator<Buffer> {
  try {
    const strings = new CsvStringsReader(stringsSize);
    if (workbook.sharedStrings) for await (const chunk of zip.bytes(workbook.sharedStrings)) strings.push(chunk);
    const csv = new SheetCsv({ strings: strings.end(), dateStyles: workbook.styles ? dateStyles(await zip.text(workbook.styles)) : [], date1904: workbook.date1904 });
    for await (const chunk of zip.bytes(sheet.part!)) {
      const out = csv.push(chunk);
      progress.xml = csv.xmlBytes;
      progress.csv = csv.csvBytes;
      if (out.length) yield out;
    }
    const last = csv.end();
    if (last.length) yield last;
  } catch (e) {
    if (e instanceof XmlError || e instanceof NotAWorkbook) throw new NotPlain(e.message);
    throw e;
  }
}

function batch(records: Batch['records'], issues: SheetIssue[]): Batch {
  return { records, issues: issues.map(asIssue), ragged: true };
}

/** A sheet's issue among the reader's issues (validate/file-checker.ts words it). */
function asIssue(i: SheetIssue): CsvIssue {
  return { code: i.code, line: i.line, field: i.field, value: i.value, cell: i.cell };
}
