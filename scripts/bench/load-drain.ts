import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../schema/db.ts';
import type { JobSystem } from '../create-runner.ts';
import { sleep } from './load-http.ts';

/**
 * Where the pipeline stands for the needs in the (scratch) database. A need is matched when its match job's
 * outbox row is done — what the pipeline records for "matched", whether it found suggestions or none; the
 * `failed` ones are needs whose ingest or match job gave up, which will never be matched.
 */
export type PipelineState = {
  stored: number;
  /** Needs the ingest job has turned into a match document. */
  ingested: number;
  matched: number;
  matchedWithNone: number;
  failed: number;
  /** Outbox rows of the pipeline (ingest, match, route, …) not yet finished. */
  openWork: number;
  /**
   * Unfinished notify jobs: the managers' acceptances record them, so they keep coming while managers work and
   * are not the posted needs' pipeline; reported, not waited for.
   */
  openNotify: number;
  /** Of `openWork`, the route jobs: pairs created but not yet handed to a manager. */
  openRoute: number;
  suggestions: number;
  /** Pairs still `suggested` without a manager: routing found nobody (or has not run yet). */
  unrouted: number;
};

export async function pipelineState(db: Db): Promise<PipelineState> {
  const [row] = await queryRows<Record<keyof PipelineState, string>>(
    db,
    sql`
      with jobs as (
        -- Need ids taken out of the deterministic job keys, so the join below is a plain hash join.
        select case when job_key like 'match-need-%' then substr(job_key, 12) else substr(job_key, 13) end as need_id,
          job_key like 'match-need-%' as is_match, status
        from outbox where job_key like 'match-need-%' or job_key like 'ingest-need-%'
      ), job_state as (
        select n.id,
          coalesce(bool_or(j.is_match and j.status = 'done'), false) as matched,
          coalesce(bool_or(j.status = 'failed'), false) as failed
        from needs n left join jobs j on j.need_id = n.id::text
        group by n.id
      )
      select
        (select count(*) from needs) as stored,
        (select count(*) from match_documents where kind = 'need') as ingested,
        (select count(*) from job_state where matched) as matched,
        (select count(*) from job_state j where matched
           and not exists (select 1 from suggestions s where s.need_id = j.id)) as "matchedWithNone",
        (select count(*) from job_state where failed and not matched) as failed,
        (select count(*) from outbox where status in ('pending', 'dispatched') and job not in ('notify', 'sla-sweep'))
          as "openWork",
        (select count(*) from outbox where status in ('pending', 'dispatched') and job = 'notify') as "openNotify",
        (select count(*) from outbox where status in ('pending', 'dispatched') and job = 'route') as "openRoute",
        (select count(*) from suggestions) as suggestions,
        (select count(*) from suggestions where stage = 'suggested' and manager_id is null) as unrouted`,
  );
  if (!row) throw new Error('pipeline state query returned no row');
  const n = (v: string) => Number(v);
  return {
    stored: n(row.stored),
    ingested: n(row.ingested),
    matched: n(row.matched),
    matchedWithNone: n(row.matchedWithNone),
    failed: n(row.failed),
    openWork: n(row.openWork),
    openNotify: n(row.openNotify),
    openRoute: n(row.openRoute),
    suggestions: n(row.suggestions),
    unrouted: n(row.unrouted),
  };
}

/**
 * What "drained" waits for: `routed` (the default) — every stored need matched (or failed for good), every
 * pair routed and no pipeline job open; `matched` — every need ingested and matched, routing may still be
 * working through the pairs (its backlog is reported). The checks (stored once, matched, no duplicate pair,
 * no double claim or decision) hold either way; `matched` keeps a run bounded where routing is the slow stage.
 */
export type DrainUntil = 'matched' | 'routed';

/** Polls until drained (see DrainUntil) or until `deadline` (Date.now ms). One progress line every five seconds. */
export async function waitForDrain(
  db: Db,
  jobs: JobSystem,
  deadline: number,
  progress: (line: string) => void,
  until: DrainUntil = 'routed',
): Promise<{ drained: boolean; state: PipelineState }> {
  let lastLine = 0;
  for (;;) {
    const state = await pipelineState(db);
    const counts = await jobs.runner.counts();
    // The outbox row of a job is finished only once the job has run, so it alone tells when the work is done;
    // the runner's counts are shown but include notify jobs, which are not waited for.
    const open = until === 'routed' ? state.openWork : state.openWork - state.openRoute;
    const drained = state.matched + state.failed >= state.stored && open === 0;
    if (drained || Date.now() >= deadline) return { drained, state };
    if (Date.now() - lastLine >= 5000) {
      lastLine = Date.now();
      progress(
        `draining: ingested ${state.ingested}, matched ${state.matched}/${state.stored} needs (${state.failed} failed), ` +
          `${state.suggestions} pairs (${state.unrouted} not routed), open pipeline jobs ${state.openWork}, ` +
          `notify ${state.openNotify}; ` +
          `jobs waiting ${counts.waiting}, running ${counts.active}, delayed ${counts.delayed}`,
      );
    }
    await sleep(1000);
  }
}
