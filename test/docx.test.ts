// --format docx read back: the Word document unzipped and its word/document.xml read (src/report/office/
// content.ts), then held to the text report (every paragraph of its body, so every figure), to the format of a
// party committee's báo cáo (the header block, the title, the signature, "Nơi nhận") and to the measures that
// matter (Times New Roman 14, A4, the margins, page numbers); the tables; the same bytes twice, in another
// process and another time zone; where LibreOffice is installed, the document converted to PDF.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { documentText } from '../src/report/office/content.js';
import { partText, parts } from '../src/report/office/zip.js';
import { runCli } from './in-process.js';
import { assess, ROOT } from './support.js';
import { scratch } from './temp.js';

interface Made {
  bytes: Buffer;
  xml: Map<string, string>;
  text: string;
  report: string;
}

/** The docx of a fixture, and its text report. */
async function make(fixture: string, year: number, dir = path.join(ROOT, 'fixtures', fixture)): Promise<Made> {
  const out = path.join(scratch(), `${fixture}.docx`);
  const r = await runCli(['report', '--year', String(year), dir, '--format', 'docx', '--out', out]);
  expect(r.stderr).not.toMatch(/lỗi/);
  expect(r.code).toBe(0);
  const bytes = readFileSync(out);
  const files = parts(bytes)!;
  const xml = new Map([...files].filter(([n]) => n.endsWith('.xml')).map(([n, d]) => [n, partText(d)]));
  const golden = path.join(ROOT, 'test', 'golden', `${fixture}.txt`); // the text report, reviewed
  return { bytes, xml, text: documentText(xml.get('word/document.xml')!), report: existsSync(golden) ? readFileSync(golden, 'utf8') : '' };
}

const FIXTURES = [
  ['bac-binh-2017', 2017],
  ['ham-my-2019', 2019],
  ['dang-bo-xa-2019', 2019],
] as const;

const made = new Map<string, Made>();
beforeAll(async () => {
  for (const [f, y] of FIXTURES) made.set(f, await make(f, y));
});

describe('the Word report says what the text report says', () => {
  it.each(FIXTURES)('%s: every paragraph of the text report body is a paragraph of the document', (fixture) => {
    const m = made.get(fixture)!;
    const lines = m.text.split('\n');
    // The text report's lines: the banner, the headline and the date are the document's header; the byline is not printed.
    const body = m.report.split('\n').filter((l) => l.trim() !== '').slice(3, -1);
    for (const p of body) expect(lines, p).toContain(p);
  });

  it.each(FIXTURES)('%s: every figure of the figures table is in a table row', (fixture) => {
    const m = made.get(fixture)!;
    expect(m.text).toMatch(/^Xếp loại \| Số đảng viên \| Tỷ lệ/m);
    expect(m.text).toMatch(/^Tổng số \| [\d.]+ \|/m);
  });
});

