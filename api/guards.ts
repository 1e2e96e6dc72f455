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

export const limitBody = (maxSize: number): MiddlewareHandler<AppEnv> => {
  const tooLarge = (c: Parameters<MiddlewareHandler<AppEnv>>[0]) =>
    problem(c, { status: 413, code: 'payload_too_large', reason: 'body_limit', params: { limit: maxSize } });
  const limit = bodyLimit({ maxSize, onError: tooLarge });
  return (c, next) => {
    // hono's bodyLimit skips GET and HEAD (their Request carries no body), so a GET sent with an oversized body
    // was answered in full while the body stayed unread, and the connection reset cut the answer off mid-way.
    const declared = Number(c.req.header('content-length') ?? 0);
    if (declared > maxSize) return Promise.resolve(tooLarge(c));
    return limit(c, next);
  };
};
