// What a file's first bytes (up to HEAD_BYTES) say it is: text we read as it is (UTF-8, or UTF-16 with a
// BOM), text in the old Windows-1258 code page that we convert, or something we refuse with a message in
// plain Vietnamese saying what the file is and how to save it properly (a workbook, a PDF, a ZIP, a
// picture, UTF-16 without a BOM, or Vietnamese typed in the pre-Unicode TCVN3 or VNI font encodings).
// Pure: bytes in, verdict out. The caller reads the bytes and puts the file's name before the message.
//
// The order of the checks:
//   1. nothing at all (the whole file is 0 bytes)            → refused 'empty'
//   2. a byte-order mark                                      → text, UTF-8 / UTF-16 LE / UTF-16 BE, unless
//      what follows has NULs (NUL characters in UTF-16) or > 10 % control characters → refused 'binary'
//   3. a container's signature (ZIP, OLE2, PDF)               → refused 'xlsx' / 'ods' / 'zip' / 'xls' / 'pdf'
//   4. NUL bytes in every other position                      → refused 'utf-16-no-bom'
//   5. other NUL bytes, or > 10 % control bytes               → refused 'binary'
//   6. valid UTF-8 (a character cut by the end of the head is fine) → text UTF-8
//   7. mostly valid UTF-8 with a few bad bytes                → text UTF-8 (the caller names the bad lines)
//   8. the legacy Vietnamese encodings, scored word by word (see scoreLegacy): Windows-1258 → legacy
//      (converted), TCVN3 → refused 'tcvn3', VNI → refused 'vni'; no convincing winner → text UTF-8.

import { Buffer, isUtf8 } from 'node:buffer';

export type LegacyEncoding = 'windows-1258';

export type RefusedKind =
  | 'xlsx'
  | 'xls'
  | 'ods'
  | 'zip'
  | 'pdf'
  | 'binary'
  | 'tcvn3'
  | 'vni'
  | 'utf-16-no-bom'
  | 'empty';

export type Detection =
  /** Read it as it is, after skipping `bom` bytes. */
  | { kind: 'text'; encoding: 'utf-8' | 'utf-16le' | 'utf-16be'; bom: number }
  /** Decode it with decodeLegacy, and show `notice` to the user. */
  | { kind: 'legacy'; encoding: LegacyEncoding; bom: 0; notice: string }
  /** Do not read it: `message` (plain Vietnamese, no file name) says what it is and how to fix it. */
  | { kind: 'refused'; what: RefusedKind; message: string };

/** How many bytes of the file detect wants to see. */
export const HEAD_BYTES = 64 * 1024;

const SAVE_AS_CSV = 'File > Save As (Lưu thành) > CSV UTF-8 (Comma delimited) (*.csv)';

