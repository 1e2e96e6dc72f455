import { and, count, eq, gte, lt, type SQL, sql } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import { events } from '../../schema/events.ts';
import { platforms } from '../../schema/platforms.ts';
import { statsPairs } from '../../schema/stats.ts';
import { ForbiddenError } from '../core/errors.ts';
import { parseInput } from '../core/validate.ts';
import type { WithInput } from '../core/verb.ts';
import { catchUpStats } from './catch-up.ts';
import { rate } from './pair-counts.ts';
import { targetsInput } from './stats-input.ts';
import { currentTargetPlan, type TargetId, type TargetPlan, targetIds } from './target-plan.ts';

export type TargetView = {
  id: TargetId;
  target: number;
  progress: number;
  share: number | null;
  /** Progress at this pace by year end: progress ÷ the share of the year gone (UTC+8); the final figure once it is over. */
  projection: number;
  countedAs: string;
};
export type TargetsView = {
  year: number;
  source: string;
  /** The share of the year gone at the time of the request. */
  yearElapsed: number;
  targets: TargetView[];
  pocCentres: { level: 'national' | 'provincial' | 'municipal'; target: number; registered: number }[];
};

/** How each target is counted, said in the answer so a reader can check it against the log. */
export const countedAs: Record<TargetId, string> = {
  needs_solved: 'needs with a pair that reached a deal (or landed) in the year, each need once',
  industrialised: 'pairs landed in the year',
  verification: 'pairs whose PoC started in the year',
  incubated: 'pairs with an incubated outcome recorded in the year',
  managers_trained: 'manager users registered in the year (user.created events with role manager)',
};

const yearStart = (year: number) => new Date(`${year}-01-01T00:00:00+08:00`);

/** Annual targets of the plan in force with progress from the projection and a linear projection to year end. */
export async function getTargets({ deps, actor, input }: WithInput<unknown>): Promise<TargetsView> {
  if (actor.role !== 'admin') throw new ForbiddenError('admin_only');
  const plan: TargetPlan = currentTargetPlan();
  const { year = plan.year } = parseInput(targetsInput, input);
  await catchUpStats(deps);
  const start = yearStart(year);
  const end = yearStart(year + 1);
  // Dates as ISO text: postgres.js refuses a Date bound inside a raw sql fragment.
  const within = (at: SQL) =>
    sql`${at} >= ${start.toISOString()}::timestamptz and ${at} < ${end.toISOString()}::timestamptz`;
  const inYear = (column: PgColumn) => within(sql`${column}`);
  const p = statsPairs;
  const [pairs] = await deps.db
    .select({
      needs_solved:
        sql<number>`count(distinct ${p.needId}) filter (where ${within(sql`coalesce(${p.dealAt}, ${p.landedAt})`)})`.mapWith(
          Number,
        ),
      industrialised: sql<number>`count(*) filter (where ${inYear(p.landedAt)})`.mapWith(Number),
      verification: sql<number>`count(*) filter (where ${inYear(p.pocStartedAt)})`.mapWith(Number),
      incubated: sql<number>`count(*) filter (where ${inYear(p.incubatedAt)})`.mapWith(Number),
    })
    .from(p);
  const [managers] = await deps.db
    .select({ n: count() })
    .from(events)
    .where(
      and(
        eq(events.type, 'user.created'),
        sql`${events.data}->>'role' = 'manager'`,
        gte(events.at, start),
        lt(events.at, end),
      ),
    );
  const progress: Record<TargetId, number> = {
    needs_solved: pairs?.needs_solved ?? 0,
    industrialised: pairs?.industrialised ?? 0,
    verification: pairs?.verification ?? 0,
    incubated: pairs?.incubated ?? 0,
    managers_trained: managers?.n ?? 0,
  };
  const now = deps.clock.now().getTime();
  const elapsed = Math.min(1, Math.max(0, (now - start.getTime()) / (end.getTime() - start.getTime())));
  const registered = await deps.db
    .select({ level: platforms.level, n: count() })
    .from(platforms)
    .where(eq(platforms.kind, 'poc_centre'))
    .groupBy(platforms.level);
  const levels = ['national', 'provincial', 'municipal'] as const;
  return {
    year,
    source: plan.source,
    yearElapsed: Math.round(elapsed * 10_000) / 10_000,
    targets: targetIds.map((id) => ({
      id,
      target: plan.targets[id],
      progress: progress[id],
      share: rate(progress[id], plan.targets[id]),
      projection: elapsed >= 1 ? progress[id] : elapsed === 0 ? 0 : Math.round(progress[id] / elapsed),
      countedAs: countedAs[id],
    })),
    pocCentres: levels.map((level) => ({
      level,
      target: plan.pocCentres[level],
      registered: registered.find((r) => r.level === level)?.n ?? 0,
    })),
  };
}
