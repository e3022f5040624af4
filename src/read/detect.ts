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
//   8. the legacy Vietnamese encodings, scored word by word (scoreLegacy in legacy.ts): Windows-1258 → legacy
//      (converted), TCVN3 → refused 'tcvn3', VNI → refused 'vni'; no convincing winner → text UTF-8.

import { Buffer, isUtf8 } from 'node:buffer';
import { guessLegacy, scoreLegacy, type LegacyEncoding } from './legacy.js';

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
const MESSAGES: Readonly<Record<RefusedKind, string>> = {
  xlsx:
    'đây là sổ tính Excel (.xlsx), không phải tệp CSV (có thể tệp đã bị đổi đuôi thành .csv). ' +
    'Chương trình đọc được trực tiếp sổ tính Excel: hãy đổi đuôi tệp lại thành .xlsx (ví dụ members.xlsx); ' +
    `hoặc mở tệp bằng Excel, chọn ${SAVE_AS_CSV}, rồi dùng tệp .csv vừa lưu.`,
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

const LEGACY_NOTICE: Readonly<Record<LegacyEncoding, string>> = {
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
