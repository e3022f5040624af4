// Report model → text, through a private Handlebars instance: strict (a field the model lacks is an
// error naming it, never a blank), only our helpers (an unknown one fails at compile time), and no
// prototype access. Templates arrive as text: reading them is io/read-templates.ts's job.
import type HandlebarsCompiler from 'handlebars';
import HandlebarsRuntime from 'handlebars/runtime.js';
import { TemplateError } from './errors.js';
import { HELPERS } from './helpers.js';

// Running a compiled template needs only Handlebars' runtime; its compiler (four times the code to load) is
// loaded when a template was not compiled at build time: a user's own, or any in the tests.
type Handlebars = typeof HandlebarsCompiler;
const Handlebars = HandlebarsRuntime as unknown as Handlebars;
let compiler: Handlebars | undefined;

async function loadCompiler(): Promise<Handlebars> {
  return (compiler ??= (await import('handlebars')).default.create());
}

export interface TemplateSet {
  /** For messages: the main template's file name. */
  name: string;
  main: string;
  /** Partial name → { file name for messages, source }. */
  partials: Record<string, { file: string; source: string }>;
  /** HTML-escape values (html) or print them as they are (text, md). */
  escape: boolean;
  /** Templates compiled at build time (dist/templates.js), by specKey: used when a source matches exactly. */
  precompiled?: ReadonlyMap<string, object>;
}

/** The key of a compiled template: its escaping and its exact source. */
export const specKey = (source: string, escape: boolean): string => `${escape ? 'html' : 'text'}\n${source}`;

/** Handlebars' precompiled JavaScript for a template, compiled as render() would (for the build). */
export async function precompileSpec(source: string, escape: boolean): Promise<string> {
  return specSource(await loadCompiler(), source, escape);
}

function specSource(c: Handlebars, source: string, escape: boolean): string {
  return c.precompile(source, { ...OPTIONS, noEscape: !escape }) as string;
}

/** The set, once what rendering it needs is loaded: the compiler, unless every template was compiled at build time. */
export async function prepare(set: TemplateSet): Promise<TemplateSet> {
  const sources = [set.main, ...Object.values(set.partials).map((p) => p.source)];
  if (!sources.every((s) => set.precompiled?.has(specKey(s, set.escape)))) await loadCompiler();
  return set;
}

export { TemplateError } from './errors.js';

const hbs = Handlebars.create();
for (const [name, fn] of Object.entries(HELPERS)) hbs.registerHelper(name, fn);
const KNOWN_HELPERS = Object.fromEntries(Object.keys(HELPERS).map((h) => [h, true]));
const OPTIONS = { strict: true, knownHelpers: KNOWN_HELPERS, knownHelpersOnly: true, preventIndent: true } as const;

/** Handlebars' messages, said plainly and with the place first: "3:4: trường "totl" không có …". */
export function explainTemplateError(message: string): string {
  const text = message.trim();
  let m = /^"([^"]+)" not defined in .* - (\d+):(\d+)$/s.exec(text);
  if (m) return `${m[2]}:${Number(m[3]) + 1}: trường "${m[1]}" không có trong mô hình báo cáo (các trường: xem README, mục "Mô hình báo cáo")`;
  m = /unknown helper (\S+) - (\d+):(\d+)$/.exec(text);
  if (m) return `${m[2]}:${Number(m[3]) + 1}: không có hàm "${m[1]}" (các hàm có: ${Object.keys(HELPERS).join(', ')})`;
  m = /^Parse error on line (\d+):\n([\s\S]*)$/.exec(text);
  if (m) return `${m[1]}: mẫu viết sai cú pháp Handlebars:\n${m[2]}`;
  m = /^The partial (.+) could not be found$/.exec(text);
  if (m) return `không có mẫu con "${m[1]}" (mẫu con là các tệp .hbs cùng thư mục với mẫu chính)`;
  if (/Maximum call stack/.test(text)) return 'mẫu gọi lồng chính nó không dừng (mẫu con đệ quy)';
  return text;
}

type Spec = Parameters<typeof hbs.template>[0];

/** Compiles eagerly (Handlebars defers to the first call): syntax and unknown helpers fail here. */
function compile(file: string, source: string, escape: boolean, precompiled?: ReadonlyMap<string, object>): Handlebars.TemplateDelegate {
  let spec = precompiled?.get(specKey(source, escape)) as Spec | undefined;
  if (!spec) {
    if (!compiler) throw new Error(`render: ${file} needs Handlebars' compiler, and the set was not prepared`);
    try {
      spec = new Function(`return ${specSource(compiler, source, escape)}`)() as Spec;
    } catch (e) {
      throw new TemplateError(file, explainTemplateError(e instanceof Error ? e.message : String(e)));
    }
  }
  // Instantiating Handlebars' own precompiled spec compiles the template once, not twice.
  const fn = hbs.template(spec);
  // Errors raised while this template runs name this file; those of templates it calls keep theirs.
  return (context, runtime) => {
    try {
      return fn(context, runtime);
    } catch (e) {
      if (e instanceof TemplateError) throw e;
      throw new TemplateError(file, explainTemplateError(e instanceof Error ? e.message : String(e)));
    }
  };
}

/** Renders the model; a template mistake becomes a TemplateError naming the file. */
export function render(set: TemplateSet, model: object): string {
  const main = compile(set.name, set.main, set.escape, set.precompiled);
  // Partials compile when first used: a broken .hbs beside the template that it never calls does no harm.
  const partials: Record<string, Handlebars.TemplateDelegate> = {};
  for (const [name, p] of Object.entries(set.partials)) {
    let fn: Handlebars.TemplateDelegate | undefined;
    partials[name] = (context, runtime) => (fn ??= compile(p.file, p.source, set.escape, set.precompiled))(context, runtime);
  }
  const out = main(model, { partials, data: { html: set.escape }, allowProtoPropertiesByDefault: false, allowProtoMethodsByDefault: false });
  return tidy(out);
}

/** One trailing newline, no trailing spaces, at most one blank line in a row, LF only. */
export function tidy(text: string): string {
  return (
    text
      .replace(/\r\n?/g, '\n')
      .replace(/[ \t]+$/gm, '')
      .replace(/\n{3,}/g, '\n\n')
      .replace(/^\n+/, '')
      .replace(/\n*$/, '\n')
  );
}
