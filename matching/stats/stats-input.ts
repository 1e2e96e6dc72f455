import { z } from 'zod';

/** A calendar day as the bureau reads it: China Standard Time (UTC+8, no daylight saving). */
export const chinaOffsetHours = 8;
const day = z.iso.date();

/**
 * The filters every statistics view takes. `from`/`to` (inclusive days, UTC+8) select needs by the day they were
 * posted — the funnel, durations and breakdowns follow that cohort of needs and their pairs — except the series,
 * where they bound the periods counted (each event by its own time).
 */
export const statsFilters = z
  .strictObject({
    from: day.optional(),
    to: day.optional(),
    chain: z.string().trim().min(1).max(64).optional(),
    district: z.string().trim().min(1).max(64).optional(),
    managerId: z.uuid().optional(),
  })
  .refine((f) => !f.from || !f.to || f.from <= f.to, { path: ['to'], message: 'to must not be before from' });
export type StatsFilters = z.infer<typeof statsFilters>;

export const breakdownDimensions = [
  'chain',
  'district',
  'manager',
  'institution',
  'platform',
  'rankerVersion',
] as const;
export type BreakdownDimension = (typeof breakdownDimensions)[number];
export const breakdownInput = z.strictObject({
  ...statsFilters.shape,
  by: z.enum(breakdownDimensions).default('chain'),
});

export const seriesIntervals = ['week', 'month'] as const;
export const seriesInput = z.strictObject({
  ...statsFilters.shape,
  interval: z.enum(seriesIntervals).default('month'),
});

export const targetsInput = z.strictObject({ year: z.coerce.number().int().min(2000).max(2100).optional() });

/** The first instant of a UTC+8 day, and of the day after (exclusive end). */
export const dayStart = (d: string) => new Date(`${d}T00:00:00+08:00`);
export const dayEnd = (d: string) => new Date(dayStart(d).getTime() + 24 * 3600_000);
