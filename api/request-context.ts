import type { MiddlewareHandler } from 'hono';
import type { Deps } from '../matching/core/deps.ts';
import type { AppEnv } from './env.ts';
import { pickLang } from './i18n.ts';

const validRequestId = /^[\w.-]{1,128}$/;

/** Load balancers and orchestrators probe these every few seconds; at info they would bury the real requests. */
const healthPaths = new Set(['/healthz', '/readyz']);

/**
 * Request id (a caller's own X-Request-Id is kept when it is sane, so traces join up), language, deps, and one
 * access log line. Only method, path, status and timing are logged: never headers, bodies or query values.
 */
export function requestContext(deps: Deps): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const incoming = c.req.header('x-request-id');
    const requestId = incoming && validRequestId.test(incoming) ? incoming : crypto.randomUUID();
    c.set('requestId', requestId);
    c.set('lang', pickLang(c.req.header('accept-language')));
    c.set('deps', deps);
    const started = performance.now();
    await next();
    c.header('x-request-id', requestId);
    // A successful write has recorded its background work (outbox) by now; let a local relay take it at once.
    if (c.req.method !== 'GET' && c.res.status < 300) deps.workRecorded?.();
    const actor = c.get('actor');
    // A failing probe is news, so only the passing ones drop to debug.
    const level = healthPaths.has(c.req.path) && c.res.status < 400 ? 'debug' : 'info';
    deps.logger[level](
      {
        requestId,
        method: c.req.method,
        path: c.req.path,
        status: c.res.status,
        ms: Math.round((performance.now() - started) * 10) / 10,
        userId: actor?.userId,
      },
      'request',
    );
  };
}
