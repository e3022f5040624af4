// detect(): what a file's first bytes are. Every sample is built here from known text and the three
// legacy Vietnamese tables (written out independently of src/detect.ts: Unicode and TCVN3 side by side,
// VNI as base letter + accent suffixes), so a wrong table byte in either place shows up as a failure.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { completeUtf8Length, detect, HEAD_BYTES, type Detection } from '../src/read/detect.js';
import { decodeAs, decodeLegacy, guessLegacy, isVietnameseSyllable, scoreLegacy } from '../src/read/legacy.js';

import { bytes, cp1258, TCVN3_UNICODE, tcvn3, utf8, vni, VNI_CHARS } from './encoders.js';

const HEADER = 'STT,Mã đảng viên,Họ và tên,Ngày sinh,Chi bộ,Xếp loại';
const NAMES = ['Nguyễn Văn Đức', 'Trần Thị Hồng', 'Lê Quốc Tuấn', 'Phạm Thị Thu Hương', 'Đặng Hữu Nghĩa', 'Hoàng Ngọc Yến'];
const ORGS = ['Chi bộ Khu phố 1', 'Chi bộ Ấp Tân Hòa', 'Chi bộ Trường THCS Lê Lợi', 'Đảng bộ Phường Bến Nghé', 'Chi bộ Thôn Đông'];
const RATINGS = ['Hoàn thành xuất sắc nhiệm vụ', 'Hoàn thành tốt nhiệm vụ', 'Hoàn thành nhiệm vụ', 'Không hoàn thành nhiệm vụ'];
const MEMBERS = [
  HEADER,
  ...NAMES.map((name, i) => `${i + 1},DV${1000 + i},${name},0${(i % 9) + 1}/05/198${i},${ORGS[i % ORGS.length]},${RATINGS[i % RATINGS.length]}`),
].join('\r\n');
/** The one line the brief names, and the smallest file: a header and one member. */
const ONE_LINE = `${HEADER}\r\n1,DV1,Nguyễn Văn Đức,01/02/1980,Chi bộ Khu phố 1,Hoàn thành tốt nhiệm vụ`;

const refusedAs = (d: Detection) => (d.kind === 'refused' ? d.what : d.kind);

// ---------------------------------------------------------------------------------------------------

describe('the encoders the tests build samples with', () => {
  it('agree with bytes published elsewhere', () => {
    // TCVN3 place names as converters show them; the VNI example of the vietnamese-conversion package.
    expect(tcvn3('Bảo Thắng')).toEqual(bytes('B', [0xb6], 'o Th', [0xbe], 'ng'));
    expect(tcvn3('Ninh Bình')).toEqual(bytes('Ninh B', [0xd7], 'nh'));
    expect(tcvn3('Mường Khương')).toEqual(bytes('M', [0xad, 0xea], 'ng Kh', [0xad, 0xac], 'ng'));
    expect(vni('Xin chào các bạn')).toEqual(bytes('Xin cha', [0xf8], 'o ca', [0xf9], 'c ba', [0xef], 'n'));
    expect(cp1258('Nguyễn')).toEqual(bytes('Nguy', [0xea, 0xde], 'n'));
  });

  it('hand-encoded names match', () => {
    expect(tcvn3('Nguyễn Văn Đức')).toEqual(bytes('Nguy', [0xd4], 'n V', [0xa8], 'n ', [0xa7, 0xf8], 'c'));
    expect(tcvn3('Trần Thị Hồng')).toEqual(bytes('Tr', [0xc7], 'n Th', [0xde], ' H', [0xe5], 'ng'));
    expect(tcvn3('Xếp loại')).toEqual(bytes('X', [0xd5], 'p lo', [0xb9], 'i'));
    expect(vni('Nguyễn Văn Đức')).toEqual(bytes('Nguye', [0xe3], 'n Va', [0xea], 'n ', [0xd1, 0xf6, 0xf9], 'c'));
    expect(vni('Trần Thị Hồng')).toEqual(bytes('Tra', [0xe0], 'n Th', [0xf2], ' Ho', [0xe0], 'ng'));
    expect(vni('Hoàn thành tốt nhiệm vụ')).toEqual(
      bytes('Hoa', [0xf8], 'n tha', [0xf8], 'nh to', [0xe1], 't nhie', [0xe4], 'm vu', [0xef]),
    );
    expect(cp1258('Trần Thị Hồng')).toEqual(bytes('Tr', [0xe2, 0xcc], 'n Thi', [0xf2], ' H', [0xf4, 0xcc], 'ng'));
    expect(cp1258('Đức')).toEqual(bytes([0xd0, 0xfd, 0xec], 'c'));
  });
});

