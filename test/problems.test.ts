// Problems as values (src/problems.ts) and as printed (src/report/problems-text.ts): kept bounded however many
// there are, listed in reading order, counted in full; and, end to end, a file with hundreds of thousands of
// problems or warnings.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { countReason, MAX_REASONS, OTHER_REASONS } from '../src/figures/aggregate.js';
import { ProblemList, quote, sortProblems, type Problem } from '../src/problems.js';
import { listProblems, problemsJson } from '../src/report/problems-text.js';
import { runCli } from './in-process.js';

const p = (file: string, line: number, code: Problem['code'] = 'unknown-rating', year?: number): Problem => ({ file, line, code, message: `m${line}`, ...(year !== undefined ? { year } : {}) });

describe('ProblemList', () => {
  it('keeps the first max problems in reading order, whatever order they come in, and counts them all', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom('a.csv', 'b.csv'), fc.integer({ min: 0, max: 50 })), { maxLength: 200 }), fc.integer({ min: 1, max: 20 }), (items, max) => {
        const problems = items.map(([file, line]) => p(file, line));
        const list = new ProblemList(max);
        for (const x of problems) list.push(x);
        const s = list.select();
        expect(s.total).toBe(problems.length);
        expect(s.listed.map((x) => [x.file, x.line])).toEqual(sortProblems(problems).slice(0, max).map((x) => [x.file, x.line]));
      }),
    );
  });

  it('keeps years apart: a selection of years lists and counts only theirs', () => {
    const list = new ProblemList(2);
    for (let i = 2; i < 10; i++) list.push(p('m.csv', i, 'unknown-rating', 2024));
    list.push(p('m.csv', 9, 'duplicate-id', 2025));
    list.push(p('o.csv', 1, 'missing-column'));
    const main = list.select((key) => key !== 2024);
    expect(main.total).toBe(2);
    expect(main.listed.map((x) => x.code)).toEqual(['duplicate-id', 'missing-column']);
    expect(list.total((key) => key === 2024)).toBe(8);
  });

  it('absorbs another list (a thread\'s) through plain data, and notices stay apart', () => {
    const a = new ProblemList(3);
    const b = new ProblemList(3);
    for (let i = 10; i > 0; i--) (i % 2 ? a : b).push(p('m.csv', i));
    b.push({ file: 'm.csv', line: 0, code: 'notice-encoding', message: 'x' });
    a.absorb(structuredClone(b.data()));
    expect(a.select().listed.map((x) => x.line)).toEqual([1, 2, 3]);
    expect(a.select().total).toBe(10);
    expect(a.notices).toHaveLength(1);
  });

  it('two problems of one line and one kind keep the order they came in, through a heap and another thread', () => {
    const list = new ProblemList(3);
    for (let i = 9; i > 3; i--) list.push(p('m.csv', i));
    list.push({ ...p('m.csv', 2, 'empty-cell'), column: 'id' });
    list.push({ ...p('m.csv', 2, 'empty-cell'), column: 'org_id' });
    const other = new ProblemList(3);
    other.absorb(structuredClone(list.data()));
    for (const l of [list, other]) expect(l.select().listed.map((x) => x.column ?? x.line)).toEqual(['id', 'org_id', 4]);
  });

  it('takes out one kind of one file, kept or only counted', () => {
    const list = new ProblemList(2);
    for (let i = 2; i < 7; i++) list.push(p('m.csv', i, 'bad-year'));
    list.push(p('o.csv', 3, 'bad-year'));
    const taken = list.take('m.csv', 'bad-year');
    expect(taken.count).toBe(5);
    expect(taken.first?.line).toBe(2);
    expect(list.select().total).toBe(1);
  });

  it('says how many more there are, with a thousands dot', () => {
    const list = new ProblemList(1);
    for (let i = 0; i < 1500; i++) list.push(p('m.csv', i + 2));
    const text = listProblems(list.select());
    expect(text).toContain('… và 1.499 lỗi khác');
    expect(text).toMatch(/1\.500 lỗi: 1\.500 xếp loại không rõ\n$/);
  });

  it('as JSON: valid, each problem with file, line, column, value, code, message, and the summary', () => {
    const list = new ProblemList(1);
    list.push({ file: 'members.csv', line: 17, code: 'unknown-rating', column: 'Xếp loại', value: 'Giỏi', message: 'm' });
    list.push(p('members.csv', 18));
    const j = JSON.parse(problemsJson(list.select(), []));
    expect(j).toEqual({
      valid: false,
      problems: [{ file: 'members.csv', line: 17, column: 'Xếp loại', value: 'Giỏi', code: 'unknown-rating', message: 'm' }],
      omitted: 1,
      warnings: [],
      summary: { 'unknown-rating': 2 },
    });
    expect(JSON.parse(problemsJson(undefined, []))).toEqual({ valid: true, problems: [], warnings: [], summary: {} });
  });
});

