import { afterAll, beforeAll, describe } from 'vitest';
import { makePersona } from '../support/factories.ts';
import { startServer } from '../support/http.ts';
import { type Backend, openTestDb } from '../support/test-db.ts';
import { testDeps } from '../support/test-deps.ts';
import { declineTests } from './declines.ts';
import { concurrencyTests } from './queue-concurrency.ts';
import { queueFilterTests } from './queue-filters.ts';
import type { QueueCtx } from './queue-helpers.ts';
import { partyTests } from './queue-party.ts';
import { routingTests } from './queue-routing.ts';
import { slaTests } from './queue-sla.ts';
import { workflowTests } from './queue-workflow.ts';

/**
 * Routing, the manager queue and the party views over real HTTP, on each database backend. Each test makes
 * its own industry chain, so managers and loads of one test never enter another's routing.
 */
export function queueSuite(backend: Backend, serverUrl?: string) {
  describe(`queue on ${backend}`, () => {
    const ctx = {} as QueueCtx;
    let drop: () => Promise<void>;
    let close: () => Promise<void>;

    beforeAll(async () => {
      const handle = await openTestDb(backend, serverUrl);
      drop = handle.drop;
      ctx.deps = testDeps(handle.db);
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

    describe('routing', () => routingTests(ctx, backend === 'postgres'));
    describe('queue and stage machine', () => workflowTests(ctx));
    describe('SLA sweep', () => slaTests(ctx));
    describe('party views', () => partyTests(ctx));
    describe('declines', () => declineTests(ctx));
    describe('queue filters and the admin pair list', () => queueFilterTests(ctx));
    if (backend === 'postgres') describe('concurrent claims', () => concurrencyTests(ctx));
  });
}
