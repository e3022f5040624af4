// Digits read on bytes, where the byte paths read numbers without making a string (a date's parts, a year, a
// shared string's index in a sheet). Shared by validate/schema.ts and read/xlsx/sheet-csv.ts.

/** Digits [s, e) of buf as a number, or -1 when any is not a digit, there are none, or more than 15 (a double holds 15 exactly). */
export function digits(buf: Uint8Array, s: number, e: number): number {
  if (e <= s || e - s > 15) return -1;
  let n = 0;
  for (let i = s; i < e; i++) {
    const d = buf[i]! - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}
