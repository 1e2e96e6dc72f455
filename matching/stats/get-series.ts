import { and, eq, gte, isNotNull, lt, type SQL, sql } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import { organisations } from '../../schema/organisations.ts';
import { statsNeeds, statsPairs } from '../../schema/stats.ts';
import type { Deps } from '../core/deps.ts';
import { parseInput } from '../core/validate.ts';
import type { WithInput } from '../core/verb.ts';
import { catchUpStats } from './catch-up.ts';
import {
  chinaOffsetHours,
  dayEnd,
  dayStart,
  type StatsFilters,
  seriesInput,
  type seriesIntervals,
} from './stats-input.ts';
import { needConditions, needInSlice, sliceOf } from './stats-scope.ts';

type Interval = (typeof seriesIntervals)[number];
export type SeriesPoint = { period: string; needsPosted: number; accepted: number; deals: number; landings: number };
export type SeriesView = { interval: Interval; filters: StatsFilters; managerId: string | null; points: SeriesPoint[] };
type Measure = Exclude<keyof SeriesPoint, 'period'>;

/** The period an instant falls in, as the UTC+8 day it starts on (weeks start on Monday). */
const periodOf = (interval: Interval, at: PgColumn) =>
  sql<string>`to_char(date_trunc(${sql.raw(`'${interval}'`)}, ${at} at time zone 'UTC' + interval '${sql.raw(String(chinaOffsetHours))} hours'), 'YYYY-MM-DD')`;

/**
 * Needs posted, pairs accepted, deals signed and landings per week or month, each counted at its own time
 * (from/to bound those times); periods between the first and the last with anything in them are listed with zeros.
 */
export async function getSeries({ deps, actor, input }: WithInput<unknown>): Promise<SeriesView> {
  const { interval, ...filters } = parseInput(seriesInput, input);
  const manager = sliceOf(actor, filters);
  await catchUpStats(deps);
  const counts = new Map<string, SeriesPoint>();
  const add = (measure: Measure, rows: { period: string; n: number }[]) => {
    for (const { period, n } of rows) {
      const point = counts.get(period) ?? { period, needsPosted: 0, accepted: 0, deals: 0, landings: 0 };
      point[measure] = n;
      counts.set(period, point);
    }
  };
  add('needsPosted', await needsPerPeriod(deps, interval, filters, manager));
  add('accepted', await pairsPerPeriod(deps, interval, statsPairs.acceptedAt, filters, manager));
  add('deals', await pairsPerPeriod(deps, interval, statsPairs.dealAt, filters, manager));
  add('landings', await pairsPerPeriod(deps, interval, statsPairs.landedAt, filters, manager));
  return { interval, filters, managerId: manager, points: fillGaps(interval, counts) };
}

const within = (at: PgColumn, f: StatsFilters): SQL[] => [
  ...(f.from ? [gte(at, dayStart(f.from))] : []),
  ...(f.to ? [lt(at, dayEnd(f.to))] : []),
];

async function needsPerPeriod(deps: Deps, interval: Interval, f: StatsFilters, manager: string | null) {
  const period = periodOf(interval, statsNeeds.postedAt);
  return deps.db
    .select({ period, n: sql<number>`count(*)`.mapWith(Number) })
    .from(statsNeeds)
    .leftJoin(organisations, eq(organisations.id, statsNeeds.orgId))
    .where(and(...needConditions(f, { dates: false }), ...within(statsNeeds.postedAt, f), needInSlice(manager)))
    .groupBy(period);
}

async function pairsPerPeriod(deps: Deps, interval: Interval, at: PgColumn, f: StatsFilters, manager: string | null) {
  const period = periodOf(interval, at);
  return deps.db
    .select({ period, n: sql<number>`count(*)`.mapWith(Number) })
    .from(statsPairs)
    .innerJoin(statsNeeds, eq(statsNeeds.needId, statsPairs.needId))
    .leftJoin(organisations, eq(organisations.id, statsNeeds.orgId))
    .where(
      and(
        isNotNull(at),
        ...needConditions(f, { dates: false }),
        ...within(at, f),
        ...(manager ? [eq(statsPairs.managerId, manager)] : []),
      ),
    )
    .groupBy(period);
}

function fillGaps(interval: Interval, counts: Map<string, SeriesPoint>): SeriesPoint[] {
  const keys = [...counts.keys()].sort();
  const first = keys[0];
  const last = keys.at(-1);
  if (!first || !last) return [];
  const points: SeriesPoint[] = [];
  for (let d = new Date(`${first}T00:00:00Z`); d.toISOString().slice(0, 10) <= last; ) {
    const period = d.toISOString().slice(0, 10);
    points.push(counts.get(period) ?? { period, needsPosted: 0, accepted: 0, deals: 0, landings: 0 });
    if (interval === 'week') d = new Date(d.getTime() + 7 * 86_400_000);
    else d = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1));
  }
  return points;
}
