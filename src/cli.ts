// The command line: the only file that owns the process (argv, exit code, signals, colour).
//
//   assess report   --year <YYYY> <DIR> [--format text|md|html|json|docx|xlsx] [--out FILE | --check FILE]
//                   [--template FILE] [--compare YYYY | --no-compare] [--strict] [--max-problems N]
//   assess validate --year <YYYY> <DIR> [--format text|json|xlsx] [--out FILE] [--strict] [--max-problems N]
//   assess init <DIR> [--year YYYY]
//   assess --version · assess --help · assess help <COMMAND>
//
// The report's formats (the choices of its --format, their words in the help) are the rows of
// src/report/formats.ts; validate's --format is text, json or xlsx for the problems (src/report/problems-text.ts,
// src/report/xlsx/problems.ts).
// Everything commander says is said in Vietnamese here: its help (headings, usage, choices and defaults)
// and its error messages (matched below, one by one, from commander's lib/command.js).
//
// Exit codes (EXIT in src/errors.ts): 0 ok · 1 invalid data · 2 usage or environment · 3 a bug in assess ·
// 130 interrupted (Ctrl+C).
import { Command, CommanderError, Help, InvalidArgumentError, Option, type Argument } from 'commander';
import pkg from '../package.json' with { type: 'json' };
import { EXIT, TemplateError, UsageError } from './errors.js';
import path from 'node:path';
import { fsReason } from './io/inputs.js';
import { INIT_YEAR } from './init/year.js';
import { terminalProgress } from './io/progress.js';
import { Interrupted, interrupted, pendingTemps } from './io/write-output.js';
import type { Problem } from './problems.js';
import { formatList, formatRow, FORMATS, type Format, type FormatRow } from './report/formats.js';
import { run, type Io, type RunOptions } from './run.js';
import { runUnits } from './run-units.js';
import { FIRST_YEAR, LAST_YEAR } from './schemes.js';

interface Env {
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

/** An option as a message names it: its long flag, without the value's placeholder ("--year <YYYY>" → "--year"). */
const flag = (flags: string) => /--[\w-]+/.exec(flags)?.[0] ?? flags.split(/[ ,|]/)[0] ?? flags;

/** What commander says about an option or a variable in its conflict message, in Vietnamese. */
const party = (s: string) => s.replace(/^option '([^']+)'$/, (_, f: string) => flag(f)).replace(/^environment variable '([^']+)'$/, 'biến môi trường $1');

/** Why a value was refused: our parsers speak Vietnamese already; commander's choices are said here. */
const why = (reason: string) => reason.replace(/^Allowed choices are (.*)\.$/s, 'chỉ nhận một trong các giá trị: $1');

/** Commander's error messages (lib/command.js, every `this.error(…)`), said in Vietnamese. */
const COMMANDER_MESSAGES: [RegExp, (m: string[], commands: readonly string[]) => string][] = [
  [/^unknown option '([^']+)'$/, ([o]) => `không có tùy chọn ${o}`],
  [/^required option '([^']+)' not specified$/, ([o]) => `thiếu tùy chọn ${o}`],
  [/^missing required argument '([^']+)'$/, ([a]) => (a === 'DIR' ? 'thiếu đối số DIR: thư mục chứa organizations.csv và members.csv (hoặc các tệp .xlsx)' : `thiếu đối số ${a}`)],
  [/^option '([^']+)' argument missing$/, ([o]) => `thiếu giá trị cho tùy chọn ${o}`],
  [/^option '([^']+)' argument '(.*)' is invalid\. (.*)$/s, ([o, v, r]) => `giá trị ${JSON.stringify(v)} của tùy chọn ${flag(o!)} không hợp lệ: ${why(r!)}`],
  [/^option '([^']+)' value '(.*)' from env '([^']+)' is invalid\. (.*)$/s, ([o, v, e, r]) => `giá trị ${JSON.stringify(v)} của biến môi trường ${e} (cho tùy chọn ${flag(o!)}) không hợp lệ: ${why(r!)}`],
  [/^command-argument value '(.*)' is invalid for argument '([^']+)'\. (.*)$/s, ([v, a, r]) => `giá trị ${JSON.stringify(v)} của đối số ${a} không hợp lệ: ${why(r!)}`],
  [/^(.+) cannot be used with (.+)$/, ([a, b]) => `không dùng ${party(a!)} cùng với ${party(b!)}`],
  [
    /^too many arguments(?: for '([^']+)')?\. Expected (\d+) arguments? but got (\d+)\.$/,
    ([c, n, got]) => `thừa đối số: ${c ? `lệnh ${c}` : 'assess'} chỉ nhận ${n === '1' && (c === 'report' || c === 'validate' || c === 'init') ? 'một thư mục DIR' : `${n} đối số`}, ở đây có ${got} đối số`,
  ],
  [/^unknown command '([^']+)'$/, ([c], commands) => `không có lệnh ${c} (các lệnh: ${commands.join(', ')})`],
];

