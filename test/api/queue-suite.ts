import { describe } from 'vitest';
import type { Backend } from '../support/test-db.ts';
import { declineTests } from './declines.ts';
import { concurrencyTests } from './queue-concurrency.ts';
import { queueContext } from './queue-context.ts';
import { queueFilterTests } from './queue-filters.ts';
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
    const ctx = queueContext(backend, serverUrl);

    describe('routing', () => routingTests(ctx, backend === 'postgres'));
    describe('queue and stage machine', () => workflowTests(ctx));
    describe('SLA sweep', () => slaTests(ctx));
    describe('party views', () => partyTests(ctx));
    describe('declines', () => declineTests(ctx));
    describe('queue filters and the admin pair list', () => queueFilterTests(ctx));
    if (backend === 'postgres') describe('concurrent claims', () => concurrencyTests(ctx));
  });
}
