import { createServer, type Server } from 'node:http';
import type { Logger } from 'pino';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import { countWork, type WorkCounts } from '../matching/admin/count-work.ts';
import type { JobQueueStats } from '../matching/core/deps.ts';
import { errorLogFields } from '../matching/core/error-log-fields.ts';
import type { Db } from '../schema/db.ts';
import type { JobListener } from './job-runner.ts';

/**
 * Prometheus metrics for one process, on a registry of its own (never prom-client's global one, so tests can
 * build several apps side by side). Labels are bounded and carry no data: job names, outcomes, stages, statuses,
 * HTTP methods, route patterns and status codes — never ids, keys or text. The job label is `job_name` because
 * Prometheus reserves `job` for the scrape target.
 */
export type Metrics = {
  registry: Registry;
  /** Feeds the job counters and duration histogram; give it to `createRunner({ listeners })`. */
  jobListener: JobListener;
  /**
   * Where the scrape-time gauges read from. `jobQueue`: queue depth; `db`: outbox rows and suggestions by
   * stage (the API process sets it; workers leave it out so N workers do not export N copies of one count).
   */
  watch(sources: MetricSources): void;
  render(): Promise<{ contentType: string; body: string }>;
};

export type MetricSources = { jobQueue?: JobQueueStats | undefined; db?: Db | undefined; logger?: Logger };

const jobBuckets = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300];

export function createMetrics(options: { processMetrics?: boolean } = {}): Metrics {
  const registry = new Registry();
  if (options.processMetrics ?? true) collectDefaultMetrics({ register: registry });
  let sources: MetricSources = {};

  const completed = new Counter({
    name: 'jobs_completed_total',
    help: 'Background jobs that completed, by job name',
    labelNames: ['job_name'] as const,
    registers: [registry],
  });
  const failed = new Counter({
    name: 'jobs_failed_total',
    help: 'Background jobs that failed for good (permanent error or out of attempts), by job name',
    labelNames: ['job_name'] as const,
    registers: [registry],
  });
  const retried = new Counter({
    name: 'jobs_retried_total',
    help: 'Background job runs that failed transiently and will be retried, by job name',
    labelNames: ['job_name'] as const,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'job_duration_seconds',
    help: 'Duration of one background job run, by job name and outcome (completed, retrying, failed)',
    labelNames: ['job_name', 'outcome'] as const,
    buckets: jobBuckets,
    registers: [registry],
  });

  const queueDepth: Gauge<'state'> = new Gauge({
    name: 'job_queue_depth',
    help: "Jobs the runner holds, by state (waiting, active, delayed); BullMQ's count is shared by all workers",
    labelNames: ['state'] as const,
    registers: [registry],
    collect: async () => {
      queueDepth.reset();
      if (!sources.jobQueue) return;
      try {
        const counts = await sources.jobQueue.counts();
        for (const state of ['waiting', 'active', 'delayed'] as const) queueDepth.set({ state }, counts[state]);
      } catch (error) {
        sources.logger?.warn({ error: errorLogFields(error) }, 'metrics: queue depth unavailable');
      }
    },
  });

  // Both database gauges share one read per scrape (the registry collects metrics concurrently).
  let inflight: Promise<WorkCounts | undefined> | undefined;
  const readWork = () => {
    const { db } = sources;
    if (!db) return Promise.resolve(undefined);
    inflight ??= countWork({ deps: { db } })
      .catch((error: unknown) => {
        sources.logger?.warn({ error: errorLogFields(error) }, 'metrics: database counts unavailable');
        return undefined;
      })
      .finally(() => {
        inflight = undefined;
      });
    return inflight;
  };
  const outboxRows: Gauge<'job_name' | 'status'> = new Gauge({
    name: 'outbox_rows',
    help: 'Outbox rows (recorded background work) by job name and status',
    labelNames: ['job_name', 'status'] as const,
    registers: [registry],
    collect: async () => {
      const work = await readWork();
      outboxRows.reset();
      for (const row of work?.outbox ?? []) outboxRows.set({ job_name: row.job, status: row.status }, row.n);
    },
  });
  const suggestionsByStage: Gauge<'stage'> = new Gauge({
    name: 'suggestions_by_stage',
    help: 'Suggested pairs by stage of the conversion chain',
    labelNames: ['stage'] as const,
    registers: [registry],
    collect: async () => {
      const work = await readWork();
      suggestionsByStage.reset();
      for (const row of work?.suggestionsByStage ?? []) suggestionsByStage.set({ stage: row.stage }, row.n);
    },
  });

  const jobListener: JobListener = (event) => {
    const labels = { job_name: event.job.name };
    if (event.outcome === 'completed') completed.inc(labels);
    else if (event.outcome === 'failed') failed.inc(labels);
    else retried.inc(labels);
    duration.observe({ ...labels, outcome: event.outcome }, event.durationMs / 1000);
  };

  return {
    registry,
    jobListener,
    watch(next) {
      sources = { ...sources, ...next };
    },
    async render() {
      return { contentType: registry.contentType, body: await registry.metrics() };
    },
  };
}

/**
 * A bare `GET /metrics` listener for a process without an HTTP server (the worker). Like the API's, it has no
 * authentication: bind it to a private interface and never expose it publicly.
 */
export function serveMetrics(metrics: Metrics, options: { port: number; host: string; logger: Logger }): Server {
  const server = createServer((req, res) => {
    if (req.method !== 'GET' || req.url?.split('?')[0] !== '/metrics') {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
      return;
    }
    metrics.render().then(
      ({ contentType, body }) => res.writeHead(200, { 'content-type': contentType }).end(body),
      (error: unknown) => {
        options.logger.error({ error: errorLogFields(error) }, 'metrics: render failed');
        res.writeHead(500, { 'content-type': 'text/plain' }).end('metrics unavailable\n');
      },
    );
  });
  server.listen(options.port, options.host, () =>
    options.logger.info({ port: options.port, host: options.host }, 'metrics listening on /metrics'),
  );
  return server;
}
