// An .xlsx file opened: its ZIP package through yauzl (the central directory, each part's place), each
// part's bytes read in 64 KB pieces and inflated by Node's zlib, decoded as UTF-8 text; the reading of the
// workbook itself is src/read/xlsx/ (pure, through the PackagePort this makes). What a file named .xlsx
// that is no workbook is instead (an old .xls, a password-protected workbook, an .ods, a CSV renamed) is said
// from its first bytes (read/detect.ts), as a refusal of the file (exit 1), like a workbook renamed .csv.
import { isAscii } from 'node:buffer';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { TextDecoder } from 'node:util';
import { createInflateRaw } from 'node:zlib';
import yauzl from 'yauzl';
import type { Entry, ZipFile } from 'yauzl';
import { detect } from '../read/detect.js';
import type { Batch, RawBytes } from '../read/source.js';
import { NotAWorkbook, noSheet, notXlsx, pickSheet, readWorkbook, sheetBatches, sheetCsvBytes, sheetNotice, type PackagePort, type Table, type Workbook } from '../read/xlsx/workbook.js';

/** A part is read and inflated 64 KB at a time: larger pieces cost memory (1 MB: +80 MB of peak RSS on a province) and no time. */
const PIECE = 1 << 16;
/** A part read whole (the workbook, its relationships, the styles) is small: past this it is not one. */
const MAX_SMALL_PART = 64 << 20;

export interface OpenPackage {
  port: PackagePort;
  /** A part's size, inflated (as the ZIP's directory gives it). */
  size: (part: string) => number;
  close: () => void;
}

