import { describe } from 'vitest';
import type { Backend } from '../support/test-db.ts';
import { queueContext } from './queue-context.ts';
import { chiefAllowanceTests, oneManagerTests } from './queue-one-manager.ts';
import { chainChangeTests, storedChainTests } from './queue-stored-chain.ts';

/**
 * Issue 8, deliverables 4 and 5 over real HTTP and the real processors, on each database backend: the chain is
 * stored on the record, one manager works all of a need's pairs, chiefs overflow only within their allowance.
 * A database of its own, because the SLA sweep here retries every waiting pair in it.
 */
export function needRoutingSuite(backend: Backend, serverUrl?: string) {
  describe(`need routing on ${backend}`, () => {
    const ctx = queueContext(backend, serverUrl, { routing: { chiefOverflow: 0.2 } });

    describe('stored chain', () => storedChainTests(ctx));
    describe('chain change', () => chainChangeTests(ctx));
    describe('one manager per need', () => oneManagerTests(ctx, backend === 'postgres'));
    describe('chief allowance', () => chiefAllowanceTests(ctx));
  });
}