/** Every refusal's message: what the file is, then how to make the CSV the program reads. */
export const MESSAGES: Readonly<Record<RefusedKind, string>> = {
  xlsx:
    'đây là sổ tính Excel (.xlsx), không phải tệp CSV (có thể tệp đã bị đổi đuôi thành .csv). ' +
    `Hãy mở tệp bằng Excel, chọn ${SAVE_AS_CSV}, rồi dùng tệp .csv vừa lưu.`,
  xls:
    'đây là sổ tính Excel đời cũ (.xls, Excel 97–2003), không phải tệp CSV (có thể tệp đã bị đổi đuôi thành .csv). ' +
    `Hãy mở tệp bằng Excel, chọn ${SAVE_AS_CSV}, rồi dùng tệp .csv vừa lưu.`,
  ods:
    'đây là sổ tính LibreOffice / OpenOffice Calc (.ods), không phải tệp CSV (có thể tệp đã bị đổi đuôi thành .csv). ' +
    'Hãy mở tệp bằng LibreOffice Calc, chọn File > Save As (Lưu thành) > Text CSV (.csv), bộ ký tự (Character set) ' +
    `"Unicode (UTF-8)"; hoặc mở bằng Excel và chọn ${SAVE_AS_CSV}.`,
  zip:
    'đây là tệp nén ZIP, không phải tệp CSV. Hãy giải nén rồi chọn đúng tệp .csv bên trong; ' +
    `nếu bên trong là sổ tính Excel, hãy mở nó bằng Excel và chọn ${SAVE_AS_CSV}.`,
  pdf:
    'đây là tài liệu PDF, không phải tệp CSV: không lấy được số liệu từ tệp PDF. ' +
    `Hãy mở sổ tính gốc (tệp Excel) và chọn ${SAVE_AS_CSV}.`,
  binary:
    'tệp này không phải văn bản (có thể là ảnh, tệp chương trình, tệp bị hỏng, hoặc đã chọn nhầm tệp). ' +
    `Hãy kiểm tra lại đã chọn đúng tệp chưa; tệp cần là CSV, lưu từ Excel bằng ${SAVE_AS_CSV}.`,
  tcvn3:
    'chữ tiếng Việt trong tệp được gõ bằng bảng mã cũ TCVN3 (ABC), dùng với các phông chữ .VnTime, .VnArial…, ' +
    'nên không đọc được dấu tiếng Việt. Hãy chuyển sang Unicode: mở tệp gốc bằng Excel, chọn toàn bộ bảng và sao chép ' +
    '(Ctrl+C); mở Công cụ chuyển mã của Unikey (Unikey Toolkit, Ctrl+Shift+F6), chọn Nguồn: TCVN3 (ABC), Đích: Unicode, ' +
    'đánh dấu "Chuyển mã clipboard" và bấm "Chuyển mã"; dán lại vào Excel (Ctrl+V), đổi phông chữ sang Times New Roman, ' +
    `rồi chọn ${SAVE_AS_CSV}.`,
  vni:
    'chữ tiếng Việt trong tệp được gõ bằng bảng mã cũ VNI (VNI Windows), dùng với các phông chữ VNI-Times, VNI-Helve…, ' +
    'nên không đọc được dấu tiếng Việt. Hãy chuyển sang Unicode: mở tệp gốc bằng Excel, chọn toàn bộ bảng và sao chép ' +
    '(Ctrl+C); mở Công cụ chuyển mã của Unikey (Unikey Toolkit, Ctrl+Shift+F6), chọn Nguồn: VNI Windows, Đích: Unicode, ' +
    'đánh dấu "Chuyển mã clipboard" và bấm "Chuyển mã"; dán lại vào Excel (Ctrl+V), đổi phông chữ sang Times New Roman, ' +
    `rồi chọn ${SAVE_AS_CSV}.`,
  'utf-16-no-bom':
    'tệp được lưu theo mã UTF-16 nhưng thiếu dấu nhận dạng (BOM) ở đầu tệp, nên không biết chắc cách đọc. ' +
    `Hãy mở tệp bằng Excel và lưu lại: ${SAVE_AS_CSV}, hoặc kiểu "Unicode Text (*.txt)" (kiểu này có dấu nhận dạng).`,
  empty:
    'tệp rỗng (0 byte): không có dòng nào, kể cả dòng tiêu đề. ' +
    `Hãy xuất lại danh sách từ Excel: ${SAVE_AS_CSV}.`,
};

export const LEGACY_NOTICE: Readonly<Record<LegacyEncoding, string>> = {
  'windows-1258':
    'tệp được lưu bằng bảng mã cũ Windows-1258 (không phải Unicode); chương trình đã tự chuyển sang Unicode để đọc. ' +
    `Hãy xem lại tên người và tên tổ chức trong báo cáo; lần sau, khi lưu từ Excel hãy chọn ${SAVE_AS_CSV}.`,
};

const UTF8: Detection = { kind: 'text', encoding: 'utf-8', bom: 0 };

function refused(what: RefusedKind): Detection {
  return { kind: 'refused', what, message: MESSAGES[what] };
}