describe('detect: signatures', () => {
  const zipEntry = (name: string, content = '') =>
    bytes('PK', [3, 4, 20, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, name.length, 0, 0, 0], name, content);
  const cases: Array<[string, Uint8Array, string]> = [
    ['UTF-8 BOM', bytes([0xef, 0xbb, 0xbf], utf8(HEADER)), 'text'],
    ['.xlsx', bytes(zipEntry('[Content_Types].xml', '\x8d\x52'), zipEntry('_rels/.rels'), zipEntry('xl/workbook.xml')), 'xlsx'],
    ['.xlsx whose first entry is a part', zipEntry('xl/worksheets/sheet1.xml', '\x01\x02'), 'xlsx'],
    ['.ods', bytes(zipEntry('mimetype', 'application/vnd.oasis.opendocument.spreadsheet'), zipEntry('content.xml')), 'ods'],
    ['.docx', bytes(zipEntry('[Content_Types].xml'), zipEntry('word/document.xml')), 'zip'],
    ['.zip', zipEntry('members.csv', 'STT,'), 'zip'],
    ['empty .zip', bytes('PK', [5, 6], new Uint8Array(18)), 'zip'],
    ['.xls', bytes([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], new Uint8Array(24)), 'xls'],
    ['.pdf', bytes('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj'), 'pdf'],
    ['.png', bytes([0x89], 'PNG\r\n\x1a\n', [0, 0, 0, 13], 'IHDR', [0, 0, 1, 0, 0, 0, 1, 0, 8, 6, 0, 0, 0]), 'binary'],
    ['a JPEG', bytes([0xff, 0xd8, 0xff, 0xe0, 0, 0x10], 'JFIF', [0, 1, 1, 0, 0, 1]), 'binary'],
    ['control bytes, no NUL', bytes('abc', [1, 2, 3, 4, 5, 6], 'defgh'), 'binary'],
    ['a few control bytes in text', bytes(utf8(MEMBERS), [0x1a]), 'text'],
  ];
  it.each(cases)('%s', (_, head, expected) => {
    expect(refusedAs(detect(head, true))).toBe(expected);
  });

  it('BOMs say the encoding and how many bytes to skip', () => {
    expect(detect(bytes([0xef, 0xbb, 0xbf], 'a,b'), true)).toEqual({ kind: 'text', encoding: 'utf-8', bom: 3 });
    expect(detect(bytes([0xff, 0xfe], 'a\0,\0b\0'), true)).toEqual({ kind: 'text', encoding: 'utf-16le', bom: 2 });
    expect(detect(bytes([0xfe, 0xff], '\0a\0,\0b'), true)).toEqual({ kind: 'text', encoding: 'utf-16be', bom: 2 });
  });

  it('a byte-order mark before NULs or control characters is binary', () => {
    expect(refusedAs(detect(bytes([0xef, 0xbb, 0xbf], 'a,b', [0, 0], 'c'), true))).toBe('binary');
    expect(refusedAs(detect(bytes([0xff, 0xfe], 'a\0,\0', [0, 0], 'b\0'), true))).toBe('binary');
    expect(refusedAs(detect(bytes([0xfe, 0xff], [0, 0], '\0a'), true))).toBe('binary');
    expect(refusedAs(detect(bytes([0xff, 0xfe], [1, 0, 2, 0, 3, 0], 'a\0'), true))).toBe('binary');
    // The seed that found it: a UTF-16 BE mark and nothing but NULs.
    expect(refusedAs(detect(bytes([0xfe, 0xff], new Uint8Array(64)), true))).toBe('binary');
  });

  it('random bytes with NULs are binary, with or without a byte-order mark', () => {
    const marks = fc.constantFrom<number[]>([], [0xef, 0xbb, 0xbf], [0xff, 0xfe], [0xfe, 0xff]);
    fc.assert(
      fc.property(marks, fc.uint8Array({ minLength: 64, maxLength: 4096 }), (mark, body) => {
        const head = bytes(mark, body);
        // Two NULs at an even offset: a NUL character in UTF-16 too.
        const at = (head.length >> 2) << 1;
        head[at] = 0;
        head[at + 1] = 0;
        expect(refusedAs(detect(head, true))).toBe('binary');
      }),
    );
  });

  it('an empty file is refused, an empty head of a longer file is not', () => {
    expect(refusedAs(detect(new Uint8Array(0), true))).toBe('empty');
    expect(detect(new Uint8Array(0), false).kind).toBe('text');
  });

  it('UTF-16 without a BOM is refused, both byte orders', () => {
    const le = new Uint8Array(Buffer.from(MEMBERS, 'utf16le'));
    const be = new Uint8Array(le.length);
    for (let i = 0; i + 1 < le.length; i += 2) [be[i], be[i + 1]] = [le[i + 1]!, le[i]!];
    expect(refusedAs(detect(le, true))).toBe('utf-16-no-bom');
    expect(refusedAs(detect(be, true))).toBe('utf-16-no-bom');
    expect(refusedAs(detect(le.subarray(0, 999), false))).toBe('utf-16-no-bom');
  });
});

