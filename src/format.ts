// Vietnamese number and date formatting, byte-stable: dot for thousands, comma for decimals, shares rounded
// half up in integer arithmetic. Intl is deliberately not used (its output follows the ICU version);
// it serves only as an oracle in test/format.test.ts. Every stage words its messages with it (problems,
// warnings, progress), the report its figures: it sits at the top of src/, beside problems.ts.

/** 2904 → "2.904"; -1234567 → "-1.234.567". */
export function formatCount(n: number): string {
  if (!Number.isSafeInteger(n)) throw new RangeError(`not a whole count: ${n}`);
  const digits = String(Math.abs(n));
  let out = '';
  for (let i = 0; i < digits.length; i++) {
    if (i > 0 && (digits.length - i) % 3 === 0) out += '.';
    out += digits[i];
  }
  return n < 0 ? `-${out}` : out;
}

/**
 * The share part/whole in hundredths of a percent, rounded half up: 11 of 43 → 2558 (25,58%).
 * Exact for counts up to 2^53 / 20000 (≈ 450 billion), far beyond any party's membership.
 */
export function shareBasisPoints(part: number, whole: number): number {
  if (whole <= 0) return 0;
  return Math.floor((2 * part * 10000 + whole) / (2 * whole));
}

/** Hundredths as a Vietnamese decimal, trailing zeros dropped: 2558 → "25,58", 3160 → "31,6", 10000 → "100". */
export function formatHundredths(h: number): string {
  const sign = h < 0 ? '-' : '';
  const a = Math.abs(h);
  const whole = formatCount(Math.floor(a / 100));
  const frac = String(a % 100).padStart(2, '0').replace(/0+$/, '');
  return `${sign}${whole}${frac ? `,${frac}` : ''}`;
}

/** The share as printed in the report: 11 of 43 → "25,58%". */
export function formatShare(part: number, whole: number): string {
  return `${formatHundredths(shareBasisPoints(part, whole))}%`;
}

/** "2018-02-06" → "06/02/2018", the way dates are written in Vietnamese documents. */
export function formatDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}

/** A score (up to three decimals) as a Vietnamese decimal: 85.5 → "85,5", 90 → "90". */
export function formatScore(score: number): string {
  return String(Math.round(score * 1000) / 1000).replace('.', ',');
}
