// The dialects users' exports come in, through both paths: the same records written every field quoted
// (header too), or as Excel's "Unicode Text" (UTF-16 LE or BE with BOM, tab, CRLF), must give, on the byte path
// (src/fast/), the string path's problems and figures byte for byte, and (for a valid district) the figures
// of the plain file. Inputs: every fixture and the bad-input catalogue re-written in each dialect, random
// files with odd cells, every kind of quoting and repeated ids, and (through the files, on the byte path as a
// user's run takes it) a district large enough for it, valid and with one duplicate member id.
import { readFileSync, writeFileSync } from 'node:fs';
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
import { runCli } from './in-process.js';
import { bytesSource, fixtureFolders, scratch, SMALL } from './support.js';

/** How a file is written: its delimiter, line end, which fields are quoted, and its bytes. */
interface Dialect {
  delimiter: ',' | ';' | '\t';
  eol: '\n' | '\r\n';
  /** 'needed': only fields holding a delimiter, a quote or a line break; 'all': every field, the header too. */
  quote: 'needed' | 'all';
  encoding: 'utf-8' | 'utf-16le' | 'utf-16be';
}

const PLAIN: Dialect = { delimiter: ',', eol: '\n', quote: 'needed', encoding: 'utf-8' };
const DIALECTS: Record<string, Dialect> = {
  'every field quoted': { ...PLAIN, quote: 'all' },
  'every field quoted, semicolons, CRLF': { delimiter: ';', eol: '\r\n', quote: 'all', encoding: 'utf-8' },
  'UTF-16 LE, tab, CRLF (Excel "Unicode Text")': { delimiter: '\t', eol: '\r\n', quote: 'needed', encoding: 'utf-16le' },
  'UTF-16 BE, every field quoted': { delimiter: ',', eol: '\n', quote: 'all', encoding: 'utf-16be' },
};

/** Records (the header first) written in a dialect. */
function write(records: readonly string[][], d: Dialect): Buffer {
  const quote = (f: string) => (d.quote === 'all' || f.includes(d.delimiter) || /["\r\n]/.test(f) ? `"${f.replaceAll('"', '""')}"` : f);
  const text = records.map((r) => r.map(quote).join(d.delimiter) + d.eol).join('');
  if (d.encoding === 'utf-8') return Buffer.from(text, 'utf8');
  const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
  return d.encoding === 'utf-16le' ? utf16 : utf16.swap16();
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
    const got = await same(write(o!, dialect), write(m!, dialect), year, [13]);
    // A valid district: read on bytes alone, every line, and the figures of the plain file.
    if (!dir.includes(`${path.sep}bad${path.sep}`)) {
      expect(await run(write(o!, dialect), write(m!, dialect), year, 1 << 20, 'bytes only')).toEqual(got);
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
      { numRuns: 20 },
    );
  }, 60_000);
});

describe('through the files, on the byte path (a district over 64 KB): every dialect gives the plain file\'s answers', () => {
  // 60 committees of 30 cells, 3 000 members; names with commas and quotes, a reason with a line break.
  const orgs: string[][] = [['id', 'name', 'kind', 'parent_id', 'year', 'rating']];
  const members: string[][] = [['id', 'name', 'org_id', 'year', 'rating', 'reason']];
  const RATINGS = ['HTXSNV', 'HTTNV', 'HTTNV', 'HTNV', 'KHTNV', 'UNRANKED'];
  for (let c = 1; c <= 60; c++) {
    orgs.push([`DB${c}`, `Đảng bộ xã Số ${c}`, 'dang_bo_co_so', '', String(YEAR), 'HTTNV']);
    for (let k = 1; k <= 30; k++) orgs.push([`DB${c}-C${k}`, `Chi bộ thôn ${k}, xã "${c}"`, 'chi_bo_truc_thuoc', `DB${c}`, String(YEAR), c % 7 === 0 ? 'HTNV' : 'HTTNV']);
  }
  for (let i = 1; i <= 3000; i++) {
    const rating = RATINGS[i % RATINGS.length]!;
    members.push([`DV${i}`, i % 97 === 0 ? `Lê Văn "Út", ${i}` : `Nguyễn Văn ${i}`, `DB${(i % 60) + 1}-C${(i % 30) + 1}`, String(YEAR), rating, rating === 'UNRANKED' ? (i % 5 === 0 ? 'Ốm dài ngày\n(nằm viện)' : 'Miễn sinh hoạt') : '']);
  }

  // One member id written twice: record 2 900 takes the id of record 40 (DV40). Their physical lines (the
  // reasons' line breaks move them on):
  const duplicated = members.map((r, i) => (i === 2900 ? ['DV40', ...r.slice(1)] : r));
  const lineOf = (k: number) => 1 + members.slice(0, k).reduce((n, r) => n + r.join('').split('\n').length, 0);

  async function run(d: Dialect, rows = members): Promise<{ code: number; stdout: string }> {
    const dir = scratch('assess-dialect-');
    writeFileSync(path.join(dir, 'organizations.csv'), write(orgs, d));
    writeFileSync(path.join(dir, 'members.csv'), write(rows, d));
    return runCli(rows === members ? ['report', '--year', String(YEAR), dir, '--format', 'json', '--no-compare'] : ['validate', '--year', String(YEAR), dir, '--format', 'json']);
  }

  it.each(Object.entries({ plain: PLAIN, ...DIALECTS }))('%s', async (_name, d) => {
    expect(Buffer.byteLength(write(members, PLAIN))).toBeGreaterThan(64 << 10);
    const plain = await run(PLAIN);
    expect(JSON.parse(plain.stdout).members.total).toBe(3000);
    expect(await run(d)).toMatchObject({ code: 0, stdout: plain.stdout });
    // The duplicate: one problem, at its line, naming the first; confirmed on bytes, the same in every dialect.
    const dup = await run(d, duplicated);
    expect(dup.code).toBe(1);
    expect(JSON.parse(dup.stdout).problems).toEqual([
      { file: expect.stringMatching(/members\.csv$/), line: lineOf(2900), column: 'id', value: 'DV40', code: 'duplicate-id', message: `cột "id", giá trị "DV40": mã này đã có ở dòng ${lineOf(40)} (năm 2017); mỗi mã chỉ được xuất hiện một lần trong một năm` },
    ]);
  });
});
