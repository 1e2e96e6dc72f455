import { type Job, Queue, UnrecoverableError, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import type { Deps } from '../matching/core/deps.ts';
import { backoffDelay } from './backoff.ts';
import { executeJob } from './execute-job.ts';
import type { JobCatalog } from './job-catalog.ts';
import { assertJobId, type JobListener, type JobRunner, type RunnerCounts } from './job-runner.ts';

export type BullmqRunnerOptions = {
  deps: Deps;
  catalog: JobCatalog;
  redisUrl: string;
  listeners?: readonly JobListener[];
  /** Redis key prefix; tests use a random one per test so suites never share a queue. */
  prefix?: string;
  queueName?: string;
  /** Jobs one worker process runs at once. */
  concurrency?: number;
  /** How long a dead worker's job stays locked before another worker takes it over. */
  lockDurationMs?: number;
  stalledIntervalMs?: number;
};

/** Named in `backoff.type` so BullMQ asks our strategy, which reads the job's own settings from the catalog. */
const catalogBackoff = 'catalog';

/**
 * BullMQ on Redis: one queue, one named job per catalog entry, any number of worker processes. Finished jobs
 * are removed at once: Postgres keeps the record (outbox status, attempts, last error), and a job id that
 * lingered in Redis would swallow the reconciler's re-dispatch of a row that was never settled.
 */
export function createBullmqRunner(options: BullmqRunnerOptions): JobRunner {
  const queueName = options.queueName ?? 'jobs';
  const prefix = options.prefix ?? 'ca';
  // Workers must wait out a Redis restart (maxRetriesPerRequest null); the producer connection is separate so
  // a blocked worker command never delays a dispatch.
  const log = options.deps.logger;
  const connect = () => {
    const connection = new Redis(options.redisUrl, { maxRetriesPerRequest: null });
    connection.on('error', (error) => log.warn({ err: error.message }, 'redis connection error'));
    return connection;
  };
  const producer = connect();
  // Only a process that executes jobs (`start`) opens the consumer connections.
  let consumer: Redis | undefined;
  const queue = new Queue(queueName, {
    connection: producer,
    prefix,
    defaultJobOptions: { removeOnComplete: true, removeOnFail: true },
  });
  queue.on('error', (error) => log.warn({ err: error.message }, 'job queue error'));
  let worker: Worker | undefined;

  const processJob = async (job: Job, _token?: string, signal?: AbortSignal) => {
    assertJobId(job.id ?? '');
    // attemptsMade counts finished failed runs; a run restarted after a crash (stalled) keeps its number.
    const attempt = job.attemptsMade + 1;
    const execution = await executeJob({ name: job.name, id: job.id ?? '', payload: job.data }, attempt, {
      deps: options.deps,
      catalog: options.catalog,
      listeners: options.listeners ?? [],
      ...(signal ? { signal } : {}),
    });
    if (execution.ok) return;
    if (execution.permanent) throw new UnrecoverableError(execution.summary);
    throw execution.error instanceof Error ? execution.error : new Error(execution.summary);
  };

  return {
    kind: 'bullmq',
    async dispatch(request) {
      assertJobId(request.id);
      const definition = options.catalog.get(request.name);
      if (!definition) throw new Error(`job ${request.name} is not in the catalog`);
      // A job id already in Redis (waiting, delayed or active) makes this add a no-op.
      await queue.add(request.name, request.payload, {
        jobId: request.id,
        attempts: definition.attempts,
        backoff: { type: catalogBackoff },
      });
    },
    async start() {
      if (worker) return;
      consumer = connect();
      worker = new Worker(queueName, processJob, {
        connection: consumer,
        prefix,
        concurrency: options.concurrency ?? 4,
        ...(options.lockDurationMs ? { lockDuration: options.lockDurationMs } : {}),
        ...(options.stalledIntervalMs ? { stalledInterval: options.stalledIntervalMs } : {}),
        settings: {
          backoffStrategy: (attemptsMade, _type, _error, job) => {
            const definition = job ? options.catalog.get(job.name) : undefined;
            return definition ? backoffDelay(definition.backoff, attemptsMade) : 1_000;
          },
        },
      });
      worker.on('error', (error) => log.warn({ err: error.message }, 'job worker error'));
    },
    async stop({ drain = true } = {}) {
      // close() without force waits for active jobs; forced, BullMQ aborts their signals and lets the lock
      // expire, so another worker takes them over.
      if (worker) await worker.close(!drain);
      await queue.close();
      producer.disconnect();
      consumer?.disconnect();
    },
    async counts(): Promise<RunnerCounts> {
      const counts = await queue.getJobCounts('waiting', 'prioritized', 'active', 'delayed');
      return {
        waiting: (counts.waiting ?? 0) + (counts.prioritized ?? 0),
        active: counts.active ?? 0,
        delayed: counts.delayed ?? 0,
      };
    },
  };
}