describe('reasons are counted apart up to MAX_REASONS, then together', () => {
  it('keeps memory bounded on free text, and loses no member', () => {
    const m = new Map<string, number>();
    for (let i = 0; i < MAX_REASONS + 500; i++) countReason(m, `lý do ${i}`);
    countReason(m, 'lý do 3', 2);
    expect(m.size).toBe(MAX_REASONS + 1);
    expect(m.get(OTHER_REASONS)).toBe(500);
    expect(m.get('lý do 3')).toBe(3);
    expect([...m.values()].reduce((a, b) => a + b, 0)).toBe(MAX_REASONS + 502);
  });
});

describe('tens of thousands of problems (the byte path) do not crash the run', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
  const folder = (orgs: string, members: string) => {
    const dir = mkdtempSync(path.join(tmpdir(), 'assess-problems-'));
    dirs.push(dir);
    writeFileSync(path.join(dir, 'organizations.csv'), orgs);
    writeFileSync(path.join(dir, 'members.csv'), members);
    return dir;
  };
  const N = 60_000;

  it('60 000 members in unknown cells: exit 1, 1 000 listed, every one counted', async () => {
    const rows = Array.from({ length: N }, (_, i) => `DV${i},KHONG${i % 7},2019,HTTNV`);
    const dir = folder('id,name,kind,parent_id,year,rating\nCB1,Chi bộ A,chi_bo_co_so,,2019,HTTNV\n', `id,org_id,year,rating\n${rows.join('\n')}\n`);
    const r = await runCli(['validate', dir, '--year', '2019']);
    expect(r.code).toBe(1);
    expect(r.stderr).not.toMatch(/RangeError|\n\s+at /);
    expect(r.stderr).toContain('… và 59.000 lỗi khác');
    expect(r.stderr).toMatch(/60\.000 lỗi: 60\.000 chi bộ không có trong danh sách\n$/);
    const j = await runCli(['validate', dir, '--year', '2019', '--format', 'json']);
    expect(j.code).toBe(1);
    const parsed = JSON.parse(j.stdout) as { problems: unknown[]; omitted: number; summary: Record<string, number> };
    expect(parsed.problems).toHaveLength(1000);
    expect(parsed.omitted).toBe(N - 1000);
    expect(parsed.summary).toEqual({ 'unknown-org': N });
  });

  it('60 000 regulation warnings with --strict: exit 1, listed once and capped', async () => {
    const orgs = Array.from({ length: N }, (_, i) => `CB${i},Chi bộ ${i},chi_bo_co_so,,2019,HTXSNV`);
    const members = Array.from({ length: N }, (_, i) => `DV${i},CB${i},2019,KHTNV`);
    const dir = folder(`id,name,kind,parent_id,year,rating\n${orgs.join('\n')}\n`, `id,org_id,year,rating\n${members.join('\n')}\n`);
    const r = await runCli(['report', dir, '--year', '2019', '--strict']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).not.toMatch(/RangeError|\n\s+at /);
    expect(r.stderr).toMatch(/\n120\.000 lỗi: 120\.000 /); // two rules broken by each organization
    expect(r.stderr).not.toContain('cảnh báo: '); // listed once, as problems
  }, 30_000);
});

describe('quote', () => {
  it.each([
    ['HTNV\u200b', '"HTNV\\u200b"'],
    ['\ufeffHTNV', '"\\ufeffHTNV"'],
    ['a\u00a0b', '"a\\u00a0b"'],
    ['a\tb', '"a\\tb"'],
    ['\u202eabc', '"\\u202eabc"'],
    ['Hoàn thành tốt', '"Hoàn thành tốt"'],
    ['say "x"', '"say \\"x\\""'],
  ])('%j → %s', (value, shown) => expect(quote(value)).toBe(shown));
});
