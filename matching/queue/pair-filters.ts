import { and, eq, inArray, isNotNull, isNull, type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import { suggestionStages } from '../../schema/enums.ts';
import { suggestions } from '../../schema/suggestions.ts';
import { pairChain } from './manager-scope.ts';

/** A query string holds one value per key, repeated keys (`stage=a&stage=b`) or a comma list (`stage=a,b`). */
const listOf = <T extends z.ZodType>(item: T) =>
  z.preprocess(
    (v) => (typeof v === 'string' ? v.split(',') : Array.isArray(v) ? v.flatMap((x) => String(x).split(',')) : v),
    z.array(item).min(1).max(suggestionStages.length),
  );

/** Ten years: beyond it the filter is a typo, not a question. */
const maxAgeHours = 87_600;

/** Filters the manager's queue and the admin pair list share. */
export const pairFilterFields = {
  needId: z.uuid().optional(),
  chain: z.string().max(64).optional(),
  stage: listOf(z.enum(suggestionStages)).optional(),
  /** Waiting longer than this: since the pair reached a queue (routed), or since it was proposed if never routed. */
  olderThanHours: z.coerce.number().int().min(1).max(maxAgeHours).optional(),
  /** One item per need, with all of its pairs that match the filters, so alternatives sit side by side. */
  groupBy: z.enum(['need']).optional(),
};

/** Filters only admins have: whose queue, which achievement, and pairs no manager holds. */
export const adminPairFilterFields = {
  managerId: z.uuid().optional(),
  achievementId: z.uuid().optional(),
  /** Query strings are text: 'true' is pairs no manager holds (not routed yet, or routing found nobody). */
  unrouted: z.enum(['true', 'false']).optional(),
};

type Stage = (typeof suggestionStages)[number];
export type PairFilters = {
  needId?: string | undefined;
  chain?: string | undefined;
  stage?: Stage[] | undefined;
  olderThanHours?: number | undefined;
  managerId?: string | undefined;
  achievementId?: string | undefined;
  unrouted?: 'true' | 'false' | undefined;
};

/** How long a pair has waited is counted from when it reached a queue; unrouted pairs from their proposal. */
const waitingSince = sql`coalesce(${suggestions.routedAt}, ${suggestions.createdAt})`;

/**
 * The WHERE clause for the filters, over suggestions ⋈ needs ⋈ achievements. Without `stage`, the caller's
 * default stages apply (the queue shows pairs still being worked; admins see every stage).
 */
export function pairFilterWhere(filters: PairFilters, defaultStages: readonly Stage[] | null, now: Date) {
  const stages = filters.stage ?? defaultStages;
  const cutoff = filters.olderThanHours
    ? new Date(now.getTime() - filters.olderThanHours * 3_600_000).toISOString()
    : undefined;
  const conditions: (SQL | undefined)[] = [
    stages ? inArray(suggestions.stage, [...stages]) : undefined,
    filters.needId ? eq(suggestions.needId, filters.needId) : undefined,
    filters.chain ? eq(pairChain, filters.chain) : undefined,
    cutoff ? sql`${waitingSince} < ${cutoff}::timestamptz` : undefined,
    filters.managerId ? eq(suggestions.managerId, filters.managerId) : undefined,
    filters.achievementId ? eq(suggestions.achievementId, filters.achievementId) : undefined,
    filters.unrouted === 'true' ? isNull(suggestions.managerId) : undefined,
    filters.unrouted === 'false' ? isNotNull(suggestions.managerId) : undefined,
  ];
  return and(...conditions);
}
