// Lines of CSV bytes, the common part of the byte paths (members: scan-members.ts, organizations: scan-orgs.ts). A
// plain line (valid UTF-8, not over-long, its fields unquoted or simply quoted: `"…"` with no quote inside,
// closed right before the delimiter or the line's end) goes to the subclass's `plain`, on bytes; a line it
// declines, and any irregular stretch (other quotes, bad bytes, over-long lines), is decoded and read by the
// string tokenizer, whose records go to `slowRecord`: the reference path, so the problems said are the
// same either way (test/scan.test.ts, test/scan-orgs.test.ts).
import { isUtf8 } from 'node:buffer';
import { TextDecoder } from 'node:util';
import { dropUndecodable, MAX_RECORD_CHARS, Tokenizer, type CsvIssue, type Delimiter, type RawRecord } from '../read/tokenize.js';

export const LF = 10;
/** Decodes whole lines, one call each (never streaming: it keeps nothing between calls). */
const LINES = new TextDecoder('utf-8', { ignoreBOM: true });
const CR = 13;
const QUOTE = 34;
const SPACE = 32;
const U_FFFD = Buffer.from([0xef, 0xbf, 0xbd]);

export abstract class LineScanner {
  /** Physical line of the next byte to read (the header was line 1). */
  line = 2;
  private pending: Buffer | undefined;
  /** The string tokenizer, while it reads an irregular stretch; its decoder keeps split characters whole. */
  private tok: Tokenizer | undefined;
  private decoder: TextDecoder | undefined;
  private readonly delim: number;
  /** The line being read holds a quote: `split` reads its quoted fields (splitQuoted). */
  private quoted = false;
  /** The fields of the line `split` last read: bytes [starts[i], ends[i]) (inside the quotes of a quoted field). */
  protected readonly starts = new Int32Array(1024);
  protected readonly ends = new Int32Array(1024);

  constructor(
    protected readonly width: number,
    private readonly delimiter: Delimiter,
  ) {
    this.delim = delimiter.charCodeAt(0);
  }

  /** Checks and counts a plain line on bytes; false leaves it to the string path. */
  protected abstract plain(buf: Buffer, start: number, end: number): boolean;
  /** A record the string tokenizer read. */
  protected abstract slowRecord(record: RawRecord): void;
  protected abstract csvIssue(issue: CsvIssue): void;

  /**
   * Cuts bytes [start, end) at the delimiter into starts / ends; true when it has the header's width (and, on a
   * line with quotes, every quote is one splitQuoted reads).
   */
  protected split(buf: Buffer, start: number, end: number): boolean {
    if (this.quoted) return this.splitQuoted(buf, start, end);
    const { starts, ends, delim } = this;
    let n = 0;
    let s = start;
    for (let i = start; i < end; i++) {
      if (buf[i] === delim) {
        if (n < starts.length) {
          starts[n] = s;
          ends[n] = i;
        }
        n++;
        s = i + 1;
      }
    }
    if (n < starts.length) {
      starts[n] = s;
      ends[n] = end;
    }
    return n + 1 === this.width;
  }

  /**
   * split for a line with quotes, as the tokenizer reads it: each field is either unquoted with no quote in
   * it, or opens with a quote and has no other quote up to the closing one, which stands right before the
   * delimiter or the line's end (its value is what lies between). Anything else (a doubled quote, a quote
   * inside a field, text after a closing quote, a quoted field running over the line's end) answers false:
   * the tokenizer reads that line.
   */
  private splitQuoted(buf: Buffer, start: number, end: number): boolean {
    const { starts, ends, delim } = this;
    let n = 0;
    for (let s = start; ; s++) {
      let fieldStart = s;
      if (s < end && buf[s] === QUOTE) {
        fieldStart = s + 1;
        s = buf.indexOf(QUOTE, fieldStart);
        if (s === -1 || s >= end) return false;
        if (n < starts.length) ends[n] = s;
        s++;
        if (s < end && buf[s] !== delim) return false;
      } else {
        while (s < end && buf[s] !== delim) if (buf[s++] === QUOTE) return false;
        if (n < starts.length) ends[n] = s;
      }
      if (n < starts.length) starts[n] = fieldStart;
      n++;
      if (s >= end) return n === this.width;
    }
  }

  /**
   * Reads a chunk of bytes; a line cut at its end waits for the next chunk (copied: the reader may reuse
   * the chunk's memory for the one after next, so nothing of it is kept beyond the next call).
   */
  push(chunk: Buffer): void {
    let buf = chunk;
    let ours = false; // buf is our own copy, not the reader's memory
    if (this.pending) {
      // Only the cut line is joined, not the whole chunk: a copy of one line instead of a megabyte.
      const nl = chunk.indexOf(LF);
      const joined = Buffer.concat([this.pending, nl === -1 ? chunk : chunk.subarray(0, nl + 1)]);
      this.pending = undefined;
      if (nl === -1) [buf, ours] = [joined, true];
      else {
        this.scan(joined, false); // whole lines: all of it is consumed
        buf = chunk.subarray(nl + 1);
      }
    }
    const done = this.scan(buf, false);
    this.pending = done >= buf.length ? undefined : ours ? buf.subarray(done) : Buffer.from(buf.subarray(done));
  }

