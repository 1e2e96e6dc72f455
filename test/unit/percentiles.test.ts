import { describe, expect, it } from 'vitest';
import { median, p95, percentile } from '../../scripts/bench/percentiles.ts';

describe('percentiles (linear interpolation between closest ranks)', () => {
  it('median of an odd count is the middle value, whatever the input order', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([9, 2, 7, 4, 1])).toBe(4);
  });

  it('median of an even count is the mean of the two middle values', () => {
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([10, 20])).toBe(15);
  });

  it('a single value is every percentile', () => {
    expect(median([7])).toBe(7);
    expect(p95([7])).toBe(7);
  });

  it('p95 interpolates at position 0.95 · (n − 1)', () => {
    // 1..20: position 18.05 → 19 + 0.05 · (20 − 19) = 19.05
    const oneToTwenty = Array.from({ length: 20 }, (_, i) => 20 - i);
    expect(p95(oneToTwenty)).toBeCloseTo(19.05, 10);
    // 0, 10, ..., 100 (11 values): position 9.5 → 90 + 0.5 · 10 = 95
    expect(p95([100, 0, 50, 10, 90, 20, 80, 30, 70, 40, 60])).toBeCloseTo(95, 10);
    // 1..101: position 95 → exactly the 96th value
    expect(p95(Array.from({ length: 101 }, (_, i) => i + 1))).toBe(96);
  });

  it('p95 lands between the two largest values of a short list', () => {
    // [1, 2, 3, 100]: position 2.85 → 3 + 0.85 · 97 = 85.45
    expect(p95([100, 2, 1, 3])).toBeCloseTo(85.45, 10);
  });

  it('extremes are the minimum and maximum', () => {
    expect(percentile([3, 1, 2], 0)).toBe(1);
    expect(percentile([3, 1, 2], 1)).toBe(3);
  });

  it('does not reorder its input', () => {
    const values = [3, 1, 2];
    median(values);
    expect(values).toEqual([3, 1, 2]);
  });

  it('rejects an empty list and a rank outside [0, 1]', () => {
    expect(() => median([])).toThrow(RangeError);
    expect(() => percentile([1, 2], 1.5)).toThrow(RangeError);
    expect(() => percentile([1, 2], Number.NaN)).toThrow(RangeError);
  });
});
