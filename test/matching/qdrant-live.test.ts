import { randomUUID } from 'node:crypto';
import { QdrantClient } from '@qdrant/js-client-rest';
import { describe, it } from 'vitest';
import { collectionName } from '../../matching/vectors/qdrant-collection.ts';
import { createQdrantIndex } from '../../matching/vectors/qdrant-index.ts';
import { vectorIndexContract } from './vector-index-contract.ts';

/**
 * The shared VectorIndex contract against a real Qdrant, when one is configured. Qdrant is optional in every
 * deployment, so an absent server skips (REQUIRE_SERVICES does not cover it) rather than failing the run.
 */
async function qdrantAvailability(): Promise<{ url: string } | { reason: string }> {
  const url = process.env.QDRANT_URL;
  if (!url) return { reason: 'QDRANT_URL is not set' };
  let host: string;
  try {
    host = new URL(url).host;
  } catch {
    return { reason: 'QDRANT_URL is not a valid URL' };
  }
  try {
    const response = await fetch(new URL('/readyz', url), { signal: AbortSignal.timeout(2_000) });
    if (response.ok) return { url };
    return { reason: `Qdrant at ${host} answered /readyz with ${response.status}` };
  } catch {
    return { reason: `Qdrant at ${host} is not reachable` };
  }
}

const availability = await qdrantAvailability();

if ('url' in availability) {
  const { url } = availability;
  const apiKey = process.env.QDRANT_API_KEY || undefined;
  // A run-specific prefix keeps concurrent runs (and leftovers of crashed ones) apart.
  const collectionPrefix = `test_${randomUUID().slice(0, 8)}`;
  const admin = new QdrantClient({ url, apiKey, checkCompatibility: false });
  vectorIndexContract('qdrant (live)', async (space) => ({
    index: createQdrantIndex(space, { url, apiKey, collectionPrefix }),
    cleanup: async () => {
      await admin.deleteCollection(collectionName(space, collectionPrefix));
    },
  }));
} else {
  console.warn(`[skip] Qdrant live contract skipped: ${availability.reason}`);
  describe.skip(`VectorIndex contract: qdrant (live) — skipped: ${availability.reason}`, () => {
    it('needs a reachable QDRANT_URL', () => {});
  });
}