describe('the tables', () => {
  it('Bắc Bình: base organizations by rating and by kind, cells, members, weak units, the appendix', () => {
    const t = made.get('bac-binh-2017')!.text;
    expect(t).toContain('Xếp loại | Số tổ chức | Tỷ lệ | Đảng bộ cơ sở | Chi bộ cơ sở');
    expect(t).toContain('Trong sạch vững mạnh | 11 | 25,58% | 5 | 6');
    expect(t).toContain('Yếu kém | 3 | 6,98% | 1 | 2');
    expect(t).toContain('Tổng số | 43 |  | 27 | 16');
    expect(t).toContain('Trong sạch vững mạnh | 73 | 31,6%');
    expect(t).toContain('Hoàn thành xuất sắc nhiệm vụ | 135 | 5,22% | 4,65%');
    expect(t).toContain('Không xếp loại | 313 |  | 10,78%');
    expect(t).toContain('Hoàn thành tốt nhiệm vụ trở lên | 1.919 | 74,26% | 66,08%');
    expect(t).toContain('1 | Đảng bộ xã Bình Tân | Đảng bộ cơ sở | Đảng bộ huyện Bắc Bình | Yếu kém');
    expect(t).toContain('Chi bộ thôn Tân Thành | Chi bộ trực thuộc | Đảng bộ xã Bình Tân | Yếu kém');
    // The appendix: two heading rows, then one row per base organization (43).
    expect(t).toContain('STT | Tổ chức | Loại | Xếp loại | Chi bộ trực thuộc | Đảng viên');
    expect(t).toContain(' |  |  |  | Tổng số | TSVM | HTTNV | HTNV | Yếu kém | Tổng số | HTXSNV | HTTNV | HTNV | HTNV có hạn chế | KHTNV | Không xếp loại | Chưa xếp loại\n');
    expect(t).toMatch(/^43 \| .+ \| (Đảng bộ cơ sở|Chi bộ cơ sở) \| /m);
  });

  it('Hàm Mỹ: the comparison with 2018 in the words of the md table, and the note on the base of the shares', () => {
    const t = made.get('ham-my-2019')!.text;
    expect(t).toContain('Hoàn thành xuất sắc nhiệm vụ | 7 | 20% | tăng 2, tăng 5,71 điểm % | 19,44% | 4 | 3');
    expect(t).toContain('Hoàn thành xuất sắc nhiệm vụ | 30 | 16,85% | từ 26 (14,36%) lên 30 (16,85%) | 16,67%');
    expect(t).toContain('Ghi chú: năm 2019 còn 2 chi bộ chưa xếp loại nên số liệu năm 2019 chưa phải là kết quả cuối cùng; tỷ lệ tính trên số chi bộ đã được xếp loại: năm 2018 là 181, năm 2019 là 178.');
  });

  it('a single base committee: no table of itself, its cells in the appendix', () => {
    const t = made.get('dang-bo-xa-2019')!.text;
    expect(t).toContain('Về xếp loại tổ chức đảng: Đảng bộ xã Tân Phước được xếp loại hoàn thành tốt nhiệm vụ.');
    expect(t).not.toContain('Số tổ chức');
    expect(t).toContain('Kết quả xếp loại từng chi bộ trực thuộc năm 2019');
    expect(t).toMatch(/^14 \| Chi bộ .+ \| Đảng bộ xã Tân Phước \| /m);
  });
});

