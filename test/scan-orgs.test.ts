// The organizations' byte path (src/scan-orgs.ts) against the string path it hands irregular rows to:
// the same bytes must give the same problems, the same years, and the same table (ids, names, kinds,
// ratings, lines, parents). Inputs: every fixture, the bad-input catalogue, hand-made edge cases, and
// random files with every kind of irregular row mixed in, cut into chunks of every size.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkOrganizations } from '../src/check.js';
import { sortProblems, type Problem } from '../src/problems.js';
import { formatProblem } from '../src/report/problems-text.js';
import { bytesSource, fixtureFolders, SMALL } from './support.js';

async function run(bytes: Buffer, year: number, chunk: number, bytePath: boolean) {
  const problems: Problem[] = [];
  const o = await checkOrganizations('organizations.csv', bytesSource(bytes, chunk, bytePath), new Set([year, year - 1]), problems);
  const tables = [...(o.result ?? [])].map(([y, t]) => ({
    y,
    rows: Array.from({ length: t.size }, (_, i) => [t.id(i), t.name(i), t.kind(i), t.rating(i), t.lines[i], t.parents[i]]),
  }));
  return { problems: sortProblems(problems).map((p) => formatProblem(p)), usable: o.usable, years: [...o.years].sort(), tables };
}

async function same(orgs: string | Buffer, year: number, chunks = [7, 64, 1 << 20]): Promise<void> {
  const bytes = typeof orgs === 'string' ? Buffer.from(orgs) : orgs;
  const want = await run(bytes, year, 1 << 20, false);
  for (const chunk of chunks) expect(await run(bytes, year, chunk, true), `chunks of ${chunk}`).toEqual(want);
}

