// The command line: the only file that owns the process (argv, exit code, signals, colour).
//
//   assess report   --year <YYYY> <DIR> [--format text|md|html|json] [--out FILE | --check FILE]
//                   [--template FILE] [--compare YYYY | --no-compare] [--strict]
//   assess validate --year <YYYY> <DIR> [--strict]
//
// Exit codes (see src/errors.ts): 0 ok · 1 invalid data · 2 usage or environment · 3 a bug in assess.
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { EXIT, TemplateError, UsageError } from './errors.js';
import { terminalProgress } from './io/progress.js';
import { Interrupted, interrupted, pendingTemps } from './io/write-output.js';
import type { Problem } from './problems.js';
import { FORMATS, type Format } from './output.js';
import { run, type Io, type RunOptions } from './run.js';
import { FIRST_YEAR, LAST_YEAR } from './schemes.js';

export interface Env {
  stdout: Io['stdout'];
  stderr: Io['stderr'];
  env: Record<string, string | undefined>;
}

function parseYearOption(value: string): number {
  if (!/^\d{4}$/.test(value.trim())) throw new InvalidArgumentError(`cần một năm 4 chữ số, ví dụ --year 2017`);
  const y = Number(value.trim());
  if (y < FIRST_YEAR || y > LAST_YEAR) throw new InvalidArgumentError(`năm phải từ ${FIRST_YEAR} đến ${LAST_YEAR}`);
  return y;
}

function parseCount(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError('cần một số nguyên không âm');
  return Number(value);
}

/** Commander's English usage errors, said in Vietnamese. */
const COMMANDER_MESSAGES: [RegExp, (...m: string[]) => string][] = [
  [/unknown option '([^']+)'/, (o) => `không có tùy chọn ${o}`],
  [/required option '([^']+)' not specified/, (o) => `thiếu tùy chọn ${o}`],
  [/missing required argument '([^']+)'/, (a) => `thiếu đối số ${a} (thư mục chứa organizations.csv và members.csv)`],
  [/option '([^']+)' argument missing/, (o) => `tùy chọn ${o} cần một giá trị`],
  [/option '([^']+)' argument '([^']*)' is invalid\. (.*)/, (o, v, why) => `giá trị ${JSON.stringify(v)} của ${o} không hợp lệ: ${why}`],
  [/unknown command '([^']+)'/, (c) => `không có lệnh ${c} (các lệnh: report, validate)`],
  [/too many arguments(?: for '([^']+)')?\. Expected (\d+) arguments? but got (\d+)/, () => 'thừa đối số: chỉ cần một thư mục DIR'],
  [/Allowed choices are (.*)\./, (c) => `giá trị không hợp lệ, cần một trong: ${c}`],
];

function translate(message: string): string {
  const text = message.replace(/^error:\s*/, '').trim();
  for (const [re, say] of COMMANDER_MESSAGES) {
    const m = re.exec(text);
    if (m) return say(...m.slice(1).map((x) => x ?? ''));
  }
  return text;
}

type Parsed = { year: number; format?: Format; out?: string; maxProblems: number; compare?: number | false; template?: string; check?: string; strict?: boolean };

function program(env: Env, done: (opts: RunOptions) => void): Command {
  const p = new Command('assess')
    .description('Tổng hợp kết quả đánh giá, xếp loại chất lượng tổ chức cơ sở đảng và đảng viên từ tệp CSV.')
    .exitOverride()
    .showHelpAfterError('(xem: assess --help)')
    .configureOutput({
      writeOut: (s) => env.stdout.write(s),
      writeErr: (s) => env.stderr.write(s),
      outputError: (s, write) => write(`assess: lỗi: ${translate(s)}\n`),
    });
  const common = (c: Command, command: RunOptions['command']) =>
    c
      .argument('<DIR>', 'thư mục chứa organizations.csv, members.csv và (tùy chọn) report.json')
      .requiredOption('--year <YYYY>', 'năm đánh giá, xếp loại (chỉ các dòng của năm này được tính)', parseYearOption)
      .option('--strict', 'coi các vi phạm quy định (cảnh báo) là lỗi: mã thoát 1')
      .option('--max-problems <N>', 'in tối đa N lỗi dữ liệu (0: in tất cả)', parseCount, 1000)
      .action((dir: string, o: Parsed) => {
        if (o.template !== undefined && o.format === 'json') throw new UsageError('--template không dùng được với --format json', 'bỏ --template, hoặc chọn --format text, md hoặc html');
        if (o.check !== undefined && o.out !== undefined) throw new UsageError('--check và --out không dùng cùng nhau: --check chỉ so sánh, không ghi');
        const compare = o.compare === false ? null : (o.compare ?? o.year - 1);
        done({ command, dir, year: o.year, format: o.format ?? 'text', out: o.out, maxProblems: o.maxProblems, compare: compare !== null && compare >= FIRST_YEAR ? compare : null, template: o.template, check: o.check, strict: o.strict ?? false });
      });
  common(
    p.command('report')
      .description('in báo cáo kết quả (văn bản, Markdown, HTML hoặc JSON)')
      .addOption(new Option('--format <FORMAT>', 'định dạng: text (mặc định), md, html hoặc json').choices([...FORMATS]).default('text'))
      .option('--out <FILE>', 'ghi vào FILE thay vì ra màn hình (ghi trọn vẹn hoặc không ghi gì)')
      .option('--check <FILE>', 'không ghi gì: thoát 0 nếu FILE đúng là báo cáo sẽ in ra, 1 kèm khác biệt (diff) nếu không')
      .option('--template <FILE>', 'dùng mẫu Handlebars FILE (các tệp .hbs cùng thư mục là mẫu con) thay cho mẫu có sẵn')
      .option('--compare <YYYY>', 'so sánh với năm YYYY (mặc định: năm trước, nếu dữ liệu có)', parseYearOption)
      .option('--no-compare', 'không so sánh với năm nào'),
    'report',
  );
  common(p.command('validate').description('chỉ kiểm tra dữ liệu, liệt kê mọi lỗi kèm tệp và dòng'), 'validate');
  return p;
}

