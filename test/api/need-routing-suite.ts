import { afterAll, beforeAll, describe } from 'vitest';
import { makePersona } from '../support/factories.ts';
import { startServer } from '../support/http.ts';
import { type Backend, openTestDb } from '../support/test-db.ts';
import { testDeps } from '../support/test-deps.ts';
import type { QueueCtx } from './queue-helpers.ts';
import { chiefAllowanceTests, oneManagerTests } from './queue-one-manager.ts';
import { chainChangeTests, storedChainTests } from './queue-stored-chain.ts';

/**
 * Issue 8, deliverables 4 and 5 over real HTTP and the real processors, on each database backend: the chain is
 * stored on the record, one manager works all of a need's pairs, chiefs overflow only within their allowance.
 * A database of its own, because the SLA sweep here retries every waiting pair in it.
 */
export function needRoutingSuite(backend: Backend, serverUrl?: string) {
  describe(`need routing on ${backend}`, () => {
    const ctx = {} as QueueCtx;
    let drop: () => Promise<void>;
    let close: () => Promise<void>;

    beforeAll(async () => {
      const handle = await openTestDb(backend, serverUrl);
      drop = handle.drop;
      ctx.deps = testDeps(handle.db, { routing: { chiefOverflow: 0.2 } });
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

    describe('stored chain', () => storedChainTests(ctx));
    describe('chain change', () => chainChangeTests(ctx));
    describe('one manager per need', () => oneManagerTests(ctx, backend === 'postgres'));
    describe('chief allowance', () => chiefAllowanceTests(ctx));
  });
}