describe('detect: UTF-8', () => {
  it.each([
    ['ASCII CSV', 'STT,Ma,Ho va ten,Xep loai\r\n1,DV1,Nguyen Van Duc,HTTNV\r\n'],
    ['Vietnamese, NFC', MEMBERS],
    ['Vietnamese, NFD', MEMBERS.normalize('NFD')],
    ['one line', ONE_LINE],
  ])('%s is text', (_, text) => {
    expect(detect(utf8(text), true)).toEqual({ kind: 'text', encoding: 'utf-8', bom: 0 });
  });

  it('a head cut inside a character is text when the file goes on, and not complete when it ends there', () => {
    const all = utf8(MEMBERS);
    for (let cut = 1; cut < 400; cut++) {
      const head = all.subarray(0, cut);
      expect(detect(head, false).kind).toBe('text');
    }
    const cutInside = utf8('Nguyễn').subarray(0, 6); // N g u y + 2 of the 3 bytes of ễ
    expect(completeUtf8Length(cutInside)).toBe(4);
    expect(completeUtf8Length(utf8('Nguyễn'))).toBe(8);
  });

  it('only the first HEAD_BYTES are looked at, and a longer buffer is never the whole file', () => {
    const text = utf8(MEMBERS);
    const head = new Uint8Array(HEAD_BYTES + 1000);
    for (let at = 0; at < HEAD_BYTES; at += text.length) head.set(text.subarray(0, Math.min(text.length, HEAD_BYTES - at)), at);
    // What lies past the head (here NULs) is the per-line check's business, not detection's.
    expect(detect(head, true)).toEqual({ kind: 'text', encoding: 'utf-8', bom: 0 });
    // The head ends inside a character: fine, since the buffer goes on past it.
    const cut = new Uint8Array(HEAD_BYTES + 10).fill(0x41);
    cut.set(utf8('ễ'), HEAD_BYTES - 1);
    expect(detect(cut, true)).toEqual({ kind: 'text', encoding: 'utf-8', bom: 0 });
    expect(detect(new Uint8Array(HEAD_BYTES + 10), true)).toMatchObject({ kind: 'refused', what: 'binary' });
  });

  it('UTF-8 with a few bad bytes stays UTF-8, for the per-line check to name the lines', () => {
    const damaged = bytes(utf8(MEMBERS), [0xff], utf8('\r\n7,DV7,L'), [0xea], utf8(',x'));
    expect(detect(damaged, true)).toEqual({ kind: 'text', encoding: 'utf-8', bom: 0 });
  });

  it('Windows-1252 (not Vietnamese) is left to the per-line check', () => {
    const latin1 = bytes('name,city\r\nJos\xe9 M\xfcller,K\xf6ln\r\nFran\xe7ois,Orl\xe9ans\r\n');
    expect(detect(latin1, true)).toEqual({ kind: 'text', encoding: 'utf-8', bom: 0 });
  });

  const letter = fc.constantFrom(...'aăâbcdđeêghiklmnoôơpqrstuưvxyAĂÂBCDĐEÊGHIKLMNOÔƠPQRSTUƯVXY');
  const tone = fc.constantFrom('', '', '\u0301', '\u0300', '\u0309', '\u0303', '\u0323');
  const char = fc.oneof(
    fc.tuple(letter, tone).map(([l, t]) => l + t),
    fc.constantFrom(...'0123456789,,; "\n\r'),
  );
  const vietnamese = fc.tuple(fc.array(char, { minLength: 1, maxLength: 400 }), fc.boolean()).map(([cs, nfc]) => cs.join('').normalize(nfc ? 'NFC' : 'NFD'));

  it('UTF-8 Vietnamese is never taken for a legacy encoding, whole or cut anywhere', () => {
    fc.assert(
      fc.property(vietnamese, fc.nat(), (text, at) => {
        const all = utf8(text);
        expect(detect(all, true)).toEqual({ kind: 'text', encoding: 'utf-8', bom: 0 });
        const head = all.subarray(0, all.length === 0 ? 0 : at % all.length);
        if (head.length > 0) expect(detect(head, false)).toEqual({ kind: 'text', encoding: 'utf-8', bom: 0 });
      }),
      { numRuns: 500 },
    );
  });
});

