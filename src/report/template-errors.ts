// A template's mistake said plainly, in Vietnamese, with its line, column and an excerpt: Handlebars' parse
// errors (it names only its grammar's tokens, so the template is read again with its own lexer to say which
// block or tag is left open), its run-time errors and our helpers' (./helpers.ts). ./render.ts compiles and
// runs the templates and wraps what this file says in a TemplateError (src/errors.ts).
import type HandlebarsCompiler from 'handlebars';
import { HELPERS } from './helpers.js';

type Handlebars = typeof HandlebarsCompiler;

/** Where in a template: Handlebars' line (from 1) and column (from 0). */
export interface Place {
  line: number;
  column: number;
}
/** An error that carries its place in the template (Handlebars sets it; render.ts's placed() does for a helper's). */
export type Located = Error & { lineNumber?: number; column?: number };

/** Handlebars' names for what its parser reads, in plain words. */
const TOKENS: Record<string, string> = {
  EOF: 'chỗ hết mẫu',
  CONTENT: 'văn bản',
  COMMENT: 'lời chú thích {{! }}',
  OPEN: '{{',
  OPEN_BLOCK: 'thẻ mở khối {{#…}}',
  OPEN_INVERSE: 'thẻ mở khối {{^…}}',
  OPEN_INVERSE_CHAIN: '{{else …}}',
  INVERSE: '{{else}}',
  OPEN_ENDBLOCK: 'thẻ đóng khối {{/…}}',
  OPEN_UNESCAPED: '{{{',
  OPEN_PARTIAL: '{{>',
  OPEN_PARTIAL_BLOCK: '{{#>',
  OPEN_RAW_BLOCK: '{{{{',
  END_RAW_BLOCK: 'thẻ đóng khối thô {{{{/…}}}}',
  CLOSE: '}}',
  CLOSE_UNESCAPED: '}}}',
  CLOSE_RAW_BLOCK: '}}}}',
  OPEN_SEXPR: 'dấu (',
  CLOSE_SEXPR: 'dấu )',
  ID: 'một tên',
  STRING: 'một chuỗi trong dấu nháy',
  NUMBER: 'một số',
  BOOLEAN: 'true hoặc false',
  UNDEFINED: 'undefined',
  NULL: 'null',
  DATA: 'một biến @…',
  SEP: 'dấu . hoặc /',
  EQUALS: 'dấu =',
  OPEN_BLOCK_PARAMS: 'as |',
  CLOSE_BLOCK_PARAMS: 'dấu | đóng',
  INVALID: 'ký tự không hợp lệ',
};
const VALUE_TOKENS = new Set(['ID', 'STRING', 'NUMBER', 'BOOLEAN', 'UNDEFINED', 'NULL', 'DATA', 'OPEN_SEXPR']);

interface Token extends Place {
  name: string;
  text: string;
}

/** The jison lexer inside Handlebars' compiler: its state right after a failed parse says where it stopped. */
interface Lexer {
  setInput(input: string): void;
  lex(): number | string;
  yytext: string;
  yylloc: { first_line: number; first_column: number };
  conditionStack: string[];
}
type Parser = { lexer: Lexer; yy: unknown; terminals_: Record<number, string> };
const parserOf = (c: Handlebars) => (c as unknown as { Parser: Parser }).Parser;

/** The template's tokens, by Handlebars' own lexer (comments, raw blocks and `\{{` read as Handlebars reads them). */
function tokenize(c: Handlebars, source: string): Token[] {
  const parser = parserOf(c);
  const lexer = parser.lexer;
  const tokens: Token[] = [];
  try {
    (lexer as unknown as { yy: unknown }).yy = parser.yy;
    lexer.setInput(source);
    for (let i = 0; i <= source.length + 1; i++) {
      const t = lexer.lex();
      const name = typeof t === 'number' ? (parser.terminals_[t] ?? String(t)) : t;
      if (name === 'EOF' || t === 1) break;
      tokens.push({ name, text: lexer.yytext, line: lexer.yylloc.first_line, column: lexer.yylloc.first_column });
    }
  } catch {
    // a lexical error: the tokens before it are what there is
  }
  return tokens;
}

interface Block extends Place {
  /** How it opens, as written without `~`: {{#if}}, {{^if}}, {{#> name}}, {{#*inline}}, {{{{raw}}}}. */
  open: string;
  close: string;
  name: string;
}