/** Commander's message ("error: …", maybe a "(Did you mean …?)" line after it) in Vietnamese; ours pass as they are. */
function translate(message: string, commands: readonly string[]): string {
  const trimmed = message.trim();
  if (!/^error: /.test(trimmed)) return trimmed; // ours, from cmd.error()
  const [, text = '', similar] = /^error: ([\s\S]*?)(?:\n\(Did you mean (?:one of )?(.*)\?\))?$/.exec(trimmed) ?? [];
  const suggestion = similar ? `; có phải là ${similar.includes(',') ? `một trong: ${similar}` : similar}?` : '';
  for (const [re, say] of COMMANDER_MESSAGES) {
    const m = re.exec(text);
    if (m) {
      const said = say(m.slice(1).map((x) => x ?? ''), commands);
      // A suggestion replaces the list of commands: it is the likelier help.
      return suggestion ? said.replace(/ \(các lệnh: [^)]*\)$/, '') + suggestion : said;
    }
  }
  return 'dòng lệnh không hợp lệ';
}

type Parsed = { year: number; units?: string[]; meta?: string; format?: Format; out?: string; maxProblems: number; compare?: number | false; template?: string; check?: string; strict?: boolean };

/** Commander's headings, in Vietnamese. */
const HEADINGS: Record<string, string> = { 'Usage:': 'Cách dùng:', 'Options:': 'Tùy chọn:', 'Arguments:': 'Đối số:', 'Commands:': 'Lệnh:', 'Global Options:': 'Tùy chọn chung:' };

/** A description, then what commander would add in English: "(một trong: text, md, html, json; mặc định: text)". */
function described(description: string, choices: readonly string[] | undefined, shownDefault: string | undefined): string {
  const extra = [...(choices ? [`một trong: ${choices.join(', ')}`] : []), ...(shownDefault !== undefined ? [`mặc định: ${shownDefault}`] : [])];
  return extra.length ? `${description} (${extra.join('; ')})`.trim() : description;
}

// DIR... of report and validate: one folder at least (or --units): written as required.
const argumentTerm = (a: Argument) => (a.variadic ? `<${a.name()}...>` : a.required ? `<${a.name()}>` : `[${a.name()}]`);

/** The help, laid out by commander, worded here. */
const HELP: Partial<Help> = {
  styleTitle: (title) => HEADINGS[title] ?? title,
  subcommandTerm: (cmd) => [cmd.name(), ...cmd.registeredArguments.map(argumentTerm)].join(' '),
  optionDescription: (o) => described(o.description, o.argChoices, o.defaultValue !== undefined && (o.required || o.optional) ? (o.defaultValueDescription ?? String(o.defaultValue)) : undefined),
  argumentDescription: (a) => described(a.description, a.argChoices, a.defaultValue !== undefined ? (a.defaultValueDescription ?? String(a.defaultValue)) : undefined),
  // --year first: every run needs it.
  visibleOptions(this: Help, cmd) {
    const all = Help.prototype.visibleOptions.call(this, cmd);
    return [...all.filter((o) => o.long === '--year'), ...all.filter((o) => o.long !== '--year')];
  },
};

/** Help wrapped to the terminal's width; at 80 columns when the output is not a terminal (byte-stable in tests). */
const widthOf = (stream: object): number => ((stream as { isTTY?: boolean }).isTTY ? ((stream as { columns?: number }).columns ?? 80) : 80);

