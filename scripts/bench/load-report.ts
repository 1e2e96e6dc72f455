import type { Checks } from './load-checks.ts';
import type { PipelineState } from './load-drain.ts';
import type { CallKind, CallRecord, ClientMessage } from './load-types.ts';
import { percentile } from './percentiles.ts';
import type { JobTimings } from './pipeline-timing.ts';

type Done = Extract<ClientMessage, { type: 'done' }>;
export type Latency = { p50_ms: number | null; p95_ms: number | null; p99_ms: number | null; count: number };

const managerKinds: readonly CallKind[] = ['get_queue', 'claim', 'decision'];
const round1 = (x: number) => Math.round(x * 10) / 10;

/** Percentiles of the calls that got an answer (status 0, no answer, has no meaningful latency). */
export function latency(calls: readonly CallRecord[]): Latency {
  const ms = calls.filter((c) => c.status !== 0).map((c) => c.ms);
  const at = (p: number) => (ms.length > 0 ? round1(percentile(ms, p)) : null);
  return { p50_ms: at(0.5), p95_ms: at(0.95), p99_ms: at(0.99), count: ms.length };
}

/** `{ "201": 9998, "0": 2 }` per call kind; status 0 means no answer (network error or client timeout). */
export function statusCounts(calls: readonly CallRecord[]): Record<string, Record<string, number>> {
  const out: Record<string, Record<string, number>> = {};
  for (const c of calls) {
    const byStatus = out[c.kind] ?? {};
    byStatus[String(c.status)] = (byStatus[String(c.status)] ?? 0) + 1;
    out[c.kind] = byStatus;
  }
  return out;
}

export type Summary = ReturnType<typeof summarise>;

export function summarise(input: {
  runner: string;
  needs: number;
  rate: number;
  done: Done;
  drained: boolean;
  /** What drained waited for (load-drain.ts DrainUntil). */
  until: string;
  drainSeconds: number;
  state: PipelineState;
  checks: Checks;
  jobTimings: JobTimings;
}) {
  const { done, checks, state } = input;
  const posts = done.calls.filter((c) => c.kind === 'post_need');
  const managerCalls = done.calls.filter((c) => managerKinds.includes(c.kind));
  const answered = posts.filter((c) => c.status !== 0).length;
  const postLatency = latency(posts);
  const server5xx = done.calls.filter((c) => c.status >= 500).length;
  const postErrors = posts.filter((c) => c.status !== 201).length;
  return {
    runner: input.runner,
    needs: input.needs,
    target_rps: input.rate,
    rps: round1(answered / Math.max(done.postingSeconds, 0.001)),
    p50_ms: postLatency.p50_ms,
    p95_ms: postLatency.p95_ms,
    p99_ms: postLatency.p99_ms,
    posts_answered: answered,
    lost: checks.lost,
    duplicated: checks.duplicated,
    server_5xx: server5xx,
    post_errors: postErrors,
    unsent: done.unsent,
    drained: input.drained,
    drained_until: input.until,
    drain_s: round1(input.drainSeconds),
    posting_s: round1(done.postingSeconds),
    manager: {
      rps: round1(managerCalls.length / Math.max(done.managerSeconds, 0.001)),
      ...latency(managerCalls),
      by_kind: Object.fromEntries(managerKinds.map((k) => [k, latency(managerCalls.filter((c) => c.kind === k))])),
      claims_won: done.tally.claimsWon.length,
      decisions_applied: done.tally.decisionsApplied.length,
      claim_races_lost: done.tally.claimRacesLost,
      double_submits: done.tally.doubleSubmits,
      double_submits_refused: done.tally.doubleSubmitsRefused,
    },
    statuses: statusCounts(done.calls),
    /** Run time of the processor alone (not the wait in the queue), per job name. */
    jobs: Object.fromEntries(
      Object.entries(input.jobTimings)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([name, list]) => [
          name,
          { count: list.length, p50_ms: round1(percentile(list, 0.5)), p95_ms: round1(percentile(list, 0.95)) },
        ]),
    ),
    pipeline: { ...state },
    checks: { ...checks },
  };
}

