import { and, asc, inArray, isNotNull } from 'drizzle-orm';
import type { Db } from '../../schema/db.ts';
import { outbox } from '../../schema/outbox.ts';
import { suggestions } from '../../schema/suggestions.ts';
import { median, p95 } from './percentiles.ts';
import type { NeedResult } from './pipeline-load.ts';

/** Where the time of a routed need went, per step, from the outbox rows and the suggestion's routedAt. */
export const steps = [
  ['post→ingest recorded', 'POST handler up to its transaction (HTTP, auth, validation)'],
  ['ingest: relay wait', 'outbox row pending until a relay poll claims it'],
  ['ingest: queue+run', 'dispatched → finished: runner queue, text pipeline, match document, settle'],
  ['match: relay wait', ''],
  ['match: queue+run', 'engine sync, retrieval over the pool, ranker, suggestions + route rows'],
  ['route: relay wait', ''],
  ['route: queue+run', 'lock candidates, choose manager, write'],
  ['routed→measured', 'routedAt → end of the measured time (database watch interval; --confirm live: + GET /v1/queue)'],
] as const;

export type StepName = (typeof steps)[number][0];
export type Breakdown = Record<StepName, { p50_ms: number; p95_ms: number }>;

type Row = { createdAt: Date; dispatchedAt: Date | null; finishedAt: Date | null };

export async function pipelineBreakdown(
  db: Db,
  results: readonly NeedResult[],
  latency: (r: NeedResult) => number | undefined,
): Promise<Breakdown | null> {
  const routed = results.filter((r) => r.needId !== undefined && latency(r) !== undefined);
  const needIds = routed.map((r) => r.needId ?? '');
  if (needIds.length === 0) return null;
  const firstRouted = new Map<string, { id: string; routedAt: Date }>();
  const pairs = await db
    .select({ id: suggestions.id, needId: suggestions.needId, routedAt: suggestions.routedAt })
    .from(suggestions)
    .where(and(inArray(suggestions.needId, needIds), isNotNull(suggestions.routedAt)))
    .orderBy(asc(suggestions.routedAt));
  for (const p of pairs)
    if (p.routedAt && !firstRouted.has(p.needId)) firstRouted.set(p.needId, { ...p, routedAt: p.routedAt });
  const keys = needIds.flatMap((id) => [`ingest-need-${id}`, `match-need-${id}`]);
  for (const p of firstRouted.values()) keys.push(`route-${p.id}`);
  const rows = await db
    .select({
      jobKey: outbox.jobKey,
      createdAt: outbox.createdAt,
      dispatchedAt: outbox.dispatchedAt,
      finishedAt: outbox.finishedAt,
    })
    .from(outbox)
    .where(inArray(outbox.jobKey, keys))
    .orderBy(asc(outbox.id));
  const byKey = new Map<string, Row>();
  for (const row of rows) if (!byKey.has(row.jobKey)) byKey.set(row.jobKey, row);

  const samples = new Map<StepName, number[]>(steps.map(([name]) => [name, []]));
  const add = (name: StepName, from: Date | number | null | undefined, to: Date | number | null | undefined) => {
    if (from === null || from === undefined || to === null || to === undefined) return;
    samples.get(name)?.push(Number(to) - Number(from));
  };
  for (const r of routed) {
    const needId = r.needId ?? '';
    const ingest = byKey.get(`ingest-need-${needId}`);
    const match = byKey.get(`match-need-${needId}`);
    const pair = firstRouted.get(needId);
    const route = pair ? byKey.get(`route-${pair.id}`) : undefined;
    add('post→ingest recorded', r.sentWall, ingest?.createdAt);
    add('ingest: relay wait', ingest?.createdAt, ingest?.dispatchedAt);
    add('ingest: queue+run', ingest?.dispatchedAt, ingest?.finishedAt);
    add('match: relay wait', match?.createdAt, match?.dispatchedAt);
    add('match: queue+run', match?.dispatchedAt, match?.finishedAt);
    add('route: relay wait', route?.createdAt, route?.dispatchedAt);
    add('route: queue+run', route?.dispatchedAt, route?.finishedAt);
    add('routed→measured', pair?.routedAt, r.sentWall + (latency(r) ?? 0));
  }
  const round = (x: number) => Math.round(x);
  const out: Partial<Breakdown> = {};
  for (const [name, values] of samples) {
    out[name] = values.length
      ? { p50_ms: round(median(values)), p95_ms: round(p95(values)) }
      : { p50_ms: 0, p95_ms: 0 };
  }
  return out as Breakdown;
}
