import type { Context, MiddlewareHandler } from 'hono';
import { authenticateKey } from '../matching/admin/authenticate-key.ts';
import type { AppEnv } from './env.ts';
import { problem } from './problem.ts';

/** The secret of an `Authorization: Bearer <key>` header, if the request carries one. */
export const bearerSecret = (c: Context): string | undefined =>
  /^Bearer\s+(\S+)$/i.exec(c.req.header('authorization') ?? '')?.[1];

/** Bearer API keys. The key never reaches a log line: pino redacts the header and we log only the user id. */
export const requireApiKey: MiddlewareHandler<AppEnv> = async (c, next) => {
  const secret = bearerSecret(c);
  const actor = secret ? await authenticateKey({ deps: c.get('deps'), secret }) : null;
  if (!actor) {
    c.header('www-authenticate', 'Bearer realm="conversion-agent"');
    return problem(c, { status: 401, code: 'unauthorized' });
  }
  c.set('actor', actor);
  await next();
};