describe('organizations: byte path = string path', () => {
  it.each(fixtureFolders())('%s', async (dir, year) => {
    await same(readFileSync(path.join(dir, 'organizations.csv')), year, [1 << 20, 13]);
  });

  const O = SMALL.organizations.trimEnd();
  it.each([
    ['a duplicate id, on the byte path first', `${O}\nDB1,Trùng,dang_bo_co_so,,2017,TSVM\n`],
    ['quoted names with line breaks and commas', `${O}\nCB7,"Chi bộ, thôn\nMột",chi_bo_co_so,,2017,HTNV\nCB8,"Chi bộ ""Hai""",chi_bo_co_so,,2017,HTNV\n`],
    ['CRLF line ends', `${O}\nCB7,A,chi_bo_co_so,,2017,HTNV\n`.replace(/\n/g, '\r\n')],
    ['spaces, case, full names', `${O}\n CB7 ,A,chi_bo_co_so,,2017,HTNV\nCB8, B ,Chi bộ cơ sở,,2017,hoàn thành nhiệm vụ\nCB9,C,CHI_BO_CO_SO,,2017, TSVM \n`],
    ['names NFC leaves alone, and names it composes', `${O}\nCB7,Chi bộ Ấp Bình Hưng Ữ,chi_bo_co_so,,2017,HTNV\nCB8,Chi bo\u0302\u0323 NFD,chi_bo_co_so,,2017,HTNV\nCB9,Ω Ångström ℃,chi_bo_co_so,,2017,HTNV\nCB10,Tab\there,chi_bo_co_so,,2017,HTNV\nCB11,\u00a0Nbsp,chi_bo_co_so,,2017,HTNV\n`],
    ['blank and unknown cells', `${O}\n,A,chi_bo_co_so,,2017,HTNV\nCB7,,chi_bo_co_so,,2017,HTNV\nCB8,B,to_dang,,2017,HTNV\nCB9,C,chi_bo_co_so,,2017,Giỏi\nCB10,D,chi_bo_co_so,,2017,\n`],
    ['a rating of the other scheme', `${O}\nCB7,A,chi_bo_co_so,,2017,HTXSNV\n`],
    ['parents: a base with one, cells without, unknown, a cell, itself', `${O}\nCB7,A,chi_bo_co_so,DB1,2017,HTNV\nDB1-C9,B,chi_bo_truc_thuoc,,2017,HTNV\nDB1-C8,C,chi_bo_truc_thuoc,XX,2017,HTNV\nDB1-C7,D,chi_bo_truc_thuoc,CB1,2017,HTNV\nDB1-C6,E,chi_bo_truc_thuoc,DB1-C6,2017,HTNV\nDB1-C5,F,chi_bo_truc_thuoc,DB9,2017,HTNV\nDB9,G,dang_bo_co_so,,2017,HTNV\n`],
    ['other years, bad years', `${O}\nCB7,A,chi_bo_co_so,,2016,TSVM\nCB8,B,chi_bo_co_so,,20l7,HTNV\nCB9,C,chi_bo_co_so,,3017,HTNV\nCB10,D,chi_bo_co_so,,1999,TSVM\n`],
    ['wrong field counts and blank lines', `${O}\n\nCB7,A,chi_bo_co_so,,2017\nCB8,B,chi_bo_co_so,,2017,HTNV,,\nCB9,C,chi_bo_co_so,,2017,HTNV,x\n,,,,,\n`],
    ['invalid UTF-8', Buffer.concat([Buffer.from(`${O}\nCB7,`), Buffer.from([0xc3, 0x28]), Buffer.from(',chi_bo_co_so,,2017,HTNV\nCB8,B,chi_bo_co_so,,2017,HTNV\n')])],
    ['no newline at the end', `${O}\nCB7,A,chi_bo_co_so,,2017,HTNV`],
    ['a BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(SMALL.organizations)])],
    ['no parent_id column', 'id,name,kind,year,rating\nDB1,A,dang_bo_co_so,2017,TSVM\nDB1-C1,B,chi_bo_truc_thuoc,2017,HTNV\nCB1,C,chi_bo_co_so,2017,HTNV\n'],
    ['columns in another order, semicolons', 'rating;year;kind;name;id;parent_id\nTSVM;2017;dang_bo_co_so;Đảng bộ A;DB1;\nHTNV;2017;chi_bo_truc_thuoc;Chi bộ B;DB1-C1;DB1\n'],
    ['a header without a needed column', 'id,name,year,rating\nDB1,A,2017,TSVM\n'],
  ])('%s', async (_name, orgs) => {
    await same(orgs, 2017);
  });

  it('random files with irregular rows mixed in', async () => {
    const good = fc.record({
      id: fc.integer({ min: 1, max: 30 }),
      kind: fc.constantFrom('dang_bo_co_so', 'chi_bo_co_so', 'chi_bo_truc_thuoc', 'Chi bộ cơ sở'),
      parent: fc.constantFrom('', 'DB1', 'DB7', 'CB3', 'X'),
      rating: fc.constantFrom('TSVM', 'HTTNV', 'HTNV', 'YEU', 'HTXSNV', 'UNRANKED', 'PENDING', '', 'trong sạch vững mạnh'),
      name: fc.constantFrom('Đảng bộ xã Hòa Thắng', 'Chi bộ thôn Lương Sơn', 'A', 'Chi bo\u0302\u0323', ' Lề '),
    });
    const row = fc.oneof(
      { weight: 8, arbitrary: good.map((r) => `${r.kind === 'dang_bo_co_so' ? 'DB' : 'CB'}${r.id},${r.name} ${r.id},${r.kind},${r.parent},2017,${r.rating}`) },
      { weight: 1, arbitrary: fc.constantFrom('CB99,"Tên, có phẩy",chi_bo_co_so,,2017,HTNV', 'CB98,"Hai\ndòng",chi_bo_co_so,,2017,HTNV', 'CB97,A,chi_bo_co_so,,2016,Giỏi', 'CB95,A,chi_bo_co_so,,2017', '', 'CB94,"mở,chi_bo_co_so,,2017,HTNV', 'CB92,"A"b,chi_bo_co_so,,2017,HTNV') },
    );
    await fc.assert(
      fc.asyncProperty(fc.array(row, { maxLength: 50 }), fc.integer({ min: 1, max: 200 }), fc.boolean(), async (rows, chunk, crlf) => {
        const eol = crlf ? '\r\n' : '\n';
        const text = Buffer.from(['id,name,kind,parent_id,year,rating', ...rows].join(eol) + eol);
        expect(await run(text, 2017, chunk, true)).toEqual(await run(text, 2017, 1 << 20, false));
      }),
      { numRuns: 400 },
    );
  });
});
