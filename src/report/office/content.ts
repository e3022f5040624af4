// What a .docx or .xlsx says, as plain text: --check compares two files by their parts, and shows the
// difference as a diff of this text (a binary diff says nothing to a person). A small reader of the parts we
// write (and of what Word or Excel write when they save them): paragraphs and table rows of word/document.xml;
// each sheet's rows of cells, shared strings resolved. Not a general OOXML reader.
import { partText, parts } from './zip.js';

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** XML text with its entities and character references resolved. */
function unescape(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (whole, e: string) => {
    if (e[0] === '#') {
      const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return Number.isFinite(code) ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[e] ?? whole;
  });
}

/** The text of word/document.xml: a paragraph a line; a table row a line, its cells joined by " | ". */
export function documentText(xml: string): string {
  const lines: string[] = [];
  let para = '';
  let inText = false;
  let cells = 0; // how deep in table cells
  let cellParas: string[] = [];
  let row: string[] = [];
  for (const m of xml.matchAll(/<(\/?)w:(p|t|tab|br|tc|tr)(?:\s[^>]*?)?(\/?)>|([^<]+)|<[^>]*>/g)) {
    const [, close, tag, selfClose, text] = m;
    if (text !== undefined) {
      if (inText) para += unescape(text);
      continue;
    }
    if (tag === 't') inText = !close && !selfClose;
    else if (tag === 'tab' && !close) para += '\t';
    else if (tag === 'br' && !close) para += ' ';
    else if (tag === 'p' && (close || selfClose)) {
      if (cells > 0) cellParas.push(para);
      else lines.push(para);
      para = '';
    } else if (tag === 'tc') {
      if (!close && !selfClose) cells++;
      else if (close) {
        cells--;
        row.push(cellParas.filter((p) => p !== '').join(' / '));
        cellParas = [];
      }
    } else if (tag === 'tr' && close) {
      lines.push(row.join(' | '));
      row = [];
    }
  }
  return lines.join('\n') + '\n';
}

/** The attribute `name` of an XML start tag. */
const attr = (tag: string, name: string) => new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];

/** "AB12" → 27 (the column's number, from 0). */
function column(ref: string): number {
  let n = 0;
  for (const c of /^[A-Z]+/.exec(ref)?.[0] ?? 'A') n = n * 26 + (c.charCodeAt(0) - 64);
  return n - 1;
}

/** The texts of the shared strings, in order (a rich string's runs joined). */
function sharedStrings(xml: string | undefined): string[] {
  if (!xml) return [];
  return [...xml.matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) => [...m[1]!.matchAll(/<t(?:\s[^>]*)?>([^<]*)<\/t>/g)].map((t) => unescape(t[1]!)).join(''));
}

/** A sheet's rows, tab-separated, cells in their columns. */
function sheetText(xml: string, shared: readonly string[]): string[] {
  const lines: string[] = [];
  for (const r of xml.matchAll(/<row\b[^>]*?(?:\/>|>([\s\S]*?)<\/row>)/g)) {
    const values: string[] = [];
    for (const c of (r[1] ?? '').matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
      const head = c[1]!;
      const inner = c[2] ?? '';
      const type = attr(head, 't');
      const v = /<v>([^<]*)<\/v>/.exec(inner)?.[1];
      const text = type === 's' ? (shared[Number(v)] ?? '') : type === 'inlineStr' ? [...inner.matchAll(/<t(?:\s[^>]*)?>([^<]*)<\/t>/g)].map((t) => unescape(t[1]!)).join('') : unescape(v ?? '');
      values[column(attr(head, 'r') ?? 'A')] = text;
    }
    lines.push(Array.from(values, (v) => v ?? '').join('\t'));
  }
  return lines;
}

/** Each sheet's name, then its rows. */
export function workbookText(files: ReadonlyMap<string, Uint8Array>): string {
  const text = (name: string) => (files.has(name) ? partText(files.get(name)!) : undefined);
  const shared = sharedStrings(text('xl/sharedStrings.xml'));
  const rels = new Map([...(text('xl/_rels/workbook.xml.rels') ?? '').matchAll(/<Relationship\b[^>]*>/g)].map((m) => [attr(m[0], 'Id'), attr(m[0], 'Target')]));
  const out: string[] = [];
  for (const s of (text('xl/workbook.xml') ?? '').matchAll(/<sheet\b[^>]*>/g)) {
    const target = rels.get(attr(s[0], 'r:id')) ?? '';
    const xml = text(target.startsWith('/') ? target.slice(1) : `xl/${target}`);
    out.push(`== ${unescape(attr(s[0], 'name') ?? '')} ==`, ...(xml ? sheetText(xml, shared) : []));
  }
  return out.join('\n') + '\n';
}

/** What an Office file says, as text; undefined when the bytes are not such a file. */
export function officeText(bytes: Uint8Array): string | undefined {
  const files = parts(bytes);
  if (!files) return undefined;
  if (files.has('word/document.xml')) return documentText(partText(files.get('word/document.xml')!));
  if (files.has('xl/workbook.xml')) return workbookText(files);
  return undefined;
}

/** The parts of `a` and `b` that differ (added, removed or changed), by name; [] when both hold the same parts. */
export function changedParts(a: ReadonlyMap<string, Uint8Array>, b: ReadonlyMap<string, Uint8Array>): string[] {
  const names = [...new Set([...a.keys(), ...b.keys()])].sort();
  return names.filter((n) => {
    const x = a.get(n);
    const y = b.get(n);
    return !x || !y || Buffer.compare(Buffer.from(x.buffer, x.byteOffset, x.byteLength), Buffer.from(y.buffer, y.byteOffset, y.byteLength)) !== 0;
  });
}