/** Opens the ZIP package of `path`; throws NotAWorkbook, in words, when it is not one. */
export async function openPackage(path: string): Promise<OpenPackage> {
  let zip: ZipFile;
  try {
    zip = await yauzl.openPromise(path, { lazyEntries: true, autoClose: false, validateEntrySizes: true, strictFileNames: false });
  } catch (e) {
    throw new NotAWorkbook(`tệp nén của sổ làm việc bị hỏng hoặc không trọn vẹn (${(e as Error).message}): hãy mở tệp bằng Excel và lưu lại`);
  }
  // Part names are case-insensitive in a package (ECMA-376 Part 2): looked up in lower case.
  const entries = new Map<string, Entry>();
  try {
    await new Promise<void>((resolve, reject) => {
      zip.on('entry', (e: Entry) => {
        entries.set(e.fileName.replace(/^\//, '').toLowerCase(), e);
        zip.readEntry();
      });
      zip.on('end', resolve);
      zip.on('error', reject);
      zip.readEntry();
    });
  } catch (e) {
    zip.close();
    throw new NotAWorkbook(`tệp nén của sổ làm việc bị hỏng (${(e as Error).message}): hãy mở tệp bằng Excel và lưu lại`);
  }
  const entry = (part: string) => {
    const e = entries.get(part.toLowerCase());
    if (!e) throw new NotAWorkbook(`thiếu phần ${part} trong tệp`);
    if (e.isEncrypted()) throw new NotAWorkbook('tệp đã được mã hóa (đặt mật khẩu): hãy mở bằng Excel, bỏ mật khẩu rồi lưu lại');
    if (e.compressionMethod !== 0 && e.compressionMethod !== 8) throw new NotAWorkbook(`phần ${part} được nén theo cách chương trình không đọc được (mã ${e.compressionMethod}): hãy mở tệp bằng Excel và lưu lại`);
    return e;
  };
  async function* bytes(part: string): AsyncGenerator<Buffer> {
    const e = entry(part);
    const { fileDataStart } = await zip.readLocalFileHeaderPromise(e, { minimal: true });
    const raw = createReadStream(path, { start: fileDataStart, end: fileDataStart + e.compressedSize - 1, highWaterMark: PIECE });
    const stream = e.compressionMethod === 8 ? raw.pipe(createInflateRaw({ chunkSize: PIECE })) : raw;
    raw.on('error', (err) => stream.destroy(err));
    let total = 0;
    try {
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        total += chunk.length;
        // A part that inflates past the size the directory gives is damaged (or a ZIP bomb): stopped there.
        if (total > e.uncompressedSize) throw new NotAWorkbook(`phần ${part} dài hơn kích thước ghi trong tệp nén`);
        yield chunk;
      }
    } catch (err) {
      if (err instanceof NotAWorkbook) throw err;
      throw new NotAWorkbook(`không giải nén được phần ${part} (${(err as Error).message})`);
    } finally {
      stream.destroy();
      raw.destroy();
    }
  }
  async function* chunks(part: string): AsyncGenerator<string> {
    const decoder = new TextDecoder('utf-8', { ignoreBOM: false });
    let cut = false; // the decoder holds the first bytes of a character cut by the chunk's end
    for await (const b of bytes(part)) {
      // A sheet's XML is mostly ASCII: such a chunk is taken as one-byte text at once (the decoder is several
      // times slower, and its two-byte strings scan slower).
      if (!cut && isAscii(b)) {
        yield b.toString('latin1');
        continue;
      }
      const text = decoder.decode(b, { stream: true });
      cut = endsInsideCharacter(b);
      if (text) yield text;
    }
    const rest = decoder.decode();
    if (rest) yield rest;
  }
  const size = (part: string) => entry(part).uncompressedSize;
  const port: PackagePort = {
    has: (part) => entries.has(part.toLowerCase()),
    async text(part) {
      if (entry(part).uncompressedSize > MAX_SMALL_PART) throw new NotAWorkbook(`phần ${part} lớn bất thường`);
      let text = '';
      for await (const t of chunks(part)) text += t;
      return text;
    },
    chunks,
    bytes,
  };
  return { port, size, close: () => zip.close() };
}

/** Whether UTF-8 bytes end inside a character (its first bytes here, the rest in the next chunk). */
function endsInsideCharacter(b: Buffer): boolean {
  for (let i = b.length - 1; i >= 0 && i >= b.length - 4; i--) {
    const c = b[i]!;
    if (c < 0x80) return false;
    if (c >= 0xc0) return b.length - i < (c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : 2);
  }
  return false;
}

/** The first bytes of a file (to tell what it is before opening it as a ZIP). */
async function head(path: string): Promise<Buffer> {
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(64 << 10);
    const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

/** The file, refused with why, when its first bytes say it is no ZIP package. */
async function refusal(path: string): Promise<Batch | undefined> {
  const bytes = await head(path);
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) return undefined;
  const found = detect(bytes, bytes.length < 64 << 10);
  const what = found.kind === 'refused' ? found.what : 'text';
  return { records: [], issues: [], refused: { what, code: 'not-xlsx', message: notXlsx(what) } };
}

/**
 * The sheet of `table` as CSV bytes for the byte path (read/xlsx/sheet-csv.ts), or undefined when the file is
 * not a workbook with that sheet (the string path then says why). The chunks throw NotPlain when the sheet
 * holds what only the string path reads; a problem found on the bytes is said by the string path too (`sheet`).
 */
export async function sheetRaw(path: string, table: Table, both: boolean): Promise<RawBytes | undefined> {
  if (await refusal(path)) return undefined;
  let pkg: OpenPackage | undefined;
  try {
    pkg = await openPackage(path);
    const workbook = await readWorkbook(pkg.port);
    const sheet = pickSheet(workbook, table, both);
    if (!sheet?.part) {
      pkg.close();
      return undefined;
    }
    const notice = sheetNotice(workbook, sheet, both);
    const progress = { xml: 0, csv: 0 };
    const xmlSize = pkg.size(sheet.part);
    let open = true;
    const opened = pkg;
    const close = () => {
      if (open) opened.close();
      open = false;
    };
    return {
      encoding: 'utf-8',
      bom: 0,
      // The CSV's size, estimated from what the sheet's XML made so far (it sizes the id sets).
      get size() {
        return Math.round(progress.xml > 0 && progress.csv > 0 ? (xmlSize * progress.csv) / progress.xml : xmlSize / 5);
      },
      chunks: closing(sheetCsvBytes(opened.port, workbook, sheet, progress, workbook.sharedStrings ? opened.size(workbook.sharedStrings) : 0), close),
      close,
      sheet: notice ? { notice: { code: 'notice-sheet', message: notice } } : {},
    };
  } catch (e) {
    pkg?.close();
    if (e instanceof NotAWorkbook) return undefined;
    throw e;
  }
}

/** The chunks, then `close` (when they end, or when the reader stops early). */
async function* closing<T>(chunks: AsyncIterable<T>, close: () => void): AsyncGenerator<T> {
  try {
    yield* chunks;
  } finally {
    close();
  }
}

/** A workbook's sheets, for locating the inputs (undefined when the file is not a workbook we can read). */
export async function workbookSheets(path: string): Promise<Workbook | undefined> {
  if (await refusal(path)) return undefined;
  let pkg: OpenPackage | undefined;
  try {
    pkg = await openPackage(path);
    return await readWorkbook(pkg.port);
  } catch (e) {
    if (e instanceof NotAWorkbook) return undefined;
    throw e;
  } finally {
    pkg?.close();
  }
}

/**
 * The rows of `table` in the workbook at `path`, as batches: in its own file (`both` false) the sheet named
 * for it or the first visible one; in a workbook of both tables, the sheet named for it.
 */
export async function* readSheet(path: string, table: Table, both: boolean): AsyncGenerator<Batch> {
  const refused = await refusal(path);
  if (refused) {
    yield refused;
    return;
  }
  let pkg: OpenPackage | undefined;
  try {
    pkg = await openPackage(path);
    const workbook = await readWorkbook(pkg.port);
    const sheet = pickSheet(workbook, table, both);
    if (!sheet) {
      yield { records: [], issues: [], refused: { what: 'xlsx', code: 'not-xlsx', message: noSheet(workbook, table) } };
      return;
    }
    const notice = sheetNotice(workbook, sheet, both);
    if (notice) yield { records: [], issues: [], notice: { code: 'notice-sheet', message: notice } };
    yield* sheetBatches(pkg.port, workbook, sheet);
  } catch (e) {
    if (!(e instanceof NotAWorkbook)) throw e;
    yield { records: [], issues: [], refused: { what: 'xlsx', code: 'not-xlsx', message: e.message } };
  } finally {
    pkg?.close();
  }
}
