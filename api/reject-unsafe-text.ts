import type { Context, MiddlewareHandler } from 'hono';
import { matchedRoutes } from 'hono/route';
import { displaySafe, findUnsafeText, isUnsafeText, unsafeTextIssue } from '../matching/core/unsafe-text.ts';
import type { AppEnv } from './env.ts';
import { problem } from './problem.ts';

const methodsWithBody = new Set(['POST', 'PUT', 'PATCH']);
const jsonType = /^application\/([\w.+-]+\+)?json\b/i;

/**
 * NUL and lone surrogates anywhere in a request (path parameter, query, JSON body key or value) answer 400
 * naming the field, once for every route, before any handler can pass them to PostgreSQL (which would fail
 * with a 500 whose error quotes the whole query). Runs after the body limit and the JSON content-type check;
 * Hono caches the body text, so the route's validator reads it again without a second network read.
 */
export const rejectUnsafeText: MiddlewareHandler<AppEnv> = async (c, next) => {
  const fields = [...unsafePathParams(c), ...unsafeQuery(c), ...(await unsafeBody(c))];
  if (fields.length === 0) return next();
  return problem(c, {
    status: 400,
    code: 'validation_failed',
    fields: fields.map((field) => ({ field, issue: unsafeTextIssue })),
  });
};

function unsafeQuery(c: Context<AppEnv>): string[] {
  return Object.entries(c.req.queries()).flatMap(([name, values]) =>
    isUnsafeText(name) || values.some(isUnsafeText) ? [displaySafe(name)] : [],
  );
}

/** A segment decoded the way Hono decodes a path parameter: sequences that are not UTF-8 stay as they were. */
function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment.replace(/(?:%[0-9a-f]{2})+/gi, (run) => {
      try {
        return decodeURIComponent(run);
      } catch {
        return run;
      }
    });
  }
}

/**
 * Path parameters are not parsed yet in a `*` middleware, so the matched routes' patterns name the segments:
 * `/v1/needs/:id` names the third one `id`. A bad segment no pattern names is reported as `(path)`.
 */
function unsafePathParams(c: Context<AppEnv>): string[] {
  const segments = new URL(c.req.url).pathname.split('/');
  const bad = segments.flatMap((segment, i) => (isUnsafeText(decodeSegment(segment)) ? [i] : []));
  if (bad.length === 0) return [];
  const patterns = matchedRoutes(c).map((route) => route.path.split('/'));
  return bad.map((i) => {
    for (const pattern of patterns) {
      const name = /^:(\w+)/.exec(pattern[i] ?? '')?.[1];
      if (name) return name;
    }
    return '(path)';
  });
}

async function unsafeBody(c: Context<AppEnv>): Promise<string[]> {
  if (!methodsWithBody.has(c.req.method) || !jsonType.test(c.req.header('content-type') ?? '')) return [];
  const text = await c.req.text();
  if (text === '') return [];
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return []; // the route's validator answers malformed_json, as for any other unreadable body
  }
  return findUnsafeText(body);
}
