import { describe, expect, it } from 'vitest';
import { formatCount, formatDate, formatHundredths, formatShare, shareBasisPoints } from '../src/format.js';

describe('formatCount', () => {
  it.each([
    [0, '0'],
    [7, '7'],
    [999, '999'],
    [1000, '1.000'],
    [2904, '2.904'],
    [1784, '1.784'],
    [5_600_000, '5.600.000'],
    [-1234567, '-1.234.567'],
  ])('%d → %s', (n, want) => expect(formatCount(n)).toBe(want));

  it('refuses what is not a whole count', () => {
    expect(() => formatCount(1.5)).toThrow(RangeError);
    expect(() => formatCount(Number.NaN)).toThrow(RangeError);
  });

  it('agrees with Intl vi-VN grouping on a sweep of values (Intl only as an oracle)', () => {
    const intl = new Intl.NumberFormat('vi-VN', { useGrouping: true });
    for (let n = 0; n < 3_000_000; n += 7919) expect(formatCount(n)).toBe(intl.format(n).replace(/\u00a0/g, '.'));
  });
});

describe('shares of the rated units, half up to two decimals', () => {
  it.each([
    [11, 43, '25,58%'],
    [10, 43, '23,26%'], // the model article truncates to 23,25; we round half up
    [19, 43, '44,19%'],
    [3, 43, '6,98%'],
    [73, 231, '31,6%'], // trailing zero dropped
    [76, 231, '32,9%'],
    [72, 231, '31,17%'],
    [10, 231, '4,33%'],
    [135, 2584, '5,22%'],
    [1784, 2584, '69,04%'],
    [636, 2584, '24,61%'],
    [12, 2584, '0,46%'],
    [17, 2584, '0,66%'],
    [1, 8, '12,5%'], // exactly half a hundredth: 12,5 → stays
    [1, 800, '0,13%'], // 0,125 → half up → 0,13
    [1, 1, '100%'],
    [0, 5, '0%'],
    [0, 0, '0%'], // nothing rated: no share, never NaN
  ])('%d of %d → %s', (part, whole, want) => expect(formatShare(part, whole)).toBe(want));

  it('rounds half up exactly where floating point would not', () => {
    // 1/200 = 0,5% exactly; 5/4000 = 0,125% → 0,13%; float (x*100).toFixed(2) gives 0.12 for the latter
    expect(shareBasisPoints(5, 4000)).toBe(13);
    expect(shareBasisPoints(1, 200)).toBe(50);
  });

  it('JSON shares (hundredths / 100, as the model makes them) are plain numbers with at most two decimals', () => {
    expect(shareBasisPoints(11, 43) / 100).toBe(25.58);
    expect(shareBasisPoints(73, 231) / 100).toBe(31.6);
    expect(JSON.stringify(shareBasisPoints(1, 3) / 100)).toBe('33.33');
  });

  it.each([
    [2558, '25,58'],
    [3160, '31,6'],
    [10000, '100'],
    [5, '0,05'],
    [123456, '1.234,56'],
  ])('hundredths %d → %s', (h, want) => expect(formatHundredths(h)).toBe(want));
});

describe('formatDate', () => {
  it('writes ISO dates the Vietnamese way', () => expect(formatDate('2018-02-06')).toBe('06/02/2018'));
});
