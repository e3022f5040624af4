// The legacy Vietnamese encodings: which of the three a file's words read best in (scoreLegacy,
// guessLegacy, for detect.ts), the byte tables that read them, and the Windows-1258 file decoded whole
// (decodeLegacy, for io/read-table.ts). Pure: bytes in, text or scores out.

/** The legacy encoding read by conversion (TCVN3 and VNI are refused: detect.ts). */
export type LegacyEncoding = 'windows-1258';

/** The whole file in Windows-1258 → NFC text (the code page writes most tones as combining marks). */
export function decodeLegacy(bytes: Uint8Array, encoding: LegacyEncoding): string {
  return new TextDecoder(encoding).decode(bytes).normalize('NFC');
}

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
