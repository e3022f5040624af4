// A top-level object → JSON text in chunks, byte for byte what `JSON.stringify(value, null, 2) + '\n'` gives,
// without ever holding the whole text: the long lists (a national report's 60 000 units and their
// warnings) are given as iterables and serialized element by element. Pure: the writer drains the chunks.

/** A value to stream: a list given lazily is written one element at a time. */
export class Lazy<T> {
  constructor(readonly items: Iterable<T>) {}
}

/** Chunks of about this many characters (the write stage's unit of work). */
const CHUNK = 1 << 16;

/** `JSON.stringify(value, null, 2)` of a value nested `depth` levels deep: its lines indented to match. */
function nested(value: unknown, depth: number): string {
  const text = JSON.stringify(value, null, 2);
  return depth === 0 || !text.includes('\n') ? text : text.replaceAll('\n', `\n${'  '.repeat(depth)}`);
}

/** The object's JSON (two-space indent, final newline), in chunks; `Lazy` values become arrays. */
export function* jsonChunks(obj: Record<string, unknown>): Generator<string> {
  let out = '{';
  let first = true;
  for (const [key, value] of Object.entries(obj)) {
    if (value === undefined) continue; // as JSON.stringify leaves out undefined members
    out += `${first ? '' : ','}\n  ${JSON.stringify(key)}: `;
    first = false;
    if (!(value instanceof Lazy)) {
      out += nested(value, 1);
      continue;
    }
    let any = false;
    for (const item of value.items as Iterable<unknown>) {
      out += `${any ? ',' : '['}\n    ${nested(item === undefined ? null : item, 2)}`;
      any = true;
      if (out.length >= CHUNK) {
        yield out;
        out = '';
      }
    }
    out += any ? '\n  ]' : '[]';
  }
  yield `${out}${first ? '}' : '\n}'}\n`;
}