describe('the format of a party committee’s báo cáo', () => {
  it('Bắc Bình without the new fields: the header derived from unit and publisher, blanks to fill in', () => {
    const lines = made.get('bac-binh-2017')!.text.split('\n');
    expect(lines.slice(0, 3)).toEqual(['ĐẢNG BỘ TỈNH …………… / HUYỆN ỦY BẮC BÌNH / * / Số       -BC/HU | ĐẢNG CỘNG SẢN VIỆT NAM / Bắc Bình, ngày 06 tháng 02 năm 2018', 'BÁO CÁO', 'Kết quả kiểm điểm, đánh giá, xếp loại chất lượng tổ chức đảng và đảng viên năm 2017']);
    expect(lines).toContain('Nơi nhận: / - ……………, / - ……………, / - Lưu. | T/M BAN THƯỜNG VỤ / …………… / ……………');
    expect(lines).toContain('I. CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO');
    expect(lines).toContain('II. KẾT QUẢ KIỂM ĐIỂM, ĐÁNH GIÁ, XẾP LOẠI');
    expect(lines).toContain('III. HẠN CHẾ');
    expect(lines).toContain('IV. NHIỆM VỤ THỜI GIAN TỚI');
    expect(lines).not.toContain('Như Cấm'); // a byline is the news article's, not the báo cáo's
  });

  it('a commune before 2025 is under the district; its own header from its publisher', () => {
    expect(made.get('dang-bo-xa-2019')!.text.split('\n')[0]).toBe('ĐẢNG BỘ HUYỆN …………… / ĐẢNG ỦY XÃ TÂN PHƯỚC / * / Số       -BC/ĐU | ĐẢNG CỘNG SẢN VIỆT NAM / Tân Phước, ngày 10 tháng 01 năm 2020');
  });

  it('with report.json’s documentNumber, place, superior, signer and recipients', async () => {
    const dir = scratch();
    cpSync(path.join(ROOT, 'fixtures', 'bac-binh-2017'), dir, { recursive: true });
    const meta = JSON.parse(readFileSync(path.join(dir, 'report.json'), 'utf8'));
    Object.assign(meta, {
      documentNumber: '45-BC/HU',
      place: 'Chợ Lầu',
      superior: 'Đảng bộ tỉnh Bình Thuận',
      signer: { onBehalfOf: 'Ban Thường vụ', title: 'Phó Bí thư', name: 'Nguyễn Văn A' },
      recipients: ['Ban Tổ chức Tỉnh ủy', 'Các đồng chí Ủy viên Ban Thường vụ Huyện ủy', 'Các tổ chức cơ sở đảng'],
    });
    writeFileSync(path.join(dir, 'report.json'), JSON.stringify(meta));
    const lines = (await make('bac-binh-2017', 2017, dir)).text.split('\n');
    expect(lines[0]).toBe('ĐẢNG BỘ TỈNH BÌNH THUẬN / HUYỆN ỦY BẮC BÌNH / * / Số 45-BC/HU | ĐẢNG CỘNG SẢN VIỆT NAM / Chợ Lầu, ngày 06 tháng 02 năm 2018');
    expect(lines).toContain('Nơi nhận: / - Ban Tổ chức Tỉnh ủy, / - Các đồng chí Ủy viên Ban Thường vụ Huyện ủy, / - Các tổ chức cơ sở đảng, / - Lưu. | T/M BAN THƯỜNG VỤ / PHÓ BÍ THƯ / Nguyễn Văn A');
    expect(lines).toContain('(Kèm theo Báo cáo số 45-BC/HU ngày 06/02/2018 của Huyện ủy Bắc Bình)');
  });

  it('Times New Roman 14, A4, margins 2 / 2 / 3 / 2 cm, page numbers from the second page', () => {
    const { xml } = made.get('bac-binh-2017')!;
    const defaults = /<w:docDefaults>[\s\S]*?<\/w:docDefaults>/.exec(xml.get('word/styles.xml')!)?.[0];
    expect(defaults).toMatch(/<w:rFonts w:ascii="Times New Roman"[^>]*w:hAnsi="Times New Roman"/);
    expect(defaults).toMatch(/<w:sz w:val="28"\/>/);
    const doc = xml.get('word/document.xml')!;
    const sections = [...doc.matchAll(/<w:sectPr\b[\s\S]*?<\/w:sectPr>/g)].map((m) => m[0]);
    expect(sections).toHaveLength(2);
    expect(sections[0]).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    expect(sections[1]).toMatch(/<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/); // the appendix
    for (const s of sections) expect(s).toMatch(/<w:pgMar w:top="1134" w:right="1134" w:bottom="1134" w:left="1701"/);
    expect(sections[0]).toContain('<w:titlePg/>');
    const header = [...xml].find(([n, x]) => /^word\/header\d+\.xml$/.test(n) && x.includes('PAGE'));
    expect(header?.[1]).toMatch(/<w:jc w:val="center"\/>/);
    // The body justified with its first line indented; the header's bold and italic where the format wants them.
    const has = (re: RegExp) => re.test(doc); // (a boolean: a failure need not print the whole document)
    expect(has(/<w:ind w:firstLine="567"\/><w:jc w:val="both"\/>/)).toBe(true);
    expect(has(/<w:b\/><w:bCs\/><\/w:rPr><w:t xml:space="preserve">HUYỆN ỦY BẮC BÌNH<\/w:t>/)).toBe(true);
    expect(has(/<w:i\/><w:iCs\/><\/w:rPr><w:t xml:space="preserve">Bắc Bình, ngày 06 tháng 02 năm 2018</)).toBe(true);
    expect(has(/<w:b\/><w:bCs\/><w:sz w:val="30"\/><w:szCs w:val="30"\/><w:u w:val="single"\/><\/w:rPr><w:t xml:space="preserve">ĐẢNG CỘNG SẢN VIỆT NAM</)).toBe(true);
  });
});

