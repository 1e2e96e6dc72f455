import type { Context, MiddlewareHandler } from 'hono';
import { matchedRoutes } from 'hono/route';
import type { Logger } from 'pino';
import { Histogram, type Registry } from 'prom-client';
import type { JobQueueStats } from '../matching/core/deps.ts';
import type { Db } from '../schema/db.ts';

/**
 * What the API needs of its process's metrics. The registry itself is built by the composition root
 * (scripts/start.ts, with workers/metrics.ts) and shared with the job runner, so the API never imports the
 * workers layer; any object of this shape will do.
 */
export type AppMetrics = {
  registry: Registry;
  watch(sources: { jobQueue?: JobQueueStats | undefined; db?: Db | undefined; logger?: Logger }): void;
  render(): Promise<{ contentType: string; body: string }>;
};

const httpBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const knownMethods = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/**
 * Observes every request into `http_request_duration_seconds{method, route, status}`. `route` is the pattern
 * the router matched (`/v1/needs/:id`), never the raw path, so ids stay out of the labels and the series
 * count stays bounded; a path no route knows is `unmatched`. Registered first, so it times everything.
 */
export function httpMetrics(metrics: AppMetrics): MiddlewareHandler {
  const name = 'http_request_duration_seconds';
  const histogram =
    (metrics.registry.getSingleMetric(name) as Histogram<'method' | 'route' | 'status'> | undefined) ??
    new Histogram({
      name,
      help: 'HTTP request duration by method, route pattern and status code',
      labelNames: ['method', 'route', 'status'] as const,
      buckets: httpBuckets,
      registers: [metrics.registry],
    });
  return async (c, next) => {
    const started = performance.now();
    try {
      await next();
    } finally {
      const method = knownMethods.has(c.req.method) ? c.req.method : 'OTHER';
      histogram.observe(
        { method, route: routeLabel(c), status: String(c.res.status) },
        (performance.now() - started) / 1000,
      );
    }
  };
}

/**
 * The handler that answered, or, when a middleware answered first (401 before the handler ran), the first
 * handler the path matched. `app.use` middleware is registered for every method (`ALL`) and never names a
 * route.
 */
export function routeLabel(c: Context): string {
  const routes = matchedRoutes(c);
  const answered = routes[c.req.routeIndex];
  if (answered && answered.method !== 'ALL') return answered.path;
  return routes.find((route) => route.method !== 'ALL')?.path ?? 'unmatched';
}
