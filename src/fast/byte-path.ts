// The byte path's orchestration, for a UTF-8 or UTF-16 file of any size (its text as UTF-8 bytes: RawBytes in
// read/source.ts): the header read as text from the first chunks (title lines above it skipped, as the string
// path does), then the body through OrgScanner or (members, on one or two threads) scanRange, then the hashed
// duplicate candidates confirmed against the ids read again. Whenever the header is unusual or unusable it
// answers undefined, and check.ts takes the string path (validate/drive.ts), which says everything exactly as
// for a small file.
import type { MemberCounts } from '../figures/aggregate.js';
import type { OrgIndex } from '../figures/org-table.js';
import { ProblemList, type ProblemSink } from '../problems.js';
import type { Encoding } from '../read/decode.js';
import type { RawBytes, TableSource } from '../read/source.js';
import { MAX_RECORD_CHARS, sniffDelimiter, Tokenizer, type CsvIssue, type Delimiter } from '../read/tokenize.js';
import { isTitleLine, MAX_TITLE_LINES, MEMBER_COLUMNS, ORG_COLUMNS, type ColumnSpec } from '../validate/columns.js';
import { titleNotice, type Checked } from '../validate/drive.js';
import { MemberChecker } from '../validate/member-checker.js';
import { OrgChecker } from '../validate/org-checker.js';
import { confirmDuplicates, idsAtLines, type HashedIdSet } from './hashed-ids.js';
import { bytesPerLine } from './line-scanner.js';
import { scanOrgs, scanRange, type ScanJob, type ScanResult } from './scan-members.js';
import { OrgScanner } from './scan-orgs.js';

/** A TableSource that can also scan the members' body on several threads (io/parallel.ts). */
export interface ByteSource extends TableSource {
  /**
   * `body`: the file's byte where the body starts (after the BOM and the header), and its encoding. Undefined
   * when the file cannot be split at a record boundary (one thread then).
   */
  parallel?: (job: ScanJob, orgs: OrgIndex, body: { start: number; encoding: Encoding }) => Promise<ScanResult | undefined>;
}

/** Below this size a second thread costs more to start than it saves. */
const PARALLEL_MIN = 48 << 20;

/**
 * The file's bytes when the byte path takes it (UTF-8 or UTF-16, whatever its size: a roll-up's units are
 * small files by the hundred), else undefined (and the file closed).
 */
export async function bytePathBytes(source: TableSource): Promise<(RawBytes & { encoding: Encoding }) | undefined> {
  const raw = source.raw ? await source.raw() : undefined;
  if (raw && raw.encoding !== 'other') return raw as RawBytes & { encoding: Encoding };
  raw?.close();
  return undefined;
}

/** The organizations' byte path; undefined when the header is unusable (the string path then says why). */
export async function scanOrganizations(file: string, raw: RawBytes, years: ReadonlySet<number>, problems: ProblemSink): Promise<OrgChecker | undefined> {
  const chunks = raw.chunks[Symbol.asyncIterator]();
  const header = await headerLine(chunks, ORG_COLUMNS);
  if (!header) return undefined;
  const record = { fields: header.fields, line: header.line, endLine: header.line };
  if (!new OrgChecker(file, record, years, []).usable) return undefined; // said by the string path, once
  if (header.line > 1) problems.push(titleNotice(file, header.above, header.line));
  const checker = new OrgChecker(file, record, years, problems);
  const scanner = new OrgScanner(checker, header.fields.length, header.delimiter);
  scanner.line = header.line + 1;
  for await (const chunk of rest(header.after, chunks)) scanner.push(chunk);
  scanner.end();
  return checker;
}

/**
 * The members' byte path: the header as text, then the rest through MemberScanner, then the hashed duplicate
 * candidates confirmed against the ids read again. Undefined when the header is unusable (the string
 * path then reports it, with everything else, exactly as for a small file).
 */
export async function scanMembers(
  file: string,
  raw: RawBytes & { encoding: Encoding },
  years: ReadonlySet<number>,
  orgs: OrgIndex | undefined,
  problems: ProblemSink,
  source: ByteSource,
  ratingDays: ReadonlyMap<number, number> = new Map(),
): Promise<Checked<Map<number, MemberCounts>> | undefined> {
  const chunks = raw.chunks[Symbol.asyncIterator]();
  const header = await headerLine(chunks, MEMBER_COLUMNS);
  if (!header) return undefined;
  const { fields: headerFields, delimiter, after } = header;
  // Kept apart until the header is known to be usable (else the string path says it all, once).
  const mine = new ProblemList(problems instanceof ProblemList ? problems.max : 0);
  const checker = new MemberChecker(file, { fields: headerFields, line: header.line, endLine: header.line }, years, mine, orgs);
  if (!checker.usable || !orgs) return undefined;
  if (header.line > 1) mine.push(titleNotice(file, header.above, header.line));
  // Rows estimated from the first lines' length, to size the id sets once instead of growing them.
  const expected = Math.ceil((raw.size / bytesPerLine(after)) * 1.05);
  const job: ScanJob = { file, headerFields, headerLine: header.line, delimiter, years: [...years], firstLine: header.line + 1, expected, maxProblems: mine.max, ratingDays: [...ratingDays] };
  let result: ScanResult | undefined;
  if (source.parallel && raw.size >= PARALLEL_MIN) {
    raw.close();
    // The body's start in the file: UTF-16 has two bytes a code unit (the header is checked free of U+FFFD).
    const start = raw.bom + (raw.encoding === 'utf-8' ? header.bytes : 2 * header.chars);
    result = await source.parallel(job, orgs, { start, encoding: raw.encoding });
    if (!result) {
      const again = await source.raw!();
      const it = again.chunks[Symbol.asyncIterator]();
      result = await scanRange(job, scanOrgs(orgs), skipBytes(it, header.bytes));
    }
  } else {
    result = await scanRange(job, scanOrgs(orgs), rest(after, chunks));
  }
  mine.absorb(result.problems);
  await confirmCandidates(checker, result.ids, source, { bytes: header.bytes, line: header.line + 1, delimiter });
  if (problems instanceof ProblemList) problems.absorb(mine);
  else for (const p of [...mine.select().listed, ...mine.warnings.select().listed]) problems.push(p);
  return { result: result.counts, usable: true, years: result.yearsSeen };
}

