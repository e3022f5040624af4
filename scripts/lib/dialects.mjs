// The bench's data set (scripts/bench.mjs) written again as the files users really make: every field quoted
// (header too), Excel's "Unicode Text" (UTF-16 LE with BOM, tab, CRLF), and the plain files with one member id
// written twice. The same rows, so every variant's report must be byte for byte the plain one's (but the
// duplicate's, which is a problem). Streamed a megabyte at a time; deterministic.
import { copyFileSync, createReadStream, createWriteStream, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const VERSION = 1;

/** How each variant writes a line of the plain file (without its line end), and its bytes. */
export const DIALECTS = {
  quoted: { label: 'every field quoted, header too', line: (l) => `"${l.split(',').join('","')}"\n`, encoding: 'utf8' },
  utf16: { label: 'UTF-16 LE, tab, CRLF (Excel "Unicode Text")', line: (l) => `${l.split(',').join('\t')}\r\n`, encoding: 'utf16le', bom: Buffer.from([0xff, 0xfe]) },
};

/** The physical line of members.csv made a duplicate, and the earlier line whose id it takes. */
export function duplicateLines(members) {
  return { line: Math.max(3, Math.floor(members * 0.8)), first: Math.max(2, Math.floor(members * 0.01)) };
}

/** Streams `from` to `to` line by line through `line`. */
async function rewrite(from, to, line, encoding, bom) {
  const out = createWriteStream(to);
  if (bom) out.write(bom);
  let rest = '';
  let buf = '';
  const flush = async (final) => {
    if (buf.length > 1 << 20 || final) {
      if (!out.write(Buffer.from(buf, encoding))) await new Promise((r) => out.once('drain', r));
      buf = '';
    }
  };
  for await (const chunk of createReadStream(from, { encoding: 'utf8', highWaterMark: 1 << 20 })) {
    const lines = (rest + chunk).split('\n');
    rest = lines.pop();
    for (const l of lines) buf += line(l);
    await flush(false);
  }
  if (rest) buf += line(rest);
  await flush(true);
  await new Promise((r) => out.end(r));
}

/** Writes the variant `kind` ('quoted', 'utf16' or 'duplicate') of the data set in `src` into `dir` (kept when up to date). */
export async function writeDialect(src, dir, kind) {
  const stamp = path.join(dir, 'STAMP');
  const want = JSON.stringify({ VERSION, kind, src: readFileSync(path.join(src, 'STAMP'), 'utf8') });
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === want) return;
  mkdirSync(dir, { recursive: true });
  copyFileSync(path.join(src, 'report.json'), path.join(dir, 'report.json'));
  if (kind === 'duplicate') {
    copyFileSync(path.join(src, 'organizations.csv'), path.join(dir, 'organizations.csv'));
    const members = readFileSync(path.join(src, 'STAMP'), 'utf8').match(/"members":(\d+)/)[1];
    const { line, first } = duplicateLines(Number(members));
    let n = 0;
    let firstId;
    await rewrite(path.join(src, 'members.csv'), path.join(dir, 'members.csv'), (l) => {
      n++;
      if (n === first) firstId = l.slice(0, l.indexOf(','));
      return `${n === line ? firstId + l.slice(l.indexOf(',')) : l}\n`;
    }, 'utf8');
  } else {
    const d = DIALECTS[kind];
    for (const file of ['organizations.csv', 'members.csv']) await rewrite(path.join(src, file), path.join(dir, file), d.line, d.encoding, d.bom);
  }
  writeFileSync(stamp, want);
}