describe('detect: legacy Vietnamese encodings', () => {
  it.each([
    ['members.csv', MEMBERS],
    ['one line', ONE_LINE],
    ['capitals', 'HỌ VÀ TÊN,XẾP LOẠI\r\nNGUYỄN VĂN ĐỨC,HOÀN THÀNH TỐT NHIỆM VỤ\r\n'],
  ])('Windows-1258 %s is converted, and decodes back to the NFC text', (_, text) => {
    const file = cp1258(text);
    const d = detect(file, true);
    expect(d).toMatchObject({ kind: 'legacy', encoding: 'windows-1258', bom: 0 });
    expect(d.kind === 'legacy' && d.notice).toMatch(/Windows-1258.*CSV UTF-8/s);
    expect(decodeLegacy(file, 'windows-1258')).toBe(text.normalize('NFC'));
  });

  it.each([
    ['members.csv', MEMBERS],
    ['one line', ONE_LINE],
    ['names', 'Nguyễn Văn Đức,Trần Thị Hồng\r\nXếp loại,Hoàn thành tốt nhiệm vụ'],
  ])('TCVN3 and VNI %s are refused as such', (_, text) => {
    expect(refusedAs(detect(tcvn3(text), true))).toBe('tcvn3');
    expect(refusedAs(detect(vni(text), true))).toBe('vni');
  });

  it("the detector's tables agree with the tests' tables, letter by letter", () => {
    const cp = new TextDecoder('windows-1258');
    for (let b = 0x80; b <= 0xff; b++) expect(decodeAs(Uint8Array.of(b), 'windows-1258')).toBe(cp.decode(Uint8Array.of(b)).normalize('NFC'));
    const letters = [...new Set([...TCVN3_UNICODE, ...[...VNI_CHARS.keys()].flatMap((l) => [l, l.toUpperCase()])])];
    expect(letters.length).toBe(146); // 12 vowels × 6 tones + đ, and their capitals
    for (const letter of TCVN3_UNICODE) expect(decodeAs(tcvn3(letter), 'tcvn3')).toBe(letter);
    for (const letter of letters) {
      expect(decodeAs(vni(letter), 'vni')).toBe(letter);
      expect(decodeAs(cp1258(letter), 'windows-1258')).toBe(letter);
    }
  });

  it.each([
    ...['Nguyễn', 'Thủy', 'Thuỷ', 'Quyết', 'giường', 'khuỷu', 'ĐỨC', 'Đ', 'Hoàng'.normalize('NFD'), 'ước', 'oanh'].map((w) => [w, true] as const),
    ...['TrÇn', 'Nguyờịn', 'hoaøn', 'Ñöùc', 'V¨n', 'José', 'Trõèn', 'aă', 'tơìt', 'h\u0302a', 'caf\u00e9s'].map((w) => [w, false] as const),
  ])('isVietnameseSyllable(%j) is %s', (word, expected) => {
    expect(isVietnameseSyllable(word)).toBe(expected);
  });

  it('each encoding is the only one that reads its own words', () => {
    const s = (b: Uint8Array) => scoreLegacy(b);
    expect(s(cp1258(MEMBERS))).toMatchObject({ 'windows-1258': s(cp1258(MEMBERS)).words });
    expect(s(tcvn3(MEMBERS))).toMatchObject({ tcvn3: s(tcvn3(MEMBERS)).words });
    expect(s(vni(MEMBERS))).toMatchObject({ vni: s(vni(MEMBERS)).words });
  });

  it('too little evidence decides nothing', () => {
    expect(guessLegacy({ words: 1, 'windows-1258': 1, tcvn3: 0, vni: 0 })).toBeUndefined();
    expect(guessLegacy({ words: 10, 'windows-1258': 5, tcvn3: 0, vni: 0 })).toBeUndefined();
    expect(guessLegacy({ words: 10, 'windows-1258': 9, tcvn3: 7, vni: 0 })).toBeUndefined();
    expect(guessLegacy({ words: 10, 'windows-1258': 9, tcvn3: 5, vni: 2 })).toBe('windows-1258');
  });

  const SURNAMES = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương', 'Lý'];
  const MIDDLE = ['Văn', 'Thị', 'Hữu', 'Đức', 'Minh', 'Ngọc', 'Thanh', 'Quốc', 'Xuân', 'Thu', 'Công', 'Đình'];
  const GIVEN = ['Anh', 'Bình', 'Cường', 'Dũng', 'Đức', 'Giang', 'Hà', 'Hải', 'Hạnh', 'Hiếu', 'Hồng', 'Hùng', 'Hương', 'Huyền', 'Khánh', 'Lan', 'Linh', 'Long', 'Mai', 'Nam', 'Nga', 'Nhung', 'Phương', 'Quân', 'Quang', 'Sơn', 'Tâm', 'Thảo', 'Thủy', 'Trang', 'Trung', 'Tuấn', 'Tùng', 'Việt', 'Yến', 'Nghĩa', 'Khuê', 'Quyết', 'Thắng', 'Lợi', 'Ánh', 'Ước'];
  const row = fc
    .tuple(fc.constantFrom(...SURNAMES), fc.constantFrom(...MIDDLE), fc.constantFrom(...GIVEN), fc.constantFrom(...ORGS), fc.constantFrom(...RATINGS), fc.boolean())
    .map(([s, m, g, o, r, upper]) => `${upper ? `${s} ${m} ${g}`.toUpperCase() : `${s} ${m} ${g}`},${o},${r}`);
  const file = fc.array(row, { minLength: 1, maxLength: 30 }).map((rows) => [HEADER, ...rows].join('\r\n'));

  it('random member lists are told apart in all three encodings', () => {
    fc.assert(
      fc.property(file, (text) => {
        expect(detect(cp1258(text), true).kind).toBe('legacy');
        expect(refusedAs(detect(tcvn3(text), true))).toBe('tcvn3');
        expect(refusedAs(detect(vni(text), true))).toBe('vni');
      }),
      { numRuns: 300 },
    );
  });

  // Any Vietnamese, not only names: random well-formed syllables (initial, vowel group, final, tone).
  const INITIALS = ['', 'b', 'c', 'ch', 'd', 'đ', 'g', 'gh', 'gi', 'h', 'k', 'kh', 'l', 'm', 'n', 'ng', 'ngh', 'nh', 'p', 'ph', 'qu', 'r', 's', 't', 'th', 'tr', 'v', 'x'];
  const WITH_FINAL = ['a', 'ă', 'â', 'e', 'ê', 'i', 'o', 'ô', 'ơ', 'u', 'ư', 'y', 'iê', 'yê', 'oa', 'oă', 'oe', 'uâ', 'uê', 'uô', 'ươ', 'uy', 'uyê'];
  const WITHOUT = ['ai', 'ao', 'au', 'ay', 'âu', 'ây', 'eo', 'êu', 'ia', 'iu', 'oi', 'ôi', 'ơi', 'ua', 'ui', 'ưa', 'ưi', 'ưu', 'iêu', 'yêu', 'oai', 'oay', 'uôi', 'ươi', 'ươu', 'uya'];
  const FINALS = ['', 'c', 'ch', 'm', 'n', 'ng', 'nh', 'p', 't'];
  const syllable = fc
    .tuple(
      fc.constantFrom(...INITIALS),
      fc.oneof(fc.tuple(fc.constantFrom(...WITH_FINAL), fc.constantFrom(...FINALS)), fc.tuple(fc.constantFrom(...WITHOUT), fc.constant(''))),
      fc.constantFrom('', '\u0301', '\u0300', '\u0309', '\u0303', '\u0323'),
      fc.constantFrom('lower', 'lower', 'Title', 'UPPER'),
    )
    .map(([initial, [group, final], tone, style]) => {
      const vowels = [...group];
      const at = vowels.findIndex((v) => 'ăâêôơư'.includes(v));
      const i = at >= 0 ? at : vowels.length > 1 && final !== '' ? 1 : 0;
      vowels[i] = (vowels[i] + tone).normalize('NFC');
      const word = initial + vowels.join('') + final;
      return style === 'UPPER' ? word.toUpperCase() : style === 'Title' ? word[0]!.toUpperCase() + word.slice(1) : word;
    });
  const prose = fc
    .array(fc.tuple(syllable, fc.constantFrom(' ', ' ', ' ', ',', '\r\n', ', 12,')), { minLength: 30, maxLength: 300 })
    .map((parts) => parts.map(([w, sep]) => w + sep).join(''));

  it('random Vietnamese of 30 words or more is told apart in all three encodings', () => {
    fc.assert(
      fc.property(prose, (text) => {
        expect(detect(cp1258(text), true).kind).toBe('legacy');
        expect(refusedAs(detect(tcvn3(text), true))).toBe('tcvn3');
        expect(refusedAs(detect(vni(text), true))).toBe('vni');
        expect(detect(utf8(text), true)).toEqual({ kind: 'text', encoding: 'utf-8', bom: 0 });
      }),
      { numRuns: 300 },
    );
  });

  it('a full 64 KiB head, cut anywhere', () => {
    let text = HEADER;
    for (let i = 0; text.length < 2 * HEAD_BYTES; i++) text += `\r\n${i},DV${i},${NAMES[i % NAMES.length]},${ORGS[i % ORGS.length]},${RATINGS[i % RATINGS.length]}`;
    for (const [encode, expected] of [
      [utf8, 'text'],
      [cp1258, 'legacy'],
      [tcvn3, 'tcvn3'],
      [vni, 'vni'],
    ] as const) {
      const head = encode(text).subarray(0, HEAD_BYTES - 1);
      expect(refusedAs(detect(head, false))).toBe(expected);
    }
  });

  it('messages say what the file is and how to convert it', () => {
    const t = detect(tcvn3(MEMBERS), true);
    const v = detect(vni(MEMBERS), true);
    expect(t.kind === 'refused' && t.message).toMatch(/TCVN3.*VnTime.*Unikey.*Nguồn: TCVN3.*Đích: Unicode.*CSV UTF-8/s);
    expect(v.kind === 'refused' && v.message).toMatch(/VNI.*VNI-Times.*Unikey.*Nguồn: VNI Windows.*Đích: Unicode.*CSV UTF-8/s);
  });
});

describe('messages', () => {
  it('workbooks say so and how to export', () => {
    for (const what of ['xlsx', 'xls', 'ods'] as const) {
      const head =
        what === 'xls'
          ? bytes([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])
          : what === 'xlsx'
            ? bytes('PK', [3, 4], 'xl/workbook.xml')
            : bytes('PK', [3, 4], 'mimetypeapplication/vnd.oasis.opendocument.spreadsheet');
      const d = detect(head, false);
      expect(d.kind === 'refused' && d.message).toMatch(/sổ tính (Excel|LibreOffice)/);
      expect(d.kind === 'refused' && d.message).toContain('File > Save As (Lưu thành) > CSV UTF-8 (Comma delimited) (*.csv)');
    }
  });
});

describe('decodeLegacy', () => {
  it('decodes the whole Windows-1258 buffer into NFC', () => {
    const text = 'Nguyễn Văn Đức;Trần Thị Hồng;Phạm Thị Thu Hương;Ủy ban;Đảng bộ Phường Bến Nghé';
    const out = decodeLegacy(cp1258(text), 'windows-1258');
    expect(out).toBe(text.normalize('NFC'));
    expect(out).toBe(out.normalize('NFC'));
  });
});
