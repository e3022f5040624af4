// Everything a user reads is Vietnamese: the help and the usage errors of commander (run in this process,
// through cli()), the version, and the template errors, which Handlebars words in English and by its
// grammar's token names. A template reaching what every object inherits (`constructor`, `toString`, …) is a
// missing field: an error with file and line, never a blank.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { cli } from '../src/cli.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const FIXTURE = path.join(ROOT, 'fixtures', 'bac-binh-2017');
const VERSION = (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
const STACK = /\n\s+at .+:\d+:\d+\)?$/m;

class Capture extends Writable {
  text = '';
  override _write(chunk: Buffer | string, _enc: BufferEncoding, done: (e?: Error | null) => void): void {
    this.text += typeof chunk === 'string' ? chunk : chunk.toString('utf8');
    done();
  }
}

async function run(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new Capture();
  const stderr = new Capture();
  const code = await cli(argv, { stdout, stderr, env: { NO_COLOR: '1' } });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

/** English that commander or Handlebars would print: none of it may reach the user. */
const ENGLISH = [
  /\bUsage\b/,
  /\bOptions\b/,
  /\bArguments\b/,
  /\bCommands\b/,
  /\bdisplay\b/,
  /help for/,
  /\bchoices\b/i,
  /\bdefault\b/i,
  /\bAllowed\b/,
  /error:/i,
  /\bExpect(ed|ing)\b/,
  /Did you mean/,
  /\bunknown\b/i,
  /\bmissing\b/i,
  /\brequired\b/,
  /\binvalid\b/i,
  /\bnot specified\b/,
  /\btoo many\b/,
  /\bcommand\b/,
  /\bversion number\b/,
  /\bParse error\b/,
  /\bdoesn't match\b/,
  /\bnot defined\b/,
  /\bOPEN_|\bCLOSE\b|\bEOF\b|\bINVALID\b/,
  /\bneeds\b|\bgot\b/,
];

function expectVietnamese(text: string): void {
  for (const word of ENGLISH) expect(text, `${word} in:\n${text}`).not.toMatch(word);
}

describe('--version', () => {
  it.each([['--version'], ['-V']])('%s prints the version from package.json, exit 0', async (flag) => {
    const r = await run([flag]);
    expect(r).toEqual({ code: 0, stdout: `assess ${VERSION}\n`, stderr: '' });
  });
});

describe('help, in Vietnamese', () => {
  it.each([
    ['--help', ['--help'], ['Cách dùng: assess <lệnh> [tùy chọn]', 'Tùy chọn:', 'Lệnh:', '-h, --help', 'hiện hướng dẫn này', '-V, --version', 'help [lệnh]', 'report <DIR...>', 'validate <DIR...>']],
    ['-h', ['-h'], ['Cách dùng: assess <lệnh> [tùy chọn]', 'Lệnh:']],
    ['help', ['help'], ['Cách dùng: assess <lệnh> [tùy chọn]', 'Lệnh:']],
    ['help help', ['help', 'help'], ['Cách dùng: assess <lệnh> [tùy chọn]']],
    ['report --help', ['report', '--help'], ['Cách dùng: assess report --year <YYYY> <DIR> [tùy chọn]', 'Đối số:', 'Tùy chọn:', '(một trong: text, md, html, json,', 'mặc định: text)', '(mặc', 'định: 1000)', '--no-compare', '--template <FILE>']],
    ['help report', ['help', 'report'], ['Cách dùng: assess report --year <YYYY> <DIR> [tùy chọn]', 'Đối số:']],
    ['validate --help', ['validate', '--help'], ['Cách dùng: assess validate --year <YYYY> <DIR> [tùy chọn]', 'text, json, xlsx; mặc định: text)']],
    ['help validate', ['help', 'validate'], ['Cách dùng: assess validate --year <YYYY> <DIR> [tùy chọn]']],
  ])('%s: on stdout, exit 0', async (_name, argv, says) => {
    const r = await run(argv);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    for (const s of says) expect(r.stdout).toContain(s);
    expectVietnamese(r.stdout);
  });

  it('lists --year first, and validate has --out (for json and xlsx) but no --check', async () => {
    const report = (await run(['report', '--help'])).stdout;
    expect(report.indexOf('--year <YYYY>', report.indexOf('Tùy chọn:'))).toBeLessThan(report.indexOf('--format <FORMAT>'));
    const validate = (await run(['validate', '--help'])).stdout;
    expect(validate).toContain('--format <FORMAT>');
    expect(validate).toContain('--out <FILE>');
    expect(validate).not.toContain('--check');
  });

  it('with no command: says so, then the help, all on stderr; exit 2', async () => {
    const r = await run([]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^assess: lỗi: thiếu lệnh \(report, validate hoặc init\)\n/);
    expect(r.stderr).toContain('Cách dùng: assess <lệnh> [tùy chọn]');
    expectVietnamese(r.stderr);
  });
});

describe('usage errors: Vietnamese on stderr, nothing on stdout, exit 2', () => {
  const dir = FIXTURE;
  it.each([
    ['an unknown option', ['report', '--year', '2017', '--no-such-option', dir], 'không có tùy chọn --no-such-option'],
    ['a misspelt option, before the missing --year', ['report', '--yaer', '2017', dir], 'không có tùy chọn --yaer; có phải là --year?'],
    ['an unknown option of the program', ['--yaer'], 'không có tùy chọn --yaer'],
    ['an unknown command', ['frobnicate'], 'không có lệnh frobnicate (các lệnh: report, validate, init)'],
    ['a misspelt command', ['repot', '--year', '2017', dir], 'không có lệnh repot; có phải là report?'],
    ['help for an unknown command', ['help', 'frobnicate'], 'không có lệnh frobnicate'],
    ['a bad --format', ['report', '--year', '2017', dir, '--format', 'pdf'], 'giá trị "pdf" của tùy chọn --format không hợp lệ: chỉ nhận một trong các giá trị: text, md, html, json'],
    ['a --format validate does not have', ['validate', '--year', '2017', dir, '--format', 'md'], 'chỉ nhận một trong các giá trị: text, json'],
    ['--check with validate', ['validate', '--year', '2017', dir, '--check', 'x.txt'], 'không có tùy chọn --check'],
    ['a missing --year', ['report', dir], 'thiếu tùy chọn --year <YYYY>'],
    ['a missing --year (validate)', ['validate', dir], 'thiếu tùy chọn --year <YYYY>'],
    ['--year without its value', ['report', dir, '--year'], 'thiếu giá trị cho tùy chọn --year <YYYY>'],
    ['a malformed --year', ['report', '--year', 'abcd', dir], 'giá trị "abcd" của tùy chọn --year không hợp lệ: cần một năm 4 chữ số'],
    ['--max-problems abc', ['report', '--year', '2017', dir, '--max-problems', 'abc'], 'giá trị "abc" của tùy chọn --max-problems không hợp lệ: cần một số nguyên không âm'],
    ['no DIR', ['report', '--year', '2017'], 'thiếu đối số DIR'],
    ['init, two DIRs', ['init', dir, dir], 'thừa đối số: lệnh init chỉ nhận một thư mục DIR, ở đây có 2 đối số'],
  ])('%s', async (_name, argv, says) => {
    const r = await run(argv);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^assess: lỗi: /);
    expect(r.stderr).toContain(says);
    expect(r.stderr).toMatch(/\(xem hướng dẫn: assess( report| validate| init)? --help\)\n$/);
    expect(r.stderr).not.toMatch(STACK);
    expectVietnamese(r.stderr);
  });
});

