// Template helpers: Vietnamese formatting and small text tools. Each checks its arguments, so a
// template that passes the wrong thing fails loudly instead of printing "NaN" in an official report.
// ./render.ts registers them (a template sees no other); ./template-errors.ts lists them in its messages.
import type { HelperDelegate, HelperOptions } from 'handlebars';
import { formatCount, formatHundredths, formatShare } from '../format.js';
import { RATINGS, type RatingCode } from '../schemes.js';

class HelperError extends Error {}

/** Names that lead out of the model into JavaScript's machinery. */
const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype', '__defineGetter__', '__defineSetter__', '__lookupGetter__', '__lookupSetter__']);

const isOptions = (x: unknown): x is HelperOptions => typeof x === 'object' && x !== null && 'hash' in x && 'data' in x;

/** An argument as a message shows it: short, and said in words where it is nothing or not a value. */
function show(x: unknown): string {
  if (x === undefined) return 'không xác định (undefined: có thể trường này không có trong mô hình báo cáo)';
  if (x === null) return 'rỗng (null)';
  const s = JSON.stringify(x) ?? String(x);
  return s.length > 60 ? `${s.slice(0, 57)}…` : s;
}

/** "…, nhưng <what the template passed>". */
function got(x: unknown): string {
  return isOptions(x) ? 'nhưng không được truyền giá trị nào' : `nhưng nhận được ${show(x)}`;
}

function count(name: string, x: unknown): number {
  if (typeof x !== 'number' || !Number.isSafeInteger(x)) throw new HelperError(`{{${name}}} cần một số nguyên, ${got(x)}`);
  return x;
}

function str(name: string, x: unknown): string {
  if (typeof x !== 'string') throw new HelperError(`{{${name}}} cần một chuỗi văn bản, ${got(x)}`);
  return x;
}

function rating(name: string, x: unknown): RatingCode {
  if (typeof x !== 'string' || !Object.prototype.hasOwnProperty.call(RATINGS, x)) throw new HelperError(`{{${name}}} cần một mã xếp loại (${Object.keys(RATINGS).join(', ')}), ${got(x)}`);
  return x as RatingCode;
}

/** Text made one paragraph: its spaces and line breaks one space, none before a comma or a closing bracket, none after an opening one. */
export const paragraph = (text: string): string => text.replace(/\s+/g, ' ').replace(/ ([,.;:)])/g, '$1').replace(/\( /g, '(').trim();

/** A share in percent as printed: 25.58 → "25,58%" (the model's shares have two decimals at most). */
export const formatPercent = (x: number): string => `${formatHundredths(Math.round(x * 100))}%`;

export const HELPERS: Record<string, HelperDelegate> = {
  /** {{number 2904}} → 2.904 */
  number: (n: unknown) => formatCount(count('number', n)),
  /** {{percent 25.58}} → 25,58% (a share in percent); {{percent 11 43}} → 25,58% (part of whole, half up). */
  percent: (...args: unknown[]) => {
    const a = args.filter((x) => !isOptions(x));
    if (a.length === 2) return formatShare(count('percent', a[0]), count('percent', a[1]));
    const x = a[0];
    if (a.length !== 1 || typeof x !== 'number' || !Number.isFinite(x)) throw new HelperError(`{{percent}} cần một tỷ lệ phần trăm, hoặc một phần và tổng số, ${a.length ? `nhưng nhận được ${a.map(show).join(' ')}` : 'nhưng không được truyền giá trị nào'}`);
    return formatPercent(x);
  },
  /** {{decimal 82.4}} → 82,4 (a score, an average: two decimals at most, half up). */
  decimal: (x: unknown) => {
    if (typeof x !== 'number' || !Number.isFinite(x)) throw new HelperError(`{{decimal}} cần một số, ${got(x)}`);
    return formatHundredths(Math.round(x * 100 + (x >= 0 ? 1e-9 : -1e-9)));
  },
  /** {{ratingName "TSVM"}} → Trong sạch vững mạnh */
  ratingName: (code: unknown) => RATINGS[rating('ratingName', code)].name,
  /** {{ratingShort "TSVM"}} → TSVM */
  ratingShort: (code: unknown) => RATINGS[rating('ratingShort', code)].short,
  lower: (s: unknown) => str('lower', s).toLowerCase(),
  upper: (s: unknown) => str('upper', s).toUpperCase(),
  capitalize: (s: unknown) => {
    const t = str('capitalize', s);
    return t.charAt(0).toUpperCase() + t.slice(1);
  },
  /** {{#join list sep=", " last=" và "}}…{{/join}}: renders each item, joined as a Vietnamese list. */
  join: function (this: unknown, list: unknown, options: HelperOptions) {
    if (!Array.isArray(list)) throw new HelperError(`{{#join}} cần một danh sách, ${got(list)}`);
    const sep = typeof options.hash.sep === 'string' ? options.hash.sep : ', ';
    const last = typeof options.hash.last === 'string' ? options.hash.last : ' và ';
    const parts = list.map((item, i) => options.fn(item, { data: { ...options.data, index: i, first: i === 0, last: i === list.length - 1 } }).trim());
    if (parts.length <= 1) return parts.join('');
    return `${parts.slice(0, -1).join(sep)}${last}${parts[parts.length - 1]}`;
  },
  /** {{#para}}…{{/para}}: one paragraph on one line, then a blank line (in HTML: a <p>), however the template breaks its source lines. */
  para: function (this: unknown, options: HelperOptions) {
    const text = paragraph(options.fn(this));
    if (!text) return '';
    return options.data?.root && (options.data as { html?: boolean }).html ? `<p>${text}</p>\n` : `${text}\n\n`;
  },
  /** {{md name}}: text made safe inside Markdown (tables included): its markup characters escaped. */
  md: (s: unknown) =>
    str('md', s)
      .replace(/[\\`*_[\]<>|#&~!]/g, '\\$&')
      .replace(/\r?\n/g, ' ')
      .replace(/^(\s*)([-+=])/, '$1\\$2') // a list item or a heading underline, if the value starts a line
      .replace(/^(\s*\d+)([.)])/, '$1\\$2'), // a numbered list item
  /** {{lookup obj key}}: Handlebars' own, but only for the model's own fields (never a prototype's). */
  lookup: (obj: unknown, key: unknown) => {
    const name = typeof key === 'number' ? String(key) : str('lookup', key);
    if (typeof obj !== 'object' || obj === null || FORBIDDEN.has(name) || !Object.prototype.hasOwnProperty.call(obj, name)) {
      throw new HelperError(`{{lookup}}: trường ${JSON.stringify(name)} không có trong mô hình báo cáo`);
    }
    return (obj as Record<string, unknown>)[name];
  },
  eq: (a: unknown, b: unknown) => a === b,
  /** {{#if (any a b)}}: one of them is set (not null, 0, false or empty). */
  any: (...args: unknown[]) => args.filter((x) => !isOptions(x)).some((x) => (Array.isArray(x) ? x.length > 0 : Boolean(x))),
  gt: (a: unknown, b: unknown) => typeof a === 'number' && typeof b === 'number' && a > b,
  /** {{#if (several n)}}: more than one. */
  several: (n: unknown) => count('several', n) > 1,
};
