import { z } from '@hono/zod-openapi';
import type { Context, MiddlewareHandler } from 'hono';
import { errorLogFields } from '../matching/core/error-log-fields.ts';
import {
  claimIdempotencyKey,
  completeIdempotencyKey,
  type IdempotencyClaim,
  type KeptAnswer,
  releaseIdempotencyKey,
  requestFingerprint,
} from '../matching/core/idempotency.ts';
import type { AppEnv } from './env.ts';

/**
 * The request header, for a creating route's OpenAPI entry (`request.headers`). Named as documented; hono hands
 * header validators lower-cased names, so this entry documents the header and `idempotent` checks it.
 */
export const idempotencyKeyHeader = z.object({
  'Idempotency-Key': z
    .string()
    .optional()
    .openapi({
      description:
        'Optional; 1–255 printable ASCII characters, bare or as a quoted string. A retry with the same key and ' +
        'body gets the first answer again and creates nothing; another body with the key is a 409. Keys are ' +
        'per caller and route and are kept for 24 hours; only successful answers are kept.',
      example: '8e03978e-40d5-43e8-bc93-6894a57f9324',
    }),
});

export type IdempotencyOptions = {
  /** Method and route pattern, e.g. `POST /v1/needs`: the same key on another route is another key. */
  scope: string;
  /**
   * The answer carries a secret shown once (an API key, a webhook secret). Keeping it to replay would put the
   * secret in clear in another table, so only the created id is kept, and a retry gets 409
   * `idempotency_key_secret_not_replayable` naming it: the client learns the creation happened and can revoke
   * or disable it rather than hold a second live secret it never saw.
   */
  secretBearing?: boolean;
};

/**
 * Route middleware for creating POSTs. It runs before body validation, so an invalid body is answered and the
 * claim released like any other failure; only 2xx answers are kept (the draft leaves errors to the server,
 * and a failed request created nothing, so its retry should run).
 */
export function idempotent(options: IdempotencyOptions): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const header = c.req.header('idempotency-key');
    if (header === undefined) return next();
    const deps = c.get('deps');
    const claim: IdempotencyClaim = {
      userId: c.get('actor').userId,
      scope: options.scope,
      key: unquoteStructuredString(header.trim()),
      requestHash: requestFingerprint(c.req.method, c.req.path, await readBody(c)),
    };
    const outcome = await claimIdempotencyKey({ deps, claim });
    if (!outcome.claimed) {
      const { status, contentType, text } = outcome.answer;
      return new Response(text, { status, headers: { 'content-type': contentType, 'idempotent-replayed': 'true' } });
    }
    // Settling the key must not change the caller's answer: if it fails, the claim stays in flight until it
    // expires (retries get 409, never a second creation). Only class and code are logged (errorLogFields):
    // a query error would carry the kept answer, which may be confidential text.
    const settle = (work: () => Promise<void>) =>
      work().catch((error: unknown) =>
        deps.logger.error(
          { requestId: c.get('requestId'), scope: options.scope, error: errorLogFields(error) },
          'idempotency key not settled',
        ),
      );
    try {
      await next();
    } catch (error) {
      await settle(() => releaseIdempotencyKey({ deps, claim }));
      throw error;
    }
    if (c.res.status >= 200 && c.res.status < 300) {
      const response = c.res;
      await settle(async () => completeIdempotencyKey({ deps, claim, answer: await keptAnswer(response, options) }));
    } else {
      await settle(() => releaseIdempotencyKey({ deps, claim }));
    }
  };
}

/** The draft sends the key as a structured-field string (`"abc"`); plain `abc` is what most clients send. */
function unquoteStructuredString(value: string): string {
  const quoted = /^"((?:[^"\\]|\\["\\])*)"$/.exec(value);
  return quoted?.[1] !== undefined ? quoted[1].replace(/\\(["\\])/g, '$1') : value;
}

/** The body as JSON when it parses (field order then does not matter), else its text; hono caches it for the route. */
async function readBody(c: Context<AppEnv>): Promise<unknown> {
  const text = await c.req.text();
  return parseOrNull(text) ?? text;
}

async function keptAnswer(response: Response, options: IdempotencyOptions): Promise<KeptAnswer> {
  const text = await response.clone().text();
  if (!options.secretBearing) {
    const contentType = response.headers.get('content-type') ?? 'application/json';
    return { kind: 'answer', status: response.status, contentType, text };
  }
  const created = z.object({ id: z.string() }).safeParse(parseOrNull(text));
  return { kind: 'secret_withheld', status: response.status, resourceId: created.success ? created.data.id : '' };
}

function parseOrNull(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