/** The blocks still open just before `upTo` (or at the end), innermost last; and the first close tag that closes another block than the innermost. */
function openBlocks(tokens: Token[], upTo?: Place): { open: Block[]; mismatch?: { block: Block; at: Token; name: string } } {
  const open: Block[] = [];
  let mismatch: { block: Block; at: Token; name: string } | undefined;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (upTo && (t.line > upTo.line || (t.line === upTo.line && t.column >= upTo.column))) break;
    const next = tokens[i + 1];
    const name = next && (next.name === 'ID' || next.name === 'STRING') ? next.text : '';
    const mark = t.text.replace(/~/g, '');
    if (t.name === 'OPEN_BLOCK' || t.name === 'OPEN_INVERSE' || t.name === 'OPEN_PARTIAL_BLOCK') {
      const open1 = mark === '{{#>' ? `{{#> ${name}}}` : `${mark}${name}}}`;
      open.push({ open: open1, close: `{{/${name}}}`, name, line: t.line, column: t.column });
    } else if (t.name === 'OPEN_RAW_BLOCK') {
      open.push({ open: `{{{{${name}}}}}`, close: `{{{{/${name}}}}}`, name, line: t.line, column: t.column });
    } else if (t.name === 'OPEN_ENDBLOCK' || t.name === 'END_RAW_BLOCK') {
      const closing = t.name === 'END_RAW_BLOCK' ? t.text : name;
      const block = open.pop();
      if (block && block.name !== closing && !mismatch) mismatch = { block, at: t, name: closing };
    }
  }
  return { open, ...(mismatch ? { mismatch } : {}) };
}

/** The last tag opened ({{, {{#, {{>…) and not closed by }}: where a template that ends inside a tag opened it. */
function unclosedTag(tokens: Token[]): Token | undefined {
  let open: Token | undefined;
  for (const t of tokens) {
    if (/^(OPEN|OPEN_BLOCK|OPEN_INVERSE|OPEN_INVERSE_CHAIN|OPEN_ENDBLOCK|OPEN_UNESCAPED|OPEN_PARTIAL|OPEN_PARTIAL_BLOCK|OPEN_RAW_BLOCK)$/.test(t.name)) open = t;
    else if (/^CLOSE(_UNESCAPED|_RAW_BLOCK)?$/.test(t.name)) open = undefined;
  }
  return open;
}

const at = (p: Place) => `${p.line}:${p.column + 1}`;
const words = (tokens: string[]) => [...new Set(tokens.map((t) => (VALUE_TOKENS.has(t) ? 'một giá trị (tên trường, chuỗi, số…)' : (TOKENS[t] ?? t))))];

