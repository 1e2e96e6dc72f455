import type { FieldIssue } from '../core/errors.ts';
import { ValidationError } from '../core/errors.ts';

type Range = [field: string, min: number | null | undefined, max: number | null | undefined];

/** Checked after an update is merged with the stored row, so a PATCH of one end is checked against the other. */
export function assertRangesOrdered(ranges: Range[]) {
  const issues: FieldIssue[] = [];
  for (const [field, min, max] of ranges) {
    if (min != null && max != null && min > max)
      issues.push({ field, issue: 'range_inverted', params: { minimum: min } });
  }
  if (issues.length > 0) throw new ValidationError(issues);
}
