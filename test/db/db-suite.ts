import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConflictError } from '../../matching/core/errors.ts';
import { recordJob } from '../../matching/core/outbox.ts';
import { createNeed } from '../../matching/needs/create-need.ts';
import { withdrawNeed } from '../../matching/needs/withdraw-need.ts';
import { type Db, queryRows } from '../../schema/db.ts';
import { outbox } from '../../schema/outbox.ts';
import { checkReadiness, isReady } from '../../schema/readiness.ts';
import { loadTaxonomy, readTaxonomy } from '../../schema/seed/load-taxonomy.ts';
import { makePersona, sampleNeed } from '../support/factories.ts';
import { type Backend, openTestDb } from '../support/test-db.ts';
import { testDeps } from '../support/test-deps.ts';

/** Database behaviour that must hold on PGlite and on the real server alike. */
export function dbSuite(backend: Backend, serverUrl?: string) {
  describe(`database on ${backend}`, () => {
    let db: Db;
    let drop: () => Promise<void>;
    beforeAll(async () => {
      const handle = await openTestDb(backend, serverUrl);
      db = handle.db;
      drop = handle.drop;
    });
    afterAll(async () => drop?.());

    it('applies every migration and reports ready', async () => {
      const readiness = await checkReadiness(db);
      expect(isReady(readiness)).toBe(true);
      expect(readiness.migrations.applied).toBeGreaterThanOrEqual(2);
    });

    it('has pgvector with cosine distance', async () => {
      const [row] = await queryRows<{ d: number }>(db, sql`select ('[1,0]'::vector <=> '[0,1]'::vector)::float8 as d`);
      expect(Number(row?.d)).toBeCloseTo(1, 6);
    });

    it('seeds the Huzhou 1366 taxonomy: 16 chains in four tiers', async () => {
      const rows = await queryRows<{ tier: string; n: number }>(
        db,
        sql`select tier::text as tier, count(*)::int as n from industry_chains group by tier order by tier`,
      );
      expect(Object.fromEntries(rows.map((r) => [r.tier, Number(r.n)]))).toEqual({
        lead: 1,
        featured: 3,
        emerging: 6,
        future: 6,
      });
    });

    it('loads an alternative taxonomy from a JSON file', async () => {
      const file = join(tmpdir(), `taxonomy-${crypto.randomUUID()}.json`);
      const chains = [{ id: 'tz_auto_parts', name: '汽车零部件', tier: 'featured', keywords: ['汽配'] }];
      writeFileSync(file, JSON.stringify({ taxonomy: 'taizhou-556', chains }));
      expect(await loadTaxonomy(db, readTaxonomy(file))).toBe(1);
      const [row] = await queryRows<{ name: string; taxonomy: string }>(
        db,
        sql`select name, taxonomy from industry_chains where id = 'tz_auto_parts'`,
      );
      expect(row).toEqual({ name: '汽车零部件', taxonomy: 'taizhou-556' });
      writeFileSync(file, JSON.stringify({ taxonomy: 'x', chains: [{ id: 'Bad Id', name: '' }] }));
      expect(() => readTaxonomy(file)).toThrow(/chains\.0\.id/);
    });

    it('records ingest work with the write, and lets exactly one of two concurrent withdrawals win', async () => {
      const deps = testDeps(db);
      const owner = await makePersona(deps, 'enterprise');
      const need = await createNeed({ deps, actor: owner, input: sampleNeed() });
      const [work] = await db
        .select()
        .from(outbox)
        .where(eq(outbox.jobKey, `ingest-need-${need.id}`));
      expect(work).toMatchObject({ job: 'ingest', status: 'pending', payload: { kind: 'need', id: need.id } });
      const results = await Promise.allSettled([
        withdrawNeed({ deps, actor: owner, id: need.id }),
        withdrawNeed({ deps, actor: owner, id: need.id }),
      ]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const failure = results.find((r) => r.status === 'rejected');
      expect(failure?.status === 'rejected' && failure.reason instanceof ConflictError).toBe(true);
    });

    it('records a pending job once per key, and anew once it is in flight', async () => {
      const key = `ingest-need-${crypto.randomUUID()}`;
      const work = { job: 'ingest', key, payload: { kind: 'need', id: 'x' } } as const;
      await recordJob(db, work);
      await recordJob(db, work);
      const pending = await db.select().from(outbox).where(eq(outbox.jobKey, key));
      expect(pending).toHaveLength(1);
      await db.update(outbox).set({ status: 'dispatched' }).where(eq(outbox.jobKey, key));
      await recordJob(db, work);
      expect(await db.select().from(outbox).where(eq(outbox.jobKey, key))).toHaveLength(2);
      await expect(recordJob(db, { ...work, key: 'a:b' })).rejects.toThrow(/':'/);
    });
  });
}
