// A small streaming XML tokenizer for the parts of an .xlsx workbook: text in chunks → start tags (name and
// the raw attribute text), end tags and the text between them, entities decoded. Namespace prefixes are
// dropped from names (`x:row` is `row`: some writers prefix every element). Comments, processing
// instructions and a DOCTYPE are skipped (no entity is ever defined or expanded: nothing is fetched).
// Why not a general SAX parser: the sheet of a province (370 k rows, 100 MB of XML) took 1.7–2.7 s in the
// ones measured (saxes, htmlparser2) against 0.3 s here, where the pipeline's budget is the CSV path's ×2;
// test/xlsx-xml.test.ts holds this one to saxes, the reference, on the same inputs.

export interface XmlHandler {
  /** A start tag: its local name and its raw attribute text (read with `attr`); `empty` for `<x/>`. */
  open(name: string, attrs: string, empty: boolean): void;
  close(name: string): void;
  /** Text between tags, entities decoded; only called while `wantsText` is true. */
  text(text: string): void;
  /** Whether text is wanted now (text between the tags of no interest is never cut out). */
  readonly wantsText: boolean;
}

/** What the tokenizer keeps of an unfinished tag or text: past this a part is not one we can read. */
export const MAX_PENDING = 16 << 20;

export class XmlError extends Error {}

const SLASH = 47;
const BANG = 33;
const QUESTION = 63;

export class XmlTokenizer {
  private rest = '';

  constructor(private readonly h: XmlHandler) {}

  push(chunk: string): void {
    let t = chunk;
    let from = 0;
    if (this.rest.length) {
      // The token cut at the chunk's start is finished on a small string, so that the large chunk is scanned
      // as it came (a string joined with + scans three times slower in V8).
      const gt = chunk.indexOf('>');
      if (gt < 0) {
        this.keep(this.rest + chunk);
        return;
      }
      const head = this.rest + chunk.slice(0, gt + 1);
      const done = this.scan(head, 0);
      if (done < head.length) t = head.slice(done) + chunk.slice(gt + 1); // that `>` was quoted or in a comment
      else from = gt + 1;
    }
    const i = this.scan(t, from);
    this.keep(i < t.length ? t.slice(i) : '');
  }

  private keep(rest: string): void {
    if (rest.length > MAX_PENDING) throw new XmlError(`một thẻ hoặc một đoạn văn bản dài hơn ${MAX_PENDING >> 20} MB`);
    this.rest = rest;
  }

  end(): void {
    if (this.rest.trim() !== '') {
      if (this.rest.includes('<')) throw new XmlError('tệp kết thúc giữa chừng một thẻ');
      if (this.h.wantsText) this.h.text(decodeEntities(this.rest));
    }
    this.rest = '';
  }

  /** Tokens of `t` from `i` up to the last complete one; returns where the unfinished rest starts. */
  private scan(t: string, i: number): number {
    const h = this.h;
    const n = t.length;
    while (i < n) {
      const lt = t.indexOf('<', i);
      if (lt < 0) return i; // text running on into the next chunk
      if (lt > i && h.wantsText) h.text(decodeEntities(t.slice(i, lt)));
      if (lt + 1 >= n) return lt;
      const c = t.charCodeAt(lt + 1);
      if (c === SLASH) {
        const gt = t.indexOf('>', lt);
        if (gt < 0) return lt;
        let e = gt;
        while (e > lt + 2 && isSpace(t.charCodeAt(e - 1))) e--;
        h.close(nameIn(t, lt + 2, e));
        i = gt + 1;
      } else if (c === BANG) {
        const end = this.special(t, lt);
        if (end < 0) return lt;
        i = end;
      } else if (c === QUESTION) {
        const end = t.indexOf('?>', lt);
        if (end < 0) return lt;
        i = end + 2;
      } else {
        const gt = tagEnd(t, lt);
        if (gt < 0) return lt;
        const empty = t.charCodeAt(gt - 1) === SLASH;
        const end = empty ? gt - 1 : gt;
        let e = lt + 1;
        while (e < end && !isSpace(t.charCodeAt(e))) e++;
        const name = nameIn(t, lt + 1, e);
        h.open(name, e < end ? t.slice(e, end) : '', empty);
        if (empty) h.close(name);
        i = gt + 1;
      }
    }
    return i;
  }

