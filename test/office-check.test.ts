// --check with a Word or Excel file: the same parts pass (whatever ZIP holds them), a changed file fails with a
// diff of the text the two files say, or the parts that differ when the text is the same; a file that is no
// such package says so.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { zipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { partText, parts, repack, textPart } from '../src/report/office/zip.js';
import { runCli } from './in-process.js';
import { ROOT } from './support.js';
import { scratch } from './temp.js';

const DATA = path.join(ROOT, 'fixtures', 'dang-bo-xa-2019');

describe.each(['docx', 'xlsx'] as const)('--check --format %s', (format) => {
  let file: string;
  let bytes: Buffer;
  const check = (target: string) => runCli(['report', '--year', '2019', DATA, '--format', format, '--check', target]);
  /** The file with one part rewritten. */
  const edited = (part: string, edit: (xml: string) => string) => {
    const out = path.join(scratch(), `edited.${format}`);
    writeFileSync(out, repack(bytes, (name, data) => (name === part ? textPart(edit(partText(data))) : data)));
    return out;
  };
  const main = format === 'docx' ? 'word/document.xml' : 'xl/sharedStrings.xml';
  const style = format === 'docx' ? 'word/styles.xml' : 'xl/styles.xml';

  beforeAll(async () => {
    file = path.join(scratch(), `report.${format}`);
    expect((await runCli(['report', '--year', '2019', DATA, '--format', format, '--out', file])).code).toBe(0);
    bytes = readFileSync(file);
  });

  it('passes on the file it wrote, and on the same parts zipped by another tool', async () => {
    const same = await check(file);
    expect(same.code).toBe(0);
    expect(same.stderr).toContain('đã khớp với dữ liệu');
    const other = path.join(scratch(), `other.${format}`);
    writeFileSync(other, zipSync(Object.fromEntries(parts(bytes)!), { level: 9 }));
    expect(readFileSync(other).equals(bytes)).toBe(false);
    expect((await check(other)).code).toBe(0);
  });

  it('fails with a diff of the text on a changed figure', async () => {
    const r = await check(edited(main, (x) => x.replace('Chi bộ thôn Phước Điền', 'Chi bộ thôn Phước Điền Mới')));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^--- .*edited\.(docx|xlsx)\t?$/m);
    expect(r.stderr).toMatch(/^-.*Chi bộ thôn Phước Điền Mới/m);
    expect(r.stderr).toMatch(/^\+.*Chi bộ thôn Phước Điền(?! Mới)/m);
  });

  it('fails naming the parts when only the layout changed', async () => {
    const r = await check(edited(style, (x) => x.replace('Times New Roman', 'Arial').replace('<fonts', '<fonts ')));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`nội dung chữ giống nhau nhưng khác ở định dạng hoặc cấu trúc, trong các phần: ${style}`);
  });

  it('says when the file is not a package at all', async () => {
    const text = path.join(scratch(), 'notes.txt');
    writeFileSync(text, 'not a zip');
    const r = await check(text);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`không phải tệp ${format}`);
  });
});
