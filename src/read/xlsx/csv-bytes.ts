// What the sheet's conversion to CSV bytes (./sheet-csv.ts) and its pool of shared strings (./csv-strings.ts)
// share: the bytes of XML they look for, how a text is written as a CSV field, and the small readers of a tag on
// bytes (an attribute's value, a cell's reference, a formula passed over, an inline string). What they cannot
// read throws NotPlain.
import { NotPlain } from './not-plain.js';

export const LT = 60;
export const GT = 62;
export const SLASH = 47;
export const QUOTE = 34;
export const APOS = 39;
export const EQ = 61;
export const AMP = 38;
export const COMMA = 44;
export const LF = 10;
export const CR = 13;
export const isSpace = (c: number | undefined): boolean => c === 32 || c === 9 || c === 10 || c === 13;

/** Whether a text holds a line break (a cell showing it cannot be a CSV line of its own). */
export const hasLineBreak = (text: string): boolean => /[\r\n]/.test(text);

/** A text as a CSV field (comma-separated): quoted, its quotes doubled, when it holds a comma or a quote. */
export const quoteField = (text: string): string => (/[",]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text);

/** After an attribute's name at `j` (`="…"`): the value's start; its end (the closing quote) is left in AT.end. */
export function attrValue(buf: Buffer, j: number): number {
  while (isSpace(buf[j])) j++;
  if (buf[j] !== EQ) throw new NotPlain('an attribute without a value');
  j++;
  while (isSpace(buf[j])) j++;
  if (buf[j] !== QUOTE) throw new NotPlain(buf[j] === APOS ? 'single-quoted attributes' : 'an attribute without quotes');
  const vs = j + 1;
  let ve = vs;
  for (const n = buf.length; ve < n; ve++) {
    const c = buf[ve];
    if (c === QUOTE) break;
    if (c === AMP || c === LT) throw new NotPlain('an entity in an attribute');
  }
  if (ve >= buf.length) throw new NotPlain('an unclosed attribute');
  AT.end = ve;
  return vs;
}

/** A second result of the scanning functions (a tuple a call would cost an allocation). */
export const AT = { end: 0 };

/** The column of the reference buf[s, e), 0-based (B17 → 1), or -1 (sheet.ts's columnIn, on bytes). */
export function column(buf: Buffer, s: number, e: number): number {
  let col = 0;
  let i = s;
  for (; i < e; i++) {
    const c = buf[i]! | 32;
    if (c < 97 || c > 122) break;
    col = col * 26 + (c - 96);
  }
  return i === s ? -1 : col - 1;
}

/** Past a formula element at `j` (`<f …/>` or `<f …>…</f>`). */
export function skipFormula(buf: Buffer, j: number): number {
  const gt = buf.indexOf(GT, j);
  if (gt < 0) throw new NotPlain('an unclosed formula');
  if (buf[gt - 1] === SLASH) return gt + 1;
  const end = buf.indexOf('</f>', gt);
  if (end < 0) throw new NotPlain('an unclosed formula');
  for (let x = gt + 1; x < end; x++) if (buf[x] === LT) throw new NotPlain('markup in a formula');
  return end + 4;
}

/** Where an inline string's `</is>` ends (inlineText's third result). */
export const INLINE_END = { end: 0 };

/** An inline string after `<is>` at `j`: only `<t>…</t>` (or `<t xml:space="preserve">`); its text's start (its end in AT.end, where `</is>` ends in INLINE_END.end). */
export function inlineText(buf: Buffer, j: number): number {
  while (isSpace(buf[j])) j++;
  if (buf[j] !== LT || buf[j + 1] !== 116 || !(buf[j + 2] === GT || isSpace(buf[j + 2]))) throw new NotPlain('rich text');
  const gt = buf.indexOf(GT, j);
  if (gt < 0 || buf[gt - 1] === SLASH) throw new NotPlain('an empty inline string');
  const vs = gt + 1;
  const ve = buf.indexOf(LT, vs);
  if (buf.indexOf('</t>', ve) !== ve) throw new NotPlain('markup in an inline string');
  let k = ve + 4;
  while (isSpace(buf[k])) k++;
  if (buf.indexOf('</is>', k) !== k) throw new NotPlain('rich text');
  AT.end = ve;
  INLINE_END.end = k + 5;
  return vs;
}
