import { z } from '@hono/zod-openapi';
import { breakdownDimensions, seriesIntervals } from '../matching/stats/stats-input.ts';
import { funnelSteps, pairSteps } from '../matching/stats/steps.ts';
import { targetIds } from '../matching/stats/target-plan.ts';

/** Response shapes of /v1/stats/*. Request shapes come from the domain (matching/stats/stats-input.ts). */
const share = z
  .number()
  .nullable()
  .openapi({ description: 'A share in [0, 1], four places; null with nothing to divide by', example: 0.25 });
const uuid = z.string().nullable();

const filtersSchema = z
  .object({
    from: z.string().optional(),
    to: z.string().optional(),
    chain: z.string().optional(),
    district: z.string().optional(),
    managerId: z.string().optional(),
  })
  .openapi('StatsFilters', { description: 'The filters applied, as understood' });

const slice = {
  filters: filtersSchema,
  managerId: uuid.openapi({
    description: "The manager whose pairs were counted (a manager's own slice); null for all",
  }),
};

export const funnelSchema = z
  .object({
    ...slice,
    pairs: z.object({ suggested: z.number().int(), routed: z.number().int() }),
    steps: z.array(
      z.object({
        step: z.enum(funnelSteps),
        count: z.number().int(),
        of: z
          .enum([...funnelSteps, 'pairs_routed'])
          .nullable()
          .openapi({ description: 'The step `rate` is a share of' }),
        rate: share,
      }),
    ),
  })
  .openapi('StatsFunnel', {
    description:
      'Cumulative: a pair counts for every step up to the furthest it reached, so a landed pair that skipped PoC (a mature technology) counts as PoC passed.',
  });

const hours = z.number().nullable();
export const durationsSchema = z
  .object({
    ...slice,
    spans: z.array(
      z.object({
        from: z.string(),
        to: z.string(),
        pairs: z.number().int().openapi({ description: 'Pairs that reached both steps (skipped steps are left out)' }),
        medianHours: hours,
        p90Hours: hours,
      }),
    ),
    sla: z.object({
      claim: z.object({ breaches: z.number().int(), pairs: z.number().int() }),
      decision: z.object({ breaches: z.number().int(), pairs: z.number().int() }),
    }),
  })
  .openapi('StatsDurations');

const pairCounts = {
  pairs: z.number().int(),
  needs: z.number().int(),
  routed: z.number().int(),
  ...Object.fromEntries(pairSteps.map((s) => [s, z.number().int()])),
};
export const breakdownSchema = z
  .object({
    by: z.enum(breakdownDimensions),
    ...slice,
    groups: z.array(
      z.object({
        key: z.string().nullable(),
        label: z.string().nullable(),
        ...pairCounts,
        acceptanceRate: share.openapi({ description: 'Accepted among the pairs ever routed' }),
      }),
    ),
  })
  .openapi('StatsBreakdown');

export const seriesSchema = z
  .object({
    interval: z.enum(seriesIntervals),
    ...slice,
    points: z.array(
      z.object({
        period: z
          .string()
          .openapi({ description: 'First day of the week (Monday) or month, UTC+8', example: '2026-11-02' }),
        needsPosted: z.number().int(),
        accepted: z.number().int(),
        deals: z.number().int(),
        landings: z.number().int(),
      }),
    ),
  })
  .openapi('StatsSeries');

export const targetsSchema = z
  .object({
    year: z.number().int(),
    source: z.string(),
    yearElapsed: z.number(),
    targets: z.array(
      z.object({
        id: z.enum(targetIds),
        target: z.number().int(),
        progress: z.number().int(),
        share,
        projection: z.number().int(),
        countedAs: z.string(),
      }),
    ),
    pocCentres: z.array(
      z.object({
        level: z.enum(['national', 'provincial', 'municipal']),
        target: z.number().int(),
        registered: z.number().int(),
      }),
    ),
  })
  .openapi('StatsTargets');