describe('a list too long for a báo cáo', () => {
  it('says where the appendix is instead of printing 501 rows', async () => {
    const ids = Array.from({ length: 501 }, (_, i) => `CB${i}`);
    const dir = scratch();
    writeFileSync(path.join(dir, 'organizations.csv'), `id,name,kind,year,rating\n${ids.map((id) => `${id},Chi bộ ${id},chi_bo_co_so,2025,HTTNV`).join('\n')}\n`);
    writeFileSync(path.join(dir, 'members.csv'), `id,org_id,year,rating\n${ids.map((id, i) => `DV${i},${id},2025,HTTNV`).join('\n')}\n`);
    const text = (await make('long', 2025, dir)).text;
    expect(text).toContain('Kết quả xếp loại của từng tổ chức cơ sở đảng (501 tổ chức cơ sở đảng) quá dài để in kèm báo cáo: xem bảng tính số liệu (assess report --format xlsx), trang "Tổ chức cơ sở đảng".');
    expect(text).not.toContain('PHỤ LỤC');
  });
});

describe('byte-stable', () => {
  it('the same input gives the same bytes, in another process and another time zone', async () => {
    const again = path.join(scratch(), 'again.docx');
    await runCli(['report', '--year', '2019', 'fixtures/ham-my-2019', '--format', 'docx', '--out', again]);
    expect(readFileSync(again).equals(made.get('ham-my-2019')!.bytes)).toBe(true);
    const out = path.join(scratch(), 'tz.docx');
    const r = assess(['report', '--year', '2019', 'fixtures/ham-my-2019', '--format', 'docx', '--out', out], { env: { TZ: 'Pacific/Kiritimati' } });
    expect(r.code).toBe(0);
    expect(readFileSync(out).equals(made.get('ham-my-2019')!.bytes)).toBe(true);
  });

  it('no date from the clock: the core properties carry the report’s date, or none', () => {
    expect(made.get('ham-my-2019')!.xml.get('docProps/core.xml')).toContain('<dcterms:created xsi:type="dcterms:W3CDTF">2020-01-15T00:00:00Z</dcterms:created>');
  });
});

/**
 * LibreOffice's command, with ASSESS_TEST_OFFICE=1 and the program installed (Debian: libreoffice-writer-nogui);
 * the test is skipped otherwise: a conversion with a fresh profile costs some 8 s of CPU, an eighth of the suite on
 * two cores.
 */
const soffice = process.env.ASSESS_TEST_OFFICE === '1' ? ['soffice', 'libreoffice'].find((c) => spawnSync(c, ['--version'], { encoding: 'utf8' }).status === 0) : undefined;

describe.skipIf(!soffice)('opened by LibreOffice', () => {
  it('a single base committee’s report converts to PDF: 2 pages of báo cáo, 2 of appendix', () => {
    const dir = scratch();
    const docx = path.join(dir, 'xa.docx');
    writeFileSync(docx, made.get('dang-bo-xa-2019')!.bytes);
    const r = spawnSync(soffice!, ['--headless', `-env:UserInstallation=file://${dir}/profile`, '--convert-to', 'pdf', '--outdir', dir, docx], { encoding: 'utf8', timeout: 60_000 });
    expect(r.status, r.stderr).toBe(0);
    expect(readdirSync(dir)).toContain('xa.pdf');
    const pdf = readFileSync(path.join(dir, 'xa.pdf')).toString('latin1');
    expect(pdf.match(/\/Type\s*\/Page[^s]/g)).toHaveLength(4);
  });
});