/** A parse error, said as what is wrong and where: Handlebars names only its grammar's tokens. */
function explainParseError(c: Handlebars, source: string, message: string, stop: Place, state: string[]): { place: Place; text: string; show?: Place } {
  const got = /got '(\w+)'$/.exec(message)?.[1] ?? '';
  const expected = [...(/Expecting (.*), got '\w+'$/.exec(message)?.[1] ?? '').matchAll(/'(\w+)'/g)].map((m) => m[1]!);
  const tokens = tokenize(c, source);
  const rest = source.split(/\r\n?|\n/).slice(stop.line - 1).join('\n').slice(stop.column);
  const tag = (b: Block) => `${b.open} mở ở dòng ${b.line}`;
  if (/^Lexical error/.test(message)) {
    const opened = [...tokens].reverse().find((t) => t.name === 'OPEN_RAW_BLOCK' || t.name === 'COMMENT');
    if (state.at(-1) === 'com' || /^\{\{~?!--/.test(rest)) return { place: stop, text: 'lời chú thích mở bằng {{!-- ở đây chưa được đóng bằng --}}' };
    if (state.at(-1) === 'raw' && opened) {
      const block = openBlocks(tokens).open.at(-1);
      if (block) return { place: block, text: `khối thô ${tag(block)} chưa được đóng: thiếu ${block.close}` };
    }
    return { place: stop, text: 'có đoạn Handlebars không đọc được' };
  }
  if (got === 'EOF') {
    const { open } = openBlocks(tokens);
    const block = open.at(-1);
    if (block && expected.includes('OPEN_ENDBLOCK')) {
      const more = open.length > 1 ? ` (còn ${open.length - 1} khối mở trước nó cũng chưa được đóng)` : '';
      return { place: stop, text: `khối ${tag(block)} chưa được đóng: thiếu ${block.close} trước khi hết mẫu${more}`, show: block };
    }
    const opened = unclosedTag(tokens);
    return { place: stop, text: `mẫu kết thúc giữa chừng một thẻ: thẻ ${opened ? `mở ở dòng ${opened.line} ` : ''}chưa được đóng bằng }}`, ...(opened ? { show: opened } : {}) };
  }
  if (got === 'OPEN_ENDBLOCK') {
    const name = /^\{\{~?\/\s*([^\s}~]*)/.exec(rest)?.[1] ?? '';
    return { place: stop, text: `thẻ đóng {{/${name}}} không đóng khối nào: không có khối {{#${name}}} nào đang mở` };
  }
  if (got === 'INVERSE' || got === 'OPEN_INVERSE_CHAIN') {
    const written = got === 'INVERSE' ? (/^\{\{~?\^/.test(rest) ? '{{^}}' : '{{else}}') : '{{else …}}';
    const block = openBlocks(tokens, stop).open.at(-1);
    if (!block) return { place: stop, text: `${written} nằm ngoài mọi khối: nó chỉ dùng được bên trong {{#if}}, {{#unless}}, {{#each}} hoặc {{#with}}` };
    return { place: stop, text: `${written} thừa: khối ${tag(block)} đã có {{else}} (mỗi khối chỉ có một; muốn xét thêm điều kiện thì viết {{else if …}} trước nó)` };
  }
  if (got === 'INVALID') {
    const ch = rest.charAt(0);
    const closed = /\}\}/.test(rest.split(/\{\{/)[0] ?? '');
    if (ch === '"' || ch === "'") return { place: stop, text: `chuỗi mở bằng dấu nháy ${ch} ở đây chưa được đóng` };
    if (ch === '[') return { place: stop, text: 'dấu [ ở đây chưa được đóng bằng ]' };
    if (ch === '}' && rest.charAt(1) !== '}') return { place: stop, text: 'thẻ phải đóng bằng hai dấu }}, ở đây chỉ có một' };
    if (!closed) return { place: stop, text: 'thẻ mở bằng {{ chưa được đóng bằng }}' };
    return { place: stop, text: `ký tự ${JSON.stringify(ch)} không được dùng ở đây, bên trong thẻ {{…}}` };
  }
  if (got === 'CLOSE') {
    if (expected.includes('CLOSE_SEXPR')) return { place: stop, text: 'dấu ( chưa được đóng bằng ) trước }}' };
    if (expected.includes('CLOSE_BLOCK_PARAMS')) return { place: stop, text: 'tên biến của khối (as |…|) thiếu dấu | đóng' };
    if (expected.includes('CLOSE_UNESCAPED')) return { place: stop, text: 'thẻ mở bằng {{{ phải đóng bằng }}}, ở đây lại đóng bằng }}' };
    const before = source.split(/\r\n?|\n/)[stop.line - 1]?.slice(0, stop.column) ?? '';
    if (/=\s*$/.test(before)) return { place: stop, text: 'sau dấu = thiếu giá trị (tham số có tên viết khóa=giá_trị)' };
    if (/\{\{~?>\s*$/.test(before)) return { place: stop, text: 'thiếu tên mẫu con sau {{>' };
    return { place: stop, text: 'thẻ thiếu nội dung: sau {{ cần một tên trường, tên hàm hoặc giá trị' };
  }
  if (got === 'CLOSE_UNESCAPED') return { place: stop, text: 'thẻ mở bằng {{ phải đóng bằng }}, ở đây lại đóng bằng }}}' };
  if (got === 'CLOSE_RAW_BLOCK') return { place: stop, text: 'thẻ đóng bằng }}}}: thừa dấu }' };
  if (got === 'EQUALS') return { place: stop, text: 'dấu = đặt sai chỗ: tham số có tên viết sau tên hàm, dạng {{tên_hàm khóa=giá_trị}}' };
  if (got === 'NUMBER' && expected.length === 1) return { place: stop, text: 'sau dấu chấm cần một tên trường; phần tử thứ n của danh sách viết danh_sách.[n], ví dụ units.[0]' };
  if (got === 'OPEN_BLOCK_PARAMS') return { place: stop, text: '"as |…|" chỉ dùng trong thẻ mở khối, ví dụ {{#each units as |unit|}}' };
  if (got === 'OPEN_SEXPR' && !expected.includes('CLOSE')) return { place: stop, text: 'thẻ không được bắt đầu bằng dấu (: dấu ngoặc chỉ bao quanh tham số của một hàm' };
  const wanted = words(expected);
  return { place: stop, text: `gặp ${TOKENS[got] ?? got} ở chỗ không được phép${wanted.length <= 4 ? `; ở đây cần ${wanted.join(', hoặc ')}` : ''}` };
}

/** Handlebars' messages, and our helpers', said plainly: "trường "totl" không có …" (the place is said by the caller). */
function explainTemplateError(message: string): string {
  const text = message.trim().replace(/ - \d+:\d+$/, '');
  let m = /^"([^"]+)" not defined in (\w+)$/s.exec(text);
  if (m) {
    if (m[2] === 'nothing') return `trường "${m[1]}" không có: phần đứng trước nó trong đường dẫn không có trong mô hình báo cáo`;
    if (m[2] !== 'object') return `trường "${m[1]}" không có: giá trị ở đây là ${m[2] === 'string' ? 'một chuỗi' : m[2] === 'number' ? 'một số' : m[2] === 'boolean' ? 'true hoặc false' : 'một giá trị'}, không có trường nào`;
    return `trường "${m[1]}" không có trong mô hình báo cáo (các trường: xem README, mục "Mô hình báo cáo")`;
  }
  m = /^"([^"]+)" not defined in /s.exec(text);
  if (m) return `trường "${m[1]}" không có trong mô hình báo cáo (các trường: xem README, mục "Mô hình báo cáo")`;
  m = /unknown helper (\S+)$/.exec(text);
  if (m) return `không có hàm "${m[1]}" (các hàm có: ${Object.keys(HELPERS).join(', ')}; cùng các khối if, unless, each, with)`;
  m = /^(\S+) doesn't match (\S+)$/.exec(text);
  if (m) return `sai cú pháp: khối {{#${m[1]}}} mở ở đây lại được đóng bằng {{/${m[2]}}}: cần {{/${m[1]}}} (khối mở sau phải đóng trước)`;
  m = /^Invalid path: (.+)$/.exec(text);
  if (m) return `sai cú pháp: đường dẫn "${m[1]}" không hợp lệ: "..", "." và "this" chỉ được đứng ở đầu đường dẫn (ví dụ ../year)`;
  m = /^Unsupported number of partial arguments: (\d+)$/.exec(text);
  if (m) return `mẫu con chỉ nhận một ngữ cảnh và các tham số có tên ({{> tên ngữ_cảnh khóa=giá_trị}}), ở đây có ${m[1]} đối số`;
  if (/^Unexpected inverse block on decorator$/.test(text)) return 'sai cú pháp: khối {{#*inline}} không có {{else}}';
  m = /^Missing decorator: "(.*)"$/.exec(text);
  if (m) return `không có "{{* ${m[1]}}}": trong mẫu chỉ dùng được {{#*inline "tên"}}…{{/inline}}`;
  m = /^The partial (.+) could not be found$/.exec(text);
  if (m) return `không có mẫu con "${m[1]}" (mẫu con là các tệp .hbs cùng thư mục với mẫu chính)`;
  if (text === 'Must pass iterator to #each') return '{{#each}} cần một danh sách để lặp qua';
  m = /^#(if|unless|with) requires exactly one argument$/.exec(text);
  if (m) return `{{#${m[1]}}} cần đúng một giá trị`;
  if (/Maximum call stack/.test(text)) return 'mẫu gọi lồng chính nó không dừng (mẫu con đệ quy)';
  m = /^Cannot use 'in' operator to search for '([^']*)' in (.*)$/s.exec(text);
  if (m) return `trường "${m[1]}" không có: giá trị ở đây (${m[2]}) không có trường nào`;
  if (/[À-ỹ]/.test(text)) return text; // already ours: the helpers speak Vietnamese
  // Not foreseen: said as such, Handlebars' own words quoted.
  return `lỗi khi dựng báo cáo từ mẫu (thông báo gốc của Handlebars: ${JSON.stringify(text)})`;
}

/** The source line at `place`, and a caret under the column: "   3 | {{#if year}}" / "     |   ^". */
function excerpt(source: string, place: Place): string {
  const line = source.split(/\r\n?|\n/)[place.line - 1];
  if (line === undefined) return '';
  const plain = (s: string) => s.replace(/\t/g, ' ').normalize('NFC');
  let before = plain(line.slice(0, place.column));
  let after = plain(line.slice(place.column));
  if (before.length > 40) before = `…${before.slice(-39)}`;
  if (after.length > 40) after = `${after.slice(0, 39)}…`;
  const no = String(place.line);
  return `\n  ${no} | ${before}${after}\n  ${' '.repeat(no.length)} | ${' '.repeat([...before].length)}^`;
}

/** A failure while compiling or running a template, said with its place and the line it is on. */
function describe(c: Handlebars | undefined, source: string, e: unknown, stop?: { place: Place; state: string[] }): string {
  const message = e instanceof Error ? e.message : String(e);
  if (c && stop && /^(Parse|Lexical) error on line/.test(message)) {
    const { place, text, show } = explainParseError(c, source, message, stop.place, stop.state);
    return `${at(place)}: sai cú pháp: ${text}${excerpt(source, show ?? place)}`;
  }
  // A close tag that closes another block than the innermost: said at the close tag, as it is written.
  const mismatch = c && / doesn't match \S+ - \d+:\d+$/.test(message) ? openBlocks(tokenize(c, source)).mismatch : undefined;
  if (mismatch) {
    const { block, at: tag, name } = mismatch;
    const written = tag.name === 'END_RAW_BLOCK' ? `{{{{/${name}}}}}` : `{{/${name}}}`;
    return `${at(tag)}: sai cú pháp: khối ${block.open} mở ở dòng ${block.line} lại được đóng bằng ${written}: cần ${block.close} (khối mở sau phải đóng trước)${excerpt(source, tag)}`;
  }
  let text = explainTemplateError(message);
  const l: Located = e instanceof Error ? e : new Error(message);
  // A partial not found, an inherited name read as an argument: Handlebars gives no place; the first tag
  // that names it is the place.
  const lines = source.split(/\r\n?|\n/);
  const missing = /^The partial (.+) could not be found$/.exec(message)?.[1];
  const inherited = /^"([^"]+)" not defined in object \(inherited\)/.exec(message)?.[1];
  const wanted = missing ?? inherited;
  if (wanted !== undefined) {
    const name = wanted.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const tag = missing !== undefined ? `\\{\\{~?#?>\\s*(?:${name}|"${name}"|'${name}'|\\[${name}\\])(?=[\\s}~])` : `\\{\\{[^}]*?(?<![\\w$@-])${name}(?![\\w$-])`;
    const line = lines.findIndex((s) => new RegExp(tag).test(s));
    if (line >= 0) Object.assign(l, { lineNumber: line + 1, column: lines[line]!.search(new RegExp(tag)) });
  }
  if (typeof l.lineNumber !== 'number') return text;
  const place = { line: l.lineNumber, column: typeof l.column === 'number' ? l.column : 0 };
  // A field read from nothing: the path as written says which part before it is missing.
  const m = /^"([^"]+)" not defined in nothing/.exec(message);
  const path = lines[place.line - 1]?.slice(place.column).match(/^[^\s}~()|=]+/)?.[0];
  if (m && path && path.length > m[1]!.length + 1 && path.endsWith(m[1]!)) {
    text = `"${path.slice(0, -m[1]!.length - 1)}" không có trong mô hình báo cáo, nên không đọc được trường "${m[1]}" của nó`;
  }
  return `${at(place)}: ${text}${excerpt(source, place)}`;
}

/** A failure to compile `source`: read where the parser stopped (before anything else runs the lexer), then said. */
export function explainCompileError(c: Handlebars, source: string, e: unknown): string {
  const lexer = parserOf(c).lexer;
  const stop = { place: { line: lexer.yylloc?.first_line ?? 1, column: lexer.yylloc?.first_column ?? 0 }, state: [...(lexer.conditionStack ?? [])] };
  return describe(c, source, e, stop);
}

/** A failure while running the compiled `source` (the compiler, when it is loaded, finds the blocks of a mismatch). */
export function explainRunError(c: Handlebars | undefined, source: string, e: unknown): string {
  return describe(c, source, e);
}
