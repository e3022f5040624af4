// report's options, in this process through cli(argv, env) (test/in-process.ts; relative paths resolve against
// the project root, vitest's working directory): --format, --check, --template (and its strictness),
// --compare / --no-compare, and the regulation warnings with --strict. A template that recurses without end
// runs in the built binary, a process of its own.
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './in-process.js';
import { dataDir, scratch, SMALL } from './support.js';

const FIXTURE = 'fixtures/bac-binh-2017';
const STACK = /\n\s+at .+:\d+:\d+\)?\n/;

describe('--check FILE', () => {
  it('exits 0 when FILE holds exactly the report, and does not touch it', async () => {
    const file = path.join(scratch(), 'bao-cao.md');
    expect((await runCli(['report', '--year', '2017', FIXTURE, '--format', 'md', '--out', file])).code).toBe(0);
    const before = statSync(file).mtimeMs;
    const r = await runCli(['report', '--year', '2017', FIXTURE, '--format', 'md', '--check', file]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(statSync(file).mtimeMs).toBe(before);
  });

  it('exits 1 with a unified diff on stderr when FILE differs, and never writes it', async () => {
    const file = path.join(scratch(), 'bao-cao.txt');
    const good = (await runCli(['report', '--year', '2017', FIXTURE])).stdout;
    const stale = good.replace('2.904 đảng viên', '2.900 đảng viên');
    writeFileSync(file, stale);
    const r = await runCli(['report', '--year', '2017', FIXTURE, '--check', file]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`--- ${file}`);
    expect(r.stderr).toContain('-Năm 2017, toàn huyện Bắc Bình có 43 tổ chức cơ sở đảng (27 đảng bộ cơ sở và 16 chi bộ cơ sở), 231 chi bộ trực thuộc đảng ủy cơ sở và 2.900 đảng viên.');
    expect(r.stderr).toMatch(/^\+Năm 2017, .* 2\.904 đảng viên/m);
    expect(readFileSync(file, 'utf8')).toBe(stale);
  });

  it('a missing FILE is a usage error', async () => {
    const r = await runCli(['report', '--year', '2017', FIXTURE, '--check', path.join(scratch(), 'none.txt')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('không có tệp này');
  });
});

describe('--template FILE', () => {
  const dir = scratch('assess-tpl-');
  const write = (name: string, text: string) => {
    writeFileSync(path.join(dir, name), text);
    return path.join(dir, name);
  };
  write('footer.hbs', '{{#each units}}{{#if @first}}Đầu bảng: {{name}} ({{ratingName rating}}, {{ratingShort rating}}){{/if}}{{/each}}\n');
  write('broken-but-unused.hbs', '{{#if x}}');

  it('renders the documented model, with partials beside it and the Vietnamese helpers', async () => {
    const main = write('main.hbs', [
      '{{year}} {{unit}}: {{number members.total}} đảng viên; TSVM {{percent baseOrganizations.shares.TSVM}}; {{percent baseOrganizations.byRating.YEU baseOrganizations.rated}} yếu kém',
      '{{#each members.ratings}}{{short}}={{number count}} {{/each}}',
      '{{> footer}}',
      '',
    ].join('\n'));
    const r = await runCli(['report', '--year', '2017', FIXTURE, '--template', main]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      '2017 huyện Bắc Bình: 2.904 đảng viên; TSVM 25,58%; 6,98% yếu kém\n' +
        'HTXSNV=135 HTTNV=1.784 HTNV=636 HTNV có hạn chế=12 KHTNV=17\n' +
        'Đầu bảng: Đảng bộ thị trấn Chợ Lầu (Hoàn thành tốt nhiệm vụ, HTTNV)\n',
    );
  });

  it('escapes values in html, prints them as they are in text', async () => {
    const d = dataDir({ ...SMALL, organizations: SMALL.organizations.replace('Chi bộ Trường THPT', 'Chi bộ <b>"A & B"</b>') });
    const main = write('name.hbs', '{{#each units}}{{name}}|{{/each}}\n');
    expect((await runCli(['report', '--year', '2017', d, '--template', main, '--format', 'html'])).stdout).toContain('Chi bộ &lt;b&gt;&quot;A &amp; B&quot;&lt;/b&gt;|');
    expect((await runCli(['report', '--year', '2017', d, '--template', main])).stdout).toContain('Chi bộ <b>"A & B"</b>|');
  });

  it.each([
    ['a field the model lacks', 'line one\n{{members.totl}}\n', ['missing.hbs:2:3', '"totl"']],
    ['a field the model lacks, inside a partial', '{{> uses-missing}}\n', ['uses-missing.hbs:1:3', '"nope"']],
    ['an unknown helper', '{{frobnicate year}}\n', ['không có hàm "frobnicate"']],
    ['a syntax error', 'a\n{{#if year}}\n', ['.hbs:3', 'cú pháp']],
    ['prototype access', '{{constructor.constructor}}\n', ['"constructor"']],
    ['__proto__ through lookup', '{{#with (lookup this "__proto__")}}{{constructor}}{{/with}}x\n', ['"__proto__"', 'không có trong mô hình']],
    ['a partial outside its folder', '{{> ../../etc/passwd}}\n', ['không có mẫu con "../../etc/passwd"']],
    ['a partial that is not there', '{{> nowhere}}\n', ['không có mẫu con "nowhere"']],
  ])('refuses %s: exit 2, file and line, nothing on stdout', async (name, source, says) => {
    write('uses-missing.hbs', '{{nope}}\n');
    const main = write(`${name === 'a field the model lacks' ? 'missing' : name.replace(/\W+/g, '-')}.hbs`, source);
    const r = await runCli(['report', '--year', '2017', FIXTURE, '--template', main]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    for (const s of says) expect(r.stderr).toContain(s);
    expect(r.stderr).not.toMatch(STACK);
  });

  it('a template that recurses through partials is refused, not a crash', async () => {
    const sub = path.join(dir, 'loop');
    mkdirSync(sub, { recursive: true });
    writeFileSync(path.join(sub, 'a.hbs'), '{{> b}}');
    writeFileSync(path.join(sub, 'b.hbs'), '{{> a}}');
    writeFileSync(path.join(sub, 'main.hbs'), '{{> a}}\n');
    // In process: partials are refused past MAX_PARTIAL_DEPTH, before the stack runs out (which could take down
    // the process it runs in, even the test worker: V8 once died compiling a regular expression at the limit).
    const r = await runCli(['report', '--year', '2017', FIXTURE, '--template', path.join(sub, 'main.hbs')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('đệ quy');
    expect(r.stderr).not.toMatch(STACK);
  });

  it('a template of 10 MB is refused before it is read into Handlebars', async () => {
    const big = path.join(dir, 'huge.hbs');
    writeFileSync(big, `{{year}}${' '.repeat(10 << 20)}\n`);
    const r = await runCli(['report', '--year', '2017', FIXTURE, '--template', big]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('lớn quá');
  });

  it('cannot be used with --format json', async () => {
    const r = await runCli(['report', '--year', '2017', FIXTURE, '--template', path.join(dir, 'footer.hbs'), '--format', 'json']);
    expect(r.code).toBe(2);
  });
});

describe('year over year', () => {
  const y2016 = (csv: string) => csv.replaceAll(',2017,', ',2016,');
  const twoYears = dataDir({
    organizations: SMALL.organizations + y2016(SMALL.organizations).split('\n').slice(1).join('\n').replace('DB1,Đảng bộ xã An Hòa,dang_bo_co_so,,2016,TSVM', 'DB1,Đảng bộ xã An Hòa,dang_bo_co_so,,2016,HTNV'),
    members: SMALL.members + y2016(SMALL.members).split('\n').slice(1).join('\n'),
  });

  it('compares with the year before by default: JSON previous, and the change in the text', async () => {
    const j = JSON.parse((await runCli(['report', '--year', '2017', twoYears, '--format', 'json'])).stdout);
    expect(j.previous.year).toBe(2016);
    expect(j.previous.baseOrganizations.byRating).toEqual({ TSVM: 0, HTTNV: 0, HTNV: 2, YEU: 1, UNRANKED: 0, PENDING: 0 });
    const text = (await runCli(['report', '--year', '2017', twoYears])).stdout;
    expect(text).toContain('So với năm 2016, tổng số tổ chức cơ sở đảng không đổi; số tổ chức đạt trong sạch vững mạnh tăng 1 (tỷ lệ tăng 33,33 điểm phần trăm)');
    expect(text).toContain('số tổ chức hoàn thành nhiệm vụ giảm 1 (tỷ lệ giảm 33,34 điểm phần trăm); các mức khác không đổi.'); // 66,67 − 33,33: the printed shares
  });

  it('--no-compare leaves it out', async () => {
    expect(JSON.parse((await runCli(['report', '--year', '2017', twoYears, '--format', 'json', '--no-compare'])).stdout).previous).toBeNull();
    expect((await runCli(['report', '--year', '2017', twoYears, '--no-compare'])).stdout).not.toContain('So với năm');
  });

  it('--compare names a year; one without rows cannot be compared: a usage error that says so', async () => {
    const r = await runCli(['report', '--year', '2017', twoYears, '--format', 'json', '--compare', '2012']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('không so sánh được với năm 2012');
    expect(JSON.parse((await runCli(['report', '--year', '2017', twoYears, '--format', 'json', '--compare', '2016'])).stdout).previous.year).toBe(2016);
  });

  it('problems in the compared year cancel the comparison, with a notice, but do not fail the report', async () => {
    const d = dataDir({ organizations: SMALL.organizations, members: `${SMALL.members}DV1,A,CB1,2016,Giỏi,\n` });
    const r = await runCli(['report', '--year', '2017', d, '--format', 'json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).previous).toBeNull();
    expect(r.stderr).toContain('không so sánh với năm 2016');
  });
});

describe('regulation warnings', () => {
  // 2017: DB2 has 1 cell, YEU (more than a third) but is rated HTNV; CB1 is fine; DB2-C1 has 1/2 KHTNV (not more).
  it('are printed as FILE:LINE: cảnh báo: …, exit 0; --strict makes them problems, exit 1', async () => {
    const d = dataDir(SMALL);
    const r = await runCli(['validate', '--year', '2017', d]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/organizations\.csv:3: cảnh báo: Đảng bộ xã Bình Minh: có 1\/1 chi bộ trực thuộc yếu kém \(hơn 1\/3\)/);
    const s = await runCli(['report', '--year', '2017', d, '--strict']);
    expect(s.code).toBe(1);
    expect(s.stdout).toBe('');
    expect(s.stderr).toContain('organizations.csv:3: Đảng bộ xã Bình Minh');
    expect(s.stderr).toMatch(/1 lỗi: 1 đơn vị lẽ ra phải xếp loại yếu kém/);
  });

  it('the JSON carries them', async () => {
    const j = JSON.parse((await runCli(['report', '--year', '2017', dataDir(SMALL), '--format', 'json'])).stdout);
    expect(j.warnings).toEqual([expect.objectContaining({ file: 'organizations.csv', line: 3, code: 'rule-weak-share' })]);
  });
});

describe('the 2019 fixture (ham-my-2019): rules of the newer scheme, and 2018 to compare with', () => {
  const HAM_MY = 'fixtures/ham-my-2019';

  it('warns on exactly the three planted breaches, at their lines, exit 0', async () => {
    const r = await runCli(['validate', '--year', '2019', HAM_MY]);
    expect(r.code).toBe(0);
    const warnings = r.stderr.split('\n').filter((l) => l.includes(': cảnh báo: '));
    expect(warnings.map((l) => l.replace(/: cảnh báo: .*/, ''))).toEqual([
      `${HAM_MY}/organizations.csv:307`,
      `${HAM_MY}/organizations.csv:424`,
      `${HAM_MY}/organizations.csv:430`,
    ]);
    expect(warnings[0]).toContain('Đảng bộ xã Hàm Phú: được xếp loại hoàn thành xuất sắc nhiệm vụ nhưng có 1 chi bộ không hoàn thành nhiệm vụ');
    expect(warnings[1]).toContain('3 đảng viên hoàn thành xuất sắc nhiệm vụ, vượt 20% số đảng viên hoàn thành tốt nhiệm vụ (9');
    expect(warnings[2]).toContain('chỉ 16/22 đảng viên');
  });

  it('--strict turns them into problems: exit 1, no report', async () => {
    const r = await runCli(['report', '--year', '2019', HAM_MY, '--strict']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^3 lỗi: /m);
  });

  it('2018 has no warning, and 2019 compares with it', async () => {
    expect((await runCli(['validate', '--year', '2018', HAM_MY])).stderr).not.toContain('cảnh báo');
    const j = JSON.parse((await runCli(['report', '--year', '2019', HAM_MY, '--format', 'json'])).stdout);
    expect(j.previous).toMatchObject({ year: 2018, baseOrganizations: { total: 35 }, cells: { total: 181 }, members: { total: 4105 } });
    expect(j.weak.map((w: { name: string }) => w.name)).toHaveLength(5);
  });
});

describe('README examples', () => {
  it('the small template renders on the fixture', async () => {
    const readme = readFileSync(path.join(import.meta.dirname, '..', 'README.md'), 'utf8');
    const source = /```handlebars\n([\s\S]*?)```/.exec(readme)![1]!;
    const file = path.join(scratch(), 'readme.hbs');
    writeFileSync(file, source);
    const r = await runCli(['report', '--year', '2017', FIXTURE, '--template', file]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('huyện Bắc Bình, năm 2017: 2.904 đảng viên, trong đó\n135 hoàn thành xuất sắc nhiệm vụ (5,22%); 1.784 hoàn thành tốt nhiệm vụ (69,04%); 636 hoàn thành nhiệm vụ (24,61%); 12 đủ tư cách hoàn thành nhiệm vụ nhưng có hạn chế (0,46%) và 17 không hoàn thành nhiệm vụ (0,66%).\n');
  });
});
