// The small parts of a workbook, each read whole: the package's relationships (where the workbook is), the
// workbook (its sheets in order, with their names and whether they are hidden; the 1904 date system), the
// workbook's relationships (each sheet's part, the shared strings, the styles) and the styles (which cell
// formats show a date). The shared strings, which can be large, are read as a stream (SharedStrings).
import { attr, unescapeOoxml, XmlTokenizer, type XmlHandler } from './xml.js';
import { isDateFormat } from './values.js';

/** Calls `open` for every start tag of `xml` (a small part). */
function eachTag(xml: string, open: (name: string, attrs: string) => void): void {
  const t = new XmlTokenizer({ open, close: () => {}, text: () => {}, wantsText: false });
  t.push(xml);
  t.end();
}

export interface Relationship {
  id: string;
  /** The last segment of the relationship's type: `officeDocument`, `worksheet`, `sharedStrings`, `styles`… */
  type: string;
  /** The part it points to, as a path inside the package (no leading slash). */
  target: string;
}

/** A `.rels` part; `base` is the folder its targets are relative to (`xl/` for the workbook's). */
export function relationships(xml: string, base: string): Relationship[] {
  const out: Relationship[] = [];
  eachTag(xml, (name, attrs) => {
    if (name !== 'Relationship' || attr(attrs, 'TargetMode') === 'External') return;
    const id = attr(attrs, 'Id');
    const type = attr(attrs, 'Type');
    const target = attr(attrs, 'Target');
    if (id && type && target) out.push({ id, type: type.slice(type.lastIndexOf('/') + 1), target: resolvePart(base, target) });
  });
  return out;
}

/** `worksheets/sheet1.xml` against `xl/` → `xl/worksheets/sheet1.xml`; `/xl/…` is from the root; `..` climbs. */
export function resolvePart(base: string, target: string): string {
  const parts = (target.startsWith('/') ? target.slice(1) : base + target).split('/');
  const out: string[] = [];
  for (const p of parts) {
    if (p === '..') out.pop();
    else if (p !== '.' && p !== '') out.push(p);
  }
  return out.join('/');
}

/** The folder of a part, with its slash: `xl/workbook.xml` → `xl/`. */
export const folderOf = (part: string): string => part.slice(0, part.lastIndexOf('/') + 1);

/** The relationships part of a part: `xl/workbook.xml` → `xl/_rels/workbook.xml.rels`. */
export const relsOf = (part: string): string => `${folderOf(part)}_rels/${part.slice(part.lastIndexOf('/') + 1)}.rels`;

export interface SheetEntry {
  name: string;
  /** visible, hidden (Format › Hide) or veryHidden (only a macro can show it). */
  state: string;
  /** The relationship id that leads to its part. */
  rel: string;
}

export interface WorkbookInfo {
  sheets: SheetEntry[];
  date1904: boolean;
}

export function workbookInfo(xml: string): WorkbookInfo {
  const sheets: SheetEntry[] = [];
  let date1904 = false;
  eachTag(xml, (name, attrs) => {
    if (name === 'workbookPr') {
      const v = attr(attrs, 'date1904');
      date1904 = v === '1' || v === 'true';
    } else if (name === 'sheet') {
      sheets.push({ name: attr(attrs, 'name') ?? '', state: attr(attrs, 'state') ?? 'visible', rel: attr(attrs, 'id') ?? '' });
    }
  });
  return { sheets, date1904 };
}

/** For each cell format (the `s` of a cell, an index into cellXfs), whether it shows a date. */
export function dateStyles(xml: string): boolean[] {
  const codes = new Map<number, string>();
  const formats: number[] = [];
  let inCellXfs = false;
  const t = new XmlTokenizer({
    open(name, attrs) {
      if (name === 'numFmt') codes.set(Number(attr(attrs, 'numFmtId')), attr(attrs, 'formatCode') ?? '');
      else if (name === 'cellXfs') inCellXfs = true;
      else if (name === 'xf' && inCellXfs) formats.push(Number(attr(attrs, 'numFmtId') ?? 0));
    },
    close(name) {
      if (name === 'cellXfs') inCellXfs = false;
    },
    text: () => {},
    wantsText: false,
  });
  t.push(xml);
  t.end();
  return formats.map((id) => isDateFormat(id, codes.get(id)));
}

/**
 * The shared strings table, read as a stream: each `<si>` is one string, the text of its `<t>` elements
 * (its rich-text runs joined), without the phonetic guides (`<rPh>`) East Asian Excel adds.
 */
export class SharedStrings implements XmlHandler {
  readonly strings: string[] = [];
  private current = '';
  private inT = false;
  private phonetic = 0;
  private readonly tokenizer = new XmlTokenizer(this);

  get wantsText(): boolean {
    return this.inT && this.phonetic === 0;
  }

  push(chunk: string): void {
    this.tokenizer.push(chunk);
  }

  end(): string[] {
    this.tokenizer.end();
    return this.strings;
  }

  open(name: string, _attrs: string, empty: boolean): void {
    if (name === 'si') this.current = '';
    else if (name === 't') this.inT = !empty;
    else if (name === 'rPh') this.phonetic++;
  }

  close(name: string): void {
    if (name === 'si') this.strings.push(unescapeOoxml(this.current));
    else if (name === 't') this.inT = false;
    else if (name === 'rPh') this.phonetic--;
  }

  text(text: string): void {
    this.current += text;
  }
}
