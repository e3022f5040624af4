// Which text encoding a file's first bytes announce. UTF-8 is assumed where no BOM says otherwise.

export type Encoding = 'utf-8' | 'utf-16le' | 'utf-16be';

export interface Detected {
  encoding: Encoding;
  /** Bytes of byte-order mark to skip. */
  bom: number;
}

export function detectEncoding(head: Uint8Array): Detected {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: 'utf-8', bom: 3 };
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf-16le', bom: 2 };
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf-16be', bom: 2 };
  return { encoding: 'utf-8', bom: 0 };
}

/** U+FFFD: what the decoder puts where bytes are not valid in the encoding. */
export const REPLACEMENT = '\ufffd';
