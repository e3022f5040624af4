// A top-level object → JSON text in chunks, byte for byte what `JSON.stringify(value, null, 2) + '\n'` gives,
// without ever holding the whole text: the long lists (a national report's 60 000 units and their
// warnings) are given as iterables (./json-report.ts) and serialized a few hundred elements at a time. Pure:
// the writer (src/io/write-output.ts) drains the chunks.

/** A value to stream: a list given lazily is written one element at a time. */
export class Lazy<T> {
  constructor(readonly items: Iterable<T>) {}
}

/** Chunks of about this many characters (the write stage's unit of work), plus at most one batch. */
const CHUNK = 1 << 16;

/** `JSON.stringify(value, null, 2)` of a top-level member's value: its lines indented to match. */
function member(value: unknown): string {
  return JSON.stringify(value, null, 2).replaceAll('\n', '\n  ');
}

/** Elements serialized together: one JSON.stringify call for many, instead of one each. */
const BATCH = 256;
const WRAP_HEAD = '{\n  "_": [\n'.length;
const WRAP_TAIL = '\n  ]\n}'.length;

/**
 * The elements as they stand in a list that is a top-level member: each indented by four spaces, joined
 * by ",\n". JSON.stringify of the list inside a wrapper object indents them exactly so; the wrapper is cut off.
 */
function items(list: unknown[]): string {
  const text = JSON.stringify({ _: list }, null, 2);
  return text.slice(WRAP_HEAD, text.length - WRAP_TAIL);
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
      out += member(value);
      continue;
    }
    let any = false;
    let batch: unknown[] = [];
    const flush = () => {
      out += `${any ? ',' : '['}\n${items(batch)}`;
      any = true;
      batch = [];
    };
    for (const item of value.items as Iterable<unknown>) {
      batch.push(item);
      if (batch.length === BATCH) flush();
      if (out.length >= CHUNK) {
        yield out;
        out = '';
      }
    }
    if (batch.length > 0) flush();
    out += any ? '\n  ]' : '[]';
  }
  yield `${out}${first ? '}' : '\n}'}\n`;
}
