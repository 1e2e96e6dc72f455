import type { z } from 'zod';
import type { Deps } from '../matching/core/deps.ts';
import { ingestJob } from './jobs/ingest.ts';
import { matchJob } from './jobs/match.ts';
import { notifyJob } from './jobs/notify.ts';
import { reembedJob } from './jobs/reembed.ts';
import { rerouteNeedJob } from './jobs/reroute-need.ts';
import { rescoreJob } from './jobs/rescore.ts';
import { routeJob } from './jobs/route.ts';
import { slaSweepJob } from './jobs/sla-sweep.ts';

/** What a processor learns about the run besides its payload; `signal` aborts on timeout or forced stop. */
export type JobMeta = { jobId: string; attempt: number; signal?: AbortSignal };

/** Exponential: attempt n waits `delayMs * 2^(n-1)` (capped), minus up to `jitter` of it, so retries spread out. */
export type Backoff = { delayMs: number; maxDelayMs: number; jitter: number };

/** The settings of one job; processors are bound later (see `createJobCatalog`). */
export type JobSpec<S extends z.ZodType = z.ZodType> = {
  name: string;
  /** Ids only: a processor loads current state from Postgres, so a late or repeated run is still right. */
  payload: S;
  /** Total runs before a transient failure becomes final (1 = never retried). */
  attempts: number;
  backoff: Backoff;
  timeoutMs: number;
};

export type JobDefinition<S extends z.ZodType = z.ZodType> = JobSpec<S> & {
  // Method syntax on purpose: a catalog holds definitions of different payload types side by side.
  process(deps: Deps, payload: z.infer<S>, meta: JobMeta): Promise<unknown>;
};

export type Processor<S extends z.ZodType> = JobDefinition<S>['process'];

export function defineJob<S extends z.ZodType>(definition: JobDefinition<S>): JobDefinition<S> {
  if (definition.name.includes(':')) throw new Error(`job name must not contain ':' (${definition.name})`);
  if (!Number.isInteger(definition.attempts) || definition.attempts < 1) throw new Error('attempts must be ≥ 1');
  if (definition.timeoutMs <= 0) throw new Error('timeoutMs must be positive');
  return definition;
}

export type JobCatalog = ReadonlyMap<string, JobDefinition>;

export function catalogOf(definitions: JobDefinition[]): JobCatalog {
  const catalog = new Map<string, JobDefinition>();
  for (const definition of definitions) {
    if (catalog.has(definition.name)) throw new Error(`job ${definition.name} defined twice`);
    catalog.set(definition.name, definition);
  }
  return catalog;
}

export const jobSpecs = {
  ingest: ingestJob,
  match: matchJob,
  route: routeJob,
  rescore: rescoreJob,
  rerouteNeed: rerouteNeedJob,
  slaSweep: slaSweepJob,
  notify: notifyJob,
  reembed: reembedJob,
} as const;

type Specs = typeof jobSpecs;
/** The production processors, one per job; a job without one is left out of the catalog (see below). */
export type Processors = { [K in keyof Specs]?: Processor<Specs[K]['payload']> };

/**
 * The production catalog. A job whose processor is not given is left out: the relay then leaves its outbox
 * rows pending (visible to admins) instead of dispatching work nobody can run, and picks them up once a
 * release that has the processor starts.
 */
export function createJobCatalog(processors: Processors): JobCatalog {
  const definitions: JobDefinition[] = [];
  for (const key of Object.keys(jobSpecs) as (keyof Specs)[]) {
    const process = processors[key];
    if (process) definitions.push(defineJob({ ...jobSpecs[key], process } as JobDefinition));
  }
  return catalogOf(definitions);
}
