import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import type { VectorIndex, VectorPayload, VectorRecord, VectorSpace } from '../../matching/vectors/vector-index.ts';

export type MakeIndex = (space: VectorSpace) => Promise<{ index: VectorIndex; cleanup(): Promise<void> }>;

/** Small seeded PRNG so every backend sees exactly the same vectors. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32 - 0.5;
  };
}

const unit = (values: number[]) => {
  const norm = Math.hypot(...values) || 1;
  return Float32Array.from(values, (v) => v / norm);
};

/** A vector at a controlled angle from `base`: small `noise` means close. */
function near(base: Float32Array, noise: number, random: () => number) {
  return unit(Array.from(base, (v) => v + noise * random()));
}

const payload = (overrides: Partial<VectorPayload> = {}): VectorPayload => ({
  kind: 'achievement',
  orgId: randomUUID(),
  status: 'published',
  confidentiality: 'public',
  chainId: 'ai',
  ...overrides,
});

/**
 * What every VectorIndex must do, whatever the backend: run it for pgvector (PGlite and server) and Qdrant.
 */
export function vectorIndexContract(name: string, makeIndex: MakeIndex) {
  describe(`VectorIndex contract: ${name}`, () => {
    const space: VectorSpace = { embedderId: 'contract-test', version: randomUUID().slice(0, 8), dimensions: 16 };
    const random = rng(42);
    const base = unit(Array.from({ length: 16 }, () => random()));
    const cleanups: (() => Promise<void>)[] = [];
    afterAll(async () => {
      for (const cleanup of cleanups) await cleanup();
    });
    const fresh = async (s: VectorSpace = { ...space, version: randomUUID().slice(0, 8) }) => {
      const made = await makeIndex(s);
      cleanups.push(made.cleanup);
      await made.index.ensure();
      await made.index.ensure();
      return made.index;
    };

    it('upserts idempotently and counts by filter', async () => {
      const index = await fresh();
      const records: VectorRecord[] = Array.from({ length: 10 }, (_, i) => ({
        id: randomUUID(),
        vector: near(base, 1, random),
        payload: payload({ kind: i < 6 ? 'achievement' : 'need', status: i < 6 ? 'published' : 'open' }),
      }));
      await index.upsert(records);
      await index.upsert(records.slice(0, 3));
      expect(await index.count()).toBe(10);
      expect(await index.count({ kind: 'need' })).toBe(4);
      expect(await index.count({ kind: 'achievement', statuses: ['published'] })).toBe(6);
    });

    it('returns the nearest first, with cosine scores', async () => {
      const index = await fresh();
      const ids = [randomUUID(), randomUUID(), randomUUID()];
      await index.upsert([
        { id: ids[2] ?? '', vector: near(base, 3, random), payload: payload() },
        { id: ids[0] ?? '', vector: base, payload: payload() },
        { id: ids[1] ?? '', vector: near(base, 0.3, random), payload: payload() },
      ]);
      const hits = await index.search({
        vector: base,
        k: 3,
        filter: { kind: 'achievement', audience: { system: true } },
      });
      expect(hits.map((h) => h.id)).toEqual(ids);
      expect(hits[0]?.score).toBeCloseTo(1, 4);
      expect(hits[0]?.score).toBeGreaterThanOrEqual(hits[1]?.score ?? 2);
    });

    it('applies filters inside the query, before the top-k cut', async () => {
      const index = await fresh();
      const closeButWithdrawn = Array.from({ length: 40 }, () => ({
        id: randomUUID(),
        vector: near(base, 0.05, random),
        payload: payload({ status: 'withdrawn' }),
      }));
      const farButOpen = Array.from({ length: 5 }, () => ({
        id: randomUUID(),
        vector: near(base, 4, random),
        payload: payload({ chainId: 'nev' }),
      }));
      await index.upsert([...closeButWithdrawn, ...farButOpen]);
      const hits = await index.search({
        vector: base,
        k: 5,
        filter: { kind: 'achievement', statuses: ['published'], chainIds: ['nev'], audience: { system: true } },
      });
      expect(new Set(hits.map((h) => h.id))).toEqual(new Set(farButOpen.map((r) => r.id)));
      const excluded = farButOpen[0]?.payload.orgId ?? '';
      const without = await index.search({
        vector: base,
        k: 5,
        filter: { kind: 'achievement', statuses: ['published'], excludeOrgIds: [excluded], audience: { system: true } },
      });
      expect(without).toHaveLength(4);
    });

    it("never shows one organisation's confidential record to another", async () => {
      const index = await fresh();
      const owner = randomUUID();
      const canary = {
        id: randomUUID(),
        vector: base,
        payload: payload({ kind: 'need', status: 'open', orgId: owner, confidentiality: 'confidential' }),
      };
      const open = {
        id: randomUUID(),
        vector: near(base, 0.5, random),
        payload: payload({ kind: 'need', status: 'open' }),
      };
      await index.upsert([canary, open]);
      const filter = { kind: 'need' as const, statuses: ['open'] };
      const asOther = await index.search({
        vector: base,
        k: 10,
        filter: { ...filter, audience: { orgId: randomUUID() } },
      });
      expect(asOther.map((h) => h.id)).toEqual([open.id]);
      const asOwner = await index.search({ vector: base, k: 10, filter: { ...filter, audience: { orgId: owner } } });
      expect(asOwner.map((h) => h.id)).toEqual([canary.id, open.id]);
      const asSystem = await index.search({ vector: base, k: 10, filter: { ...filter, audience: { system: true } } });
      expect(asSystem.map((h) => h.id)).toContain(canary.id);
      expect(await index.count({ kind: 'need', audience: { orgId: randomUUID() } })).toBe(1);
    });

    it('deletes, rejects foreign dimensions and rebuilds from batches', async () => {
      const index = await fresh();
      const records = Array.from({ length: 6 }, () => ({
        id: randomUUID(),
        vector: near(base, 1, random),
        payload: payload(),
      }));
      await index.upsert(records);
      await index.delete([records[0]?.id ?? '']);
      expect(await index.count()).toBe(5);
      await expect(
        index.upsert([{ id: randomUUID(), vector: new Float32Array(8), payload: payload() }]),
      ).rejects.toThrow();
      await expect(
        index.search({
          vector: new Float32Array(8),
          k: 1,
          filter: { kind: 'achievement', audience: { system: true } },
        }),
      ).rejects.toThrow();
      async function* batches() {
        yield records.slice(0, 2);
        yield records.slice(2, 3);
      }
      expect(await index.rebuild(batches())).toBe(3);
      expect(await index.count()).toBe(3);
    });

    it('keeps vector spaces apart', async () => {
      const a = await fresh();
      const b = await fresh({ ...space, version: `${randomUUID().slice(0, 8)}-b`, dimensions: 8 });
      await a.upsert([{ id: randomUUID(), vector: base, payload: payload() }]);
      expect(await b.count()).toBe(0);
      expect(
        await b.search({
          vector: unit([1, 0, 0, 0, 0, 0, 0, 0]),
          k: 5,
          filter: { kind: 'achievement', audience: { system: true } },
        }),
      ).toEqual([]);
    });
  });
}
