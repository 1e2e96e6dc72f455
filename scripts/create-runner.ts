import type { Deps } from '../matching/core/deps.ts';
import { createBullmqRunner } from '../workers/bullmq-runner.ts';
import { createInProcessRunner } from '../workers/inprocess-runner.ts';
import type { JobCatalog } from '../workers/job-catalog.ts';
import type { JobListener, JobRunner } from '../workers/job-runner.ts';
import { outboxListener } from '../workers/outbox-listener.ts';
import { createOutboxReconciler } from '../workers/outbox-reconciler.ts';
import { createOutboxRelay } from '../workers/outbox-relay.ts';
import { createSchedule } from '../workers/schedules.ts';
import type { Config } from './config.ts';

export type RunnerOptions = {
  /** `api`: with Redis it only dispatches; without, it also runs the jobs. `worker`: runs BullMQ jobs. */
  role: 'api' | 'worker';
  concurrency?: number;
  relayPollMs?: number;
  relayBatchSize?: number;
  stuckAfterMs?: number;
  reconcileIntervalMs?: number;
  /** How often the SLA sweep runs (when the catalog has it); 0 turns the schedule off. */
  slaSweepEveryMs?: number;
  /** More listeners beside the outbox one (metrics). */
  listeners?: JobListener[];
  /** BullMQ settings, for tests: a private key prefix, short locks so a killed worker's jobs move on sooner. */
  bullmq?: { prefix?: string; queueName?: string; lockDurationMs?: number; stalledIntervalMs?: number };
};

export type JobSystem = {
  runner: JobRunner;
  /** Whether this process executes jobs (false: the API with Redis, which only dispatches). */
  executes: boolean;
  start(): Promise<void>;
  /** Hands recorded work to the runner now rather than at the relay's next poll. */
  wake(): void;
  /** Stops polling, then stops the runner; `drain` (the default) lets running jobs finish. */
  stop(options?: { drain?: boolean }): Promise<void>;
};

/**
 * Turns config into the background-work machinery: REDIS_URL set → BullMQ (the API dispatches, `npm run
 * worker` processes execute); unset → everything in the API process. The outbox relay runs wherever jobs are
 * dispatched; the reconciler and the SLA sweep schedule wherever they execute. `catalog` comes from the
 * caller (workers/processors.ts in production, a test catalog in the fault tests).
 */
export function createRunner(
  config: Pick<Config, 'REDIS_URL'>,
  deps: Deps,
  catalog: JobCatalog,
  options: RunnerOptions,
): JobSystem {
  if (options.role === 'worker' && !config.REDIS_URL) throw new Error('a worker process needs REDIS_URL');
  // In one process a finished job has just recorded its follow-up (ingest → match → route): the relay is woken
  // to hand it over at once instead of after its poll interval.
  const wakeRelay: JobListener = () => relay.wake();
  const listeners = [outboxListener(deps.db, deps.clock), ...(options.listeners ?? []), wakeRelay];
  const runner = config.REDIS_URL
    ? createBullmqRunner({
        deps,
        catalog,
        listeners,
        redisUrl: config.REDIS_URL,
        concurrency: options.concurrency ?? 4,
        ...options.bullmq,
      })
    : createInProcessRunner({ deps, catalog, listeners, concurrency: options.concurrency ?? 2 });
  const executes = options.role === 'worker' || !config.REDIS_URL;
  const jobs = [...catalog.keys()];
  const common = { db: deps.db, runner, jobs, clock: deps.clock, logger: deps.logger };
  const relay = createOutboxRelay({
    ...common,
    ...(options.relayPollMs ? { pollMs: options.relayPollMs } : {}),
    ...(options.relayBatchSize ? { batchSize: options.relayBatchSize } : {}),
  });
  const reconciler = executes
    ? createOutboxReconciler({
        ...common,
        ...(options.stuckAfterMs !== undefined ? { stuckAfterMs: options.stuckAfterMs } : {}),
        ...(options.reconcileIntervalMs ? { intervalMs: options.reconcileIntervalMs } : {}),
      })
    : undefined;
  const slaSweepEveryMs = options.slaSweepEveryMs ?? 5 * 60_000;
  const schedule =
    executes && catalog.has('sla-sweep') && slaSweepEveryMs > 0
      ? createSchedule({ ...common, job: 'sla-sweep', everyMs: slaSweepEveryMs })
      : undefined;

  return {
    runner,
    executes,
    async start() {
      if (executes) await runner.start();
      relay.start();
      reconciler?.start();
      schedule?.start();
    },
    wake: () => relay.wake(),
    async stop({ drain = true } = {}) {
      await Promise.all([relay.stop(), reconciler?.stop(), schedule?.stop()]);
      await runner.stop({ drain });
    },
  };
}