/** `complete`: the bytes are the whole file (else the head may end inside a character). */
export function detect(bytes: Uint8Array, complete: boolean): Detection {
  // Only the head is looked at, however much the caller read (a megabyte at a time): 64 KB tell.
  const head = bytes.length > HEAD_BYTES ? bytes.subarray(0, HEAD_BYTES) : bytes;
  const whole = complete && head === bytes;
  if (head.length === 0) return whole ? refused('empty') : UTF8;

  // 2. Byte-order marks.
  // A mark followed by NULs or control characters is binary data that happens to start like text.
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) {
    return binaryKind(head.subarray(3)) === undefined ? { kind: 'text', encoding: 'utf-8', bom: 3 } : refused('binary');
  }
  if (head[0] === 0xff && head[1] === 0xfe) {
    return utf16Binary(head, false) ? refused('binary') : { kind: 'text', encoding: 'utf-16le', bom: 2 };
  }
  if (head[0] === 0xfe && head[1] === 0xff) {
    return utf16Binary(head, true) ? refused('binary') : { kind: 'text', encoding: 'utf-16be', bom: 2 };
  }

  // 3. Containers, by their magic numbers.
  const container = containerKind(head);
  if (container !== undefined) return refused(container);

  // 4, 5. NULs and control bytes.
  const binary = binaryKind(head);
  if (binary !== undefined) return refused(binary);

  // 6. UTF-8. A head that is not the whole file may end inside a character: leave that character out.
  const body = whole ? head : head.subarray(0, completeUtf8Length(head));
  if (isUtf8(body)) return UTF8;

  // 7. Mostly UTF-8, a few bad bytes: a damaged UTF-8 file, not a legacy one.
  const { sequences, badBytes } = utf8Census(body);
  if (sequences >= badBytes) return UTF8;

  // 8. Legacy Vietnamese encodings.
  switch (guessLegacy(scoreLegacy(body))) {
    case 'windows-1258':
      return { kind: 'legacy', encoding: 'windows-1258', bom: 0, notice: LEGACY_NOTICE['windows-1258'] };
    case 'tcvn3':
      return refused('tcvn3');
    case 'vni':
      return refused('vni');
    default:
      return UTF8;
  }
}

/** The whole file in Windows-1258 → NFC text (the code page writes most tones as combining marks). */
export function decodeLegacy(bytes: Uint8Array, encoding: LegacyEncoding): string {
  return new TextDecoder(encoding).decode(bytes).normalize('NFC');
}

// ---------------------------------------------------------------------------------------------------
// Containers and binary

function startsWith(head: Uint8Array, signature: readonly number[]): boolean {
  return signature.every((byte, i) => head[i] === byte);
}

function contains(head: Uint8Array, ascii: string): boolean {
  return Buffer.from(head.buffer, head.byteOffset, head.byteLength).includes(ascii, 0, 'latin1');
}

