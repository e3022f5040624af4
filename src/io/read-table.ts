// A table's file → its records in batches (a sheet: ./read-workbook.ts). A CSV file → its records in batches, with their start lines: bytes are decoded (BOM-announced UTF-8,
// UTF-16 LE/BE, else UTF-8), the delimiter is sniffed from the header line, and the text is tokenized
// as it streams in. Memory holds one chunk and at most one unfinished record.
import { closeSync, createReadStream, fstatSync, openSync, readSync } from 'node:fs';
import { TextDecoder } from 'node:util';
import { REPLACEMENT, type Encoding } from '../read/decode.js';
import { detect } from '../read/detect.js';
import { decodeLegacy } from '../read/legacy.js';
import { toUtf8 } from '../read/utf16.js';
import type { Batch, RawBytes } from '../read/source.js';
import type { ByteSource } from '../fast/byte-path.js';
import type { ScanJob } from '../fast/scan-members.js';
import type { OrgIndex } from '../figures/org-table.js';
import type { TableRef } from './locate.js';
import { scanInParallel } from './parallel.js';
import type { Progress } from './progress.js';
import { dropUndecodable, sniffDelimiter, Tokenizer, type CsvIssue } from '../read/tokenize.js';
import { bytesPerLine } from '../fast/line-scanner.js';
import { namesRequiredColumn } from '../validate/columns.js';

const CHUNK = 1 << 20;

/** Reads `path` as text, in batches of records; `whole`: its bytes, when they were read already (a small file). */
async function* readTable(path: string, whole?: Buffer): AsyncGenerator<Batch> {
  const stream = whole ? undefined : createReadStream(path, { highWaterMark: CHUNK });
  let decoder: TextDecoder | undefined;
  let tokenizer: Tokenizer | undefined;
  let pending = '';
  let undecodable = false; // once a chunk held U+FFFD, every later record is checked for it
  const start = (text: string, final: boolean): Batch | undefined => {
    pending += text;
    if (!final && !pending.includes('\n') && pending.length < CHUNK) return undefined;
    const delimiter = sniffDelimiter(pending, namesRequiredColumn);
    tokenizer = new Tokenizer(delimiter);
    const text2 = pending;
    pending = '';
    return feed(text2);
  };
  const feed = (text: string): Batch => {
    const issues: CsvIssue[] = [];
    const records = tokenizer!.push(text, issues);
    undecodable ||= text.includes(REPLACEMENT);
    return { records: undecodable ? dropUndecodable(records, issues) : records, issues };
  };
  let head = true;
  for await (const chunk of whole ? [whole] : (stream as AsyncIterable<Buffer>)) {
    let bytes: Buffer = chunk;
    if (head) {
      head = false;
      const found = detect(bytes, bytes.length < CHUNK);
      if (found.kind === 'refused') {
        stream?.destroy();
        yield { records: [], issues: [], refused: { what: found.what, message: found.message } };
        return;
      }
      if (found.kind === 'legacy') {
        // Legacy files are small (district exports): read whole, decode, compose accents (NFC), then tokenize.
        const parts: Buffer[] = [bytes];
        if (stream) for await (const more of stream as AsyncIterable<Buffer>) parts.push(more);
        yield { records: [], issues: [], notice: { code: 'notice-encoding', message: found.notice } };
        const text = decodeLegacy(Buffer.concat(parts), found.encoding);
        const batch = start(text, true)!;
        const issues: CsvIssue[] = [...batch.issues];
        yield { records: [...batch.records, ...tokenizer!.end(issues)], issues };
        return;
      }
      decoder = new TextDecoder(found.encoding, { fatal: false, ignoreBOM: true });
      bytes = bytes.subarray(found.bom);
    }
    // A file read whole is decoded in one call: for UTF-8, Node's fast decoder, not a converter set up for a stream.
    const text = whole ? decoder!.decode(bytes) : decoder!.decode(bytes, { stream: true });
    const batch = tokenizer ? feed(text) : start(text, false);
    if (batch && (batch.records.length || batch.issues.length)) yield batch;
  }
  if (head) {
    // Not a single byte: said as detection says it (a file of zero bytes).
    const found = detect(new Uint8Array(0), true);
    if (found.kind === 'refused') yield { records: [], issues: [], refused: { what: found.what, message: found.message } };
    return;
  }
  if (!decoder) return;
  const rest = decoder.decode();
  if (!tokenizer) {
    const batch = start(rest, true);
    if (batch) yield batch;
  } else if (rest) {
    yield feed(rest);
  }
  const issues: CsvIssue[] = [];
  const records = dropUndecodable(tokenizer!.end(issues), issues);
  if (records.length || issues.length) yield { records, issues };
}

/**
 * The file as UTF-8 bytes, for the byte path: UTF-8 as it is, UTF-16 transcoded as it streams (read/utf16.ts);
 * anything else is 'other' (read as text, which says what it is).
 */