  /** A record is still open: bytes were read that belong to a record not yet complete. */
  get busy(): boolean {
    return this.tok !== undefined || (this.pending !== undefined && this.pending.length > 0);
  }

  /** The input is over: the cut last line and what the tokenizer still holds are read. */
  protected endLines(): void {
    if (this.pending) this.scan(this.pending, true);
    this.pending = undefined;
    if (this.tok) this.finishTok();
  }

  /** Handles every complete line of buf; returns how many bytes were consumed. */
  private scan(buf: Buffer, final: boolean): number {
    let pos = 0;
    // Invalid UTF-8 in a chunk: its lines are checked one by one, and the bad ones go the string path.
    const valid = isUtf8(buf.subarray(0, final ? buf.length : buf.lastIndexOf(LF) + 1));
    let nextQuote = buf.indexOf(QUOTE);
    let nextBad = buf.indexOf(U_FFFD); // a literal U+FFFD is flagged by the string path too
    while (pos < buf.length) {
      if (this.tok) {
        pos = this.feed(buf, pos, final);
        continue;
      }
      let nl = buf.indexOf(LF, pos);
      if (nl === -1) {
        // Wait for the line's end, but not for ever: an over-long line goes to the tokenizer, which says so
        // and drops the rest of it as it comes, in bounded memory.
        if (!final && buf.length - pos <= MAX_RECORD_CHARS) return pos;
        if (!final) {
          this.startTokenizer();
          continue;
        }
        nl = buf.length;
      }
      if (nextQuote !== -1 && nextQuote < pos) nextQuote = buf.indexOf(QUOTE, pos);
      if (nextBad !== -1 && nextBad < pos) nextBad = buf.indexOf(U_FFFD, pos);
      const end = nl > pos && buf[nl - 1] === CR ? nl - 1 : nl;
      this.quoted = nextQuote !== -1 && nextQuote < nl;
      const irregular = (nextBad !== -1 && nextBad < nl) || nl - pos > MAX_RECORD_CHARS || (!valid && !isUtf8(buf.subarray(pos, nl)));
      if (irregular || (end > pos && !this.plain(buf, pos, end))) {
        this.startTokenizer();
        continue;
      }
      this.line++;
      pos = nl + 1;
    }
    return buf.length;
  }

  /** The string tokenizer takes over from the current line until it has no record waiting. */
  private startTokenizer(): void {
    this.tok = new Tokenizer(this.delimiter, MAX_RECORD_CHARS, this.line);
  }

  /**
   * The text of bytes the tokenizer reads. Whole lines are decoded at once (Node's fast decoder; nothing is left
   * over after a line end); a line cut by the chunk's end needs a decoder that keeps the bytes of a character
   * cut with it, kept until the tokenizer is done.
   */
  private decode(bytes: Buffer, whole: boolean): string {
    if (!whole) this.decoder ??= new TextDecoder('utf-8', { ignoreBOM: true }); // a line may start with U+FEFF: it is text here
    return this.decoder ? this.decoder.decode(bytes, { stream: true }) : LINES.decode(bytes);
  }

  /** Feeds the string tokenizer a line (or the rest of the chunk); hands the byte path back once it is idle. */
  private feed(buf: Buffer, pos: number, final: boolean): number {
    const nl = buf.indexOf(LF, pos);
    const stop = nl === -1 ? buf.length : nl + 1;
    const issues: CsvIssue[] = [];
    const records = this.tok!.push(this.decode(buf.subarray(pos, stop), nl !== -1), issues);
    this.report(records, issues);
    if (final && stop === buf.length) this.finishTok();
    else if (this.tok!.idle && nl !== -1) {
      this.line = this.tok!.nextLine;
      this.tok = undefined;
      this.decoder = undefined; // at a line end: it holds nothing
    }
    return stop;
  }

  /** The end of the input while the string tokenizer reads: what it still holds, then the byte path is done. */
  private finishTok(): void {
    const issues: CsvIssue[] = [];
    const records = [...this.tok!.push(this.decoder?.decode() ?? '', issues), ...this.tok!.end(issues)];
    this.report(records, issues);
    this.line = this.tok!.nextLine;
    this.tok = undefined;
    this.decoder = undefined;
  }

  private report(records: RawRecord[], issues: CsvIssue[]): void {
    const kept = dropUndecodable(records, issues);
    for (const issue of issues) this.csvIssue(issue);
    for (const r of kept) this.slowRecord(r);
  }
}

/** An id on bytes: not blank, ASCII, no space at either end. */
export function asciiWord(buf: Buffer, s: number, e: number): boolean {
  if (e <= s || buf[s] === SPACE || buf[e - 1] === SPACE) return false;
  for (let i = s; i < e; i++) if (buf[i]! >= 0x80 || buf[i]! < 0x20) return false;
  return true;
}

/** Average bytes a line in the first 64 KB of `buf` (its length when no line ends there): to estimate rows. */
export function bytesPerLine(buf: Uint8Array): number {
  const head = buf.subarray(0, 64 << 10);
  let lines = 0;
  for (let i = head.indexOf(LF); i !== -1; i = head.indexOf(LF, i + 1)) lines++;
  return Math.max(1, head.length) / Math.max(1, lines);
}
