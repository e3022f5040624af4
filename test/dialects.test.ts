// The dialects users' exports come in, through both paths: the same records written every field quoted
// (header too) must give, on the byte path (src/fast/), the string path's problems and figures byte for byte,
// and (for a valid district) the figures of the plain file. Inputs: every fixture and the bad-input
// catalogue re-written in each dialect, and random files with odd cells and every kind of quoting.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkMembers, checkOrganizations } from '../src/check.js';
import { finalize } from '../src/figures/aggregate.js';
import { sortProblems, type Problem } from '../src/problems.js';
import { Tokenizer, sniffDelimiter, type CsvIssue } from '../src/read/tokenize.js';
import { jsonChunks } from '../src/report/json-stream.js';
import { jsonReport } from '../src/report/json-report.js';
import { formatProblem } from '../src/report/problems-text.js';
import { bytesSource, fixtureFolders, SMALL } from './support.js';

/** How a file is written: its delimiter, line end, which fields are quoted, and its bytes. */
interface Dialect {
  delimiter: ',' | ';' | '\t';
  eol: '\n' | '\r\n';
  /** 'needed': only fields holding a delimiter, a quote or a line break; 'all': every field, the header too. */
  quote: 'needed' | 'all';
  encoding: 'utf-8';
}

const PLAIN: Dialect = { delimiter: ',', eol: '\n', quote: 'needed', encoding: 'utf-8' };
const DIALECTS: Record<string, Dialect> = {
  'every field quoted': { ...PLAIN, quote: 'all' },
  'every field quoted, semicolons, CRLF': { delimiter: ';', eol: '\r\n', quote: 'all', encoding: 'utf-8' },
};

/** Records (the header first) written in a dialect. */
function write(records: readonly string[][], d: Dialect): Buffer {
  const quote = (f: string) => (d.quote === 'all' || f.includes(d.delimiter) || /["\r\n]/.test(f) ? `"${f.replaceAll('"', '""')}"` : f);
  const text = records.map((r) => r.map(quote).join(d.delimiter) + d.eol).join('');
  return Buffer.from(text, 'utf8');
}

/** A CSV file's records, as the tokenizer reads it (broken lines dropped: the dialect re-writes what was read). */
function records(text: string): string[][] {
  const t = new Tokenizer(sniffDelimiter(text));
  const issues: CsvIssue[] = [];
  return [...t.push(text, issues), ...t.end(issues)].map((r) => r.fields);
}

const YEAR = 2017;

/**
 * Both files through the checkers on one path, in chunks of `chunk`: the problems as listed, and the figures'
 * JSON. 'bytes only': the string path is not there to hand anything to (a file the byte path declines throws).
 */
async function run(orgs: Buffer, members: Buffer, year: number, chunk: number, way: boolean | 'bytes only') {
  const problems: Problem[] = [];
  const years = new Set([year, year - 1]);
  const source = (bytes: Buffer) => {
    const s = bytesSource(bytes, chunk, way !== false);
    return way === 'bytes only' ? { ...s, batches: () => { throw new Error('the string path was taken'); } } : s;
  };
  const o = await checkOrganizations('organizations.csv', source(orgs), years, problems);
  const m = await checkMembers('members.csv', source(members), years, o.result, problems);
  const table = o.result?.get(year);
  const f = problems.length === 0 && table && table.size > 0 ? finalize(table, m.result.get(year)!) : undefined;
  return { problems: sortProblems(problems).map((p) => formatProblem(p)), figures: f && [...jsonChunks(jsonReport(f, {}))].join('') };
}

/** The byte path gives the string path's answer, in chunks of every size; returns that answer. */
async function same(orgs: Buffer, members: Buffer, year: number, chunks = [7, 64, 1 << 20]) {
  const want = await run(orgs, members, year, 1 << 20, false);
  for (const chunk of chunks) expect(await run(orgs, members, year, chunk, true), `chunks of ${chunk}`).toEqual(want);
  return want;
}

describe.each(Object.entries(DIALECTS))('%s: byte path = string path', (_name, dialect) => {
  it.each(fixtureFolders())('%s', async (dir, year) => {
    const [o, m] = ['organizations.csv', 'members.csv'].map((f) => records(readFileSync(path.join(dir, f), 'utf8')));
    const got = await same(write(o!, dialect), write(m!, dialect), year, [13, 1 << 20]);
    // A valid district: read on bytes alone, every line, and the figures of the plain file.
    if (!dir.includes(`${path.sep}bad${path.sep}`)) {
      expect(await run(write(o!, dialect), write(m!, dialect), year, 64, 'bytes only')).toEqual(got);
      expect(got).toEqual(await run(write(o!, PLAIN), write(m!, PLAIN), year, 1 << 20, false));
    }
  });

  it('random files: odd cells, quotes, delimiters and line breaks inside fields', async () => {
    const odd = fc.constantFrom('', ' ', 'x y', '"', 'a"b', '""', ',', ';', '\t', 'a\nb', 'a\r\nb', 'Nguyễn', 'Nguye\u0302\u0303n', '𝔸', '\ufeff', 'CB1 ');
    const cell = (usual: fc.Arbitrary<string>) => fc.oneof({ weight: 6, arbitrary: usual }, { weight: 1, arbitrary: odd });
    const member = fc.tuple(
      cell(fc.integer({ min: 1, max: 30 }).map((i) => `DV${i}`)),
      cell(fc.constantFrom('An', 'Bình, Văn', 'Lê "Út"', '')),
      cell(fc.constantFrom('CB1', 'DB1-C1', 'DB1-C2', 'DB2-C1')),
      cell(fc.constantFrom('2017', '2016')),
      cell(fc.constantFrom('HTXSNV', 'HTTNV', 'HTNV', 'KHTNV', 'UNRANKED', '', 'Hoàn thành tốt nhiệm vụ')),
      cell(fc.constantFrom('', 'Miễn sinh hoạt', 'Ốm, nằm viện')),
    );
    const orgs = records(SMALL.organizations);
    await fc.assert(
      fc.asyncProperty(fc.array(member, { maxLength: 40 }), fc.integer({ min: 1, max: 100 }), async (rows, chunk) => {
        const m = write([records(SMALL.members)[0]!, ...rows], dialect);
        const want = await run(write(orgs, dialect), m, YEAR, 1 << 20, false);
        expect(await run(write(orgs, dialect), m, YEAR, chunk, true)).toEqual(want);
      }),
      { numRuns: 100 },
    );
  }, 60_000);
});