async function readRaw(path: string, progress?: Progress, keep?: (whole: Buffer) => void, scratch?: Buffer): Promise<RawBytes> {
  // A small file in one read (a roll-up reads hundreds: a stream's megabyte buffers, each copied to the bytes
  // read, would only feed the GC), kept for the string path should the byte path turn it down.
  const { size, whole } = readSmall(path, scratch);
  if (whole) {
    keep?.(whole);
    return rawBytes(whole, undefined, whole.length, () => {});
  }
  const stream = createReadStream(path, { highWaterMark: CHUNK });
  const it = (stream as AsyncIterable<Buffer>)[Symbol.asyncIterator]();
  const first = await it.next();
  const head: Buffer = first.done ? Buffer.alloc(0) : first.value;
  // Bytes per row, from the first chunk: progress shows rows without counting them.
  const perRow = bytesPerLine(head);
  return rawBytes(head, it, size, () => stream.destroy(), (read) => progress?.(path, read, size, perRow));
}

/**
 * A file's size, and its bytes when it is smaller than a chunk (read at once, as the kernel has them), into
 * `scratch` when it fits: memory never touched costs a page fault a page, and a roll-up reads hundreds of files.
 */
function readSmall(path: string, scratch?: Buffer): { size: number; whole?: Buffer } {
  const fd = openSync(path, 'r');
  try {
    const { size } = fstatSync(fd);
    if (size >= CHUNK) return { size };
    // One byte more than the size: a file that grew since is read to its end by the stream instead.
    const whole = scratch && scratch.length > size ? scratch.subarray(0, size + 1) : Buffer.allocUnsafe(size + 1);
    let n = 0;
    for (let got = 1; got > 0 && n < whole.length; n += got) got = readSync(fd, whole, n, whole.length - n, n);
    return n > size ? { size: n } : { size, whole: whole.subarray(0, n) };
  } finally {
    closeSync(fd);
  }
}

/**
 * A file's bytes from its first chunk `head` and the chunks after it (`more`; none for a file read whole), as
 * readRaw gives them: the encoding told from the head, UTF-16 transcoded, `onRead` told the bytes read so far.
 */
function rawBytes(head: Buffer, more: AsyncIterator<Buffer> | undefined, size: number, close: () => void, onRead?: (read: number) => void): RawBytes {
  const found = detect(head, more === undefined || head.length < CHUNK);
  const { encoding, bom } = found.kind === 'text' ? found : { encoding: 'other' as const, bom: 0 };
  async function* body(): AsyncGenerator<Buffer> {
    let read = head.length;
    if (head.length > bom) yield head.subarray(bom);
    if (!more) return;
    for (let r = await more.next(); !r.done; r = await more.next()) {
      read += r.value.length;
      onRead?.(read);
      yield r.value;
    }
  }
  // A transcoded file's size in UTF-8 is estimated from its first chunk (it sizes the id sets).
  const ratio = encoding === 'utf-16le' || encoding === 'utf-16be' ? utf8Share(head.subarray(bom), encoding) : 1;
  const chunks = encoding === 'other' ? body() : toUtf8(body(), encoding);
  return { encoding, bom, size: Math.round(size * ratio), chunks, close };
}

/** UTF-8 bytes per byte of UTF-16 in `bytes`. */
function utf8Share(bytes: Buffer, encoding: 'utf-16le' | 'utf-16be'): number {
  const even = Buffer.from(bytes.subarray(0, bytes.length & ~1));
  if (encoding === 'utf-16be') even.swap16();
  return even.length === 0 ? 1 : Buffer.byteLength(even.toString('utf16le'), 'utf8') / even.length;
}

/** A sheet's rows (the workbook reader loaded when a table is a workbook's: a CSV run never needs it). */
async function* sheetRows(ref: TableRef): AsyncGenerator<Batch> {
  const { readSheet } = await import('./read-workbook.js');
  yield* readSheet(ref.path, ref.table, ref.both);
}

/** A sheet as CSV bytes (an empty file, which the byte path leaves to the string path, when it is none). */
async function sheetBytes(ref: TableRef): Promise<RawBytes> {
  const { sheetRaw } = await import('./read-workbook.js');
  return (await sheetRaw(ref.path, ref.table, ref.both)) ?? { encoding: 'other', bom: 0, size: 0, chunks: (async function* () {})(), close: () => {} };
}

/** Memory lent for a small table's bytes: used only while the table is checked, then free for the next. */
export const scratchBuffer = (): Buffer => Buffer.allocUnsafe(CHUNK);

/**
 * A table as the checkers read it. A CSV file: text batches, raw bytes for the byte path, and both cores at
 * scale. A sheet: its rows as batches (the string path; the byte path reads CSV bytes only). `scratch`
 * (scratchBuffer): where a small file is read, the caller's until the table is checked.
 */
export function tableSource(ref: TableRef, progress?: Progress, scratch?: Buffer): ByteSource {
  // A sheet: its rows as the string path reads them; the members' sheet also as CSV bytes for the byte path
  // (a province's hundreds of thousands of rows), which hands anything unusual back to the string path.
  if (ref.format === 'xlsx') return { batches: () => sheetRows(ref), ...(ref.table === 'members' ? { raw: () => sheetBytes(ref) } : {}) };
  const path = ref.path;
  let whole: Buffer | undefined;
  return {
    batches: () => readTable(path, whole),
    raw: () => readRaw(path, progress, (b) => (whole = b), scratch),
    parallel: (job: ScanJob, orgs: OrgIndex, body: { start: number; encoding: Encoding }) => scanInParallel(path, job, orgs, body, progress),
  };
}
