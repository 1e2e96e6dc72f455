import { describe } from 'vitest';
import type { Backend } from '../support/test-db.ts';
import { outcomeContext } from './outcome-context.ts';
import { ruleTests } from './outcome-rules-tests.ts';
import { walkTests } from './outcome-walk.ts';

/** Outcomes on pairs over real HTTP, on each database backend. */
export function outcomesSuite(backend: Backend, serverUrl?: string) {
  describe(`outcomes on ${backend}`, () => {
    const ctx = outcomeContext(backend, serverUrl);
    describe('the walk', () => walkTests(ctx));
    describe('rules', () => ruleTests(ctx));
  });
}
