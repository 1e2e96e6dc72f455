import { afterAll, beforeAll } from 'vitest';
import type { Deps } from '../../matching/core/deps.ts';
import { makePersona } from '../support/factories.ts';
import { startServer } from '../support/http.ts';
import { type Backend, openTestDb } from '../support/test-db.ts';
import { testDeps } from '../support/test-deps.ts';
import type { QueueCtx } from './queue-helpers.ts';

/**
 * A database of its own, the API over real HTTP on it, and an enterprise, an institution and an admin; filled
 * in `beforeAll` and torn down in `afterAll` of the calling `describe`.
 */
export function queueContext(backend: Backend, serverUrl: string | undefined, overrides: Partial<Deps> = {}) {
  const ctx = {} as QueueCtx;
  let drop: (() => Promise<void>) | undefined;
  let close: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    const handle = await openTestDb(backend, serverUrl);
    drop = handle.drop;
    ctx.deps = testDeps(handle.db, overrides);
    const server = await startServer(ctx.deps);
    ctx.call = server.call;
    close = server.close;
    ctx.ent = await makePersona(ctx.deps, 'enterprise');
    ctx.inst = await makePersona(ctx.deps, 'institution');
    ctx.admin = await makePersona(ctx.deps, 'admin');
  });
  afterAll(async () => {
    await close?.();
    await drop?.();
  });
  return ctx;
}
