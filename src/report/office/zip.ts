// Office files (.docx, .xlsx) are ZIP packages of XML parts. The libraries that write them stamp the clock
// into the ZIP entries (and docx into its core properties): repack() rewrites a package with a fixed time,
// a fixed order of entries and fixed compression, so the same input gives the same bytes on any machine, in
// any time zone. parts() reads a package back (for --check and the tests).
import { unzipSync, zipSync, type Zippable } from 'fflate';

/**
 * The entries' time. ZIP stores a local date and time without a zone, and fflate reads it from the Date in
 * local time: a Date made from local fields gives the same fields in every zone.
 */
export const FIXED_TIME = new Date(1980, 0, 1, 0, 0, 0);

/** The parts of a package by name; undefined when the bytes are not a ZIP. Directory entries are left out. */
export function parts(bytes: Uint8Array): Map<string, Uint8Array> | undefined {
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes);
  } catch {
    return undefined;
  }
  return new Map(Object.entries(files).filter(([name]) => !name.endsWith('/')));
}

/** Entry order: [Content_Types].xml first (some readers want it there), then the package's relationships, then by name. */
function rank(name: string): string {
  return name === '[Content_Types].xml' ? `0${name}` : name.startsWith('_rels/') ? `1${name}` : `2${name}`;
}

/**
 * The package again, byte-stable: entries sorted, each stamped FIXED_TIME, deflated at one level.
 * `edit` may rewrite a part (a date the library took from the clock); it returns the part unchanged otherwise.
 */
export function repack(bytes: Uint8Array, edit: (name: string, data: Uint8Array) => Uint8Array = (_n, d) => d): Uint8Array {
  const found = parts(bytes);
  if (!found) throw new Error('repack: the library wrote no ZIP');
  const names = [...found.keys()].sort((a, b) => (rank(a) < rank(b) ? -1 : rank(a) > rank(b) ? 1 : 0));
  const files: Zippable = {};
  for (const name of names) files[name] = [edit(name, found.get(name)!), { mtime: FIXED_TIME, level: 6 }];
  return zipSync(files, { mtime: FIXED_TIME, level: 6 });
}

const utf8 = new TextDecoder('utf-8');
const encoder = new TextEncoder();

/** A part as text. */
export const partText = (data: Uint8Array): string => utf8.decode(data);

/** Text as a part. */
export const textPart = (text: string): Uint8Array => encoder.encode(text);
