import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../env.ts';
import type { AppMetrics } from '../metrics.ts';

/**
 * `GET /metrics` in Prometheus text format. No API key, because Prometheus scrapes it; it holds only counts,
 * durations and bounded labels (no ids, keys or text), but operators should still keep it off the public
 * internet (serve it on a private network or block the path at the proxy).
 */
export function registerMetrics(app: OpenAPIHono<AppEnv>, metrics: AppMetrics) {
  app.get('/metrics', async (c) => {
    const { contentType, body } = await metrics.render();
    return c.body(body, 200, { 'content-type': contentType, 'cache-control': 'no-store' });
  });
}
