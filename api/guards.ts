import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { AppEnv } from './env.ts';
import { problem } from './problem.ts';

const methodsWithBody = new Set(['POST', 'PUT', 'PATCH']);

/** Bodies must be JSON; a body-less POST (e.g. withdraw) is fine. Checked before parsing, so nothing half-reads. */
export const requireJsonBody: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (!methodsWithBody.has(c.req.method)) return next();
  const type = c.req.header('content-type');
  const length = c.req.header('content-length');
  const hasBody = type !== undefined || (length !== undefined && length !== '0') || c.req.header('transfer-encoding');
  if (!hasBody) return next();
  if (!type || !/^application\/([\w.+-]+\+)?json\b/i.test(type.trim())) {
    return problem(c, { status: 415, code: 'unsupported_media_type', reason: 'json_only' });
  }
  return next();
};

export const limitBody = (maxSize: number): MiddlewareHandler<AppEnv> =>
  bodyLimit({
    maxSize,
    onError: (c) =>
      problem(c, { status: 413, code: 'payload_too_large', reason: 'body_limit', params: { limit: maxSize } }),
  });