function containerKind(head: Uint8Array): RefusedKind | undefined {
  // ZIP: a local file header (PK 03 04), or an empty / spanned archive (PK 05 06, PK 07 08). The names of
  // the entries are stored uncompressed in the local headers, so a workbook shows its parts in the head:
  // OpenDocument stores an uncompressed "mimetype" entry first, whose content names the document type;
  // Office Open XML has "[Content_Types].xml" and, for a workbook, parts under "xl/".
  if (head[0] === 0x50 && head[1] === 0x4b && ((head[2] === 3 && head[3] === 4) || (head[2] === 5 && head[3] === 6) || (head[2] === 7 && head[3] === 8))) {
    if (contains(head, 'mimetype') && contains(head, 'application/vnd.oasis.opendocument.spreadsheet')) return 'ods';
    if (contains(head, 'xl/')) return 'xlsx';
    return 'zip';
  }
  // OLE2 compound file: Excel 97–2003 (.xls). Old Word files (.doc) share it; a workbook is far likelier here.
  if (startsWith(head, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return 'xls';
  if (startsWith(head, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'pdf'; // %PDF-
  return undefined;
}

/** Share of NULs in one byte parity above which UTF-16 is suspected (ASCII text in UTF-16 gives ~100 %). */
const UTF16_NUL_SHARE = 0.3;
/** ...while the other parity has at most this share of NULs. */
const UTF16_OTHER_NUL_SHARE = 0.1;
/** Share of control bytes (other than tab, CR, LF) above which the file is binary. */
const CONTROL_SHARE = 0.1;

function binaryKind(head: Uint8Array): RefusedKind | undefined {
  const nuls = [0, 0]; // at even, odd offsets
  let controls = 0;
  for (let i = 0; i < head.length; i++) {
    const b = head[i]!;
    if (b === 0) nuls[i & 1]!++;
    else if ((b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d) || b === 0x7f) controls++;
  }
  const [even, odd] = nuls as [number, number];
  if (even + odd === 0) return controls > head.length * CONTROL_SHARE ? 'binary' : undefined;
  // UTF-16 without a BOM: ASCII characters are a letter and a NUL, so one parity is full of NULs.
  const evens = Math.ceil(head.length / 2);
  const odds = Math.floor(head.length / 2);
  if (head.length >= 4) {
    const le = odd > odds * UTF16_NUL_SHARE && even <= evens * UTF16_OTHER_NUL_SHARE;
    const be = even > evens * UTF16_NUL_SHARE && odd <= odds * UTF16_OTHER_NUL_SHARE;
    if (le || be) return 'utf-16-no-bom';
  }
  return 'binary';
}

/** UTF-16 after its BOM: any U+0000, or more than CONTROL_SHARE control characters, is binary. */
function utf16Binary(head: Uint8Array, bigEndian: boolean): boolean {
  let units = 0;
  let controls = 0;
  for (let i = 2; i + 1 < head.length; i += 2) {
    const unit = bigEndian ? (head[i]! << 8) | head[i + 1]! : head[i]! | (head[i + 1]! << 8);
    units++;
    if (unit === 0) return true;
    if ((unit < 0x20 && unit !== 0x09 && unit !== 0x0a && unit !== 0x0d) || unit === 0x7f) controls++;
  }
  return controls > units * CONTROL_SHARE;
}

// ---------------------------------------------------------------------------------------------------
// UTF-8

/** Bytes a UTF-8 character starting with `lead` has in all (0 for a byte that cannot start one). */
function utf8Length(lead: number): number {
  if (lead < 0x80) return 1;
  if (lead >= 0xc2 && lead <= 0xdf) return 2;
  if (lead >= 0xe0 && lead <= 0xef) return 3;
  if (lead >= 0xf0 && lead <= 0xf4) return 4;
  return 0;
}

/** The head's length without a multi-byte character its end cuts short. */
export function completeUtf8Length(head: Uint8Array): number {
  const n = head.length;
  // Walk back over at most three continuation bytes to the byte that starts the last character.
  for (let back = 1; back <= 4 && back <= n; back++) {
    const b = head[n - back]!;
    if ((b & 0xc0) === 0x80) continue;
    const need = utf8Length(b);
    return need > back ? n - back : n;
  }
  return n;
}

/** Well-formed multi-byte sequences, and high bytes that are in none, reading greedily. */
function utf8Census(bytes: Uint8Array): { sequences: number; badBytes: number } {
  let sequences = 0;
  let badBytes = 0;
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    const need = utf8Length(b);
    let ok = need > 1 && i + need <= bytes.length;
    for (let k = 1; ok && k < need; k++) ok = (bytes[i + k]! & 0xc0) === 0x80;
    if (ok) {
      sequences++;
      i += need;
    } else {
      badBytes++;
      i++;
    }
  }
  return { sequences, badBytes };
}

// ---------------------------------------------------------------------------------------------------
// Legacy Vietnamese encodings
//
// Before Unicode, Vietnamese office files used one of three 8-bit encodings, each with its own fonts:
//   Windows-1258 (CP1258): Microsoft's code page. Letters with a hat or a horn are bytes of their own
//     (E2 â, E3 ă, EA ê, F4 ô, F5 ơ, FD ư, F0 đ; C2 Â, C3 Ă, CA Ê, D4 Ô, D5 Ơ, DD Ư, D0 Đ), as are the
//     Latin-1 letters with a tone (E0 à, E1 á, E9 é, F3 ó, ...); the other tones are COMBINING bytes
//     written after the vowel: CC grave, EC acute, D2 hook above, DE tilde, F2 dot below.
//     "Nguyễn" = N g u y EA DE n.
//   TCVN3 (ABC, TCVN 5712:1993 VN3; fonts .VnTime, .VnArial): every lower-case vowel with its tone is
//     ONE byte in A8–FE (B5 à, B8 á, B6 ả, B7 ã, B9 ạ, A8 ă, A9 â, AA ê, AB ô, AC ơ, AD ư, AE đ, D5 ế,
//     D6 ệ, ...); the only capitals are A1 Ă, A2 Â, A3 Ê, A4 Ô, A5 Ơ, A6 Ư, A7 Đ (capitals with a tone
//     come from the ".VnTimeH" fonts, which draw the lower-case bytes as capitals). "Nguyễn" = N g u y D4 n.
//   VNI Windows (fonts VNI-Times, VNI-Helve): the ASCII vowel, then one or two accent bytes: F9 acute,
//     F8 grave, FB hook, F5 tilde, EF dot below; E2 hat (â ê ô), EA breve (ă); hat + tone E1 E0 E5 E3 E4;
//     breve + tone E9 E8 FA FC EB; capitals' accents are the same minus 0x20. Single bytes: F4 ơ, F6 ư,
//     F1 đ, D1 Đ, and i / ỵ with a tone (ED í, EC ì, E6 ỉ, F3 ĩ, F2 ị, EE ỵ). "Nguyễn" = N g u y e E3 n.
//
// The same bytes mean different letters in the three, so no single byte decides. The score: cut the head
// into words (runs of ASCII letters and bytes ≥ 0x80 that hold at least one byte ≥ 0x80), decode each word
// the three ways, and count in how many ways it comes out as one well-formed Vietnamese syllable
// (Vietnamese letters only, at most one tone, on a vowel, an initial consonant + a known vowel group + a
// final consonant). Read the wrong way a word turns into symbols (TCVN3 "Trần" = T r C7 n is "TrÇn" in
// Windows-1258), two tones ("Nguyễn" in Windows-1258 is "Nguyờịn" in TCVN3) or a stray accent (VNI
// "Traàn" in TCVN3), so the right encoding explains nearly every word and the others far fewer.

/** Windows-1258, bytes 0x80–0xFF (the same as TextDecoder('windows-1258'); test/detect.test.ts checks). */
const CP1258_HIGH =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u008a\u2039\u0152\u008d\u008e\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u009a\u203a\u0153\u009d\u009e\u0178' +
  '\u00a0\u00a1\u00a2\u00a3\u00a4\u00a5\u00a6\u00a7\u00a8\u00a9\u00aa\u00ab\u00ac\u00ad\u00ae\u00af' +
  '\u00b0\u00b1\u00b2\u00b3\u00b4\u00b5\u00b6\u00b7\u00b8\u00b9\u00ba\u00bb\u00bc\u00bd\u00be\u00bf' +
  '\u00c0\u00c1\u00c2\u0102\u00c4\u00c5\u00c6\u00c7\u00c8\u00c9\u00ca\u00cb\u0300\u00cd\u00ce\u00cf' +
  '\u0110\u00d1\u0309\u00d3\u00d4\u01a0\u00d6\u00d7\u00d8\u00d9\u00da\u00db\u00dc\u01af\u0303\u00df' +
  '\u00e0\u00e1\u00e2\u0103\u00e4\u00e5\u00e6\u00e7\u00e8\u00e9\u00ea\u00eb\u0301\u00ed\u00ee\u00ef' +
  '\u0111\u00f1\u0323\u00f3\u00f4\u01a1\u00f6\u00f7\u00f8\u00f9\u00fa\u00fb\u00fc\u01b0\u20ab\u00ff';

/** TCVN3 (VN3): byte → letter, from the TCVN 5712 table; bytes not listed are not Vietnamese letters. */
const TCVN3_LETTERS: Readonly<Record<number, string>> = {
  0xa1: 'Ă', 0xa2: 'Â', 0xa3: 'Ê', 0xa4: 'Ô', 0xa5: 'Ơ', 0xa6: 'Ư', 0xa7: 'Đ',
  0xa8: 'ă', 0xa9: 'â', 0xaa: 'ê', 0xab: 'ô', 0xac: 'ơ', 0xad: 'ư', 0xae: 'đ',
  0xb5: 'à', 0xb6: 'ả', 0xb7: 'ã', 0xb8: 'á', 0xb9: 'ạ',
  0xbb: 'ằ', 0xbc: 'ẳ', 0xbd: 'ẵ', 0xbe: 'ắ', 0xc6: 'ặ',
  0xc7: 'ầ', 0xc8: 'ẩ', 0xc9: 'ẫ', 0xca: 'ấ', 0xcb: 'ậ',
  0xcc: 'è', 0xce: 'ẻ', 0xcf: 'ẽ', 0xd0: 'é', 0xd1: 'ẹ',
  0xd2: 'ề', 0xd3: 'ể', 0xd4: 'ễ', 0xd5: 'ế', 0xd6: 'ệ',
  0xd7: 'ì', 0xd8: 'ỉ', 0xdc: 'ĩ', 0xdd: 'í', 0xde: 'ị',
  0xdf: 'ò', 0xe1: 'ỏ', 0xe2: 'õ', 0xe3: 'ó', 0xe4: 'ọ',
  0xe5: 'ồ', 0xe6: 'ổ', 0xe7: 'ỗ', 0xe8: 'ố', 0xe9: 'ộ',
  0xea: 'ờ', 0xeb: 'ở', 0xec: 'ỡ', 0xed: 'ớ', 0xee: 'ợ',
  0xef: 'ù', 0xf1: 'ủ', 0xf2: 'ũ', 0xf3: 'ú', 0xf4: 'ụ',
  0xf5: 'ừ', 0xf6: 'ử', 0xf7: 'ữ', 0xf8: 'ứ', 0xf9: 'ự',
  0xfa: 'ỳ', 0xfb: 'ỷ', 0xfc: 'ỹ', 0xfd: 'ý', 0xfe: 'ỵ',
};

const ACUTE = '\u0301';
const GRAVE = '\u0300';
const HOOK = '\u0309';
const TILDE = '\u0303';
const DOT = '\u0323';
const HAT = '\u0302';
const BREVE = '\u0306';

/** VNI Windows: byte → letter, or the combining marks an accent byte adds to the vowel before it. */
const VNI_LETTERS: Readonly<Record<number, string>> = (() => {
  const table: Record<number, string> = {
    0xf1: 'đ', 0xd1: 'Đ', 0xf4: 'ơ', 0xd4: 'Ơ', 0xf6: 'ư', 0xd6: 'Ư',
    0xed: 'í', 0xec: 'ì', 0xe6: 'ỉ', 0xf3: 'ĩ', 0xf2: 'ị', 0xee: 'ỵ',
    0xcd: 'Í', 0xcc: 'Ì', 0xc6: 'Ỉ', 0xd3: 'Ĩ', 0xd2: 'Ị', 0xce: 'Ỵ',
  };
  const accents: Array<[number, string]> = [
    [0xf9, ACUTE], [0xf8, GRAVE], [0xfb, HOOK], [0xf5, TILDE], [0xef, DOT],
    [0xe2, HAT], [0xe1, HAT + ACUTE], [0xe0, HAT + GRAVE], [0xe5, HAT + HOOK], [0xe3, HAT + TILDE], [0xe4, HAT + DOT],
    [0xea, BREVE], [0xe9, BREVE + ACUTE], [0xe8, BREVE + GRAVE], [0xfa, BREVE + HOOK], [0xfc, BREVE + TILDE], [0xeb, BREVE + DOT],
  ];
  for (const [byte, marks] of accents) {
    table[byte] = marks; // after a lower-case vowel
    table[byte - 0x20] = marks; // after a capital
  }
  return table;
})();

const NOT_A_LETTER = '\ufffd';

export type ScoredEncoding = 'windows-1258' | 'tcvn3' | 'vni';

const HIGH_HALF: Readonly<Record<ScoredEncoding, (byte: number) => string>> = {
  'windows-1258': (b) => CP1258_HIGH[b - 0x80]!,
  tcvn3: (b) => TCVN3_LETTERS[b] ?? NOT_A_LETTER,
  vni: (b) => VNI_LETTERS[b] ?? NOT_A_LETTER,
};

/** A few bytes read in one of the three encodings (NFC; U+FFFD for a byte that is no letter in TCVN3 or VNI). */
export function decodeAs(bytes: Uint8Array, encoding: ScoredEncoding): string {
  const high = HIGH_HALF[encoding];
  let text = '';
  for (const b of bytes) text += b < 0x80 ? String.fromCharCode(b) : high(b);
  return text.normalize('NFC');
}

// A Vietnamese syllable, without its tone: initial consonant, vowel group, final consonant. Vowel groups
// that end in a glide (ai, ao, iêu, ...) take no final consonant.
const INITIAL = '(?:ngh|ng|nh|ch|gh|gi|kh|ph|th|tr|qu|[bcdđghklmnpqrstvx])?';
const OPEN = [
  ...['a', 'ă', 'â', 'e', 'ê', 'i', 'o', 'ô', 'ơ', 'u', 'ư', 'y'],
  ...['iê', 'yê', 'oa', 'oă', 'oe', 'oo', 'uâ', 'uê', 'uô', 'uơ', 'ươ', 'uy', 'uyê'],
];
const CLOSED = [
  ...['ai', 'ao', 'au', 'ay', 'âu', 'ây', 'eo', 'êu', 'ia', 'iu', 'oi', 'ôi', 'ơi', 'ua', 'ui', 'ưa', 'ưi', 'ưu'],
  ...['iêu', 'yêu', 'oai', 'oao', 'oay', 'oeo', 'uây', 'uôi', 'ươi', 'ươu', 'uya', 'uyu'],
];
const FINAL = '(?:ch|ng|nh|[cmnpt])?';
const SYLLABLE = new RegExp(`^${INITIAL}(?:(?:${OPEN.join('|')})${FINAL}|(?:${CLOSED.join('|')}))$`);
/** Abbreviations such as "Đ" in "Đ/c" (đồng chí). */
const CONSONANTS = /^[bcdđghklmnpqrstvx]+$/;
const TONE = /[\u0300\u0301\u0303\u0309\u0323]/;
const TONES = /[\u0300\u0301\u0303\u0309\u0323]/g;
/** What a tone may follow in NFD: a vowel, or the hat, breve or horn on one. */
const TONE_BEARERS = new Set(['a', 'e', 'i', 'o', 'u', 'y', HAT, BREVE, '\u031b']);

/** Whether `word` is one Vietnamese syllable (any case, NFC or not). */
export function isVietnameseSyllable(word: string): boolean {
  const nfd = word.normalize('NFD').toLowerCase();
  let tones = 0;
  let previous = '';
  for (const ch of nfd) {
    if (TONE.test(ch)) {
      if (!TONE_BEARERS.has(previous)) return false;
      tones++;
    }
    previous = ch;
  }
  if (tones > 1) return false;
  const bare = nfd.replace(TONES, '').normalize('NFC');
  return SYLLABLE.test(bare) || (tones === 0 && CONSONANTS.test(bare));
}

const ENCODINGS: readonly ScoredEncoding[] = ['windows-1258', 'tcvn3', 'vni'];

export interface LegacyScores {
  /** Words holding a byte ≥ 0x80. */
  words: number;
  /** Of those, how many read as a Vietnamese syllable in each encoding. */
  'windows-1258': number;
  tcvn3: number;
  vni: number;
}

/** Longer runs are several syllables run together or not Vietnamese: left out of the count. */
const MAX_WORD_BYTES = 12;

function isWordByte(b: number): boolean {
  return b >= 0x80 ? b !== 0xa0 : (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a);
}

export function scoreLegacy(bytes: Uint8Array): LegacyScores {
  const scores: LegacyScores = { words: 0, 'windows-1258': 0, tcvn3: 0, vni: 0 };
  for (let i = 0; i < bytes.length; ) {
    if (!isWordByte(bytes[i]!)) {
      i++;
      continue;
    }
    let end = i;
    let high = false;
    for (; end < bytes.length && isWordByte(bytes[end]!); end++) if (bytes[end]! >= 0x80) high = true;
    if (high && end - i <= MAX_WORD_BYTES) {
      scores.words++;
      const word = bytes.subarray(i, end);
      for (const encoding of ENCODINGS) if (isVietnameseSyllable(decodeAs(word, encoding))) scores[encoding]++;
    }
    i = end;
  }
  return scores;
}

/** At least this many words must read well in the winning encoding... */
const MIN_WORDS = 2;
/** ...and at least this share of all the words... */
const MIN_SHARE = 0.6;
/** ...and this many times as many as in the runner-up. */
const MIN_LEAD = 1.5;

/** The encoding the scores point to, or undefined when none is convincing. */
export function guessLegacy(scores: LegacyScores): ScoredEncoding | undefined {
  const [best, second] = ENCODINGS.map((encoding) => ({ encoding, score: scores[encoding] })).sort((a, b) => b.score - a.score) as [
    { encoding: ScoredEncoding; score: number },
    { encoding: ScoredEncoding; score: number },
  ];
  if (best.score < MIN_WORDS || best.score < scores.words * MIN_SHARE || best.score < second.score * MIN_LEAD) return undefined;
  return best.encoding;
}
