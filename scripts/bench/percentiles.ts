/**
 * Latency percentiles for the retrieval benchmark. Linear interpolation between the closest ranks
 * (R type 7, numpy's default): for n sorted values the p-quantile sits at position p · (n − 1).
 * So the median of an even count is the mean of the two middle values.
 */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) throw new RangeError('percentile of an empty list');
  if (!(p >= 0 && p <= 1)) throw new RangeError(`percentile rank must be in [0, 1], got ${p}`);
  const sorted = [...values].sort((a, b) => a - b);
  const position = p * (sorted.length - 1);
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  const lo = sorted[lower] ?? 0;
  const hi = sorted[upper] ?? lo;
  return lo + (hi - lo) * (position - lower);
}

export const median = (values: readonly number[]): number => percentile(values, 0.5);

export const p95 = (values: readonly number[]): number => percentile(values, 0.95);
