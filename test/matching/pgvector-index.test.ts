import { afterAll, describe, it } from 'vitest';
import { createPgvectorIndex } from '../../matching/vectors/pgvector-index.ts';
import { checkService } from '../support/services.ts';
import { openTestDb } from '../support/test-db.ts';
import { vectorIndexContract } from './vector-index-contract.ts';

const pglite = await openTestDb('pglite');
afterAll(() => pglite.drop());
vectorIndexContract('pgvector on PGlite', async (space) => ({
  index: createPgvectorIndex(pglite.db, space),
  cleanup: async () => {},
}));

const service = await checkService('TEST_DATABASE_URL');
if (service.available) {
  const server = await openTestDb('postgres', service.url);
  afterAll(() => server.drop());
  vectorIndexContract('pgvector on PostgreSQL', async (space) => ({
    index: createPgvectorIndex(server.db, space),
    cleanup: async () => {},
  }));
} else {
  describe.skip(`pgvector on PostgreSQL (${service.reason})`, () => it('skipped', () => {}));
}
