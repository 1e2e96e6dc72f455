import type { MiddlewareHandler } from 'hono';
import { authenticateKey } from '../matching/admin/authenticate-key.ts';
import type { AppEnv } from './env.ts';
import { problem } from './problem.ts';

/** Bearer API keys. The key never reaches a log line: pino redacts the header and we log only the user id. */
export const requireApiKey: MiddlewareHandler<AppEnv> = async (c, next) => {
  const header = c.req.header('authorization') ?? '';
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  const actor = match?.[1] ? await authenticateKey({ deps: c.get('deps'), secret: match[1] }) : null;
  if (!actor) {
    c.header('www-authenticate', 'Bearer realm="conversion-agent"');
    return problem(c, { status: 401, code: 'unauthorized' });
  }
  c.set('actor', actor);
  await next();
};
