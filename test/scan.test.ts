// The byte path (src/scan.ts) against the string path it hands irregular rows to: the same inputs must
// give the same problems, in the same order, and the same figures. Inputs: every fixture, the bad-input
// catalogue, hand-made edge cases, and random files with every kind of irregular row mixed in.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { finalize } from '../src/figures/aggregate.js';
import { jsonChunks } from '../src/report/json-stream.js';
import { jsonReport } from '../src/report/json-report.js';
import { checkMembers, checkOrganizations } from '../src/check.js';
import { sortProblems, type Problem } from '../src/problems.js';
import { formatProblem } from '../src/report/problems-text.js';
import { bytesSource, fixtureFolders, SMALL } from './support.js';

async function run(orgs: string, members: Buffer, year: number, chunk: number, bytePath: boolean) {
  const problems: Problem[] = [];
  const years = new Set([year, year - 1]);
  const o = await checkOrganizations('organizations.csv', bytesSource(Buffer.from(orgs), 1 << 20, false), years, problems);
  const m = await checkMembers('members.csv', bytesSource(members, chunk, bytePath), years, o.result, problems);
  // Figures are only ever used when there is no problem (a report is refused otherwise).
  const f = problems.length === 0 && o.result && o.result.get(year)!.size > 0 ? finalize(o.result.get(year)!, m.result.get(year)!) : undefined;
  const figures = f && { json: [...jsonChunks(jsonReport(f, {}))].join(''), members: [...f.memberCounts] };
  return { problems: sortProblems(problems).map((p) => formatProblem(p)), figures, years: [...m.years].sort() };
}

async function same(orgs: string, members: string | Buffer, year: number, chunks = [7, 64, 1 << 20]): Promise<void> {
  const bytes = typeof members === 'string' ? Buffer.from(members) : members;
  const want = await run(orgs, bytes, year, 1 << 20, false);
  for (const chunk of chunks) expect(await run(orgs, bytes, year, chunk, true), `chunks of ${chunk}`).toEqual(want);
}

describe('byte path = string path', () => {
  it.each(fixtureFolders())('%s', async (dir, year) => {
    await same(readFileSync(path.join(dir, 'organizations.csv'), 'utf8'), readFileSync(path.join(dir, 'members.csv')), year, [1 << 20, 13]);
  });

  const M = SMALL.members.trimEnd();
  it.each([
    ['duplicates across chunks', `${M}\nDV3,Trùng,CB1,2017,HTNV,\nDV3,Lại trùng,CB1,2017,HTNV,\nDV1,,DB1-C1,2017,HTTNV,\n`],
    ['quoted names with line breaks and commas', `${M}\nDV9,"Nguyễn, Văn\nHai",CB1,2017,HTNV,\nDV10,"Lê ""Út""",CB1,2017,Giỏi,\n`],
    ['CRLF line ends', `${M}\nDV9,A,CB1,2017,HTNV,\n`.replace(/\n/g, '\r\n')],
    ['unclosed quote at the end', `${M}\nDV9,"Lỗi,CB1,2017,HTNV,\nDV10,B,CB1,2017,HTNV,\n`],
    ['stray text after a quote', `${M}\nDV9,"A"x,CB1,2017,HTNV,\nDV10,B,CB1,2017,HTNV,\n`],
    ['odd cells: spaces, case, accents, blanks', `${M}\n DV9 ,A, CB1 ,2017, htnv ,\nDV10,B,CB1,2017,Hoàn thành tốt nhiệm vụ,\nDV11,C,CB1,2017,,\n,D,CB1,2017,HTNV,\nDV12,E,,2017,HTNV,\n`],
    ['other years, bad years', `${M}\nDV9,A,XX,2016,Giỏi,\nDV10,B,CB1,20l7,HTNV,\nDV11,C,CB1,3017,HTNV,\n`],
    ['wrong field counts and blank lines', `${M}\n\nDV9,A,CB1,2017\nDV10,B,CB1,2017,HTNV,,,\nDV11,C,CB1,2017,HTNV,,x\n,,,,,\n`],
    ['orphans and committees', `${M}\nDV9,A,KHONG-CO,2017,HTNV,\nDV10,B,DB1,2017,HTNV,\n`],
    ['invalid UTF-8', Buffer.concat([Buffer.from(`${M}\nDV9,`), Buffer.from([0xc3, 0x28]), Buffer.from(',CB1,2017,HTNV,\nDV10,B,CB1,2017,HTNV,\n')])],
    ['no newline at the end', `${M}\nDV9,A,CB1,2017,HTNV,`],
    ['a BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(SMALL.members)])],
    ['a line starting with U+FEFF (text, not a BOM)', `${M}\n\ufeff,A,CB1,2017,HTNV,\n\ufeffDV9,A,CB1,2017,HTNV,\n`],
    ['reasons in two spellings', `${M}\nDV9,A,CB1,2017,UNRANKED,miễn sinh hoạt\nDV10,B,CB1,2017,Không xếp loại,MIỄN SINH HOẠT\n`],
  ])('%s', async (_name, members) => {
    await same(SMALL.organizations, members, 2017);
  });

  it('random files with irregular rows mixed in', async () => {
    const good = fc.record({ id: fc.integer({ min: 1, max: 40 }), cell: fc.constantFrom('CB1', 'DB1-C1', 'DB1-C2', 'DB2-C1'), rating: fc.constantFrom('HTXSNV', 'HTTNV', 'HTNV', 'HTNV_HC', 'KHTNV', 'UNRANKED', 'PENDING', '', 'hoàn thành tốt nhiệm vụ') });
    const row = fc.oneof(
      { weight: 8, arbitrary: good.map((r) => `DV${r.id},Tên ${r.id},${r.cell},2017,${r.rating},${r.rating === 'UNRANKED' ? 'Miễn sinh hoạt' : ''}`) },
      { weight: 1, arbitrary: fc.constantFrom('DV99,"Tên, có phẩy",CB1,2017,HTNV,', 'DV98,"Hai\ndòng",CB1,2017,HTNV,', 'DV97,A,CB9,2017,HTNV,', 'DV96,A,CB1,2016,Giỏi,', 'DV95,A,CB1,2017', '', 'DV94,"mở,CB1,2017,HTNV,', 'DV93,A,CB1,2017,Giỏi,', 'DV92,"A"b,CB1,2017,HTNV,') },
    );
    await fc.assert(
      fc.asyncProperty(fc.array(row, { maxLength: 60 }), fc.integer({ min: 1, max: 200 }), fc.boolean(), async (rows, chunk, crlf) => {
        const eol = crlf ? '\r\n' : '\n';
        const text = ['id,name,org_id,year,rating,reason', ...rows].join(eol) + eol;
        const want = await run(SMALL.organizations, Buffer.from(text), 2017, 1 << 20, false);
        expect(await run(SMALL.organizations, Buffer.from(text), 2017, chunk, true)).toEqual(want);
      }),
      { numRuns: 400 },
    );
  });
});
