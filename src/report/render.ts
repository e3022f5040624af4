// Report model → text, through a private Handlebars instance: strict (a field the model lacks is an
// error naming it, never a blank), only our helpers (./helpers.ts; an unknown one fails at compile time), and
// no prototype access; then tidied (tidy). Templates arrive as text: reading them is
// src/io/read-templates.ts's job; saying what went wrong in one, in plain Vietnamese, is ./template-errors.ts's.
// The build precompiles the built-in templates through precompileSpec (scripts/build.mjs, dist/render.js).
import type HandlebarsCompiler from 'handlebars';
import HandlebarsRuntime from 'handlebars/runtime.js';
import { TemplateError } from '../errors.js';
import { HELPERS } from './helpers.js';
import { explainCompileError, explainRunError, type Located, type Place } from './template-errors.js';

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
  /** Templates compiled at build time (dist/templates-<folder>.js), by specKey: used when a source matches exactly. */
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

// The helpers, each run so that a mistake it reports carries the place it was called from (Handlebars passes
// it in `options.loc`); Handlebars' own block helpers too. A template sees no other helper: `log` (which would
// print on stdout) and the two `…Missing` hooks are fields like any other name, so strictness reports them.
const hbs = Handlebars.create();
for (const [name, fn] of Object.entries(HELPERS)) hbs.registerHelper(name, placed(fn));
for (const name of ['if', 'unless', 'each', 'with']) hbs.registerHelper(name, placed(hbs.helpers[name] as Handlebars.HelperDelegate));
const KNOWN_HELPERS = { ...Object.fromEntries(Object.keys(HELPERS).map((h) => [h, true])), log: false, helperMissing: false, blockHelperMissing: false };
const OPTIONS = { strict: true, knownHelpers: KNOWN_HELPERS, knownHelpersOnly: true, preventIndent: true } as const;

function placed(fn: Handlebars.HelperDelegate): Handlebars.HelperDelegate {
  return function (this: unknown, ...args: unknown[]) {
    try {
      return (fn as (...a: unknown[]) => unknown).apply(this, args);
    } catch (e) {
      // The innermost helper places it first; a mistake inside a partial is already said with its own file.
      const loc = (args.at(-1) as { loc?: { start?: Place } } | undefined)?.loc?.start;
      if (e instanceof Error && !(e instanceof TemplateError) && (e as Located).lineNumber === undefined && loc) {
        Object.assign(e, { lineNumber: loc.line, column: loc.column });
      }
      throw e;
    }
  };
}

/**
 * A field is what the model itself holds: Handlebars' strict lookup asks `name in obj`, which also finds
 * what every object inherits (`constructor`, `toString`, `__proto__`…); its prototype guard then hides the
 * value, and the template printed a blank. Here the lookup asks for an own field, and anything else is the
 * error a missing field is. Reading an inherited name where Handlebars is not strict (a helper's argument:
 * `{{#if constructor}}`) is that error too, though Handlebars gives no place for it: a missing field there
 * stays Handlebars' undefined. (The container is the one object a compiled template reaches its runtime by.)
 */
function ownFieldsOnly(spec: Spec): Spec {
  const main = (spec as { main: (this: unknown, container: Container, ...rest: unknown[]) => unknown }).main;
  return {
    ...spec,
    main(this: unknown, container: Container, ...rest: unknown[]) {
      container.strict = (obj, name, loc) => {
        if (obj === null || obj === undefined || !Object.prototype.hasOwnProperty.call(obj, name)) {
          const within = obj === null || obj === undefined ? 'nothing' : typeof obj === 'object' ? 'object' : typeof obj;
          throw new Handlebars.Exception(`"${name}" not defined in ${within}`, { loc } as unknown as ConstructorParameters<typeof Handlebars.Exception>[1]);
        }
        return container.lookupProperty(obj, name);
      };
      container.lookupProperty = (obj, name) => {
        const value = (obj as Record<string, unknown>)[name];
        if (value === null || value === undefined || Object.prototype.hasOwnProperty.call(obj, name)) return value;
        // Helpers and partials are looked up the same way: a name they lack is a missing helper or partial.
        if (obj === container.helpers || obj === container.partials || obj === container.decorators) return undefined;
        throw new Handlebars.Exception(`"${name}" not defined in object (inherited)`);
      };
      return main.call(this, container, ...rest);
    },
  } as Spec;
}

interface Container {
  strict: (obj: unknown, name: string, loc: unknown) => unknown;
  lookupProperty: (obj: unknown, name: string) => unknown;
  helpers?: object;
  partials?: object;
  decorators?: object;
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
      throw new TemplateError(file, explainCompileError(compiler, source, e));
    }
  }
  // Instantiating Handlebars' own precompiled spec compiles the template once, not twice.
  const fn = hbs.template(ownFieldsOnly(spec));
  // Errors raised while this template runs name this file; those of templates it calls keep theirs.
  return (context, runtime) => {
    try {
      return fn(context, runtime);
    } catch (e) {
      if (e instanceof TemplateError) throw e;
      throw new TemplateError(file, explainRunError(compiler, source, e));
    }
  };
}

/** How deep partials may call partials: the built-in templates go three deep. */
export const MAX_PARTIAL_DEPTH = 64;

/** Renders the model; a template mistake becomes a TemplateError naming the file. */
export function render(set: TemplateSet, model: object): string {
  const main = compile(set.name, set.main, set.escape, set.precompiled);
  // Partials compile when first used: a broken .hbs beside the template that it never calls does no harm.
  const partials: Record<string, Handlebars.TemplateDelegate> = {};
  // Partials nested deeper than any report needs are refused before the stack runs out (which, depending on
  // what V8 is doing at that moment, can end the process instead of throwing).
  let depth = 0;
  for (const [name, p] of Object.entries(set.partials)) {
    let fn: Handlebars.TemplateDelegate | undefined;
    partials[name] = (context, runtime) => {
      if (++depth > MAX_PARTIAL_DEPTH) {
        depth = 0;
        throw new TemplateError(p.file, `mẫu con "${name}" được gọi lồng nhau quá ${MAX_PARTIAL_DEPTH} tầng: có lẽ các mẫu con gọi nhau không dừng (đệ quy)`);
      }
      try {
        return (fn ??= compile(p.file, p.source, set.escape, set.precompiled))(context, runtime);
      } finally {
        depth = Math.max(0, depth - 1);
      }
    };
  }
  const out = main(model, { partials, data: { html: set.escape }, allowProtoPropertiesByDefault: false, allowProtoMethodsByDefault: false });
  return tidy(out);
}

/** One trailing newline, no trailing spaces, at most one blank line in a row, LF only, no control character. */
export function tidy(text: string): string {
  return (
    text
      .replace(/\r\n?/g, '\n')
      // Control characters (an escape sequence in a name would drive the reader's terminal): only from the data.
      // eslint-disable-next-line no-control-regex -- these are what is removed
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g, '')
      .replace(/[ \t]+$/gm, '')
      .replace(/\n{3,}/g, '\n\n')
      .replace(/^\n+/, '')
      .replace(/\n*$/, '\n')
  );
}
