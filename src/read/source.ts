// The ports between reading and checking (types only): where a file's rows come from, as decoded text
// batches (io/read-table.ts makes them from CSV, read/xlsx/workbook.ts from a sheet; validate/drive.ts reads them) or, for the byte path, as raw bytes
// (fast/byte-path.ts reads them). Defined once here, so that checking touches no file.
import type { Encoding } from './decode.js';
import type { CsvIssue, RawRecord } from './tokenize.js';

/** Records in line order, with the issues the tokenizer found among them. */
export interface Batch {
  records: RawRecord[];
  issues: CsvIssue[];
  /** The file is not CSV text (a workbook, a ZIP, a legacy font encoding…) or not a workbook we can read: why, and what to do. */
  refused?: { what: string; message: string; code?: 'not-xlsx' };
  /** Said once, not a problem: the file was converted from a legacy encoding; which sheet of a workbook was read. */
  notice?: { code: 'notice-encoding' | 'notice-sheet'; message: string };
  /** The rows of a sheet end at their last cell: a row shorter or longer than the header is not misshapen. */
  ragged?: boolean;
}

/** A file's text after its byte-order mark as UTF-8 bytes, for the byte path (UTF-16 transcoded as it streams). */
export interface RawBytes {
  /** The file's encoding; 'other': anything the byte path does not take, read as text (which says what it is). */
  encoding: Encoding | 'other';
  /** Bytes of byte-order mark before the text. */
  bom: number;
  /** The text's size in UTF-8 (estimated from the first chunk for a transcoded file), to size the id sets. */
  size: number;
  /** The text as UTF-8, in chunks (each valid until the next but one is read). */
  chunks: AsyncIterable<Buffer>;
  /** Closes the file when the chunks are not wanted after all. */
  close: () => void;
  /**
   * A sheet of a workbook turned into CSV bytes (io/read-workbook.ts): the notice of which sheet was read, to say
   * when the byte path takes it. A problem found on these bytes is said by the string path instead, from the
   * sheet itself: its messages name what Excel did to a cell.
   */
  sheet?: { notice?: { code: 'notice-sheet'; message: string } };
}

/** Where a file's rows come from: decoded text batches, or UTF-8 bytes for the byte path. */
export interface TableSource {
  batches: () => AsyncIterable<Batch>;
  raw?: () => Promise<RawBytes>;
}