/** Runs one command line; returns the exit code. Everything the user sees goes through `env`. */
export async function cli(argv: string[], env: Env): Promise<number> {
  const colour = Boolean((env.stderr as { isTTY?: boolean }).isTTY) && !('NO_COLOR' in env.env && env.env.NO_COLOR !== '');
  // chalk only when there is colour to paint: a run without it need not load it.
  const plain = (s: string) => s;
  const chalk = colour ? new (await import('chalk')).Chalk({ level: 1 }) : { bold: plain, red: plain };
  const say = (line: string) => env.stderr.write(`${line}\n`);
  let opts: RunOptions | undefined;
  try {
    await program(env, (o) => (opts = o)).parseAsync(argv, { from: 'user' });
    if (!opts) return EXIT.ok; // --help, --version
    const paint = (p: Problem, line: string) => {
      const at = line.indexOf(': ', p.file.length);
      return at < 0 ? line : chalk.bold(line.slice(0, at + 1)) + chalk.red(line.slice(at + 1));
    };
    let last = performance.now();
    const mark = env.env.ASSESS_TIMING === '1'
      ? (stage: string) => {
          const now = performance.now();
          const m = process.memoryUsage();
          const mb = (n: number) => `${(n / 2 ** 20).toFixed(0)} MB`;
          say(`timing: ${stage.padEnd(14)} ${(now - last).toFixed(0).padStart(6)} ms, rss ${mb(m.rss)}, heap ${mb(m.heapUsed)}, buffers ${mb(m.arrayBuffers)}`);
          last = now;
        }
      : () => {};
    mark('start');
    // Progress only for a person watching: stderr a terminal (and the line is erased when done).
    const tty = (env.stderr as { isTTY?: boolean }).isTTY ? terminalProgress(env.stderr as NodeJS.WriteStream) : undefined;
    try {
      const stderr = { write: (text: string) => (tty?.done(), env.stderr.write(text)) };
      return await run(opts, { stdout: env.stdout, stderr, paint, mark, ...(tty ? { progress: tty.progress } : {}) });
    } finally {
      tty?.done();
    }
  } catch (e) {
    if (e instanceof Interrupted) return 130;
    if (e instanceof CommanderError) {
      return e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help' ? EXIT.ok : EXIT.usage;
    }
    if (e instanceof UsageError) {
      say(chalk.red(`assess: lỗi: ${e.message}`));
      if (e.hint) say(`  gợi ý: ${e.hint}`);
      return EXIT.usage;
    }
    if (e instanceof TemplateError) {
      say(chalk.red(`${e.file}:${e.message}`.replace(/^([^:]+):(?!\d)/, '$1: ')));
      say('  (lỗi ở mẫu báo cáo, không phải ở dữ liệu)');
      return EXIT.usage;
    }
    say(chalk.red('assess: lỗi nội bộ (đây là lỗi của chương trình, không phải của dữ liệu; xin báo lại kèm nội dung dưới đây):'));
    say(e instanceof Error ? (e.stack ?? e.message) : String(e));
    return EXIT.bug;
  }
}

/** The process entry point (bin/assess.js). */
export async function main(argv: string[]): Promise<void> {
  process.once('SIGINT', () => {
    // A write under way is left to clean its temp file up itself (removing it here could race its
    // creation); otherwise there is nothing to clean: stop at once.
    if (pendingTemps.size > 0) interrupted.requested = true;
    else process.exit(130);
  });
  process.exitCode = await cli(argv, { stdout: process.stdout, stderr: process.stderr, env: process.env });
}