describe('validate --format', () => {
  it.each(['text', 'json'])('accepts %s', async (format) => {
    const r = await run(['validate', '--year', '2017', FIXTURE, '--format', format]);
    expect(r.code).toBe(0);
    expect(r.stderr).not.toContain('lỗi');
  });
});

describe('template errors', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'assess-cli-messages-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  let n = 0;
  /** A template in a folder of its own (its partials beside it); returns the main file. */
  const template = (source: string, partials: Record<string, string> = {}) => {
    const folder = mkdtempSync(path.join(dir, `t${n++}-`));
    for (const [name, text] of Object.entries(partials)) writeFileSync(path.join(folder, `${name}.hbs`), text);
    const main = path.join(folder, 'main.hbs');
    writeFileSync(main, source);
    return main;
  };
  const report = (file: string) => run(['report', '--year', '2017', FIXTURE, '--template', file]);
  const place = (file: string, line: number) => new RegExp(`${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:${line}:\\d+: `);

  describe('what every object inherits is not a field: exit 2, file and line, nothing on stdout', () => {
    it.each([
      ['{{constructor}}', 'constructor'],
      ['{{__proto__}}', '__proto__'],
      ['{{toString}}', 'toString'],
      ['{{hasOwnProperty}}', 'hasOwnProperty'],
      ['{{valueOf}}', 'valueOf'],
      ['{{this.constructor}}', 'constructor'],
      ['{{lookup this "constructor"}}', 'constructor'],
      ['{{members.constructor}}', 'constructor'],
      ['{{@root.toString}}', 'toString'],
      ['{{#with members}}{{../constructor}}{{/with}}', 'constructor'],
      ['{{#each units}}{{name.constructor}}{{/each}}', 'constructor'],
      ['{{#if constructor}}có{{/if}}', 'constructor'],
      ['{{#each toString}}x{{/each}}', 'toString'],
      ['{{number valueOf}}', 'valueOf'],
    ])('%s', async (expr, name) => {
      const main = template(`Năm {{year}}:\n  ${expr}\n`);
      const r = await report(main);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(place(main, 2));
      expect(r.stderr).toContain(`trường "${name}" không có`);
      expect(r.stderr).not.toMatch(STACK);
      expectVietnamese(r.stderr);
    });

    it.each(['{{constructor}}', '{{toString}}', '{{lookup this "__proto__"}}'])('%s in a partial names the partial', async (expr) => {
      const main = template('Năm {{year}}\n{{> sub}}\n', { sub: `một dòng\n${expr}\n` });
      const r = await report(main);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(place(path.join(path.dirname(main), 'sub.hbs'), 2));
      expectVietnamese(r.stderr);
    });

    it('a field the model does hold still renders', async () => {
      const r = await report(template('{{year}} {{members.total}} {{#each units}}{{#if @first}}{{name.length}}{{/if}}{{/each}}\n'));
      expect(r.stderr).toBe('');
      expect(r).toMatchObject({ code: 0, stdout: '2017 2904 24\n' });
    });
  });

  describe("Handlebars' syntax errors, said in plain words with file and line", () => {
    it.each([
      ['a block never closed', 'a\n\n{{#if year}}\nx\n', 5, ['khối {{#if}} mở ở dòng 3 chưa được đóng: thiếu {{/if}}', '  3 | {{#if year}}']],
      ['an {{else}} block never closed', '{{#each units}}\n{{else}}\n', 3, ['khối {{#each}} mở ở dòng 1 chưa được đóng: thiếu {{/each}}']],
      ['blocks closed in the wrong order', '{{#if year}}\n{{#each units}}{{/if}}{{/each}}\n', 2, ['khối {{#each}} mở ở dòng 2 lại được đóng bằng {{/if}}: cần {{/each}}']],
      ['a close tag that closes nothing', 'x\n{{/if}}\n', 2, ['thẻ đóng {{/if}} không đóng khối nào']],
      ['an {{else}} outside any block', 'x\n{{else}}\n', 2, ['{{else}} nằm ngoài mọi khối']],
      ['a second {{else}}', '{{#if year}}a\n{{else}}b{{else}}c{{/if}}\n', 2, ['{{else}} thừa']],
      ['a tag never closed', 'ab\n  {{year', 2, ['thẻ mở bằng {{ chưa được đóng bằng }}']],
      ['a tag never closed, at the end', 'ab\n  {{year\n', 3, ['mẫu kết thúc giữa chừng một thẻ: thẻ mở ở dòng 2 chưa được đóng bằng }}', '  2 |   {{year']],
      ['a tag closed by one brace', 'ab\n{{year}\n', 2, ['hai dấu }}']],
      ['a string never closed', '{{lower "abc}}\n', 1, ['chuỗi mở bằng dấu nháy " ở đây chưa được đóng']],
      ['a parenthesis never closed', '{{number (percent 1}}\n', 1, ['dấu ( chưa được đóng bằng )']],
      ['{{{ closed by }}', 'a\n{{{year}}\n', 2, ['thẻ mở bằng {{{ phải đóng bằng }}}']],
      ['an empty tag', '{{ }}\n', 1, ['thẻ thiếu nội dung']],
      ['a number after a dot', '{{units.0}}\n', 1, ['units.[0]']],
      ['a path going back up', 'a\n{{year/../unit}}\n', 2, ['đường dẫn "year/.." không hợp lệ']],
      ['a comment never closed', 'a\n{{!-- ghi chú\n', 2, ['lời chú thích mở bằng {{!-- ở đây chưa được đóng bằng --}}']],
      ['a partial not there, called in a loop', '{{#each units}}{{#if @first}}\n  {{> nowhere}}{{/if}}{{/each}}\n', 2, ['không có mẫu con "nowhere"']],
      ['a partial named like what objects inherit', 'a\n{{> constructor}}\n', 2, ['không có mẫu con "constructor"']],
      ['a partial with two arguments', '{{> sub year unit}}\n', 1, ['mẫu con chỉ nhận một ngữ cảnh']],
      ['the log helper (it would print on stdout)', 'a\n{{log year}}\n', 2, ['không có hàm "log"']],
      ['a helper given the wrong thing', 'a\n{{number unit}}\n', 2, ['{{number}} cần một số nguyên, nhưng nhận được "huyện Bắc Bình"']],
      ['a helper given nothing', '{{percent}}\n', 1, ['{{percent}} cần một tỷ lệ phần trăm']],
      ['#each without a list', 'a\n{{#each}}x{{/each}}\n', 2, ['{{#each}} cần một danh sách']],
      ['#if without a value', '{{#if}}x{{/if}}\n', 1, ['{{#if}} cần đúng một giá trị']],
      ['a field under a missing one', 'a\n{{members.totl.x}}\n', 2, ['"members.totl" không có trong mô hình báo cáo, nên không đọc được trường "x"']],
      ['a field of a number', '{{#each units}}{{cells.total.x}}{{/each}}\n', 1, ['trường "x" không có: giá trị ở đây là một số']],
    ])('%s', async (_name, source, line, says) => {
      const main = template(source, { sub: '{{year}}\n' });
      const r = await report(main);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(place(main, line));
      for (const s of says) expect(r.stderr).toContain(s);
      expect(r.stderr).not.toMatch(STACK);
      expectVietnamese(r.stderr);
    });
  });
});