  /** `<!-- … -->`, `<![CDATA[ … ]]>` (its text given as it is) or `<!DOCTYPE …>`: the index after it, or -1. */
  private special(t: string, lt: number): number {
    if (t.startsWith('<!--', lt)) {
      const end = t.indexOf('-->', lt + 4);
      return end < 0 ? -1 : end + 3;
    }
    if (t.startsWith('<![CDATA[', lt)) {
      const end = t.indexOf(']]>', lt + 9);
      if (end < 0) return -1;
      if (this.h.wantsText) this.h.text(t.slice(lt + 9, end));
      return end + 3;
    }
    // A DOCTYPE, with an internal subset in brackets or not: skipped whole.
    const bracket = t.indexOf('[', lt);
    const gt = t.indexOf('>', lt);
    if (gt < 0) return -1;
    if (bracket < 0 || bracket > gt) return gt + 1;
    const close = t.indexOf(']', bracket);
    const after = close < 0 ? -1 : t.indexOf('>', close);
    return after < 0 ? -1 : after + 1;
  }
}

/** The `>` that ends the start tag at `lt` (a `>` inside a quoted attribute value does not), or -1. */
export function tagEnd(t: string, lt: number): number {
  // Walks the tag only: each quoted value is skipped whole, so a `>` inside one is passed over.
  for (let i = lt + 1; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (c === GT) return i;
    if (c === DQ || c === SQ) {
      const close = t.indexOf(c === DQ ? '"' : "'", i + 1);
      if (close < 0) return -1;
      i = close;
    }
  }
  return -1;
}

const GT = 62;
const DQ = 34;
const SQ = 39;

/**
 * The local name of the tag name t[s, e) (`x:row` → `row`); the names of the sheet's hot path are constants,
 * not cut out of the text each time.
 */
function nameIn(t: string, s: number, e: number): string {
  for (let k = s; k < e; k++) if (t.charCodeAt(k) === 58) s = k + 1;
  switch (e - s) {
    case 1:
      switch (t.charCodeAt(s)) {
        case 99: return 'c';
        case 118: return 'v';
        case 116: return 't';
        case 102: return 'f';
        case 114: return 'r';
      }
      break;
    case 2:
      if (t.startsWith('is', s)) return 'is';
      if (t.startsWith('si', s)) return 'si';
      break;
    case 3:
      if (t.startsWith('row', s)) return 'row';
      if (t.startsWith('rPh', s)) return 'rPh';
      break;
  }
  return t.slice(s, e);
}

/**
 * An attribute's value (decoded) from a tag's raw attribute text, by its local name (`id` finds `r:id`), or
 * undefined. Spaces around `=` and either quote are allowed.
 */
export function attr(attrs: string, name: string): string | undefined {
  let from = 0;
  for (;;) {
    const at = attrs.indexOf(name, from);
    if (at < 0) return undefined;
    from = at + name.length;
    const before = at === 0 ? 32 : attrs.charCodeAt(at - 1);
    // The name must stand alone: after a space or a prefix's colon, before `=`.
    if (before !== 32 && before !== 9 && before !== 10 && before !== 13 && before !== 58) continue;
    let j = from;
    while (j < attrs.length && isSpace(attrs.charCodeAt(j))) j++;
    if (attrs.charCodeAt(j) !== 61) continue;
    j++;
    while (j < attrs.length && isSpace(attrs.charCodeAt(j))) j++;
    const q = attrs[j];
    if (q !== '"' && q !== "'") return undefined;
    const end = attrs.indexOf(q, j + 1);
    if (end < 0) return undefined;
    return decodeEntities(attrs.slice(j + 1, end));
  }
}

const isSpace = (c: number) => c === 32 || c === 9 || c === 10 || c === 13;

/** Where findAttr found a value: t[start, end), entities not decoded. */
export const span = { start: 0, end: 0 };

/**
 * attr() within the tag text t[s, e) of a large string, without cutting anything out of it: true when the
 * attribute `name` (plain, double-quoted, the common form) is there, its value's place in `span`.
 */
export function findAttr(t: string, s: number, e: number, name: string): boolean {
  let from = s;
  for (;;) {
    const at = t.indexOf(name, from);
    if (at < 0 || at >= e) return false;
    from = at + name.length;
    const before = t.charCodeAt(at - 1);
    if ((!isSpace(before) && before !== 58) || t.charCodeAt(from) !== 61 || t.charCodeAt(from + 1) !== 34) continue;
    const end = t.indexOf('"', from + 2);
    if (end < 0 || end >= e) return false;
    span.start = from + 2;
    span.end = end;
    return true;
  }
}

const NAMED: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** `&amp;`, `&#x1EA1;`, `&#7841;` → the characters; an unknown entity is kept as it is. */
export function decodeEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g, (whole, e: string) => {
    if (e[0] !== '#') return NAMED[e] ?? whole;
    const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

/**
 * OOXML's escape of characters XML cannot hold (ST_Xstring): `_x000D_` is a carriage return, `_x005F_` an
 * underscore (so `_x005F_x000D_` is the text `_x000D_`). Excel writes a line break typed in a cell this way.
 */
export function unescapeOoxml(s: string): string {
  if (!s.includes('_x')) return s;
  return s.replace(/_x([0-9a-fA-F]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}
