// Encoders for tests: bytes from text in UTF-8 and in the three legacy Vietnamese encodings, written out
// independently of src/detect.ts (Unicode and TCVN3 side by side, VNI as base letter + accent suffix),
// so a wrong table byte on either side shows up as a failure.
const enc = new TextEncoder();
export const utf8 = (text: string): Uint8Array => enc.encode(text);
export const ascii = (text: string): number[] => [...text].map((c) => c.charCodeAt(0));
export const bytes = (...parts: Array<number[] | Uint8Array | string>): Uint8Array =>
  Uint8Array.from(parts.flatMap((p) => (typeof p === 'string' ? ascii(p) : [...p])));

const TONE = /[\u0300\u0301\u0303\u0309\u0323]/;

/** Windows-1258 the way Windows writes it: a precomposed byte where there is one, else base + combining tone. */
const CP1258_BYTE = (() => {
  const map = new Map<string, number>();
  const all = new TextDecoder('windows-1258').decode(Uint8Array.from({ length: 256 }, (_, i) => i));
  [...all].forEach((ch, b) => map.set(ch, b));
  return map;
})();
export function cp1258(text: string): Uint8Array {
  const out: number[] = [];
  for (const ch of text.normalize('NFC')) {
    const direct = CP1258_BYTE.get(ch);
    if (direct !== undefined) {
      out.push(direct);
      continue;
    }
    const nfd = ch.normalize('NFD');
    const tone = TONE.exec(nfd)?.[0] ?? '';
    const base = CP1258_BYTE.get(nfd.replace(TONE, '').normalize('NFC'));
    const mark = CP1258_BYTE.get(tone);
    if (base === undefined || mark === undefined) throw new Error(`not in Windows-1258: ${ch}`);
    out.push(base, mark);
  }
  return Uint8Array.from(out);
}

/** TCVN3 (ABC): the table as published, Unicode letter above its TCVN3 byte (written as a Latin-1 char). */
export const TCVN3_UNICODE = 'àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵĂÂĐÊÔƠƯ';
const TCVN3_BYTES = 'µ¸¶·¹¨»¾¼½Æ©ÇÊÈÉË®ÌÐÎÏÑªÒÕÓÔÖ×ÝØÜÞßãáâä«åèæçé¬êíëìîïóñòô\u00adõøö÷ùúýûüþ¡¢§£¤¥¦';
const TCVN3_BYTE = new Map([...TCVN3_UNICODE].map((ch, i) => [ch, TCVN3_BYTES.charCodeAt(i)]));
/** Capitals with a tone have no byte of their own: the .VnTimeH fonts draw the lower-case byte as a capital. */
export function tcvn3(text: string): Uint8Array {
  const out: number[] = [];
  for (const ch of text.normalize('NFC')) {
    const b = ch.charCodeAt(0) < 0x80 ? ch.charCodeAt(0) : (TCVN3_BYTE.get(ch) ?? TCVN3_BYTE.get(ch.toLowerCase()));
    if (b === undefined) throw new Error(`not in TCVN3: ${ch}`);
    out.push(b);
  }
  return Uint8Array.from(out);
}

/** VNI Windows: each vowel as ASCII letter + accent suffix, tones in the order none, sắc, huyền, hỏi, ngã, nặng. */
const VNI_TONES = ['', '\u0301', '\u0300', '\u0309', '\u0303', '\u0323'];
const VNI_ROWS: Array<[string, string[]]> = [
  ['a', ['a', 'aù', 'aø', 'aû', 'aõ', 'aï']],
  ['â', ['aâ', 'aá', 'aà', 'aå', 'aã', 'aä']],
  ['ă', ['aê', 'aé', 'aè', 'aú', 'aü', 'aë']],
  ['e', ['e', 'eù', 'eø', 'eû', 'eõ', 'eï']],
  ['ê', ['eâ', 'eá', 'eà', 'eå', 'eã', 'eä']],
  ['o', ['o', 'où', 'oø', 'oû', 'oõ', 'oï']],
  ['ô', ['oâ', 'oá', 'oà', 'oå', 'oã', 'oä']],
  ['ơ', ['ô', 'ôù', 'ôø', 'ôû', 'ôõ', 'ôï']],
  ['u', ['u', 'uù', 'uø', 'uû', 'uõ', 'uï']],
  ['ư', ['ö', 'öù', 'öø', 'öû', 'öõ', 'öï']],
  ['i', ['i', 'í', 'ì', 'æ', 'ó', 'ò']],
  ['y', ['y', 'yù', 'yø', 'yû', 'yõ', 'î']],
];
export const VNI_CHARS = new Map<string, string>([['đ', 'ñ']]);
for (const [vowel, forms] of VNI_ROWS) forms.forEach((form, t) => VNI_CHARS.set((vowel + VNI_TONES[t]).normalize('NFC'), form));
export function vni(text: string): Uint8Array {
  let latin1 = '';
  for (const ch of text.normalize('NFC')) {
    if (ch.charCodeAt(0) < 0x80 && !VNI_CHARS.has(ch)) latin1 += ch;
    else {
      const lower = VNI_CHARS.get(ch.toLowerCase());
      if (lower === undefined) throw new Error(`not in VNI: ${ch}`);
      latin1 += ch === ch.toLowerCase() ? lower : lower.toUpperCase();
    }
  }
  return Uint8Array.from(ascii(latin1));
}

// ---------------------------------------------------------------------------------------------------
// Samples