function program(env: Env, done: (opts: RunOptions) => void, starter: (dir: string, year: number) => void): Command {
  const p = new Command('assess');
  p.description('Tổng hợp kết quả đánh giá, xếp loại chất lượng tổ chức cơ sở đảng và đảng viên từ tệp CSV hoặc Excel.')
    .usage('<lệnh> [tùy chọn]')
    .version(`assess ${pkg.version}`, '-V, --version', 'in số phiên bản của chương trình')
    .helpOption('-h, --help', 'hiện hướng dẫn này')
    .helpCommand('help [lệnh]', 'hiện hướng dẫn của một lệnh')
    .configureHelp(HELP)
    .exitOverride()
    .showHelpAfterError('(xem hướng dẫn: assess --help)')
    .configureOutput({
      writeOut: (s) => env.stdout.write(s),
      writeErr: (s) => env.stderr.write(s),
      outputError: (s, write) => write(`assess: lỗi: ${translate(s, p.commands.map((c) => c.name()))}\n`),
      getOutHelpWidth: () => widthOf(env.stdout),
      getErrHelpWidth: () => widthOf(env.stderr),
      getOutHasColors: () => false,
      getErrHasColors: () => false,
    });
  const common = (c: Command, command: RunOptions['command']) =>
    c
      .usage('--year <YYYY> <DIR> [tùy chọn]   (nhiều đơn vị: <DIR...> hoặc --units <THƯ_MỤC>)')
      .showHelpAfterError(`(xem hướng dẫn: assess ${command} --help)`)
      .argument('[DIR...]', 'thư mục chứa organizations.csv và members.csv (hoặc .xlsx), report.json (nếu có); nhiều thư mục: mỗi thư mục là một đơn vị (đảng bộ xã, phường, đặc khu, khối), có thể gửi figures.json thay cho danh sách')
      .option('--units <THƯ_MỤC>', 'tổng hợp mọi thư mục con của THƯ_MỤC, mỗi thư mục con là một đơn vị (có thể nêu nhiều lần)', (v: string, prev: string[] = []) => [...prev, v])
      .option('--meta <FILE>', 'report.json của báo cáo tổng hợp nhiều đơn vị (tên đơn vị báo cáo, số văn bản, người ký…)')
      // Required, but checked in the action: an unknown option (a misspelt --year) is said first.
      .option('--year <YYYY>', 'năm đánh giá, xếp loại (bắt buộc); chỉ các dòng của năm này được tính', parseYearOption)
      .option('--strict', 'coi vi phạm quy định (cảnh báo) là lỗi: mã thoát 1')
      .option('--max-problems <N>', 'liệt kê tối đa N lỗi dữ liệu, 0 là liệt kê tất cả', parseCount, 1000)
      .action((dirs: string[], o: Parsed, cmd: Command) => {
        if (dirs.length === 0 && !o.units) cmd.error(`error: missing required argument 'DIR'`, { code: 'commander.missingArgument', exitCode: EXIT.usage });
        if ((o as Partial<Parsed>).year === undefined) cmd.error('thiếu tùy chọn --year <YYYY>: năm đánh giá, xếp loại, ví dụ --year 2017', { code: 'commander.missingMandatoryOptionValue', exitCode: EXIT.usage });
        // What a format allows is its row: a template only for a Handlebars format; a binary one only into a file.
        const format = formatRow(o.format ?? 'text');
        const templated = (f: FormatRow) => f.engine === 'handlebars';
        if (o.template !== undefined && !templated(format)) throw new UsageError(`--template không dùng được với --format ${format.name}`, `bỏ --template, hoặc chọn --format ${formatList((f) => f.name, templated)}`);
        if (format.output === 'binary' && o.out === undefined && o.check === undefined) throw new UsageError(`--format ${format.name} cần --out FILE: tệp nhị phân không in ra màn hình được`);
        if (command === 'validate' && format.name === 'text' && o.out !== undefined) throw new UsageError('--out không dùng với --format text của validate: danh sách lỗi dạng văn bản in ra stderr', 'chọn --format xlsx (bảng tính) hoặc --format json để ghi danh sách lỗi vào tệp');
        if (o.check !== undefined && o.out !== undefined) throw new UsageError('--check và --out không dùng cùng nhau: --check chỉ so sánh, không ghi');
        for (const [flag, value] of [['--out', o.out], ['--check', o.check], ['--template', o.template]] as const) {
          if (value !== undefined && value.trim() === '') throw new UsageError(`${flag} cần tên một tệp, không được để trống`);
        }
        if (o.compare === o.year) throw new UsageError(`--compare ${o.compare} trùng với --year: không thể so sánh một năm với chính nó`, 'chọn một năm khác, hoặc bỏ --compare');
        const compare = o.compare === false ? null : (o.compare ?? o.year - 1);
        const compareExplicit = typeof o.compare === 'number';
        const rollup = dirs.length > 1 || o.units !== undefined || o.meta !== undefined;
        if (o.meta !== undefined && o.meta.trim() === '') throw new UsageError('--meta cần tên một tệp, không được để trống');
        done({ command, dir: dirs[0] ?? '', ...(rollup ? { dirs, unitsFrom: o.units ?? [], meta: o.meta } : {}), year: o.year, format: o.format ?? 'text', out: o.out, maxProblems: o.maxProblems, compare: compare !== null && compare >= FIRST_YEAR ? compare : null, compareExplicit, template: o.template, check: o.check, strict: o.strict ?? false });
      });
  common(
    p.command('report')
      .summary(`in báo cáo kết quả (${formatList((f) => f.description)})`)
      .description(`In báo cáo kết quả đánh giá, xếp loại của năm YYYY từ dữ liệu trong thư mục DIR: ${formatList((f) => f.description)}.`)
      .addOption(new Option('--format <FORMAT>', 'định dạng của báo cáo').choices(FORMATS.map((f) => f.name)).default('text'))
      .option('--out <FILE>', 'ghi vào tệp FILE thay vì in ra màn hình (ghi trọn vẹn hoặc không ghi gì)')
      .option('--check <FILE>', 'không ghi gì, chỉ so sánh với tệp FILE: mã thoát 0 nếu trùng khớp, 1 kèm phần khác biệt nếu không')
      .option('--template <FILE>', 'dùng mẫu Handlebars FILE thay cho mẫu có sẵn (các tệp .hbs cùng thư mục là mẫu con)')
      .option('--compare <YYYY>', 'so sánh với năm YYYY (mặc định: năm liền trước, nếu có dữ liệu)', parseYearOption)
      .option('--no-compare', 'không so sánh với năm nào'),
    'report',
  );
  common(
    p.command('validate')
      .summary('chỉ kiểm tra dữ liệu, liệt kê mọi lỗi kèm tệp và dòng')
      .description('Chỉ kiểm tra dữ liệu năm YYYY trong thư mục DIR: liệt kê mọi lỗi, kèm tên tệp và số dòng.')
      .addOption(new Option('--format <FORMAT>', 'cách trình bày kết quả kiểm tra: văn bản trên stderr, JSON trên stdout, hoặc bảng tính Excel (cần --out)').choices(['text', 'json', 'xlsx'] satisfies Format[]).default('text'))
      .option('--out <FILE>', 'ghi danh sách lỗi (--format json hoặc xlsx) vào tệp FILE'),
    'validate',
  );
  p.command('init')
    .summary('tạo một thư mục dữ liệu mẫu để bắt đầu')
    .description(`Tạo thư mục DIR với dữ liệu mẫu của năm YYYY: organizations.csv, members.csv, report.json, HUONG-DAN.txt và excel/ (cùng dữ liệu dưới dạng .xlsx). Không ghi đè tệp nào đã có.`)
    .usage('<DIR> [--year <YYYY>]')
    .showHelpAfterError('(xem hướng dẫn: assess init --help)')
    .argument('<DIR>', 'thư mục sẽ tạo (hoặc thư mục có sẵn chưa có các tệp này)')
    .option('--year <YYYY>', 'năm của các dòng mẫu', parseYearOption, INIT_YEAR)
    .action((dir: string, o: { year: number }) => starter(dir, o.year));
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
  let init: { dir: string; year: number } | undefined;
  try {
    const prog = program(env, (o) => (opts = o), (dir, year) => (init = { dir, year }));
    const commands = prog.commands.map((c) => c.name());
    if (argv.length === 0) {
      // No command: said, then the help, all on stderr (commander alone would print only the help).
      say(`assess: lỗi: thiếu lệnh (${commands.slice(0, -1).join(', ')} hoặc ${commands.at(-1)})\n`);
      prog.outputHelp({ error: true });
      return EXIT.usage;
    }
    // "help NAME" for a command that does not exist: the unknown command it is (commander would show the help).
    // "help help" is the program's help.
    const unknown = argv[0] === 'help' && argv[1] !== undefined && !argv[1].startsWith('-') && !commands.includes(argv[1]);
    const args = unknown ? (argv[1] === 'help' ? ['--help'] : argv.slice(1)) : argv;
    await prog.parseAsync(args, { from: 'user' });
    if (init) {
      // (loaded for `init` only: a report never needs the starter files)
      const [{ writeStarter }, { starterFiles }] = await Promise.all([import('./io/init.js'), import('./init/starter.js')]);
      const written = await writeStarter(init.dir, starterFiles(init.year));
      say(`Đã tạo thư mục mẫu ${init.dir} (năm ${init.year}): ${written.map((w) => path.relative(init!.dir, w)).join(', ')}.`);
      say(`Thử ngay: assess report --year ${init.year} ${init.dir}   (xem thêm tệp HUONG-DAN.txt trong thư mục)`);
      return EXIT.ok;
    }
    if (!opts) return EXIT.ok; // --help, --version
    const paint = (p: Problem, line: string) => {
      const at = line.indexOf(': ', p.file.length);
      return at < 0 ? line : chalk.bold(line.slice(0, at + 1)) + chalk.red(line.slice(at + 1));
    };
    let last = env.env.ASSESS_TIMING === '1' ? performance.now() : 0; // (performance loads perf_hooks: only when timing)
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
      const io: Io = { stdout: env.stdout, stderr, paint, mark, ...(tty ? { progress: tty.progress } : {}) };
      return await (opts.dirs ? runUnits(opts, io) : run(opts, io));
    } finally {
      tty?.done();
    }
  } catch (e) {
    if (e instanceof Interrupted) return EXIT.interrupted;
    if (e instanceof CommanderError) {
      // 'commander.help' is also the help shown for want of a command, with a non-zero code: a usage error.
      return e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || (e.code === 'commander.help' && e.exitCode === 0) ? EXIT.ok : EXIT.usage;
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
    if (isSystemError(e)) {
      // The file system failed under a read (a disk error, too many open files…): the environment, not a bug.
      say(chalk.red(`assess: lỗi: không đọc được ${e.path ?? 'dữ liệu'}: ${fsReason(e, 'đọc')}`));
      return EXIT.usage;
    }
    say(chalk.red('assess: lỗi nội bộ (đây là lỗi của chương trình, không phải của dữ liệu; xin báo lại kèm nội dung dưới đây):'));
    say(e instanceof Error ? (e.stack ?? e.message) : String(e));
    return EXIT.bug;
  }
}

/** An error the operating system raised on a file (it has a code such as EIO and names the call that failed). */
function isSystemError(e: unknown): e is NodeJS.ErrnoException {
  const x = e as NodeJS.ErrnoException | undefined;
  return x instanceof Error && typeof x.code === 'string' && /^E[A-Z]+$/.test(x.code) && typeof x.syscall === 'string';
}

/** The process entry point (bin/assess.js). */
export async function main(argv: string[]): Promise<void> {
  process.once('SIGINT', () => {
    // A write under way is left to clean its temp file up itself (removing it here could race its
    // creation); otherwise there is nothing to clean: stop at once.
    if (pendingTemps.size > 0) interrupted.requested = true;
    else process.exit(EXIT.interrupted);
  });
  process.exitCode = await cli(argv, { stdout: process.stdout, stderr: process.stderr, env: process.env });
}