/**
 * The header line read from the first chunks (title lines above it skipped, as the string path does), with
 * the bytes up to its end and those after it; undefined when there is none, or it or a line above it is
 * unusual (bad bytes, a quote anywhere but in a header on the first line, a quote the tokenizer finds fault
 * with, no header among the first lines): the string path then reads the file and says what it has to.
 */
async function headerLine(
  chunks: AsyncIterator<Buffer>,
  columns: readonly ColumnSpec[],
): Promise<{ fields: string[]; delimiter: Delimiter; line: number; bytes: number; chars: number; after: Buffer; above: { fields: string[] }[] } | undefined> {
  let head: Buffer = Buffer.alloc(0);
  const above: { fields: string[] }[] = [];
  let chars = 0; // the lines' length as text (UTF-16 code units)
  for (let at = 0; ; ) {
    let nl = -1;
    while ((nl = head.indexOf(10, at)) === -1) {
      const r = await chunks.next();
      if (r.done || head.length - at > MAX_RECORD_CHARS) return undefined;
      head = head.length === 0 ? r.value : Buffer.concat([head, r.value]); // (a small file: its one chunk, not copied)
    }
    const text = head.toString('utf8', at, nl + 1);
    // A quoted header (some exporters quote every field) is read by the tokenizer, as the string path reads
    // it; only on the first line, where both paths sniff the delimiter from the same line.
    if ((text.includes('"') && above.length > 0) || text.includes('\ufffd')) return undefined;
    const delimiter = sniffDelimiter(text);
    const fields = text.includes('"') ? oneRecord(text, delimiter) : text.replace(/\r?\n$/, '').split(delimiter);
    if (!fields) return undefined;
    at = nl + 1;
    chars += text.length;
    if (!isTitleLine(fields, columns)) return { fields, delimiter, line: above.length + 1, bytes: at, chars, after: head.subarray(at), above };
    if (text.includes('"') || above.length + 1 >= MAX_TITLE_LINES) return undefined;
    above.push({ fields });
  }
}

/** The fields of a line with quotes, when the tokenizer reads it as one record without fault, else undefined. */
function oneRecord(text: string, delimiter: Delimiter): string[] | undefined {
  const tokenizer = new Tokenizer(delimiter);
  const issues: CsvIssue[] = [];
  const records = [...tokenizer.push(text, issues), ...tokenizer.end(issues)];
  return issues.length === 0 && records.length === 1 && records[0]!.endLine === 1 ? records[0]!.fields : undefined;
}

async function* rest(first: Buffer, more: AsyncIterator<Buffer>): AsyncGenerator<Buffer> {
  if (first.length) yield first;
  for (let r = await more.next(); !r.done; r = await more.next()) yield r.value;
}

/** The chunks after the first `n` bytes (the header and the lines above it). */
async function* skipBytes(it: AsyncIterator<Buffer>, n: number): AsyncGenerator<Buffer> {
  let skipped = 0;
  for (let r = await it.next(); !r.done; r = await it.next()) {
    if (skipped + r.value.length <= n) {
      skipped += r.value.length;
      continue;
    }
    yield* rest(r.value.subarray(n - skipped), it);
    return;
  }
}

/**
 * Reads the ids at the candidate lines again and reports the true duplicates: the file's bytes once more, line
 * ends counted, only the candidate records tokenized (idsAtLines).
 */
async function confirmCandidates(checker: MemberChecker, ids: Map<number, HashedIdSet>, source: TableSource, body: { bytes: number; line: number; delimiter: Delimiter }): Promise<void> {
  const sets: [number, number[]][] = [...ids].map(([year, set]) => [year, set.candidates()]);
  const wanted = [...new Set(sets.flatMap(([, c]) => c))].sort((a, b) => a - b);
  if (wanted.length === 0) return;
  const raw = await source.raw!();
  const idAt = await idsAtLines(skipBytes(raw.chunks[Symbol.asyncIterator](), body.bytes), body.line, wanted, body.delimiter, checker.header.index.id);
  raw.close();
  for (const [year, candidates] of sets) {
    for (const [line, first] of confirmDuplicates(candidates, idAt)) checker.reportDuplicate(line, idAt.get(line)!, first, year);
  }
}
