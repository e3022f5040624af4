// The text encodings read as they are (detect.ts decides which a file uses), and the mark of bad bytes.

export type Encoding = 'utf-8' | 'utf-16le' | 'utf-16be';

/** U+FFFD: what the decoder puts where bytes are not valid in the encoding. */
export const REPLACEMENT = '\ufffd';