/** Whether the run passes: nothing lost or duplicated, no 5xx, every post stored, the pipeline drained. */
export function failures(s: Summary): string[] {
  const out: string[] = [];
  if (s.lost > 0) out.push(`${s.lost} needs lost`);
  if (s.duplicated > 0) out.push(`${s.duplicated} duplicates or double-applied actions`);
  if (s.server_5xx > 0) out.push(`${s.server_5xx} answers with status 5xx`);
  if (s.post_errors > 0) out.push(`${s.post_errors} posts not answered 201`);
  if (s.unsent > 0) out.push(`${s.unsent} needs never sent (duration limit)`);
  if (!s.drained) out.push('the pipeline did not drain within the duration limit');
  if (s.checks.foreignRows > 0) out.push(`${s.checks.foreignRows} need rows nobody posted`);
  if (s.manager.double_submits_refused < s.manager.double_submits)
    out.push(
      `${s.manager.double_submits - s.manager.double_submits_refused} double-submitted decisions not refused once`,
    );
  return out;
}

const ms = (x: number | null) => (x === null ? '–' : `${x} ms`);
const lat = (l: Latency) => `p50 ${ms(l.p50_ms)}, p95 ${ms(l.p95_ms)}, p99 ${ms(l.p99_ms)} (${l.count} answered)`;

export function renderReport(s: Summary, setup: string): string {
  const c = s.checks;
  const statuses = Object.entries(s.statuses)
    .map(
      ([kind, counts]) =>
        `${kind} ${Object.entries(counts)
          .map(([st, n]) => `${st}×${n}`)
          .join(' ')}`,
    )
    .join('; ');
  return [
    '',
    `bench:load — ${s.needs} needs at a target ${s.target_rps}/s, runner ${s.runner}`,
    `  ${setup}`,
    `  posts: ${s.rps} answered/s over ${s.posting_s} s; POST /v1/needs ${lat({ ...s, count: s.posts_answered })}`,
    `  managers: ${s.manager.rps} calls/s; all calls ${lat(s.manager)}`,
    ...Object.entries(s.manager.by_kind).map(([kind, l]) => `    ${kind.padEnd(10)} ${lat(l)}`),
    `    claims won ${s.manager.claims_won} (races lost ${s.manager.claim_races_lost}), decisions applied ` +
      `${s.manager.decisions_applied}, double-submitted decisions ${s.manager.double_submits} ` +
      `(refused once: ${s.manager.double_submits_refused})`,
    `  statuses: ${statuses}`,
    `  pipeline: ${s.drained ? 'drained' : 'NOT drained'} (until ${s.drained_until}) ${s.drain_s} s after the last post; ` +
      `${s.pipeline.matched}/${s.pipeline.stored} needs matched (${s.pipeline.matchedWithNone} with no pair), ` +
      `${s.pipeline.failed} failed, ${s.pipeline.suggestions} pairs, ${s.pipeline.unrouted} not routed; ` +
      `${s.pipeline.openRoute} route jobs still queued; ${s.pipeline.openNotify} notify jobs still queued (not waited for)`,
    `  job run times (processor only): ${Object.entries(s.jobs)
      .map(([name, j]) => `${name} ×${j.count} p50 ${j.p50_ms} / p95 ${j.p95_ms} ms`)
      .join('; ')}`,
    `  stored: ${c.answered201} answered 201, ${c.storedRows} rows (${c.storedWithout201} without a 201, ` +
      `${c.foreignRows} foreign); missing ${c.missingRows}, wrong id ${c.wrongIds}, unmatched ${c.unmatched}`,
    `  duplicates: need rows ${c.duplicateNeedRows}, pairs ${c.duplicatePairs}, claims ${c.doubleClaims}, ` +
      `decisions ${c.doubleDecisions}; events: ${c.claimEvents} claimed, ${c.decisionEvents} decided`,
    `  lost ${s.lost}, duplicated ${s.duplicated}, 5xx ${s.server_5xx}`,
  ].join('\n');
}
